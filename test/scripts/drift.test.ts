/**
 * Drift detection at apply time (shell/drift.sh, called by shell/files.sh's write_files), run for
 * real with sh against temp directories: the records of what was written live in
 * CDKTF_BARMAN_STATE_DIR (a temp dir here, /usr/local/lib/cdktf-barman on a host). Also: the real
 * steps of a Barman server and a backed-up instance (their files moved under a temp root) stop on
 * drift before writing anything, and secrets never go through the drift report.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Period, Role } from '../../lib/model/enums';
import { RetentionPolicy } from '../../lib/model/periods';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { Concern, FileKind, HostFile } from '../../lib/render/host-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { BarmanOverrides, DriftPolicy, writeFilesArgs } from '../../lib/scripts/write-files-args';
import { backupEdgeScript } from '../../lib/concerns/backup-edge/backup-edge-step';
import { barmanServerScript } from '../../lib/concerns/barman-server/barman-server-step';
import { postgresAccessScript } from '../../lib/concerns/postgres-access/postgres-access-step';
import { writtenRecordPath, WRITTEN_RECORDS_DIR } from '../../lib/scripts/drift-library';
import { pgpassScript } from '../../lib/concerns/backup-edge/backup-edge-step';
import { HostScript, TriggerArg } from '../../lib/scripts/remote-command';
import { shellFile } from '../../lib/scripts/shell-assets';
import { Run, runStep } from '../support/host-step';
import { TEST_POSTGRES } from '../support/postgres';
import { commandMissing, rootMissing, skipUnless, userMissing } from '../support/requirements';

const ME = spawnSync('id', ['-un'], { encoding: 'utf8' }).stdout.trim();
const MY_GROUP = spawnSync('id', ['-gn'], { encoding: 'utf8' }).stdout.trim();

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `cdktf-barman-drift-${prefix}-`));
  after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const mode = (path: string): string => (statSync(path).mode & 0o7777).toString(8).padStart(4, '0');

/** A host in a temp directory: its files under `root`, the library's records under `state`. */
class TempHost {
  readonly root = tempDir('root');
  readonly state = tempDir('state');

  path(name: string): string {
    return join(this.root, name);
  }

  file(name: string, content: string): HostFile {
    return { path: this.path(name), owner: ME, group: MY_GROUP, mode: '0640', kind: FileKind.FILE, content, concern: Concern.BARMAN_SERVER };
  }

  /** write_files as a concern step runs it on these files: check everything, then write */
  run(files: HostFile[], policy: Partial<DriftPolicy> = {}, overrides?: BarmanOverrides): Run {
    const args = writeFilesArgs({ host: 'bk', owner: 'pg1', allowOverrides: false, ...policy }, files, '', overrides);
    return runStep({ step: 'write_files', args }, { cwd: this.root, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: this.state } });
  }

  record(name: string): string {
    return join(this.state, 'written', this.path(name));
  }
}

const CONF_V1 = '[pg1]\ndescription = "pg1"\nretention_policy = RECOVERY WINDOW OF 4 WEEKS\n';
const CONF_V2 = '[pg1]\ndescription = "pg1"\nretention_policy = RECOVERY WINDOW OF 2 WEEKS\n';
const CRON_V1 = '0 4 * * wed,sat barman barman backup pg1\n';
const CRON_V2 = '0 5 * * wed,sat barman barman backup pg1\n';

