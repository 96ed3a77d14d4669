"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BACKUP_LOCK_PREFIX = exports.BARMAN_CRON_PATH = exports.CRON_DIR = void 0;
exports.renderBarmanCron = renderBarmanCron;
exports.backupCronPath = backupCronPath;
exports.backupLockPath = backupLockPath;
exports.renderBackupCron = renderBackupCron;
const guard_script_1 = require("./guard-script");
const managed_header_1 = require("./managed-header");
exports.CRON_DIR = '/etc/cron.d';
/** replaces the Debian package's own file of that name, so `barman cron` never runs twice */
exports.BARMAN_CRON_PATH = `${exports.CRON_DIR}/barman`;
/**
 * cron ignores a file whose last line has no newline; every line here ends with one. MAILTO=root
 * as in the Debian package's /etc/cron.d/barman, which this replaces: what a job prints (Barman's
 * errors; a quiet run prints nothing) reaches root, not the barman user's unread mailbox.
 */
function cronFile(what, line) {
    return (0, managed_header_1.managedHeader)('#', what) + 'MAILTO=root\n' + line + '\n';
}
/** /etc/cron.d/barman: `barman cron` every minute (WAL archiving, receive-wal, retention). */
function renderBarmanCron(server) {
    return cronFile(`Barman maintenance on ${server.name}`, `* * * * * ${server.settings.barmanUser} ${guard_script_1.GUARD_SCRIPT_PATH} && /usr/bin/barman -q cron`);
}
function backupCronPath(edge) {
    return `${exports.CRON_DIR}/${edge.cronFileName}`;
}
/**
 * A lock of our own that the next run finds held while a backup still runs (Barman's own backup
 * lock is taken inside `barman backup`: sharing it would make every run refuse itself).
 */
function backupLockPath(edge) {
    return `${edge.server.settings.barmanHome}/${exports.BACKUP_LOCK_PREFIX}${edge.cronFileName}.lock`;
}
/** `<barman_home>/<prefix><cron file name>.lock`; the removal of an edge deletes it too */
exports.BACKUP_LOCK_PREFIX = '.cdktf-barman-backup-';
/**
 * /etc/cron.d/<backup_name>: the scheduled full backups of one instance. A run that finds the
 * previous one still going exits at once (flock -n) instead of queueing behind it.
 */
function renderBackupCron(edge) {
    const s = edge.instance.settings;
    return cronFile(`full backups of ${edge.instance.name}`, `${edge.backupSchedule} ${s.barmanUser} ${guard_script_1.GUARD_SCRIPT_PATH} && /usr/bin/flock -n ${backupLockPath(edge)} /usr/bin/barman backup ${edge.backupName}`);
}
