/**
 * The real Barman (Debian's barman / python3-barman, 3.4 here) reads every rendered Barman
 * configuration: no warning at all, exactly the expected servers, and every key resolves (after
 * Barman's inheritance from [barman] and its own defaults) to the value the model intends.
 */
import { TestContext, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildGraph } from '../../lib/model/build-graph';
import { loadTpaConfig } from '../../lib/config/tpa-config';
import { BackupEdge } from '../../lib/model/graph';
import { BarmanParse, barmanProblems, copyBarmanFiles, expectedServerConfig, findBarmanPython, runBarmanParse, specSlotName } from '../support/barman-parse';
import { listTopologies } from '../support/paths';
import { skipInside } from '../support/requirements';
import { RenderedTopology, renderTopology } from '../support/render-tree';

const PY = findBarmanPython();

/** the python with Barman's modules; undefined: the test is skipped (under CI it fails instead) */
function needBarman(t: TestContext): string | undefined {
  if (skipInside(t, PY.ok ? false : `barman-parse: ${PY.reason}`)) return undefined;
  return PY.ok ? PY.python : undefined;
}

function tempDir(t: { after(fn: () => void): void }, what: string): string {
  // no '%' in the path: it lands in configuration_files_directory, which Barman interpolates
  const dir = mkdtempSync(join(tmpdir(), `barman-parse-${what}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Keys whose effective value differs from the model's: `key: Barman says X, the model says Y`. */
function mismatches(expected: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  return Object.entries(expected)
    .filter(([k, v]) => !(k in actual) || !isDeepStrictEqual(actual[k], v))
    .map(([k, v]) => `${k}: Barman reads ${k in actual ? JSON.stringify(actual[k]) : '(no such attribute)'}, the model means ${JSON.stringify(v)}`);
}

/** Parses one Barman server's rendered files with the real Barman. */
function parseHost(python: string, r: RenderedTopology, serverName: string, dir: string): BarmanParse {
  const copy = copyBarmanFiles(join(r.outDir, serverName), dir);
  const parsed = runBarmanParse(python, copy.barmanConf);
  assert.equal(parsed.global.configuration_files_directory, copy.confDir);
  return parsed;
}

function checkEdges(parsed: BarmanParse, edges: readonly BackupEdge[], where: string): void {
  for (const e of edges) {
    const server = parsed.servers[e.backupName];
    assert.ok(server, `${where}: Barman has no server [${e.backupName}]`);
    const wrong = mismatches(expectedServerConfig(e), server.config);
    assert.deepEqual(wrong, [], `${where} [${e.backupName}]: keys Barman resolves differently from the model:\n  ${wrong.join('\n  ')}`);
    // the model's own slot name is the one SPEC 3 defines
    assert.equal(e.slotName, specSlotName(e.server.name), `${where} [${e.backupName}]: slot name`);
    // Barman's own retention policy parser accepts it and reads it back the same
    assert.equal(server.retention_policy_object, e.instance.settings.retentionPolicy, `${where} [${e.backupName}]: retention policy as Barman's RetentionPolicyFactory reads it`);
  }
}

for (const name of listTopologies()) {
  test(`barman-parse: the real Barman reads the files of ${name} without a warning, as intended`, async (t) => {
    const python = needBarman(t);
    if (python === undefined) return;
    const r = await renderTopology(name);
    t.after(() => r.cleanup());
    assert.ok(r.graph.barmanServers.length > 0, 'the topology has a Barman server');
    for (const s of r.graph.barmanServers) {
      const where = `${name}/${s.name}`;
      const parsed = parseHost(python, r, s.name, tempDir(t, `${name}-${s.name}`));
      assert.deepEqual(barmanProblems(parsed), [], `${where}: Barman complained`);
      const edges = r.graph.edgesOnServer(s);
      assert.ok(edges.length > 0, `${where}: nothing is backed up here`);
      assert.deepEqual(parsed.server_names, edges.map((e) => e.backupName).sort(), `${where}: Barman's servers are exactly the backup_names of the instances backed up here`);
      assert.deepEqual(
        { barman_home: parsed.global.barman_home, barman_user: parsed.global.barman_user, log_file: parsed.global.log_file },
        { barman_home: s.settings.barmanHome, barman_user: s.settings.barmanUser, log_file: s.settings.logFile },
        `${where}: global settings`,
      );
      checkEdges(parsed, edges, where);
      checkPgpass(parsed, r.graph.clusterName, edges, readFileSync(join(r.outDir, s.name, s.settings.barmanHome, '.pgpass'), 'utf8'), where);
    }
  });
}

/** libpq's .pgpass escaping of one field */
const pgpassEscape = (v: string): string => v.replace(/[\\:]/g, (c) => `\\${c}`);

/**
 * The rendered ~barman/.pgpass has, in each instance's block, one line for each connection
 * Barman makes (conninfo, streaming_conninfo as Barman itself reads them): same host, port, user.
 */
function checkPgpass(parsed: BarmanParse, clusterName: string, edges: readonly BackupEdge[], pgpass: string, where: string): void {
  for (const e of edges) {
    const lines = pgpass.split('\n');
    const from = lines.indexOf(`# BEGIN cdktf-barman:${clusterName}:${e.backupName}`);
    const to = lines.indexOf(`# END cdktf-barman:${clusterName}:${e.backupName}`);
    assert.ok(from >= 0 && to > from, `${where}: a .pgpass block for ${e.backupName}`);
    const block = lines.slice(from + 1, to);
    for (const key of ['conninfo', 'streaming_conninfo']) {
      const dsn = String(parsed.servers[e.backupName].config[key]);
      const attrs = new Map(dsn.split(/\s+/).map((kv) => kv.split('=', 2) as [string, string]));
      const prefix = `${pgpassEscape(attrs.get('host')!)}:${attrs.get('port')}:*:${attrs.get('user')}:`;
      assert.equal(block.filter((l) => l.startsWith(prefix)).length, 1, `${where} [${e.backupName}]: .pgpass line for Barman's ${key} (${dsn}): ${prefix}...\n${block.join('\n')}`);
    }
    assert.equal(block.length, 2, `${where} [${e.backupName}]: two lines`);
  }
}


test('barman-parse: the seed streams through slot backup_two, rsync backups, 4 weeks of recovery window', async (t) => {
  const python = needBarman(t);
  if (python === undefined) return;
  const r = await renderTopology('seed');
  t.after(() => r.cleanup());
  const parsed = parseHost(python, r, 'two', tempDir(t, 'seed'));
  assert.deepEqual(barmanProblems(parsed), []);
  assert.deepEqual(parsed.server_names, ['one']);
  const one = parsed.servers.one.config;
  assert.equal(one.streaming_archiver, true);
  assert.equal(one.slot_name, 'backup_two');
  assert.equal(one.backup_method, 'rsync');
  assert.equal(one.retention_policy, 'RECOVERY WINDOW OF 4 WEEKS');
  assert.equal(parsed.servers.one.retention_policy_object, 'RECOVERY WINDOW OF 4 WEEKS');
  assert.equal(one.archiver, false);
  assert.equal(one.conninfo, 'host=192.0.2.11 port=5432 dbname=postgres user=barman');
  assert.equal(one.ssh_command, 'ssh -q -o StrictHostKeyChecking=yes postgres@192.0.2.11 -p 22');
  assert.equal(parsed.global.log_file, '/var/log/barman.log');
});

test('barman-parse: literal ${HOME}, %{x}, $, quotes and % reach Barman unchanged (overrides)', async (t) => {
  const python = needBarman(t);
  if (python === undefined) return;
  const r = await renderTopology('overrides');
  t.after(() => r.cleanup());
  const parsed = parseHost(python, r, 'bkp', tempDir(t, 'overrides'));
  assert.deepEqual(barmanProblems(parsed), []);
  const main = parsed.servers['pg-main'].config;
  assert.equal(main.post_backup_retry_script, "/usr/local/bin/notify 'backup of ${BARMAN_SERVER} is 100% done' --cost $5 %d");
  assert.equal(main.pre_archive_retry_script, '/usr/local/bin/wal-check --dir ${HOME}/wals --tag %{x} $1');
  assert.match(String(main.conninfo), / application_name='barman-\$\{HOME\}-%\{x\}-\$PGHOST-it\\'s-100%'$/);
  assert.equal(main.archiver, true);
  const stream = parsed.servers['pg-stream-basebackup'].config;
  assert.equal(stream.backup_method, 'postgres');
  assert.equal(stream.reuse_backup, 'off', 'a postgres backup inheriting reuse_backup = link is disabled by Barman');
  assert.equal(stream.compression, null, '`compression = none` turns WAL compression off instead of inheriting pigz');
});

// ---- negative controls: the harness must be able to fail ----

/** Renders the seed, applies `tamper` to two's one.conf, and parses it with the real Barman. */
async function tamperedSeed(t: TestContext, python: string, tamper: (text: string) => string): Promise<BarmanParse> {
  const r = await renderTopology('seed');
  t.after(() => r.cleanup());
  const file = join(r.outDir, 'two', 'etc', 'barman.d', 'one.conf');
  const before = readFileSync(file, 'utf8');
  const after = tamper(before);
  assert.notEqual(after, before, 'the tamper changed nothing');
  writeFileSync(file, after);
  return parseHost(python, r, 'two', tempDir(t, 'tampered'));
}

test('barman-parse control: a lone % in a value is fatal for Barman, and the harness says so', async (t) => {
  const python = needBarman(t);
  if (python === undefined) return;
  const parsed = await tamperedSeed(t, python, (s) => s.replace('description = "Backups from one"', 'description = "Backups from one, 100% sure"'));
  const problems = barmanProblems(parsed);
  assert.ok(problems.length > 0, 'the harness reported nothing');
  assert.match(problems.join('\n'), /fatal: .*'%' must be followed by '%' or '\('/);
});

test('barman-parse control: backup_method = postgress is only a warning in Barman, and the harness fails on it', async (t) => {
  const python = needBarman(t);
  if (python === undefined) return;
  const parsed = await tamperedSeed(t, python, (s) => s.replace('active = true', 'backup_method = postgress\nactive = true'));
  assert.match(barmanProblems(parsed).join('\n'), /Ignoring invalid configuration value 'postgress' for key backup_method/);
  // Barman silently falls back to the global value: only the warning tells
  assert.equal(parsed.servers.one.config.backup_method, 'rsync');
});

test('barman-parse control: an unknown key, a bad boolean and a bad slot name are reported', async (t) => {
  const python = needBarman(t);
  if (python === undefined) return;
  const parsed = await tamperedSeed(t, python, (s) =>
    s.replace('active = true', 'wal_conninfo = "host=x"\nimmediate_checkpoint = perhaps\nactive = true').replace('slot_name = "backup_two"', 'slot_name = "backup-two"'),
  );
  const text = barmanProblems(parsed).join('\n');
  assert.match(text, /Invalid configuration option "wal_conninfo"/);
  assert.match(text, /'perhaps' for key immediate_checkpoint/);
  assert.match(text, /'backup-two' for key slot_name/);
});

test('barman-parse control: a conninfo value with a space disables the server (Barman 3.4 splits conninfo on whitespace)', async (t) => {
  const python = needBarman(t);
  if (python === undefined) return;
  const parsed = await tamperedSeed(t, python, (s) => s.replace('user=barman"', "user=barman application_name='nightly backup'\""));
  assert.match(barmanProblems(parsed).join('\n'), /\[one\] server msg_list: PostgreSQL connection: .* is not a valid connection string/);
});

test('barman-parse control: a value the model does not intend is reported as a mismatch', async (t) => {
  const python = needBarman(t);
  if (python === undefined) return;
  const r = await renderTopology('seed');
  t.after(() => r.cleanup());
  const parsed = await tamperedSeed(t, python, (s) => s.replace('slot_name = "backup_two"', 'slot_name = "backup_other"').replace('active = true', 'compression = gzip\nactive = true'));
  assert.deepEqual(barmanProblems(parsed), [], 'valid values: Barman itself is happy');
  const wrong = mismatches(expectedServerConfig(r.graph.edges[0]), parsed.servers.one.config);
  assert.deepEqual(wrong, [
    'compression: Barman reads "gzip", the model means "pigz"',
    'slot_name: Barman reads "backup_other", the model means "backup_two"',
  ]);
  assert.throws(() => checkEdges(parsed, r.graph.edges, 'seed/two'), /slot_name: Barman reads "backup_other"/);
});

test('barman-parse control: the copy rewrites exactly the configuration_files_directory line', async (t) => {
  const r = await renderTopology('seed');
  t.after(() => r.cleanup());
  const dir = tempDir(t, 'copy');
  const copy = copyBarmanFiles(join(r.outDir, 'two'), dir);
  const original = readFileSync(join(r.outDir, 'two', 'etc', 'barman.conf'), 'utf8').split('\n');
  const copied = readFileSync(copy.barmanConf, 'utf8').split('\n');
  assert.equal(copied.length, original.length);
  assert.deepEqual(
    copied.map((l, i) => [l, original[i]]).filter(([a, b]) => a !== b),
    [[`configuration_files_directory = ${copy.confDir}`, 'configuration_files_directory = /etc/barman.d']],
  );
  assert.deepEqual(readFileSync(join(copy.confDir, 'one.conf')), readFileSync(join(r.outDir, 'two', 'etc', 'barman.d', 'one.conf')));
  // a barman.conf without that line cannot be redirected: the harness refuses instead of reading /etc
  writeFileSync(join(r.outDir, 'two', 'etc', 'barman.conf'), original.filter((l) => !l.startsWith('configuration_files_directory')).join('\n'));
  assert.throws(() => copyBarmanFiles(join(r.outDir, 'two'), tempDir(t, 'copy2')), /expected exactly one/);
});

test('barman-parse control: a .pgpass line whose port differs from Barman\'s conninfo is reported', async (t) => {
  const python = needBarman(t);
  if (python === undefined) return;
  const r = await renderTopology('seed');
  t.after(() => r.cleanup());
  const parsed = parseHost(python, r, 'two', tempDir(t, 'pgpass'));
  const pgpass = readFileSync(join(r.outDir, 'two', 'var', 'lib', 'barman', '.pgpass'), 'utf8');
  checkPgpass(parsed, 'seed', r.graph.edges, pgpass, 'seed/two');
  assert.throws(() => checkPgpass(parsed, 'seed', r.graph.edges, pgpass.replace('192.0.2.11:5432:*:streaming_barman', '192.0.2.11:5433:*:streaming_barman'), 'seed/two'), /\.pgpass line for Barman's streaming_conninfo/);
  assert.throws(() => checkPgpass(parsed, 'seed', r.graph.edges, pgpass.replace('# END cdktf-barman:seed:one', ''), 'seed/two'), /a \.pgpass block for one/);
});

// Barman 3.4 cannot read libpq attribute values with whitespace, even quoted (see the control
// above): validation rejects them before anything is written.
test(
  'barman_client_dsn_attributes with a quoted space is rejected before anything is written',
  () => {
    const config = [
      'cluster_name: dsn',
      'instances:',
      '  - Name: one',
      '    role: [primary]',
      '    backup: two',
      '    vars:',
      "      barman_client_dsn_attributes: \"application_name='nightly backup'\"",
      '  - Name: two',
      '    role: [barman]',
      '',
    ].join('\n');
    assert.throws(() => buildGraph(loadTpaConfig(config, 'config.yml')), /barman_client_dsn_attributes/);
  },
);
