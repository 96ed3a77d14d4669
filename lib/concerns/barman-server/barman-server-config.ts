import { SshUser } from '../../model/enums';
import { BarmanGraph, Instance } from '../../model/graph';
import { HostFile } from '../../render/host-files';
import { Construct, TerraformResource } from '../../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement, privateKeyInstalls } from '../../constructs/host-provisioner';
import { SshKeyPairs } from '../../constructs/ssh-key-pairs';
import { barmanServerFiles } from './barman-server-files';
import { barmanServerScript } from './barman-server-step';

export interface BarmanServerConfigProps extends ProvisionerPlacement {
  readonly graph: BarmanGraph;
  readonly server: Instance;
  readonly keys: SshKeyPairs;
}

/**
 * A Barman server's base configuration: /etc/barman.conf, the guard script, /etc/cron.d/barman,
 * barman_home, the log file and its rotation, the barman user's keys, authorized_keys and
 * known_hosts; and the removal of per-instance files the graph no longer has.
 */
export class BarmanServerConfig extends Construct {
  public readonly resource: TerraformResource;
  /** the files it writes, as rendered */
  public readonly files: readonly HostFile[];
  /** the Barman server it configures */
  public readonly server: Instance;

  constructor(scope: Construct, id: string, props: BarmanServerConfigProps) {
    super(scope, id);
    const files = barmanServerFiles(props.graph, props.server, props.keys);
    this.files = files;
    this.server = props.server;
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.server,
      connection: props.connection,
      files,
      script: barmanServerScript(props.graph, props.server, files),
      privateKeys: privateKeyInstalls(files, props.keys.privateKeyBase64(SshUser.BARMAN, props.server)),
    }).resource;
  }
}
