import { DRILL_SCRIPT_PATH, drillCommandWords } from '../concerns/restore-drill/restore-drill-script';
import { BarmanGraph } from '../model/graph';
import { shellQuote } from '../render/shell-quote';
import { sshTargetOf } from '../status/collect';
import { sshAddressOf } from '../status/targets';
import { runOverSsh, SshRunner } from '../status/ssh-runner';
import { CommandSpec, EXIT_INVALID, EXIT_OK, Io, ParsedArgs, UsageError, valueOf, wholeNumber } from './command-line';
import { load } from './load-config';
import { STATUS, connectionOf } from './status';

/** The connection options are status's own: one way to reach a Barman server. */
const CONNECTION_OPTIONS = STATUS.options.filter((o) => !['outputs', 'cluster', 'json'].includes(o.name));

export const DRILL: CommandSpec = {
  name: 'drill',
  synopsis: 'CONFIG [INSTANCE] [options]',
  summary: 'restore drill now: recover the latest backup, start it, check it, clean up',
  details: `Over ssh, on each Barman server of INSTANCE (default: every backed-up instance), one at a
time: the drill script the stack installed (${DRILL_SCRIPT_PATH}) recovers the backup with
Barman into a private directory under --scratch, starts it as a PostgreSQL of its own (another
port, no TCP) that replays the archived WAL, checks that it answers and reads its catalogue, and
with --check-sql that the query returns --expect; then removes what it made. The backup is only
read. The result is kept on the server (<barman_home>/cdktf-barman-drills/<backup_name>.json) and
printed. A drill does not start while that instance's backup runs. Exit 1 unless every drill
passed.`,
  options: [
    { name: 'scratch', value: 'DIR', help: "where the recovered copy goes on the Barman server (default: its\nbarman_drill_scratch, /var/tmp); it needs about twice the backup free" },
    { name: 'port', value: 'N', help: "port of the recovered instance (default: the server's barman_drill_port, 54329)" },
    { name: 'backup', value: 'ID', help: "the backup to drill (default latest)" },
    { name: 'check-sql', value: 'SQL', help: 'a query the recovered instance must answer with --expect' },
    { name: 'expect', value: 'TEXT', help: "--check-sql's expected output (psql -At)" },
    { name: 'json', help: 'the results as one JSON array' },
    ...CONNECTION_OPTIONS,
  ],
};

/** One drill as the script reports it. */
export interface DrillResult {
  readonly instance: string;
  readonly server: string;
  readonly result: string;
  readonly reason: string;
  readonly backupId?: string;
  readonly durationSeconds?: number;
  readonly recoveredLsn?: string;
}

/** `drill`: 0 every drill passed, 1 any did not (or the config is invalid), 2 usage error. */
export async function drillCommand(args: ParsedArgs, io: Io, run: SshRunner = runOverSsh): Promise<number> {
  const connection = connectionOf(args);
  if (args.positional.length < 1 || args.positional.length > 2) throw new UsageError(`expected CONFIG and at most one INSTANCE, got ${args.positional.length} arguments`);
  const [file, only] = args.positional;
  const sql = valueOf(args, 'check-sql');
  const expected = valueOf(args, 'expect');
  if ((sql === undefined) !== (expected === undefined)) throw new UsageError('--check-sql and --expect go together');
  const graph = load(file, io);
  if (graph === undefined) return EXIT_INVALID;
  const edges = edgesToDrill(graph, only);
  const port = wholeNumber(args, 'port', 1024, 65535);
  const options = { scratch: valueOf(args, 'scratch'), port, backup: valueOf(args, 'backup'), check: sql === undefined ? undefined : { sql, expected: expected! } };
  const results: DrillResult[] = [];
  for (const e of edges) {
    const words = drillCommandWords(e, options);
    const r = await run(sshTargetOf(sshAddressOf(e.server), connection), `exec ${words.map(shellQuote).join(' ')}\n`);
    results.push(parseResult(e.instance.name, e.server.name, r.stdout, r.stderr, r.code));
  }
  io.out(args.options.has('json') ? JSON.stringify(results, null, 2) + '\n' : results.map(formatResult).join(''));
  return results.length > 0 && results.every((r) => r.result === 'pass') ? EXIT_OK : EXIT_INVALID;
}

function edgesToDrill(graph: BarmanGraph, only: string | undefined) {
  if (only === undefined) return graph.edges;
  const i = graph.instances.find((x) => x.name === only);
  if (i === undefined) throw new UsageError(`no instance '${only}' in ${graph.clusterName}: instances are ${graph.instances.map((x) => x.name).join(', ')}`);
  const edges = graph.edgesOfInstance(i);
  if (edges.length === 0) throw new UsageError(`'${only}' is not backed up to any Barman server: nothing to drill`);
  return edges;
}

/** The script's last line is its JSON result; anything else (ssh failed, no script) is an error with ssh's words. */
export function parseResult(instance: string, server: string, stdout: string, stderr: string, code: number): DrillResult {
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    const doc = JSON.parse(last) as Omit<DrillResult, 'server'>;
    return { ...doc, instance, server };
  } catch {
    const why = stderr.trim().split('\n').slice(-2).join(' ') || `exit ${code}`;
    return { instance, server, result: 'error', reason: code === 127 ? `${DRILL_SCRIPT_PATH} is not on ${server}: apply the stack first` : `the drill did not run on ${server}: ${why}` };
  }
}

export function formatResult(r: DrillResult): string {
  const facts = [r.backupId && `backup ${r.backupId}`, r.durationSeconds !== undefined && `${r.durationSeconds} s`, r.recoveredLsn && `recovered to ${r.recoveredLsn}`].filter(Boolean).join(', ');
  return `${r.instance} on ${r.server}: ${r.result.toUpperCase()}${facts ? ` (${facts})` : ''}: ${r.reason}\n`;
}
