import { createHash } from 'node:crypto';
import { BARMAN_CONF_DIR } from '../render/barman-conf';
import { BARMAN_DB_USER, STREAMING_DB_USER } from '../render/barman-roles-sql';
import { DRIFT_LIBRARY } from './drift-library';
import { EDGE_REMOVAL_LIBRARY } from './edge-removal';
import { POSTGRES_SIDE_LIBRARY } from './postgres-side-library';
import { shellFile } from './shell-assets';
import { SHELL_LIBRARY } from './shell-library';

/**
 * The host program: every function a step may call, from the files in shell/. It travels once
 * per stack, in the prologue; each provisioner appends one line, its step: a function and that
 * step's values.
 */
export const HOST_PROGRAM = [
  SHELL_LIBRARY,
  DRIFT_LIBRARY,
  POSTGRES_SIDE_LIBRARY,
  EDGE_REMOVAL_LIBRARY,
  shellFile('files.sh'),
  shellFile('server.sh', { BARMAN_CONF_DIR }),
  shellFile('backup-edge.sh', { BARMAN_CONF_DIR }),
  shellFile('postgres-access.sh'),
  shellFile('postgres-steps.sh', { BARMAN_DB_USER, STREAMING_DB_USER }),
  shellFile('activation.sh'),
  shellFile('private-key.sh'),
].join('\n');

/** sha256 of the host program: part of every resource's script_sha256, so a new one rolls out */
export const HOST_PROGRAM_SHA256 = createHash('sha256').update(HOST_PROGRAM).digest('hex');

/**
 * What every remote-exec inline starts with (shell/prologue.sh): its uploaded copy removed, the
 * host program in a private temp file, cdktf_run and cdktf_run_secret. Plain shell and base64;
 * its one `${` (a shell expansion) is escaped with the rest when it becomes a Terraform local.
 */
export const HOST_PROLOGUE = shellFile('prologue.sh', { HOST_PROGRAM_BASE64: Buffer.from(HOST_PROGRAM, 'utf8').toString('base64') });
