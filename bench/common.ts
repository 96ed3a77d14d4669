/** What bench/run.ts and bench/profile.ts share: fresh-process runs of bench/worker.ts. */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** the repository root (this file runs from dist/bench/) */
export const ROOT = resolve(__dirname, '..', '..');
const WORKER = join(__dirname, 'worker.js');

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export interface WorkerResult {
  ms: number;
  cpuMs: number;
  hwmMiB: number;
  loadMs: number;
  [figure: string]: number;
}

/** One measured run in a fresh node process (see bench/worker.ts); OUT is emptied first. */
export function worker(mode: 'lib' | 'baseline' | 'phases', input: string, out: string, nodeArgs: string[] = []): WorkerResult {
  rmSync(out, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [...nodeArgs, WORKER, mode, input, out], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`worker ${mode} ${input} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as WorkerResult;
}
