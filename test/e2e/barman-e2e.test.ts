/**
 * End-to-end (GitHub issue 4): what the library synthesizes works on real hosts, no mock anywhere.
 *
 * Four sandboxed hosts (test/e2e/harness): `barman` (the Barman server), `pg1` (a primary, backed
 * up by rsync), `pg2` (a primary, backed up with backup_method postgres), `pg3` (a replica, not
 * backed up), each with its own sshd; real PostgreSQL 15 on pg1 and pg2. The config.yml template is
 * test/e2e/fixtures/config.yml. `./bin/cdktf-barman synth` (terraform_data, supplied keys, the
 * connection key as a variable) writes the Terraform JSON; the real `terraform` applies it over SSH;
 * the real Barman then checks, backs up and recovers.
 *
 * One test per point of the issue, in order, sharing the sandbox:
 *  1. files, owners, modes and contents equal the render manifest; nothing else written
 *  2. barman check / backup (rsync and postgres) / recover into a directory that starts
 *  3. every cron entry runs as cron would run it
 *  4. a second plan shows no changes
 *  5. one setting of one instance replaces exactly that instance's resource, touches one file
 *  6. removing an instance removes its files from the Barman server, keeps its backups
 *  7. faults: an unreachable host, no half-written files, convergence; foreign lines survive,
 *     managed lines are never duplicated
 * A timing table is printed at the end.
 *
 * Needs root, the packages of scripts/e2e-setup.sh and `terraform` on PATH: otherwise it prints
 * `SKIP e2e: ...` and is skipped, unless CI is set, where it fails.
 */
import { after, afterEach, before, beforeEach, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { fingerprint, fingerprintDiff, missingPrerequisites, PG_BIN, pidAlive, Sandbox, SandboxHost, shq, startHosts } from './harness/hosts';
import { cdktfBarman, exec, plannedChanges, terraformMissing, TerraformDir } from './terraform-cli';
import {
  acceptedRootLogins,
  AppliedKeys,
  diffSnapshots,
  expectedFiles,
  findTempFiles,
  isBarmanRuntime,
  isHarnessNoise,
  isTerraformUpload,
  managedAndForeign,
  manifestPaths,
  Snapshot,
  snapshotHost,
  splitLines,
} from './host-state';
import { BarmanCli, EXPECTED_BEFORE_FIRST_BACKUP, startRecovered, withWalTraffic } from './barman-ops';
// FIXTURE (1/3): the PostgreSQL side that the library does not create yet
import { BarmanDbPasswords, createBarmanRoles, newPasswords, postgresOptionsForBarman, writeBarmanPgpass } from './postgres-side-fixture';
import { repoRoot } from '../support/paths';
import { cronFileProblems } from '../support/cron-check';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { SshUser } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { FileKind, HostPlan } from '../../lib/render/host-files';
import { managedMarker } from '../../lib/render/ssh-lines';

// ---------------------------------------------------------------------------------------------
// prerequisites
// ---------------------------------------------------------------------------------------------

const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/**
 * What is missing to run (the harness's prerequisites, terraform), or false. Prints one loud line:
 * `SKIP e2e: ...`, or under CI (which installs everything) `FAIL e2e: ...`.
 */
function missingPrerequisite(): string | false {
  const missing: string[] = [];
  const harness = missingPrerequisites();
  if (harness.length > 0) missing.push(`${harness.join('; ')} (install with scripts/e2e-setup.sh; run the e2e tests as root)`);
  const tf = terraformMissing();
  if (tf) missing.push(tf);
  if (missing.length === 0) return false;
  console.error(`${inCi ? 'FAIL' : 'SKIP'} e2e: ${missing.join('; ')}`);
  return missing.join('; ');
}

const missing = missingPrerequisite();

// ---------------------------------------------------------------------------------------------
// the sandbox and what the test shares between its points
// ---------------------------------------------------------------------------------------------

/** distinct from the harness's own test (127.0.0.11-13), which may run at the same time */
const HOSTS = [
  { name: 'barman', address: '127.0.0.41' },
  { name: 'pg1', address: '127.0.0.42' },
  { name: 'pg2', address: '127.0.0.43' },
  { name: 'pg3', address: '127.0.0.44' },
];
const CLUSTER = 'e2e';
const MARKER = managedMarker(CLUSTER);
const BARMAN_HOME = '/var/lib/barman';
const MANAGED_LIST = `/usr/local/lib/cdktf-barman/${CLUSTER}.managed`;
/** real-machine paths that must not change (the sandbox's overlays and binds keep them untouched) */
const REAL_MACHINE = ['/etc', '/usr/local', '/var/lib/barman', '/var/lib/postgresql', '/var/log/barman', '/var/log/postgresql', '/var/spool/cron', '/root/.ssh', '/srv'];

interface Timing {
  readonly point: string;
  readonly step: string;
  readonly ms: number;
}

interface Shared {
  sb: Sandbox;
  tf: TerraformDir;
  work: string;
  template: string;
  values: Record<string, string>;
  /** the config.yml currently applied */
  config: string;
  graph: BarmanGraph;
  keys: AppliedKeys;
  supplied: Record<SshUser, { publicKey: string; privateKey: string }>;
  /** FIXTURE (3/3): the database passwords of the barman and streaming_barman roles */
  passwords: BarmanDbPasswords;
  /** foreign lines written before the first apply: host -> path -> lines */
  foreign: Map<string, Map<string, string[]>>;
  barman: BarmanCli;
}

const timings: Timing[] = [];
const facts: string[] = [];
let S: Shared;

async function step<T>(point: string, name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    const ms = Math.round(performance.now() - t0);
    timings.push({ point, step: name, ms });
    console.error(`[e2e] ${point} ${name}: ${ms} ms`);
  }
}

function fact(line: string): void {
  facts.push(line);
  console.error(`[e2e] ${line}`);
}

function host(name: string): SandboxHost {
  return S.sb.host(name);
}

/** runs fn while pg1 and pg2 see a light write load (see withWalTraffic) */
function traffic<T>(fn: () => Promise<T>): Promise<T> {
  return withWalTraffic([host('pg1').postgres!, host('pg2').postgres!], fn);
}

// ---------------------------------------------------------------------------------------------
// config.yml: the template with this run's addresses, ports and host keys, and its variants
// ---------------------------------------------------------------------------------------------

function fillTemplate(template: string, values: Record<string, string>): string {
  const text = template.replace(/@([A-Z0-9_]+)@/g, (m, k: string) => {
    if (!(k in values)) throw new Error(`config template: no value for ${m}`);
    return values[k];
  });
  return text;
}

interface ConfigDoc {
  instances: Array<{ Name: string; vars?: Record<string, unknown> }>;
  [k: string]: unknown;
}

