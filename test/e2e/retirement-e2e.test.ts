/**
 * End-to-end (issue 17 item 4): a Postgres instance leaves Barman. `pg2` is backed up with `pg1`;
 * then it is marked barman_retired and applied, then deleted from the graph.
 *
 *  1. the first apply configures both; each takes a backup; pg2 holds Barman's roles, pg_hba.conf
 *     lines, slot and key lines
 *  2. barman_retired on pg2: one apply retires its backups on the Barman server (conf and cron
 *     file gone, backups kept) and cleans pg2 (roles, pg_hba.conf lines, slot, the library's key
 *     lines; a foreign key line stays); pg1 still backs up and passes barman check; run again, the
 *     retirement finds nothing left and succeeds
 *  3. pg2 deleted from the graph: only its retirement resource goes; the next plan is empty
 *
 * Needs root, the packages of scripts/e2e-setup.sh and `terraform`: otherwise skipped with the
 * reason, unless CI is set, where it fails (test/support/requirements.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PG_MAJOR, PostgresInstance, Sandbox, startHosts } from './harness/hosts';
import { TerraformDir } from './terraform-cli';
import { freshPairs, keyValues, suiteMissing, suppliedKeyOptions } from './supplied-cluster';
import { BarmanCli, withWalTraffic } from './barman-ops';
import { stopAndReport, timedSteps } from './suite-report';
import { IN_CI } from '../support/requirements';
import { TerraformStack, Testing } from '../../lib/platform/cdktf';
import { BarmanCluster } from '../../lib/constructs/barman-cluster';
import { BackupMethod, Role } from '../../lib/model/enums';
import { InstanceProps } from '../../lib/model/typed-cluster';

const missing = suiteMissing();

/** distinct from the other suites' addresses (127.0.0.11-13, .41-45, .51-52, .61-62, .71-73) */
const HOSTS = [
  { name: 'barman', address: '127.0.0.81' },
  { name: 'pg1', address: '127.0.0.82' },
  { name: 'pg2', address: '127.0.0.83' },
];
const STOCK_HBA = ['local   all          all                                 peer', 'local   replication  all                                 peer'];
const PG_SSH = '/var/lib/postgresql/.ssh';
const MARK = 'cdktf-barman:ret';
const FOREIGN_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIForeignKeyOfSomeoneElseKeptAsItIs ops@elsewhere';
const { timings, step } = timedSteps('retirement-e2e');

type Stage = 'both' | 'pg2-retired' | 'pg2-gone';

