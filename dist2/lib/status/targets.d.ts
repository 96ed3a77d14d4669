import { BarmanGraph, Instance } from '../model/graph';
import { HostFile } from '../render/host-files';
/** One backed-up instance on one Barman server. */
export interface BackupTarget {
    readonly instance: string;
    /** Barman's server name for it (`backup_name`) */
    readonly backupName: string;
    readonly slotName: string;
    /** e.g. `1 WEEK` */
    readonly lastBackupMaximumAge: string;
    readonly minimumRedundancy: number;
}
/** One Barman server. */
export interface ServerTarget {
    readonly name: string;
    /** where ssh connects */
    readonly host: string;
    readonly port: number;
    readonly barmanUser: string;
    readonly barmanHome: string;
    readonly backups: readonly BackupTarget[];
    /** whole files the stack writes there: path -> sha256 of the rendered content */
    readonly files: Readonly<Record<string, string>>;
}
export declare const STATUS_TARGETS_KIND = "cdktf-barman-status-targets";
export interface StatusTargets {
    readonly kind: 'cdktf-barman-status-targets';
    readonly formatVersion: 1;
    readonly cluster: string;
    readonly servers: readonly ServerTarget[];
}
/**
 * Whole files whose content status compares: key files (content known only at apply time) and
 * shared files (managed lines, blocks, .pgpass) are left out.
 */
export declare function comparedFiles(files: readonly HostFile[]): Record<string, string>;
/** The targets of a graph, from each Barman server's rendered files. */
export declare function statusTargets(graph: BarmanGraph, filesOf: (server: Instance) => readonly HostFile[]): StatusTargets;
