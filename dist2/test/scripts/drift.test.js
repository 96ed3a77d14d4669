"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Drift detection at apply time (shell/drift.sh, called by shell/files.sh's write_files), run for
 * real with sh against temp directories: the records of what was written live in
 * CDKTF_BARMAN_STATE_DIR (a temp dir here, /usr/local/lib/cdktf-barman on a host). Also: the real
 * steps of a Barman server and a backed-up instance (their files moved under a temp root) stop on
 * drift before writing anything, and secrets never go through the drift report.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const enums_1 = require("../../lib/model/enums");
const periods_1 = require("../../lib/model/periods");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const host_files_1 = require("../../lib/render/host-files");
const key_material_1 = require("../../lib/render/key-material");
const concern_scripts_1 = require("../../lib/scripts/concern-scripts");
const drift_library_1 = require("../../lib/scripts/drift-library");
const postgres_side_scripts_1 = require("../../lib/scripts/postgres-side-scripts");
const shell_assets_1 = require("../../lib/scripts/shell-assets");
const host_step_1 = require("../support/host-step");
const postgres_1 = require("../support/postgres");
const requirements_1 = require("../support/requirements");
const ME = (0, node_child_process_1.spawnSync)('id', ['-un'], { encoding: 'utf8' }).stdout.trim();
const MY_GROUP = (0, node_child_process_1.spawnSync)('id', ['-gn'], { encoding: 'utf8' }).stdout.trim();
function tempDir(prefix) {
    const d = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), `cdktf-barman-drift-${prefix}-`));
    (0, node_test_1.after)(() => (0, node_fs_1.rmSync)(d, { recursive: true, force: true }));
    return d;
}
const sha256 = (text) => (0, node_crypto_1.createHash)('sha256').update(text).digest('hex');
const mode = (path) => ((0, node_fs_1.statSync)(path).mode & 0o7777).toString(8).padStart(4, '0');
/** A host in a temp directory: its files under `root`, the library's records under `state`. */
class TempHost {
    root = tempDir('root');
    state = tempDir('state');
    path(name) {
        return (0, node_path_1.join)(this.root, name);
    }
    file(name, content) {
        return { path: this.path(name), owner: ME, group: MY_GROUP, mode: '0640', kind: host_files_1.FileKind.FILE, content, concern: host_files_1.Concern.BARMAN_SERVER };
    }
    /** write_files as a concern step runs it on these files: check everything, then write */
    run(files, policy = {}, overrides) {
        const args = (0, concern_scripts_1.writeFilesArgs)({ host: 'bk', owner: 'pg1', allowOverrides: false, ...policy }, files, '', overrides);
        return (0, host_step_1.runStep)({ step: 'write_files', args }, { cwd: this.root, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: this.state } });
    }
    record(name) {
        return (0, node_path_1.join)(this.state, 'written', this.path(name));
    }
}
const CONF_V1 = '[pg1]\ndescription = "pg1"\nretention_policy = RECOVERY WINDOW OF 4 WEEKS\n';
const CONF_V2 = '[pg1]\ndescription = "pg1"\nretention_policy = RECOVERY WINDOW OF 2 WEEKS\n';
const CRON_V1 = '0 4 * * wed,sat barman barman backup pg1\n';
const CRON_V2 = '0 5 * * wed,sat barman barman backup pg1\n';
(0, node_test_1.describe)('hand edits of whole files, run for real with sh', () => {
    (0, node_test_1.test)('a first apply adopts what is there (no record) and records what it wrote: sha256sum line, root-only', () => {
        const h = new TempHost();
        (0, node_fs_1.writeFileSync)(h.path('pg1.conf'), '# the package shipped this\n');
        const r = h.run([h.file('pg1.conf', CONF_V1)]);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal(r.stderr, '', 'nothing to report on a first apply');
        strict_1.default.equal((0, node_fs_1.readFileSync)(h.path('pg1.conf'), 'utf8'), CONF_V1);
        strict_1.default.equal((0, node_fs_1.readFileSync)(h.record('pg1.conf'), 'utf8'), `${sha256(CONF_V1)}  ${h.path('pg1.conf')}\n`);
        strict_1.default.equal(mode(h.record('pg1.conf')), '0600');
        strict_1.default.equal(mode((0, node_path_1.join)(h.state, 'written')), '0700');
        // the format is sha256sum's: `sha256sum -c` checks the file against it
        strict_1.default.equal((0, node_child_process_1.spawnSync)('sha256sum', ['-c', '--status', h.record('pg1.conf')]).status, 0);
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(h.root), ['pg1.conf'], 'no temp file left');
    });
    (0, node_test_1.test)('a re-run, and a new content over an untouched file, are clean', () => {
        const h = new TempHost();
        for (const content of [CONF_V1, CONF_V1, CONF_V2]) {
            const r = h.run([h.file('pg1.conf', content)]);
            strict_1.default.equal(r.status, 0, r.stderr);
            strict_1.default.equal(r.stderr, '');
            strict_1.default.equal((0, node_fs_1.readFileSync)(h.path('pg1.conf'), 'utf8'), content);
            strict_1.default.equal((0, node_fs_1.readFileSync)(h.record('pg1.conf'), 'utf8').slice(0, 64), sha256(content));
        }
    });
    (0, node_test_1.test)('hand edits: every edited file reported at once with a diff and the fix, the step fails before writing any file', () => {
        const h = new TempHost();
        strict_1.default.equal(h.run([h.file('pg1.conf', CONF_V1), h.file('pg1.cron', CRON_V1), h.file('guard', 'exit 0\n')]).status, 0);
        const edited = `${CONF_V1}bandwidth_limit = 4000\n`;
        (0, node_fs_1.writeFileSync)(h.path('pg1.conf'), edited);
        (0, node_fs_1.writeFileSync)(h.path('pg1.cron'), `# paused by ops\n${CRON_V1}`);
        const guardBefore = (0, node_fs_1.statSync)(h.path('guard'));
        const r = h.run([h.file('pg1.conf', CONF_V2), h.file('pg1.cron', CRON_V2), h.file('guard', 'exit 1\n')]);
        strict_1.default.equal(r.status, 1, r.stdout + r.stderr);
        const conf = h.path('pg1.conf');
        strict_1.default.ok(r.stderr.includes(`cdktf-barman on bk: drift: ${conf} was edited by hand since the last apply (- on the host, + what this apply writes)\n`), r.stderr);
        strict_1.default.ok(r.stderr.includes(`--- ${conf} (on bk)\n+++ ${conf} (this apply)\n`), r.stderr);
        for (const line of ['-retention_policy = RECOVERY WINDOW OF 4 WEEKS', '-bandwidth_limit = 4000', '+retention_policy = RECOVERY WINDOW OF 2 WEEKS', '-# paused by ops', `-${CRON_V1.trim()}`, `+${CRON_V2.trim()}`]) {
            strict_1.default.ok(r.stderr.split('\n').includes(line), `the diff shows ${line}:\n${r.stderr}`);
        }
        strict_1.default.equal((r.stderr.match(/^ {2}fix: put the change into config\.yml \(or the construct props\)/gm) ?? []).length, 2, 'one fix line per file');
        strict_1.default.ok(r.stderr.includes(`error: 2 change(s) made on bk outside cdktf-barman (above): nothing of this step was written. Fix each as said, or set barman_allow_overrides: true on pg1`), r.stderr);
        strict_1.default.ok(!r.stderr.includes((0, node_path_1.join)(h.root, 'guard')), 'the untouched file is not reported');
        // nothing written: the edited files as edited, the third file not even rewritten, records as before
        strict_1.default.equal((0, node_fs_1.readFileSync)(conf, 'utf8'), edited);
        strict_1.default.equal((0, node_fs_1.readFileSync)(h.path('pg1.cron'), 'utf8'), `# paused by ops\n${CRON_V1}`);
        strict_1.default.equal((0, node_fs_1.readFileSync)(h.path('guard'), 'utf8'), 'exit 0\n');
        strict_1.default.equal((0, node_fs_1.statSync)(h.path('guard')).ino, guardBefore.ino);
        strict_1.default.equal((0, node_fs_1.readFileSync)(h.record('pg1.conf'), 'utf8').slice(0, 64), sha256(CONF_V1));
        // and again: the same report (the edit is still there), nothing written
        strict_1.default.equal(h.run([h.file('pg1.conf', CONF_V2), h.file('pg1.cron', CRON_V2), h.file('guard', 'exit 1\n')]).status, 1);
        strict_1.default.equal((0, node_fs_1.readFileSync)(conf, 'utf8'), edited);
    });
    (0, node_test_1.test)('restoring the file by hand, or an edit that equals the new content, lets the apply through', () => {
        const h = new TempHost();
        strict_1.default.equal(h.run([h.file('pg1.conf', CONF_V1)]).status, 0);
        (0, node_fs_1.writeFileSync)(h.path('pg1.conf'), 'edited\n');
        strict_1.default.equal(h.run([h.file('pg1.conf', CONF_V2)]).status, 1);
        (0, node_fs_1.writeFileSync)(h.path('pg1.conf'), CONF_V1);
        const restored = h.run([h.file('pg1.conf', CONF_V2)]);
        strict_1.default.equal(restored.status, 0, restored.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(h.path('pg1.conf'), 'utf8'), CONF_V2);
        // someone made by hand exactly the change the config now asks for: nothing to lose
        (0, node_fs_1.writeFileSync)(h.path('pg1.conf'), CONF_V1);
        const r = h.run([h.file('pg1.conf', CONF_V1)]);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal(r.stderr, '');
        // a file removed since the last apply: nothing to lose either, written again
        (0, node_fs_1.unlinkSync)(h.path('pg1.conf'));
        const gone = h.run([h.file('pg1.conf', CONF_V2)]);
        strict_1.default.equal(gone.status, 0, gone.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(h.path('pg1.conf'), 'utf8'), CONF_V2);
    });
    (0, node_test_1.test)('barman_allow_overrides: the hand edit is overwritten with a warning and the diff; the next apply is clean', () => {
        const h = new TempHost();
        strict_1.default.equal(h.run([h.file('pg1.conf', CONF_V1)]).status, 0);
        (0, node_fs_1.writeFileSync)(h.path('pg1.conf'), `${CONF_V1}bandwidth_limit = 4000\n`);
        const r = h.run([h.file('pg1.conf', CONF_V2)], { allowOverrides: true });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.ok(r.stderr.includes(`cdktf-barman on bk: warning: ${h.path('pg1.conf')} was edited by hand since the last apply: overwritten, as barman_allow_overrides is true on pg1 (the '-' lines are lost)`), r.stderr);
        strict_1.default.ok(r.stderr.split('\n').includes('-bandwidth_limit = 4000'), r.stderr);
        strict_1.default.ok(!r.stderr.includes('fix:') && !r.stderr.includes('error'), r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(h.path('pg1.conf'), 'utf8'), CONF_V2);
        const again = h.run([h.file('pg1.conf', CONF_V2)]);
        strict_1.default.equal(again.status, 0);
        strict_1.default.equal(again.stderr, '');
    });
    (0, node_test_1.test)('a password someone wrote into a managed file by hand is masked in the report', () => {
        const h = new TempHost();
        strict_1.default.equal(h.run([h.file('pg1.conf', CONF_V1)]).status, 0);
        (0, node_fs_1.writeFileSync)(h.path('pg1.conf'), `${CONF_V1}conninfo = host=pg1 user=barman password=s3cr3t-Value dbname=postgres\nstreaming_conninfo = PASSWORD = 'other'\n`);
        const r = h.run([h.file('pg1.conf', CONF_V2)]);
        strict_1.default.equal(r.status, 1);
        strict_1.default.ok(!r.stderr.includes('s3cr3t') && !r.stderr.includes('other'), r.stderr);
        strict_1.default.ok(r.stderr.includes('-conninfo = host=pg1 user=barman password=******** dbname=postgres'), r.stderr);
    });
    (0, node_test_1.test)('a symbolic link in place of a managed file: not read for the report, refused when writing', () => {
        const h = new TempHost();
        strict_1.default.equal(h.run([h.file('pg1.conf', CONF_V1)]).status, 0);
        const secret = (0, node_path_1.join)(h.root, 'secret');
        (0, node_fs_1.writeFileSync)(secret, 'PRIVATE\n');
        (0, node_fs_1.unlinkSync)(h.path('pg1.conf'));
        (0, node_child_process_1.spawnSync)('ln', ['-s', secret, h.path('pg1.conf')]);
        const r = h.run([h.file('pg1.conf', CONF_V2)]);
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.match(r.stderr, /symbolic link/);
        strict_1.default.ok(!r.stderr.includes('PRIVATE'), r.stderr);
    });
});
(0, node_test_1.describe)("Barman's own overrides: .barman.auto.conf and active models, run for real with sh", () => {
    /** a .barman.auto.conf as `barman config-update` writes it (ConfigParser's INI: [section], key = value) */
    const AUTO = '[pg2]\narchiver = on\n\n[pg1]\nstreaming_archiver = off\nbandwidth_limit = 4000\n';
    function home(auto, activeModelOfPg1) {
        const d = tempDir('home');
        if (auto !== undefined)
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(d, '.barman.auto.conf'), auto);
        if (activeModelOfPg1 !== undefined) {
            (0, node_fs_1.mkdirSync)((0, node_path_1.join)(d, 'pg1'));
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(d, 'pg1', '.active-model.auto'), activeModelOfPg1);
        }
        return d;
    }
    (0, node_test_1.test)('the Barman server step: a non-empty .barman.auto.conf fails it, its content reported; absent or only comments: clean', () => {
        const h = new TempHost();
        const bad = home(AUTO);
        const r = h.run([h.file('barman.conf', 'x\n')], { owner: 'bk' }, { barmanHome: bad });
        strict_1.default.equal(r.status, 1, r.stderr);
        strict_1.default.ok(r.stderr.includes(`cdktf-barman on bk: drift: ${bad}/.barman.auto.conf (written by barman config-update) overrides the files this library writes:\n  [pg2]\n  archiver = on\n  [pg1]\n  streaming_archiver = off\n  bandwidth_limit = 4000\n  fix: put these settings into config.yml`), r.stderr);
        strict_1.default.ok(r.stderr.includes('set barman_allow_overrides: true on bk'), r.stderr);
        strict_1.default.equal((0, node_fs_1.existsSync)(h.path('barman.conf')), false, 'nothing written');
        for (const clean of [home(), home(''), home('# comment\n; another\n\n')]) {
            const ok = h.run([h.file('barman.conf', 'x\n')], { owner: 'bk' }, { barmanHome: clean });
            strict_1.default.equal(ok.status, 0, ok.stderr);
            strict_1.default.equal(ok.stderr, '');
        }
    });
    (0, node_test_1.test)("a backed-up instance's step fails only on its own section or its active model", () => {
        const h = new TempHost();
        const r = h.run([h.file('pg1.conf', CONF_V1)], {}, { barmanHome: home(AUTO), server: 'pg1' });
        strict_1.default.equal(r.status, 1);
        strict_1.default.ok(r.stderr.includes('overrides the section [pg1]:\n  streaming_archiver = off\n  bandwidth_limit = 4000\n  fix: put these settings into config.yml (or the construct props) and remove the section [pg1] from'), r.stderr);
        strict_1.default.ok(!r.stderr.includes('archiver = on'), 'the other section is not pg1 business');
        const other = h.run([h.file('pg1.conf', CONF_V1)], {}, { barmanHome: home('[pg2]\narchiver = on\n[pg10]\nx = 1\n'), server: 'pg1' });
        strict_1.default.equal(other.status, 0, other.stderr);
        strict_1.default.equal(other.stderr, '');
        const modelHome = home(undefined, 'pg1-failover\n');
        const m = h.run([h.file('pg1.conf', CONF_V1)], {}, { barmanHome: modelHome, server: 'pg1' });
        strict_1.default.equal(m.status, 1);
        strict_1.default.ok(m.stderr.includes(`drift: the Barman model 'pg1-failover' is active for pg1 (barman config-switch, ${modelHome}/pg1/.active-model.auto)`), m.stderr);
        strict_1.default.ok(m.stderr.includes('then run: barman config-switch pg1 --reset'), m.stderr);
        strict_1.default.equal(h.run([h.file('pg1.conf', CONF_V1)], {}, { barmanHome: home(undefined, '\n'), server: 'pg1' }).status, 0, 'an empty model file is no model (as Barman reads it)');
    });
    (0, node_test_1.test)('with barman_allow_overrides: left alone with a warning that Barman applies them; the step writes its files', () => {
        const h = new TempHost();
        const d = home(AUTO, 'pg1-failover');
        const r = h.run([h.file('pg1.conf', CONF_V1)], { allowOverrides: true }, { barmanHome: d, server: 'pg1' });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.ok(r.stderr.includes(`warning: ${d}/.barman.auto.conf overrides the section [pg1] (barman config-update); left alone, as barman_allow_overrides is true on pg1: Barman applies it over /etc/barman.d`), r.stderr);
        strict_1.default.ok(r.stderr.includes("warning: the Barman model 'pg1-failover' is active for pg1"), r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(d, '.barman.auto.conf'), 'utf8'), AUTO);
        strict_1.default.equal((0, node_fs_1.readFileSync)(h.path('pg1.conf'), 'utf8'), CONF_V1);
    });
    (0, node_test_1.test)('a password in .barman.auto.conf is masked in the report', () => {
        const h = new TempHost();
        const r = h.run([], { owner: 'bk' }, { barmanHome: home('[pg1]\nconninfo = host=pg1 password=hunter2\n') });
        strict_1.default.equal(r.status, 1);
        strict_1.default.ok(!r.stderr.includes('hunter2') && r.stderr.includes('conninfo = host=pg1 password=********'), r.stderr);
    });
});
/** a file moved under `root`: the steps run for real on a temp host */
const under = (root, f) => ({ ...f, path: (0, node_path_1.join)(root, f.path) });
const layoutOf = (s) => (s.args.find((a) => typeof a !== 'string' && a.trigger === 'layout')).content;
/** the body of a function of a shell file, from its `name() {` line to its closing `}` */
function functionBody(text, name) {
    const from = text.indexOf(`\n${name}() {`);
    strict_1.default.ok(from >= 0, `${name} is defined`);
    return text.slice(from, text.indexOf('\n}\n', from) + 2);
}
(0, node_test_1.describe)('where the steps look for drift', () => {
    const graph = (allow) => (0, typed_cluster_1.graphFromProps)({
        clusterName: 'drift',
        instances: [
            { name: 'pg1', roles: [enums_1.Role.PRIMARY], backup: ['bk'], settings: allow === undefined ? {} : { allowOverrides: allow } },
            { name: 'bk', roles: [enums_1.Role.BARMAN] },
        ],
    });
    (0, node_test_1.test)('every concern: each instance its own setting, every whole file of the Barman server in a layout, checked before anything is written', () => {
        for (const allow of [undefined, false, true]) {
            const g = graph(allow);
            const bk = (0, host_files_1.renderHosts)(g, new key_material_1.PlaceholderKeys()).find((p) => p.instance.name === 'bk');
            const server = (0, concern_scripts_1.barmanServerScript)(g, bk.instance, bk.files.filter((f) => f.concern === host_files_1.Concern.BARMAN_SERVER));
            const edge = (0, concern_scripts_1.backupEdgeScript)(g.edges[0], bk.files.filter((f) => f.edge === g.edges[0] && f.kind !== host_files_1.FileKind.PASSWORD_BLOCK));
            // write_files' first arguments: host, owner instance, allow, Barman home and server for the overrides
            strict_1.default.deepEqual(server.args.slice(13, 18), ['bk', 'bk', '0', '/var/lib/barman', ''], 'server: its own setting, the whole .barman.auto.conf');
            strict_1.default.deepEqual(edge.args.slice(3, 8), ['bk', 'pg1', allow ? '1' : '0', '/var/lib/barman', 'pg1'], "edge: pg1's setting, its section and model");
            const fileLines = [...`${layoutOf(server)}${layoutOf(edge)}`.matchAll(/^file \S+ \S+ (.+)$/gm)].map((m) => m[1]).sort();
            const wholeFiles = bk.files.filter((f) => f.kind === host_files_1.FileKind.FILE && !f.publicKey).map((f) => f.path).sort();
            strict_1.default.deepEqual(fileLines, wholeFiles, 'every whole file of the Barman server goes through the check');
        }
        // write_files: every whole file staged and compared, Barman's overrides looked for, the verdict; then the writes
        const wf = functionBody((0, shell_assets_1.shellFile)('files.sh'), 'write_files');
        const verdict = wf.indexOf('drift_verdict');
        for (const check of ['stage_file ', 'check_barman_overrides_of ', 'check_barman_auto_conf '])
            strict_1.default.ok(wf.indexOf(check) > 0 && wf.indexOf(check) < verdict, `${check} before the verdict`);
        for (const write of ['ensure_dir ', 'ensure_file ', 'install_staged ', 'put_file ', 'merge_lines_of ', 'merge_lines ']) {
            strict_1.default.ok(wf.indexOf(write) > verdict, `${write} after the verdict`);
        }
        strict_1.default.ok(wf.includes('file) n=$((n + 1)); install_staged "$n"'), 'a whole file is written from what was staged and checked, nothing else');
    });
    (0, node_test_1.test)('the Postgres side writes no whole file of its own: nothing staged there; secrets never go through it', () => {
        const g = graph();
        const plans = (0, host_files_1.renderHosts)(g, new key_material_1.PlaceholderKeys());
        const pg1 = plans.find((p) => p.instance.name === 'pg1');
        const access = (0, concern_scripts_1.postgresAccessScript)(g, pg1.instance, pg1.files.filter((f) => f.concern === host_files_1.Concern.POSTGRES_ACCESS));
        strict_1.default.doesNotMatch(layoutOf(access), /^file /m, 'no whole file on the Postgres side');
        const privateKey = (0, shell_assets_1.shellFile)('private-key.sh');
        strict_1.default.ok(!privateKey.includes('stage_file') && !privateKey.includes('diff'), 'private keys: no drift report');
        const bk = plans.find((p) => p.instance.name === 'bk');
        const pgpass = (0, postgres_side_scripts_1.pgpassScript)(g.edges[0], bk.files.find((f) => f.kind === host_files_1.FileKind.PASSWORD_BLOCK));
        strict_1.default.equal(pgpass.step, 'pgpass_lines');
        const pgpassLines = functionBody((0, shell_assets_1.shellFile)('postgres-steps.sh', { BARMAN_DB_USER: 'barman', STREAMING_DB_USER: 'streaming_barman' }), 'pgpass_lines');
        strict_1.default.ok(!pgpassLines.includes('stage_file') && !pgpassLines.includes('diff -u'), '.pgpass: no drift report');
        // a private key or a password block in a layout: no content handed over, nothing staged, nothing written
        const h = new TempHost();
        const secretish = bk.files.filter((f) => f.kind === host_files_1.FileKind.PRIVATE_KEY || f.kind === host_files_1.FileKind.PASSWORD_BLOCK || f.kind === host_files_1.FileKind.MANAGED_LINES || f.path.endsWith('/.ssh')).map((f) => under(h.root, f));
        const args = (0, concern_scripts_1.writeFilesArgs)({ host: 'h', owner: 'o', allowOverrides: false }, secretish, 'drift');
        const contents = args.filter((a) => typeof a !== 'string' && a.trigger !== 'layout').map((a) => a.content).join('');
        strict_1.default.ok(!contents.includes('private key') && !contents.includes('<password of'), 'a private key or a password went to write_files');
        const r = (0, host_step_1.runStep)({ step: 'write_files', args }, { cwd: h.root, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: h.state } });
        strict_1.default.equal(r.status, 0, r.stderr);
        for (const f of secretish.filter((x) => x.kind === host_files_1.FileKind.PRIVATE_KEY || x.kind === host_files_1.FileKind.PASSWORD_BLOCK))
            strict_1.default.ok(!(0, node_fs_1.existsSync)(f.path), `${f.path} written by write_files`);
        strict_1.default.ok(!(0, node_fs_1.existsSync)((0, node_path_1.join)(h.state, 'written')), 'nothing recorded: no whole file');
    });
    (0, node_test_1.test)('records live under /usr/local/lib/cdktf-barman/written, mirroring the path', () => {
        strict_1.default.equal(drift_library_1.WRITTEN_RECORDS_DIR, '/usr/local/lib/cdktf-barman/written');
        strict_1.default.equal((0, drift_library_1.writtenRecordPath)('/etc/barman.d/pg1.conf'), '/usr/local/lib/cdktf-barman/written/etc/barman.d/pg1.conf');
        strict_1.default.ok((0, shell_assets_1.shellFile)('drift.sh', { DRIFT_STATE_DIR: '/usr/local/lib/cdktf-barman' }).includes("record_of() { printf '%s/written%s' \"$cdktf_state\" \"$1\"; }"), 'drift.sh records at <state>/written<path>');
    });
});
// ---------------------------------------------------------------------------------------------
// the real steps, their files under a temp root (root: the files belong to barman and postgres)
const NEEDS_STEPS = [(0, requirements_1.rootMissing)('the steps give files to the barman user'), (0, requirements_1.userMissing)('barman', 'barman'), (0, requirements_1.commandMissing)('barman', 'barman'), postgres_1.TEST_POSTGRES.missing];
(0, node_test_1.describe)('the steps of a Barman server and a backed-up instance stop on drift before writing anything, run for real', { skip: (0, requirements_1.skipUnless)(...NEEDS_STEPS) }, () => {
    const ownerMode = (path) => (0, node_child_process_1.spawnSync)('stat', ['-c', '%U:%G %a', path], { encoding: 'utf8' }).stdout.trim();
    /** a graph whose Barman home (for its overrides) is a temp directory; the server's checks pass on this machine */
    const graph = (home, allow, weeks = 4) => (0, typed_cluster_1.graphFromProps)({
        clusterName: 'drift',
        settings: { postgresVersion: postgres_1.TEST_POSTGRES.major, postgresBinDir: postgres_1.TEST_POSTGRES.bin, barmanHome: home },
        instances: [
            { name: 'pg1', roles: [enums_1.Role.PRIMARY], backup: ['bk'], sshHostKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIpinnedpg1'], settings: { ...(allow === undefined ? {} : { allowOverrides: allow }), retentionPolicy: periods_1.RetentionPolicy.recoveryWindow(weeks, enums_1.Period.WEEKS) } },
            { name: 'bk', roles: [enums_1.Role.BARMAN] },
        ],
    });
    function edgeStep(root, home, allow, weeks) {
        const g = graph(home, allow, weeks);
        const e = g.edges[0];
        // as the construct hands them over with the passwords: the .pgpass block is in the layout, and write_files leaves it alone
        const files = (0, host_files_1.renderHosts)(g, new key_material_1.PlaceholderKeys()).find((p) => p.instance.name === 'bk').files.filter((f) => f.concern === host_files_1.Concern.BACKUP_EDGE && f.edge === e).map((f) => under(root, f));
        return { step: (0, concern_scripts_1.backupEdgeScript)(e, files), files };
    }
    (0, node_test_1.test)("backup_edge: whole files byte for byte with owner and mode; a hand edit and Barman's section override stop the next apply, nothing written; allowed, overwritten with a warning", () => {
        const h = new TempHost();
        const home = tempDir('barman-home');
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(h.root, 'etc', 'barman.d'), { recursive: true });
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(h.root, 'etc', 'cron.d'), { recursive: true });
        const env = { ...process.env, CDKTF_BARMAN_STATE_DIR: h.state };
        const first = edgeStep(h.root, home);
        const r = (0, host_step_1.runStep)(first.step, { cwd: h.root, env });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal(r.stderr, '');
        const whole = first.files.filter((f) => f.kind === host_files_1.FileKind.FILE);
        strict_1.default.equal(whole.length, 2, 'the conf and the cron file');
        for (const f of whole) {
            strict_1.default.equal((0, node_fs_1.readFileSync)(f.path, 'utf8'), f.content, `${f.path}: byte for byte`);
            strict_1.default.equal(ownerMode(f.path), `${f.owner}:${f.group} ${Number.parseInt(f.mode, 8).toString(8)}`, f.path);
            strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(h.state, 'written', f.path), 'utf8'), `${sha256(f.content)}  ${f.path}\n`);
        }
        strict_1.default.ok(!(0, node_fs_1.existsSync)(first.files.find((f) => f.kind === host_files_1.FileKind.PASSWORD_BLOCK).path), '.pgpass is not write_files business');
        const [conf, cron] = [whole.find((f) => f.path.endsWith('.conf')), whole.find((f) => !f.path.endsWith('.conf'))];
        // a hand edit, and barman config-update on pg1's section: both reported, nothing of the new content written
        (0, node_fs_1.writeFileSync)(conf.path, `${conf.content}bandwidth_limit = 4000\n`);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(home, '.barman.auto.conf'), '[pg1]\nstreaming_archiver = off\n');
        const cronIno = (0, node_fs_1.statSync)(cron.path).ino;
        const second = edgeStep(h.root, home, undefined, 2);
        strict_1.default.notEqual(second.files.find((f) => f.path === conf.path).content, conf.content);
        const d = (0, host_step_1.runStep)(second.step, { cwd: h.root, env });
        strict_1.default.equal(d.status, 1, d.stdout + d.stderr);
        strict_1.default.ok(d.stderr.includes(`cdktf-barman on bk: drift: ${conf.path} was edited by hand since the last apply`), d.stderr);
        strict_1.default.ok(d.stderr.split('\n').includes('-bandwidth_limit = 4000'), d.stderr);
        strict_1.default.ok(d.stderr.includes('overrides the section [pg1]:\n  streaming_archiver = off\n'), d.stderr);
        strict_1.default.ok(d.stderr.includes('error: 2 change(s) made on bk outside cdktf-barman (above): nothing of this step was written'), d.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(conf.path, 'utf8'), `${conf.content}bandwidth_limit = 4000\n`);
        strict_1.default.equal((0, node_fs_1.statSync)(cron.path).ino, cronIno, 'the untouched cron file was not rewritten either');
        // barman_allow_overrides on pg1: the edit overwritten, the override left, both with a warning
        const allowed = edgeStep(h.root, home, true, 2);
        const a = (0, host_step_1.runStep)(allowed.step, { cwd: h.root, env });
        strict_1.default.equal(a.status, 0, a.stderr);
        strict_1.default.ok(a.stderr.includes(`warning: ${conf.path} was edited by hand since the last apply: overwritten, as barman_allow_overrides is true on pg1`), a.stderr);
        strict_1.default.ok(a.stderr.includes('overrides the section [pg1] (barman config-update); left alone'), a.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(conf.path, 'utf8'), allowed.files.find((f) => f.path === conf.path).content);
        strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(home, '.barman.auto.conf'), 'utf8'), '[pg1]\nstreaming_archiver = off\n');
    });
    (0, node_test_1.test)('barman_server: every file of its layout on a first apply; a hand edit stops the next one before anything is written, the managed list included', () => {
        const h = new TempHost();
        const home = tempDir('barman-home');
        const env = { ...process.env, CDKTF_BARMAN_STATE_DIR: h.state };
        for (const d of ['etc/cron.d', 'etc/logrotate.d', 'var/log'])
            (0, node_fs_1.mkdirSync)((0, node_path_1.join)(h.root, d), { recursive: true });
        const step = (g) => {
            const plan = (0, host_files_1.renderHosts)(g, new key_material_1.PlaceholderKeys()).find((p) => p.instance.name === 'bk');
            const files = plan.files.filter((f) => f.concern === host_files_1.Concern.BARMAN_SERVER).map((f) => under(h.root, f));
            const s = (0, concern_scripts_1.barmanServerScript)(g, plan.instance, files);
            // barman_home stays the barman user's real one (need_home checks it); its files and .pgpass live under the temp root
            const args = [...s.args];
            strict_1.default.equal(args[3], home);
            args[3] = '/var/lib/barman';
            args[10] = (0, node_path_1.join)(h.root, args[10]);
            return { step: { ...s, args }, files };
        };
        const { step: first, files } = step(graph(home));
        const r = (0, host_step_1.runStep)(first, { cwd: h.root, env });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal(r.stderr, '');
        for (const f of files) {
            switch (f.kind) {
                case host_files_1.FileKind.DIRECTORY:
                    strict_1.default.ok((0, node_fs_1.statSync)(f.path).isDirectory(), f.path);
                    strict_1.default.equal(ownerMode(f.path), `${f.owner}:${f.group} ${Number.parseInt(f.mode, 8).toString(8)}`, f.path);
                    break;
                case host_files_1.FileKind.LOG_FILE:
                case host_files_1.FileKind.FILE:
                    strict_1.default.equal((0, node_fs_1.readFileSync)(f.path, 'utf8'), f.content ?? '', f.path);
                    strict_1.default.equal(ownerMode(f.path), `${f.owner}:${f.group} ${Number.parseInt(f.mode, 8).toString(8)}`, f.path);
                    break;
                case host_files_1.FileKind.MANAGED_LINES:
                    strict_1.default.equal((0, node_fs_1.readFileSync)(f.path, 'utf8'), f.content, f.path);
                    break;
                case host_files_1.FileKind.MANAGED_LIST:
                    strict_1.default.equal((0, node_fs_1.readFileSync)(f.path, 'utf8'), f.content, 'the managed list, written last');
                    break;
                default:
                    strict_1.default.ok(!(0, node_fs_1.existsSync)(f.path), `${f.path} (${f.kind}) has a step of its own`);
            }
        }
        strict_1.default.match((0, node_fs_1.readFileSync)(files.find((f) => f.path.endsWith('/known_hosts')).path, 'utf8'), /^pg1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIpinnedpg1 cdktf-barman:drift$/m);
        // a hand edit of barman.conf, Barman's overrides, and what would change: nothing of it happens
        const barmanConf = files.find((f) => f.path.endsWith('/etc/barman.conf'));
        (0, node_fs_1.writeFileSync)(barmanConf.path, `${barmanConf.content}; tuned by hand\n`);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(home, '.barman.auto.conf'), '[pg1]\narchiver = on\n');
        const list = files.find((f) => f.kind === host_files_1.FileKind.MANAGED_LIST);
        (0, node_fs_1.rmSync)(list.path);
        const ak = files.find((f) => f.path.endsWith('/authorized_keys'));
        (0, node_fs_1.rmSync)(ak.path);
        const d = (0, host_step_1.runStep)(first, { cwd: h.root, env });
        strict_1.default.equal(d.status, 1, d.stdout + d.stderr);
        strict_1.default.ok(d.stderr.includes(`drift: ${barmanConf.path} was edited by hand since the last apply`), d.stderr);
        strict_1.default.ok(d.stderr.includes(`drift: ${home}/.barman.auto.conf (written by barman config-update) overrides the files this library writes:\n  [pg1]\n  archiver = on\n`), d.stderr);
        strict_1.default.ok(d.stderr.includes('set barman_allow_overrides: true on bk'), d.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(barmanConf.path, 'utf8'), `${barmanConf.content}; tuned by hand\n`);
        strict_1.default.ok(!(0, node_fs_1.existsSync)(ak.path) && !(0, node_fs_1.existsSync)(list.path), 'nothing written: neither the shared files nor the managed list');
    });
});
