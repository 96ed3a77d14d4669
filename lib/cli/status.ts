import { readFileSync } from 'node:fs';
import { collectStatusFromTargets, DEFAULT_TIMEOUT_SECONDS, statusTargetsOf, StatusConnection } from '../status/collect';
import { formatReport } from '../status/format';
import { runOverSsh, SshRunner } from '../status/ssh-runner';
import { StatusTargets } from '../status/targets';
import { readStatusTargets, StatusTargetsError } from '../status/targets-from-outputs';
import { CommandSpec, EXIT_INVALID, EXIT_OK, Io, ParsedArgs, UsageError, valueOf, wholeNumber } from './command-line';
import { load } from './load-config';
import { connectionUserProblem } from './option-checks';

export const STATUS: CommandSpec = {
  name: 'status',
  synopsis: 'CONFIG [options]\n       cdktf-barman status --outputs FILE [options]',
  summary: 'health of every Barman server: receive-wal, slot, WAL, backups, drift',
  details: `One ssh session per Barman server runs barman diagnose and barman check (read only); prints
per instance receive-wal, slot, WAL archive, last backup and its age against
last_backup_maximum_age, backups against minimum_redundancy, and every failure. A server that
cannot be reached is reported UNREACHABLE, its instances 'unreachable' (nothing is known of their
backups). Exit 1 on any failure: usable as a monitoring probe.

The servers come from CONFIG, or with --outputs from a deployed stack's outputs (the
<prefix>_status_targets output), where the addresses Terraform learnt at apply time are known:
  terraform output -json > outputs.json && cdktf-barman status --outputs outputs.json`,
  options: [
    { name: 'outputs', value: 'FILE', help: 'read the servers from `terraform output -json` or\n`cdktf output --outputs-file` instead of CONFIG (- reads stdin)' },
    { name: 'cluster', value: 'NAME', help: 'with --outputs holding several clusters: the one to check' },
    { name: 'json', help: 'one JSON document (formatVersion 2) instead of the table' },
    { name: 'connection-user', value: 'USER', help: 'root (default) or a user with passwordless sudo (sudo -n)' },
    { name: 'ssh-port', value: 'N', help: "default: each server's ansible_port, else cluster_ssh_port" },
    { name: 'identity-file', value: 'FILE', help: "ssh private key (default: ssh's agent and ~/.ssh)" },
    { name: 'known-hosts', value: 'FILE', help: 'known_hosts to check host keys against (always strict)' },
    { name: 'bastion-host', value: 'HOST', help: 'jump host ([user@]host[:port], ssh -J)' },
    { name: 'timeout', value: 'SECONDS', help: `ssh connect timeout (default ${DEFAULT_TIMEOUT_SECONDS}); a server is given up after\n10 times this` },
  ],
};

/** the ssh settings of status and drill: the same options, the same checks */
export function connectionOf(args: ParsedArgs): StatusConnection {
  const user = valueOf(args, 'connection-user');
  const problem = user === undefined ? undefined : connectionUserProblem(user);
  if (problem !== undefined) throw new UsageError(problem);
  const port = wholeNumber(args, 'ssh-port', 1, 65535);
  const timeout = wholeNumber(args, 'timeout', 1, 3600);
  for (const name of ['identity-file', 'known-hosts', 'bastion-host']) {
    const v = valueOf(args, name);
    // ssh would read a leading '-' as an option, and a newline would break its -o line
    if (v !== undefined && (v.startsWith('-') || /[\0-\x1f]/.test(v))) throw new UsageError(`--${name} '${v}' must not start with '-' or hold control characters`);
  }
  return { user, port, identityFile: valueOf(args, 'identity-file'), knownHostsFile: valueOf(args, 'known-hosts'), bastionHost: valueOf(args, 'bastion-host'), timeout };
}

/** The targets from CONFIG or --outputs; undefined (after printing why) when they cannot be read. */
function targetsOf(args: ParsedArgs, io: Io): StatusTargets | undefined {
  const outputs = valueOf(args, 'outputs');
  if (outputs === undefined) {
    if (args.options.has('cluster')) throw new UsageError('--cluster only chooses among the clusters of --outputs');
    if (args.positional.length !== 1) throw new UsageError(`expected exactly one CONFIG file (or --outputs FILE), got ${args.positional.length}`);
    const g = load(args.positional[0], io);
    return g === undefined ? undefined : statusTargetsOf(g);
  }
  if (args.positional.length !== 0) throw new UsageError('give CONFIG or --outputs FILE, not both');
  const source = outputs === '-' ? 'stdin' : outputs;
  try {
    return readStatusTargets(readFileSync(outputs === '-' ? 0 : outputs, 'utf8'), source, valueOf(args, 'cluster'));
  } catch (e) {
    if (!(e instanceof StatusTargetsError)) throw e;
    io.err(`cdktf-barman status: ${e.message}\n`);
    return undefined;
  }
}

/** `status`: 0 all OK, 1 any failure (or unreadable input), 2 usage error. */
export async function statusCommand(args: ParsedArgs, io: Io, run: SshRunner = runOverSsh): Promise<number> {
  const connection = connectionOf(args);
  const targets = targetsOf(args, io);
  if (targets === undefined) return EXIT_INVALID;
  const report = await collectStatusFromTargets(targets, connection, run);
  io.out(args.options.has('json') ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
  return report.ok ? EXIT_OK : EXIT_INVALID;
}
