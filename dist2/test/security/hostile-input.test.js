"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Issue 12's hostile-input suite: every key that reaches a host file, a command, a cron line,
 * pg_hba.conf, authorized_keys or SQL, times a payload list. Each case must EITHER be rejected
 * (a one-line diagnostic with file:line:col and the key, exit 1, nothing written) OR be accepted
 * with the value read back exactly by the consumer's own parser: Barman's (barman.conf and
 * barman.d), cron's (test/support/cron-check), PostgreSQL's pg_hba fields, sshd's option syntax,
 * and Terraform's interpolation (no expression the payload built, `${`/`%{` escaped).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const diagnostics_1 = require("../../lib/model/diagnostics");
const host_files_1 = require("../../lib/render/host-files");
const settings_1 = require("../../lib/model/settings");
const barman_parse_1 = require("../support/barman-parse");
const cron_check_1 = require("../support/cron-check");
const hostile_cases_1 = require("./hostile-cases");
const hostile_checks_1 = require("./hostile-checks");
const hostile_run_1 = require("./hostile-run");
const PY = (0, barman_parse_1.findBarmanPython)();
let base;
let baseline;
const results = new Map();
const caseId = (k, p) => `${(0, hostile_cases_1.keyTitle)(k)} × ${p.name}`;
(0, node_test_1.before)(async () => {
    base = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-hostile-'));
    baseline = await (0, hostile_run_1.baselineSynth)(base);
    let n = 0;
    for (const k of hostile_cases_1.HOSTILE_KEYS)
        for (const p of hostile_cases_1.PAYLOADS)
            results.set(caseId(k, p), await (0, hostile_run_1.runCase)((0, node_path_1.join)(base, `case-${n++}`), k, p));
    if (PY.ok)
        (0, hostile_run_1.readBarmanConfigs)(PY.python, [...results.values()]);
    (0, hostile_run_1.checkShellSyntax)(base, baseline.values().next().value, [...results.values()]);
});
(0, node_test_1.after)(() => (0, node_fs_1.rmSync)(base, { recursive: true, force: true }));
/** a diagnostic printed on one line, no raw control character or Unicode line break */
const LINE_BREAKING = /[\x00-\x1f\x7f\u0085\u2028\u2029]/;
function assertRejected(r) {
    const shown = r.errors.map(diagnostics_1.formatDiagnostic).join('\n');
    for (const d of r.errors) {
        const line = (0, diagnostics_1.formatDiagnostic)(d);
        strict_1.default.ok(d.position !== undefined && d.position.line >= 1 && d.position.column >= 1, `no line:col: ${JSON.stringify(line)}`);
        strict_1.default.ok(line.startsWith(`${r.file}:${d.position.line}:${d.position.column}: error: `), `not FILE:LINE:COL: error: ${JSON.stringify(line)}`);
        strict_1.default.ok(d.key !== undefined, `no key: ${JSON.stringify(line)}`);
        strict_1.default.ok(!LINE_BREAKING.test(line), `the diagnostic is not one clean line: ${JSON.stringify(line)}`);
    }
    strict_1.default.ok(r.errors.some((d) => d.key !== undefined && r.key.diagnosticKeys.includes(d.key)), `no error names ${r.key.diagnosticKeys.join(' or ')}:\n${shown}`);
    // the command line: exit 1, every stderr line a diagnostic or the summary, nothing written
    strict_1.default.equal(r.render.crash, undefined, `render crashed: ${r.render.crash}`);
    strict_1.default.equal(r.render.code, 1, `render exit ${r.render.code}: ${r.render.stderr}`);
    for (const l of r.render.stderr.split('\n').filter((x) => x !== '')) {
        strict_1.default.ok(l.startsWith(`${r.file}:`), `stderr line without the file: ${JSON.stringify(l)}`);
        strict_1.default.ok(!LINE_BREAKING.test(l), `stderr line with a raw control or line-break character: ${JSON.stringify(l)}`);
    }
    strict_1.default.deepEqual((0, hostile_run_1.filesUnder)(r.outDir), [], 'render wrote files for an invalid config');
}
/** every file the render wrote for one instance, with its manifest entry */
function renderedFiles(r) {
    const out = [];
    for (const rel of (0, hostile_run_1.filesUnder)(r.outDir).filter((f) => f.endsWith('/manifest.json'))) {
        const manifest = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(r.outDir, rel), 'utf8'));
        for (const f of manifest.files) {
            if (f.kind === host_files_1.FileKind.DIRECTORY || f.kind === host_files_1.FileKind.LOG_FILE)
                continue;
            out.push({ ...f, instance: manifest.instance, content: (0, node_fs_1.readFileSync)((0, node_path_1.join)(r.outDir, manifest.instance, f.path), 'utf8') });
        }
    }
    return out;
}
function assertAcceptedExactly(r) {
    strict_1.default.equal(r.render.crash, undefined, `validation accepted ${JSON.stringify(r.value.slice(0, 80))}, then render crashed: ${r.render.crash}`);
    strict_1.default.equal(r.render.code, 0, `render exit ${r.render.code}: ${r.render.stderr}`);
    const files = renderedFiles(r);
    strict_1.default.ok(files.length > 0, 'render wrote no file');
    // cron: Debian's cron runs every line of every file
    for (const f of files.filter((x) => x.path.startsWith('/etc/cron.d/'))) {
        strict_1.default.deepEqual((0, cron_check_1.cronFileProblems)({ path: f.path, content: f.content, owner: f.owner, group: f.group, mode: f.mode }), [], `${f.instance}:${f.path}`);
    }
    // pg_hba.conf: PostgreSQL reads five fields, the address one host or network
    for (const f of files.filter((x) => x.path.endsWith('/pg_hba.conf'))) {
        for (const l of f.content.split('\n').filter((x) => x !== '' && !x.startsWith('#')))
            strict_1.default.deepEqual((0, hostile_checks_1.hbaLineProblems)(l), [], `${f.instance}:${f.path}`);
    }
    // authorized_keys: sshd reads the options, and from= holds addresses only
    for (const f of files.filter((x) => x.path.endsWith('/authorized_keys'))) {
        for (const l of f.content.split('\n').filter((x) => x !== '')) {
            strict_1.default.deepEqual((0, hostile_checks_1.authorizedKeyProblems)(l), [], `${f.instance}:${f.path}`);
            for (const pattern of (0, hostile_checks_1.fromPatterns)(l) ?? [])
                strict_1.default.deepEqual((0, hostile_checks_1.hbaLineProblems)(`host all all ${pattern.includes('/') ? pattern : `${pattern}/32`} trust`).filter((p) => p.includes('keyword')), [], `from= pattern ${pattern}`);
        }
    }
    for (const f of files.filter((x) => x.path.endsWith('/known_hosts'))) {
        for (const l of f.content.split('\n').filter((x) => x !== ''))
            strict_1.default.deepEqual((0, hostile_checks_1.knownHostsProblems)(l), [], `${f.instance}:${f.path}`);
    }
    if (r.key.key === 'ssh_host_keys') {
        // known_hosts keeps TYPE BASE64 of each key: whatever follows a line break would vanish unseen
        strict_1.default.ok(!/[\r\n\u2028\u0085]/.test(r.value), `a host key with a line break was accepted: ${JSON.stringify(r.value.slice(0, 120))}`);
        const body = r.value.trim().split(/\s+/).slice(0, 2).join(' ');
        strict_1.default.ok(files.some((f) => f.path.endsWith('/known_hosts') && f.content.includes(` ${body} `)), `the host key ${body} is in no known_hosts`);
    }
    // Barman: no complaint, and every key reads back as the model means it
    if (PY.ok) {
        for (const s of r.graph.barmanServers) {
            const parsed = r.barman.get(s.name);
            strict_1.default.ok(parsed !== undefined, `Barman could not be run on ${s.name}'s files`);
            strict_1.default.deepEqual((0, barman_parse_1.barmanProblems)(parsed), [], `Barman on ${s.name}'s files`);
            for (const e of r.graph.edgesOnServer(s)) {
                const server = parsed.servers[e.backupName];
                strict_1.default.ok(server, `Barman has no server [${e.backupName}]: it has ${parsed.server_names.join(', ')}`);
                const wrong = Object.entries((0, barman_parse_1.expectedServerConfig)(e)).filter(([k, v]) => !(0, node_util_1.isDeepStrictEqual)(server.config[k], v));
                strict_1.default.deepEqual(wrong.map(([k, v]) => `${k}: Barman reads ${JSON.stringify(server.config[k])}, the model means ${JSON.stringify(v)}`), []);
                const setting = r.key.setting;
                if (setting?.barmanKey !== undefined && [settings_1.ValueKind.QUOTED_TEXT, settings_1.ValueKind.SAFE_PATH].includes(setting.kind)) {
                    const read = setting.barmanKey === 'log_file' ? parsed.global.log_file : server.config[setting.barmanKey];
                    strict_1.default.equal(read, r.value, `Barman reads ${setting.barmanKey} as ${JSON.stringify(read)}`);
                }
            }
        }
    }
    // the shell: the provisioner scripts the value changed still parse
    strict_1.default.deepEqual(r.shellSyntax, [], 'bash -n on the provisioner scripts');
    // Terraform: no expression the payload built, and the value reaches Terraform as written
    for (const [mode, s] of r.synth) {
        strict_1.default.equal(s.crash, undefined, `synth (${mode}) crashed: ${s.crash}`);
        strict_1.default.equal(s.code, 0, `synth (${mode}) exit ${s.code}: ${s.stderr}`);
        strict_1.default.deepEqual((0, hostile_checks_1.newExpressions)(baseline.get(mode), s.strings), [], `synth (${mode}): Terraform expressions the payload built`);
        if ((0, hostile_cases_1.isTerraformPayload)(r.payload) && files.some((f) => f.content.includes(r.payload.text))) {
            // replacement functions: in a replacement string '$$' is one '$'
            const escaped = r.payload.text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
            strict_1.default.ok([...s.strings.values()].some((v) => v.includes(escaped) && (0, hostile_checks_1.terraformLiteral)(v).includes(r.payload.text)), `synth (${mode}): ${JSON.stringify(r.payload.text)} is in the rendered files but nowhere in the Terraform JSON escaped as ${JSON.stringify(escaped)}`);
        }
    }
}
for (const k of hostile_cases_1.HOSTILE_KEYS) {
    (0, node_test_1.describe)((0, hostile_cases_1.keyTitle)(k), () => {
        for (const p of hostile_cases_1.PAYLOADS) {
            (0, node_test_1.test)(p.name, () => {
                const r = results.get(caseId(k, p));
                strict_1.default.equal(r.loadCrash, undefined, `loading crashed instead of reporting: ${r.loadCrash}`);
                if (r.graph === undefined)
                    assertRejected(r);
                else
                    assertAcceptedExactly(r);
            });
        }
    });
}
(0, node_test_1.test)('the suite covers every setting of the settings table and every synth mode', () => {
    strict_1.default.ok(hostile_cases_1.HOSTILE_KEYS.length > 40, `${hostile_cases_1.HOSTILE_KEYS.length} keys`);
    strict_1.default.equal(results.size, hostile_cases_1.HOSTILE_KEYS.length * hostile_cases_1.PAYLOADS.length);
    strict_1.default.deepEqual([...baseline.keys()], Object.keys(hostile_run_1.SYNTH_MODES));
    if (!PY.ok)
        process.stderr.write(`hostile-input: Barman's parser is not available (${PY.reason}): the Barman read-back is not checked\n`);
});
