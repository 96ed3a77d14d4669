/**
 * Numbers in a config (issue 12, item 10): only plain decimal digits are read as a number; any other
 * way YAML has to write a number is kept as the text it was written as, so that a key that wants a
 * whole number rejects it and shows it as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from '../../lib/config/yaml-source';
import { formatDiagnostic } from '../../lib/model/diagnostics';
import { diagnose, positionIn, show } from '../model/diagnostic-helpers';

test('plain decimal integers are numbers', () => {
  const doc = parseYaml('a: 5432\nb: 0\nc: -1\nd: 16\n', 'config.yml');
  assert.deepEqual(doc.value, { a: 5432, b: 0, c: -1, d: 16 });
});

test('leading zeros, signs, bases, underscores, exponents, fractions, .inf and .nan stay as written', () => {
  const written = ['010', '08', '+5', '0x10', '0o10', '0b101', '1_000', '1e3', '1E3', '1.5', '16.0', '.5', '.inf', '-.inf', '.Inf', '.nan', '.NaN'];
  const doc = parseYaml(written.map((w, i) => `k${i}: ${w}`).join('\n'), 'config.yml');
  assert.deepEqual(doc.value, Object.fromEntries(written.map((w, i) => [`k${i}`, w])));
});

test('other scalars read as before: booleans, null, quoted digits, timestamps', () => {
  const doc = parseYaml('t: true\nf: false\nn: null\nq: "010"\nd: 2024-01-02\n', 'config.yml');
  assert.deepEqual(doc.value, { t: true, f: false, n: null, q: '010', d: new Date(Date.UTC(2024, 0, 2)) });
});

test('an explicit !!int or !!float tag cannot bring the other forms back', () => {
  assert.throws(() => parseYaml('a: !!int 0x10\n', 'config.yml'), /cannot resolve a node with !<tag:yaml.org,2002:int>/);
  assert.throws(() => parseYaml('a: !!float 1e3\n', 'config.yml'), /unknown tag/);
});

for (const [key, written, kind] of [
  ['postgres_version', '010', '>= 10'],
  ['postgres_version', '"010"', '>= 10'],
  ['postgres_version', '0x10', '>= 10'],
  ['postgres_version', '1e3', '>= 10'],
  ['postgres_version', '+16', '>= 10'],
  ['postgres_version', '16.0', '>= 10'],
  ['postgres_port', '.inf', 'between 1 and 65535'],
  ['cluster_ssh_port', '0o26', 'between 1 and 65535'],
  ['barman_parallel_jobs', '.nan', '>= 1'],
  ['barman_basebackup_retry_times', '1_0', '>= 0'],
] as const) {
  test(`${key}: ${written} is rejected, showing ${written} as written`, () => {
    const text = `cluster_name: demo\ninstances:\n  - Name: one\n    role: [primary]\n    vars:\n      ${key}: ${written}\n`;
    const o = diagnose(text);
    assert.equal(o.errors.length, 1, show(o.errors));
    const d = o.errors[0];
    const at = positionIn(text, written, `${key}: `);
    const shown = written.replace(/^"(.*)"$/, '$1');
    assert.equal(d.key, key, formatDiagnostic(d));
    assert.deepEqual([d.position?.line, d.position?.column], [at.line, at.column], formatDiagnostic(d));
    assert.ok(d.message.includes(`'${shown}' is not an integer ${kind}`), formatDiagnostic(d));
    assert.match(d.message, /write plain decimal digits/, formatDiagnostic(d));
  });
}
