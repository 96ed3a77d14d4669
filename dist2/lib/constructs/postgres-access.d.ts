import { BarmanGraph, Instance } from '../model/graph';
import { HostFile } from '../render/host-files';
import { Construct, TerraformResource } from '../platform/cdktf';
import { ProvisionerPlacement } from './host-provisioner';
import { SshKeyPairs } from './ssh-key-pairs';
export interface PostgresAccessProps extends ProvisionerPlacement {
    readonly graph: BarmanGraph;
    readonly instance: Instance;
    /** the instance's files, as renderHosts gives them; this takes its own */
    readonly files: readonly HostFile[];
    readonly keys: SshKeyPairs;
}
/** A Postgres instance's side: the postgres user's keys, Barman's key authorized, Barman hosts known. */
export declare class PostgresAccess extends Construct {
    readonly resource: TerraformResource;
    constructor(scope: Construct, id: string, props: PostgresAccessProps);
}
