"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.peakRssMiB = peakRssMiB;
exports.synthArgs = synthArgs;
/**
 * One measured run, in a fresh process (started by bench/run.ts), so that neither memory nor JIT
 * state carries over from one run to the next. Prints one JSON line on stdout:
 * `{"ms": <in-process wall time>, "cpuMs": <its CPU time>, "hwmMiB": <peak RSS>, "loadMs": <module
 * loading>, ...}`.
 *
 *   node dist/bench/worker.js lib CONFIG OUTDIR       the library's CLI path: load config.yml,
 *                                                      validate, render, cdktf synth, write JSON
 *   node dist/bench/worker.js baseline SPEC OUTDIR    bare cdktf: the resources and variables of
 *                                                      SPEC (a .tf.json the library synthesized),
 *                                                      rebuilt with TerraformResource and
 *                                                      TerraformVariable, and synthesized
 *   node dist/bench/worker.js phases CONFIG OUTDIR    the library's path with the time of each phase
 *
 * The time excludes module loading (reported apart as loadMs): both sides load cdktf, the
 * library side also its own modules. The baseline's time also excludes reading SPEC: its strings
 * stand for content the library computes, and the floor is what cdktf costs once it has them.
 */
const node_fs_1 = require("node:fs");
const node_perf_hooks_1 = require("node:perf_hooks");
/** Peak resident set size of this process (MiB), from the kernel. */
function peakRssMiB() {
    try {
        const m = /^VmHWM:\s+(\d+) kB/m.exec((0, node_fs_1.readFileSync)('/proc/self/status', 'utf8'));
        if (m)
            return Number(m[1]) / 1024;
    }
    catch {
        // not Linux: fall through
    }
    return process.resourceUsage().maxRSS / 1024;
}
/** The CLI arguments of a terraform_data-mode synth (plan works offline on its output). */
function synthArgs(config, out) {
    return ['synth', config, '--out', out, '--force', '--resource-type', 'terraform_data', '--supplied-keys', '--connection-key-variable'];
}
/** CLOCK_MONOTONIC in microseconds: the clock of the timestamps in a .cpuprofile */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
/** CPU time (user + system, every thread: GC helpers too) since `from`, in ms */
const cpuSince = (from) => {
    const d = process.cpuUsage(from);
    return (d.user + d.system) / 1000;
};
const quiet = { out: () => undefined, err: (t) => process.stderr.write(t) };
async function runLibrary(config, out) {
    const t0 = node_perf_hooks_1.performance.now();
    // the CLI module loads the whole library, cdktf and the two prebuilt providers
    const { main } = await Promise.resolve().then(() => __importStar(require('../lib/cli/main')));
    const t1 = node_perf_hooks_1.performance.now();
    const startUs = monotonicUs();
    const cpu = process.cpuUsage();
    const code = await main(synthArgs(config, out), quiet);
    const cpuMs = cpuSince(cpu);
    const endUs = monotonicUs();
    const t2 = node_perf_hooks_1.performance.now();
    if (code !== 0)
        throw new Error(`cdktf-barman synth exited ${code}`);
    // startUs/endUs: the measured window on the clock of V8's CPU profiles (bench/profile.ts)
    return { ms: t2 - t1, cpuMs, loadMs: t1 - t0, startUs, endUs };
}
const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const camelKeys = (o) => o === undefined ? undefined : Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));
async function runBaseline(specFile, out) {
    const t0 = node_perf_hooks_1.performance.now();
    const cdktf = await Promise.resolve().then(() => __importStar(require('cdktf')));
    const t1 = node_perf_hooks_1.performance.now();
    const spec = JSON.parse((0, node_fs_1.readFileSync)(specFile, 'utf8'));
    const t2 = node_perf_hooks_1.performance.now();
    const startUs = monotonicUs();
    const cpu = process.cpuUsage();
    /** any resource type: its plain attributes as given, meta-arguments through cdktf's own handling */
    class BareResource extends cdktf.TerraformResource {
        attributes;
        constructor(scope, id, type, attributes, meta) {
            super(scope, id, { terraformResourceType: type, ...meta });
            this.attributes = attributes;
        }
        synthesizeAttributes() {
            return this.attributes;
        }
    }
    const app = new cdktf.App({ outdir: out, skipBackendValidation: true });
    const stack = new cdktf.TerraformStack(app, 'baseline');
    // as a cdktf user writes it: a value that is exactly `${var.NAME}` is the variable's token, a
    // depends_on entry is the resource object (resolved to its fqn at synth, as cdktf does for any
    // resource); expressions inside longer strings stay literal text
    const variables = new Map();
    for (const [name, v] of Object.entries(spec.variable ?? {})) {
        const variable = new cdktf.TerraformVariable(stack, name, { type: v.type, sensitive: v.sensitive, description: v.description });
        // the same validation blocks, verbatim (the library's supplied public keys carry one)
        if (v.validation !== undefined)
            variable.addOverride('validation', v.validation);
        variables.set(`\${var.${name}}`, variable.stringValue);
    }
    const tokens = (value) => {
        if (typeof value === 'string')
            return (variables.get(value) ?? value);
        if (Array.isArray(value))
            return value.map(tokens);
        if (typeof value === 'object' && value !== null)
            return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, tokens(x)]));
        return value;
    };
    const resources = new Map();
    const dependable = (fqn) => ({
        get fqn() {
            const r = resources.get(fqn);
            if (!r)
                throw new Error(`depends_on ${fqn}: no such resource`);
            return r.fqn;
        },
    });
    for (const [type, byId] of Object.entries(spec.resource ?? {})) {
        for (const [id, body] of Object.entries(byId)) {
            const { provisioner, connection, depends_on, lifecycle, ...attributes } = tokens(body);
            const provisioners = provisioner?.map((p) => {
                const [kind, props] = Object.entries(p)[0];
                const { connection: pc, ...rest } = props;
                return { type: kind, ...camelKeys(rest), ...(pc ? { connection: camelKeys(pc) } : {}) };
            });
            const r = new BareResource(stack, id, type, attributes, {
                provisioners,
                connection: camelKeys(connection),
                dependsOn: depends_on?.map(dependable),
                lifecycle: camelKeys(lifecycle),
            });
            r.overrideLogicalId(id);
            resources.set(`${type}.${id}`, r);
        }
    }
    app.synth();
    const cpuMs = cpuSince(cpu);
    const endUs = monotonicUs();
    const t3 = node_perf_hooks_1.performance.now();
    return { ms: t3 - t2, cpuMs, loadMs: t1 - t0, specMs: t2 - t1, startUs, endUs };
}
/**
 * The library's CLI path again, timing its phases from the outside: load and validate are called
 * one after the other as loadGraphFromFile does; renderHosts and App.prototype.synth are wrapped
 * (the constructs call them through their module objects), so construct building is the time up
 * to app.synth() less renderHosts, and "JSON write" is what follows app.synth() (read back, strip
 * cdktf's metadata, stringify, write, remove the temp dir).
 */
