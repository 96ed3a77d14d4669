/**
 * `npm run bench`: synth time, peak memory, JSON size against its review payload, and `terraform
 * plan` time of the library on estates of 10, 100, 1,000 and 3,000 Postgres instances, each
 * against a floor, then the targets of issue 15 (bench/targets.ts):
 *
 * - synth: the library's CLI path (config.yml load, validation, render, cdktf synth, JSON write;
 *   terraform_data mode with supplied keys) against a bare cdktf stack holding the same resources
 *   with the same bytes (taken from the library's own output and checked equal), built with
 *   TerraformResource and TerraformVariable as a cdktf user would (variables and depends_on as
 *   cdktf references) and synthesized with app.synth(): what cdktf itself costs;
 * - review payload: the JSON text of every resource's triggers, what a plan review shows;
 * - plan: `terraform plan` on the library's output against its floor, the same file without
 *   provisioners and connections (bench/tfjson.ts), and against as many trivial terraform_data
 *   resources (init once, no state, -refresh=false -lock=false -input=false).
 *
 * Every synth run is a fresh process (bench/worker.ts); library and baseline runs alternate, and
 * so do the three plans, so a drift in machine load hits every side. Each figure is the median of
 * its runs.
 *
 * Options: --sizes 10,100   only these estates (default 10,100,1000,3000)
 *          --runs N         synth runs per estate and side (default 5; 3 at 1,000; 2 above)
 *          --plan-runs N    plan runs per estate and side (default 3)
 *          --no-plan        skip terraform
 *          --plan-max N     plan only estates of at most N instances (default 1000)
 *          --profile        also time the phases of the library's synth at the largest size and
 *                           profile it (node --cpu-prof): top self-time functions
 *          --budget S       stop repeating terraform plans once the bench would pass S seconds,
 *                           keeping time for the synth runs of the estates still to come
 *                           (default 660: `npm run bench` stays under 12 minutes on 2 cores)
 *          --keep           keep the work directory (printed)
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WorkerResult, median, worker } from './common';
import { estateShape, estateYaml } from './estate';
import { profileSynth } from './profile';
import { writeTerraformJson } from '../lib/cli/terraform-json-text';
import { SizeFigures, growth, targetLines } from './targets';
import { TfJson, byteBreakdown, comparable, countResources, floorStack, readTfJson, reviewPayloadBytes } from './tfjson';

const SYNTH_FILE = 'cdktf-barman.tf.json';

interface Options {
  sizes: number[];
  runs?: number;
  planRuns: number;
  plan: boolean;
  planMax: number;
  budgetS: number;
  profile: boolean;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { sizes: [10, 100, 1000, 3000], planRuns: 3, plan: true, planMax: 1000, budgetS: 660, profile: false, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const count = (): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive integer`);
      return n;
    };
    if (a === '--sizes') o.sizes = value().split(',').map(Number);
    else if (a === '--runs') o.runs = count();
    else if (a === '--plan-runs') o.planRuns = count();
    else if (a === '--no-plan') o.plan = false;
    else if (a === '--plan-max') o.planMax = count();
    else if (a === '--budget') o.budgetS = count();
    else if (a === '--profile') o.profile = true;
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (o.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes positive integers');
  return o;
}

const ms = (x: number): string => `${Math.round(x)} ms`;
const mib = (x: number): string => `${Math.round(x)} MiB`;
const fixed = (x: number, d = 2): string => x.toFixed(d);
const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;
/** synth runs per estate and side */
const synthRuns = (n: number, o: Options): number => o.runs ?? (n > 1000 ? 2 : n === 1000 ? 3 : 5);

function findTfJson(dir: string): string {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const f = findTfJson(p);
      if (f) return f;
    } else if (e.name.endsWith('.tf.json')) return p;
  }
  return '';
}

