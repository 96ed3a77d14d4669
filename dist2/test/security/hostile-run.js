"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SYNTH_MODES = void 0;
exports.runCli = runCli;
exports.baselineSynth = baselineSynth;
exports.runCase = runCase;
exports.readBarmanConfigs = readBarmanConfigs;
exports.filesUnder = filesUnder;
exports.inlineScripts = inlineScripts;
exports.checkShellSyntax = checkShellSyntax;
/**
 * Runs every case of the hostile-input matrix in-process, the way the command line does
 * (lib/cli/main with a captured stdout/stderr): load and validate, `render --out`, and for
 * payloads Terraform could read as an expression (or values that become names) `synth` in both
 * resource modes. Barman's parser runs once, afterwards, on every rendered Barman configuration.
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const tpa_config_1 = require("../../lib/config/tpa-config");
const build_graph_1 = require("../../lib/model/build-graph");
const diagnostics_1 = require("../../lib/model/diagnostics");
const main_1 = require("../../lib/cli/main");
const synth_command_1 = require("../../lib/cli/synth-command");
const barman_parse_1 = require("../support/barman-parse");
const hostile_cases_1 = require("./hostile-cases");
const hostile_checks_1 = require("./hostile-checks");
exports.SYNTH_MODES = {
    'null_resource, tls_private_key': [],
    'terraform_data, --supplied-keys': ['--resource-type', 'terraform_data', '--supplied-keys'],
};
/** Runs `cdktf-barman ARGS` in-process; never throws. */
async function runCli(args) {
    let stdout = '';
    let stderr = '';
    try {
        const code = await (0, main_1.main)(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
        return { code, stdout, stderr };
    }
    catch (e) {
        return { stdout, stderr, crash: e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e) };
    }
}
async function runSynth(file, outDir, extra) {
    const r = await runCli(['synth', file, '--out', outDir, ...extra]);
    const path = (0, node_path_1.join)(outDir, synth_command_1.SYNTH_FILE);
    if (r.code !== 0 || !(0, node_fs_1.existsSync)(path))
        return r;
    return { ...r, strings: (0, hostile_checks_1.jsonStrings)(JSON.parse((0, node_fs_1.readFileSync)(path, 'utf8'))) };
}
/** the synthesized JSON of the config without any payload, per mode */
async function baselineSynth(dir) {
    const file = (0, node_path_1.join)(dir, 'baseline.yml');
    (0, node_fs_1.writeFileSync)(file, (0, hostile_cases_1.configText)(undefined, undefined));
    const out = new Map();
    for (const [mode, extra] of Object.entries(exports.SYNTH_MODES)) {
        const r = await runSynth(file, (0, node_path_1.join)(dir, `baseline-synth-${out.size}`), extra);
        if (r.strings === undefined)
            throw new Error(`the baseline config does not synthesize (${mode}): ${r.crash ?? r.stderr}`);
        out.set(mode, r.strings);
    }
    return out;
}
function load(text, file) {
    try {
        return { graph: (0, build_graph_1.buildGraph)((0, tpa_config_1.loadTpaConfig)(text, file)), errors: [] };
    }
    catch (e) {
        if (e instanceof diagnostics_1.InvalidConfigError)
            return { errors: e.diagnostics.filter((d) => d.severity === diagnostics_1.Severity.ERROR) };
        return { errors: [], crash: e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e) };
    }
}
/** Runs one key × payload case in `dir` (fresh). Barman is read later, in one batch. */
async function runCase(dir, key, payload) {
    (0, node_fs_1.mkdirSync)(dir, { recursive: true });
    const value = (0, hostile_cases_1.hostileValue)(key, payload);
    const text = (0, hostile_cases_1.configText)(key, value);
    const file = (0, node_path_1.join)(dir, 'config.yml');
    (0, node_fs_1.writeFileSync)(file, text);
    const loaded = load(text, file);
    const outDir = (0, node_path_1.join)(dir, 'out');
    const render = await runCli(['render', file, '--out', outDir]);
    const synth = new Map();
    if (loaded.graph !== undefined) {
        // every accepted case in the default mode; the second mode where Terraform or names are at stake
        let n = 0;
        for (const [mode, extra] of Object.entries(exports.SYNTH_MODES)) {
            if (n === 0 || (0, hostile_cases_1.isTerraformPayload)(payload) || key.nameLike)
                synth.set(mode, await runSynth(file, (0, node_path_1.join)(dir, `synth-${n}`), extra));
            n++;
        }
    }
    return { key, payload, value, file, text, graph: loaded.graph, errors: loaded.errors, loadCrash: loaded.crash, outDir, render, synth, barman: new Map(), shellSyntax: [] };
}
/** Reads every accepted case's Barman files with Barman's own parser, in one python process. */
function readBarmanConfigs(python, results) {
    const jobs = [];
    for (const r of results) {
        if (r.graph === undefined || r.render.code !== 0)
            continue;
        for (const s of r.graph.barmanServers) {
            const hostDir = (0, node_path_1.join)(r.outDir, s.name);
            if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(hostDir, 'etc', 'barman.conf')))
                continue;
            try {
                jobs.push({ result: r, server: s.name, conf: (0, barman_parse_1.copyBarmanFiles)(hostDir, (0, node_path_1.join)(r.outDir, '..', `barman-${jobs.length}`)).barmanConf });
            }
            catch {
                // the assertion on the rendered barman.conf reports it
            }
        }
    }
    const parsed = (0, barman_parse_1.runBarmanParseMany)(python, jobs.map((j) => j.conf));
    jobs.forEach((j, i) => j.result.barman.set(j.server, parsed[i]));
}
/** Files under dir (relative paths), or [] when dir is missing. */
function filesUnder(dir) {
    if (!(0, node_fs_1.existsSync)(dir))
        return [];
    const out = [];
    const walk = (d, rel) => {
        for (const e of (0, node_fs_1.readdirSync)(d, { withFileTypes: true })) {
            const r = rel === '' ? e.name : `${rel}/${e.name}`;
            if (e.isDirectory())
                walk((0, node_path_1.join)(d, e.name), r);
            else
                out.push(r);
        }
    };
    walk(dir, '');
    return out;
}
const INLINE_LINE = /^(.*\.provisioner\[\d+\]\.remote-exec)\.inline\[\d+\]$/;
/**
 * The provisioner scripts of a synthesized JSON as the shell receives them: remote-exec writes
 * the `inline` commands one per line into one script; Terraform's escapes are read.
 */
