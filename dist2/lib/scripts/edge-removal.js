"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EDGE_REMOVAL_LIBRARY = void 0;
exports.removedBackupsArg = removedBackupsArg;
const enums_1 = require("../model/enums");
const cron_entries_1 = require("../render/cron-entries");
const shell_assets_1 = require("./shell-assets");
/**
 * Retiring one Barman server (a backed-up instance that left this Barman server): shell functions
 * added after SHELL_LIBRARY. Measured on Barman 3.4:
 * - `barman cron` takes a per-server lock, `<barman_lock_directory>/.<name>-cron.lock`, with
 *   fcntl.flock and skips the server while someone else holds it ("Another cron process is already
 *   running"); the global `.cron.lock` class exists but 3.4 never takes it. util-linux `flock` on
 *   the per-server file therefore keeps cron from restarting receive-wal until the conf is gone.
 * - `receive-wal --stop` waits (up to 10 s) for the process to end; without one it fails with
 *   "no such process". `--drop-slot` connects with streaming_conninfo (and ~barman/.pgpass): with a
 *   running receive-wal it fails "because it is in use", a second time "does not exist", with
 *   PostgreSQL down "Cannot connect to server"; every failure exits 1.
 * The caller defines `bm` (barman as its user, PGCONNECT_TIMEOUT set), BM_USER, BM_HOME (lock
 * directory and backups) and BM_CONF_DIR; the test suite points them at a throwaway Barman.
 */
exports.EDGE_REMOVAL_LIBRARY = (0, shell_assets_1.shellFile)('edge-removal.sh', { BACKUP_LOCK_PREFIX: cron_entries_1.BACKUP_LOCK_PREFIX });
/** What happens to the backups of a removed server, as retire_server takes it. */
function removedBackupsArg(server) {
    return server.settings.removedBackups === enums_1.RemovedBackups.DELETE ? 'delete' : 'keep';
}
