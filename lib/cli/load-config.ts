import { loadGraphFromFile } from '../config/tpa-config';
import { Diagnostic, InvalidConfigError, Severity, formatDiagnostic } from '../model/diagnostics';
import { BarmanGraph } from '../model/graph';
import { Io, ParsedArgs, UsageError } from './command-line';

function printDiagnostics(ds: readonly Diagnostic[], io: Io): void {
  for (const d of ds) io.err(formatDiagnostic(d) + '\n');
}

/** Loads and validates, printing warnings or every error; undefined when invalid. */
export function load(file: string, io: Io): BarmanGraph | undefined {
  try {
    const g = loadGraphFromFile(file);
    printDiagnostics(g.warnings, io);
    return g;
  } catch (e) {
    if (e instanceof InvalidConfigError) {
      printDiagnostics(e.diagnostics, io);
      const n = e.diagnostics.filter((d) => d.severity === Severity.ERROR).length;
      io.err(`${file}: ${n} error${n === 1 ? '' : 's'}, nothing written\n`);
      return undefined;
    }
    throw e;
  }
}

/** The one CONFIG argument of a command. */
export function configArgument(args: ParsedArgs): string {
  if (args.positional.length !== 1) throw new UsageError(`expected exactly one CONFIG file, got ${args.positional.length}`);
  return args.positional[0];
}

/** `FILE: ok: cluster 'x', 2 instances, ...` */
export function summary(file: string, g: BarmanGraph): string {
  const servers = g.barmanServers.length;
  const backedUp = new Set(g.edges.map((e) => e.instance)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${file}: ok: cluster '${g.clusterName}', ${plural(g.instances.length, 'instance')}, ${plural(servers, 'Barman server')}, ${plural(backedUp, 'backed-up instance')}, ${plural(g.edges.length, 'backup edge')}`;
}
