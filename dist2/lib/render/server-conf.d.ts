import { BackupEdge } from '../model/graph';
export declare function serverConfPath(edge: BackupEdge): string;
/** /etc/barman.d/<backup_name>.conf: one backed-up instance on one Barman server. */
export declare function renderServerConf(edge: BackupEdge): string;
