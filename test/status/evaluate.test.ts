/**
 * The status evaluation on REAL Barman 3.4 output: the probe output captured on the e2e sandbox
 * (test/fixtures/status), parsed and judged without any host.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCheckJson, parseDiagnose } from '../../lib/status/barman-output';
import { assembleReport, statusTargetsOf } from '../../lib/status/collect';
import { evaluateServer, formatAge, maximumAgeSeconds } from '../../lib/status/evaluate';
import { ServerTarget } from '../../lib/status/targets';
import { formatReport } from '../../lib/status/format';
import { parseProbeOutput, splitSections } from '../../lib/status/probe-output';
import { DriftState, InstanceState, Verdict } from '../../lib/status/report';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { writeFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { probeFixture, shiftClock, statusConfigPath, statusGraph } from './status-fixtures';

/** the expectation of the fixture's Barman server, with the file hashes the probe found (no drift) */
function expectationFor(probe: string): ServerTarget {
  const x = statusTargetsOf(statusGraph()).servers[0];
  const found = parseProbeOutput(probe).files;
  return { ...x, files: Object.fromEntries(Object.keys(x.files).map((p) => [p, found.get(p) ?? 'absent'])) };
}

function evaluate(probe: string, x = expectationFor(probe)) {
  return evaluateServer(x, { ran: true, output: parseProbeOutput(probe) });
}

describe('real Barman 3.4 output', () => {
  test('barman diagnose: version, the server, its backups, slot and archived WAL', () => {
    const o = parseProbeOutput(probeFixture('healthy'));
    assert.equal(o.diagnose?.rc, 0);
    const d = parseDiagnose(o.diagnose!.out);
    assert.equal(d.barmanVersion, '3.4.0');
    assert.deepEqual(d.errors, []);
    assert.deepEqual([...d.servers.keys()], ['pg1']);
    const pg1 = d.servers.get('pg1')!;
    assert.ok(pg1.backups.length >= 1 && pg1.backups.every((b) => /^\d{8}T\d{6}$/.test(b.id)), JSON.stringify(pg1.backups));
    assert.ok(pg1.backups.some((b) => b.status === 'DONE' && b.endTime !== null));
    assert.deepEqual([pg1.slot?.name, pg1.slot?.active], ['backup_barman', true]);
    assert.match(pg1.slot?.restartLsn ?? '', /^[0-9A-F]+\/[0-9A-F]+$/);
    assert.match(pg1.lastArchivedWal ?? '', /^[0-9A-F]{24}$/);
    assert.equal(pg1.postgresReachable, true);
  });

  test('barman -f json check: every check with its hint; exit 1 when one fails', () => {
    const healthy = parseProbeOutput(probeFixture('healthy')).check!;
    assert.equal(healthy.rc, 0);
    const checks = parseCheckJson(healthy.out).servers.get('pg1')!;
    assert.ok(checks.length >= 15);
    assert.ok(checks.every((c) => c.status === Verdict.OK), JSON.stringify(checks));
    const stopped = parseProbeOutput(probeFixture('receive-wal-stopped')).check!;
    assert.equal(stopped.rc, 1);
    const rw = parseCheckJson(stopped.out).servers.get('pg1')!.find((c) => c.name === 'receive_wal_running');
    assert.equal(rw?.status, Verdict.FAILED);
  });

  test('an unknown server is an _ERROR of barman check', () => {
    const c = parseCheckJson('{"_ERROR": ["Unknown server \'nope\'"], "pgx": {"postgresql": {"hint": "", "status": "FAILED"}}}');
    assert.deepEqual(c.errors, ["Unknown server 'nope'"]);
    assert.deepEqual(c.servers.get('pgx'), [{ name: 'postgresql', status: Verdict.FAILED, hint: '' }]);
  });

  test('sections survive a command output without a final newline, and a motd before the first mark', () => {
    const s = splitSections('Welcome!\n\n@@cdktf-barman-status a.out\n{"x": 1}\n@@cdktf-barman-status b\nline\n\n');
    assert.deepEqual([...s], [['a.out', '{"x": 1}'], ['b', 'line\n']]);
  });
});