describe('hand edits of whole files, run for real with sh', () => {
  test('a first apply adopts what is there (no record) and records what it wrote: sha256sum line, root-only', () => {
    const h = new TempHost();
    writeFileSync(h.path('pg1.conf'), '# the package shipped this\n');
    const r = h.run([h.file('pg1.conf', CONF_V1)]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'nothing to report on a first apply');
    assert.equal(readFileSync(h.path('pg1.conf'), 'utf8'), CONF_V1);
    assert.equal(readFileSync(h.record('pg1.conf'), 'utf8'), `${sha256(CONF_V1)}  ${h.path('pg1.conf')}\n`);
    assert.equal(mode(h.record('pg1.conf')), '0600');
    assert.equal(mode(join(h.state, 'written')), '0700');
    // the format is sha256sum's: `sha256sum -c` checks the file against it
    assert.equal(spawnSync('sha256sum', ['-c', '--status', h.record('pg1.conf')]).status, 0);
    assert.deepEqual(readdirSync(h.root), ['pg1.conf'], 'no temp file left');
  });

  test('a re-run, and a new content over an untouched file, are clean', () => {
    const h = new TempHost();
    for (const content of [CONF_V1, CONF_V1, CONF_V2]) {
      const r = h.run([h.file('pg1.conf', content)]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(readFileSync(h.path('pg1.conf'), 'utf8'), content);
      assert.equal(readFileSync(h.record('pg1.conf'), 'utf8').slice(0, 64), sha256(content));
    }
  });

  test('hand edits: every edited file reported at once with a diff and the fix, the step fails before writing any file', () => {
    const h = new TempHost();
    assert.equal(h.run([h.file('pg1.conf', CONF_V1), h.file('pg1.cron', CRON_V1), h.file('guard', 'exit 0\n')]).status, 0);
    const edited = `${CONF_V1}bandwidth_limit = 4000\n`;
    writeFileSync(h.path('pg1.conf'), edited);
    writeFileSync(h.path('pg1.cron'), `# paused by ops\n${CRON_V1}`);
    const guardBefore = statSync(h.path('guard'));
    const r = h.run([h.file('pg1.conf', CONF_V2), h.file('pg1.cron', CRON_V2), h.file('guard', 'exit 1\n')]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const conf = h.path('pg1.conf');
    assert.ok(r.stderr.includes(`cdktf-barman on bk: drift: ${conf} was edited by hand since the last apply (- on the host, + what this apply writes)\n`), r.stderr);
    assert.ok(r.stderr.includes(`--- ${conf} (on bk)\n+++ ${conf} (this apply)\n`), r.stderr);
    for (const line of ['-retention_policy = RECOVERY WINDOW OF 4 WEEKS', '-bandwidth_limit = 4000', '+retention_policy = RECOVERY WINDOW OF 2 WEEKS', '-# paused by ops', `-${CRON_V1.trim()}`, `+${CRON_V2.trim()}`]) {
      assert.ok(r.stderr.split('\n').includes(line), `the diff shows ${line}:\n${r.stderr}`);
    }
    assert.equal((r.stderr.match(/^ {2}fix: put the change into config\.yml \(or the construct props\)/gm) ?? []).length, 2, 'one fix line per file');
    assert.ok(r.stderr.includes(`error: 2 change(s) made on bk outside cdktf-barman (above): nothing of this step was written. Fix each as said, or set barman_allow_overrides: true on pg1`), r.stderr);
    assert.ok(!r.stderr.includes(join(h.root, 'guard')), 'the untouched file is not reported');
    // nothing written: the edited files as edited, the third file not even rewritten, records as before
    assert.equal(readFileSync(conf, 'utf8'), edited);
    assert.equal(readFileSync(h.path('pg1.cron'), 'utf8'), `# paused by ops\n${CRON_V1}`);
    assert.equal(readFileSync(h.path('guard'), 'utf8'), 'exit 0\n');
    assert.equal(statSync(h.path('guard')).ino, guardBefore.ino);
    assert.equal(readFileSync(h.record('pg1.conf'), 'utf8').slice(0, 64), sha256(CONF_V1));
    // and again: the same report (the edit is still there), nothing written
    assert.equal(h.run([h.file('pg1.conf', CONF_V2), h.file('pg1.cron', CRON_V2), h.file('guard', 'exit 1\n')]).status, 1);
    assert.equal(readFileSync(conf, 'utf8'), edited);
  });

  test('restoring the file by hand, or an edit that equals the new content, lets the apply through', () => {
    const h = new TempHost();
    assert.equal(h.run([h.file('pg1.conf', CONF_V1)]).status, 0);
    writeFileSync(h.path('pg1.conf'), 'edited\n');
    assert.equal(h.run([h.file('pg1.conf', CONF_V2)]).status, 1);
    writeFileSync(h.path('pg1.conf'), CONF_V1);
    const restored = h.run([h.file('pg1.conf', CONF_V2)]);
    assert.equal(restored.status, 0, restored.stderr);
    assert.equal(readFileSync(h.path('pg1.conf'), 'utf8'), CONF_V2);
    // someone made by hand exactly the change the config now asks for: nothing to lose
    writeFileSync(h.path('pg1.conf'), CONF_V1);
    const r = h.run([h.file('pg1.conf', CONF_V1)]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    // a file removed since the last apply: nothing to lose either, written again
    unlinkSync(h.path('pg1.conf'));
    const gone = h.run([h.file('pg1.conf', CONF_V2)]);
    assert.equal(gone.status, 0, gone.stderr);
    assert.equal(readFileSync(h.path('pg1.conf'), 'utf8'), CONF_V2);
  });

  test('barman_allow_overrides: the hand edit is overwritten with a warning and the diff; the next apply is clean', () => {
    const h = new TempHost();
    assert.equal(h.run([h.file('pg1.conf', CONF_V1)]).status, 0);
    writeFileSync(h.path('pg1.conf'), `${CONF_V1}bandwidth_limit = 4000\n`);
    const r = h.run([h.file('pg1.conf', CONF_V2)], { allowOverrides: true });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stderr.includes(`cdktf-barman on bk: warning: ${h.path('pg1.conf')} was edited by hand since the last apply: overwritten, as barman_allow_overrides is true on pg1 (the '-' lines are lost)`), r.stderr);
    assert.ok(r.stderr.split('\n').includes('-bandwidth_limit = 4000'), r.stderr);
    assert.ok(!r.stderr.includes('fix:') && !r.stderr.includes('error'), r.stderr);
    assert.equal(readFileSync(h.path('pg1.conf'), 'utf8'), CONF_V2);
    const again = h.run([h.file('pg1.conf', CONF_V2)]);
    assert.equal(again.status, 0);
    assert.equal(again.stderr, '');
  });

  test('a password someone wrote into a managed file by hand is masked in the report', () => {
    const h = new TempHost();
    assert.equal(h.run([h.file('pg1.conf', CONF_V1)]).status, 0);
    writeFileSync(h.path('pg1.conf'), `${CONF_V1}conninfo = host=pg1 user=barman password=s3cr3t-Value dbname=postgres\nstreaming_conninfo = PASSWORD = 'other'\n`);
    const r = h.run([h.file('pg1.conf', CONF_V2)]);
    assert.equal(r.status, 1);
    assert.ok(!r.stderr.includes('s3cr3t') && !r.stderr.includes('other'), r.stderr);
    assert.ok(r.stderr.includes('-conninfo = host=pg1 user=barman password=******** dbname=postgres'), r.stderr);
  });

  test('a symbolic link in place of a managed file: not read for the report, refused when writing', () => {
    const h = new TempHost();
    assert.equal(h.run([h.file('pg1.conf', CONF_V1)]).status, 0);
    const secret = join(h.root, 'secret');
    writeFileSync(secret, 'PRIVATE\n');
    unlinkSync(h.path('pg1.conf'));
    spawnSync('ln', ['-s', secret, h.path('pg1.conf')]);
    const r = h.run([h.file('pg1.conf', CONF_V2)]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /symbolic link/);
    assert.ok(!r.stderr.includes('PRIVATE'), r.stderr);
  });
});

describe("Barman's own overrides: .barman.auto.conf and active models, run for real with sh", () => {
  /** a .barman.auto.conf as `barman config-update` writes it (ConfigParser's INI: [section], key = value) */
  const AUTO = '[pg2]\narchiver = on\n\n[pg1]\nstreaming_archiver = off\nbandwidth_limit = 4000\n';

  function home(auto?: string, activeModelOfPg1?: string): string {
    const d = tempDir('home');
    if (auto !== undefined) writeFileSync(join(d, '.barman.auto.conf'), auto);
    if (activeModelOfPg1 !== undefined) {
      mkdirSync(join(d, 'pg1'));
      writeFileSync(join(d, 'pg1', '.active-model.auto'), activeModelOfPg1);
    }
    return d;
  }

  test('the Barman server step: a non-empty .barman.auto.conf fails it, its content reported; absent or only comments: clean', () => {
    const h = new TempHost();
    const bad = home(AUTO);
    const r = h.run([h.file('barman.conf', 'x\n')], { owner: 'bk' }, { barmanHome: bad });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.stderr.includes(`cdktf-barman on bk: drift: ${bad}/.barman.auto.conf (written by barman config-update) overrides the files this library writes:\n  [pg2]\n  archiver = on\n  [pg1]\n  streaming_archiver = off\n  bandwidth_limit = 4000\n  fix: put these settings into config.yml`), r.stderr);
    assert.ok(r.stderr.includes('set barman_allow_overrides: true on bk'), r.stderr);
    assert.equal(existsSync(h.path('barman.conf')), false, 'nothing written');
    for (const clean of [home(), home(''), home('# comment\n; another\n\n')]) {
      const ok = h.run([h.file('barman.conf', 'x\n')], { owner: 'bk' }, { barmanHome: clean });
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stderr, '');
    }
  });

  test("a backed-up instance's step fails only on its own section or its active model", () => {
    const h = new TempHost();
    const r = h.run([h.file('pg1.conf', CONF_V1)], {}, { barmanHome: home(AUTO), server: 'pg1' });
    assert.equal(r.status, 1);
    assert.ok(r.stderr.includes('overrides the section [pg1]:\n  streaming_archiver = off\n  bandwidth_limit = 4000\n  fix: put these settings into config.yml (or the construct props) and remove the section [pg1] from'), r.stderr);
    assert.ok(!r.stderr.includes('archiver = on'), 'the other section is not pg1 business');
    const other = h.run([h.file('pg1.conf', CONF_V1)], {}, { barmanHome: home('[pg2]\narchiver = on\n[pg10]\nx = 1\n'), server: 'pg1' });
    assert.equal(other.status, 0, other.stderr);
    assert.equal(other.stderr, '');
    const modelHome = home(undefined, 'pg1-failover\n');
    const m = h.run([h.file('pg1.conf', CONF_V1)], {}, { barmanHome: modelHome, server: 'pg1' });
    assert.equal(m.status, 1);
    assert.ok(m.stderr.includes(`drift: the Barman model 'pg1-failover' is active for pg1 (barman config-switch, ${modelHome}/pg1/.active-model.auto)`), m.stderr);
    assert.ok(m.stderr.includes('then run: barman config-switch pg1 --reset'), m.stderr);
    assert.equal(h.run([h.file('pg1.conf', CONF_V1)], {}, { barmanHome: home(undefined, '\n'), server: 'pg1' }).status, 0, 'an empty model file is no model (as Barman reads it)');
  });

  test('with barman_allow_overrides: left alone with a warning that Barman applies them; the step writes its files', () => {
    const h = new TempHost();
    const d = home(AUTO, 'pg1-failover');
    const r = h.run([h.file('pg1.conf', CONF_V1)], { allowOverrides: true }, { barmanHome: d, server: 'pg1' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stderr.includes(`warning: ${d}/.barman.auto.conf overrides the section [pg1] (barman config-update); left alone, as barman_allow_overrides is true on pg1: Barman applies it over /etc/barman.d`), r.stderr);
    assert.ok(r.stderr.includes("warning: the Barman model 'pg1-failover' is active for pg1"), r.stderr);
    assert.equal(readFileSync(join(d, '.barman.auto.conf'), 'utf8'), AUTO);
    assert.equal(readFileSync(h.path('pg1.conf'), 'utf8'), CONF_V1);
  });

  test('a password in .barman.auto.conf is masked in the report', () => {
    const h = new TempHost();
    const r = h.run([], { owner: 'bk' }, { barmanHome: home('[pg1]\nconninfo = host=pg1 password=hunter2\n') });
    assert.equal(r.status, 1);
    assert.ok(!r.stderr.includes('hunter2') && r.stderr.includes('conninfo = host=pg1 password=********'), r.stderr);
  });
});

/** a file moved under `root`: the steps run for real on a temp host */
const under = (root: string, f: HostFile): HostFile => ({ ...f, path: join(root, f.path) });
const layoutOf = (s: HostScript): string => (s.args.find((a): a is TriggerArg => typeof a !== 'string' && a.trigger === 'layout')!).content;
/** the body of a function of a shell file, from its `name() {` line to its closing `}` */
function functionBody(text: string, name: string): string {
  const from = text.indexOf(`\n${name}() {`);
  assert.ok(from >= 0, `${name} is defined`);
  return text.slice(from, text.indexOf('\n}\n', from) + 2);
}

describe('where the steps look for drift', () => {
  const graph = (allow?: boolean) =>
    graphFromProps({
      clusterName: 'drift',
      instances: [
        { name: 'pg1', roles: [Role.PRIMARY], backup: ['bk'], settings: allow === undefined ? {} : { allowOverrides: allow } },
        { name: 'bk', roles: [Role.BARMAN] },
      ],
    });

  test('every concern: each instance its own setting, every whole file of the Barman server in a layout, checked before anything is written', () => {
    for (const allow of [undefined, false, true]) {
      const g = graph(allow);
      const bk = renderHosts(g, new PlaceholderKeys()).find((p) => p.instance.name === 'bk')!;
      const server = barmanServerScript(g, bk.instance, bk.files.filter((f) => f.concern === Concern.BARMAN_SERVER));
      const edge = backupEdgeScript(g.edges[0], bk.files.filter((f) => f.edge === g.edges[0] && f.kind !== FileKind.PASSWORD_BLOCK));
      // write_files' first arguments: host, owner instance, allow, Barman home and server for the overrides
      assert.deepEqual(server.args.slice(15, 20), ['bk', 'bk', '0', '/var/lib/barman', ''], 'server: its own setting, the whole .barman.auto.conf');
      assert.deepEqual(edge.args.slice(3, 8), ['bk', 'pg1', allow ? '1' : '0', '/var/lib/barman', 'pg1'], "edge: pg1's setting, its section and model");
      const fileLines = [...`${layoutOf(server)}${layoutOf(edge)}`.matchAll(/^file \S+ \S+ (.+)$/gm)].map((m) => m[1]).sort();
      const wholeFiles = bk.files.filter((f) => f.kind === FileKind.FILE).map((f) => f.path).sort();
      assert.deepEqual(fileLines, wholeFiles, 'every whole file of the Barman server goes through the check');
    }
    // write_files: every whole file staged and compared, Barman's overrides looked for, the verdict; then the writes
    const wf = functionBody(shellFile('files.sh'), 'write_files');
    const verdict = wf.indexOf('drift_verdict');
    for (const check of ['stage_file ', 'check_barman_overrides_of ', 'check_barman_auto_conf ']) assert.ok(wf.indexOf(check) > 0 && wf.indexOf(check) < verdict, `${check} before the verdict`);
    for (const write of ['ensure_dir ', 'ensure_file ', 'install_staged ', 'put_file ', 'merge_lines_of ', 'merge_lines ']) {
      assert.ok(wf.indexOf(write) > verdict, `${write} after the verdict`);
    }
    assert.ok(wf.includes('file) n=$((n + 1)); install_staged "$n"'), 'a whole file is written from what was staged and checked, nothing else');
  });

  test('the Postgres side writes no whole file of its own: nothing staged there; secrets never go through it', () => {
    const g = graph();
    const plans = renderHosts(g, new PlaceholderKeys());
    const pg1 = plans.find((p) => p.instance.name === 'pg1')!;
    const access = postgresAccessScript(g, pg1.instance, pg1.files.filter((f) => f.concern === Concern.POSTGRES_ACCESS));
    assert.doesNotMatch(layoutOf(access), /^file /m, 'no whole file on the Postgres side');
    const privateKey = shellFile('private-key.sh');
    assert.ok(!privateKey.includes('stage_file') && !privateKey.includes('diff'), 'private keys: no drift report');
    const bk = plans.find((p) => p.instance.name === 'bk')!;
    const pgpass = pgpassScript(g.edges[0], bk.files.find((f) => f.kind === FileKind.PASSWORD_BLOCK)!);
    assert.equal(pgpass.step, 'pgpass_lines');
    const pgpassLines = functionBody(shellFile('postgres-steps.sh', { BARMAN_DB_USER: 'barman', STREAMING_DB_USER: 'streaming_barman' }), 'pgpass_lines');
    assert.ok(!pgpassLines.includes('stage_file') && !pgpassLines.includes('diff -u'), '.pgpass: no drift report');
    // a private key or a password block in a layout: no content handed over, nothing staged, nothing written
    const h = new TempHost();
    const secretish = bk.files.filter((f) => f.kind === FileKind.PRIVATE_KEY || f.kind === FileKind.PASSWORD_BLOCK || f.kind === FileKind.AUTHORIZED_KEYS || f.kind === FileKind.KNOWN_HOSTS || f.path.endsWith('/.ssh')).map((f) => under(h.root, f));
    const args = writeFilesArgs({ host: 'h', owner: 'o', allowOverrides: false }, secretish, 'drift');
    const contents = args.filter((a): a is TriggerArg => typeof a !== 'string' && a.trigger !== 'layout').map((a) => a.content).join('');
    assert.ok(!contents.includes('private key') && !contents.includes('<password of'), 'a private key or a password went to write_files');
    const r = runStep({ step: 'write_files', args }, { cwd: h.root, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: h.state } });
    assert.equal(r.status, 0, r.stderr);
    for (const f of secretish.filter((x) => x.kind === FileKind.PRIVATE_KEY || x.kind === FileKind.PASSWORD_BLOCK)) assert.ok(!existsSync(f.path), `${f.path} written by write_files`);
    assert.ok(!existsSync(join(h.state, 'written')), 'nothing recorded: no whole file');
  });

  test('records live under /usr/local/lib/cdktf-barman/written, mirroring the path', () => {
    assert.equal(WRITTEN_RECORDS_DIR, '/usr/local/lib/cdktf-barman/written');
    assert.equal(writtenRecordPath('/etc/barman.d/pg1.conf'), '/usr/local/lib/cdktf-barman/written/etc/barman.d/pg1.conf');
    assert.ok(shellFile('drift.sh', { DRIFT_STATE_DIR: '/usr/local/lib/cdktf-barman' }).includes("record_of() { printf '%s/written%s' \"$cdktf_state\" \"$1\"; }"), 'drift.sh records at <state>/written<path>');
  });
});

