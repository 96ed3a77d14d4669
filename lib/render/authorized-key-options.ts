/**
 * The options in front of a key in authorized_keys (sshd(8), AUTHORIZED_KEYS FILE FORMAT) that
 * limit what the key can do and from where.
 */

import { isFromPattern } from '../model/ip-patterns';
import { isStringToken } from './token-aware';

export interface KeyRestriction {
  /** addresses or CIDRs the key may come from; omitted: from anywhere */
  readonly from?: readonly string[];
  /** forced command, run by the login shell whatever the client asked ($SSH_ORIGINAL_COMMAND) */
  readonly command?: string;
}

/** `restrict` (no pty, no forwarding, no ~/.ssh/rc), then from= and command= when given. */
export function authorizedKeyOptions(r: KeyRestriction): string {
  const options = ['restrict'];
  if (r.from !== undefined) {
    const bad = r.from.filter((a) => !isFromPattern(a) && !isStringToken(a));
    if (bad.length > 0 || r.from.length === 0) throw new Error(`from= takes IP addresses or CIDRs, got '${r.from.join(',')}'`);
    options.push(`from="${r.from.join(',')}"`);
  }
  if (r.command !== undefined) {
    // inside the option's double quotes sshd unescapes only \" and keeps any other backslash
    if (/[\\\n\r]/.test(r.command)) throw new Error(`a forced command may not hold a backslash or a newline: ${JSON.stringify(r.command)}`);
    options.push(`command="${r.command.replace(/"/g, '\\"')}"`);
  }
  return options.join(',');
}
