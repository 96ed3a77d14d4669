import { existsSync, statSync } from 'node:fs';
import { loadGraphFromFile } from '../config/tpa-config';
import { Diagnostic, InvalidConfigError, Severity, formatDiagnostic } from '../model/diagnostics';
import { BarmanGraph } from '../model/graph';
import { renderHosts } from '../render/host-files';
import { PlaceholderKeys } from '../render/key-material';
import { isEmptyDir, writeRender } from './render-files';
import { writeSynth } from './synth-command';
import { ProvisionerResourceType } from '../constructs/host-provisioner';
import { statusCommand } from './status';
import { STATUS_USAGE } from './status-usage';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

const USAGE = `usage: cdktf-barman <command> [options]

commands:
  validate CONFIG            check a TPA-style config.yml; prints a one-line summary, or every
                             error as CONFIG:LINE:COL: error: MESSAGE
  render CONFIG --out DIR    write every file the library puts on each host to
                             DIR/<instance>/<absolute path>, plus DIR/<instance>/manifest.json
                             (path, kind, owner, group, mode); key material that only exists
                             after apply is shown as a placeholder. DIR must be empty or missing,
                             or give --force to replace its contents.
  synth CONFIG --out DIR     write the Terraform JSON for CONFIG to DIR/cdktf-barman.tf.json (no
                             backend; drop it into an existing Terraform directory)
      --resource-type TYPE   null_resource (default) or terraform_data (built in, no provider)
      --supplied-keys        take the two SSH key pairs from sensitive variables instead of
                             tls_private_key (no private key in state, no tls provider)
      --connection-key-variable
                             Terraform's own SSH connection uses a sensitive variable
                             <prefix>_connection_private_key instead of the ssh agent
      --connection-user USER root (default) or a user with passwordless sudo
      --id-prefix PREFIX     prefix of every logical id (default barman)
${STATUS_USAGE}  help                       this text

exit codes: 0 ok, 1 invalid input (nothing written) or, for status, any failure; 2 usage error
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
  const parsed = parseArgs(rest, ['out', 'resource-type', 'connection-user', 'id-prefix']);
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
    synth: ['out', 'resource-type', 'supplied-keys', 'connection-key-variable', 'connection-user', 'id-prefix'],
  };
  if (!(command in allowed)) return usageError(`unknown command '${command}'`);
  for (const o of parsed.options.keys()) if (!allowed[command].includes(o)) return usageError(`unknown option --${o}`);
  if (parsed.positional.length !== 1) return usageError('expected exactly one CONFIG file');
  const file = parsed.positional[0];

  switch (command) {
    case 'validate': {
      const g = load(file, io);
      if (!g) return EXIT_INVALID;
      io.out(summary(file, g) + '\n');
      return EXIT_OK;
    }
    case 'render': {
      const out = parsed.options.get('out');
      if (typeof out !== 'string') return usageError('--out DIR is required');
      const force = parsed.options.has('force');
      if (existsSync(out) && !statSync(out).isDirectory()) return usageError(`${out} exists and is not a directory: choose a directory`);
      if (!force && !isEmptyDir(out)) return usageError(`${out} is not empty: choose a new directory, or give --force to replace its contents`);
      const g = load(file, io);
      if (!g) return EXIT_INVALID;
      const plans = renderHosts(g, new PlaceholderKeys());
      writeRender(plans, out, force);
      io.out(`${summary(file, g)}; rendered ${plans.reduce((n, p) => n + p.files.length, 0)} paths for ${plans.length} hosts into ${out}\n`);
      return EXIT_OK;
    }
    case 'synth': {
      const out = parsed.options.get('out');
      if (typeof out !== 'string') return usageError('--out DIR is required');
      if (existsSync(out) && !statSync(out).isDirectory()) return usageError(`${out} exists and is not a directory: choose a directory`);
      const type = parsed.options.get('resource-type') ?? ProvisionerResourceType.NULL_RESOURCE;
      const types: string[] = Object.values(ProvisionerResourceType);
      if (typeof type !== 'string' || !types.includes(type)) return usageError(`--resource-type must be one of ${types.join(', ')}`);
      const user = parsed.options.get('connection-user');
      const prefix = parsed.options.get('id-prefix');
      if (prefix !== undefined && (typeof prefix !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(prefix))) return usageError('--id-prefix must be a Terraform identifier (letters, digits, _ and -)');
      const g = load(file, io);
      if (!g) return EXIT_INVALID;
      const written = writeSynth(g, out, {
        resourceType: type as ProvisionerResourceType,
        keysFromVariables: parsed.options.has('supplied-keys'),
        connectionKeyFromVariable: parsed.options.has('connection-key-variable'),
        connection: typeof user === 'string' ? { user } : undefined,
        idPrefix: typeof prefix === 'string' ? prefix : undefined,
      });
      io.out(`${summary(file, g)}; wrote ${written}\n`);
      return EXIT_OK;
    }
    default:
      return usageError(`unknown command '${command}'`);
  }
}
