import { BackupEdge } from '../../model/graph';
import { FileKind, HostFile } from '../../render/host-files';
import { Construct, ITerraformDependable, TerraformResource } from '../../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement } from '../../constructs/host-provisioner';
import { escapeTerraform } from '../../constructs/terraform-escape';
import { activationScript } from './activation-step';

export interface BarmanActivationProps extends ProvisionerPlacement {
  readonly edge: BackupEdge;
  /** the edge's Barman section as the backup edge rendered it (BackupEdgeConfig.serverConf): a change to it re-runs the activation */
  readonly serverConf: Extract<HostFile, { readonly kind: FileKind.FILE }>;
  /** what must exist first: the edge's files, roles, pg_hba.conf, keys */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * Turns one instance on on one Barman server: slot, receive-wal, a first archived segment, an
 * optional first backup, and `barman check`, whose real failures fail the apply. Re-runs when the
 * instance's Barman configuration changes.
 */
export class BarmanActivation extends Construct {
  public readonly resource: TerraformResource;

  constructor(scope: Construct, id: string, props: BarmanActivationProps) {
    super(scope, id);
    const e = props.edge;
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: e.server,
      connection: props.connection,
      files: [],
      script: activationScript(e),
      extraTriggers: { [props.serverConf.path]: escapeTerraform(props.serverConf.content), first_backup: String(e.instance.settings.firstBackup) },
      dependsOn: props.dependsOn,
    }).resource;
  }
}
