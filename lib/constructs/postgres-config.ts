import { BarmanGraph, Instance } from '../model/graph';
import { Concern, HostFile } from '../render/host-files';
import { postgresConfigScript } from '../scripts/postgres-side-scripts';
import { Construct, TerraformResource } from '../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement } from './host-provisioner';

export interface PostgresConfigProps extends ProvisionerPlacement {
  readonly graph: BarmanGraph;
  readonly instance: Instance;
  /** the instance's files, as renderHosts gives them; this takes its own */
  readonly files: readonly HostFile[];
}

/** A Postgres instance's pg_hba.conf block for every Barman server, and its WAL commands. */
export class PostgresConfig extends Construct {
  public readonly resource: TerraformResource;

  constructor(scope: Construct, id: string, props: PostgresConfigProps) {
    super(scope, id);
    const files = props.files.filter((f) => f.concern === Concern.POSTGRES_CONFIG);
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.instance,
      connection: props.connection,
      files,
      script: postgresConfigScript(props.graph, props.instance, files[0]),
    }).resource;
  }
}