function hasTerraform(): boolean {
  const r = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** the environment of every terraform command: no CLI config warnings, no prompts, no checkpoint calls */
function terraformEnv(work: string, variables: string[]): NodeJS.ProcessEnv {
  const rc = join(work, 'terraformrc');
  writeFileSync(rc, '');
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
  // a real throwaway key: the stack's preconditions refuse anything that is not one
  const privateKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  for (const v of variables) env[`TF_VAR_${v}`] = /public_key$/.test(v) ? 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBenchBenchBenchBenchBenchBenchBenchBenchBen bench' : privateKey;
  return env;
}

function terraform(dir: string, args: string[], env: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  const out = join(dir, '..', `${dir.split('/').pop()}.out`);
  const t0 = performance.now();
  const r = spawnSync('terraform', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const elapsed = performance.now() - t0;
  const stdout = r.stdout?.toString('utf8') ?? '';
  if (r.status !== 0) {
    writeFileSync(out, stdout);
    throw new Error(`terraform ${args[0]} in ${dir} failed (${r.status ?? r.signal}):\n${r.stderr?.toString('utf8')}`);
  }
  return { ms: elapsed, stdout };
}

/** one plan with no state, checked to add every resource */
function planOnce(dir: string, expected: number, env: NodeJS.ProcessEnv): number {
  const { ms: t, stdout } = terraform(dir, ['plan', '-refresh=false', '-lock=false', '-input=false', '-no-color'], env);
  const m = /Plan: (\d+) to add/.exec(stdout);
  if (!m || Number(m[1]) !== expected) throw new Error(`terraform plan in ${dir}: expected ${expected} to add, got ${m ? m[1] : 'no plan summary'}`);
  return t;
}

/**
 * Each directory's plans, round after round (one plan of each per round, so the sides alternate),
 * after one init each; no new round once the last one would pass the time left.
 */
function planRounds(dirs: string[], expected: number, runs: number, env: NodeJS.ProcessEnv, secondsLeft: () => number): number[][] {
  for (const d of dirs) terraform(d, ['init', '-input=false', '-no-color', '-backend=false'], env);
  const times: number[][] = dirs.map(() => []);
  for (let i = 0; i < runs; i++) {
    const lastRoundS = times.reduce((s, t) => s + (t[i - 1] ?? 0), 0) / 1000;
    if (i > 0 && lastRoundS > secondsLeft()) break;
    dirs.forEach((d, k) => times[k].push(planOnce(d, expected, env)));
  }
  return times;
}

function trivialStack(resources: number): TfJson {
  const body: Record<string, { input: string }> = {};
  for (let i = 0; i < resources; i++) body[`r${i}`] = { input: `r${i}` };
  return { resource: { terraform_data: body } };
}

function writeStack(dir: string, json: TfJson): string {
  mkdirSync(dir, { recursive: true });
  // the layout the CLI writes, so the plans compare configurations, not whitespace
  writeTerraformJson(join(dir, SYNTH_FILE), json);
  return dir;
}

/** the review payload and where the JSON's bytes go */
function sayShape(n: number, json: TfJson, fileBytes: number, say: (line: string) => void): number {
  const payload = reviewPayloadBytes(json);
  const b = byteBreakdown(json);
  say(`review payload at ${n}: ${fixed(payload / 1e6)} MB (${fixed(payload / n / 1e3, 1)} kB per instance)`);
  say(`ratio json/review at ${n}: ${fixed(fileBytes / payload)}`);
  const rest = b.total - b.triggers - b.provisioners - b.connections - b.locals;
  say(`json bytes at ${n}: triggers ${pct(b.triggers, b.total)}, provisioners ${pct(b.provisioners, b.total)}, connections ${pct(b.connections, b.total)}, locals ${pct(b.locals, b.total)}, the rest ${pct(rest, b.total)} (of ${fixed(b.total / 1e6)} MB compact)`);
  return payload;
}

function benchSize(n: number, work: string, o: Options, say: (line: string) => void, secondsLeft: () => number): SizeFigures {
  const shape = estateShape(n);
  const dir = join(work, String(n));
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'config.yml');
  writeFileSync(config, estateYaml(n));
  say(`estate ${n}: ${n} Postgres instances, ${shape.servers} Barman servers, ${shape.edges} backup edges, ${shape.overridden} with overrides`);

  const runs = synthRuns(n, o);
  const spec = join(dir, 'spec.tf.json');
  const lib: WorkerResult[] = [];
  const base: WorkerResult[] = [];
  let json: TfJson = {};
  for (let i = 0; i < runs; i++) {
    const libOut = join(dir, 'lib-out');
    lib.push(worker('lib', config, libOut));
    if (i === 0) {
      copyFileSync(join(libOut, SYNTH_FILE), spec);
      json = readTfJson(spec);
    }
    const baseOut = join(dir, 'baseline-out');
    base.push(worker('baseline', spec, baseOut));
    if (i === 0 && comparable(readTfJson(findTfJson(baseOut))) !== comparable(json)) throw new Error(`estate ${n}: the baseline's resources differ from the library's`);
    rmSync(libOut, { recursive: true, force: true });
    rmSync(baseOut, { recursive: true, force: true });
  }
  const libMs = median(lib.map((r) => r.ms));
  const baseMs = median(base.map((r) => r.ms));
  const libPeakMiB = Math.max(...lib.map((r) => r.hwmMiB));
  const { resources, variables } = countResources(json);
  const bytes = statSync(spec).size;
  const cpu = (rs: WorkerResult[]) => median(rs.map((r) => r.cpuMs));
  const detail = (rs: WorkerResult[]) => `median of ${runs}; CPU ${ms(cpu(rs))}; module loading ${ms(median(rs.map((r) => r.loadMs)))} more`;
  say(`synth time library at ${n}: ${ms(libMs)} (${detail(lib)}; per instance ${fixed(libMs / n)} ms, CPU ${fixed(cpu(lib) / n)} ms)`);
  say(`synth time baseline at ${n}: ${ms(baseMs)} (${detail(base)})`);
  say(`peak memory library at ${n}: ${mib(libPeakMiB)} (highest of ${runs})`);
  say(`peak memory baseline at ${n}: ${mib(Math.max(...base.map((r) => r.hwmMiB)))} (highest of ${runs})`);
  say(`json size at ${n}: ${fixed(bytes / 1e6)} MB (${fixed(bytes / n / 1e3, 1)} kB per instance)`);
  say(`resources at ${n}: ${resources} (${fixed(resources / n)} per instance)`);
  const payloadBytes = sayShape(n, json, bytes, say);
  const figures: SizeFigures = { n, libMs, baseMs, libCpuMs: cpu(lib), baseCpuMs: cpu(base), libPeakMiB, jsonBytes: bytes, payloadBytes };

  if (o.plan && n > o.planMax) say(`plan at ${n}: skipped (above --plan-max ${o.planMax}; pass --plan-max ${n} to plan it)`);
  if (o.plan && n <= o.planMax) {
    const env = terraformEnv(work, variables);
    const libPlan = join(dir, 'plan-lib');
    mkdirSync(libPlan, { recursive: true });
    copyFileSync(spec, join(libPlan, SYNTH_FILE));
    const floorPlan = writeStack(join(dir, 'plan-floor'), floorStack(json));
    const basePlan = writeStack(join(dir, 'plan-baseline'), trivialStack(resources));
    const [libPlans, floorPlans, basePlans] = planRounds([libPlan, floorPlan, basePlan], resources, o.planRuns, env, secondsLeft);
    figures.planMs = median(libPlans);
    figures.floorMs = median(floorPlans);
    const basePlanMs = median(basePlans);
    const of = `median of ${libPlans.length}${libPlans.length < o.planRuns ? ', fewer runs: time budget' : ''}`;
    say(`plan time library at ${n}: ${ms(figures.planMs)} (${of})`);
    say(`plan time floor at ${n}: ${ms(figures.floorMs)} (${of}; the same ${resources} resources and triggers, no provisioners, no connections)`);
    say(`plan time baseline at ${n}: ${ms(basePlanMs)} (${of}; ${resources} trivial terraform_data)`);
    say(`ratio plan/floor at ${n}: ${fixed(figures.planMs / figures.floorMs)}`);
    say(`ratio plan/baseline at ${n}: ${fixed(figures.planMs / basePlanMs)}`);
    for (const d of [libPlan, floorPlan, basePlan]) rmSync(join(d, '.terraform'), { recursive: true, force: true });
  }
  return figures;
}

function main(): void {
  const o = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'cdktf-barman-bench-'));
  const say = (line: string) => process.stdout.write(line + '\n');
  try {
    if (o.plan && !hasTerraform()) {
      say('terraform: not on PATH, plan figures skipped');
      o.plan = false;
    }
    const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
    say(`machine: ${cpus().length} cores, load average ${load()} (other work on the machine inflates every time below)`);
    const results: SizeFigures[] = [];
    // the synth runs of the estates still to come are kept out of the plans' time budget: the last
    // estate's time per instance, half as much again (it grows with size), two seconds of process
    // start and output per run
    const synthAhead = (after: number): number => {
      const last = results[results.length - 1];
      if (!last) return 0;
      const perInstanceS = (last.libMs + last.baseMs) / last.n / 1000;
      return o.sizes.slice(after + 1).reduce((s, n) => s + 1.5 * synthRuns(n, o) * (perInstanceS * n + 2), 0);
    };
    o.sizes.forEach((n, i) => {
      const secondsLeft = () => o.budgetS - (performance.now() - started) / 1000 - synthAhead(i);
      results.push(benchSize(n, work, o, say, secondsLeft));
    });
    const at = (n: number) => results.find((r) => r.n === n);
    const r100 = at(100);
    for (const r of results.filter((x) => x.n > 100 && r100)) {
      const g = (value: (x: SizeFigures) => number) => `${fixed(growth(r100!, r, value))}x`;
      say(`growth 100->${r.n} per instance: synth time ${g((x) => x.libMs)}, CPU ${g((x) => x.libCpuMs)} (baseline ${g((x) => x.baseMs)}, CPU ${g((x) => x.baseCpuMs)}), json bytes ${g((x) => x.jsonBytes)}`);
    }
    if (o.profile) profileSynth(Math.max(...o.sizes), work, say);
    say(`bench took ${fixed((performance.now() - started) / 1000, 1)} s; load average ${load()}`);
    const last = at(3000) ?? at(1000) ?? results[results.length - 1];
    say(`ratio synth/baseline at ${last.n}: ${fixed(last.libMs / last.baseMs)}`);
    for (const l of targetLines(results)) say(l);
  } finally {
    if (o.keep) process.stderr.write(`work directory kept: ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}
