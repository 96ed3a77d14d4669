import { BackupEdge } from '../model/graph';
import { activationScript } from '../scripts/postgres-side-scripts';
import { serverConfPath } from '../render/server-conf';
import { renderServerConf } from '../render/server-conf';
import { Construct, ITerraformDependable, TerraformResource } from '../platform/cdktf';
import { HostConnectionProps } from './host-connection';
import { HostProvisioner, ProvisionerResourceType } from './host-provisioner';
import { escapeTerraform } from './terraform-escape';

export interface BarmanActivationProps {
  readonly edge: BackupEdge;
  readonly resourceType: ProvisionerResourceType;
  readonly connection: HostConnectionProps;
  readonly logicalId: string;
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
      purpose: `activate ${e.backupName} on ${e.server.name}: slot, receive-wal, barman check`,
      extraTriggers: { [serverConfPath(e)]: escapeTerraform(renderServerConf(e)), first_backup: String(e.instance.settings.firstBackup) },
      dependsOn: props.dependsOn,
    }).resource;
  }
}
