import { BarmanGraph, Instance } from '../model/graph';
import { HostFile } from '../render/host-files';
import { Construct, TerraformResource } from '../platform/cdktf';
import { ProvisionerPlacement } from './host-provisioner';
export interface PostgresConfigProps extends ProvisionerPlacement {
    readonly graph: BarmanGraph;
    readonly instance: Instance;
    /** the instance's files, as renderHosts gives them; this takes its own */
    readonly files: readonly HostFile[];
}
/** A Postgres instance's pg_hba.conf block for every Barman server, and its WAL commands. */
export declare class PostgresConfig extends Construct {
    readonly resource: TerraformResource;
    constructor(scope: Construct, id: string, props: PostgresConfigProps);
}
