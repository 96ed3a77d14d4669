"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The status evaluation on REAL Barman 3.4 output: the probe output captured on the e2e sandbox
 * (test/fixtures/status), parsed and judged without any host.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const barman_output_1 = require("../../lib/status/barman-output");
const collect_1 = require("../../lib/status/collect");
const evaluate_1 = require("../../lib/status/evaluate");
const format_1 = require("../../lib/status/format");
const probe_output_1 = require("../../lib/status/probe-output");
const report_1 = require("../../lib/status/report");
const tpa_config_1 = require("../../lib/config/tpa-config");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const node_os_1 = require("node:os");
const status_fixtures_1 = require("./status-fixtures");
/** the expectation of the fixture's Barman server, with the file hashes the probe found (no drift) */
function expectationFor(probe) {
    const x = (0, collect_1.statusTargetsOf)((0, status_fixtures_1.statusGraph)()).servers[0];
    const found = (0, probe_output_1.parseProbeOutput)(probe).files;
    return { ...x, files: Object.fromEntries(Object.keys(x.files).map((p) => [p, found.get(p) ?? 'absent'])) };
}
function evaluate(probe, x = expectationFor(probe)) {
    return (0, evaluate_1.evaluateServer)(x, { ran: true, output: (0, probe_output_1.parseProbeOutput)(probe) });
}
(0, node_test_1.describe)('real Barman 3.4 output', () => {
    (0, node_test_1.test)('barman diagnose: version, the server, its backups, slot and archived WAL', () => {
        const o = (0, probe_output_1.parseProbeOutput)((0, status_fixtures_1.probeFixture)('healthy'));
        strict_1.default.equal(o.diagnose?.rc, 0);
        const d = (0, barman_output_1.parseDiagnose)(o.diagnose.out);
        strict_1.default.equal(d.barmanVersion, '3.4.0');
        strict_1.default.deepEqual(d.errors, []);
        strict_1.default.deepEqual([...d.servers.keys()], ['pg1']);
        const pg1 = d.servers.get('pg1');
        strict_1.default.ok(pg1.backups.length >= 1 && pg1.backups.every((b) => /^\d{8}T\d{6}$/.test(b.id)), JSON.stringify(pg1.backups));
        strict_1.default.ok(pg1.backups.some((b) => b.status === 'DONE' && b.endTime !== null));
        strict_1.default.deepEqual([pg1.slot?.name, pg1.slot?.active], ['backup_barman', true]);
        strict_1.default.match(pg1.slot?.restartLsn ?? '', /^[0-9A-F]+\/[0-9A-F]+$/);
        strict_1.default.match(pg1.lastArchivedWal ?? '', /^[0-9A-F]{24}$/);
        strict_1.default.equal(pg1.postgresReachable, true);
    });
    (0, node_test_1.test)('barman -f json check: every check with its hint; exit 1 when one fails', () => {
        const healthy = (0, probe_output_1.parseProbeOutput)((0, status_fixtures_1.probeFixture)('healthy')).check;
        strict_1.default.equal(healthy.rc, 0);
        const checks = (0, barman_output_1.parseCheckJson)(healthy.out).servers.get('pg1');
        strict_1.default.ok(checks.length >= 15);
        strict_1.default.ok(checks.every((c) => c.status === report_1.Verdict.OK), JSON.stringify(checks));
        const stopped = (0, probe_output_1.parseProbeOutput)((0, status_fixtures_1.probeFixture)('receive-wal-stopped')).check;
        strict_1.default.equal(stopped.rc, 1);
        const rw = (0, barman_output_1.parseCheckJson)(stopped.out).servers.get('pg1').find((c) => c.name === 'receive_wal_running');
        strict_1.default.equal(rw?.status, report_1.Verdict.FAILED);
    });
    (0, node_test_1.test)('an unknown server is an _ERROR of barman check', () => {
        const c = (0, barman_output_1.parseCheckJson)('{"_ERROR": ["Unknown server \'nope\'"], "pgx": {"postgresql": {"hint": "", "status": "FAILED"}}}');
        strict_1.default.deepEqual(c.errors, ["Unknown server 'nope'"]);
        strict_1.default.deepEqual(c.servers.get('pgx'), [{ name: 'postgresql', status: report_1.Verdict.FAILED, hint: '' }]);
    });
    (0, node_test_1.test)('sections survive a command output without a final newline, and a motd before the first mark', () => {
        const s = (0, probe_output_1.splitSections)('Welcome!\n\n@@cdktf-barman-status a.out\n{"x": 1}\n@@cdktf-barman-status b\nline\n\n');
        strict_1.default.deepEqual([...s], [['a.out', '{"x": 1}'], ['b', 'line\n']]);
    });
});
(0, node_test_1.describe)('evaluation', () => {
    (0, node_test_1.test)('healthy: every field of pg1, no failure, report ok', () => {
        const s = evaluate((0, status_fixtures_1.probeFixture)('healthy'));
        strict_1.default.deepEqual(s.failures, []);
        strict_1.default.equal(s.reachable, true);
        strict_1.default.equal(s.barmanVersion, '3.4.0');
        strict_1.default.equal(s.cron?.daemonRunning, true);
        strict_1.default.deepEqual(s.cron?.barmanCronFiles, ['/etc/cron.d/barman']);
        const i = s.instances[0];
        strict_1.default.deepEqual([i.instance, i.backupName, i.state], ['pg1', 'pg1', report_1.InstanceState.CHECKED]);
        strict_1.default.deepEqual(i.failures, []);
        strict_1.default.equal(i.streaming.receiveWal, report_1.Verdict.OK);
        strict_1.default.deepEqual([i.streaming.slotName, i.streaming.slotExists, i.streaming.slotActive], ['backup_barman', true, true]);
        strict_1.default.equal(i.walArchive.check, report_1.Verdict.OK);
        strict_1.default.equal(i.lastBackup?.status, report_1.Verdict.OK);
        strict_1.default.equal(i.lastBackup?.maximumAge, '1 WEEK');
        strict_1.default.ok(i.lastBackup.ageSeconds >= 0 && i.lastBackup.ageSeconds < 3600);
        strict_1.default.deepEqual([i.backups.minimumRedundancy, i.backups.status], [1, report_1.Verdict.OK]);
        const r = (0, collect_1.assembleReport)('e2e', [s]);
        strict_1.default.deepEqual([r.ok, r.failureCount], [true, 0]);
        strict_1.default.match((0, format_1.formatReport)(r), /cluster e2e: 1 Barman server, 1 backed-up instance: OK\n$/);
    });
    (0, node_test_1.test)('receive-wal stopped: a FAILED check makes a failure with Barman\'s hint, and the report not ok', () => {
        const s = evaluate((0, status_fixtures_1.probeFixture)('receive-wal-stopped'));
        const i = s.instances[0];
        strict_1.default.equal(i.streaming.receiveWal, report_1.Verdict.FAILED);
        strict_1.default.equal(i.streaming.slotActive, false);
        strict_1.default.ok(i.failures.some((f) => f.startsWith('check receive wal running: FAILED')), i.failures.join('\n'));
        const r = (0, collect_1.assembleReport)('e2e', [s]);
        strict_1.default.equal(r.ok, false);
        strict_1.default.match((0, format_1.formatReport)(r), /FAILED {2}barman\/pg1: check receive wal running: FAILED/);
    });
    (0, node_test_1.test)('no cron daemon: a failure of the server', () => {
        const s = evaluate((0, status_fixtures_1.probeFixture)('no-cron-daemon'));
        strict_1.default.deepEqual(s.failures, ['no cron daemon runs: barman cron and the backup schedules never run (start cron)']);
        strict_1.default.deepEqual(s.instances[0].failures, []);
    });
    (0, node_test_1.test)('an old backup: age FAILED against last_backup_maximum_age (Barman\'s check said OK at the time)', () => {
        const eightDays = 8 * 86_400;
        const s = evaluate((0, status_fixtures_1.shiftClock)((0, status_fixtures_1.probeFixture)('healthy'), eightDays));
        const b = s.instances[0].lastBackup;
        strict_1.default.equal(b.status, report_1.Verdict.FAILED);
        strict_1.default.ok(b.ageSeconds > 7 * 86_400);
        strict_1.default.equal(b.maximumAgeSeconds, 7 * 86_400);
        strict_1.default.ok(s.instances[0].failures.some((f) => f.startsWith(`last backup ${b.id} is 8d `) && f.endsWith('older than last_backup_maximum_age 1 WEEK')), s.instances[0].failures.join('\n'));
        strict_1.default.equal((0, collect_1.assembleReport)('e2e', [s]).ok, false);
    });
    (0, node_test_1.test)('a backed-up instance Barman does not know is a failure', () => {
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-status-'));
        try {
            const config = (0, node_path_1.join)(dir, 'config.yml');
            (0, node_fs_1.writeFileSync)(config, (0, node_fs_1.readFileSync)((0, status_fixtures_1.statusConfigPath)(), 'utf8') + '  - Name: pg9\n    node: 9\n    ip_address: 127.0.0.49\n    role: [primary]\n    backup: barman\n');
            const x = (0, collect_1.statusTargetsOf)((0, tpa_config_1.loadGraphFromFile)(config)).servers[0];
            const probe = (0, status_fixtures_1.probeFixture)('healthy');
            const s = (0, evaluate_1.evaluateServer)({ ...x, files: expectationFor(probe).files }, { ran: true, output: (0, probe_output_1.parseProbeOutput)(probe) });
            const pg9 = s.instances.find((i) => i.instance === 'pg9');
            strict_1.default.equal(pg9.state, report_1.InstanceState.NOT_CONFIGURED);
            strict_1.default.equal(pg9.backups.count, 0, 'Barman answered: it has no backup of pg9');
            strict_1.default.deepEqual(pg9.failures, ["Barman does not know 'pg9': apply the stack (is /etc/barman.d/pg9.conf there, readable by barman?)"]);
            strict_1.default.deepEqual(s.instances.find((i) => i.instance === 'pg1').failures, []);
        }
        finally {
            (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
        }
    });
    (0, node_test_1.test)('a server Barman knows but the config does not put there: a warning, not a failure', () => {
        const probe = (0, status_fixtures_1.probeFixture)('healthy');
        const x = expectationFor(probe);
        const s = (0, evaluate_1.evaluateServer)({ ...x, backups: [] }, { ran: true, output: (0, probe_output_1.parseProbeOutput)(probe) });
        strict_1.default.deepEqual(s.unmanagedServers, ['pg1']);
        strict_1.default.deepEqual(s.failures, []);
        strict_1.default.match(s.warnings.join('\n'), /Barman also knows 'pg1'/);
    });
    (0, node_test_1.test)('drift: a changed whole file is a warning, a missing one a failure', () => {
        const probe = (0, status_fixtures_1.probeFixture)('healthy');
        const x = expectationFor(probe);
        const files = { ...x.files, '/etc/barman.conf': '0'.repeat(64) };
        const found = (0, probe_output_1.parseProbeOutput)(probe);
        const output = { ...found, files: new Map([...found.files, ['/etc/cron.d/pg1', null]]) };
        const s = (0, evaluate_1.evaluateServer)({ ...x, files }, { ran: true, output });
        strict_1.default.deepEqual(s.drift, [{ path: '/etc/barman.conf', state: report_1.DriftState.DIFFERS }, { path: '/etc/cron.d/pg1', state: report_1.DriftState.MISSING }]);
        strict_1.default.deepEqual(s.failures.filter((f) => f.includes('/etc/')), ['/etc/cron.d/pg1 is missing: apply the stack']);
        strict_1.default.match(s.warnings.join('\n'), /\/etc\/barman.conf differs from the rendered file/);
    });
    (0, node_test_1.test)('the files compared are whole files of the stack, without key files', () => {
        const x = (0, collect_1.statusTargetsOf)((0, status_fixtures_1.statusGraph)()).servers[0];
        const paths = Object.keys(x.files);
        for (const p of ['/etc/barman.conf', '/etc/barman.d/pg1.conf', '/etc/cron.d/barman', '/etc/cron.d/pg1', '/usr/local/lib/cdktf-barman/e2e.managed'])
            strict_1.default.ok(paths.includes(p), p);
        strict_1.default.deepEqual(paths.filter((p) => /\.ssh|pgpass/.test(p)), []);
    });
    (0, node_test_1.test)('an unreachable server: a failure with ssh\'s message, instances UNKNOWN', () => {
        const x = (0, collect_1.statusTargetsOf)((0, status_fixtures_1.statusGraph)()).servers[0];
        const s = (0, evaluate_1.evaluateServer)(x, { ran: false, reachable: false, error: 'ssh: connect to host 127.0.0.41 port 22: Connection refused' });
        strict_1.default.equal(s.reachable, false);
        // not 'no backups': nothing is known of them
        strict_1.default.deepEqual([s.instances[0].state, s.instances[0].backups.count, s.instances[0].backups.status], [report_1.InstanceState.UNREACHABLE, null, report_1.Verdict.UNKNOWN]);
        const refused = (0, evaluate_1.evaluateServer)(x, { ran: false, reachable: true, error: 'sudo: a password is required' });
        strict_1.default.equal(refused.instances[0].state, report_1.InstanceState.UNKNOWN);
        strict_1.default.deepEqual(s.failures, ['unreachable: ssh: connect to host 127.0.0.41 port 22: Connection refused']);
        strict_1.default.equal(s.instances[0].streaming.receiveWal, report_1.Verdict.UNKNOWN);
        strict_1.default.equal((0, collect_1.assembleReport)('e2e', [s]).ok, false);
    });
    (0, node_test_1.test)('a cut-off probe and a missing barman are failures', () => {
        const healthy = (0, status_fixtures_1.probeFixture)('healthy');
        const cut = healthy.slice(0, healthy.indexOf('@@cdktf-barman-status files'));
        strict_1.default.match(evaluate(cut).failures.join('\n'), /the probe was cut off/);
        const none = evaluate('@@cdktf-barman-status now\n1790000000\n@@cdktf-barman-status barman-path\n\n@@cdktf-barman-status end\n');
        strict_1.default.ok(none.failures.includes("barman is not installed (not on root's PATH)"), none.failures.join('\n'));
    });
});
(0, node_test_1.describe)('ages', () => {
    (0, node_test_1.test)("Barman's reading of last_backup_maximum_age: a month is 31 days", () => {
        strict_1.default.equal((0, evaluate_1.maximumAgeSeconds)('1 WEEK'), 604_800);
        strict_1.default.equal((0, evaluate_1.maximumAgeSeconds)('3 DAYS'), 259_200);
        strict_1.default.equal((0, evaluate_1.maximumAgeSeconds)('2 MONTHS'), 62 * 86_400);
        strict_1.default.throws(() => (0, evaluate_1.maximumAgeSeconds)('a while'), /not an age: 'a while'/);
    });
    (0, node_test_1.test)('formatAge', () => {
        strict_1.default.deepEqual([(0, evaluate_1.formatAge)(42), (0, evaluate_1.formatAge)(125), (0, evaluate_1.formatAge)(3 * 3600 + 120), (0, evaluate_1.formatAge)(8 * 86_400 + 3600)], ['42s', '2m 5s', '3h 2m', '8d 1h']);
    });
});
