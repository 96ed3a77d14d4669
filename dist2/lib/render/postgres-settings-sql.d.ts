import { BarmanGraph, Instance } from '../model/graph';
/** archive_command of a backed-up instance with barman_archiver: one barman-wal-archive per server. */
export declare function archiveCommand(graph: BarmanGraph, b: Instance): string | undefined;
/** restore_command of a replica with barman_wal_restore. */
export declare function restoreCommand(graph: BarmanGraph, r: Instance): string | undefined;
/**
 * ALTER SYSTEM statements for the WAL commands the library owns. A command it set earlier and no
 * longer wants is reset; one set by someone else (not starting with barman-wal-) is left alone.
 */
export declare function renderPostgresSettingsSql(graph: BarmanGraph, p: Instance): string;
