import { existsSync, statSync } from 'node:fs';
import { loadGraphFromFile } from '../config/tpa-config';
import { Diagnostic, InvalidConfigError, Severity, formatDiagnostic, showValue } from '../model/diagnostics';
import { BarmanGraph } from '../model/graph';
import { renderHosts } from '../render/host-files';
import { PlaceholderKeys } from '../render/key-material';
import { RENDER_MANIFEST, foreignEntries, isEmptyDir, writeRender } from './render-files';
import { OutputError, describeSystemError, isSystemError } from './staged-output';
import { connectionUserProblem, scriptPathProblem } from './option-checks';
import { writeSynth } from './synth-command';
import { ProvisionerResourceType } from '../constructs/host-provisioner';
import { statusCommand } from './status';
import { STATUS_USAGE } from './status-usage';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
/** an unexpected exception: a bug to report (sysexits' EX_SOFTWARE) */
export const EXIT_INTERNAL = 70;

const USAGE = `usage: cdktf-barman <command> [options]

commands:
  validate CONFIG            check a TPA-style config.yml; prints a one-line summary, or every
                             error as CONFIG:LINE:COL: error: MESSAGE
  render CONFIG --out DIR    write every file the library puts on each host to
                             DIR/<instance>/<absolute path>, plus DIR/<instance>/manifest.json
                             (path, kind, owner, group, mode); key material that only exists
                             after apply is shown as a placeholder. DIR must be empty or missing,
                             or give --force to replace an earlier render's output.
  synth CONFIG --out DIR     write the Terraform JSON for CONFIG to DIR/cdktf-barman.tf.json (no
                             backend; drop it into an existing Terraform directory)
      --resource-type TYPE   null_resource (default) or terraform_data (built in, no provider)
      --supplied-keys        take the two SSH key pairs from sensitive variables instead of
                             tls_private_key (no private key in state, no tls provider)
      --connection-key-variable
                             Terraform's own SSH connection uses a sensitive variable
                             <prefix>_connection_private_key instead of the ssh agent
      --connection-user USER root (default) or a user with passwordless sudo
      --script-path PATH     where Terraform uploads the scripts carrying secrets (default
                             /root/.cdktf-barman-%RAND%.sh for root, /home/USER/... otherwise):
                             an absolute path in a directory only USER can enter, not under /tmp,
                             /var/tmp or /dev/shm; %RAND% is replaced by a random number
      --id-prefix PREFIX     prefix of every logical id (default barman)
${STATUS_USAGE}  help                       this text

A '--' ends the options: every later argument is a CONFIG file.
render and synth write into a temporary directory and move it into place only when everything
was written: on any failure DIR is left as it was. render --force only replaces what an earlier
render wrote there (listed in DIR/.cdktf-barman-render.json) and refuses when DIR holds anything
else.

exit codes: 0 ok; 1 invalid input or output that cannot be written (nothing written) or, for
status, any failure; 2 usage error; 70 an unexpected exception (a bug: please report it; set
CDKTF_BARMAN_DEBUG=1 for the stack trace)
`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
}

export function parseArgs(args: readonly string[], valued: readonly string[]): ParsedArgs | string {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      // POSIX: the end of the options
      positional.push(...args.slice(i + 1));
      break;
    }
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

function summary(file: string, g: BarmanGraph): string {
  const servers = g.barmanServers.length;
  const backedUp = new Set(g.edges.map((e) => e.instance)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${file}: ok: cluster '${g.clusterName}', ${plural(g.instances.length, 'instance')}, ${plural(servers, 'Barman server')}, ${plural(backedUp, 'backed-up instance')}, ${plural(g.edges.length, 'backup edge')}`;
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

/** Runs one command; returns the exit code. */
export async function main(args: readonly string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  // status has its own options (connection settings)
  if (command === 'status') return statusCommand(rest, io, USAGE);
  const parsed = parseArgs(rest, ['out', 'resource-type', 'connection-user', 'script-path', 'id-prefix']);
  if (typeof parsed === 'string') {
    io.err(`cdktf-barman ${command}: ${parsed}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.options.has('help')) {
    io.out(USAGE);
    return EXIT_OK;
  }
  const usageError = (msg: string): number => {
    io.err(`cdktf-barman ${command}: ${msg}\n\n${USAGE}`);
    return EXIT_USAGE;
  };
  const allowed: Record<string, string[]> = {
    validate: [],
    render: ['out', 'force'],
    synth: ['out', 'resource-type', 'supplied-keys', 'connection-key-variable', 'connection-user', 'script-path', 'id-prefix'],
  };
  if (!(command in allowed)) return usageError(`unknown command '${command}'`);
  for (const o of parsed.options.keys()) if (!allowed[command].includes(o)) return usageError(`unknown option --${o}`);
  if (parsed.positional.length !== 1) return usageError('expected exactly one CONFIG file');
  const file = parsed.positional[0];
  try {
    return runCommand(command, file, parsed.options, io, usageError);
  } catch (e) {
    if (e instanceof OutputError) {
      io.err(`cdktf-barman ${command}: ${e.message}\n`);
      return EXIT_INVALID;
    }
    throw e;
  }
}

