"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Numbers in a config (issue 12, item 10): only plain decimal digits are read as a number; any other
 * way YAML has to write a number is kept as the text it was written as, so that a key that wants a
 * whole number rejects it and shows it as written.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const yaml_source_1 = require("../../lib/config/yaml-source");
const diagnostics_1 = require("../../lib/model/diagnostics");
const diagnostic_helpers_1 = require("../model/diagnostic-helpers");
(0, node_test_1.test)('plain decimal integers are numbers', () => {
    const doc = (0, yaml_source_1.parseYaml)('a: 5432\nb: 0\nc: -1\nd: 16\n', 'config.yml');
    strict_1.default.deepEqual(doc.value, { a: 5432, b: 0, c: -1, d: 16 });
});
(0, node_test_1.test)('leading zeros, signs, bases, underscores, exponents, fractions, .inf and .nan stay as written', () => {
    const written = ['010', '08', '+5', '0x10', '0o10', '0b101', '1_000', '1e3', '1E3', '1.5', '16.0', '.5', '.inf', '-.inf', '.Inf', '.nan', '.NaN'];
    const doc = (0, yaml_source_1.parseYaml)(written.map((w, i) => `k${i}: ${w}`).join('\n'), 'config.yml');
    strict_1.default.deepEqual(doc.value, Object.fromEntries(written.map((w, i) => [`k${i}`, w])));
});
(0, node_test_1.test)('other scalars read as before: booleans, null, quoted digits, timestamps', () => {
    const doc = (0, yaml_source_1.parseYaml)('t: true\nf: false\nn: null\nq: "010"\nd: 2024-01-02\n', 'config.yml');
    strict_1.default.deepEqual(doc.value, { t: true, f: false, n: null, q: '010', d: new Date(Date.UTC(2024, 0, 2)) });
});
(0, node_test_1.test)('an explicit !!int or !!float tag cannot bring the other forms back', () => {
    strict_1.default.throws(() => (0, yaml_source_1.parseYaml)('a: !!int 0x10\n', 'config.yml'), /cannot resolve a node with !<tag:yaml.org,2002:int>/);
    strict_1.default.throws(() => (0, yaml_source_1.parseYaml)('a: !!float 1e3\n', 'config.yml'), /unknown tag/);
});
for (const [key, written, kind] of [
    ['postgres_version', '010', '>= 9'],
    ['postgres_version', '"010"', '>= 9'],
    ['postgres_version', '0x10', '>= 9'],
    ['postgres_version', '1e3', '>= 9'],
    ['postgres_version', '+16', '>= 9'],
    ['postgres_version', '16.0', '>= 9'],
    ['postgres_port', '.inf', 'between 1 and 65535'],
    ['cluster_ssh_port', '0o26', 'between 1 and 65535'],
    ['barman_parallel_jobs', '.nan', '>= 1'],
    ['barman_basebackup_retry_times', '1_0', '>= 0'],
]) {
    (0, node_test_1.test)(`${key}: ${written} is rejected, showing ${written} as written`, () => {
        const text = `cluster_name: demo\ninstances:\n  - Name: one\n    role: [primary]\n    vars:\n      ${key}: ${written}\n`;
        const o = (0, diagnostic_helpers_1.diagnose)(text);
        strict_1.default.equal(o.errors.length, 1, (0, diagnostic_helpers_1.show)(o.errors));
        const d = o.errors[0];
        const at = (0, diagnostic_helpers_1.positionIn)(text, written, `${key}: `);
        const shown = written.replace(/^"(.*)"$/, '$1');
        strict_1.default.equal(d.key, key, (0, diagnostics_1.formatDiagnostic)(d));
        strict_1.default.deepEqual([d.position?.line, d.position?.column], [at.line, at.column], (0, diagnostics_1.formatDiagnostic)(d));
        strict_1.default.ok(d.message.includes(`'${shown}' is not an integer ${kind}`), (0, diagnostics_1.formatDiagnostic)(d));
        strict_1.default.match(d.message, /write plain decimal digits/, (0, diagnostics_1.formatDiagnostic)(d));
    });
}
