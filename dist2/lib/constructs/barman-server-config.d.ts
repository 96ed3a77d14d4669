import { BarmanGraph, Instance } from '../model/graph';
import { HostFile } from '../render/host-files';
import { Construct, TerraformResource } from '../platform/cdktf';
import { ProvisionerPlacement } from './host-provisioner';
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
export declare class BarmanServerConfig extends Construct {
    readonly resource: TerraformResource;
    constructor(scope: Construct, id: string, props: BarmanServerConfigProps);
}