/** A variant of the filled template (YAML re-dumped; comments are only in the template). */
function variant(edit: (doc: ConfigDoc) => void): string {
  const doc = yaml.load(fillTemplate(S.template, S.values)) as ConfigDoc;
  edit(doc);
  return yaml.dump(doc, { lineWidth: -1 });
}

function instanceOf(doc: ConfigDoc, name: string): { Name: string; vars?: Record<string, unknown> } {
  const i = doc.instances.find((x) => x.Name === name);
  if (!i) throw new Error(`no instance ${name} in the config`);
  return i;
}

/** Points 6 and 7: pg2 left the graph; pg1 keeps the retention policy of point 5. */
function withoutPg2(d: ConfigDoc): void {
  d.instances = d.instances.filter((i) => i.Name !== 'pg2');
  const pg1 = instanceOf(d, 'pg1');
  pg1.vars = { ...pg1.vars, barman_retention_policy: 'RECOVERY WINDOW OF 2 WEEKS' };
}

/** Writes config.yml, validates it with the CLI, synthesizes into the Terraform directory. */
async function useConfig(point: string, name: string, text: string): Promise<void> {
  const file = path.join(S.work, `${name}.config.yml`);
  fs.writeFileSync(file, text);
  await step(point, `cdktf-barman validate + synth (${name})`, async () => {
    const v = await cdktfBarman(['validate', file]);
    assert.equal(v.code, 0, `validate ${file}: ${v.stdout}${v.stderr}`);
    await S.tf.synth(file);
  });
  S.config = file;
  S.graph = loadGraphFromFile(file);
}

/** The render manifest for the current graph with the real keys. */
function expected(): Map<string, HostPlan> {
  return expectedFiles(S.graph, S.keys);
}

async function snapshotAll(): Promise<Map<string, Snapshot>> {
  const entries = await Promise.all(S.sb.hosts.map(async (h) => [h.name, await snapshotHost(h)] as const));
  return new Map(entries);
}

/** Per host: paths changed between two snapshots, split into library paths, runtime and noise. */
interface HostChanges {
  /** "+ path" added, "- path" removed, "~ path" content/owner/mode changed */
  readonly library: string[];
  /** Barman's own data and log */
  readonly runtime: string[];
  /** login records, daemon logs, Terraform's uploads */
  readonly noise: string[];
  /** same content, owner and mode, written again */
  readonly rewritten: string[];
}

function changesBetween(before: Map<string, Snapshot>, after: Map<string, Snapshot>): Map<string, HostChanges> {
  const out = new Map<string, HostChanges>();
  const servers = ['pg1', 'pg2', 'pg3'];
  for (const [name, a] of after) {
    const d = diffSnapshots(before.get(name)!, a);
    const all = [...d.added.map((p) => `+ ${p}`), ...d.removed.map((p) => `- ${p}`), ...d.changed.map((p) => `~ ${p}`)].sort((x, y) => x.slice(2).localeCompare(y.slice(2)));
    const library: string[] = [];
    const runtime: string[] = [];
    const noise: string[] = [];
    for (const e of all) {
      const p = e.slice(2);
      if (isHarnessNoise(p)) noise.push(e);
      else if (name === 'barman' && isBarmanRuntime(p, BARMAN_HOME, servers)) runtime.push(e);
      else library.push(e);
    }
    const rewritten = d.rewritten.filter((p) => !isHarnessNoise(p) && !(name === 'barman' && isBarmanRuntime(p, BARMAN_HOME, servers)));
    out.set(name, { library, runtime, noise, rewritten });
  }
  return out;
}

/**
 * Every file of the manifest is on its host with owner, group, mode and content; shared files hold
 * exactly the foreign lines written before plus the rendered managed lines, each once.
 */
async function verifyAgainstRender(): Promise<number> {
  let checked = 0;
  for (const [name, plan] of expected()) {
    const h = host(name);
    for (const f of plan.files) {
      const where = `[${name}] ${f.path}`;
      const st = await h.stat(f.path);
      assert.deepEqual([st.owner, st.group, st.modeString], [f.owner, f.group, f.mode], `${where}: owner:group mode`);
      switch (f.kind) {
        case FileKind.DIRECTORY:
          assert.equal(st.type, 'directory', where);
          break;
        case FileKind.LOG_FILE:
          assert.match(st.type, /regular/, where);
          break;
        case FileKind.FILE:
          assert.equal(await h.readFile(f.path), f.content, `${where}: content`);
          break;
        case FileKind.PRIVATE_KEY: {
          const user = f.path.startsWith(BARMAN_HOME) ? SshUser.BARMAN : SshUser.POSTGRES;
          assert.equal(await h.readFile(f.path), S.supplied[user].privateKey, `${where}: the supplied private key`);
          break;
        }
        case FileKind.MANAGED_LINES: {
          const { managed, foreign } = managedAndForeign(await h.readFile(f.path), MARKER);
          assert.deepEqual(managed, splitLines(f.content ?? ''), `${where}: managed lines (each once, as rendered)`);
          assert.deepEqual(foreign, S.foreign.get(name)?.get(f.path) ?? [], `${where}: foreign lines kept as they were`);
          break;
        }
        default:
          assert.fail(`${where}: unknown kind ${f.kind}`);
      }
      checked++;
    }
  }
  return checked;
}

/**
 * Private key material of the supplied pairs and of the connection key found in `text`: a body line
 * of the key holding private bytes (the first ones are the same for every ed25519 key) and a
 * stretch of the key's base64 encoding (as `base64encode(var...)` would send it).
 */
function secretsIn(text: string): string[] {
  const keys = [...Object.values(S.supplied).map((p) => p.privateKey), S.sb.clientKey.privateKey];
  const needles = keys.flatMap((k) => [k.split('\n')[3], Buffer.from(k).toString('base64').slice(200, 260)]);
  return needles.filter((n) => text.includes(n)).map((n) => `${n.slice(0, 12)}...`);
}

/** Terraform's uploaded remote-exec scripts left on the hosts: none may hold private key material. */
async function checkTerraformUploads(): Promise<{ count: number; nonEmpty: number }> {
  let count = 0;
  let nonEmpty = 0;
  for (const h of S.sb.hosts) {
    const files = splitLines((await h.run('ls -A /tmp/terraform_*.sh /root/.cdktf-barman-*.sh 2>/dev/null || true', { via: 'nsenter' })).stdout).filter(isTerraformUpload);
    for (const f of files) {
      const text = await h.readFile(f);
      assert.doesNotMatch(text, /PRIVATE KEY/, `[${h.name}] ${f} holds a private key`);
      assert.deepEqual(secretsIn(text), [], `[${h.name}] ${f} holds private key material`);
      count++;
      if (text !== '') nonEmpty++;
    }
  }
  return { count, nonEmpty };
}

async function noTempFilesAnywhere(): Promise<void> {
  for (const h of S.sb.hosts) assert.deepEqual(await findTempFiles(h), [], `[${h.name}] half-written .cdktf-barman.* files`);
}

