/**
 * `npm run bench`: synth time, peak memory, JSON size and `terraform plan` time of the library
 * on estates of 10, 100 and 1,000 Postgres instances, each against a floor:
 *
 * - synth: the library's CLI path (config.yml load, validation, render, cdktf synth, JSON write;
 *   terraform_data mode with supplied keys) against a bare cdktf stack holding the same resources
 *   with the same bytes (taken from the library's own output and checked equal), built with
 *   TerraformResource and TerraformVariable as a cdktf user would (variables and depends_on as
 *   cdktf references) and synthesized with app.synth(): what cdktf itself costs;
 * - plan: `terraform plan` on the library's output against as many trivial terraform_data
 *   resources (init once, no state, -refresh=false -lock=false -input=false).
 *
 * Every synth run is a fresh process (bench/worker.ts); library and baseline runs alternate, so a
 * drift in machine load hits both. Each figure is the median of its runs.
 *
 * Options: --sizes 10,100   only these estates
 *          --runs N         synth runs per estate and side (default 5, 3 at 1,000)
 *          --plan-runs N    plan runs per estate and side (default 3)
 *          --no-plan        skip terraform
 *          --profile        also time the phases of the library's synth at the largest size and
 *                           profile it (node --cpu-prof): top self-time functions
 *          --budget S       stop repeating terraform plans once the bench would pass S seconds
 *                           (default 540: `npm run bench` stays under 10 minutes on 2 cores)
 *          --keep           keep the work directory (printed)
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WorkerResult, median, worker } from './common';
import { estateShape, estateYaml } from './estate';
import { profileSynth } from './profile';

const SYNTH_FILE = 'cdktf-barman.tf.json';

interface Options {
  sizes: number[];
  runs?: number;
  planRuns: number;
  plan: boolean;
  budgetS: number;
  profile: boolean;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { sizes: [10, 100, 1000], planRuns: 3, plan: true, budgetS: 540, profile: false, keep: false };
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

/** resources and variables of a .tf.json without cdktf's "//" metadata, as canonical text */
function comparable(file: string): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== '//').map(([k, x]) => [k, strip(x)]));
  };
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return JSON.stringify(strip({ resource: json.resource, variable: json.variable }));
}

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

function countResources(file: string): { resources: number; variables: string[] } {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { resource?: Record<string, Record<string, unknown>>; variable?: Record<string, unknown> };
  const resources = Object.values(json.resource ?? {}).reduce((n, byId) => n + Object.keys(byId).length, 0);
  return { resources, variables: Object.keys(json.variable ?? {}) };
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

/**
 * init once, then up to `runs` plans with no state (fewer when one more would pass the time
 * budget); checks that each plans every resource
 */
function planTimes(dir: string, expected: number, runs: number, env: NodeJS.ProcessEnv, secondsLeft: () => number): number[] {
  terraform(dir, ['init', '-input=false', '-no-color', '-backend=false'], env);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i > 0 && times[i - 1] / 1000 > secondsLeft()) break;
    const { ms: t, stdout } = terraform(dir, ['plan', '-refresh=false', '-lock=false', '-input=false', '-no-color'], env);
    const m = /Plan: (\d+) to add/.exec(stdout);
    if (!m || Number(m[1]) !== expected) throw new Error(`terraform plan in ${dir}: expected ${expected} to add, got ${m ? m[1] : 'no plan summary'}`);
    times.push(t);
  }
  return times;
}

function trivialStack(resources: number): string {
  const body: Record<string, { input: string }> = {};
  for (let i = 0; i < resources; i++) body[`r${i}`] = { input: `r${i}` };
  return JSON.stringify({ resource: { terraform_data: body } }, null, 2) + '\n';
}

interface SizeResult {
  n: number;
  libMs: number;
  baseMs: number;
}

