/**
 * End-to-end (issue 18, first part): the restore drill the Barman server step installs
 * (/usr/local/lib/cdktf-barman/restore-drill), run against real backups on a sandboxed Barman host.
 *
 *  1. a backup of db1 (a row written before it); `cdktf-barman drill` over ssh recovers it,
 *     replays its WAL, starts it and finds the row: a pass recorded as JSON, nothing left in the
 *     scratch directory; `status` shows the pass
 *  2. the backup damaged (the table's data file removed from it, in the sandbox): the drill fails
 *     with the reason, records it, and leaves nothing behind either; `status` fails with it
 *  3. a backup of db1 in progress (its lock held): the drill does not start (exit 2)
 *
 * Needs root, the packages of scripts/e2e-setup.sh and `terraform`: otherwise skipped with the
 * reason, unless CI is set, where it fails (test/support/requirements.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PG_BIN, PG_MAJOR, PostgresInstance, Sandbox, startHosts } from './harness/hosts';
import { cdktfBarman, TerraformDir } from './terraform-cli';
import { freshPairs, keyValues, suiteMissing, suppliedKeyOptions } from './supplied-cluster';
import { BarmanCli, withWalTraffic } from './barman-ops';
import { stopAndReport, timedSteps } from './suite-report';
import { IN_CI } from '../support/requirements';
import { TerraformStack, Testing } from '../../lib/platform/cdktf';
import { BarmanCluster } from '../../lib/constructs/barman-cluster';
import { DRILL_SCRIPT_PATH } from '../../lib/concerns/restore-drill/restore-drill-script';
import { BackupMethod, Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { collectStatus } from '../../lib/status/collect';

const missing = suiteMissing();

/** distinct from the other suites' addresses (127.0.0.11-13, .41-45, .51-52, .61-62, .71-73, .81-83) */
const HOSTS = [
  { name: 'barman', address: '127.0.0.91' },
  { name: 'db1', address: '127.0.0.92' },
];
const STOCK_HBA = ['local   all          all                                 peer', 'local   replication  all                                 peer'];
const SCRATCH = '/srv/drills';
const RESULT = '/var/lib/barman/cdktf-barman-drills/db1.json';
const LOCK = '/var/lib/barman/.cdktf-barman-backup-db1.lock';
const CHECK = "SELECT string_agg(note, ',' ORDER BY note) FROM e2e_marker";
const { timings, step } = timedSteps('restore-drill-e2e');

interface DrillResult {
  server: string;
  instance: string;
  backupId: string;
  recoveredLsn: string;
  result: string;
  reason: string;
  durationSeconds: number;
}

