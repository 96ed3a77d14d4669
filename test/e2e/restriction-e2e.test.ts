/**
 * End-to-end (issue 17, item 5): the restrictions the library writes refuse a host that is not
 * listed. The sandbox runs with network "namespaces" (test/e2e/harness/network.ts): every host has
 * its own address and connections come from it, so nothing here lists 127.0.0.1 and every
 * clientAddresses is the default (the instance's own address).
 *
 * Graph: the primary `pg1` backed up to two Barman servers, `bm1` and `bm2` (backup_method postgres,
 * each server with its own slot); `outsider` is a sandboxed host outside the graph that holds copies
 * of the very credentials the graph's hosts use (.pgpass, the barman key, the postgres key). Real
 * terraform applies the stack (terraform_data, supplied keys); then, each with a real connection:
 *
 *  1. libpq as barman and as streaming_barman to pg1: from bm1 accepted (pg1 sees bm1's address),
 *     from outsider refused by pg_hba.conf ("no pg_hba.conf entry")
 *  2. ssh postgres@pg1 with the barman key: from bm1 accepted, from outsider refused (from=)
 *  3. ssh barman@bm1 with the postgres key through the WAL gate (barman-wal-archive --test, what
 *     archive_command runs): from pg1 accepted, from outsider refused (from=)
 *  4. a backup and a passing `barman check pg1` on bm1 and on bm2, each streaming into its own slot
 *  5. a second `terraform plan` shows no changes
 *
 * Needs root, the packages of scripts/e2e-setup.sh and `terraform`: otherwise skipped with the
 * reason, unless CI is set, where it fails (test/support/requirements.ts).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingPrerequisites, PG_MAJOR, PostgresInstance, RunResult, Sandbox, SandboxHost, shq, startHosts } from './harness/hosts';
import { networkNamespacesMissing } from './harness/network';
import { exec, plannedChanges, TerraformDir } from './terraform-cli';
import { BarmanCli, withWalTraffic } from './barman-ops';
import { stopAndReport } from './suite-report';
import { IN_CI, skipUnless, terraformMissing } from '../support/requirements';
import { TerraformStack, TerraformVariable, Testing } from '../../lib/platform/cdktf';
import { BarmanCluster } from '../../lib/constructs/barman-cluster';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { BackupMethod, KeyAlgorithm, Role } from '../../lib/model/enums';
import { privateKeyFileName } from '../../lib/render/key-material';

const harnessMissing = missingPrerequisites();
const missing = skipUnless(
  harnessMissing.length === 0 ? false : `${harnessMissing.join('; ')} (install with scripts/e2e-setup.sh; run the e2e tests as root)`,
  terraformMissing(),
  harnessMissing.length === 0 ? networkNamespacesMissing() : false,
);

/**
 * no addresses: the harness gives them from its private network (10.213.<N>.11-14); sshd on 22 and
 * PostgreSQL on 5432 in each host's own namespace, so nothing collides with the loopback suites
 */
const HOSTS = [{ name: 'pg1' }, { name: 'bm1' }, { name: 'bm2' }, { name: 'outsider' }];
const BARMAN_SERVERS = ['bm1', 'bm2'];
const STOCK_HBA = ['local   all          all                                 peer', 'local   replication  all                                 peer'];
const BARMAN_HOME = '/var/lib/barman';
const POSTGRES_HOME = '/var/lib/postgresql';
const KEY_FILE = privateKeyFileName(KeyAlgorithm.ED25519);
/** the ssh options of the test's own logins: strict host keys, never a prompt */
const SSH_STRICT = '-o BatchMode=yes -o StrictHostKeyChecking=yes';

const timings: Array<{ step: string; ms: number }> = [];
const facts: string[] = [];
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    const ms = Math.round(performance.now() - t0);
    timings.push({ step: name, ms });
    console.error(`[restriction-e2e] ${name}: ${ms} ms`);
  }
}
function fact(line: string): void {
  facts.push(line);
  console.error(`[restriction-e2e] ${line}`);
}

