/**
 * Limits on what loading a config.yml may cost (issue 12, items 5 and 7): alias bombs, deep nesting
 * and huge files fail fast with a clear error, while real configs with anchors and merge keys load.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAX_CONFIG_BYTES, MAX_EXPANDED_NODES, MAX_NESTING } from '../../lib/config/yaml-limits';
import { formatDiagnostic } from '../../lib/model/diagnostics';
import { FILE, diagnose, positionIn, show, validGraph } from '../model/diagnostic-helpers';

const LOADER = resolve(__dirname, '..', '..', 'lib', 'config', 'tpa-config.js');

interface ChildOutcome {
  readonly ms: number;
  readonly maxRssMiB: number;
  readonly diagnostics?: string[];
  readonly crash?: string;
}

/**
 * Loads and validates `path` in a child process, so that a loader that runs away (as the one
 * before the limits did) is stopped by the timeout instead of hanging the test run.
 */
function loadInChild(path: string): ChildOutcome {
  const script = `
    const { loadGraphFromFile } = require(${JSON.stringify(LOADER)});
    const started = process.hrtime.bigint();
    let out;
    try { loadGraphFromFile(${JSON.stringify(path)}); out = { diagnostics: [] }; }
    catch (e) { out = e && e.name === 'InvalidConfigError' ? { diagnostics: e.diagnostics.map((d) => d.position ? d.position.line + ':' + d.position.column + ' ' + d.message : d.message) } : { crash: String(e && e.stack || e) }; }
    out.ms = Number(process.hrtime.bigint() - started) / 1e6;
    out.maxRssMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', '-e', script], { encoding: 'utf8', timeout: 20_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.error, undefined, `the loader did not finish within 20 s: ${r.error?.message}`);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as ChildOutcome;
}

function withFile<T>(text: string | Buffer, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'yaml-limits-'));
  try {
    const path = join(dir, 'config.yml');
    writeFileSync(path, text);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Nine levels of nine aliases each: 9^9 (387 million) "lol"s once expanded, in a few hundred bytes. */
function billionLaughs(use: string): string {
  const names = 'abcdefghi';
  const lines = [`a: &a [${Array(9).fill('"lol"').join(',')}]`];
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  return `${lines.join('\n')}\n${use}\n`;
}

for (const [where, use] of [
  ['cluster_name', 'cluster_name: *i\ninstances:\n  - Name: one'],
  ['instances', 'cluster_name: demo\ninstances: *i'],
  ['a var (client addresses)', 'cluster_name: demo\ninstances:\n  - Name: one\n    role: [barman]\n    vars:\n      barman_client_addresses: *i'],
] as const) {
  test(`a billion-laughs config (aliases used as ${where}) is rejected in well under a second, at an alias`, () => {
    const text = billionLaughs(use);
    assert.ok(text.length < 700, `the attack is small: ${text.length} bytes`);
    const r = withFile(text, loadInChild);
    assert.equal(r.crash, undefined, r.crash);
    assert.equal(r.diagnostics?.length, 1, r.diagnostics?.join('\n'));
    const m = /^(\d+):(\d+) (.*)$/.exec(r.diagnostics![0]);
    assert.ok(m, `the error has a line and column: ${r.diagnostics![0]}`);
    const [line, column, message] = [Number(m[1]), Number(m[2]), m[3]];
    // it points at an alias, and names it
    const alias = /^\*[a-i]/.exec(text.split('\n')[line - 1].slice(column - 1));
    assert.ok(alias, `the position points at an alias: ${r.diagnostics![0]}`);
    assert.ok(message.includes(`alias ${alias[0]}`), message);
    assert.ok(message.includes(MAX_EXPANDED_NODES.toLocaleString('en-US')), message);
    assert.match(message, /write the values out or use fewer aliases/);
    assert.ok(r.ms < 1000, `rejected in ${r.ms} ms`);
    assert.ok(r.maxRssMiB < 200, `peak memory ${r.maxRssMiB} MiB`);
  });
}

for (const [style, nested] of [
  ['flow sequences', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
  ['block mappings', (n: number) => Array.from({ length: n }, (_, i) => `\n${'  '.repeat(i + 4)}k:`).join('') + ' deep'],
] as const) {
  test(`2,000 levels of nested ${style} are a clear error at the level past the limit, not a crash`, () => {
    const prefix = 'cluster_name: demo\ninstances:\n  - Name: one\n    vars:\n      deep:';
    const text = `${prefix} ${nested(2000)}\n`;
    const started = process.hrtime.bigint();
    const o = diagnose(text);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(o.errors.length, 1, show(o.errors));
    const d = o.errors[0];
    assert.match(d.message, new RegExp(`nested more than ${MAX_NESTING} levels deep: .*flatten`));
    // the document, its mapping, the instances list, the instance, vars and deep are the first six levels
    const deepAt = positionIn(text, 'deep:');
    assert.ok(d.position !== undefined && d.position.line >= deepAt.line, formatDiagnostic(d));
    const rest = text.split('\n')[d.position.line - 1].slice(d.position.column - 1);
    assert.match(rest, style === 'flow sequences' ? /^\[/ : /^k:/, formatDiagnostic(d));
    assert.ok(ms < 1000, `rejected in ${ms} ms`);
  });
}

test('nesting up to the limit still loads', () => {
  // the document, its mapping, instances, the instance, vars, the var: six levels before the value
  const depth = MAX_NESTING - 8;
  const text = `cluster_name: demo\ninstances:\n  - Name: one\n    vars:\n      deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  validGraph(text);
});

