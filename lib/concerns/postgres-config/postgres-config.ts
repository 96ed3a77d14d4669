import { BarmanGraph, Instance } from '../../model/graph';
import { HostFile } from '../../render/host-files';
import { Construct, TerraformResource } from '../../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement } from '../../constructs/host-provisioner';
import { postgresConfigFiles } from './postgres-config-files';
import { postgresConfigScript } from './postgres-config-step';

export interface PostgresConfigProps extends ProvisionerPlacement {
  readonly graph: BarmanGraph;
  readonly instance: Instance;
}

/** A Postgres instance's pg_hba.conf block for every Barman server, and its WAL commands. */
export class PostgresConfig extends Construct {
  public readonly resource: TerraformResource;
  /** the files it writes, as rendered: the pg_hba.conf block */
  public readonly files: readonly HostFile[];

  constructor(scope: Construct, id: string, props: PostgresConfigProps) {
    super(scope, id);
    const files = postgresConfigFiles(props.graph, props.instance);
    this.files = files;
    const [hba] = files;
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.instance,
      connection: props.connection,
      files,
      script: postgresConfigScript(props.graph, props.instance, hba),
    }).resource;
  }
}
