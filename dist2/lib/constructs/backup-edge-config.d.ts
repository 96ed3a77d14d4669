import { BackupEdge } from '../model/graph';
import { HostFile } from '../render/host-files';
import { DatabasePasswords } from './database-passwords';
import { Construct, ITerraformDependable, TerraformResource } from '../platform/cdktf';
import { ProvisionerPlacement } from './host-provisioner';
export interface BackupEdgeConfigProps extends ProvisionerPlacement {
    readonly edge: BackupEdge;
    /** the Barman server's files, as renderHosts gives them; this takes the edge's own */
    readonly files: readonly HostFile[];
    /** the Barman server's base configuration, which must exist first */
    readonly serverConfig: ITerraformDependable;
    /** write the instance's lines of ~barman/.pgpass with these @default - no .pgpass lines */
    readonly passwords?: DatabasePasswords;
}
/** One backed-up instance on one Barman server: /etc/barman.d/<backup_name>.conf and its cron file. */
export declare class BackupEdgeConfig extends Construct {
    readonly resource: TerraformResource;
    /** /etc/barman.d/<backup_name>.conf as rendered, for what depends on its content */
    readonly serverConf: HostFile;
    constructor(scope: Construct, id: string, props: BackupEdgeConfigProps);
}
