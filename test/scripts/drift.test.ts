/**
 * Drift detection at apply time (lib/scripts/drift-library.ts), run for real with sh against temp
 * directories: the records of what was written live in CDKTF_BARMAN_STATE_DIR (a temp dir here,
 * /usr/local/lib/cdktf-barman on a host). Also: where the generated scripts check, and that
 * secrets never go through the drift report.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../lib/model/enums';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { Concern, FileKind, HostFile, renderHosts } from '../../lib/render/host-files';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { backupEdgeScript, barmanServerScript, postgresAccessScript } from '../../lib/scripts/concern-scripts';
import { writtenRecordPath, WRITTEN_RECORDS_DIR } from '../../lib/scripts/drift-library';
import { BarmanOverrides, DriftPolicy, HostScriptBuilder } from '../../lib/scripts/host-script-builder';
import { PRIVATE_KEY_INSTALL_SCRIPT } from '../../lib/scripts/private-key-script';
import { pgpassScript } from '../../lib/scripts/postgres-side-scripts';
import { toBase64 } from '../../lib/scripts/remote-command';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

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

  /** the step a concern script makes of these files: check everything, then write */
  run(files: HostFile[], policy: Partial<DriftPolicy> = {}, overrides?: BarmanOverrides): Run {
    const b = new HostScriptBuilder().checkDrift({ host: 'bk', owner: 'pg1', allowOverrides: false, ...policy }, files, overrides);
    for (const f of files) b.file(f);
    const r = spawnSync('sh', ['-c', b.raw('echo WROTE-ALL').build()], { cwd: this.root, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: this.state }, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
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
    assert.ok(!r.stdout.includes('WROTE-ALL'));
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
    assert.ok(r.stdout.includes('WROTE-ALL'));
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

describe('where the generated scripts look for drift', () => {
  const graph = (allow?: boolean) =>
    graphFromProps({
      clusterName: 'drift',
      instances: [
        { name: 'pg1', roles: [Role.PRIMARY], backup: ['bk'], settings: allow === undefined ? {} : { allowOverrides: allow } },
        { name: 'bk', roles: [Role.BARMAN] },
      ],
    });
  const FAKE = { publicKeyBase64: () => toBase64('ssh-ed25519 AAAA') };
  /** the script's own lines (after the libraries) */
  const ownLines = (script: string) => script.split('\n').filter((l) => /^[a-z_]+ /.test(l) && !/^(set|umask|trap|export|die|need_|cdktf_|local) /.test(l));
  const firstWrite = (lines: string[]) => lines.findIndex((l) => /^(install_staged |ensure_dir |ensure_file |install_from |merge_lines |put_file |src=|lines=)/.test(l));

  test('every concern: drift checked first, every whole file staged, each instance its own setting', () => {
    for (const allow of [undefined, false, true]) {
      const g = graph(allow);
      const bk = renderHosts(g, new PlaceholderKeys()).find((p) => p.instance.name === 'bk')!;
      const server = barmanServerScript(g, bk.instance, bk.files.filter((f) => f.concern === Concern.BARMAN_SERVER), FAKE).script;
      const edge = backupEdgeScript(g.edges[0], bk.files.filter((f) => f.edge === g.edges[0] && f.kind !== FileKind.PASSWORD_BLOCK)).script;
      for (const [name, script, policy, check] of [
        ['server', server, "drift_policy 'bk' 'bk' 0", "check_barman_auto_conf '/var/lib/barman'"],
        ['edge', edge, `drift_policy 'bk' 'pg1' ${allow ? 1 : 0}`, "check_barman_overrides_of '/var/lib/barman' 'pg1'"],
      ] as const) {
        const lines = script.split('\n');
        const verdict = lines.indexOf('drift_verdict');
        assert.ok(verdict > 0, `${name}: a verdict`);
        assert.ok(lines.includes(policy), `${name}: ${policy}`);
        assert.ok(lines.includes(check), `${name}: ${check}`);
        const writes = lines.findIndex((l, i) => i > verdict - 1 && /^(install_staged |ensure_dir |ensure_file |install_from |merge_lines |put_file |src=|lines=)/.test(l));
        assert.ok(firstWrite(lines.slice(0, verdict)) < 0 && writes > verdict, `${name}: nothing written before the verdict`);
        const staged = lines.filter((l) => l.startsWith('stage_file ')).length;
        assert.equal(lines.filter((l) => l.startsWith('install_staged ')).length, staged);
        assert.equal(ownLines(script).filter((l) => l.startsWith('put_file ')).length, 0, `${name}: no whole file written unchecked`);
      }
      const wholeFiles = bk.files.filter((f) => f.kind === FileKind.FILE && !f.publicKey).map((f) => f.path).sort();
      const staged = [...`${server}\n${edge}`.matchAll(/^stage_file \d+ '([^']+)'/gm)].map((m) => m[1]).sort();
      assert.deepEqual(staged, wholeFiles, 'every whole file of the Barman server goes through the check');
    }
  });

  test('the Postgres side writes no whole file of its own: no drift step there; secrets never go through it', () => {
    const g = graph();
    const pg1 = renderHosts(g, new PlaceholderKeys()).find((p) => p.instance.name === 'pg1')!;
    const access = postgresAccessScript(g, pg1.instance, pg1.files.filter((f) => f.concern === Concern.POSTGRES_ACCESS), FAKE).script;
    assert.ok(!access.includes('drift_verdict') && !access.includes('stage_file'));
    assert.ok(!PRIVATE_KEY_INSTALL_SCRIPT.includes('stage_file') && !PRIVATE_KEY_INSTALL_SCRIPT.includes('diff'), 'private keys: no drift report');
    const bk = renderHosts(g, new PlaceholderKeys()).find((p) => p.instance.name === 'bk')!;
    const pgpass = pgpassScript(g.edges[0], bk.files.find((f) => f.kind === FileKind.PASSWORD_BLOCK)!);
    assert.ok(!pgpass.includes('stage_file') && !pgpass.includes('diff -u'), '.pgpass: no drift report');
    // a private key or a password block handed to the check is not staged, so never diffed
    const b = new HostScriptBuilder().checkDrift({ host: 'h', owner: 'o', allowOverrides: false }, bk.files.filter((f) => f.kind === FileKind.PRIVATE_KEY || f.kind === FileKind.PASSWORD_BLOCK || f.kind === FileKind.MANAGED_LINES));
    assert.ok(!b.build().includes('stage_file'));
  });

  test('the builder refuses a whole file that skipped the check, or a content other than the one checked', () => {
    const f: HostFile = { path: '/etc/x', owner: 'root', group: 'root', mode: '0644', kind: FileKind.FILE, content: 'a\n', concern: Concern.BARMAN_SERVER };
    assert.throws(() => new HostScriptBuilder().file(f), /only after checkDrift/);
    assert.throws(() => new HostScriptBuilder().checkDrift({ host: 'h', owner: 'o', allowOverrides: false }, [f]).file({ ...f, content: 'b\n' }), /another content/);
    assert.throws(() => new HostScriptBuilder().checkDrift({ host: 'h', owner: 'o', allowOverrides: false }, [f]).build(), /never written/);
  });

  test('records live under /usr/local/lib/cdktf-barman/written, mirroring the path', () => {
    assert.equal(WRITTEN_RECORDS_DIR, '/usr/local/lib/cdktf-barman/written');
    assert.equal(writtenRecordPath('/etc/barman.d/pg1.conf'), '/usr/local/lib/cdktf-barman/written/etc/barman.d/pg1.conf');
  });
});