// ---------------------------------------------------------------------------------------------
// the test
// ---------------------------------------------------------------------------------------------

if (missing && inCi) {
  test('barman e2e: prerequisites (CI is set, so they must be installed)', () => {
    assert.fail(`FAIL e2e: CI is set but a prerequisite is missing: ${missing}`);
  });
} else {
  describe('barman e2e: the synthesized Terraform on real hosts', { skip: missing || undefined, concurrency: false }, () => {
    const realBefore = fingerprint(REAL_MACHINE);
    const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
    const t0 = performance.now();

    let pointStart = 0;
    beforeEach(() => {
      pointStart = performance.now();
    });
    afterEach((t) => {
      timings.push({ point: t.name.split('.')[0], step: '= whole point', ms: Math.round(performance.now() - pointStart) });
    });

    before(async () => {
      const sb = await step('setup', 'start 4 sandboxed hosts', () => startHosts(HOSTS, { sshPort: 'auto', hostKeyAlias: false }));
      S = { sb } as Shared;
      S.work = path.join(sb.root, 'work');
      fs.mkdirSync(S.work, { mode: 0o700 });
      S.tf = new TerraformDir(path.join(S.work, 'terraform'), path.join(S.work, 'tmp'));
      S.barman = new BarmanCli(sb.host('barman'));

      // FIXTURE (2/3): roles, pg_hba, WAL settings on pg1 and pg2; ~barman/.pgpass on barman
      S.passwords = newPasswords();
      const [pg1, pg2] = await step('setup', 'PostgreSQL 15 on pg1 + pg2 (initdb, start)', () => Promise.all(['pg1', 'pg2'].map((n) => sb.startPostgres(n, postgresOptionsForBarman()))));
      await step('setup', 'fixture: barman roles, grants, .pgpass', async () => {
        for (const pg of [pg1, pg2]) await createBarmanRoles(pg, S.passwords);
        await writeBarmanPgpass(sb.host('barman'), BARMAN_HOME, [pg1, pg2], S.passwords);
      });
      for (const pg of [pg1, pg2]) {
        await pg.psql("CREATE TABLE e2e_marker (id serial PRIMARY KEY, note text NOT NULL); GRANT SELECT ON e2e_marker TO PUBLIC; INSERT INTO e2e_marker (note) VALUES ('before-backup'); CREATE TABLE e2e_tick (at timestamptz DEFAULT now());");
      }

      // key pairs the user supplies (no private key in Terraform state), and someone else's keys
      const keyDir = path.join(S.work, 'keys');
      fs.mkdirSync(keyDir, { mode: 0o700 });
      const keygen = async (name: string, comment: string) => {
        const r = await exec('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path.join(keyDir, name)]);
        assert.equal(r.code, 0, r.stderr);
        return { privateKey: fs.readFileSync(path.join(keyDir, name), 'utf8'), publicKey: fs.readFileSync(path.join(keyDir, `${name}.pub`), 'utf8').trim() };
      };
      S.supplied = { [SshUser.POSTGRES]: await keygen('postgres', 'postgres@vault'), [SshUser.BARMAN]: await keygen('barman', 'barman@vault') } as Shared['supplied'];
      const ops = await keygen('ops', 'ops@elsewhere');
      S.tf.writeVariables({
        barman_connection_private_key: sb.clientKey.privateKey,
        barman_postgres_ssh_private_key: S.supplied[SshUser.POSTGRES].privateKey,
        barman_postgres_ssh_public_key: S.supplied[SshUser.POSTGRES].publicKey,
        barman_barman_ssh_private_key: S.supplied[SshUser.BARMAN].privateKey,
        barman_barman_ssh_public_key: S.supplied[SshUser.BARMAN].publicKey,
      });
      // control: the leak detector used below finds the three private keys where they are
      assert.equal(secretsIn(fs.readFileSync(path.join(S.tf.dir, 'terraform.tfvars.json'), 'utf8')).length, 3);
      const hostKeys = new Map(sb.hosts.map((h) => [h.name, [h.hostPublicKey]]));
      S.keys = new AppliedKeys(
        { [SshUser.POSTGRES]: { publicKey: S.supplied[SshUser.POSTGRES].publicKey, privateKey: '' }, [SshUser.BARMAN]: { publicKey: S.supplied[SshUser.BARMAN].publicKey, privateKey: '' } } as Shared['supplied'],
        hostKeys,
      );

      // lines written by someone else before the first apply: they must survive every apply
      S.foreign = new Map();
      const foreignKey = ops.publicKey;
      const writeForeign = async (name: string, user: string, home: string, file: string, lines: string[]) => {
        const h = sb.host(name);
        await h.check(`install -d -o ${user} -g ${user} -m 0700 ${home}/.ssh`, { via: 'nsenter' });
        await h.writeFile(`${home}/.ssh/${file}`, lines.join('\n') + '\n', { owner: user, group: user, mode: file === 'authorized_keys' ? 0o600 : 0o644 });
        if (!S.foreign.has(name)) S.foreign.set(name, new Map());
        S.foreign.get(name)!.set(`${home}/.ssh/${file}`, lines);
      };
      await writeForeign('barman', 'barman', BARMAN_HOME, 'authorized_keys', [foreignKey]);
      await writeForeign('barman', 'barman', BARMAN_HOME, 'known_hosts', [`vault.example.com ${ops.publicKey.split(' ').slice(0, 2).join(' ')}`]);
      for (const n of ['pg1', 'pg2', 'pg3']) await writeForeign(n, 'postgres', '/var/lib/postgresql', 'authorized_keys', [`# keys of the ops team`, foreignKey]);

      // config.yml from the template: pg1's host key pinned, the others scanned at apply time
      S.template = fs.readFileSync(path.join(repoRoot(), 'test', 'e2e', 'fixtures', 'config.yml'), 'utf8');
      S.values = {
        SSH_PORT: String(sb.host('barman').sshPort),
        BARMAN_ADDRESS: sb.host('barman').address,
        PG1_ADDRESS: pg1.address,
        PG2_ADDRESS: pg2.address,
        PG3_ADDRESS: sb.host('pg3').address,
        PG1_PORT: String(pg1.port),
        PG2_PORT: String(pg2.port),
        PG1_HOST_KEY: sb.host('pg1').hostPublicKey,
      };
      await useConfig('setup', 'initial', fillTemplate(S.template, S.values));
      await step('setup', 'terraform init', () => S.tf.init());
    });

    after(async () => {
      let stopNote = '';
      if (S?.sb) {
        try {
          const r = await S.sb.stop();
          stopNote = `sandbox stopped in ${r.ms} ms (${r.pids.length} PIDs, ${r.killed.length} SIGKILLed), temp dir removed: ${r.removedRoot}`;
        } catch (e) {
          stopNote = `sandbox stop FAILED: ${String(e)}`;
        }
      }
      const total = Math.round(performance.now() - t0);
      const width = Math.max(...timings.map((t) => t.step.length), 10);
      const table = timings.map((t) => `${t.point.padEnd(6)} ${t.step.padEnd(width)} ${String(t.ms).padStart(8)} ms`);
      console.error(
        ['', '=== barman e2e: timings ===', `${'point'.padEnd(6)} ${'step'.padEnd(width)} ${'time'.padStart(11)}`, ...table, `${'total'.padEnd(6)} ${''.padEnd(width)} ${String(total).padStart(8)} ms`, stopNote, '', '=== barman e2e: measured ===', ...facts, ''].join('\n'),
      );
      const diff = fingerprintDiff(realBefore, fingerprint(REAL_MACHINE));
      assert.deepEqual(diff, [], "the real machine's /etc, /var/lib/barman, ... are unchanged");
      // no sandbox of this run left in the machine's temp dir (terraform's own temp files went to
      // TMPDIR inside the sandbox; sandboxes of concurrent runs are theirs)
      const leftInTmp = fs.readdirSync(os.tmpdir()).filter((e) => !tmpBefore.has(e) && e.startsWith('cdktf-barman-e2e-')).filter((e) => {
        try {
          const owner = JSON.parse(fs.readFileSync(path.join(os.tmpdir(), e, 'owner.json'), 'utf8')) as { pid: number };
          return owner.pid === process.pid || !pidAlive(owner.pid);
        } catch {
          return true;
        }
      });
      assert.deepEqual(leftInTmp, [], `left in ${os.tmpdir()}`);
      assert.ok(!stopNote.includes('FAILED'), stopNote);
    });

    it('1. after apply every file of SPEC 3 is on the right host with owner, group, mode and content, and nothing else was written', { timeout: 300_000 }, async () => {
      const before = await step('1', 'snapshot 4 hosts', () => snapshotAll());
      const loginsBefore = new Map(S.sb.hosts.map((h) => [h.name, acceptedRootLogins(h)]));
      const r = await step('1', 'terraform apply (first)', () => S.tf.apply());
      const resources = Object.values(S.tf.readSynth().resource).reduce((n, rs) => n + Object.keys(rs).length, 0);
      assert.equal(resources, 6, 'server + 2 backup edges + 3 Postgres instances');
      assert.match(r.stdout, new RegExp(`Apply complete! Resources: ${resources} added, 0 changed, 0 destroyed\\.`));
      // supplied keys: no private key in the apply's output or in Terraform's state
      assert.deepEqual(secretsIn(r.stdout + r.stderr), [], 'private key material in the apply output');
      const state = fs.readFileSync(path.join(S.tf.dir, 'terraform.tfstate'), 'utf8');
      assert.deepEqual(secretsIn(state), [], 'private key material in terraform.tfstate');
      assert.doesNotMatch(state, /PRIVATE KEY/);
      const afterSnap = await step('1', 'snapshot 4 hosts', () => snapshotAll());

      const checked = await step('1', 'compare with the render manifest', () => verifyAgainstRender());
      const plans = expected();
      // the manifest itself covers every item of SPEC section 3 (so comparing with it proves them)
      const spec3: Record<string, string[]> = {
        barman: ['/etc/barman.conf', '/etc/barman.d', '/etc/barman.d/pg1.conf', '/etc/barman.d/pg2.conf', '/etc/cron.d/barman', '/etc/cron.d/pg1', '/etc/cron.d/pg2',
          '/usr/local/lib/cdktf-barman/barman-home-ok', BARMAN_HOME, '/var/log/barman.log', '/etc/logrotate.d/cdktf-barman',
          `${BARMAN_HOME}/.ssh`, `${BARMAN_HOME}/.ssh/id_ed25519`, `${BARMAN_HOME}/.ssh/id_ed25519.pub`, `${BARMAN_HOME}/.ssh/authorized_keys`, `${BARMAN_HOME}/.ssh/known_hosts`],
        ...Object.fromEntries(['pg1', 'pg2', 'pg3'].map((n) => [n, ['', '/id_ed25519', '/id_ed25519.pub', '/authorized_keys', '/known_hosts'].map((f) => `/var/lib/postgresql/.ssh${f}`)])),
      };
      for (const [name, paths] of Object.entries(spec3)) assert.deepEqual(paths.filter((p) => !manifestPaths(plans.get(name)).includes(p)), [], `[${name}] SPEC 3 items missing from the render manifest`);
      const changes = changesBetween(before, afterSnap);
      for (const [name, c] of changes) {
        const allowed = new Set([...manifestPaths(plans.get(name)), ...(name === 'barman' ? [MANAGED_LIST] : [])]);
        const unexpected = c.library.filter((e) => !allowed.has(e.slice(2)));
        const shown = await Promise.all(unexpected.filter((e) => e.startsWith('+ ')).map(async (e) => `${e}: ${(await host(name).run(`ls -la ${shq(e.slice(2))}; head -c 600 ${shq(e.slice(2))}`, { via: 'nsenter' })).stdout}`));
        assert.deepEqual(unexpected, [], `[${name}] written by the apply but not in the render manifest:\n${shown.join('\n')}`);
        assert.deepEqual(c.runtime.filter((e) => !allowed.has(e.slice(2))), [], `[${name}] nothing of Barman's own before Barman ran`);
        fact(`1: ${name}: ${c.library.length} library paths written (${c.library.join(', ')}); harness noise: ${c.noise.map((x) => x.slice(2)).join(', ') || 'none'}`);
        assert.ok(acceptedRootLogins(host(name)) > loginsBefore.get(name)!, `[${name}] Terraform logged in`);
      }
      // the library's bookkeeping file on the Barman server lists the per-instance files
      const managedList = splitLines(await host('barman').readFile(MANAGED_LIST));
      for (const f of ['/etc/barman.d/pg1.conf', '/etc/cron.d/pg1', '/etc/barman.d/pg2.conf', '/etc/cron.d/pg2']) assert.ok(managedList.includes(f), `${MANAGED_LIST} lists ${f}`);
      assert.deepEqual([(await host('barman').stat(MANAGED_LIST)).modeString], ['0644']);
      await noTempFilesAnywhere();
      const uploads = await checkTerraformUploads();
      fact(`1: ${checked} manifest entries checked on 4 hosts; ${uploads.count} uploaded remote-exec scripts left by Terraform (${uploads.nonEmpty} not blanked), no private key in any`);

      // the keys work in both directions with strict host key checking (known_hosts pinned for pg1, scanned for the others)
      await step('1', 'ssh barman->pg1/pg2, pg*->barman (strict)', async () => {
        const port = host('barman').sshPort;
        for (const n of ['pg1', 'pg2']) {
          const out = await host('barman').check(`ssh -q -o BatchMode=yes -o StrictHostKeyChecking=yes postgres@${host(n).address} -p ${port} hostname`, { via: 'nsenter', user: 'barman' });
          assert.equal(out.trim(), n);
        }
        for (const n of ['pg1', 'pg2']) {
          const out = await host(n).check(`ssh -q -o BatchMode=yes -o StrictHostKeyChecking=yes barman@${host('barman').address} -p ${port} hostname`, { via: 'nsenter', user: 'postgres' });
          assert.equal(out.trim(), 'barman');
        }
      });
    });

    it('2. barman check passes, backups by rsync (pg1) and postgres (pg2) succeed, and each recovers into a running instance', { timeout: 600_000 }, async () => {
      const b = S.barman;
      for (const server of ['pg1', 'pg2']) {
        await step('2', `${server}: barman receive-wal --create-slot`, () => b.must(`receive-wal --create-slot ${server}`));
      }
      await step('2', 'barman cron (starts pg_receivewal x2)', () => b.must('cron'));
      for (const server of ['pg1', 'pg2']) {
        // pg_receivewal streams into the slot Barman named after the server (slot_name of the config)
        const deadline = Date.now() + 30_000;
        let slot = '';
        while (slot !== 'backup_barman|t|physical' && Date.now() < deadline) {
          slot = (await host(server).postgres!.psql('SELECT slot_name, active, slot_type FROM pg_replication_slots')).trim();
          if (slot !== 'backup_barman|t|physical') await new Promise((r) => setTimeout(r, 200));
        }
        assert.equal(slot, 'backup_barman|t|physical', `${server}: pg_receivewal is streaming into slot backup_barman`);
      }
      for (const server of ['pg1', 'pg2']) {
        await step('2', `${server}: barman switch-wal --archive`, () => traffic(() => b.must(`switch-wal --archive --archive-timeout 60 ${server}`, 90_000)));
        const pre = await step('2', `${server}: barman check (before backup)`, () => b.check(server));
        const failed = pre.lines.filter((l) => !l.ok);
        const real = failed.filter((l) => !EXPECTED_BEFORE_FIRST_BACKUP.includes(l.name));
        assert.ok(pre.lines.length >= 15, `${server}: barman check printed its checks:\n${pre.output}`);
        assert.deepEqual(real, [], `${server}: only the checks that need a first backup may fail:\n${pre.output}`);
        fact(`2: ${server}: barman check before the first backup: ${pre.lines.length} checks, expected FAILED: ${failed.map((l) => `${l.name} (${l.detail})`).join('; ') || 'none'}`);
      }
      const method = { pg1: 'rsync', pg2: 'postgres' } as Record<string, string>;
      for (const server of ['pg1', 'pg2']) {
        const out = await step('2', `${server}: barman backup --wait (${method[server]})`, () => traffic(() => b.must(`backup --wait ${server}`, 300_000)));
        const ids = await b.backupIds(server);
        assert.equal(ids.length, 1, out);
        assert.equal(await b.backupStatus(server, ids[0]), 'DONE');
        const post = await step('2', `${server}: barman check (after backup)`, () => b.check(server));
        assert.equal(post.code, 0, `${server}: barman check after the first backup:\n${post.output}`);
        assert.ok(post.lines.every((l) => l.ok), post.output);
        for (const name of [...(method[server] === 'rsync' ? ['ssh'] : []), 'PostgreSQL', 'PostgreSQL streaming', 'replication slot', 'receive-wal running', 'compression settings', 'retention policy settings', 'minimum redundancy requirements', 'backup maximum age']) {
          assert.ok(post.lines.some((l) => l.name === name && l.ok), `${server}: check '${name}' OK:\n${post.output}`);
        }
        assert.match(await b.must(`show-backup ${server} ${ids[0]}`), new RegExp(`Server Name\\s*:\\s*${server}`));
      }

      // recovery: a row written before the backup, and one written after it (replayed from WAL)
      const h = host('barman');
      await h.check('install -d -o barman -g barman -m 0700 /srv/e2e-recover', { via: 'nsenter' });
      let port = 54321;
      for (const server of ['pg1', 'pg2']) {
        const pg = host(server).postgres!;
        await pg.psql("INSERT INTO e2e_marker (note) VALUES ('after-backup');");
        await step('2', `${server}: switch-wal --archive (row after backup)`, () => traffic(() => b.must(`switch-wal --archive --archive-timeout 60 ${server}`, 90_000)));
        const dest = `/srv/e2e-recover/${server}`;
        await step('2', `${server}: barman recover --no-get-wal`, () => b.must(`recover --no-get-wal ${server} latest ${dest}`, 300_000));
        const rec = await step('2', `${server}: start the recovered instance`, () => startRecovered(h, PG_BIN, dest, '/srv/e2e-recover', port++));
        try {
          const rows = await rec.psql('SELECT note FROM e2e_marker ORDER BY id');
          assert.deepEqual(rows.split('\n'), ['before-backup', 'after-backup'], `${server}: rows of the recovered instance`);
          const sysid = await rec.psql('SELECT system_identifier FROM pg_control_system()');
          assert.equal(sysid, (await pg.psql('SELECT system_identifier FROM pg_control_system()')).trim(), `${server}: the recovered instance is a copy of ${server}`);
          fact(`2: ${server}: recovered instance on the Barman host (port ${rec.port}) holds rows ${rows.split('\n').join(', ')}`);
        } finally {
          await rec.stop();
          await h.check(`rm -rf ${shq(dest)} ${shq(`${dest}.log`)}`, { via: 'nsenter' });
        }
      }
      await h.check('rmdir /srv/e2e-recover', { via: 'nsenter' });
    });

    it('3. the cron entries are the ones cron would run: each command line succeeds as cron runs it (the backup ones take backups)', { timeout: 600_000 }, async () => {
      const h = host('barman');
      const users = splitLines(await h.check('getent passwd | cut -d: -f1', { via: 'nsenter' }));
      const cronFiles = (expected().get('barman')?.files ?? []).filter((f) => f.path.startsWith('/etc/cron.d/'));
      assert.deepEqual(cronFiles.map((f) => f.path).sort(), ['/etc/cron.d/barman', '/etc/cron.d/pg1', '/etc/cron.d/pg2']);
      const jobs: Array<{ file: string; user: string; command: string }> = [];
      for (const f of cronFiles) {
        const content = await h.readFile(f.path);
        const st = await h.stat(f.path);
        assert.deepEqual(cronFileProblems({ path: f.path, content, owner: st.owner, group: st.group, mode: st.modeString }, { users }), [], `${f.path}: cron would ignore it`);
        for (const line of splitLines(content)) {
          if (/^\s*(#|$)/.test(line) || /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
          const m = /^\s*(\S+\s+){5}(\S+)\s+(.*)$/.exec(line);
          assert.ok(m, `${f.path}: unparsable line ${line}`);
          jobs.push({ file: f.path, user: m[2], command: m[3] });
        }
      }
      assert.equal(jobs.length, 3);
      const asCron = async (job: { user: string; command: string }) => {
        const home = (await h.check(`getent passwd ${shq(job.user)} | cut -d: -f6`, { via: 'nsenter' })).trim();
        // cron: /bin/sh -c COMMAND as the user, environment PATH=/usr/bin:/bin, HOME, SHELL=/bin/sh, LOGNAME
        return h.run(`env -i PATH=/usr/bin:/bin HOME=${shq(home)} SHELL=/bin/sh LOGNAME=${shq(job.user)} /bin/su -s /bin/sh ${shq(job.user)} -c ${shq(job.command)}`, { via: 'nsenter', timeoutMs: 300_000 });
      };
      // the environment the commands get is cron's
      const env = await asCron({ user: 'barman', command: 'echo "$PATH|$HOME|$SHELL|$(id -un)"' });
      assert.equal(env.stdout.trim(), `/usr/bin:/bin|${BARMAN_HOME}|/bin/sh|barman`, env.stderr);
      for (const job of jobs) {
        const server = job.file === '/etc/cron.d/barman' ? undefined : path.basename(job.file);
        const before = server ? await S.barman.backupIds(server) : [];
        const r = await step('3', `cron ${path.basename(job.file)}: ${job.command.replace(/^.*&& /, '')}`, () => traffic(() => asCron(job)));
        assert.equal(r.code, 0, `${job.file}: ${job.command}\n${r.stdout}${r.stderr}`);
        if (server) {
          const afterIds = await S.barman.backupIds(server);
          assert.equal(afterIds.length, before.length + 1, `${job.file}: one new backup`);
          const id = afterIds.find((x) => !before.includes(x))!;
          const status = await S.barman.backupStatus(server, id);
          assert.ok(['DONE', 'WAITING_FOR_WALS'].includes(status), `${server} ${id}: ${status}`);
          fact(`3: ${job.file}: new backup ${server} ${id}, status ${status} right after the cron command`);
        }
      }
      // the backups cron started without --wait complete on the next `barman cron`, as in production
      for (const server of ['pg1', 'pg2']) await step('3', `${server}: switch-wal --archive`, () => traffic(() => S.barman.must(`switch-wal --archive --archive-timeout 60 ${server}`, 90_000)));
      const cronJob = jobs.find((j) => j.file === '/etc/cron.d/barman')!;
      assert.equal((await asCron(cronJob)).code, 0);
      for (const server of ['pg1', 'pg2']) {
        const ids = await S.barman.backupIds(server);
        for (const id of ids) assert.equal(await S.barman.backupStatus(server, id), 'DONE', `${server} ${id}`);
        const c = await S.barman.check(server);
        assert.equal(c.code, 0, c.output);
      }

      // Debian's real cron daemon, started in the Barman host, reads /etc/cron.d and runs the jobs:
      // /etc/cron.d/barman restarts a receive-wal that was stopped, /etc/cron.d/pg2 (every minute
      // in this config) takes a backup. Only the library's files are left for it in this host's
      // private /etc: no /etc/crontab jobs (cron.daily would write the machine's /var/backups), no e2scrub_all.
      await h.check(`rm -f /etc/cron.d/e2scrub_all && printf 'SHELL=/bin/sh\\n' > /etc/crontab`, { via: 'nsenter' });
      const receiveWal = (server: string) => h.pids().filter((p) => {
        try {
          const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
          return cmd.includes('receive-wal') && cmd.includes(server);
        } catch {
          return false;
        }
      });
      const old = receiveWal('pg1');
      assert.equal(old.length, 1, 'one barman receive-wal pg1 runs');
      await h.check(`kill ${old[0]}`, { via: 'nsenter' });
      const gone = Date.now() + 15_000;
      while (receiveWal('pg1').length > 0 && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(receiveWal('pg1'), [], 'receive-wal pg1 stopped');
      const pg2Before = await S.barman.backupIds('pg2');
      const cronPid = Number((await h.check('setsid /usr/sbin/cron -f -L 15 </dev/null >/dev/null 2>&1 & echo $!', { via: 'nsenter' })).trim());
      let restarted: number[] = [];
      let newBackup: string | undefined;
      try {
        await step('3', 'real cron daemon: until it ran both files', () => traffic(async () => {
          const deadline = Date.now() + 80_000;
          while (Date.now() < deadline && (restarted.length === 0 || newBackup === undefined)) {
            await new Promise((r) => setTimeout(r, 1_000));
            restarted = receiveWal('pg1');
            newBackup ??= (await S.barman.backupIds('pg2')).find((id) => !pg2Before.includes(id));
          }
        }));
      } finally {
        await h.run(`kill ${cronPid}`, { via: 'nsenter' });
      }
      assert.ok(restarted.length > 0, 'cron ran /etc/cron.d/barman: receive-wal pg1 is running again');
      assert.ok(newBackup, 'cron ran /etc/cron.d/pg2: a new backup of pg2');
      let status = '';
      const done = Date.now() + 120_000;
      while (Date.now() < done && !['DONE', 'FAILED'].includes(status)) {
        status = await traffic(async () => {
          // (a `barman cron` the daemon started may still hold the cron lock: then this one just returns)
          await S.barman.run('cron');
          return S.barman.backupStatus('pg2', newBackup!);
        });
      }
      assert.equal(status, 'DONE', `the backup cron started: pg2 ${newBackup}`);
      fact(`3: Debian's cron daemon (PID ${cronPid}) restarted receive-wal for pg1 (PID ${restarted.join(',')}) and took backup pg2 ${newBackup} (${status})`);
    });

    it('4. a second terraform plan reports no changes', { timeout: 120_000 }, async () => {
      const r = await step('4', 'terraform plan -detailed-exitcode', () => S.tf.plan());
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /No changes\./);
    });

    it("5. changing pg1's retention policy replaces only pg1's backup resource and changes only /etc/barman.d/pg1.conf", { timeout: 300_000 }, async () => {
      await useConfig('5', 'pg1-retention', variant((d) => {
        const pg1 = instanceOf(d, 'pg1');
        pg1.vars = { ...pg1.vars, barman_retention_policy: 'RECOVERY WINDOW OF 2 WEEKS' };
      }));
      const planFile = path.join(S.tf.dir, 'p5.plan');
      const plan = await step('5', 'terraform plan -out', () => S.tf.plan([`-out=${planFile}`]));
      assert.equal(plan.code, 2);
      const changes = plannedChanges(await S.tf.showPlanJson(planFile));
      assert.deepEqual([...changes], [['terraform_data.barman_backup_pg1_on_barman', 'delete,create']], 'exactly one resource replaced');
      assert.match(plan.stdout, /\+\s+retention_policy = RECOVERY WINDOW OF 2 WEEKS/, 'the plan shows the new retention line');
      assert.match(plan.stdout, /Plan: 1 to add, 0 to change, 1 to destroy\./);
      // the plan a reviewer reads shows no key; the plan file (and `show -json`) holds the values
      // of the input variables, sensitive ones included: Terraform's behaviour, so it is a secret too
      assert.deepEqual(secretsIn(plan.stdout), [], 'private key material in the plan text');
      const { variables, ...planWithoutVariables } = (await S.tf.showPlanJson(planFile)) as Record<string, unknown>;
      assert.deepEqual(secretsIn(JSON.stringify(planWithoutVariables)), [], 'private key material in the plan JSON outside its variables');
      fact(`5: plan file: private keys only in its input variables (${secretsIn(JSON.stringify(variables)).length} found there, as Terraform stores every variable of a saved plan)`);

      const before = await snapshotAll();
      const logins = new Map(S.sb.hosts.map((h) => [h.name, acceptedRootLogins(h)]));
      await step('5', 'terraform apply (plan file)', () => S.tf.apply([planFile]));
      const afterSnap = await snapshotAll();
      const touched = S.sb.hosts.filter((h) => acceptedRootLogins(h) > logins.get(h.name)!).map((h) => h.name);
      const changes5 = changesBetween(before, afterSnap);
      const files = [...changes5].flatMap(([n, c]) => c.library.map((e) => `${n}:${e.slice(2)}`));
      const rewritten = [...changes5].flatMap(([n, c]) => c.rewritten.map((p) => `${n}:${p}`));
      fact(`5: resources replaced: ${[...changes.keys()].join(', ')} (${changes.size}); hosts touched (Terraform ssh logins): ${touched.join(', ')} (${touched.length}); files changed: ${files.join(', ')} (${files.length}); rewritten with identical content: ${rewritten.join(', ') || 'none'}; Barman runtime files changed meanwhile: ${changes5.get('barman')!.runtime.length}`);
      assert.deepEqual(touched, ['barman']);
      assert.deepEqual(files, ['barman:/etc/barman.d/pg1.conf']);
      assert.equal(await S.barman.showServerValue('pg1', 'retention_policy'), 'RECOVERY WINDOW OF 2 WEEKS');
      assert.equal(await S.barman.showServerValue('pg2', 'retention_policy'), 'RECOVERY WINDOW OF 4 WEEKS');
      await verifyAgainstRender();
    });

    it('6. removing pg2 from the graph removes /etc/barman.d/pg2.conf and /etc/cron.d/pg2 from the Barman server and keeps its backups', { timeout: 300_000 }, async () => {
      const h = host('barman');
      const backupsBefore = await S.barman.backupIds('pg2');
      assert.ok(backupsBefore.length >= 2);
      const dataBefore = await h.check(`find ${BARMAN_HOME}/pg2/base -name backup.info | sort`, { via: 'nsenter' });
      await useConfig('6', 'without-pg2', variant(withoutPg2));
      const planFile = path.join(S.tf.dir, 'p6.plan');
      await step('6', 'terraform plan -out', () => S.tf.plan([`-out=${planFile}`]));
      const changes = plannedChanges(await S.tf.showPlanJson(planFile));
      assert.equal(changes.get('terraform_data.barman_backup_pg2_on_barman'), 'delete');
      assert.equal(changes.get('terraform_data.barman_postgres_access_pg2'), 'delete');
      // its managed list, known_hosts (pg2's line) and so on change: replaced, and its script cleans up
      assert.equal(changes.get('terraform_data.barman_server_barman'), 'delete,create');
      const others = [...changes].filter(([a, act]) => !(/_pg2(_|$)/.test(a) && act === 'delete') && a !== 'terraform_data.barman_server_barman');
      assert.deepEqual(others, [], 'nothing else changes');
      fact(`6: plan: ${[...changes].map(([a, act]) => `${a} ${act}`).join(', ')}`);
      await step('6', 'terraform apply (plan file)', () => S.tf.apply([planFile]));
      assert.equal(await h.exists('/etc/barman.d/pg2.conf'), false, '/etc/barman.d/pg2.conf removed');
      assert.equal(await h.exists('/etc/cron.d/pg2'), false, '/etc/cron.d/pg2 removed');
      assert.equal(await h.exists('/etc/barman.d/pg1.conf'), true);
      const managedList = splitLines(await h.readFile(MANAGED_LIST));
      assert.ok(managedList.includes('/etc/barman.d/pg1.conf') && managedList.includes('/etc/cron.d/pg1'), managedList.join(', '));
      assert.deepEqual(managedList.filter((l) => l.includes('pg2')), [], `${MANAGED_LIST} no longer lists pg2's files`);
      assert.equal(await h.check(`find ${BARMAN_HOME}/pg2/base -name backup.info | sort`, { via: 'nsenter' }), dataBefore, 'the backups of pg2 are still there');
      const servers = await S.barman.must('list-servers --minimal');
      assert.deepEqual(splitLines(servers).map((s) => s.trim()).sort(), ['pg1']);
      await verifyAgainstRender();
      // what nothing removes (reported, not a failure of this point)
      const receivers = S.sb.host('barman').pids().map((p) => { try { return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' '); } catch { return ''; } }).filter((c) => /pg_receivewal/.test(c) && c.includes(host('pg2').address));
      const slot = (await host('pg2').postgres!.psql("SELECT slot_name || ' active=' || active FROM pg_replication_slots")).trim();
      fact(`6: pg2 removed: ${backupsBefore.length} backups of pg2 kept under ${BARMAN_HOME}/pg2; still running for pg2: ${receivers.length} pg_receivewal process(es); slot on pg2: ${slot || 'none'}; pg2's ~postgres/.ssh/authorized_keys still authorizes barman: ${(await host('pg2').readFile('/var/lib/postgresql/.ssh/authorized_keys')).includes(MARKER)}`);
    });

    it('7. faults: an unreachable host fails the apply clearly and leaves no half-written file; the next apply converges; foreign lines survive and managed lines are never duplicated', { timeout: 600_000 }, async () => {
      // Two changes that both need pg1 while its sshd is down:
      // - pin the Barman server's host key: pg1's known_hosts changes, so Terraform must log in to pg1;
      // - un-pin pg1's host key: the Barman server's known_hosts line for pg1 is then scanned from pg1
      //   by the Barman server's own script, which fails half-way (after it rewrote its other files).
      const faulty = (d: ConfigDoc) => {
        withoutPg2(d);
        const bm = instanceOf(d, 'barman');
        bm.vars = { ...bm.vars, ssh_host_keys: [host('barman').hostPublicKey] };
        const pg1 = instanceOf(d, 'pg1');
        delete pg1.vars!.ssh_host_keys;
      };
      await step('7', 'stop sshd on pg1', () => S.sb.stopSshd('pg1'));
      await useConfig('7', 'pg1-down', variant(faulty));
      // Terraform retries an unreachable host for the connection timeout, 5 minutes by default; the
      // typed API takes `connection: { timeout }`, the CLI has no option for it: set it in the JSON.
      const json = S.tf.readSynth();
      for (const rs of Object.values(json.resource)) for (const r of Object.values(rs)) if (r.connection) r.connection.timeout = '10s';
      S.tf.writeSynth(json);
      const planFile = path.join(S.tf.dir, 'p7.plan');
      await S.tf.plan([`-out=${planFile}`]);
      assert.deepEqual(Object.fromEntries(plannedChanges(await S.tf.showPlanJson(planFile))), {
        'terraform_data.barman_postgres_access_pg1': 'delete,create',
        'terraform_data.barman_server_barman': 'delete,create',
      });

      const before = await snapshotAll();
      const failed = await step('7', 'terraform apply (pg1 unreachable)', () => S.tf.terraform(['apply', '-auto-approve', '-input=false', planFile], [1]));
      const pg1At = `${host('pg1').address}:${host('pg1').sshPort}`;
      assert.match(failed.stderr, /with terraform_data\.barman_postgres_access_pg1/, 'the error names the resource of pg1');
      assert.ok(failed.stderr.includes(`dial tcp ${pg1At}: connect: connection refused`), `Terraform names pg1's address:\n${failed.stderr}`);
      assert.match(failed.stderr, /with terraform_data\.barman_server_barman/, `the Barman server's resource fails too:\n${splitLines(failed.stdout).filter((l) => l.includes('barman_server_barman') && !/: {2}\w/.test(l)).join('\n')}`);
      const scanError = `cdktf-barman on barman: error: cannot read the ssh host keys of ${host('pg1').address} port ${host('pg1').sshPort} from this host`;
      assert.ok(failed.stdout.includes(scanError), `the Barman server's script says which host it could not scan:\n${failed.stdout}`);
      const said = [...splitLines(failed.stderr).filter((l) => /timeout - last error|with terraform_data/.test(l)), ...splitLines(failed.stdout).filter((l) => l.includes('cdktf-barman on barman: error'))];
      fact(`7: failed apply (exit ${failed.code}) says: ${said.map((l) => l.replace(/[│╷╵]/g, '').trim()).join(' | ')}`);
      await noTempFilesAnywhere();
      const during = changesBetween(before, await snapshotAll());
      for (const [name, c] of during) assert.deepEqual(c.library, [], `[${name}] no file changed by the failed apply`);
      const leftovers = await Promise.all(S.sb.hosts.map(async (h) => splitLines((await h.run('ls -A /tmp', { via: 'nsenter' })).stdout).map((f) => `/tmp/${f}`).filter((f) => !isTerraformUpload(f)).map((f) => `${h.name}:${f}`)));
      assert.deepEqual(leftovers.flat(), [], 'no temp files of the failed scripts left in /tmp');
      // Terraform blanks an uploaded script only after it succeeded: the failed one stays whole (no key in it)
      const uploads = await checkTerraformUploads();
      fact(`7: uploaded scripts left whole by the failed apply: ${uploads.nonEmpty} (no private key in any)`);
      fact(`7: after the failed apply: no .cdktf-barman.* file on any host; content of every file unchanged; rewritten with the same content by the half-run script: ${[...during].flatMap(([n, c]) => c.rewritten.map((p) => `${n}:${p}`)).join(', ') || 'none'}`);

      await step('7', 'restart sshd on pg1', () => S.sb.restartSshd('pg1'));
      await useConfig('7', 'pg1-back', variant(faulty));
      const converge = await step('7', 'terraform apply (converges)', () => S.tf.apply());
      assert.match(converge.stdout, /Apply complete! Resources: 2 added, 0 changed, 2 destroyed\./, 'both tainted resources are replaced');
      const again = await step('7', 'terraform plan -detailed-exitcode', () => S.tf.plan());
      assert.equal(again.code, 0, again.stdout);
      await noTempFilesAnywhere();
      await verifyAgainstRender();
      assert.equal((await S.barman.check('pg1')).code, 0, 'Barman still reaches pg1 (scanned key now)');

      // Barman's ssh_command carries StrictHostKeyChecking=yes: a wrong key for pg1 in barman's
      // known_hosts (a re-keyed or impersonated host) stops Barman, although Barman itself appends
      // StrictHostKeyChecking=no; a forced re-run of the server's resource (scanning pg1) repairs it
      const kh = `${BARMAN_HOME}/.ssh/known_hosts`;
      const good = await host('barman').readFile(kh);
      const forged = good.replace(host('pg1').hostPublicKey, host('pg3').hostPublicKey);
      assert.notEqual(forged, good);
      await host('barman').writeFile(kh, forged, { owner: 'barman', group: 'barman', mode: 0o644 });
      const refused = await S.barman.check('pg1');
      const ssh = refused.lines.find((l) => l.name === 'ssh');
      assert.ok(ssh && !ssh.ok, `a wrong host key for pg1 fails Barman's ssh check:\n${refused.output}`);
      fact(`7: with a wrong host key for pg1 in ~barman/.ssh/known_hosts: barman check pg1 says ssh: FAILED (${ssh?.detail})`);

      // forced re-runs of resources (as after tainting): still each managed line once, foreign lines kept
      await step('7', 'terraform apply -replace (server, pg1)', () => S.tf.apply(['-replace=terraform_data.barman_server_barman', '-replace=terraform_data.barman_postgres_access_pg1']));
      await step('7', 'terraform apply -replace (pg3)', () => S.tf.apply(['-replace=terraform_data.barman_postgres_access_pg3']));
      const checked = await verifyAgainstRender();
      assert.equal((await S.barman.check('pg1')).code, 0, 'the re-run restored the right host key of pg1');
      const counts: string[] = [];
      for (const [name, plan] of expected()) {
        for (const f of plan.files.filter((x) => x.kind === FileKind.MANAGED_LINES)) {
          const { managed, foreign } = managedAndForeign(await host(name).readFile(f.path), MARKER);
          assert.equal(new Set(managed).size, managed.length, `[${name}] ${f.path}: duplicated managed lines`);
          counts.push(`${name}:${f.path.replace(/^.*\/\.ssh\//, '')} ${managed.length} managed + ${foreign.length} foreign`);
        }
      }
      fact(`7: after 7 applies (one failed, two with -replace): ${counts.join('; ')} (${checked} manifest entries still match)`);
      const last = await step('7', 'terraform plan -detailed-exitcode', () => S.tf.plan());
      assert.equal(last.code, 0, last.stdout);
      await noTempFilesAnywhere();
    });
  });
}
