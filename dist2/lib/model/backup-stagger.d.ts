/**
 * Many instances on one Barman server with the same schedule would all start their full backups in
 * the same minute. With `barman_backup_stagger` on the server, each gets its own start minute,
 * derived from its backup name alone (a hash, then the next free minute in name order), so that
 * adding or removing an instance leaves the others' cron files unchanged unless two names collide.
 */
import { BackupEdge } from './graph';
/** A schedule whose minute field is one number, e.g. `0 4 * * wed,sat`. */
export declare function hasFixedMinute(schedule: string): boolean;
/**
 * The schedule of every edge: its instance's barman_backup_interval, with the minute replaced on
 * servers that stagger. Edges whose minute field is not a single number keep their schedule.
 */
export declare function backupSchedules(edges: readonly BackupEdge[]): Map<BackupEdge, string>;
