import { collectStatus, StatusConnection } from '../status/collect';
import { formatReport } from '../status/format';
import { runOverSsh } from '../status/ssh-runner';
import { connectionUserProblem } from './option-checks';
// main imports this module too: its exports are only used when a command runs, after both loaded
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, Io, load, parseArgs } from './main';

const VALUED = ['connection-user', 'ssh-port', 'identity-file', 'known-hosts', 'bastion-host', 'timeout'];
const FLAGS = ['json'];

/** `status CONFIG [options]`: 0 all OK, 1 any failure or invalid config, 2 usage error. */
export async function statusCommand(args: readonly string[], io: Io, usage: string, run = runOverSsh): Promise<number> {
  const usageError = (msg: string): number => {
    io.err(`cdktf-barman status: ${msg}\n\n${usage}`);
    return EXIT_USAGE;
  };
  const parsed = parseArgs(args, VALUED);
  if (typeof parsed === 'string') return usageError(parsed);
  if (parsed.options.has('help')) {
    io.out(usage);
    return EXIT_OK;
  }
  for (const o of parsed.options.keys()) if (!VALUED.includes(o) && !FLAGS.includes(o)) return usageError(`unknown option --${o}`);
  if (parsed.positional.length !== 1) return usageError('expected exactly one CONFIG file');
  const opt = (name: string): string | undefined => {
    const v = parsed.options.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const user = opt('connection-user');
  const userProblem = user === undefined ? undefined : connectionUserProblem(user);
  if (userProblem !== undefined) return usageError(userProblem);
  const int = (name: string, min: number, max: number): number | undefined | string => {
    const v = opt(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) return `--${name} must be a whole number from ${min} to ${max}, not '${v}'`;
    return Number(v);
  };
  const port = int('ssh-port', 1, 65535);
  if (typeof port === 'string') return usageError(port);
  const timeout = int('timeout', 1, 3600);
  if (typeof timeout === 'string') return usageError(timeout);
  for (const name of ['identity-file', 'known-hosts', 'bastion-host']) {
    const v = opt(name);
    // ssh would read a leading '-' as an option, and a newline would break its -o line
    if (v !== undefined && (v.startsWith('-') || /[\0-\x1f]/.test(v))) return usageError(`--${name} '${v}' must not start with '-' or hold control characters`);
  }
  const connection: StatusConnection = { user, port, identityFile: opt('identity-file'), knownHostsFile: opt('known-hosts'), bastionHost: opt('bastion-host'), timeout };

  const g = load(parsed.positional[0], io);
  if (!g) return EXIT_INVALID;
  const report = await collectStatus(g, connection, run);
  io.out(parsed.options.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
  return report.ok ? EXIT_OK : EXIT_INVALID;
}
