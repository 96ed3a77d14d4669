import { Instance } from '../model/graph';
import { managedHeader } from './managed-header';
import { shellQuote } from './shell-quote';

export const GUARD_DIR = '/usr/local/lib/cdktf-barman';
export const GUARD_SCRIPT_PATH = `${GUARD_DIR}/barman-home-ok`;

/** Exits non-zero on a half-built host so the cron entries stay quiet instead of mailing errors. */
export function renderGuardScript(server: Instance): string {
  return [
    '#!/bin/sh',
    managedHeader('#', 'lets cron run Barman only once Barman and its home exist').trimEnd(),
    '[ -x /usr/bin/barman ] || exit 1',
    `[ -d ${shellQuote(server.settings.barmanHome)} ] || exit 1`,
    'exit 0',
    '',
  ].join('\n');
}
