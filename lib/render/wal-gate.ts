import { managedHeader } from './managed-header';
import { shellQuote } from './shell-quote';
import { GUARD_DIR } from './guard-script';
import { hostScriptFile } from '../scripts/shell-assets';

/** Forced command of the postgres key in ~barman/.ssh/authorized_keys. */
export const WAL_GATE_PATH = `${GUARD_DIR}/barman-wal-gate`;

/** What a postgres key may ask of Barman for one server name. */
export enum WalGrant {
  /** barman-wal-archive (archive_command): `barman put-wal NAME` */
  PUT_WAL = 'put-wal',
  /** barman-wal-restore (restore_command): `barman get-wal ... NAME WAL` */
  GET_WAL = 'get-wal',
}

/** One argument of the gate: `put-wal:NAME` or `get-wal:NAME` (backup names never hold ':'). */
export function walGrant(grant: WalGrant, serverName: string): string {
  return `${grant}:${serverName}`;
}

/** The command= value: the gate and its grants, each quoted for the login shell that runs it. */
export function walGateCommand(grants: readonly string[]): string {
  return [WAL_GATE_PATH, ...grants.map(shellQuote)].join(' ');
}

/**
 * The gate, a POSIX sh script (wal-gate.sh beside this file). It reads $SSH_ORIGINAL_COMMAND, which barman-wal-archive and
 * barman-wal-restore (barman-cli 3.4) send as:
 *   barman put-wal NAME [--test]
 *   barman get-wal [--test] [--peek 'N'] [--gzip|--bzip2] [--partial] 'NAME' 'WAL'
 * (`--config`, which both can send, is refused: nothing here needs it). Words are checked one by one
 * against that grammar and the grants given as arguments, then passed to Barman as separate
 * arguments: no eval, no sh -c. Anything else is refused with a message on stderr and in syslog.
 * The same for every cluster (the grants come from each line), so clusters may share a Barman server.
 */
export function renderWalGate(barmanPath = '/usr/bin/barman'): string {
  return hostScriptFile(__dirname, 'wal-gate.sh', managedHeader('#', 'forced command of the postgres keys in ~barman/.ssh/authorized_keys'), { BARMAN: shellQuote(barmanPath) });
}