function runCommand(command: string, file: string, options: ParsedArgs['options'], io: Io, usageError: (msg: string) => number): number {
  switch (command) {
    case 'validate': {
      const g = load(file, io);
      if (!g) return EXIT_INVALID;
      io.out(summary(file, g) + '\n');
      return EXIT_OK;
    }
    case 'render': {
      const out = options.get('out');
      if (typeof out !== 'string') return usageError('--out DIR is required');
      const force = options.has('force');
      if (existsSync(out) && !statSync(out).isDirectory()) return usageError(`${out} exists and is not a directory: choose a directory`);
      if (!force && !isEmptyDir(out)) return usageError(`${out} is not empty: choose a new directory, or give --force to replace an earlier render's output`);
      const g = load(file, io);
      if (!g) return EXIT_INVALID;
      const foreign = force ? foreignEntries(out) : [];
      if (foreign.length > 0) {
        const shown = foreign.slice(0, 5).map((n) => showValue(n)).join(', ') + (foreign.length > 5 ? ` and ${foreign.length - 5} more` : '');
        io.err(`cdktf-barman render: ${out} holds ${shown}, which render did not write (${RENDER_MANIFEST} does not list them): --force only replaces render's own output: move them away or choose another --out; nothing written or deleted\n`);
        return EXIT_INVALID;
      }
      const plans = renderHosts(g, new PlaceholderKeys());
      writeRender(plans, out, force);
      io.out(`${summary(file, g)}; rendered ${plans.reduce((n, p) => n + p.files.length, 0)} paths for ${plans.length} hosts into ${out}\n`);
      return EXIT_OK;
    }
    case 'synth': {
      const out = options.get('out');
      if (typeof out !== 'string') return usageError('--out DIR is required');
      if (existsSync(out) && !statSync(out).isDirectory()) return usageError(`${out} exists and is not a directory: choose a directory`);
      const type = options.get('resource-type') ?? ProvisionerResourceType.NULL_RESOURCE;
      const types: string[] = Object.values(ProvisionerResourceType);
      if (typeof type !== 'string' || !types.includes(type)) return usageError(`--resource-type must be one of ${types.join(', ')}`);
      const user = options.get('connection-user');
      const userProblem = typeof user === 'string' ? connectionUserProblem(user) : undefined;
      if (userProblem !== undefined) return usageError(userProblem);
      const scriptPath = options.get('script-path');
      const scriptProblem = typeof scriptPath === 'string' ? scriptPathProblem(scriptPath) : undefined;
      if (scriptProblem !== undefined) return usageError(scriptProblem);
      const prefix = options.get('id-prefix');
      if (prefix !== undefined && (typeof prefix !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(prefix))) return usageError('--id-prefix must be a Terraform identifier (letters, digits, _ and -)');
      const g = load(file, io);
      if (!g) return EXIT_INVALID;
      const written = writeSynth(g, out, {
        resourceType: type as ProvisionerResourceType,
        keysFromVariables: options.has('supplied-keys'),
        connectionKeyFromVariable: options.has('connection-key-variable'),
        // unset fields take the construct's defaults, as an absent connection does
        connection: { user: typeof user === 'string' ? user : undefined, secretScriptPath: typeof scriptPath === 'string' ? scriptPath : undefined },
        idPrefix: typeof prefix === 'string' ? prefix : undefined,
      });
      io.out(`${summary(file, g)}; wrote ${written}\n`);
      return EXIT_OK;
    }
    default:
      return usageError(`unknown command '${command}'`);
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
