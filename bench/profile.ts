/**
 * `npm run bench -- --profile`: where the library's synth spends its time at the largest estate.
 *
 * - phases (median of 3 fresh processes): load, validate, renderHosts, construct building,
 *   cdktf synth, JSON write (see bench/worker.ts, mode phases);
 * - one run under `node --cpu-prof`, restricted to the measured window (module loading left out):
 *   self time by function, self time by package, and the library functions with the most
 *   inclusive time.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { estateYaml } from './estate';
import { ROOT, median, worker } from './common';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function where(f: CallFrame): string {
  if (!f.url) return '(native)';
  const path = f.url.replace(/^file:\/\//, '');
  const shown = path.startsWith('/') ? relative(ROOT, path) : path;
  return `${shown}:${f.lineNumber + 1}`;
}

function packageOf(f: CallFrame): string {
  if (f.functionName === '(garbage collector)') return 'V8 garbage collector';
  if (f.functionName === '(program)' || f.functionName === '(idle)') return 'V8 (program, idle)';
  if (!f.url) return 'V8 builtins and natives (JSON, RegExp, Buffer, ...)';
  if (f.url.includes('/dist/lib/')) return 'the library (dist/lib)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.url);
  if (m) return m[1];
  if (f.url.startsWith('node:')) return 'node internals';
  return f.url;
}

export interface ProfileSummary {
  windowMs: number;
  self: { key: string; ms: number }[];
  packages: { key: string; ms: number }[];
  libraryInclusive: { key: string; ms: number }[];
}

/** Self and inclusive times of a .cpuprofile, between two monotonic timestamps (µs). */
export function summarize(profile: CpuProfile, fromUs: number, toUs: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${where(f)}`;
  const self = new Map<string, number>();
  const packages = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let t = profile.startTime;
  let windowUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (t < fromUs || t > toUs) continue;
    windowUs += dt;
    const node = byId.get(profile.samples[i])!;
    add(self, key(node.callFrame), dt);
    add(packages, packageOf(node.callFrame), dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (!f.url.includes('/dist/lib/')) continue;
      const k = key(f);
      if (seen.has(k)) continue;
      seen.add(k);
      add(inclusive, k, dt);
    }
  }
  const top = (m: Map<string, number>) => [...m].map(([k, us]) => ({ key: k, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
  return { windowMs: windowUs / 1000, self: top(self), packages: top(packages), libraryInclusive: top(inclusive) };
}

export function profileSynth(n: number, work: string, say: (line: string) => void): void {
  const dir = join(work, String(n));
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'config.yml');
  if (!existsSync(config)) writeFileSync(config, estateYaml(n));

  const runs = [0, 1, 2].map(() => worker('phases', config, join(dir, 'phases-out')));
  const phases = ['load', 'validate', 'renderHosts', 'constructs', 'remoteExecLines', 'cdktfSynth', 'jsonWrite', 'ms'];
  for (const p of phases) {
    const label = p === 'ms' ? 'total' : p === 'remoteExecLines' ? 'constructs: of which remoteExecLines' : p;
    say(`phase ${label} at ${n}: ${Math.round(median(runs.map((r) => r[p])))} ms (median of ${runs.length})`);
  }
  const peak = (k: string) => `${Math.round(median(runs.map((r) => r[k])))} MiB`;
  say(`phase peak memory at ${n}: ${peak('hwmBeforeSynthMiB')} before cdktf synth, ${peak('hwmAfterSynthMiB')} after it, ${peak('hwmMiB')} at the end`);

  const profDir = join(dir, 'cpu-prof');
  const r = worker('lib', config, join(dir, 'prof-out'), ['--cpu-prof', '--cpu-prof-dir', profDir]);
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${profDir}`);
  const s = summarize(JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile, r.startUs, r.endUs);
  const pct = (x: number) => `${((100 * x) / s.windowMs).toFixed(1)}%`;
  say(`profile at ${n}: ${Math.round(s.windowMs)} ms sampled (${Math.round(r.ms)} ms measured under the profiler), module loading left out; ${join(profDir, file)}`);
  for (const p of s.packages.slice(0, 8)) say(`profile package ${Math.round(p.ms)} ms ${pct(p.ms)} ${p.key}`);
  for (const f of s.self.slice(0, 25)) say(`profile self ${Math.round(f.ms)} ms ${pct(f.ms)} ${f.key}`);
  for (const f of s.libraryInclusive.slice(0, 15)) say(`profile library inclusive ${Math.round(f.ms)} ms ${pct(f.ms)} ${f.key}`);
}
