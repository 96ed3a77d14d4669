import { SshUser } from '../../model/enums';
import { BarmanGraph, Instance } from '../../model/graph';
import { HostFile } from '../../render/host-files';
import { Construct, TerraformResource } from '../../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement, privateKeyInstalls } from '../../constructs/host-provisioner';
import { SshKeyPairs } from '../../constructs/ssh-key-pairs';
import { postgresAccessFiles } from './postgres-access-files';
import { postgresAccessScript } from './postgres-access-step';

export interface PostgresAccessProps extends ProvisionerPlacement {
  readonly graph: BarmanGraph;
  readonly instance: Instance;
  readonly keys: SshKeyPairs;
}

/** A Postgres instance's side: the postgres user's keys, Barman's key authorized, Barman hosts known. */
export class PostgresAccess extends Construct {
  public readonly resource: TerraformResource;
  /** the files it writes, as rendered */
  public readonly files: readonly HostFile[];

  constructor(scope: Construct, id: string, props: PostgresAccessProps) {
    super(scope, id);
    const files = postgresAccessFiles(props.graph, props.instance, props.keys);
    this.files = files;
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.instance,
      connection: props.connection,
      files,
      script: postgresAccessScript(props.graph, props.instance, files),
      privateKeys: privateKeyInstalls(files, props.keys.privateKeyBase64(SshUser.POSTGRES, props.instance)),
    }).resource;
  }
}
