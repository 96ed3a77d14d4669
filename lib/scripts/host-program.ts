import { createHash } from 'node:crypto';
import { ACTIVATION_SHELL } from '../concerns/activation/activation-step';
import { BACKUP_EDGE_SHELL } from '../concerns/backup-edge/backup-edge-step';
import { BARMAN_SERVER_SHELL } from '../concerns/barman-server/barman-server-step';
import { EDGE_REMOVAL_LIBRARY } from '../concerns/barman-server/edge-removal';
import { PREFLIGHT_SHELL } from '../concerns/preflight/preflight-step';
import { POSTGRES_ACCESS_SHELL } from '../concerns/postgres-access/postgres-access-step';
import { POSTGRES_RETIREMENT_SHELL } from '../concerns/postgres-retirement/postgres-retirement-step';
import { BARMAN_DB_USER, STREAMING_DB_USER } from '../render/barman-roles-sql';
import { DRIFT_LIBRARY } from './drift-library';
import { POSTGRES_SIDE_LIBRARY } from './postgres-side-library';
import { shellFile } from './shell-assets';
import { SHELL_LIBRARY } from './shell-library';

/**
 * The host program: every function a step may call, from the shared files in shell/ and each
 * concern's own (lib/concerns/<concern>/*.sh). It travels once per stack, in the prologue; each
 * provisioner appends one line, its step: a function and that step's values.
 */
export const HOST_PROGRAM = [
  SHELL_LIBRARY,
  DRIFT_LIBRARY,
  POSTGRES_SIDE_LIBRARY,
  EDGE_REMOVAL_LIBRARY,
  shellFile('files.sh'),
  PREFLIGHT_SHELL,
  BARMAN_SERVER_SHELL,
  BACKUP_EDGE_SHELL,
  POSTGRES_ACCESS_SHELL,
  // shared by postgres-config, postgres-roles and the backup edge's .pgpass lines
  shellFile('postgres-steps.sh', { BARMAN_DB_USER, STREAMING_DB_USER }),
  ACTIVATION_SHELL,
  POSTGRES_RETIREMENT_SHELL,
  shellFile('private-key.sh'),
].join('\n');

/** sha256 of the host program: part of every resource's script_sha256, so a new one rolls out */
export const HOST_PROGRAM_SHA256 = createHash('sha256').update(HOST_PROGRAM).digest('hex');

/**
 * What every remote-exec inline starts with (shell/prologue.sh): its uploaded copy removed, the
 * host program in a private temp file, cdktf_run and cdktf_run_secret. Plain shell: its `${` and
 * `%{` (shell expansions) are escaped when it becomes a Terraform local, and the plan never shows
 * it (locals are not part of a resource's diff).
 */
export const HOST_PROLOGUE = shellFile('prologue.sh', { HOST_PROGRAM: programText(HOST_PROGRAM) });

/** the program as the prologue's here-document carries it: no line of it may end the document */
function programText(program: string): string {
  if (program.split('\n').includes('cdktf_program_end')) throw new Error('the host program holds the line cdktf_program_end, which ends its here-document');
  return program.replace(/\n$/, '');
}
