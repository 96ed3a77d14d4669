import { existsSync, statSync } from 'node:fs';
import { BarmanGraph } from '../model/graph';
import { renderHosts } from '../render/host-files';
import { PlaceholderKeys } from '../render/key-material';
import { isEmptyDir, writeRender } from './render-files';
import { writeSynth } from './synth-command';
import { ProvisionerResourceType } from '../constructs/host-provisioner';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, Io, load, parseArgs, stdio } from './cli-io';
import { STATUS_USAGE, statusCommand } from './status';

export { Io } from './cli-io';

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from './cli-io';

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

exit codes: 0 ok, 1 invalid input (nothing written; status: any failure), 2 usage error
`;

function summary(file: string, g: BarmanGraph): string {
  const servers = g.barmanServers.length;
  const backedUp = new Set(g.edges.map((e) => e.instance)).size;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${file}: ok: cluster '${g.clusterName}', ${plural(g.instances.length, 'instance')}, ${plural(servers, 'Barman server')}, ${plural(backedUp, 'backed-up instance')}, ${plural(g.edges.length, 'backup edge')}`;
}

/** Runs one command; returns the exit code. */
export async function main(args: readonly string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
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