if (!(missing && IN_CI)) {
  describe('restore drill e2e: a backup proven restorable, a damaged one caught', { skip: missing || undefined, concurrency: false }, () => {
    let sb: Sandbox;
    let tf: TerraformDir;
    let pg: PostgresInstance;
    let barman: BarmanCli;
    let backupId = '';
    let configFile = '';
    let graph: BarmanGraph;
    const statusOf = async () => {
      const report = await collectStatus(graph, { identityFile: sb.clientKey.privateKeyPath, knownHostsFile: sb.knownHostsPath, timeout: 10 });
      return { report, db1: report.servers[0].instances.find((i) => i.instance === 'db1')! };
    };
    const t0 = performance.now();

    /** the CLI, over real ssh to the sandbox's Barman host, with the config the stack was made from */
    const drill = async (): Promise<{ code: number | null; out: DrillResult; stderr: string }> => {
      const conn = ['--identity-file', sb.clientKey.privateKeyPath, '--known-hosts', sb.knownHostsPath, '--timeout', '10'];
      const r = await cdktfBarman(['drill', configFile, 'db1', '--scratch', SCRATCH, '--port', '54990', '--check-sql', CHECK, '--expect', 'before-backup', '--json', ...conn]);
      let out: DrillResult;
      try {
        [out] = JSON.parse(r.stdout) as DrillResult[];
      } catch {
        throw new Error(`drill --json printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
      }
      const { server, ...recorded } = out;
      assert.equal(server, 'barman');
      assert.deepEqual(JSON.parse(await sb.host('barman').readFile(RESULT)), recorded, 'the result file holds what the drill printed');
      assert.equal(await sb.host('barman').check(`ls -A ${SCRATCH}`, { via: 'nsenter' }), '', 'nothing left in the scratch directory');
      return { code: r.code, out, stderr: r.stderr };
    };

    before(async () => {
      sb = await step('start 2 sandboxed hosts', () => startHosts(HOSTS, { sshPort: 'auto', hostKeyAlias: false }));
      const work = path.join(sb.root, 'work');
      fs.mkdirSync(work, { mode: 0o700 });
      tf = new TerraformDir(path.join(work, 'terraform'), path.join(work, 'tmp'));
      barman = new BarmanCli(sb.host('barman'));
      pg = await step(`PostgreSQL ${PG_MAJOR} on db1`, () => sb.startPostgres('db1', { port: 'auto', hba: STOCK_HBA }));
      await pg.psql("CREATE TABLE e2e_marker (note text); INSERT INTO e2e_marker VALUES ('before-backup'); CREATE TABLE e2e_tick (at timestamptz DEFAULT now());");
      tf.writeVariables(keyValues(sb, await freshPairs(path.join(work, 'keys'))));
      const stack = new TerraformStack(Testing.app(), 'drill');
      const bm = sb.host('barman');
      graph = new BarmanCluster(stack, 'drill', {
        clusterName: 'drill',
        settings: { postgresVersion: PG_MAJOR, postgresConfDir: '/srv/postgresql/data', sshPort: bm.sshPort, minimumRedundancy: 1 },
        instances: [
          { name: 'db1', roles: [Role.PRIMARY], address: sb.host('db1').address, backup: ['barman'], settings: { postgresPort: pg.port, backupMethod: BackupMethod.POSTGRES } },
          { name: 'barman', roles: [Role.BARMAN], address: bm.address, clientAddresses: ['127.0.0.1', bm.address] },
        ],
        ...suppliedKeyOptions(stack),
      }).graph;
      // the same cluster as config.yml, for the CLI
      configFile = path.join(work, 'config.yml');
      fs.writeFileSync(configFile, [
        'cluster_name: drill',
        'cluster_vars:',
        `  postgres_version: ${PG_MAJOR}`,
        '  postgres_conf_dir: /srv/postgresql/data',
        `  cluster_ssh_port: ${bm.sshPort}`,
        '  barman_minimum_redundancy: 1',
        'instances:',
        `  - {Name: db1, role: primary, ip_address: ${sb.host('db1').address}, backup: barman, vars: {postgres_port: ${pg.port}, barman_backup_method: postgres}}`,
        `  - {Name: barman, role: barman, ip_address: ${bm.address}, vars: {barman_client_addresses: [127.0.0.1, ${bm.address}]}}`,
        '',
      ].join('\n'));
      fs.writeFileSync(tf.synthFile, Testing.synth(stack, true));
      await step('terraform init', () => tf.init());
      await step('terraform apply', () => withWalTraffic([pg], () => tf.apply()));
      await bm.check(`install -d -o root -g root -m 0755 ${SCRATCH}`, { via: 'nsenter' });
    });

    after(() => stopAndReport('restore-drill e2e', sb, timings, t0));

    it('1. a backup: the drill recovers it, replays WAL, finds the row written before it, records a pass and leaves nothing behind', { timeout: 600_000 }, async () => {
      await step('barman backup db1', () => withWalTraffic([pg], () => barman.must('backup --wait db1', 300_000)));
      [backupId] = await barman.backupIds('db1');
      const { code, out, stderr } = await step('restore drill (sound backup)', drill);
      assert.equal(code, 0, `${JSON.stringify(out)}\n${stderr}`);
      assert.equal(out.result, 'pass', out.reason);
      assert.match(out.reason, /replayed WAL up to [0-9A-F]{24} and answered/, 'it replayed at least up to the newest archived segment');
      assert.equal(out.backupId, backupId);
      assert.match(out.recoveredLsn, /^[0-9A-F]+\/[0-9A-F]+$/);
      assert.equal(await barman.backupStatus('db1', backupId), 'DONE', 'the backup is untouched');
      const { report, db1 } = await step('status (after the pass)', statusOf);
      assert.deepEqual([db1.drill?.result, db1.drill?.backupId, db1.drill?.status], ['pass', backupId, 'OK'], JSON.stringify(db1));
      // the sandbox runs no cron daemon (a server-level failure of its own): db1 itself is clean
      assert.deepEqual(db1.failures, [], JSON.stringify(report.servers[0].failures));
      console.error(`[restore-drill-e2e] pass: backup ${out.backupId}, ${out.durationSeconds} s, recovered LSN ${out.recoveredLsn}: ${out.reason}`);
    });

    it('2. the backup damaged (the table\'s data file removed from it): the drill fails with the reason, records it, leaves nothing behind', { timeout: 600_000 }, async () => {
      const file = (await pg.psql("SELECT pg_relation_filepath('e2e_marker')")).trim();
      const inBackup = `/var/lib/barman/db1/base/${backupId}/data/${file}`;
      assert.ok(await sb.host('barman').exists(inBackup), `the table's file in the backup: ${inBackup}`);
      await sb.host('barman').check(`rm ${inBackup}`, { via: 'nsenter' });
      const { code, out } = await step('restore drill (damaged backup)', drill);
      assert.equal(code, 1, JSON.stringify(out));
      assert.equal(out.result, 'fail');
      assert.match(out.reason, /the check query failed: .*could not open file/, out.reason);
      const { report, db1 } = await step('status (after the failure)', statusOf);
      assert.equal(report.ok, false);
      assert.equal(db1.drill?.status, 'FAILED');
      assert.ok(db1.failures.some((f) => /did not pass: the check query failed: .*could not open file/.test(f)), db1.failures.join('\n'));
      console.error(`[restore-drill-e2e] fail: ${out.reason}`);
    });

    it('3. a backup of db1 running (its lock held): the drill does not start', { timeout: 120_000 }, async () => {
      const h = sb.host('barman');
      const r = await h.run(`flock ${LOCK} ${DRILL_SCRIPT_PATH} db1 ${PG_BIN} ${SCRATCH} 54990 /tmp/busy.json postgres ${LOCK}`, { via: 'nsenter' });
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stdout, /"result":"error","reason":"a backup of db1 is running: the drill did not start"/);
    });
  });
}