function benchSize(n: number, work: string, o: Options, say: (line: string) => void, secondsLeft: () => number): SizeResult {
  const shape = estateShape(n);
  const dir = join(work, String(n));
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'config.yml');
  writeFileSync(config, estateYaml(n));
  say(`estate ${n}: ${n} Postgres instances, ${shape.servers} Barman servers, ${shape.edges} backup edges, ${shape.overridden} with overrides`);

  const runs = o.runs ?? (n >= 1000 ? 3 : 5);
  const spec = join(dir, 'spec.tf.json');
  const lib: WorkerResult[] = [];
  const base: WorkerResult[] = [];
  for (let i = 0; i < runs; i++) {
    const libOut = join(dir, 'lib-out');
    lib.push(worker('lib', config, libOut));
    if (i === 0) copyFileSync(join(libOut, SYNTH_FILE), spec);
    const baseOut = join(dir, 'baseline-out');
    base.push(worker('baseline', spec, baseOut));
    if (i === 0 && comparable(findTfJson(baseOut)) !== comparable(spec)) throw new Error(`estate ${n}: the baseline's resources differ from the library's`);
    rmSync(libOut, { recursive: true, force: true });
    rmSync(baseOut, { recursive: true, force: true });
  }
  const libMs = median(lib.map((r) => r.ms));
  const baseMs = median(base.map((r) => r.ms));
  const { resources, variables } = countResources(spec);
  const bytes = statSync(spec).size;
  const detail = (rs: WorkerResult[]) => `median of ${runs}; CPU ${ms(median(rs.map((r) => r.cpuMs)))}; module loading ${ms(median(rs.map((r) => r.loadMs)))} more`;
  say(`synth time library at ${n}: ${ms(libMs)} (${detail(lib)})`);
  say(`synth time baseline at ${n}: ${ms(baseMs)} (${detail(base)})`);
  say(`peak memory library at ${n}: ${mib(median(lib.map((r) => r.hwmMiB)))}`);
  say(`peak memory baseline at ${n}: ${mib(median(base.map((r) => r.hwmMiB)))}`);
  say(`json size at ${n}: ${fixed(bytes / 1e6)} MB (${fixed(bytes / n / 1e3, 1)} kB per instance)`);
  say(`resources at ${n}: ${resources} (${fixed(resources / n)} per instance)`);

  if (o.plan) {
    const env = terraformEnv(work, variables);
    const libPlan = join(dir, 'plan-lib');
    mkdirSync(libPlan, { recursive: true });
    copyFileSync(spec, join(libPlan, SYNTH_FILE));
    const basePlan = join(dir, 'plan-baseline');
    mkdirSync(basePlan, { recursive: true });
    writeFileSync(join(basePlan, 'main.tf.json'), trivialStack(resources));
    // the baseline's plans are short: keep a minute for them (and for the larger estates' ones)
    const libPlans = planTimes(libPlan, resources, o.planRuns, env, () => secondsLeft() - 60);
    const basePlans = planTimes(basePlan, resources, o.planRuns, env, secondsLeft);
    const libPlanMs = median(libPlans);
    const basePlanMs = median(basePlans);
    const of = (runs: number[]) => `median of ${runs.length}${runs.length < o.planRuns ? ', fewer runs: time budget' : ''}`;
    say(`plan time library at ${n}: ${ms(libPlanMs)} (${of(libPlans)})`);
    say(`plan time baseline at ${n}: ${ms(basePlanMs)} (${of(basePlans)}; ${resources} trivial terraform_data)`);
    say(`ratio plan/baseline at ${n}: ${fixed(libPlanMs / basePlanMs)}`);
    rmSync(join(libPlan, '.terraform'), { recursive: true, force: true });
  }
  return { n, libMs, baseMs };
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
    const secondsLeft = () => o.budgetS - (performance.now() - started) / 1000;
    const results = o.sizes.map((n) => benchSize(n, work, o, say, secondsLeft));
    const at = (n: number) => results.find((r) => r.n === n);
    const r100 = at(100);
    const r1000 = at(1000);
    if (r100 && r1000) say(`growth synth 100->1000: library ${fixed(r1000.libMs / r100.libMs)}x, baseline ${fixed(r1000.baseMs / r100.baseMs)}x`);
    if (o.profile) profileSynth(Math.max(...o.sizes), work, say);
    say(`bench took ${fixed((performance.now() - started) / 1000, 1)} s; load average ${load()}`);
    const last = r1000 ?? results[results.length - 1];
    say(`ratio synth/baseline at ${last.n}: ${fixed(last.libMs / last.baseMs)}`);
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