/** pg1 backed up to bm1 and bm2, every clientAddresses left at its default */
function stackJson(sb: Sandbox, pg: PostgresInstance): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'restriction');
  const secret = (name: string) => new TerraformVariable(stack, name, { type: 'string', sensitive: true }).stringValue;
  const plain = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
  new BarmanCluster(stack, 'restriction', {
    clusterName: 'restriction',
    settings: {
      postgresVersion: PG_MAJOR,
      // the harness's data directory holds pg_hba.conf (not Debian's /etc/postgresql/...)
      postgresConfDir: '/srv/postgresql/data',
      sshPort: sb.host('bm1').sshPort,
      // one backup is enough for `minimum redundancy requirements` to pass after it
      minimumRedundancy: 1,
    },
    instances: [
      { name: 'pg1', roles: [Role.PRIMARY], address: sb.host('pg1').address, backup: BARMAN_SERVERS, settings: { postgresPort: pg.port, backupMethod: BackupMethod.POSTGRES } },
      ...BARMAN_SERVERS.map((name) => ({ name, roles: [Role.BARMAN], address: sb.host(name).address })),
    ],
    resourceType: ProvisionerResourceType.TERRAFORM_DATA,
    suppliedKeys: {
      postgres: { privateKey: secret('postgres_ssh_private_key'), publicKey: plain('postgres_ssh_public_key') },
      barman: { privateKey: secret('barman_ssh_private_key'), publicKey: plain('barman_ssh_public_key') },
    },
    connection: { agent: false, privateKey: secret('connection_private_key') },
  });
  return Testing.synth(stack, true);
}

/** what a refused or accepted attempt printed, for assertion messages */
function shown(r: RunResult): string {
  return `exit ${r.code}\n--- stdout ---\n${r.stdout.trim()}\n--- stderr ---\n${r.stderr.trim()}`;
}

