import { BackupEdge, Instance } from '../model/graph';
import { GUARD_SCRIPT_PATH } from './guard-script';
import { managedHeader } from './managed-header';

export const CRON_DIR = '/etc/cron.d';
/** replaces the Debian package's own file of that name, so `barman cron` never runs twice */
export const BARMAN_CRON_PATH = `${CRON_DIR}/barman`;

/**
 * cron ignores a file whose last line has no newline; every line here ends with one. MAILTO=root
 * as in the Debian package's /etc/cron.d/barman, which this replaces: what a job prints (Barman's
 * errors; a quiet run prints nothing) reaches root, not the barman user's unread mailbox.
 */
export function cronFile(what: string, line: string): string {
  return managedHeader('#', what) + 'MAILTO=root\n' + line + '\n';
}

/** /etc/cron.d/barman: `barman cron` every minute (WAL archiving, receive-wal, retention). */
export function renderBarmanCron(server: Instance): string {
  return cronFile(`Barman maintenance on ${server.name}`, `* * * * * ${server.settings.barmanUser} ${GUARD_SCRIPT_PATH} && /usr/bin/barman -q cron`);
}

export function backupCronPath(edge: BackupEdge): string {
  return `${CRON_DIR}/${edge.cronFileName}`;
}

/**
 * A lock of our own that the next run finds held while a backup still runs (Barman's own backup
 * lock is taken inside `barman backup`: sharing it would make every run refuse itself).
 */
export function backupLockPath(edge: BackupEdge): string {
  return `${edge.server.settings.barmanHome}/${BACKUP_LOCK_PREFIX}${edge.cronFileName}.lock`;
}

/** `<barman_home>/<prefix><cron file name>.lock`; the removal of an edge deletes it too */
export const BACKUP_LOCK_PREFIX = '.cdktf-barman-backup-';

/**
 * /etc/cron.d/<backup_name>: the scheduled full backups of one instance. A run that finds the
 * previous one still going exits at once (flock -n) instead of queueing behind it.
 */
export function renderBackupCron(edge: BackupEdge): string {
  const s = edge.instance.settings;
  return cronFile(`full backups of ${edge.instance.name}`, `${edge.backupSchedule} ${s.barmanUser} ${GUARD_SCRIPT_PATH} && /usr/bin/flock -n ${backupLockPath(edge)} /usr/bin/barman backup ${edge.backupName}`);
}