function inlineScripts(strings) {
    const out = new Map();
    for (const [path, s] of strings) {
        const m = INLINE_LINE.exec(path);
        if (m)
            out.set(m[1], `${out.has(m[1]) ? `${out.get(m[1])}\n` : ''}${(0, hostile_checks_1.terraformLiteral)(s)}`);
    }
    return out;
}
/**
 * `bash -n` on the provisioner scripts of each accepted case that differ from the baseline's: one
 * bash per case on all of them (each in a subshell), then one per script only when that fails.
 */
function checkShellSyntax(dir, baseline, results) {
    const known = new Set(inlineScripts(baseline).values());
    const bashN = (file, text) => {
        (0, node_fs_1.writeFileSync)(file, text);
        const r = (0, node_child_process_1.spawnSync)('bash', ['-n', file], { encoding: 'utf8' });
        return r.status === 0 ? undefined : r.stderr.trim() || `bash -n exit ${r.status}`;
    };
    results.forEach((r, n) => {
        const strings = r.synth.values().next().value?.strings;
        if (strings === undefined)
            return;
        const scripts = [...inlineScripts(strings)].filter(([, s]) => !known.has(s));
        if (scripts.length === 0)
            return;
        const file = (0, node_path_1.join)(dir, `scripts-${n}.sh`);
        if (bashN(file, scripts.map(([, s]) => `(\n${s}\n)\n`).join('')) === undefined)
            return;
        for (const [path, s] of scripts) {
            const problem = bashN(file, s);
            if (problem !== undefined)
                r.shellSyntax.push(`${path}: ${problem.split('\n')[0]}`);
        }
        if (r.shellSyntax.length === 0)
            r.shellSyntax.push(`the scripts parse one by one but not together: ${scripts.map(([p]) => p).join(', ')}`);
    });
}
