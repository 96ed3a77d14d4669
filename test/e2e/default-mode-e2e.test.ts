/**
 * End-to-end (issue 16): the user's default path, as a user runs it. `null_resource` provisioners
 * and `tls_private_key` key pairs, deployed with the real cdktf CLI (`cdktf deploy`, `cdktf diff`)
 * and the real terraform, against two sandboxed hosts. No provider can be downloaded here:
 * terraform installs the TEST-ONLY stand-ins for hashicorp/null and hashicorp/tls
 * (test/support/offline-providers) from the mirror `scripts/offline-providers` writes.
 *
 * Sandbox: `barman` (the Barman server) and `db1` (a fresh initdb primary with archive_mode already
 * on, only `local` lines in pg_hba.conf, no Barman role), backed up by rsync over ssh (the barman
 * key) and archiving WAL through barman-wal-archive over ssh (the postgres key).
 *
 *  1. `cdktf deploy` from nothing: the key pairs are made, every file written, db1 activated
 *     (first backup); a second backup and `barman check` pass; no private key in any output
 *  2. the next `terraform plan -detailed-exitcode` shows no changes
 *  3. `cdktf diff` after a retention change shows the plan review: the barman.d file, its new line marked
 *  4. `keyAlgorithm` ED25519 -> RSA: `cdktf deploy` replaces both key pairs, rotates both
 *     authorized_keys files, and WAL archiving and backups keep working with the new keys
 *
 * Needs root, the packages of scripts/e2e-setup.sh, `terraform` and the cdktf CLI of `npm ci`:
 * otherwise skipped with the reason, unless CI is set, where it fails.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingPrerequisites, PG_MAJOR, PostgresInstance, Sandbox, startHosts } from './harness/hosts';
import { exec, ExecResult } from './terraform-cli';
import { BarmanCli, withWalTraffic } from './barman-ops';
import { stopAndReport } from './suite-report';
import { IN_CI, skipUnless, terraformMissing } from '../support/requirements';
import { repoRoot } from '../support/paths';
import { KeyAlgorithm } from '../../lib/model/enums';
import { privateKeyFileName } from '../../lib/render/key-material';

const root = repoRoot();
const CDKTF = path.join(root, 'node_modules', '.bin', 'cdktf');
const harnessMissing = missingPrerequisites();
const missing = skipUnless(
  harnessMissing.length === 0 ? false : `${harnessMissing.join('; ')} (install with scripts/e2e-setup.sh; run the e2e tests as root)`,
  terraformMissing(),
  fs.existsSync(CDKTF) ? false : `no cdktf CLI at ${CDKTF}: run npm ci`,
);

/** distinct from the other suites' addresses (127.0.0.11-13, .41-45, .51-52) */
const HOSTS = [
  { name: 'barman', address: '127.0.0.61' },
  { name: 'db1', address: '127.0.0.62' },
];
const STOCK_HBA = ['local   all          all                                 peer', 'local   replication  all                                 peer'];
const STACK = 'backups';
/**
 * After `terraform init`, cdktf runs `terraform providers lock -platform=linux_amd64`, which asks
 * the registry itself whatever the CLI config says: offline, the flag that skips it. The lock file
 * `init` wrote (hashes of the mirror's packages) is kept.
 */
const OFFLINE = ['--skip-provider-lock'];
const BARMAN_HOME = '/var/lib/barman';
const POSTGRES_HOME = '/var/lib/postgresql';

/** What the app reads from spec.json: the sandbox's addresses and the knobs the points turn. */
interface AppSpec {
  readonly barman: string;
  readonly db1: string;
  readonly sshPort: number;
  readonly pgPort: number;
  readonly pgMajor: number;
  readonly keyAlgorithm: 'ED25519' | 'RSA';
  readonly retention: string;
}

/**
 * The cdktf app, as a user writes it: a TerraformStack with one BarmanCluster, all defaults
 * (null_resource, tls_private_key); Terraform's own ssh key comes in as a sensitive variable.
 * cdktf and the library are required from this repository, so both share one cdktf.
 */
