/**
 * Running the real Terraform against the test-only stand-in providers: the mirror and CLI
 * configuration of scripts/offline-providers in a scratch directory, and `terraform` with only
 * that configuration (no TF_* variable of the caller's environment), no checkpoint calls and its
 * own TMPDIR.
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** a scratch directory removed after the file's tests */
export function scratchDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `cdktf-barman-${prefix}-`));
  after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** scripts/offline-providers DIR: the CLI configuration's path (its only output) */
export function offlineProviders(dir: string): Run {
  const r = spawnSync(join(repoRoot(), 'scripts', 'offline-providers'), [dir], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** `terraform` with the CLI configuration `cliConfig` */
export class Terraform {
  private readonly env: NodeJS.ProcessEnv;

  constructor(cliConfig: string, scratch: string) {
    const tmp = join(scratch, 'terraform-tmp');
    mkdirSync(tmp, { recursive: true });
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('TF_') && k !== 'CHECKPOINT_DISABLE' && k !== 'TMPDIR') env[k] = v;
    this.env = { ...env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TMPDIR: tmp };
  }

  run(cwd: string, args: readonly string[]): Run {
    const r = spawnSync('terraform', [...args], { cwd, env: this.env, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    if (r.error !== undefined) throw r.error;
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  /** runs and asserts the exit status (0 unless told) */
  ok(cwd: string, args: readonly string[], status = 0): Run {
    const r = this.run(cwd, args);
    assert.equal(r.status, status, `terraform ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
    return r;
  }
}
