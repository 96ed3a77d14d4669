"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.summarize = summarize;
exports.profileSynth = profileSynth;
/**
 * `npm run bench -- --profile`: where the library's synth spends its time at the largest estate.
 *
 * - phases (median of 3 fresh processes): load, validate, renderHosts, construct building,
 *   cdktf synth, JSON write (see bench/worker.ts, mode phases);
 * - one run under `node --cpu-prof`, restricted to the measured window (module loading left out):
 *   self time by function, self time by package, and the library functions with the most
 *   inclusive time.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const estate_1 = require("./estate");
const common_1 = require("./common");
function where(f) {
    if (!f.url)
        return '(native)';
    const path = f.url.replace(/^file:\/\//, '');
    const shown = path.startsWith('/') ? (0, node_path_1.relative)(common_1.ROOT, path) : path;
    return `${shown}:${f.lineNumber + 1}`;
}
function packageOf(f) {
    if (f.functionName === '(garbage collector)')
        return 'V8 garbage collector';
    if (f.functionName === '(program)' || f.functionName === '(idle)')
        return 'V8 (program, idle)';
    if (!f.url)
        return 'V8 builtins and natives (JSON, RegExp, Buffer, ...)';
    if (f.url.includes('/dist/lib/'))
        return 'the library (dist/lib)';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f.url);
    if (m)
        return m[1];
    if (f.url.startsWith('node:'))
        return 'node internals';
    return f.url;
}
/** Self and inclusive times of a .cpuprofile, between two monotonic timestamps (µs). */
function summarize(profile, fromUs, toUs) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes)
        for (const c of n.children ?? [])
            parent.set(c, n.id);
    const key = (f) => `${f.functionName || '(anonymous)'} ${where(f)}`;
    const self = new Map();
    const packages = new Map();
    const inclusive = new Map();
    const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
    let t = profile.startTime;
    let windowUs = 0;
    for (let i = 0; i < profile.samples.length; i++) {
        t += profile.timeDeltas[i];
        const dt = profile.timeDeltas[i + 1] ?? 0;
        if (t < fromUs || t > toUs)
            continue;
        windowUs += dt;
        const node = byId.get(profile.samples[i]);
        add(self, key(node.callFrame), dt);
        add(packages, packageOf(node.callFrame), dt);
        const seen = new Set();
        for (let id = node.id; id !== undefined; id = parent.get(id)) {
            const f = byId.get(id).callFrame;
            if (!f.url.includes('/dist/lib/'))
                continue;
            const k = key(f);
            if (seen.has(k))
                continue;
            seen.add(k);
            add(inclusive, k, dt);
        }
    }
    const top = (m) => [...m].map(([k, us]) => ({ key: k, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
    return { windowMs: windowUs / 1000, self: top(self), packages: top(packages), libraryInclusive: top(inclusive) };
}
function profileSynth(n, work, say) {
    const dir = (0, node_path_1.join)(work, String(n));
    (0, node_fs_1.mkdirSync)(dir, { recursive: true });
    const config = (0, node_path_1.join)(dir, 'config.yml');
    if (!(0, node_fs_1.existsSync)(config))
        (0, node_fs_1.writeFileSync)(config, (0, estate_1.estateYaml)(n));
    const runs = [0, 1, 2].map(() => (0, common_1.worker)('phases', config, (0, node_path_1.join)(dir, 'phases-out')));
    const phases = ['load', 'validate', 'renderHosts', 'constructs', 'remoteExecLines', 'cdktfSynth', 'jsonWrite', 'ms'];
    for (const p of phases) {
        const label = p === 'ms' ? 'total' : p === 'remoteExecLines' ? 'constructs: of which remoteExecLines' : p;
        say(`phase ${label} at ${n}: ${Math.round((0, common_1.median)(runs.map((r) => r[p])))} ms (median of ${runs.length})`);
    }
    const peak = (k) => `${Math.round((0, common_1.median)(runs.map((r) => r[k])))} MiB`;
    say(`phase peak memory at ${n}: ${peak('hwmBeforeSynthMiB')} before cdktf synth, ${peak('hwmAfterSynthMiB')} after it, ${peak('hwmMiB')} at the end`);
    const profDir = (0, node_path_1.join)(dir, 'cpu-prof');
    const r = (0, common_1.worker)('lib', config, (0, node_path_1.join)(dir, 'prof-out'), ['--cpu-prof', '--cpu-prof-dir', profDir]);
    const file = (0, node_fs_1.readdirSync)(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file)
        throw new Error(`no .cpuprofile in ${profDir}`);
    const s = summarize(JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(profDir, file), 'utf8')), r.startUs, r.endUs);
    const pct = (x) => `${((100 * x) / s.windowMs).toFixed(1)}%`;
    say(`profile at ${n}: ${Math.round(s.windowMs)} ms sampled (${Math.round(r.ms)} ms measured under the profiler), module loading left out; ${(0, node_path_1.join)(profDir, file)}`);
    for (const p of s.packages.slice(0, 8))
        say(`profile package ${Math.round(p.ms)} ms ${pct(p.ms)} ${p.key}`);
    for (const f of s.self.slice(0, 25))
        say(`profile self ${Math.round(f.ms)} ms ${pct(f.ms)} ${f.key}`);
    for (const f of s.libraryInclusive.slice(0, 15))
        say(`profile library inclusive ${Math.round(f.ms)} ms ${pct(f.ms)} ${f.key}`);
}
