import { Instance } from '../../model/graph';
import { GUARD_DIR } from '../../render/guard-script';
import { managedHeader } from '../../render/managed-header';
import { shellQuote } from '../../render/shell-quote';
import { hostScriptFile } from '../../scripts/shell-assets';

/** Where the drill script lives on a Barman server. */
export const DRILL_SCRIPT_PATH = `${GUARD_DIR}/restore-drill`;

/** Where a server keeps the last drill result of each instance (one JSON file each). */
export function drillResultPath(server: Instance, backupName: string): string {
  return `${server.settings.barmanHome}/cdktf-barman-drills/${backupName}.json`;
}

/**
 * The restore drill of a Barman server (restore-drill.sh beside this file): recovers a backup into
 * a scratch directory, starts and checks it, records the result, removes what it made.
 */
export function renderDrillScript(server: Instance): string {
  return hostScriptFile(__dirname, 'restore-drill.sh', managedHeader('#', 'proves a backup restores (a restore drill)'), {
    BARMAN_USER: shellQuote(server.settings.barmanUser),
    BARMAN_HOME: shellQuote(server.settings.barmanHome),
  });
}
