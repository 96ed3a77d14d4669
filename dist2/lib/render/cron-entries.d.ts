import { BackupEdge, Instance } from '../model/graph';
export declare const CRON_DIR = "/etc/cron.d";
/** replaces the Debian package's own file of that name, so `barman cron` never runs twice */
export declare const BARMAN_CRON_PATH = "/etc/cron.d/barman";
/** /etc/cron.d/barman: `barman cron` every minute (WAL archiving, receive-wal, retention). */
export declare function renderBarmanCron(server: Instance): string;
export declare function backupCronPath(edge: BackupEdge): string;
/**
 * A lock of our own that the next run finds held while a backup still runs (Barman's own backup
 * lock is taken inside `barman backup`: sharing it would make every run refuse itself).
 */
export declare function backupLockPath(edge: BackupEdge): string;
/** `<barman_home>/<prefix><cron file name>.lock`; the removal of an edge deletes it too */
export declare const BACKUP_LOCK_PREFIX = ".cdktf-barman-backup-";
/**
 * /etc/cron.d/<backup_name>: the scheduled full backups of one instance. A run that finds the
 * previous one still going exits at once (flock -n) instead of queueing behind it.
 */
export declare function renderBackupCron(edge: BackupEdge): string;