function escaped(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// under CI a missing prerequisite is the failing test skipUnless added, not a skipped suite besides
if (!(missing && IN_CI)) {
  describe('restriction e2e: pg_hba.conf and from= refuse a host outside the graph (own network namespaces)', { skip: missing || undefined, concurrency: false }, () => {
    let sb: Sandbox;
    let tf: TerraformDir;
    let pg: PostgresInstance;
    let keys: Record<'postgres' | 'barman', { privateKey: string; publicKey: string }>;
    const t0 = performance.now();
    const host = (name: string): SandboxHost => sb.host(name);

    before(async () => {
      sb = await step('start 4 sandboxed hosts (own network namespaces)', () => startHosts(HOSTS, { network: 'namespaces', sshPort: 'auto' }));
      fact(`network ${sb.network!.cidr}, bridge ${sb.network!.bridge} ${sb.network!.bridgeAddress}; ${sb.hosts.map((h) => `${h.name} ${h.address}:${h.sshPort}`).join(', ')}`);
      const work = path.join(sb.root, 'work');
      fs.mkdirSync(work, { mode: 0o700 });
      tf = new TerraformDir(path.join(work, 'terraform'), path.join(work, 'tmp'));
      pg = await step(`PostgreSQL ${PG_MAJOR} on pg1 (initdb, start)`, () => sb.startPostgres('pg1', { hba: STOCK_HBA }));
      await pg.psql("CREATE TABLE e2e_tick (at timestamptz DEFAULT now());");

      const keyDir = path.join(work, 'keys');
      fs.mkdirSync(keyDir, { mode: 0o700 });
      const keygen = async (name: string) => {
        const r = await exec('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@restriction`, '-f', path.join(keyDir, name)]);
        assert.equal(r.code, 0, r.stderr);
        return { privateKey: fs.readFileSync(path.join(keyDir, name), 'utf8'), publicKey: fs.readFileSync(path.join(keyDir, `${name}.pub`), 'utf8').trim() };
      };
      keys = { postgres: await keygen('postgres'), barman: await keygen('barman') };
      tf.writeVariables({
        connection_private_key: sb.clientKey.privateKey,
        postgres_ssh_private_key: keys.postgres.privateKey,
        postgres_ssh_public_key: keys.postgres.publicKey,
        barman_ssh_private_key: keys.barman.privateKey,
        barman_ssh_public_key: keys.barman.publicKey,
      });
      const text = await step('synthesize the stack', async () => stackJson(sb, pg));
      assert.doesNotMatch(text, /127\.0\.0\.1/, 'no 127.0.0.1 anywhere in the synthesized stack');
      assert.doesNotMatch(text, /PRIVATE KEY/, 'no private key in the synthesized JSON');
      fs.writeFileSync(tf.synthFile, text);
      await step('terraform init', () => tf.init());
      const r = await step('terraform apply', () => tf.apply());
      assert.match(r.stdout, /Apply complete!/, r.stdout);
    });

    after(async () => {
      console.error(['', '=== restriction e2e: facts ===', ...facts].join('\n'));
      await stopAndReport('restriction e2e', sb, timings, t0);
    });

    it('1. libpq as barman and streaming_barman: bm1 is let in, outsider with the same .pgpass is refused by pg_hba.conf', { timeout: 120_000 }, async () => {
      const hba = (await host('pg1').readFile('/srv/postgresql/data/pg_hba.conf')).split('\n').filter((l) => /^host/.test(l));
      for (const bm of BARMAN_SERVERS) {
        assert.ok(hba.some((l) => l.includes(host(bm).address)), `pg_hba.conf has a line for ${bm} (${host(bm).address}):\n${hba.join('\n')}`);
      }
      assert.ok(!hba.some((l) => /127\.|0\.0\.0\.0\/0|\ball\s+all\s+all\b/.test(l)), `no loopback or catch-all host line:\n${hba.join('\n')}`);
      fact(`1: pg1's pg_hba.conf host lines: ${hba.map((l) => l.replace(/\s+/g, ' ')).join(' | ')}`);

      // outsider gets bm1's very .pgpass: the password is right, only the source address is not
      const pgpass = await host('bm1').readFile(`${BARMAN_HOME}/.pgpass`);
      await host('outsider').writeFile(`${BARMAN_HOME}/.pgpass`, pgpass, { owner: 'barman', mode: 0o600 });
      const conninfo = (user: string, extra = '') => `host=${host('pg1').address} port=${pg.port} dbname=postgres user=${user} connect_timeout=10${extra}`;
      const psql = (from: string, conn: string, sql: string) => host(from).run(`psql -X -At ${shq(conn)} -c ${shq(sql)}`, { via: 'nsenter', user: 'barman' });

      const inside = await psql('bm1', conninfo('barman'), 'SELECT inet_client_addr()');
      assert.equal(inside.code, 0, shown(inside));
      assert.equal(inside.stdout.trim(), host('bm1').address, 'pg1 sees the connection from bm1\'s own address');
      const insideStreaming = await psql('bm1', conninfo('streaming_barman', ' replication=true'), 'IDENTIFY_SYSTEM');
      assert.equal(insideStreaming.code, 0, shown(insideStreaming));

      const outside = await psql('outsider', conninfo('barman'), 'SELECT 1');
      assert.notEqual(outside.code, 0, shown(outside));
      assert.match(outside.stderr, new RegExp(`no pg_hba\\.conf entry for host "${escaped(host('outsider').address)}", user "barman", database "postgres"`), shown(outside));
      const outsideStreaming = await psql('outsider', conninfo('streaming_barman', ' replication=true'), 'IDENTIFY_SYSTEM');
      assert.notEqual(outsideStreaming.code, 0, shown(outsideStreaming));
      assert.match(outsideStreaming.stderr, new RegExp(`no pg_hba\\.conf entry for replication connection from host "${escaped(host('outsider').address)}", user "streaming_barman"`), shown(outsideStreaming));
      fact(`1: bm1 -> pg1 as barman: inet_client_addr() = ${inside.stdout.trim()}; as streaming_barman: IDENTIFY_SYSTEM ${insideStreaming.stdout.trim()}`);
      fact(`1: outsider -> pg1 with bm1's .pgpass: ${outside.stderr.trim().split('\n').pop()} | ${outsideStreaming.stderr.trim().split('\n').pop()}`);
    });

    /**
     * The same private key and the same ssh command on the host the graph lists and on outsider: the
     * key file is written to both, so only the source address differs.
     */
    async function sameKeyFromBoth(user: 'barman' | 'postgres', key: string, listed: string, target: string, remote: string): Promise<{ listed: RunResult; outsider: RunResult }> {
      const home = user === 'barman' ? BARMAN_HOME : POSTGRES_HOME;
      const keyPath = `${home}/e2e-restriction-key`;
      const run = async (from: string) => {
        await host(from).writeFile(keyPath, key, { owner: user, mode: 0o600 });
        await host(from).writeFile(`${home}/e2e-known-hosts`, `${host(target).knownHostsLine()}\n`, { owner: user, mode: 0o644 });
        const ssh = `ssh ${SSH_STRICT} -o IdentitiesOnly=yes -i ${keyPath} -o UserKnownHostsFile=${home}/e2e-known-hosts -p ${host(target).sshPort}`;
        return host(from).run(`${ssh} ${user === 'barman' ? 'postgres' : 'barman'}@${host(target).address} ${remote} </dev/null`, { via: 'nsenter', user, timeoutMs: 60_000 });
      };
      return { listed: await run(listed), outsider: await run('outsider') };
    }

    /** the target's sshd log says the key was right and the address was not */
    async function assertRefusedByFrom(target: string, r: RunResult): Promise<string> {
      assert.equal(r.code, 255, `refused by sshd: ${shown(r)}`);
      assert.match(r.stderr, /Permission denied \(publickey\)/, shown(r));
      const log = (await host(target).readFile('/var/log/sshd.log')).split('\n');
      const line = log.find((l) => l.includes('not from a permitted host') && l.includes(host('outsider').address));
      assert.ok(line, `${target}'s sshd logs the key refused for the address ${host('outsider').address}:\n${log.slice(-20).join('\n')}`);
      return line.trim();
    }

    it('2. ssh postgres@pg1 with the barman key: from bm1 accepted, from outsider refused (from=)', { timeout: 120_000 }, async () => {
      const authorized = await host('pg1').readFile(`${POSTGRES_HOME}/.ssh/authorized_keys`);
      const keyBody = keys.barman.publicKey.split(/\s+/)[1];
      const line = authorized.split('\n').find((l) => l.includes(keyBody));
      assert.ok(line, `the barman key in pg1's authorized_keys:\n${authorized}`);
      const options = line.slice(0, line.indexOf(' ssh-ed25519 '));
      for (const bm of BARMAN_SERVERS) assert.ok(options.includes(host(bm).address), `from= lists ${bm}: ${options}`);
      assert.ok(!options.includes(host('outsider').address) && !options.includes('127.'), `from= lists nothing else: ${options}`);

      const r = await step('ssh postgres@pg1 with the barman key from bm1 and from outsider', () => sameKeyFromBoth('barman', keys.barman.privateKey, 'bm1', 'pg1', 'hostname'));
      assert.equal(r.listed.code, 0, shown(r.listed));
      assert.equal(r.listed.stdout.trim(), 'pg1');
      const logLine = await assertRefusedByFrom('pg1', r.outsider);
      // and the library's own key file on bm1 is what Barman uses: the same login through it
      const own = await host('bm1').run(`ssh ${SSH_STRICT} postgres@${host('pg1').address} -p ${host('pg1').sshPort} hostname </dev/null`, { via: 'nsenter', user: 'barman' });
      assert.equal(own.stdout.trim(), 'pg1', shown(own));
      fact(`2: pg1 ~postgres/.ssh/authorized_keys options of the barman key: ${options}`);
      fact(`2: barman key from bm1: ${r.listed.stdout.trim()} (exit 0); from outsider: exit ${r.outsider.code}, pg1's sshd: ${logLine}`);
    });

    it('3. ssh barman@bm1 with the postgres key through the WAL gate: from pg1 accepted, from outsider refused (from=)', { timeout: 120_000 }, async () => {
      const authorized = await host('bm1').readFile(`${BARMAN_HOME}/.ssh/authorized_keys`);
      const keyBody = keys.postgres.publicKey.split(/\s+/)[1];
      const line = authorized.split('\n').find((l) => l.includes(keyBody));
      assert.ok(line, `the postgres key in bm1's authorized_keys:\n${authorized}`);
      const options = line.slice(0, line.indexOf(' ssh-ed25519 '));
      assert.match(options, new RegExp(`from="${escaped(host('pg1').address)}"`), options);
      assert.match(options, /command="[^"]*barman-wal-gate[^"]*put-wal:pg1/, options);

      // what archive_command runs: barman-wal-archive, over the library's key file in ~postgres/.ssh
      const archive = `barman-wal-archive --test -U barman --port ${host('bm1').sshPort} ${host('bm1').address} pg1 /tmp/unused`;
      const fromPg1 = await step('barman-wal-archive --test from pg1', () => host('pg1').run(archive, { via: 'nsenter', user: 'postgres', timeoutMs: 60_000 }));
      assert.equal(fromPg1.code, 0, shown(fromPg1));
      assert.match(fromPg1.stdout + fromPg1.stderr, /Ready to accept WAL files for the server pg1/, shown(fromPg1));
      // outsider: the same key under the same file name, bm1's host key known, the same command
      await host('outsider').writeFile(`${POSTGRES_HOME}/.ssh/${KEY_FILE}`, keys.postgres.privateKey, { owner: 'postgres', mode: 0o600 });
      await host('outsider').check(`chown postgres:postgres ${POSTGRES_HOME}/.ssh && chmod 0700 ${POSTGRES_HOME}/.ssh`, { via: 'nsenter' });
      await host('outsider').writeFile(`${POSTGRES_HOME}/.ssh/known_hosts`, `${host('bm1').knownHostsLine()}\n`, { owner: 'postgres', mode: 0o644 });
      const fromOutsider = await step('barman-wal-archive --test from outsider', () => host('outsider').run(archive, { via: 'nsenter', user: 'postgres', timeoutMs: 60_000 }));
      assert.notEqual(fromOutsider.code, 0, shown(fromOutsider));
      assert.doesNotMatch(fromOutsider.stdout + fromOutsider.stderr, /Ready to accept/, shown(fromOutsider));
      // a plain ssh login with the same key file shows the refusal is sshd's (from=), not the gate's
      const r = await sameKeyFromBoth('postgres', keys.postgres.privateKey, 'pg1', 'bm1', shq('barman put-wal pg1 --test'));
      assert.equal(r.listed.code, 0, `the gate lets put-wal --test of pg1 through: ${shown(r.listed)}`);
      const logLine = await assertRefusedByFrom('bm1', r.outsider);
      fact(`3: bm1 ~barman/.ssh/authorized_keys options of the postgres key: ${options}`);
      fact(`3: barman-wal-archive --test from pg1: ${(fromPg1.stdout + fromPg1.stderr).trim()}; from outsider: exit ${fromOutsider.code} (${(fromOutsider.stdout + fromOutsider.stderr).trim() || 'no output'}); bm1's sshd: ${logLine}`);
    });

    it('4. a backup and a passing barman check of pg1 on bm1 and on bm2, each through its own slot', { timeout: 600_000 }, async () => {
      const slots = await pg.psql("SELECT slot_name, active FROM pg_replication_slots ORDER BY slot_name");
      assert.deepEqual(slots.trim().split('\n'), BARMAN_SERVERS.map((bm) => `backup_${bm}|t`), 'one active slot per Barman server');
      const senders = await pg.psql("SELECT client_addr FROM pg_stat_replication WHERE usename = 'streaming_barman' ORDER BY client_addr");
      assert.deepEqual(senders.trim().split('\n').sort(), BARMAN_SERVERS.map((bm) => host(bm).address).sort(), 'receive-wal of each server streams from its own address');
      fact(`4: slots on pg1: ${slots.trim().split('\n').join(', ')}; streaming_barman connections from ${senders.trim().split('\n').join(', ')}`);
      for (const bm of BARMAN_SERVERS) {
        const barman = new BarmanCli(host(bm));
        assert.equal(await barman.showServerValue('pg1', 'slot_name'), `backup_${bm}`);
        const out = await step(`${bm}: barman backup --wait pg1`, () => withWalTraffic([pg], () => barman.must('backup --wait pg1', 300_000)));
        const ids = await barman.backupIds('pg1');
        assert.ok(ids.length >= 1, `a backup of pg1 on ${bm}:\n${out}`);
        assert.equal(await barman.backupStatus('pg1', ids[0]), 'DONE');
        const check = await step(`${bm}: barman check pg1`, () => withWalTraffic([pg], () => barman.check('pg1')));
        assert.equal(check.code, 0, check.output);
        assert.ok(check.lines.length >= 10 && check.lines.every((l) => l.ok), `every check OK on ${bm}:\n${check.output}`);
        fact(`4: ${bm}: backup ${ids[0]} DONE (${ids.length} in all); barman check pg1: ${check.lines.length} checks OK`);
      }
    });

    it('5. a second plan shows no changes', { timeout: 300_000 }, async () => {
      const r = await step('terraform plan -detailed-exitcode (second)', () => tf.plan());
      assert.equal(r.code, 0, `no changes expected:\n${r.stdout}`);
      assert.match(r.stdout, /No changes\./);
      const planFile = path.join(tf.dir, 'second.plan');
      await tf.plan([`-out=${planFile}`]);
      assert.deepEqual([...plannedChanges(await tf.showPlanJson(planFile))], []);
      fact('5: second terraform plan: No changes.');
    });
  });
}