function appSource(): string {
  return `// written by test/e2e/default-mode-e2e.test.ts
const fs = require('node:fs');
const path = require('node:path');
const { App, TerraformStack, TerraformVariable } = require(${JSON.stringify(path.join(root, 'node_modules', 'cdktf'))});
const lib = require(${JSON.stringify(path.join(root, 'dist', 'lib'))});
const spec = JSON.parse(fs.readFileSync(path.join(__dirname, 'spec.json'), 'utf8'));
const app = new App();
const stack = new TerraformStack(app, ${JSON.stringify(STACK)});
const connectionKey = new TerraformVariable(stack, 'connection_private_key', { type: 'string', sensitive: true });
new lib.BarmanCluster(stack, 'barman', {
  clusterName: 'main',
  keyAlgorithm: lib.KeyAlgorithm[spec.keyAlgorithm],
  settings: {
    postgresVersion: spec.pgMajor,
    postgresConfDir: '/srv/postgresql/data',
    sshPort: spec.sshPort,
    minimumRedundancy: 1,
    firstBackup: true,
    // archive_command = barman-wal-archive (ssh as postgres to Barman); archive_mode is already on
    archiver: true,
    retentionPolicy: lib.RetentionPolicy.parse(spec.retention),
  },
  instances: [
    { name: 'db1', roles: [lib.Role.PRIMARY], address: spec.db1, backup: ['barman'], settings: { postgresPort: spec.pgPort } },
    { name: 'barman', roles: [lib.Role.BARMAN], address: spec.barman, clientAddresses: ['127.0.0.1', spec.barman] },
  ],
  connection: { agent: false, privateKey: connectionKey.stringValue },
});
app.synth();
`;
}

interface StateResource {
  address: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
}