test('a file larger than the limit is rejected at 1:1 without reading it all', () => {
  const filler = `# ${'x'.repeat(1021)}\n`; // 1 KiB a line
  const big = Buffer.from(`cluster_name: demo\ninstances:\n  - Name: one\n${filler.repeat(MAX_CONFIG_BYTES / 1024 + 1)}`);
  assert.ok(big.length > MAX_CONFIG_BYTES);
  const r = withFile(big, loadInChild);
  assert.deepEqual(r.diagnostics, [`1:1 the file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, far more than a config needs: check that it is the right file`]);
  // the same text given directly is rejected the same way
  const o = diagnose(big.toString('utf8'));
  assert.equal(o.errors.length, 1, show(o.errors));
  assert.deepEqual(o.errors[0].position, { file: FILE, line: 1, column: 1 });
});

test('a realistic config with anchors, aliases and merge keys still loads, with the merged values', () => {
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
  const o = diagnose(text);
  assert.deepEqual(o.errors.map(formatDiagnostic), []);
  const g = o.graph!;
  assert.deepEqual(
    g.edges.map((e) => `${e.instance.name} -> ${e.server.name}`).sort(),
    ['db-one -> backup-one', 'db-two -> backup-one'],
  );
  assert.equal(g.instance('db-one').settings.parallelJobs, 2);
  assert.equal(g.instance('db-one').settings.backupInterval, '0 3 * * *');
  assert.equal(g.instance('db-two').settings.parallelJobs, 4);
  assert.equal(g.instance('db-two').settings.backupInterval, '0 3 * * *');
});

test('a 1,000-instance config whose instances share anchored vars still loads', () => {
  const lines = ['cluster_name: big', 'x-vars: &common', '  barman_parallel_jobs: 2', '  barman_compression: gzip', 'instances:'];
  lines.push('  - Name: backup-one', '    ip_address: 10.1.0.1', '    role: [barman]');
  for (let i = 0; i < 1000; i++) {
    lines.push(`  - Name: db-${i}`, `    ip_address: 10.2.${i >> 8}.${i & 255}`, '    role: [primary]', '    backup: backup-one', '    vars:', '      <<: *common', `      postgres_port: ${5432 + (i % 3)}`);
  }
  const g = validGraph(lines.join('\n') + '\n');
  assert.equal(g.edges.length, 1000);
  assert.equal(g.instance('db-999').settings.parallelJobs, 2);
});
