import { loadGraphFromFile } from '../config/tpa-config';
import { Diagnostic, InvalidConfigError, Severity, formatDiagnostic } from '../model/diagnostics';
import { BarmanGraph } from '../model/graph';

export const EXIT_OK = 0;
/** invalid input; for `status`, also any failure found */
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
}

export function parseArgs(args: readonly string[], valued: readonly string[]): ParsedArgs | string {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      if (valued.includes(name)) {
        const v = inline ?? args[++i];
        if (v === undefined || v === '') return `option --${name} needs a value`;
        options.set(name, v);
      } else if (inline !== undefined) {
        return `option --${name} takes no value`;
      } else {
        options.set(name, true);
      }
    } else if (a === '-h') {
      options.set('help', true);
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option ${a}`;
    } else {
      positional.push(a);
    }
  }
  return { positional, options };
}

function printDiagnostics(ds: readonly Diagnostic[], io: Io): void {
  for (const d of ds) io.err(formatDiagnostic(d) + '\n');
}

/** Loads and validates, printing diagnostics; undefined when invalid. */
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

