import { join } from 'node:path';
import { KeyAlgorithm } from '../model/enums';
import { isAddress, isHostKeyLine } from '../model/names';
import { BarmanGraph } from '../model/graph';
import { BarmanStackProps, synthesizeTerraformJson } from '../constructs/barman-stack';
import { HostConnectionProps } from '../constructs/host-connection';
import { ProvisionerResourceType } from '../constructs/host-provisioner';
import { CommandSpec, EXIT_INVALID, EXIT_OK, Io, ParsedArgs, UsageError, choiceOf, valueOf, wholeNumber } from './command-line';
import { configArgument, load, summary } from './load-config';
import { connectionUserProblem, scriptPathProblem } from './option-checks';
import { OUT_OPTIONS, outDirOf, writeOut } from './out-dir';
import { writeTerraformJson } from './terraform-json-text';

export const SYNTH_FILE = 'cdktf-barman.tf.json';

export type SynthOptions = Omit<BarmanStackProps, 'graph'>;

const ECDSA_CURVES = ['P224', 'P256', 'P384', 'P521'] as const;

export const SYNTH: CommandSpec = {
  name: 'synth',
  synopsis: 'CONFIG --out DIR [options]',
  summary: 'write the Terraform JSON for CONFIG to DIR/cdktf-barman.tf.json',
  details: `The file has no backend and no provider configuration beyond what it needs: put it in a
Terraform directory of its own, or next to your own .tf files (give --force to write into a
non-empty directory; only an earlier synth's file is ever replaced). With --module, DIR is a
module for your own root module to call (README, "An HCL estate"). Each option sets the
construct option of the same meaning (README, "Constructs and options").`,
  options: [
    ...OUT_OPTIONS,
    { name: 'resource-type', value: 'TYPE', help: "null_resource (default, hashicorp/null) or terraform_data (built in,\nno provider)" },
    { name: 'supplied-keys', help: 'the two SSH key pairs come from sensitive variables\n<prefix>_{postgres,barman}_ssh_{private,public}_key (no tls provider,\nno private key generated into state)' },
    { name: 'key-algorithm', value: 'ALG', help: 'generated keys: ED25519 (default), RSA or ECDSA' },
    { name: 'rsa-bits', value: 'N', help: 'RSA key size, 2048 to 16384 (default 4096)' },
    { name: 'ecdsa-curve', value: 'CURVE', help: `ECDSA curve: ${ECDSA_CURVES.join(', ')} (default P256)` },
    { name: 'per-host-keys', help: 'one generated key pair per host and user instead of per cluster' },
    { name: 'password-variables', help: 'the barman and streaming_barman passwords come from sensitive\nvariables <prefix>_barman_db_password and\n<prefix>_streaming_barman_db_password (default: generated once)' },
    { name: 'no-database-access', help: "do not manage Barman's database roles, pg_hba.conf entries, WAL\ncommands and .pgpass (bring your own); implies --no-activate" },
    { name: 'no-activate', help: 'do not activate each instance on its Barman server (slot,\nreceive-wal, barman check) at the end of the apply' },
    { name: 'install-packages', help: "each host's preflight installs the packages it lacks (apt-get on\nDebian/Ubuntu, dnf or yum on the RHEL family; never PostgreSQL itself)\ninstead of only failing with their names" },
    { name: 'connection-user', value: 'USER', help: 'root (default) or a user with passwordless sudo' },
    { name: 'connection-port', value: 'N', help: "ssh port of every host (default: each instance's cluster_ssh_port)" },
    { name: 'connection-key-variable', help: "Terraform's own ssh connection uses the sensitive variable\n<prefix>_connection_private_key instead of the ssh agent" },
    { name: 'connection-timeout', value: 'DURATION', help: "how long Terraform tries to connect, e.g. 30s, 5m (default 5m)" },
    { name: 'bastion-host', value: 'HOST', help: 'reach every host through this jump host' },
    { name: 'bastion-user', value: 'USER', help: 'user on the jump host (default: the connection user)' },
    { name: 'bastion-port', value: 'N', help: 'ssh port of the jump host (default 22)' },
    { name: 'bastion-host-key', value: 'KEY', help: "the jump host's public host key ('TYPE BASE64'), pinned" },
    { name: 'bastion-key-variable', help: 'the jump host login uses the sensitive variable\n<prefix>_bastion_private_key' },
    { name: 'script-path', value: 'PATH', help: 'where Terraform uploads the script of every provisioner (default\n/root/.cdktf-barman-%RAND%.sh, /home/USER/... for another user): a\ndirectory only USER can enter, not /tmp, /var/tmp or /dev/shm' },
    { name: 'id-prefix', value: 'PREFIX', help: 'prefix of every logical id, variable and output (default barman)' },
    { name: 'module', help: "make DIR a Terraform module for an HCL estate: input variables\naddress_<name> and connection_host_<name> per instance (defaults from\nCONFIG), outputs <prefix>_ready and <prefix>_host_resources, no\nprovider blocks" },
  ],
};

const isDuration = (v: string): boolean => /^\d{1,6}(ms|s|m|h)$/.test(v);