if (!(missing && IN_CI)) {
  describe('retirement e2e: a Postgres instance leaves Barman', { skip: missing || undefined, concurrency: false }, () => {
    let sb: Sandbox;
    let tf: TerraformDir;
    let barman: BarmanCli;
    const pgs: Record<string, PostgresInstance> = {};
    const t0 = performance.now();

    const synth = (stage: Stage): string => {
      const stack = new TerraformStack(Testing.app(), 'ret');
      const bm = sb.host('barman');
      const db = (name: string, o: { retired?: boolean } = {}): InstanceProps => ({
        name,
        roles: [Role.PRIMARY],
        address: sb.host(name).address,
        backup: ['barman'],
        settings: { postgresPort: pgs[name].port, backupMethod: BackupMethod.POSTGRES, ...(o.retired ? { retired: true } : {}) },
      });
      new BarmanCluster(stack, 'ret', {
        clusterName: 'ret',
        settings: { postgresVersion: PG_MAJOR, postgresConfDir: '/srv/postgresql/data', sshPort: bm.sshPort, minimumRedundancy: 1 },
        instances: [
          db('pg1'),
          ...(stage === 'pg2-gone' ? [] : [db('pg2', { retired: stage === 'pg2-retired' })]),
          // libpq cannot bind a source address in the sandbox: PostgreSQL sees Barman as 127.0.0.1
          { name: 'barman', roles: [Role.BARMAN], address: bm.address, clientAddresses: ['127.0.0.1', bm.address] },
        ],
        ...suppliedKeyOptions(stack),
      });
      return Testing.synth(stack, true);
    };
    const pg2State = async () => {
      const pg = pgs.pg2;
      return {
        roles: (await pg.psql("SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolname IN ('barman', 'streaming_barman', 'barman_role')")).trim(),
        hba: (await pg.psql("SELECT count(*) FROM pg_hba_file_rules WHERE 'barman' = ANY(user_name) OR 'streaming_barman' = ANY(user_name)")).trim(),
        slots: (await pg.psql('SELECT string_agg(slot_name, \',\') FROM pg_replication_slots')).trim(),
        archive: (await pg.psql("SELECT coalesce(string_agg(name, ','), '') FROM pg_file_settings WHERE sourcefile LIKE '%postgresql.auto.conf' AND name IN ('archive_command', 'restore_command')")).trim(),
        keys: (await sb.host('pg2').readFile(`${PG_SSH}/authorized_keys`)).split('\n').filter((l) => l !== ''),
        known: (await sb.host('pg2').readFile(`${PG_SSH}/known_hosts`)).split('\n').filter((l) => l !== ''),
      };
    };

    before(async () => {
      sb = await step('start 3 sandboxed hosts', () => startHosts(HOSTS, { sshPort: 'auto', hostKeyAlias: false }));
      const work = path.join(sb.root, 'work');
      fs.mkdirSync(work, { mode: 0o700 });
      tf = new TerraformDir(path.join(work, 'terraform'), path.join(work, 'tmp'));
      barman = new BarmanCli(sb.host('barman'));
      for (const n of ['pg1', 'pg2']) {
        pgs[n] = await step(`PostgreSQL ${PG_MAJOR} on ${n}`, () => sb.startPostgres(n, { port: 'auto', hba: STOCK_HBA }));
        await pgs[n].psql('CREATE TABLE e2e_tick (at timestamptz DEFAULT now());');
      }
      tf.writeVariables(keyValues(sb, await freshPairs(path.join(work, 'keys'))));
      fs.writeFileSync(tf.synthFile, synth('both'));
      await step('terraform init', () => tf.init());
    });

    after(() => stopAndReport('retirement e2e', sb, timings, t0));

    it('1. both instances configured and backed up; pg2 holds what Barman needs', { timeout: 600_000 }, async () => {
      const r = await step('terraform apply (pg1, pg2)', () => withWalTraffic(Object.values(pgs), () => tf.apply()));
      assert.match(r.stdout, /Apply complete!/);
      for (const n of ['pg1', 'pg2']) {
        await step(`barman backup ${n}`, () => withWalTraffic([pgs[n]], () => barman.must(`backup --wait ${n}`, 300_000)));
      }
      // someone else's key beside the library's lines: it must survive the retirement
      await sb.host('pg2').run(`printf '%s\\n' '${FOREIGN_KEY}' >> ${PG_SSH}/authorized_keys`, { via: 'nsenter' });
      const s = await pg2State();
      assert.equal(s.roles, 'barman,barman_role,streaming_barman');
      assert.ok(Number(s.hba) >= 2, `Barman's pg_hba.conf lines on pg2: ${s.hba}`);
      assert.equal(s.slots, 'backup_barman');
      assert.ok(s.keys.some((l) => l.endsWith(MARK)) && s.known.some((l) => l.endsWith(MARK)), 'the library\'s key lines on pg2');
    });

    it('2. barman_retired on pg2: its backups retired on the Barman server (data kept), pg2 cleaned, pg1 unaffected; a second run is a no-op', { timeout: 600_000 }, async () => {
      fs.writeFileSync(tf.synthFile, synth('pg2-retired'));
      const r = await step('terraform apply (pg2 retired)', () => withWalTraffic([pgs.pg1], () => tf.apply()));
      assert.match(r.stdout, /terraform_data\.ret_retire_pg2: Creation complete/, r.stdout);
      assert.match(r.stdout, /cdktf-barman: dropped Barman's roles on pg2/);
      assert.match(r.stdout, /cdktf-barman: pg2 left Barman/);
      const h = sb.host('barman');
      assert.ok(!(await h.exists('/etc/barman.d/pg2.conf')) && !(await h.exists('/etc/cron.d/pg2')), "pg2's conf and cron file are gone");
      const kept = await h.check('ls /var/lib/barman/pg2/base', { via: 'nsenter' });
      assert.equal(kept.trim().split('\n').length, 1, `pg2's backup is kept: ${kept}`);
      const s = await pg2State();
      assert.deepEqual({ roles: s.roles, hba: s.hba, slots: s.slots, archive: s.archive }, { roles: '', hba: '0', slots: '', archive: '' });
      assert.deepEqual(s.keys, [FOREIGN_KEY], 'only the foreign key line is left in authorized_keys');
      assert.deepEqual(s.known.filter((l) => l.endsWith(MARK)), []);
      const check = await withWalTraffic([pgs.pg1], () => barman.check('pg1'));
      assert.equal(check.code, 0, check.output);
      await step('barman backup pg1 (after pg2 left)', () => withWalTraffic([pgs.pg1], () => barman.must('backup --wait pg1', 300_000)));
      const again = await step('terraform apply -replace (the retirement again)', () => tf.apply(['-replace=terraform_data.ret_retire_pg2']));
      assert.match(again.stdout, /cdktf-barman: pg2 left Barman/, 'a second run succeeds with nothing left to remove');
    });

    it('3. pg2 deleted from the graph: only its retirement resource goes, and the next plan is empty', { timeout: 300_000 }, async () => {
      fs.writeFileSync(tf.synthFile, synth('pg2-gone'));
      const r = await step('terraform apply (pg2 gone)', () => tf.apply());
      assert.match(r.stdout, /Apply complete! Resources: 0 added, 0 changed, 1 destroyed\./, r.stdout);
      const plan = await tf.plan();
      assert.equal(plan.code, 0, plan.stdout);
    });
  });
}