// under CI a missing prerequisite is the failing test skipUnless added, not a skipped suite besides
if (!(missing && IN_CI)) {
  describe('default mode e2e: null_resource + tls_private_key through cdktf deploy (offline stand-in providers)', { skip: missing || undefined, concurrency: false }, () => {
    let sb: Sandbox;
    let pg: PostgresInstance;
    let barman: BarmanCli;
    let appDir: string;
    let env: NodeJS.ProcessEnv;
    let spec: AppSpec;
    let logDir: string;
    /** every cdktf and terraform output of the suite, searched for private keys at the end */
    const outputs: string[] = [];
    const timings: Array<{ step: string; ms: number }> = [];
    const t0 = performance.now();

    const stackDir = () => path.join(appDir, 'cdktf.out', 'stacks', STACK);
    const writeSpec = (changes: Partial<AppSpec>) => {
      spec = { ...spec, ...changes };
      fs.writeFileSync(path.join(appDir, 'spec.json'), JSON.stringify(spec, null, 2));
    };
    const run = async (what: string, file: string, args: string[], cwd: string): Promise<ExecResult> => {
      const r = await exec(file, args, { cwd, env, timeoutMs: 600_000 });
      timings.push({ step: what, ms: r.ms });
      console.error(`[default-mode-e2e] ${what}: ${r.ms} ms, exit ${r.code}`);
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    const cdktf = (what: string, args: string[]) => run(what, CDKTF, args, appDir);
    const terraform = (what: string, args: string[]) => run(what, 'terraform', args, stackDir());
    const state = async (): Promise<StateResource[]> => {
      const r = await exec('terraform', ['show', '-json'], { cwd: stackDir(), env });
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout).values?.root_module?.resources ?? []) as StateResource[];
    };
    /** the two key pairs in the state, told apart by where their private key was installed */
    const keyPairs = async () => {
      const keys = (await state()).filter((r) => r.type === 'tls_private_key');
      assert.equal(keys.length, 2, `two key pairs: ${keys.map((k) => k.address).join(', ')}`);
      const barmanKey = await sb.host('barman').readFile(`${BARMAN_HOME}/.ssh/${privateKeyFileName(KeyAlgorithm[spec.keyAlgorithm])}`);
      const pair = (owner: 'barman' | 'postgres') => {
        const k = keys.find((x) => (x.values.private_key_openssh === barmanKey) === (owner === 'barman'));
        assert.ok(k, `the ${owner} key pair`);
        return { address: k.address, algorithm: String(k.values.algorithm), privateKey: String(k.values.private_key_openssh), publicKey: String(k.values.public_key_openssh).trim(), pem: String(k.values.private_key_pem) };
      };
      return { barman: pair('barman'), postgres: pair('postgres') };
    };
    const archived = async () => (await pg.psql('SELECT archived_count, failed_count FROM pg_stat_archiver')).trim().split('|').map(Number);
    const switchAndWaitArchived = async (why: string) => {
      const [before] = await archived();
      await pg.psql("INSERT INTO e2e_marker VALUES ('wal'); SELECT pg_switch_wal();");
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [count, failed] = await archived();
        if (count > before) return { count, failed };
        assert.ok(Date.now() < deadline, `${why}: db1 archived no WAL segment within 60 s (archived ${count}, failed ${failed}):\n${fs.readFileSync(pg.logFile, 'utf8').split('\n').filter((l) => /archiv/.test(l)).slice(-10).join('\n')}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    };

    before(async () => {
      sb = await startHosts(HOSTS, { sshPort: 'auto', hostKeyAlias: false });
      const work = path.join(sb.root, 'work');
      fs.mkdirSync(work, { mode: 0o700 });
      appDir = path.join(work, 'app');
      fs.mkdirSync(appDir, { mode: 0o700 });
      fs.mkdirSync(path.join(work, 'tmp'), { mode: 0o700 });
      logDir = path.join(work, 'cdktf-logs');
      fs.mkdirSync(logDir, { mode: 0o700 });
      barman = new BarmanCli(sb.host('barman'));
      pg = await sb.startPostgres('db1', { port: 'auto', hba: STOCK_HBA, settings: { archive_mode: 'on' } });
      await pg.psql("CREATE TABLE e2e_marker (note text); INSERT INTO e2e_marker VALUES ('before-backup'); CREATE TABLE e2e_tick (at timestamptz DEFAULT now());");

      // the stand-in providers, installed as the README says: export TF_CLI_CONFIG_FILE=$(scripts/offline-providers)
      const providers = await exec(path.join(root, 'scripts', 'offline-providers'), [path.join(work, 'providers')], { cwd: root });
      assert.equal(providers.code, 0, `scripts/offline-providers failed:\n${providers.stderr}`);
      const cliConfig = providers.stdout.trim();
      assert.ok(fs.existsSync(cliConfig), `scripts/offline-providers prints the CLI config path: ${providers.stdout}`);
      env = {
        PATH: process.env.PATH,
        HOME: work,
        TMPDIR: path.join(work, 'tmp'),
        TF_CLI_CONFIG_FILE: cliConfig,
        TF_IN_AUTOMATION: '1',
        CHECKPOINT_DISABLE: '1',
        DISABLE_VERSION_CHECK: '1',
        CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
        CDKTF_HOME: path.join(work, 'cdktf-home'),
        CDKTF_LOG_LEVEL: 'debug',
        CDKTF_LOG_FILE_DIRECTORY: logDir,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        CI: '1',
        TF_VAR_connection_private_key: sb.clientKey.privateKey,
      };
      fs.writeFileSync(path.join(appDir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `${JSON.stringify(process.execPath)} app.js`, projectId: 'cdktf-barman-default-mode-e2e', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} }, null, 2));
      fs.writeFileSync(path.join(appDir, 'app.js'), appSource());
      spec = { barman: sb.host('barman').address, db1: pg.address, sshPort: sb.host('barman').sshPort, pgPort: pg.port, pgMajor: PG_MAJOR, keyAlgorithm: 'ED25519', retention: 'RECOVERY WINDOW OF 4 WEEKS' };
      writeSpec({});
    });

    after(() => stopAndReport('default mode e2e', sb, timings, t0));

    const privateKeysSeen = new Set<string>();
    /** no private key of the state (the current pairs and every earlier one) in any output so far */
    const assertNoPrivateKeyInOutputs = async () => {
      const pairs = await keyPairs();
      for (const p of [pairs.barman, pairs.postgres]) {
        privateKeysSeen.add(p.privateKey);
        privateKeysSeen.add(p.pem);
      }
      // and cdktf's own debug log (CDKTF_LOG_LEVEL=debug), which records the terraform commands it ran
      const logs = fs.readdirSync(logDir).map((f) => fs.readFileSync(path.join(logDir, f), 'utf8'));
      assert.ok(logs.some((l) => l.includes('terraform')), `cdktf wrote its debug log into ${logDir}`);
      const all = [...outputs, ...logs].join('\n');
      for (const k of privateKeysSeen) {
        // one base64 line from the middle of the key: long enough to be unique, short enough to
        // be found in an output that wraps lines
        const body = k.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
        assert.ok(body.length > 0, 'a private key from the state');
        const probe = body[Math.floor(body.length / 2)].slice(0, 40);
        assert.ok(!all.includes(probe), 'a private key appears in the output of cdktf or terraform');
      }
      assert.doesNotMatch(all, /BEGIN (OPENSSH|RSA|EC|) ?PRIVATE KEY/, 'no private key block in any output');
    };

    it('1. `cdktf deploy` from nothing makes the key pairs, writes every file and activates db1; backups and barman check pass; no private key in any output', { timeout: 900_000 }, async () => {
      // the activation's first backup waits for its last WAL segment, which an idle cluster does
      // not close (withWalTraffic): a light write load, as a production server has
      const r = await withWalTraffic([pg], () => cdktf('cdktf deploy (first)', ['deploy', STACK, '--auto-approve', ...OFFLINE]));
      assert.equal(r.code, 0, `cdktf deploy failed:\n${r.stdout.slice(-6000)}\n${r.stderr.slice(-3000)}`);
      assert.match(r.stdout, /Apply complete! Resources: \d+ added, 0 changed, 0 destroyed/, r.stdout.slice(-3000));

      const resources = await state();
      const types = new Set(resources.map((x) => x.type));
      // terraform_data only holds the generated database passwords (no provisioner)
      assert.deepEqual([...types].sort(), ['null_resource', 'terraform_data', 'tls_private_key'], 'the default resource types');
      const pairs = await keyPairs();
      for (const p of [pairs.barman, pairs.postgres]) assert.equal(p.algorithm, 'ED25519');
      // each public key on the other side, each private key where its user runs ssh
      assert.equal(await sb.host('db1').readFile(`${POSTGRES_HOME}/.ssh/id_ed25519`), pairs.postgres.privateKey);
      assert.ok((await sb.host('barman').readFile(`${BARMAN_HOME}/.ssh/authorized_keys`)).includes(pairs.postgres.publicKey), "the postgres key in ~barman/.ssh/authorized_keys");
      assert.ok((await sb.host('db1').readFile(`${POSTGRES_HOME}/.ssh/authorized_keys`)).includes(pairs.barman.publicKey), "the barman key in ~postgres/.ssh/authorized_keys");
      for (const f of ['/etc/barman.conf', '/etc/barman.d/db1.conf', '/etc/cron.d/barman', '/etc/cron.d/db1']) assert.ok(await sb.host('barman').exists(f), `${f} on the Barman server`);

      // the activation took the first backup; a second one goes over ssh with the barman key
      assert.equal((await barman.backupIds('db1')).length, 1, 'the activation took the first backup');
      await withWalTraffic([pg], () => barman.must('backup --wait db1', 300_000));
      const ids = await barman.backupIds('db1');
      assert.equal(ids.length, 2);
      assert.equal(await barman.backupStatus('db1', ids[1]), 'DONE');
      const { failed } = await switchAndWaitArchived('after the first deploy');
      assert.equal(failed, 0, 'no archive_command failed');
      const check = await withWalTraffic([pg], () => barman.check('db1'));
      assert.equal(check.code, 0, check.output);
      await assertNoPrivateKeyInOutputs();
    });

    it('2. the next plan shows no changes', { timeout: 300_000 }, async () => {
      const r = await terraform('terraform plan -detailed-exitcode (second)', ['plan', '-detailed-exitcode', '-input=false', '-no-color']);
      assert.equal(r.code, 0, `no changes expected:\n${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, /No changes\./);
    });

    it('3. `cdktf diff` after a retention change shows the plan review: /etc/barman.d/db1.conf with its new line marked', { timeout: 300_000 }, async () => {
      writeSpec({ retention: 'REDUNDANCY 2' });
      const r = await cdktf('cdktf diff (retention)', ['diff', STACK, ...OFFLINE]);
      assert.equal(r.code, 0, `cdktf diff failed:\n${r.stdout}\n${r.stderr}`);
      // the old policy is the global default, so db1.conf did not carry it: one added line
      const review = r.stdout.slice(r.stdout.indexOf('Terraform will perform the following actions'));
      assert.match(review, /~ "\/etc\/barman\.d\/db1\.conf" = <<-EOT\n(.*\n)*?\s+\+ retention_policy = REDUNDANCY 2\n/, `the changed file, its new line marked:\n${review.slice(0, 6000)}`);
      assert.doesNotMatch(review, /RECOVERY WINDOW/, 'nothing else of the policy changes');
      assert.match(r.stdout, /Plan: \d+ to add, \d+ to change, \d+ to destroy/);
      writeSpec({ retention: 'RECOVERY WINDOW OF 4 WEEKS' });
    });

    it('4. ED25519 -> RSA: `cdktf deploy` replaces both key pairs and rotates both authorized_keys; WAL archiving and backups keep working', { timeout: 900_000 }, async () => {
      const old = await keyPairs();
      const [, failedBefore] = await archived();
      writeSpec({ keyAlgorithm: 'RSA' });
      const r = await withWalTraffic([pg], () => cdktf('cdktf deploy (RSA keys)', ['deploy', STACK, '--auto-approve', ...OFFLINE]));
      assert.equal(r.code, 0, `cdktf deploy failed:\n${r.stdout.slice(-6000)}\n${r.stderr.slice(-3000)}`);
      // cdktf shows each resource with its construct path: `tls_private_key.NAME (PATH): Destroying...`
      const destroyed = new Set([...r.stdout.matchAll(/(tls_private_key\.\w+)(?: \([^)]*\))?: Destruction complete/g)].map((m) => m[1]));
      assert.equal(destroyed.size, 2, `both old key pairs are destroyed:\n${r.stdout.slice(-4000)}`);
      const now = await keyPairs();
      for (const owner of ['barman', 'postgres'] as const) {
        assert.equal(now[owner].algorithm, 'RSA', `${owner}: the new pair is RSA`);
        assert.match(now[owner].publicKey, /^ssh-rsa /);
        assert.notEqual(now[owner].publicKey, old[owner].publicKey);
      }
      assert.equal(await sb.host('db1').readFile(`${POSTGRES_HOME}/.ssh/id_rsa`), now.postgres.privateKey, 'the new postgres private key on db1');
      const barmanAuth = await sb.host('barman').readFile(`${BARMAN_HOME}/.ssh/authorized_keys`);
      const dbAuth = await sb.host('db1').readFile(`${POSTGRES_HOME}/.ssh/authorized_keys`);
      assert.ok(barmanAuth.includes(now.postgres.publicKey) && !barmanAuth.includes(old.postgres.publicKey), `~barman/.ssh/authorized_keys holds the new postgres key only:\n${barmanAuth}`);
      assert.ok(dbAuth.includes(now.barman.publicKey) && !dbAuth.includes(old.barman.publicKey), `~postgres/.ssh/authorized_keys holds the new barman key only:\n${dbAuth}`);

      // archive_command (barman-wal-archive over ssh as postgres) still delivers, with the new key
      const before = await archived();
      // archive_command attempts that failed while the keys changed hands are retried by
      // PostgreSQL (no WAL is lost); reported, and none may fail once the deploy is done
      console.error(`[default-mode-e2e] archive_command failures during the rotation deploy: ${before[1] - failedBefore}`);
      const { failed } = await switchAndWaitArchived('after the rotation');
      assert.equal(failed, before[1], 'no archive_command failed after the rotation');
      // and a backup by rsync over ssh as barman, with the new key
      await withWalTraffic([pg], () => barman.must('backup --wait db1', 300_000));
      const ids = await barman.backupIds('db1');
      assert.equal(await barman.backupStatus('db1', ids[ids.length - 1]), 'DONE');
      const check = await withWalTraffic([pg], () => barman.check('db1'));
      assert.equal(check.code, 0, check.output);

      const second = await terraform('terraform plan -detailed-exitcode (after rotation)', ['plan', '-detailed-exitcode', '-input=false', '-no-color']);
      assert.equal(second.code, 0, `no changes expected after the rotation:\n${second.stdout}`);
      await assertNoPrivateKeyInOutputs();
    });
  });
}
