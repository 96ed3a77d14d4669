import { showValue } from '../model/diagnostics';
import { isLoginName } from '../model/names';
/** the characters of a safe absolute path; Terraform replaces %RAND% in a script path */
const SAFE_SCRIPT_PATH = /^\/[A-Za-z0-9._/+@-]+$/;
const RAND = /%RAND%/g;
/** world-writable directories: another user could swap the script before it runs */
const SHARED_DIRS = ['/tmp', '/var/tmp', '/dev/shm'];

/** Why `--connection-user` cannot be used, or undefined. */
export function connectionUserProblem(user: string): string | undefined {
  return isLoginName(user) ? undefined : `--connection-user ${showValue(user)} is not a user name: letters, digits, '_', '.' and '-', starting with a letter or '_'`;
}

/** Why `--script-path` cannot be used, or undefined. */
export function scriptPathProblem(path: string): string | undefined {
  const plain = path.replace(RAND, 'x');
  const parts = path.split('/').slice(1);
  if (!SAFE_SCRIPT_PATH.test(plain) || path.endsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    return `--script-path ${showValue(path)} must be an absolute file path of letters, digits and . _ / + @ - (plus %RAND%), without '.', '..' or empty parts`;
  }
  const shared = SHARED_DIRS.find((d) => path === d || path.startsWith(`${d}/`));
  if (shared !== undefined) return `--script-path ${showValue(path)} is under ${shared}, where other users can replace the script: use a directory only the connection user can enter, e.g. /home/USER/.cdktf-barman-%RAND%.sh`;
  return undefined;
}
