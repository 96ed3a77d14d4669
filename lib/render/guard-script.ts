import { Instance } from '../model/graph';
import { hostScriptFile } from '../scripts/shell-assets';
import { managedHeader } from './managed-header';
import { shellQuote } from './shell-quote';

export const GUARD_DIR = '/usr/local/lib/cdktf-barman';
export const GUARD_SCRIPT_PATH = `${GUARD_DIR}/barman-home-ok`;

/**
 * Exits non-zero on a half-built host (no Barman, or no Barman home yet), so the cron entries stay
 * quiet instead of mailing errors. The script is barman-home-ok.sh beside this file.
 */
export function renderGuardScript(server: Instance): string {
  return hostScriptFile(__dirname, 'barman-home-ok.sh', managedHeader('#', 'lets cron run Barman only once Barman and its home exist'), { BARMAN_HOME: shellQuote(server.settings.barmanHome) });
}
