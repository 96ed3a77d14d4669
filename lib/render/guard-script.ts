import { Instance } from '../model/graph';
import { shellFileIn } from '../scripts/shell-assets';
import { managedHeader } from './managed-header';
import { shellQuote } from './shell-quote';

export const GUARD_DIR = '/usr/local/lib/cdktf-barman';
export const GUARD_SCRIPT_PATH = `${GUARD_DIR}/barman-home-ok`;

/**
 * Exits non-zero on a half-built host (no Barman, or no Barman home yet), so the cron entries stay
 * quiet instead of mailing errors. The script is barman-home-ok.sh beside this file.
 */
export function renderGuardScript(server: Instance): string {
  const body = shellFileIn(__dirname, 'barman-home-ok.sh', { BARMAN_HOME: shellQuote(server.settings.barmanHome) }).replace(/^# shellcheck shell=sh\n/, '');
  return `#!/bin/sh\n${managedHeader('#', 'lets cron run Barman only once Barman and its home exist')}${body}`;
}
