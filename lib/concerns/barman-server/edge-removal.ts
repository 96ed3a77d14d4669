import { RemovedBackups } from '../../model/enums';
import { Instance } from '../../model/graph';
import { BACKUP_LOCK_PREFIX } from '../../render/cron-entries';
import { shellFileIn } from '../../scripts/shell-assets';

/**
 * Retiring one Barman server (a backed-up instance that left this Barman server): shell
 * functions of the host program (edge-removal.sh). Measured on Barman 3.4:
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
export const EDGE_REMOVAL_LIBRARY = shellFileIn(__dirname, 'edge-removal.sh', { BACKUP_LOCK_PREFIX });

/** What happens to the backups of a removed server, as retire_server takes it. */
export function removedBackupsArg(server: Instance): string {
  return server.settings.removedBackups === RemovedBackups.DELETE ? 'delete' : 'keep';
}
