import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { showValue } from '../model/diagnostics';
import { CommandSpec, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE, Io, ParsedArgs, UsageError, commandHelp, globalHelp, parseArgs } from './command-line';
import { OutputError, describeSystemError, isSystemError } from './staged-output';
import { DRILL, drillCommand } from './drill-command';
import { RENDER, renderCommand } from './render-command';
import { STATUS, statusCommand } from './status';
import { SYNTH, synthCommand } from './synth-command';
import { VALIDATE, validateCommand } from './validate-command';

export { EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE, Io } from './command-line';

export interface Command {
  readonly spec: CommandSpec;
  run(args: ParsedArgs, io: Io): number | Promise<number>;
}

const COMMANDS: readonly Command[] = [
  { spec: VALIDATE, run: validateCommand },
  { spec: RENDER, run: renderCommand },
  { spec: SYNTH, run: synthCommand },
  { spec: STATUS, run: (args, io) => statusCommand(args, io) },
  { spec: DRILL, run: (args, io) => drillCommand(args, io) },
];

/** `cdktf-barman --help` */
export const USAGE = globalHelp(COMMANDS.map((c) => c.spec));

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** The package's version, from its package.json (dist/lib/cli -> the package root). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs one command; returns the exit code. Usage errors are one line on stderr. */
export async function main(args: readonly string[], io: Io = stdio, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined) {
    io.err("usage: cdktf-barman <command> [options]: see 'cdktf-barman --help' for the commands\n");
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const c = commands.find((x) => x.spec.name === topic);
    if (topic !== undefined && c === undefined) {
      io.err(`cdktf-barman help: unknown command ${showValue(topic)}: see 'cdktf-barman --help'\n`);
      return EXIT_USAGE;
    }
    io.out(c === undefined ? USAGE : commandHelp(c.spec));
    return EXIT_OK;
  }
  if (name === '--version' || name === 'version') {
    io.out(`cdktf-barman ${version()}\n`);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.spec.name === name);
  if (command === undefined) {
    io.err(`cdktf-barman: unknown command ${showValue(name)}: see 'cdktf-barman --help' (commands: ${commands.map((c) => c.spec.name).join(', ')})\n`);
    return EXIT_USAGE;
  }
  try {
    const parsed = parseArgs(rest, command.spec.options);
    if (parsed.options.has('help')) {
      io.out(commandHelp(command.spec));
      return EXIT_OK;
    }
    return await command.run(parsed, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cdktf-barman ${name}: ${e.message} (see 'cdktf-barman ${name} --help')\n`);
      return EXIT_USAGE;
    }
    if (e instanceof OutputError) {
      io.err(`cdktf-barman ${name}: ${e.message}\n`);
      return EXIT_INVALID;
    }
    throw e;
  }
}

/**
 * main, with every unexpected exception turned into one line and exit 70 (the stack only with
 * CDKTF_BARMAN_DEBUG=1); a system error still escaping (e.g. DIR unreadable) is exit 1.
 */
export async function runCli(args: readonly string[], io: Io = stdio, command = main): Promise<number> {
  try {
    return await command(args, io);
  } catch (e) {
    const debug = process.env.CDKTF_BARMAN_DEBUG === '1';
    let code = EXIT_INTERNAL;
    if (isSystemError(e)) {
      io.err(`cdktf-barman: ${describeSystemError(e)}: fix that and run again; nothing written\n`);
      code = EXIT_INVALID;
    } else {
      const message = e instanceof Error ? e.message : String(e);
      io.err(`cdktf-barman: internal error: ${showValue(message.split('\n')[0])}: this is a bug, please report it with the command line and config (set CDKTF_BARMAN_DEBUG=1 for the stack trace)\n`);
    }
    if (debug) io.err(`${e instanceof Error ? e.stack : String(e)}\n`);
    return code;
  }
}