describe('evaluation', () => {
  test('healthy: every field of pg1, no failure, report ok', () => {
    const s = evaluate(probeFixture('healthy'));
    assert.deepEqual(s.failures, []);
    assert.equal(s.reachable, true);
    assert.equal(s.barmanVersion, '3.4.0');
    assert.equal(s.cron?.daemonRunning, true);
    assert.deepEqual(s.cron?.barmanCronFiles, ['/etc/cron.d/barman']);
    const i = s.instances[0];
    assert.deepEqual([i.instance, i.backupName, i.state], ['pg1', 'pg1', InstanceState.CHECKED]);
    assert.deepEqual(i.failures, []);
    assert.equal(i.streaming.receiveWal, Verdict.OK);
    assert.deepEqual([i.streaming.slotName, i.streaming.slotExists, i.streaming.slotActive], ['backup_barman', true, true]);
    assert.equal(i.walArchive.check, Verdict.OK);
    assert.equal(i.lastBackup?.status, Verdict.OK);
    assert.equal(i.lastBackup?.maximumAge, '1 WEEK');
    assert.ok(i.lastBackup!.ageSeconds >= 0 && i.lastBackup!.ageSeconds < 3600);
    assert.deepEqual([i.backups.minimumRedundancy, i.backups.status], [1, Verdict.OK]);
    const r = assembleReport('e2e', [s]);
    assert.deepEqual([r.ok, r.failureCount], [true, 0]);
    assert.match(formatReport(r), /cluster e2e: 1 Barman server, 1 backed-up instance: OK\n$/);
  });

  test('receive-wal stopped: a FAILED check makes a failure with Barman\'s hint, and the report not ok', () => {
    const s = evaluate(probeFixture('receive-wal-stopped'));
    const i = s.instances[0];
    assert.equal(i.streaming.receiveWal, Verdict.FAILED);
    assert.equal(i.streaming.slotActive, false);
    assert.ok(i.failures.some((f) => f.startsWith('check receive wal running: FAILED')), i.failures.join('\n'));
    const r = assembleReport('e2e', [s]);
    assert.equal(r.ok, false);
    assert.match(formatReport(r), /FAILED {2}barman\/pg1: check receive wal running: FAILED/);
  });

  test('no cron daemon: a failure of the server', () => {
    const s = evaluate(probeFixture('no-cron-daemon'));
    assert.deepEqual(s.failures, ['no cron daemon runs: barman cron and the backup schedules never run (start cron)']);
    assert.deepEqual(s.instances[0].failures, []);
  });

  test('an old backup: age FAILED against last_backup_maximum_age (Barman\'s check said OK at the time)', () => {
    const eightDays = 8 * 86_400;
    const s = evaluate(shiftClock(probeFixture('healthy'), eightDays));
    const b = s.instances[0].lastBackup!;
    assert.equal(b.status, Verdict.FAILED);
    assert.ok(b.ageSeconds > 7 * 86_400);
    assert.equal(b.maximumAgeSeconds, 7 * 86_400);
    assert.ok(s.instances[0].failures.some((f) => f.startsWith(`last backup ${b.id} is 8d `) && f.endsWith('older than last_backup_maximum_age 1 WEEK')), s.instances[0].failures.join('\n'));
    assert.equal(assembleReport('e2e', [s]).ok, false);
  });

  test('a backed-up instance Barman does not know is a failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-status-'));
    try {
      const config = join(dir, 'config.yml');
      writeFileSync(config, readFileSync(statusConfigPath(), 'utf8') + '  - Name: pg9\n    node: 9\n    ip_address: 127.0.0.49\n    role: [primary]\n    backup: barman\n');
      const x = statusTargetsOf(loadGraphFromFile(config)).servers[0];
      const probe = probeFixture('healthy');
      const s = evaluateServer({ ...x, files: expectationFor(probe).files }, { ran: true, output: parseProbeOutput(probe) });
      const pg9 = s.instances.find((i) => i.instance === 'pg9')!;
      assert.equal(pg9.state, InstanceState.NOT_CONFIGURED);
      assert.equal(pg9.backups.count, 0, 'Barman answered: it has no backup of pg9');
      assert.deepEqual(pg9.failures, ["Barman does not know 'pg9': apply the stack (is /etc/barman.d/pg9.conf there, readable by barman?)"]);
      assert.deepEqual(s.instances.find((i) => i.instance === 'pg1')!.failures, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a server Barman knows but the config does not put there: a warning, not a failure', () => {
    const probe = probeFixture('healthy');
    const x = expectationFor(probe);
    const s = evaluateServer({ ...x, backups: [] }, { ran: true, output: parseProbeOutput(probe) });
    assert.deepEqual(s.unmanagedServers, ['pg1']);
    assert.deepEqual(s.failures, []);
    assert.match(s.warnings.join('\n'), /Barman also knows 'pg1'/);
  });

  test('drift: a changed whole file is a warning, a missing one a failure', () => {
    const probe = probeFixture('healthy');
    const x = expectationFor(probe);
    const files = { ...x.files, '/etc/barman.conf': '0'.repeat(64) };
    const found = parseProbeOutput(probe);
    const output = { ...found, files: new Map([...found.files, ['/etc/cron.d/pg1', null]]) };
    const s = evaluateServer({ ...x, files }, { ran: true, output });
    assert.deepEqual(s.drift, [{ path: '/etc/barman.conf', state: DriftState.DIFFERS }, { path: '/etc/cron.d/pg1', state: DriftState.MISSING }]);
    assert.deepEqual(s.failures.filter((f) => f.includes('/etc/')), ['/etc/cron.d/pg1 is missing: apply the stack']);
    assert.match(s.warnings.join('\n'), /\/etc\/barman.conf differs from the rendered file/);
  });

  test('the files compared are whole files of the stack, without key files', () => {
    const x = statusTargetsOf(statusGraph()).servers[0];
    const paths = Object.keys(x.files);
    for (const p of ['/etc/barman.conf', '/etc/barman.d/pg1.conf', '/etc/cron.d/barman', '/etc/cron.d/pg1', '/usr/local/lib/cdktf-barman/e2e.managed']) assert.ok(paths.includes(p), p);
    assert.deepEqual(paths.filter((p) => /\.ssh|pgpass/.test(p)), []);
  });

  test('an unreachable server: a failure with ssh\'s message, instances UNKNOWN', () => {
    const x = statusTargetsOf(statusGraph()).servers[0];
    const s = evaluateServer(x, { ran: false, reachable: false, error: 'ssh: connect to host 127.0.0.41 port 22: Connection refused' });
    assert.equal(s.reachable, false);
    // not 'no backups': nothing is known of them
    assert.deepEqual([s.instances[0].state, s.instances[0].backups.count, s.instances[0].backups.status], [InstanceState.UNREACHABLE, null, Verdict.UNKNOWN]);
    const refused = evaluateServer(x, { ran: false, reachable: true, error: 'sudo: a password is required' });
    assert.equal(refused.instances[0].state, InstanceState.UNKNOWN);
    assert.deepEqual(s.failures, ['unreachable: ssh: connect to host 127.0.0.41 port 22: Connection refused']);
    assert.equal(s.instances[0].streaming.receiveWal, Verdict.UNKNOWN);
    assert.equal(assembleReport('e2e', [s]).ok, false);
  });

  test('a cut-off probe and a missing barman are failures', () => {
    const healthy = probeFixture('healthy');
    const cut = healthy.slice(0, healthy.indexOf('@@cdktf-barman-status files'));
    assert.match(evaluate(cut).failures.join('\n'), /the probe was cut off/);
    const none = evaluate('@@cdktf-barman-status now\n1790000000\n@@cdktf-barman-status barman-path\n\n@@cdktf-barman-status end\n');
    assert.ok(none.failures.includes("barman is not installed (not on root's PATH)"), none.failures.join('\n'));
  });
});

describe('ages', () => {
  test("Barman's reading of last_backup_maximum_age: a month is 31 days", () => {
    assert.equal(maximumAgeSeconds('1 WEEK'), 604_800);
    assert.equal(maximumAgeSeconds('3 DAYS'), 259_200);
    assert.equal(maximumAgeSeconds('2 MONTHS'), 62 * 86_400);
    assert.throws(() => maximumAgeSeconds('a while'), /not an age: 'a while'/);
  });
  test('formatAge', () => {
    assert.deepEqual([formatAge(42), formatAge(125), formatAge(3 * 3600 + 120), formatAge(8 * 86_400 + 3600)], ['42s', '2m 5s', '3h 2m', '8d 1h']);
  });
});
