import { SshUser } from '../model/enums';
import { BarmanGraph, Instance } from '../model/graph';
import { Concern, FileKind, HostFile } from '../render/host-files';
import { barmanServerScript } from '../scripts/concern-scripts';
import { Construct, TerraformResource } from '../platform/cdktf';
import { HostProvisioner, ProvisionerPlacement } from './host-provisioner';
import { SshKeyPairs } from './ssh-key-pairs';

export interface BarmanServerConfigProps extends ProvisionerPlacement {
  readonly graph: BarmanGraph;
  readonly server: Instance;
  /** this server's files, as renderHosts gives them (all concerns; this takes its own) */
  readonly files: readonly HostFile[];
  readonly keys: SshKeyPairs;
}

/**
 * A Barman server's base configuration: /etc/barman.conf, the guard script, /etc/cron.d/barman,
 * barman_home, the log file and its rotation, the barman user's keys, authorized_keys and
 * known_hosts; and the removal of per-instance files the graph no longer has.
 */
export class BarmanServerConfig extends Construct {
  public readonly resource: TerraformResource;

  constructor(scope: Construct, id: string, props: BarmanServerConfigProps) {
    super(scope, id);
    const files = props.files.filter((f) => f.concern === Concern.BARMAN_SERVER);
    const key = files.find((f) => f.kind === FileKind.PRIVATE_KEY)!;
    this.resource = new HostProvisioner(this, 'provisioner', {
      resourceType: props.resourceType,
      logicalId: props.logicalId,
      host: props.server,
      connection: props.connection,
      files,
      script: barmanServerScript(props.graph, props.server, files),
      privateKeys: [{ file: key, base64: props.keys.privateKeyBase64(SshUser.BARMAN, props.server) }],
    }).resource;
  }
}
