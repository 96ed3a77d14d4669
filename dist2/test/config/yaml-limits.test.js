"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Limits on what loading a config.yml may cost (issue 12, items 5 and 7): alias bombs, deep nesting
 * and huge files fail fast with a clear error, while real configs with anchors and merge keys load.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const yaml_limits_1 = require("../../lib/config/yaml-limits");
const diagnostics_1 = require("../../lib/model/diagnostics");
const diagnostic_helpers_1 = require("../model/diagnostic-helpers");
const LOADER = (0, node_path_1.resolve)(__dirname, '..', '..', 'lib', 'config', 'tpa-config.js');
/**
 * Loads and validates `path` in a child process, so that a loader that runs away (as the one
 * before the limits did) is stopped by the timeout instead of hanging the test run.
 */
function loadInChild(path) {
    const script = `
    const { loadGraphFromFile } = require(${JSON.stringify(LOADER)});
    const started = process.hrtime.bigint();
    let out;
    try { loadGraphFromFile(${JSON.stringify(path)}); out = { diagnostics: [] }; }
    catch (e) { out = e && e.name === 'InvalidConfigError' ? { diagnostics: e.diagnostics.map((d) => d.position ? d.position.line + ':' + d.position.column + ' ' + d.message : d.message) } : { crash: String(e && e.stack || e) }; }
    out.ms = Number(process.hrtime.bigint() - started) / 1e6;
    out.maxRssMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify(out));`;
    const r = (0, node_child_process_1.spawnSync)(process.execPath, ['--max-old-space-size=512', '-e', script], { encoding: 'utf8', timeout: 20_000, maxBuffer: 64 * 1024 * 1024 });
    strict_1.default.equal(r.error, undefined, `the loader did not finish within 20 s: ${r.error?.message}`);
    strict_1.default.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
}
function withFile(text, use) {
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'yaml-limits-'));
    try {
        const path = (0, node_path_1.join)(dir, 'config.yml');
        (0, node_fs_1.writeFileSync)(path, text);
        return use(path);
    }
    finally {
        (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    }
}
/** Nine levels of nine aliases each: 9^9 (387 million) "lol"s once expanded, in a few hundred bytes. */
function billionLaughs(use) {
    const names = 'abcdefghi';
    const lines = [`a: &a [${Array(9).fill('"lol"').join(',')}]`];
    for (let i = 1; i < names.length; i++)
        lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
    return `${lines.join('\n')}\n${use}\n`;
}
for (const [where, use] of [
    ['cluster_name', 'cluster_name: *i\ninstances:\n  - Name: one'],
    ['instances', 'cluster_name: demo\ninstances: *i'],
    ['a var (client addresses)', 'cluster_name: demo\ninstances:\n  - Name: one\n    role: [barman]\n    vars:\n      barman_client_addresses: *i'],
]) {
    (0, node_test_1.test)(`a billion-laughs config (aliases used as ${where}) is rejected in well under a second, at an alias`, () => {
        const text = billionLaughs(use);
        strict_1.default.ok(text.length < 700, `the attack is small: ${text.length} bytes`);
        const r = withFile(text, loadInChild);
        strict_1.default.equal(r.crash, undefined, r.crash);
        strict_1.default.equal(r.diagnostics?.length, 1, r.diagnostics?.join('\n'));
        const m = /^(\d+):(\d+) (.*)$/.exec(r.diagnostics[0]);
        strict_1.default.ok(m, `the error has a line and column: ${r.diagnostics[0]}`);
        const [line, column, message] = [Number(m[1]), Number(m[2]), m[3]];
        // it points at an alias, and names it
        const alias = /^\*[a-i]/.exec(text.split('\n')[line - 1].slice(column - 1));
        strict_1.default.ok(alias, `the position points at an alias: ${r.diagnostics[0]}`);
        strict_1.default.ok(message.includes(`alias ${alias[0]}`), message);
        strict_1.default.ok(message.includes(yaml_limits_1.MAX_EXPANDED_NODES.toLocaleString('en-US')), message);
        strict_1.default.match(message, /write the values out or use fewer aliases/);
        strict_1.default.ok(r.ms < 1000, `rejected in ${r.ms} ms`);
        strict_1.default.ok(r.maxRssMiB < 200, `peak memory ${r.maxRssMiB} MiB`);
    });
}
for (const [style, nested] of [
    ['flow sequences', (n) => `${'['.repeat(n)}${']'.repeat(n)}`],
    ['block mappings', (n) => Array.from({ length: n }, (_, i) => `\n${'  '.repeat(i + 4)}k:`).join('') + ' deep'],
]) {
    (0, node_test_1.test)(`2,000 levels of nested ${style} are a clear error at the level past the limit, not a crash`, () => {
        const prefix = 'cluster_name: demo\ninstances:\n  - Name: one\n    vars:\n      deep:';
        const text = `${prefix} ${nested(2000)}\n`;
        const started = process.hrtime.bigint();
        const o = (0, diagnostic_helpers_1.diagnose)(text);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        strict_1.default.equal(o.errors.length, 1, (0, diagnostic_helpers_1.show)(o.errors));
        const d = o.errors[0];
        strict_1.default.match(d.message, new RegExp(`nested more than ${yaml_limits_1.MAX_NESTING} levels deep: .*flatten`));
        // the document, its mapping, the instances list, the instance, vars and deep are the first six levels
        const deepAt = (0, diagnostic_helpers_1.positionIn)(text, 'deep:');
        strict_1.default.ok(d.position !== undefined && d.position.line >= deepAt.line, (0, diagnostics_1.formatDiagnostic)(d));
        const rest = text.split('\n')[d.position.line - 1].slice(d.position.column - 1);
        strict_1.default.match(rest, style === 'flow sequences' ? /^\[/ : /^k:/, (0, diagnostics_1.formatDiagnostic)(d));
        strict_1.default.ok(ms < 1000, `rejected in ${ms} ms`);
    });
}
(0, node_test_1.test)('nesting up to the limit still loads', () => {
    // the document, its mapping, instances, the instance, vars, the var: six levels before the value
    const depth = yaml_limits_1.MAX_NESTING - 8;
    const text = `cluster_name: demo\ninstances:\n  - Name: one\n    vars:\n      deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    (0, diagnostic_helpers_1.validGraph)(text);
});
(0, node_test_1.test)('a file larger than the limit is rejected at 1:1 without reading it all', () => {
    const filler = `# ${'x'.repeat(1021)}\n`; // 1 KiB a line
    const big = Buffer.from(`cluster_name: demo\ninstances:\n  - Name: one\n${filler.repeat(yaml_limits_1.MAX_CONFIG_BYTES / 1024 + 1)}`);
    strict_1.default.ok(big.length > yaml_limits_1.MAX_CONFIG_BYTES);
    const r = withFile(big, loadInChild);
    strict_1.default.deepEqual(r.diagnostics, [`1:1 the file is larger than ${yaml_limits_1.MAX_CONFIG_BYTES / 1024 / 1024} MiB, far more than a config needs: check that it is the right file`]);
    // the same text given directly is rejected the same way
    const o = (0, diagnostic_helpers_1.diagnose)(big.toString('utf8'));
    strict_1.default.equal(o.errors.length, 1, (0, diagnostic_helpers_1.show)(o.errors));
    strict_1.default.deepEqual(o.errors[0].position, { file: diagnostic_helpers_1.FILE, line: 1, column: 1 });
});
(0, node_test_1.test)('a realistic config with anchors, aliases and merge keys still loads, with the merged values', () => {
    const text = `cluster_name: demo
cluster_vars:
  barman_compression: gzip
x-barman-vars: &barman_vars
  barman_parallel_jobs: 2
  barman_backup_interval: "0 3 * * *"
x-pg: &pg
  role: [primary]
  backup: backup-one
instance_defaults:
  vars:
    <<: *barman_vars
instances:
  - Name: backup-one
    ip_address: 10.0.0.1
    role: [barman]
  - Name: db-one
    ip_address: 10.0.0.2
    <<: *pg
  - Name: db-two
    ip_address: 10.0.0.3
    <<: *pg
    vars:
      <<: *barman_vars
      barman_parallel_jobs: 4
`;
    const o = (0, diagnostic_helpers_1.diagnose)(text);
    strict_1.default.deepEqual(o.errors.map(diagnostics_1.formatDiagnostic), []);
    const g = o.graph;
    strict_1.default.deepEqual(g.edges.map((e) => `${e.instance.name} -> ${e.server.name}`).sort(), ['db-one -> backup-one', 'db-two -> backup-one']);
    strict_1.default.equal(g.instance('db-one').settings.parallelJobs, 2);
    strict_1.default.equal(g.instance('db-one').settings.backupInterval, '0 3 * * *');
    strict_1.default.equal(g.instance('db-two').settings.parallelJobs, 4);
    strict_1.default.equal(g.instance('db-two').settings.backupInterval, '0 3 * * *');
});
(0, node_test_1.test)('a 1,000-instance config whose instances share anchored vars still loads', () => {
    const lines = ['cluster_name: big', 'x-vars: &common', '  barman_parallel_jobs: 2', '  barman_compression: gzip', 'instances:'];
    lines.push('  - Name: backup-one', '    ip_address: 10.1.0.1', '    role: [barman]');
    for (let i = 0; i < 1000; i++) {
        lines.push(`  - Name: db-${i}`, `    ip_address: 10.2.${i >> 8}.${i & 255}`, '    role: [primary]', '    backup: backup-one', '    vars:', '      <<: *common', `      postgres_port: ${5432 + (i % 3)}`);
    }
    const g = (0, diagnostic_helpers_1.validGraph)(lines.join('\n') + '\n');
    strict_1.default.equal(g.edges.length, 1000);
    strict_1.default.equal(g.instance('db-999').settings.parallelJobs, 2);
});
