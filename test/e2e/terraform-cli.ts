/**
 * The two command lines the end-to-end test drives, as a user would: `./bin/cdktf-barman`
 * (validate, synth, render) and the real `terraform` (init, plan, apply, show) in one working
 * directory. Nothing is mocked; every call is a child process.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

export interface ExecResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Spawns a command and collects its output (never throws for a non-zero exit). */
export function exec(file: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ExecResult> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - t0 });
    });
  });
}

function describe(what: string, r: ExecResult): string {
  return `${what} exited ${r.code}\n--- stdout ---\n${r.stdout.trim()}\n--- stderr ---\n${r.stderr.trim()}`;
}

/** `./bin/cdktf-barman ARGS` from the repository root (uses the compiled dist/). */
export async function cdktfBarman(args: readonly string[]): Promise<ExecResult> {
  const root = repoRoot();
  return exec(process.execPath, [path.join(root, 'bin', 'cdktf-barman'), ...args], { cwd: root, timeoutMs: 120_000 });
}

/** One Terraform working directory holding the synthesized JSON, its variables and its state. */
export class TerraformDir {
  /** every terraform and cdktf-barman call with its duration, for the report */
  readonly log: Array<{ command: string; ms: number; code: number | null }> = [];

  constructor(
    readonly dir: string,
    /** a scratch directory for terraform's own temp files (never the machine's /tmp) */
    private readonly tmpDir: string,
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.mkdirSync(tmpDir, { recursive: true, mode: 0o700 });
  }

  get env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      TMPDIR: this.tmpDir,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      TF_CLI_CONFIG_FILE: '/dev/null',
      CHECKPOINT_DISABLE: '1',
      TF_DATA_DIR: path.join(this.dir, '.terraform'),
    };
  }

  /** Sensitive variables (keys): a 0600 terraform.tfvars.json, read automatically by plan and apply. */
  writeVariables(vars: Record<string, string>): void {
    fs.writeFileSync(path.join(this.dir, 'terraform.tfvars.json'), JSON.stringify(vars, null, 2) + '\n', { mode: 0o600 });
  }

  get synthFile(): string {
    return path.join(this.dir, 'cdktf-barman.tf.json');
  }

  /** `cdktf-barman synth CONFIG --out DIR --force --resource-type terraform_data --supplied-keys --connection-key-variable` */
  async synth(config: string): Promise<void> {
    const args = ['synth', config, '--out', this.dir, '--force', '--resource-type', 'terraform_data', '--supplied-keys', '--connection-key-variable'];
    const r = await cdktfBarman(args);
    this.log.push({ command: 'cdktf-barman synth', ms: r.ms, code: r.code });
    if (r.code !== 0) throw new Error(describe(`cdktf-barman ${args.join(' ')}`, r));
  }

  /** Runs terraform; throws unless the exit code is one of `okCodes`. */
  async terraform(args: readonly string[], okCodes: readonly number[] = [0]): Promise<ExecResult> {
    const r = await exec('terraform', [...args, ...(args[0] === 'show' ? [] : ['-no-color'])], { cwd: this.dir, env: this.env, timeoutMs: 600_000 });
    this.log.push({ command: `terraform ${args.join(' ')}`, ms: r.ms, code: r.code });
    if (r.code === null || !okCodes.includes(r.code)) throw new Error(describe(`terraform ${args.join(' ')}`, r));
    return r;
  }

  init(): Promise<ExecResult> {
    return this.terraform(['init', '-input=false']);
  }

  apply(extra: readonly string[] = []): Promise<ExecResult> {
    return this.terraform(['apply', '-auto-approve', '-input=false', ...extra]);
  }

  /** `terraform plan -detailed-exitcode`: 0 no changes, 2 changes */
  async plan(extra: readonly string[] = []): Promise<ExecResult> {
    return this.terraform(['plan', '-input=false', '-detailed-exitcode', ...extra], [0, 2]);
  }

  /** `terraform show -json PLANFILE` parsed */
  async showPlanJson(planFile: string): Promise<PlanJson> {
    const r = await this.terraform(['show', '-json', planFile]);
    return JSON.parse(r.stdout) as PlanJson;
  }

  /** the synthesized JSON, parsed */
  readSynth(): SynthJson {
    return JSON.parse(fs.readFileSync(this.synthFile, 'utf8')) as SynthJson;
  }

  writeSynth(json: SynthJson): void {
    fs.writeFileSync(this.synthFile, JSON.stringify(json, null, 2) + '\n');
  }
}

export interface SynthJson {
  resource: Record<string, Record<string, { connection?: Record<string, unknown>; [k: string]: unknown }>>;
  [k: string]: unknown;
}

export interface PlanJson {
  resource_changes?: Array<{ address: string; type: string; name: string; change: { actions: string[] } }>;
}

/** Addresses whose planned actions are not a no-op, with their actions: `addr: delete,create`. */
export function plannedChanges(plan: PlanJson): Map<string, string> {
  const m = new Map<string, string>();
  for (const rc of plan.resource_changes ?? []) {
    const a = rc.change.actions.join(',');
    if (a !== 'no-op' && a !== 'read') m.set(rc.address, a);
  }
  return m;
}

/** A fresh ED25519 key pair (ssh-keygen, no passphrase) in `dir`, as a user would supply it. */
export async function sshKeyPair(dir: string, name: string, comment = name): Promise<{ privateKey: string; publicKey: string }> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const r = await exec('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path.join(dir, name)]);
  if (r.code !== 0) throw new Error(`ssh-keygen ${name}: ${r.stderr}`);
  return { privateKey: fs.readFileSync(path.join(dir, name), 'utf8'), publicKey: fs.readFileSync(path.join(dir, `${name}.pub`), 'utf8').trim() };
}
