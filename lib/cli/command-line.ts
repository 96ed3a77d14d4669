/**
 * The command line's one description of itself: each command's options in a table that drives
 * parsing, the per-command `--help` text and the usage errors.
 */

export const EXIT_OK = 0;
/** invalid input, output that cannot be written (nothing written), or for status any failure */
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
/** an unexpected exception: a bug to report (sysexits' EX_SOFTWARE) */
export const EXIT_INTERNAL = 70;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface OptionSpec {
  /** without the leading `--` */
  readonly name: string;
  /** the value's placeholder (`DIR`); absent for a flag */
  readonly value?: string;
  /** one or more lines of help */
  readonly help: string;
}

export interface CommandSpec {
  readonly name: string;
  /** what follows the command name in its synopsis, e.g. `CONFIG --out DIR [options]` */
  readonly synopsis: string;
  /** one line for the command list */
  readonly summary: string;
  /** paragraphs after the options in `<command> --help` */
  readonly details?: string;
  readonly options: readonly OptionSpec[];
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
}

/** A wrong command line: one line on stderr, exit 2. */
export class UsageError extends Error {}

/**
 * Parses `args` against the options of one command: `--name VALUE`, `--name=VALUE`, flags, `-h`,
 * and `--` ending the options (POSIX). Throws UsageError.
 */
export function parseArgs(args: readonly string[], options: readonly OptionSpec[]): ParsedArgs {
  const positional: string[] = [];
  const parsed = new Map<string, string | true>();
  const spec = new Map(options.map((o) => [o.name, o]));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a === '-h' || a === '--help') {
      parsed.set('help', true);
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      const o = spec.get(name);
      if (o === undefined) throw new UsageError(`unknown option --${name}`);
      if (o.value !== undefined) {
        const v = inline ?? args[++i];
        if (v === undefined || v === '') throw new UsageError(`option --${name} needs a value (${o.value})`);
        parsed.set(name, v);
      } else if (inline !== undefined) {
        throw new UsageError(`option --${name} takes no value`);
      } else {
        parsed.set(name, true);
      }
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a}`);
    } else {
      positional.push(a);
    }
  }
  return { positional, options: parsed };
}

/** The string value of a valued option, or undefined. */
export function valueOf(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** A whole number in [min, max] given to `--name`, or undefined when absent. */
export function wholeNumber(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = valueOf(args, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not '${v}'`);
  return Number(v);
}

/** One of `choices` given to `--name` (case as listed), or undefined when absent. */
export function choiceOf<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | undefined {
  const v = valueOf(args, name);
  if (v === undefined) return undefined;
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not '${v}'`);
  return v as T;
}

const COLUMN = 29;

function optionLines(o: OptionSpec): string[] {
  const head = `  --${o.name}${o.value === undefined ? '' : ` ${o.value}`}`;
  const help = o.help.split('\n');
  if (head.length < COLUMN - 1) return [head.padEnd(COLUMN) + help[0], ...help.slice(1).map((l) => ' '.repeat(COLUMN) + l)];
  return [head, ...help.map((l) => ' '.repeat(COLUMN) + l)];
}

/** `cdktf-barman <command> --help`. */
export function commandHelp(c: CommandSpec): string {
  const lines = [`usage: cdktf-barman ${c.name} ${c.synopsis}`, '', c.summary, ''];
  if (c.options.length > 0) lines.push('options:', ...c.options.flatMap(optionLines), '');
  if (c.details !== undefined) lines.push(c.details.trimEnd(), '');
  lines.push("A '--' ends the options. Exit codes: see cdktf-barman --help.");
  return lines.join('\n') + '\n';
}

/** `cdktf-barman --help`: the commands, one line each, and the exit codes. */
export function globalHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'usage: cdktf-barman <command> [options]',
    '       cdktf-barman <command> --help     options of one command',
    '       cdktf-barman --version',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'exit codes:',
    '  0   ok',
    '  1   invalid input, or output that cannot be written (nothing is written then);',
    '      for status: a failure on some server (unreachable, a failed check, an old backup)',
    '  2   usage error (a wrong command line): one line on stderr',
    '  70  an unexpected exception: a bug, please report it (CDKTF_BARMAN_DEBUG=1 prints the stack)',
    '',
  ].join('\n');
}
