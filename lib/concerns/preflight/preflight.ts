import { BarmanGraph, Instance } from '../../model/graph';
import { Construct, TerraformResource } from '../../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement } from '../../constructs/host-provisioner';
import { preflightScript } from './preflight-step';

export interface PreflightProps extends ProvisionerPlacement {
  readonly graph: BarmanGraph;
  readonly host: Instance;
  /** install the missing packages (apt-get, dnf or yum) instead of only reporting them @default false */
  readonly installPackages?: boolean;
}

/**
 * One host's preflight: checks that the host has what its roles need (Barman, the PostgreSQL
 * client of each instance it backs up, rsync, cron, flock; PostgreSQL, sshd, barman-cli) and
 * fails with one message listing everything missing and its packages. It writes nothing; every
 * resource writing on the host, and every backup edge to or from it, waits for it (afterPreflights
 * in barman-cluster.ts), so a failed preflight stops them before they write. Re-runs when the
 * host's needs (or installPackages) change.
 */
export class Preflight extends Construct {
  public readonly resource: TerraformResource;
  public readonly host: Instance;

  constructor(scope: Construct, id: string, props: PreflightProps) {
    super(scope, id);
    this.host = props.host;
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.host,
      connection: props.connection,
      files: [],
      script: preflightScript(props.graph, props.host, props.installPackages ?? false),
    }).resource;
  }
}