// ---------------------------------------------------------------------------------------------
// the real steps, their files under a temp root (root: the files belong to barman and postgres)

const NEEDS_STEPS = [rootMissing('the steps give files to the barman user'), userMissing('barman', 'barman'), commandMissing('barman', 'barman'), TEST_POSTGRES.missing] as const;

describe('the steps of a Barman server and a backed-up instance stop on drift before writing anything, run for real', { skip: skipUnless(...NEEDS_STEPS) }, () => {
  const ownerMode = (path: string): string => spawnSync('stat', ['-c', '%U:%G %a', path], { encoding: 'utf8' }).stdout.trim();
  /** a graph whose Barman home (for its overrides) is a temp directory; the server's checks pass on this machine */
  const graph = (home: string, allow?: boolean, weeks = 4) =>
    graphFromProps({
      clusterName: 'drift',
      settings: { postgresVersion: TEST_POSTGRES.major, postgresBinDir: TEST_POSTGRES.bin, barmanHome: home },
      instances: [
        { name: 'pg1', roles: [Role.PRIMARY], backup: ['bk'], sshHostKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIpinnedpg1'], settings: { ...(allow === undefined ? {} : { allowOverrides: allow }), retentionPolicy: RetentionPolicy.recoveryWindow(weeks, Period.WEEKS) } },
        { name: 'bk', roles: [Role.BARMAN] },
      ],
    });

  function edgeStep(root: string, home: string, allow?: boolean, weeks?: number): { step: HostScript; files: HostFile[] } {
    const g = graph(home, allow, weeks);
    const e = g.edges[0];
    // as the construct hands them over with the passwords: the .pgpass block is in the layout, and write_files leaves it alone
    const files = renderHosts(g, new PlaceholderKeys()).find((p) => p.instance.name === 'bk')!.files.filter((f) => f.concern === Concern.BACKUP_EDGE && f.edge === e).map((f) => under(root, f));
    return { step: backupEdgeScript(e, files), files };
  }

  test("backup_edge: whole files byte for byte with owner and mode; a hand edit and Barman's section override stop the next apply, nothing written; allowed, overwritten with a warning", () => {
    const h = new TempHost();
    const home = tempDir('barman-home');
    mkdirSync(join(h.root, 'etc', 'barman.d'), { recursive: true });
    mkdirSync(join(h.root, 'etc', 'cron.d'), { recursive: true });
    const env = { ...process.env, CDKTF_BARMAN_STATE_DIR: h.state };
    const first = edgeStep(h.root, home);
    const r = runStep(first.step, { cwd: h.root, env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const whole = first.files.filter((f) => f.kind === FileKind.FILE);
    assert.equal(whole.length, 2, 'the conf and the cron file');
    for (const f of whole) {
      assert.equal(readFileSync(f.path, 'utf8'), f.content, `${f.path}: byte for byte`);
      assert.equal(ownerMode(f.path), `${f.owner}:${f.group} ${Number.parseInt(f.mode, 8).toString(8)}`, f.path);
      assert.equal(readFileSync(join(h.state, 'written', f.path), 'utf8'), `${sha256(f.content!)}  ${f.path}\n`);
    }
    assert.ok(!existsSync(first.files.find((f) => f.kind === FileKind.PASSWORD_BLOCK)!.path), '.pgpass is not write_files business');
    const [conf, cron] = [whole.find((f) => f.path.endsWith('.conf'))!, whole.find((f) => !f.path.endsWith('.conf'))!];

    // a hand edit, and barman config-update on pg1's section: both reported, nothing of the new content written
    writeFileSync(conf.path, `${conf.content}bandwidth_limit = 4000\n`);
    writeFileSync(join(home, '.barman.auto.conf'), '[pg1]\nstreaming_archiver = off\n');
    const cronIno = statSync(cron.path).ino;
    const second = edgeStep(h.root, home, undefined, 2);
    assert.notEqual(second.files.find((f) => f.path === conf.path)!.content, conf.content);
    const d = runStep(second.step, { cwd: h.root, env });
    assert.equal(d.status, 1, d.stdout + d.stderr);
    assert.ok(d.stderr.includes(`cdktf-barman on bk: drift: ${conf.path} was edited by hand since the last apply`), d.stderr);
    assert.ok(d.stderr.split('\n').includes('-bandwidth_limit = 4000'), d.stderr);
    assert.ok(d.stderr.includes('overrides the section [pg1]:\n  streaming_archiver = off\n'), d.stderr);
    assert.ok(d.stderr.includes('error: 2 change(s) made on bk outside cdktf-barman (above): nothing of this step was written'), d.stderr);
    assert.equal(readFileSync(conf.path, 'utf8'), `${conf.content}bandwidth_limit = 4000\n`);
    assert.equal(statSync(cron.path).ino, cronIno, 'the untouched cron file was not rewritten either');

    // barman_allow_overrides on pg1: the edit overwritten, the override left, both with a warning
    const allowed = edgeStep(h.root, home, true, 2);
    const a = runStep(allowed.step, { cwd: h.root, env });
    assert.equal(a.status, 0, a.stderr);
    assert.ok(a.stderr.includes(`warning: ${conf.path} was edited by hand since the last apply: overwritten, as barman_allow_overrides is true on pg1`), a.stderr);
    assert.ok(a.stderr.includes('overrides the section [pg1] (barman config-update); left alone'), a.stderr);
    assert.equal(readFileSync(conf.path, 'utf8'), allowed.files.find((f) => f.path === conf.path)!.content);
    assert.equal(readFileSync(join(home, '.barman.auto.conf'), 'utf8'), '[pg1]\nstreaming_archiver = off\n');
  });

  test('barman_server: every file of its layout on a first apply; a hand edit stops the next one before anything is written, the managed list included', () => {
    const h = new TempHost();
    const home = tempDir('barman-home');
    const env = { ...process.env, CDKTF_BARMAN_STATE_DIR: h.state };
    for (const d of ['etc/cron.d', 'etc/logrotate.d', 'var/log']) mkdirSync(join(h.root, d), { recursive: true });
    const step = (g: ReturnType<typeof graph>) => {
      const plan = renderHosts(g, new PlaceholderKeys()).find((p) => p.instance.name === 'bk')!;
      const files = plan.files.filter((f) => f.concern === Concern.BARMAN_SERVER).map((f) => under(h.root, f));
      const s = barmanServerScript(g, plan.instance, files);
      // barman_home stays the barman user's real one (need_home checks it); its files and .pgpass live under the temp root
      const args = [...s.args];
      assert.equal(args[3], home);
      args[3] = '/var/lib/barman';
      args[10] = join(h.root, args[10] as string);
      return { step: { ...s, args }, files };
    };
    const { step: first, files } = step(graph(home));
    const r = runStep(first, { cwd: h.root, env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    for (const f of files) {
      switch (f.kind) {
        case FileKind.DIRECTORY:
          assert.ok(statSync(f.path).isDirectory(), f.path);
          assert.equal(ownerMode(f.path), `${f.owner}:${f.group} ${Number.parseInt(f.mode, 8).toString(8)}`, f.path);
          break;
        case FileKind.LOG_FILE:
        case FileKind.FILE:
        case FileKind.PUBLIC_KEY:
          assert.equal(readFileSync(f.path, 'utf8'), f.content ?? '', f.path);
          assert.equal(ownerMode(f.path), `${f.owner}:${f.group} ${Number.parseInt(f.mode, 8).toString(8)}`, f.path);
          break;
        case FileKind.AUTHORIZED_KEYS:
        case FileKind.KNOWN_HOSTS:
          assert.equal(readFileSync(f.path, 'utf8'), f.content, f.path);
          break;
        case FileKind.MANAGED_LIST:
          assert.equal(readFileSync(f.path, 'utf8'), f.content, 'the managed list, written last');
          break;
        default:
          assert.ok(!existsSync(f.path), `${f.path} (${f.kind}) has a step of its own`);
      }
    }
    assert.match(readFileSync(files.find((f) => f.path.endsWith('/known_hosts'))!.path, 'utf8'), /^pg1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIpinnedpg1 cdktf-barman:drift$/m);

    // a hand edit of barman.conf, Barman's overrides, and what would change: nothing of it happens
    const barmanConf = files.find((f) => f.path.endsWith('/etc/barman.conf'))!;
    writeFileSync(barmanConf.path, `${barmanConf.content}; tuned by hand\n`);
    writeFileSync(join(home, '.barman.auto.conf'), '[pg1]\narchiver = on\n');
    const list = files.find((f) => f.kind === FileKind.MANAGED_LIST)!;
    rmSync(list.path);
    const ak = files.find((f) => f.path.endsWith('/authorized_keys'))!;
    rmSync(ak.path);
    const d = runStep(first, { cwd: h.root, env });
    assert.equal(d.status, 1, d.stdout + d.stderr);
    assert.ok(d.stderr.includes(`drift: ${barmanConf.path} was edited by hand since the last apply`), d.stderr);
    assert.ok(d.stderr.includes(`drift: ${home}/.barman.auto.conf (written by barman config-update) overrides the files this library writes:\n  [pg1]\n  archiver = on\n`), d.stderr);
    assert.ok(d.stderr.includes('set barman_allow_overrides: true on bk'), d.stderr);
    assert.equal(readFileSync(barmanConf.path, 'utf8'), `${barmanConf.content}; tuned by hand\n`);
    assert.ok(!existsSync(ak.path) && !existsSync(list.path), 'nothing written: neither the shared files nor the managed list');
  });
});