async function runPhases(config, out) {
    const t0 = node_perf_hooks_1.performance.now();
    const tpa = await Promise.resolve().then(() => __importStar(require('../lib/config/tpa-config')));
    const build = await Promise.resolve().then(() => __importStar(require('../lib/model/build-graph')));
    const hostFiles = await Promise.resolve().then(() => __importStar(require('../lib/render/host-files')));
    const synthCommand = await Promise.resolve().then(() => __importStar(require('../lib/cli/synth-command')));
    const cdktf = await Promise.resolve().then(() => __importStar(require('cdktf')));
    const hostScripts = await Promise.resolve().then(() => __importStar(require('../lib/scripts/remote-command')));
    const { ProvisionerResourceType } = await Promise.resolve().then(() => __importStar(require('../lib/constructs/host-provisioner')));
    const t1 = node_perf_hooks_1.performance.now();
    let renderMs = 0;
    const render = hostFiles.renderHosts;
    hostFiles.renderHosts = (...args) => {
        const s = node_perf_hooks_1.performance.now();
        try {
            return render(...args);
        }
        finally {
            renderMs += node_perf_hooks_1.performance.now() - s;
        }
    };
    let remoteExecMs = 0;
    const remoteExec = hostScripts.remoteExecLines;
    hostScripts.remoteExecLines = (...args) => {
        const s = node_perf_hooks_1.performance.now();
        try {
            return remoteExec(...args);
        }
        finally {
            remoteExecMs += node_perf_hooks_1.performance.now() - s;
        }
    };
    let synthStart = 0;
    let synthEnd = 0;
    let hwmBeforeSynth = 0;
    let hwmAfterSynth = 0;
    const appSynth = cdktf.App.prototype.synth;
    cdktf.App.prototype.synth = function () {
        hwmBeforeSynth = peakRssMiB();
        synthStart = node_perf_hooks_1.performance.now();
        try {
            return appSynth.call(this);
        }
        finally {
            synthEnd = node_perf_hooks_1.performance.now();
            hwmAfterSynth = peakRssMiB();
        }
    };
    const a = node_perf_hooks_1.performance.now();
    const spec = tpa.loadTpaConfigFile(config);
    const b = node_perf_hooks_1.performance.now();
    const graph = build.buildGraph(spec);
    const c = node_perf_hooks_1.performance.now();
    synthCommand.writeSynth(graph, out, { resourceType: ProvisionerResourceType.TERRAFORM_DATA, keysFromVariables: true, connectionKeyFromVariable: true }, true);
    const d = node_perf_hooks_1.performance.now();
    return {
        ms: d - a,
        loadMs: t1 - t0,
        load: b - a,
        validate: c - b,
        renderHosts: renderMs,
        constructs: synthStart - c - renderMs,
        remoteExecLines: remoteExecMs,
        cdktfSynth: synthEnd - synthStart,
        jsonWrite: d - synthEnd,
        // peak RSS so far, at the phase boundaries: where the high-water mark is reached
        hwmBeforeSynthMiB: hwmBeforeSynth,
        hwmAfterSynthMiB: hwmAfterSynth,
    };
}
async function run() {
    const [mode, input, out] = process.argv.slice(2);
    if (!mode || !input || !out)
        throw new Error('usage: worker.js lib|baseline|phases INPUT OUTDIR');
    const figures = mode === 'lib' ? await runLibrary(input, out) : mode === 'baseline' ? await runBaseline(input, out) : mode === 'phases' ? await runPhases(input, out) : undefined;
    if (!figures)
        throw new Error(`unknown mode ${mode}`);
    process.stdout.write(JSON.stringify({ ...figures, hwmMiB: peakRssMiB() }) + '\n');
}
if (require.main === module) {
    run().catch((e) => {
        process.stderr.write(`bench worker: ${e.stack ?? e}\n`);
        process.exitCode = 1;
    });
}