function checked(args: ParsedArgs, name: string, ok: (value: string) => boolean, fix: string): string | undefined {
  const v = valueOf(args, name);
  if (v !== undefined && (!ok(v) || v.startsWith('-'))) throw new UsageError(`--${name} '${v}' ${fix}`);
  return v;
}

function user(args: ParsedArgs, name: string): string | undefined {
  const v = valueOf(args, name);
  const problem = v === undefined ? undefined : connectionUserProblem(v);
  if (problem !== undefined) throw new UsageError(problem.replace('--connection-user', `--${name}`));
  return v;
}

/** The stack options the command line asks for (UsageError on a wrong value). */
export function synthOptionsOf(args: ParsedArgs): SynthOptions {
  const resourceType = choiceOf(args, 'resource-type', Object.values(ProvisionerResourceType));
  const keyAlgorithm = choiceOf(args, 'key-algorithm', Object.values(KeyAlgorithm));
  const rsaBits = wholeNumber(args, 'rsa-bits', 2048, 16384);
  const ecdsaCurve = choiceOf(args, 'ecdsa-curve', ECDSA_CURVES);
  const supplied = args.options.has('supplied-keys');
  if (supplied && (keyAlgorithm ?? rsaBits ?? ecdsaCurve ?? (args.options.has('per-host-keys') || undefined)) !== undefined) {
    throw new UsageError('--supplied-keys brings one key pair per user: --key-algorithm, --rsa-bits, --ecdsa-curve and --per-host-keys only shape generated keys; drop them');
  }
  if (rsaBits !== undefined && keyAlgorithm !== KeyAlgorithm.RSA) throw new UsageError('--rsa-bits needs --key-algorithm RSA');
  if (ecdsaCurve !== undefined && keyAlgorithm !== KeyAlgorithm.ECDSA) throw new UsageError('--ecdsa-curve needs --key-algorithm ECDSA');
  const scriptPath = valueOf(args, 'script-path');
  const scriptProblem = scriptPath === undefined ? undefined : scriptPathProblem(scriptPath);
  if (scriptProblem !== undefined) throw new UsageError(scriptProblem);
  const prefix = valueOf(args, 'id-prefix');
  if (prefix !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(prefix)) throw new UsageError(`--id-prefix '${prefix}' must be a Terraform identifier (letters, digits, _ and -, not starting with a digit or -)`);
  const bastionHost = checked(args, 'bastion-host', isAddress, 'must be a host name or IP address');
  const bastionOnly = ['bastion-user', 'bastion-port', 'bastion-host-key', 'bastion-key-variable'].filter((o) => args.options.has(o));
  if (bastionHost === undefined && bastionOnly.length > 0) throw new UsageError(`--${bastionOnly[0]} needs --bastion-host`);
  const noAccess = args.options.has('no-database-access');
  if (noAccess && args.options.has('password-variables')) throw new UsageError('--password-variables has nothing to do with --no-database-access: drop one');
  const connection: HostConnectionProps = {
    user: user(args, 'connection-user'),
    port: wholeNumber(args, 'connection-port', 1, 65535),
    timeout: checked(args, 'connection-timeout', isDuration, "must be a duration such as 30s or 5m"),
    bastionHost,
    bastionUser: user(args, 'bastion-user'),
    bastionPort: wholeNumber(args, 'bastion-port', 1, 65535),
    bastionHostKey: checked(args, 'bastion-host-key', isHostKeyLine, "must be one public key line 'TYPE BASE64' (no comment)"),
    secretScriptPath: scriptPath,
  };
  return {
    resourceType,
    keysFromVariables: supplied,
    keyAlgorithm,
    rsaBits,
    ecdsaCurve,
    perHostKeys: args.options.has('per-host-keys') || undefined,
    databasePasswordsFromVariables: args.options.has('password-variables'),
    manageDatabaseAccess: noAccess ? false : undefined,
    activate: args.options.has('no-activate') || noAccess ? false : undefined,
    installPackages: args.options.has('install-packages') || undefined,
    connectionKeyFromVariable: args.options.has('connection-key-variable'),
    bastionKeyFromVariable: args.options.has('bastion-key-variable'),
    // unset fields take the construct's defaults, as an absent connection does
    connection: Object.fromEntries(Object.entries(connection).filter(([, v]) => v !== undefined)),
    idPrefix: prefix,
    asModule: args.options.has('module') || undefined,
  };
}

/** Writes DIR/cdktf-barman.tf.json under the one --out policy; returns its path. */
export function writeSynth(graph: BarmanGraph, outDir: string, options: SynthOptions, force = false): string {
  const json = synthesizeTerraformJson({ ...options, graph });
  writeOut(outDir, 'synth', force, (dir) => {
    writeTerraformJson(join(dir, SYNTH_FILE), json);
    return [SYNTH_FILE];
  });
  return join(outDir, SYNTH_FILE);
}

export function synthCommand(args: ParsedArgs, io: Io): number {
  const file = configArgument(args);
  const { out, force } = outDirOf(args, 'synth');
  const options = synthOptionsOf(args);
  const g = load(file, io);
  if (!g) return EXIT_INVALID;
  const written = writeSynth(g, out, options, force);
  io.out(`${summary(file, g)}; wrote ${written}\n`);
  return EXIT_OK;
}
