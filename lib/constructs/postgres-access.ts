import { SshUser } from '../model/enums';
import { BarmanGraph, Instance } from '../model/graph';
import { Concern, FileKind, HostFile } from '../render/host-files';
import { postgresAccessScript } from '../scripts/concern-scripts';
import { Construct, TerraformResource } from '../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement } from './host-provisioner';
import { SshKeyPairs } from './ssh-key-pairs';

export interface PostgresAccessProps extends ProvisionerPlacement {
  readonly graph: BarmanGraph;
  readonly instance: Instance;
  /** the instance's files, as renderHosts gives them; this takes its own */
  readonly files: readonly HostFile[];
  readonly keys: SshKeyPairs;
}

/** A Postgres instance's side: the postgres user's keys, Barman's key authorized, Barman hosts known. */
export class PostgresAccess extends Construct {
  public readonly resource: TerraformResource;

  constructor(scope: Construct, id: string, props: PostgresAccessProps) {
    super(scope, id);
    const files = props.files.filter((f) => f.concern === Concern.POSTGRES_ACCESS);
    const key = files.find((f) => f.kind === FileKind.PRIVATE_KEY)!;
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.instance,
      connection: props.connection,
      files,
      script: postgresAccessScript(props.graph, props.instance, files),
      privateKeys: [{ file: key, base64: props.keys.privateKeyBase64(SshUser.POSTGRES, props.instance) }],
    }).resource;
  }
}
