"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
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
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_perf_hooks_1 = require("node:perf_hooks");
const common_1 = require("./common");
const estate_1 = require("./estate");
const profile_1 = require("./profile");
const targets_1 = require("./targets");
const tfjson_1 = require("./tfjson");
const SYNTH_FILE = 'cdktf-barman.tf.json';
function parseOptions(argv) {
    const o = { sizes: [10, 100, 1000, 3000], planRuns: 3, plan: true, planMax: 1000, budgetS: 660, profile: false, keep: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = () => {
            const v = argv[++i];
            if (v === undefined)
                throw new Error(`${a} needs a value`);
            return v;
        };
        const count = () => {
            const n = Number(value());
            if (!Number.isInteger(n) || n < 1)
                throw new Error(`${a} needs a positive integer`);
            return n;
        };
        if (a === '--sizes')
            o.sizes = value().split(',').map(Number);
        else if (a === '--runs')
            o.runs = count();
        else if (a === '--plan-runs')
            o.planRuns = count();
        else if (a === '--no-plan')
            o.plan = false;
        else if (a === '--plan-max')
            o.planMax = count();
        else if (a === '--budget')
            o.budgetS = count();
        else if (a === '--profile')
            o.profile = true;
        else if (a === '--keep')
            o.keep = true;
        else
            throw new Error(`unknown option ${a}`);
    }
    if (o.sizes.some((n) => !Number.isInteger(n) || n < 1))
        throw new Error('--sizes takes positive integers');
    return o;
}
const ms = (x) => `${Math.round(x)} ms`;
const mib = (x) => `${Math.round(x)} MiB`;
const fixed = (x, d = 2) => x.toFixed(d);
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;
/** synth runs per estate and side */
const synthRuns = (n, o) => o.runs ?? (n > 1000 ? 2 : n === 1000 ? 3 : 5);
function findTfJson(dir) {
    for (const e of (0, node_fs_1.readdirSync)(dir, { withFileTypes: true })) {
        const p = (0, node_path_1.join)(dir, e.name);
        if (e.isDirectory()) {
            const f = findTfJson(p);
            if (f)
                return f;
        }
        else if (e.name.endsWith('.tf.json'))
            return p;
    }
    return '';
}
function hasTerraform() {
    const r = (0, node_child_process_1.spawnSync)('terraform', ['version'], { encoding: 'utf8' });
    return r.status === 0;
}
/** the environment of every terraform command: no CLI config warnings, no prompts, no checkpoint calls */
function terraformEnv(work, variables) {
    const rc = (0, node_path_1.join)(work, 'terraformrc');
    (0, node_fs_1.writeFileSync)(rc, '');
    const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
    // a real throwaway key: the stack's preconditions refuse anything that is not one
    const privateKey = (0, node_crypto_1.generateKeyPairSync)('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const v of variables)
        env[`TF_VAR_${v}`] = /public_key$/.test(v) ? 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBenchBenchBenchBenchBenchBenchBenchBenchBen bench' : privateKey;
    return env;
}
function terraform(dir, args, env) {
    const out = (0, node_path_1.join)(dir, '..', `${dir.split('/').pop()}.out`);
    const t0 = node_perf_hooks_1.performance.now();
    const r = (0, node_child_process_1.spawnSync)('terraform', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
    const elapsed = node_perf_hooks_1.performance.now() - t0;
    const stdout = r.stdout?.toString('utf8') ?? '';
    if (r.status !== 0) {
        (0, node_fs_1.writeFileSync)(out, stdout);
        throw new Error(`terraform ${args[0]} in ${dir} failed (${r.status ?? r.signal}):\n${r.stderr?.toString('utf8')}`);
    }
    return { ms: elapsed, stdout };
}
/** one plan with no state, checked to add every resource */
function planOnce(dir, expected, env) {
    const { ms: t, stdout } = terraform(dir, ['plan', '-refresh=false', '-lock=false', '-input=false', '-no-color'], env);
    const m = /Plan: (\d+) to add/.exec(stdout);
    if (!m || Number(m[1]) !== expected)
        throw new Error(`terraform plan in ${dir}: expected ${expected} to add, got ${m ? m[1] : 'no plan summary'}`);
    return t;
}
/**
 * Each directory's plans, round after round (one plan of each per round, so the sides alternate),
 * after one init each; no new round once the last one would pass the time left.
 */
function planRounds(dirs, expected, runs, env, secondsLeft) {
    for (const d of dirs)
        terraform(d, ['init', '-input=false', '-no-color', '-backend=false'], env);
    const times = dirs.map(() => []);
    for (let i = 0; i < runs; i++) {
        const lastRoundS = times.reduce((s, t) => s + (t[i - 1] ?? 0), 0) / 1000;
        if (i > 0 && lastRoundS > secondsLeft())
            break;
        dirs.forEach((d, k) => times[k].push(planOnce(d, expected, env)));
    }
    return times;
}
function trivialStack(resources) {
    const body = {};
    for (let i = 0; i < resources; i++)
        body[`r${i}`] = { input: `r${i}` };
    return { resource: { terraform_data: body } };
}
function writeStack(dir, json) {
    (0, node_fs_1.mkdirSync)(dir, { recursive: true });
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, SYNTH_FILE), JSON.stringify(json, null, 2) + '\n');
    return dir;
}
/** the review payload and where the JSON's bytes go */
function sayShape(n, json, fileBytes, say) {
    const payload = (0, tfjson_1.reviewPayloadBytes)(json);
    const b = (0, tfjson_1.byteBreakdown)(json);
    say(`review payload at ${n}: ${fixed(payload / 1e6)} MB (${fixed(payload / n / 1e3, 1)} kB per instance)`);
    say(`ratio json/review at ${n}: ${fixed(fileBytes / payload)}`);
    const rest = b.total - b.triggers - b.provisioners - b.connections - b.locals;
    say(`json bytes at ${n}: triggers ${pct(b.triggers, b.total)}, provisioners ${pct(b.provisioners, b.total)}, connections ${pct(b.connections, b.total)}, locals ${pct(b.locals, b.total)}, the rest ${pct(rest, b.total)} (of ${fixed(b.total / 1e6)} MB compact)`);
    return payload;
}
function benchSize(n, work, o, say, secondsLeft) {
    const shape = (0, estate_1.estateShape)(n);
    const dir = (0, node_path_1.join)(work, String(n));
    (0, node_fs_1.mkdirSync)(dir, { recursive: true });
    const config = (0, node_path_1.join)(dir, 'config.yml');
    (0, node_fs_1.writeFileSync)(config, (0, estate_1.estateYaml)(n));
    say(`estate ${n}: ${n} Postgres instances, ${shape.servers} Barman servers, ${shape.edges} backup edges, ${shape.overridden} with overrides`);
    const runs = synthRuns(n, o);
    const spec = (0, node_path_1.join)(dir, 'spec.tf.json');
    const lib = [];
    const base = [];
    let json = {};
    for (let i = 0; i < runs; i++) {
        const libOut = (0, node_path_1.join)(dir, 'lib-out');
        lib.push((0, common_1.worker)('lib', config, libOut));
        if (i === 0) {
            (0, node_fs_1.copyFileSync)((0, node_path_1.join)(libOut, SYNTH_FILE), spec);
            json = (0, tfjson_1.readTfJson)(spec);
        }
        const baseOut = (0, node_path_1.join)(dir, 'baseline-out');
        base.push((0, common_1.worker)('baseline', spec, baseOut));
        if (i === 0 && (0, tfjson_1.comparable)((0, tfjson_1.readTfJson)(findTfJson(baseOut))) !== (0, tfjson_1.comparable)(json))
            throw new Error(`estate ${n}: the baseline's resources differ from the library's`);
        (0, node_fs_1.rmSync)(libOut, { recursive: true, force: true });
        (0, node_fs_1.rmSync)(baseOut, { recursive: true, force: true });
    }
    const libMs = (0, common_1.median)(lib.map((r) => r.ms));
    const baseMs = (0, common_1.median)(base.map((r) => r.ms));
    const libPeakMiB = Math.max(...lib.map((r) => r.hwmMiB));
    const { resources, variables } = (0, tfjson_1.countResources)(json);
    const bytes = (0, node_fs_1.statSync)(spec).size;
    const cpu = (rs) => (0, common_1.median)(rs.map((r) => r.cpuMs));
    const detail = (rs) => `median of ${runs}; CPU ${ms(cpu(rs))}; module loading ${ms((0, common_1.median)(rs.map((r) => r.loadMs)))} more`;
    say(`synth time library at ${n}: ${ms(libMs)} (${detail(lib)}; per instance ${fixed(libMs / n)} ms, CPU ${fixed(cpu(lib) / n)} ms)`);
    say(`synth time baseline at ${n}: ${ms(baseMs)} (${detail(base)})`);
    say(`peak memory library at ${n}: ${mib(libPeakMiB)} (highest of ${runs})`);
    say(`peak memory baseline at ${n}: ${mib(Math.max(...base.map((r) => r.hwmMiB)))} (highest of ${runs})`);
    say(`json size at ${n}: ${fixed(bytes / 1e6)} MB (${fixed(bytes / n / 1e3, 1)} kB per instance)`);
    say(`resources at ${n}: ${resources} (${fixed(resources / n)} per instance)`);
    const payloadBytes = sayShape(n, json, bytes, say);
    const figures = { n, libMs, baseMs, libCpuMs: cpu(lib), baseCpuMs: cpu(base), libPeakMiB, jsonBytes: bytes, payloadBytes };
    if (o.plan && n > o.planMax)
        say(`plan at ${n}: skipped (above --plan-max ${o.planMax}; pass --plan-max ${n} to plan it)`);
    if (o.plan && n <= o.planMax) {
        const env = terraformEnv(work, variables);
        const libPlan = (0, node_path_1.join)(dir, 'plan-lib');
        (0, node_fs_1.mkdirSync)(libPlan, { recursive: true });
        (0, node_fs_1.copyFileSync)(spec, (0, node_path_1.join)(libPlan, SYNTH_FILE));
        const floorPlan = writeStack((0, node_path_1.join)(dir, 'plan-floor'), (0, tfjson_1.floorStack)(json));
        const basePlan = writeStack((0, node_path_1.join)(dir, 'plan-baseline'), trivialStack(resources));
        const [libPlans, floorPlans, basePlans] = planRounds([libPlan, floorPlan, basePlan], resources, o.planRuns, env, secondsLeft);
        figures.planMs = (0, common_1.median)(libPlans);
        figures.floorMs = (0, common_1.median)(floorPlans);
        const basePlanMs = (0, common_1.median)(basePlans);
        const of = `median of ${libPlans.length}${libPlans.length < o.planRuns ? ', fewer runs: time budget' : ''}`;
        say(`plan time library at ${n}: ${ms(figures.planMs)} (${of})`);
        say(`plan time floor at ${n}: ${ms(figures.floorMs)} (${of}; the same ${resources} resources and triggers, no provisioners, no connections)`);
        say(`plan time baseline at ${n}: ${ms(basePlanMs)} (${of}; ${resources} trivial terraform_data)`);
        say(`ratio plan/floor at ${n}: ${fixed(figures.planMs / figures.floorMs)}`);
        say(`ratio plan/baseline at ${n}: ${fixed(figures.planMs / basePlanMs)}`);
        for (const d of [libPlan, floorPlan, basePlan])
            (0, node_fs_1.rmSync)((0, node_path_1.join)(d, '.terraform'), { recursive: true, force: true });
    }
    return figures;
}
function main() {
    const o = parseOptions(process.argv.slice(2));
    const started = node_perf_hooks_1.performance.now();
    const work = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-bench-'));
    const say = (line) => process.stdout.write(line + '\n');
    try {
        if (o.plan && !hasTerraform()) {
            say('terraform: not on PATH, plan figures skipped');
            o.plan = false;
        }
        const load = () => (0, node_os_1.loadavg)().map((x) => x.toFixed(2)).join(' ');
        say(`machine: ${(0, node_os_1.cpus)().length} cores, load average ${load()} (other work on the machine inflates every time below)`);
        const results = [];
        // the synth runs of the estates still to come are kept out of the plans' time budget: the last
        // estate's time per instance, half as much again (it grows with size), two seconds of process
        // start and output per run
        const synthAhead = (after) => {
            const last = results[results.length - 1];
            if (!last)
                return 0;
            const perInstanceS = (last.libMs + last.baseMs) / last.n / 1000;
            return o.sizes.slice(after + 1).reduce((s, n) => s + 1.5 * synthRuns(n, o) * (perInstanceS * n + 2), 0);
        };
        o.sizes.forEach((n, i) => {
            const secondsLeft = () => o.budgetS - (node_perf_hooks_1.performance.now() - started) / 1000 - synthAhead(i);
            results.push(benchSize(n, work, o, say, secondsLeft));
        });
        const at = (n) => results.find((r) => r.n === n);
        const r100 = at(100);
        for (const r of results.filter((x) => x.n > 100 && r100)) {
            const g = (value) => `${fixed((0, targets_1.growth)(r100, r, value))}x`;
            say(`growth 100->${r.n} per instance: synth time ${g((x) => x.libMs)}, CPU ${g((x) => x.libCpuMs)} (baseline ${g((x) => x.baseMs)}, CPU ${g((x) => x.baseCpuMs)}), json bytes ${g((x) => x.jsonBytes)}`);
        }
        if (o.profile)
            (0, profile_1.profileSynth)(Math.max(...o.sizes), work, say);
        say(`bench took ${fixed((node_perf_hooks_1.performance.now() - started) / 1000, 1)} s; load average ${load()}`);
        const last = at(3000) ?? at(1000) ?? results[results.length - 1];
        say(`ratio synth/baseline at ${last.n}: ${fixed(last.libMs / last.baseMs)}`);
        for (const l of (0, targets_1.targetLines)(results))
            say(l);
    }
    finally {
        if (o.keep)
            process.stderr.write(`work directory kept: ${work}\n`);
        else
            (0, node_fs_1.rmSync)(work, { recursive: true, force: true });
    }
}
if (require.main === module) {
    try {
        main();
    }
    catch (e) {
        process.stderr.write(`bench: ${e.message}\n`);
        process.exitCode = 1;
    }
}
