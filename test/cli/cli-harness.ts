/**
 * Runs the real ./bin/cdktf-barman as a child process, optionally as the unprivileged `nobody`
 * (the tests run as root, whom permission bits do not stop).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'cdktf-barman');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** run as nobody through setpriv when we are root */
  readonly unprivileged?: boolean;
}

/** true when runs with `unprivileged` really lack root's powers */
export const canDropRoot = process.getuid?.() !== 0 || spawnSync('setpriv', ['--version']).status === 0;

export function run(args: readonly string[], options: RunOptions = {}): Run {
  const asNobody = options.unprivileged === true && process.getuid?.() === 0;
  const [cmd, argv] = asNobody
    ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const r = spawnSync(cmd, argv, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.error, undefined, String(r.error));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const outputOf = (r: Run): string => `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;

/** Every path under dir with its content (files) or '<dir>': to show a tree was left as it was. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const a = join(abs, name);
      const r = rel === '' ? name : `${rel}/${name}`;
      if (lstatSync(a).isDirectory()) {
        out.set(r, '<dir>');
        walk(a, r);
      } else {
        out.set(r, readFileSync(a, 'utf8'));
      }
    }
  };
  walk(dir, '');
  return out;
}

/** The error lines of a run that are not the config's warnings. */
export function errorLines(r: Run): string[] {
  return r.stderr.split('\n').filter((l) => l !== '' && !/:\d+:\d+: warning: /.test(l));
}

/** A failure reported as one line, with no stack trace. */
export function assertOneLineError(r: Run, code: number, pattern: RegExp): void {
  assert.equal(r.code, code, outputOf(r));
  const lines = errorLines(r);
  assert.equal(lines.length, 1, outputOf(r));
  assert.match(lines[0], pattern, outputOf(r));
  assert.doesNotMatch(r.stderr, /^\s+at /m, `no stack trace\n${outputOf(r)}`);
}

export const VALID = `cluster_name: shop
instances:
  - Name: shop-db1
    node: 1
    role: primary
    backup: shop-backup
    private_ip: 10.1.0.11
    vars:
      backup_name: shop.main
  - Name: shop-db2
    node: 2
    role: replica
    upstream: shop-db1
    private_ip: 10.1.0.12
  - Name: shop-backup
    node: 3
    role: [barman]
    private_ip: 10.1.0.20
`;
