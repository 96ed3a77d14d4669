/**
 * The host program (lib/scripts/shell/*.sh, assembled in HOST_PROGRAM) and the step lines the
 * library builds: syntax (sh -n, shellcheck -s sh) of every shell file, of the assembled program
 * and prologue, and of every remote-exec inline of every graph (server, backup edge, Postgres access
 * and config, roles, .pgpass, activation, private keys, secret steps included); quoting of hostile
 * values through the step lines, run for real; the shell library's functions and write_files run
 * for real with `sh` in a temp directory. As root, the Postgres-side steps also run against a
 * throwaway cluster of the machine's PostgreSQL (test/support/postgres.ts). What a test needs and
 * lacks: test/support/requirements.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { Concern, FileKind, HostFile, ManagedBlockFile } from '../../lib/render/host-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { shellQuote } from '../../lib/render/shell-quote';
import { backupEdgeScript } from '../../lib/concerns/backup-edge/backup-edge-step';
import { BARMAN_SERVER_SHELL, barmanServerScript } from '../../lib/concerns/barman-server/barman-server-step';
import { postgresAccessScript } from '../../lib/concerns/postgres-access/postgres-access-step';
import { writeFilesArgs } from '../../lib/scripts/write-files-args';
import { activationScript } from '../../lib/concerns/activation/activation-step';
import { preflightScript } from '../../lib/concerns/preflight/preflight-step';
import { pgpassScript } from '../../lib/concerns/backup-edge/backup-edge-step';
import { postgresConfigScript } from '../../lib/concerns/postgres-config/postgres-config-step';
import { postgresRolesCheckScript, postgresRolesScript } from '../../lib/concerns/postgres-roles/postgres-roles-step';
import { POSTGRES_SIDE_LIBRARY } from '../../lib/scripts/postgres-side-library';
import { HOST_PROGRAM, HOST_PROLOGUE } from '../../lib/scripts/host-program';
import { ExecTarget, HostScript, STANDALONE, TriggerArg, privateKeyStep, remoteExecLines, secretExecLines, standaloneCommand, toBase64, triggerArgsOf } from '../../lib/scripts/remote-command';
import { hostProgramTarget } from '../../lib/constructs/host-program-local';
import { TerraformStack, Testing } from '../../lib/platform/cdktf';
import { SHELL_DIR, shellAssetPaths } from '../../lib/scripts/shell-assets';
import { SHELL_LIBRARY } from '../../lib/scripts/shell-library';
import { SEED_CONFIG, fixtureConfigs, multiGraph } from '../constructs/synth-helpers';
import { runInline, runStep } from '../support/host-step';
import { TEST_POSTGRES } from '../support/postgres';
import { SETUP_COMMAND, commandMissing, rootMissing, shellcheckMissing, skipInside, skipUnless } from '../support/requirements';

// ---------------------------------------------------------------------------------------------
// helpers

function sh(script: string, opts: { cwd?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', script, 'sh', ...(opts.args ?? [])], { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const ME = sh('id -un').stdout.trim();
const MY_GROUP = sh('id -gn').stdout.trim();

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `cdktf-barman-${prefix}-`));
  after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

const mode = (path: string): string => (statSync(path).mode & 0o7777).toString(8).padStart(4, '0');

interface NamedScript {
  readonly name: string;
  readonly text: string;
}

/** every step the library builds for a graph, with the name of the resource it belongs to */
function stepsOf(graph: BarmanGraph): { name: string; step: HostScript; secrets: number }[] {
  const out: { name: string; step: HostScript; secrets: number }[] = [];
  const plans = renderHosts(graph, new PlaceholderKeys());
  for (const p of plans) {
    const filesOf = (c: Concern) => p.files.filter((f) => f.concern === c);
    for (const install of [false, true]) out.push({ name: `preflight of ${p.instance.name}${install ? ' (installPackages)' : ''}`, step: preflightScript(graph, p.instance, install), secrets: 0 });
    if (p.instance.isBarmanServer) {
      out.push({ name: `server ${p.instance.name}`, step: barmanServerScript(graph, p.instance, filesOf(Concern.BARMAN_SERVER)), secrets: 0 });
      for (const e of graph.edgesOnServer(p.instance)) {
        out.push({ name: `edge ${e.instance.name} on ${e.server.name}`, step: backupEdgeScript(e, p.files.filter((f) => f.concern === Concern.BACKUP_EDGE && f.edge === e)), secrets: 0 });
        const pgpass = p.files.filter((f) => f.kind === FileKind.PASSWORD_BLOCK).find((f) => f.edge === e);
        assert.ok(pgpass, `${e.instance.name} on ${e.server.name}: a .pgpass block`);
        out.push({ name: `.pgpass of ${e.instance.name} on ${e.server.name}`, step: pgpassScript(e, pgpass), secrets: 2 });
        out.push({ name: `activation of ${e.instance.name} on ${e.server.name}`, step: activationScript(e), secrets: 0 });
      }
    }
    if (p.instance.isPostgres) {
      out.push({ name: `postgres ${p.instance.name}`, step: postgresAccessScript(graph, p.instance, filesOf(Concern.POSTGRES_ACCESS)), secrets: 0 });
      const hba = p.files.find((f) => f.kind === FileKind.MANAGED_BLOCK);
      assert.ok(hba, `${p.instance.name}: a pg_hba.conf block`);
      out.push({ name: `postgres config ${p.instance.name}`, step: postgresConfigScript(graph, p.instance, hba), secrets: 0 });
      if (!p.instance.roles.includes(Role.REPLICA)) {
        out.push({ name: `roles check on ${p.instance.name}`, step: postgresRolesCheckScript(p.instance), secrets: 0 });
        out.push({ name: `roles on ${p.instance.name}`, step: postgresRolesScript(p.instance), secrets: 2 });
      }
    }
    for (const k of p.files.filter((f) => f.kind === FileKind.PRIVATE_KEY)) {
      out.push({ name: `private key ${k.path} on ${p.instance.name}`, step: privateKeyStep(k.path, k.owner, k.group), secrets: 1 });
    }
  }
  return out;
}

/**
 * every remote-exec inline the library builds for a graph (prologue and step line, literal as
 * STANDALONE makes them; secrets as base64, as Terraform substitutes them), and the generated
 * scripts it installs as files (the cron guard, the WAL gate)
 */
function inlinesOf(graph: BarmanGraph): NamedScript[] {
  const out: NamedScript[] = [];
  const secrets = [toBase64('pw-one'), toBase64('pw-two')];
  for (const s of stepsOf(graph)) {
    const lines = s.secrets === 0 ? remoteExecLines(s.step) : secretExecLines(s.step, secrets.slice(0, s.secrets));
    out.push({ name: `${s.name} (${s.secrets === 0 ? '' : 'secret '}remote-exec inline)`, text: lines.join('\n') + '\n' });
  }
  for (const p of renderHosts(graph, new PlaceholderKeys()).filter((x) => x.instance.isBarmanServer)) {
    const guard = p.files.find((f) => f.path.endsWith('/barman-home-ok'));
    if (guard?.content) out.push({ name: `guard script on ${p.instance.name}`, text: guard.content });
    const gate = p.files.find((f) => f.path.endsWith('/barman-wal-gate'));
    if (gate?.content) out.push({ name: `WAL gate on ${p.instance.name}`, text: gate.content });
  }
  return out;
}

/** a graph whose free-text settings hold everything a shell or Terraform could misread */
const HOSTILE_SCRIPT = "/usr/local/bin/hook it's $HOME ${X} %{y} `touch pwned-backtick` $(touch pwned-subst) ; touch pwned-semicolon | tee x && echo 100%";
function hostileGraph(): BarmanGraph {
  return graphFromProps({
    clusterName: 'hostile',
    instances: [
      { name: 'pg', roles: [Role.PRIMARY], backup: ['bk'], settings: { postBackupScript: HOSTILE_SCRIPT, preArchiveRetryScript: "a 'b c' $d", clientDsnAttributes: "application_name='x$y'" } },
      { name: 'bk', roles: [Role.BARMAN] },
    ],
  });
}

const GRAPHS: { name: string; graph: () => BarmanGraph }[] = [
  { name: 'examples/config.yml', graph: () => loadGraphFromFile(SEED_CONFIG()) },
  ...fixtureConfigs().map((f) => ({ name: f.name, graph: () => loadGraphFromFile(f.file) })),
  { name: 'typed multi-topology graph', graph: () => multiGraph() },
  { name: 'hostile values', graph: hostileGraph },
];

/** shellcheck -s sh -f gcc of files: its findings (every severity, no waiver), each named */
function shellcheck(files: readonly string[], nameOf: (file: string) => string): { findings: string; status: number | null; stderr: string } {
  const r = spawnSync('shellcheck', ['-s', 'sh', '-f', 'gcc', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const findings = (r.stdout ?? '')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const f = files.find((x) => l.startsWith(`${x}:`));
      return f === undefined ? l : `[${nameOf(f)}]${l.slice(f.length)}`;
    })
    .join('\n');
  return { findings, status: r.status, stderr: r.stderr ?? '' };
}

/** every shipped .sh (shared ones in lib/scripts/shell, each concern's in its folder), relative to lib/ */
const LIB_DIR = join(SHELL_DIR, '..', '..');
const SHELL_PATHS = shellAssetPaths();
const SHELL_FILES = SHELL_PATHS.map((p) => basename(p)).sort();

// ---------------------------------------------------------------------------------------------

describe('the host shell is valid POSIX sh', () => {
  const noShellcheck = shellcheckMissing();

  test('every shipped .sh (lib/scripts/shell and each concern folder), as a file: sh -n and shellcheck -s sh (only its own directives)', (t) => {
    assert.ok(SHELL_FILES.length >= 13, `${SHELL_FILES.join(' ')}`);
    for (const expected of ['common.sh', 'drift.sh', 'files.sh', 'server.sh', 'backup-edge.sh', 'postgres-access.sh', 'postgres-side.sh', 'postgres-steps.sh', 'edge-removal.sh', 'activation.sh', 'private-key.sh', 'prologue.sh', 'preflight.sh']) {
      assert.ok(SHELL_FILES.includes(expected), `${expected} is shipped beside the library`);
    }
    const files = SHELL_PATHS;
    for (const f of files) {
      const r = spawnSync('sh', ['-n', f], { encoding: 'utf8' });
      assert.equal(r.status, 0, `sh -n rejects ${f}:\n${r.stderr}`);
      assert.match(readFileSync(f, 'utf8'), /^# shellcheck shell=sh\n/, `${f} says it is sh`);
    }
    if (skipInside(t, noShellcheck)) return;
    const r = shellcheck(files, (f) => f.slice(LIB_DIR.length + 1));
    assert.equal(r.findings, '', `shellcheck:\n${r.findings}${r.stderr}`);
    assert.equal(r.status, 0, r.stderr);
  });

  test('the assembled HOST_PROGRAM and HOST_PROLOGUE: sh -n and shellcheck -s sh', (t) => {
    const dir = tempDir('program-syntax');
    const files = [join(dir, 'host-program.sh'), join(dir, 'prologue.sh')];
    writeFileSync(files[0], HOST_PROGRAM);
    writeFileSync(files[1], HOST_PROLOGUE);
    assert.doesNotMatch(HOST_PROGRAM, /@[A-Z][A-Z0-9_]*@/, 'every placeholder filled');
    assert.doesNotMatch(HOST_PROLOGUE, /@[A-Z][A-Z0-9_]*@/, 'every placeholder filled');
    assert.doesNotMatch(HOST_PROGRAM, /^"\$@"$/m, 'the program runs no step of its own: each provisioner appends its step');
    for (const f of files) {
      const r = spawnSync('sh', ['-n', f], { encoding: 'utf8' });
      assert.equal(r.status, 0, `sh -n rejects ${f}:\n${r.stderr}`);
    }
    if (skipInside(t, noShellcheck)) return;
    const r = shellcheck(files, (f) => f.slice(dir.length + 1));
    assert.equal(r.findings, '', `shellcheck:\n${r.findings}${r.stderr}`);
  });

  for (const g of GRAPHS) {
    test(`${g.name}: every remote-exec inline, sh -n and shellcheck -s sh`, (t) => {
      const dir = tempDir('syntax');
      const scripts = inlinesOf(g.graph());
      assert.ok(scripts.length >= 8, `${scripts.length} inlines`);
      const files: string[] = [];
      scripts.forEach((s, i) => {
        const f = join(dir, `${i}.sh`);
        writeFileSync(f, s.text);
        files.push(f);
        const r = spawnSync('sh', ['-n', f], { encoding: 'utf8' });
        assert.equal(r.status, 0, `sh -n rejects ${s.name}:\n${r.stderr}`);
      });
      // sh -n has run; without shellcheck the test is skipped (under CI: fails) from here
      if (skipInside(t, noShellcheck)) return;
      const r = shellcheck(files, (f) => scripts[files.indexOf(f)].name);
      assert.equal(r.findings, '', `shellcheck:\n${r.findings}${r.stderr}`);
      assert.ok(r.status === 0, r.stderr);
    });
  }

  test('sh -n catches a syntax error, shellcheck an unquoted expansion, each named (controls)', (t) => {
    const dir = tempDir('syntax-control');
    writeFileSync(join(dir, 'bad.sh'), 'if true; then\n');
    assert.notEqual(spawnSync('sh', ['-n', join(dir, 'bad.sh')]).status, 0);
    if (skipInside(t, noShellcheck)) return;
    writeFileSync(join(dir, 'unquoted.sh'), 'rm -f $1\n');
    const r = shellcheck([join(dir, 'unquoted.sh')], () => 'the control');
    assert.match(r.findings, /^\[the control\]:1:\d+: .*\[SC2086\]$/m);
  });
});

describe('values reach the shell single-quoted or as base64 only', () => {
  const HOSTILE = [
    "it's",
    'two  spaces',
    '$HOME ${HOME} $(touch pwned-subst) `touch pwned-backtick`',
    '"double" \\back\\slash',
    "';touch pwned-quote;'",
    '%{x} 100% \t tab',
    'ünïcødé',
    '',
  ];

  test('shellQuote round-trips every hostile value through sh', () => {
    const dir = tempDir('quote');
    for (const v of HOSTILE) {
      const r = sh(`printf '%s' ${shellQuote(v)}`, { cwd: dir });
      assert.equal(r.status, 0);
      assert.equal(r.stdout, v);
    }
    assert.deepEqual(readdirSync(dir), [], 'nothing was executed');
  });

  test('step arguments arrive verbatim, empty ones included, through standaloneCommand and through the remote-exec inline', { skip: skipUnless(rootMissing('the inline runs the root branch of cdktf_run (not root, it would call sudo -n)')) }, () => {
    const dir = tempDir('step-args');
    const printArgs: HostScript = { step: 'printf', args: ['[%s]', ...HOSTILE] };
    const expected = HOSTILE.map((v) => `[${v}]`).join('');
    const direct = runStep(printArgs, { cwd: dir });
    assert.equal(direct.status, 0, direct.stderr);
    assert.equal(direct.stdout, expected);
    const inline = runInline(join(dir, 'terraform_1.sh'), remoteExecLines(printArgs), { cwd: dir });
    assert.equal(inline.status, 0, inline.stderr);
    assert.equal(inline.stdout, expected);
    assert.deepEqual(readdirSync(dir), [], 'nothing was executed (and the uploaded inline removed itself)');
  });

  test("the steps' messages name hostile values verbatim: need_user (as postgres_access calls it), need_command, die", () => {
    const dir = tempDir('step-messages');
    for (const v of HOSTILE.filter((x) => x !== '')) {
      // postgres_access: its first check is the postgres user, named by the step's first argument
      const access: HostScript = { step: 'postgres_access', args: [`nobody-${v}`, 'nogroup', '/nowhere', 'h', 'o', '0', '', '', '', { trigger: 'layout', content: '' }] };
      const u = runStep(access, { cwd: dir });
      assert.equal(u.status, 1);
      assert.ok(u.stderr.includes(`user 'nobody-${v}' does not exist: install PostgreSQL first, or set postgres_user`), u.stderr);
      const c = runStep({ step: 'need_command', args: [`no-such-${v}`, `install ${v}`] }, { cwd: dir });
      assert.equal(c.status, 1);
      assert.ok(c.stderr.includes(`'no-such-${v}' is not installed: install ${v}`), c.stderr);
      const msg = `message with ${v}`;
      const d = runStep({ step: 'die', args: [msg] }, { cwd: dir });
      assert.equal(d.status, 1, `die exits 1 for ${JSON.stringify(v)}`);
      assert.ok(d.stderr.includes(`error: ${msg}\n`), `stderr: ${d.stderr}`);
    }
    assert.deepEqual(readdirSync(dir), [], 'nothing was executed');
  });

  test('a whole file through write_files: path with quote, $ and spaces; content from its trigger as base64, byte for byte', () => {
    const dir = tempDir('write-file');
    const sub = join(dir, "we'ird $HOME dir");
    mkdirSync(sub);
    const path = join(sub, 'f ile;touch pwned');
    const content = `line 1 with ${HOSTILE.join(' | ')}\n\nlast line without newline $${'{'}x} %{y}`;
    const f: HostFile = { path, owner: ME, group: MY_GROUP, mode: '0640', kind: FileKind.FILE, content, concern: Concern.BARMAN_SERVER };
    const step: HostScript = { step: 'write_files', args: writeFilesArgs({ host: "h'o$st", owner: "o'w$ner", allowOverrides: false }, [f], '') };
    const line = remoteExecLines(step)[1];
    assert.ok(!line.includes('touch pwned-subst') && !line.includes('last line'), 'the content is not in the step line in clear');
    assert.ok(line.includes(`'${toBase64(content)}'`), 'the content as base64, single-quoted');
    const state = tempDir('write-file-state');
    const r = runStep(step, { cwd: dir, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: state } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(path, 'utf8'), content);
    assert.equal(mode(path), '0640');
    assert.deepEqual(readdirSync(dir).sort(), ["we'ird $HOME dir"]);
    assert.deepEqual(readdirSync(sub), ['f ile;touch pwned']);
  });

  test('hostile settings never appear in the step line: the conf is a trigger value, read at apply time', () => {
    const graph = hostileGraph();
    const plans = renderHosts(graph, new PlaceholderKeys());
    const bk = plans.find((p) => p.instance.name === 'bk')!;
    const edge = graph.edges[0];
    const step = backupEdgeScript(edge, bk.files.filter((f) => f.edge === edge));
    // what the construct emits: the step's values from its own triggers (lib/constructs/host-program-local.ts)
    const keys = triggerArgsOf(step).map((a) => a.trigger);
    const terraform: ExecTarget = hostProgramTarget(new TerraformStack(Testing.app(), 'hostile'), 'triggers', keys);
    const line = remoteExecLines(step, terraform)[1];
    const conf = (step.args.find((a): a is TriggerArg => typeof a !== 'string' && a.trigger.endsWith('/pg.conf')))!;
    assert.ok(conf.content.includes('post_backup_script = "') && conf.content.includes("it's $HOME ${X}"), 'the conf, with the script intact, is the trigger value');
    for (const needle of ['touch pwned', "it's", '$HOME', "application_name='x$y'", 'post_backup_script', toBase64(conf.content)]) assert.ok(!line.includes(needle), `${needle} in the step line`);
    const position = [...keys].sort().indexOf(conf.trigger);
    assert.ok(line.includes(`'\${base64encode(element(values(self.triggers), ${position}))}'`), `the conf read from its trigger, by position:\n${line}`);
    // run outside Terraform (STANDALONE), the content travels as base64 only
    const block = remoteExecLines(step, STANDALONE)[1].split('\n');
    assert.equal(block.length, 3, 'the step appended as one here-document line');
    assert.deepEqual([block[0], block[2]], ["cdktf_step <<'cdktf_step_end'", 'cdktf_step_end']);
    assert.ok(block[1].endsWith(' "$@"'), 'a secret step\'s files reach the step as "$@"');
    const literal = block[1].slice(0, -' "$@"'.length);
    for (const needle of ['touch pwned', "it's", '$HOME', "application_name='x$y'"]) assert.ok(!literal.includes(needle), `${needle} in clear in the step line`);
    const decoded = [...literal.matchAll(/'([A-Za-z0-9+/=]{16,})'/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
    assert.ok(decoded.includes(conf.content), 'the conf arrives (base64) intact');
    // every argument of the step line is single-quoted
    const outside = literal.replace(/'[^']*'/g, "''");
    assert.ok(!/[`;|&$]/.test(outside), `unquoted data in: ${outside}`);
  });
});

// ---------------------------------------------------------------------------------------------

describe('shell library functions, run for real with sh', () => {
  const libFile = join(tempDir('lib'), 'lib.sh');
  writeFileSync(libFile, SHELL_LIBRARY);
  const LIB = `. ${shellQuote(libFile)}`;
  const call = (dir: string, body: string) => sh(`${LIB}\n${body}`, { cwd: dir });
  const MARK = 'cdktf-barman:demo';
  const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('.cdktf-barman.'));

  test('merge_lines: foreign lines survive in order, managed lines are replaced, never duplicated', () => {
    const dir = tempDir('merge');
    const ak = join(dir, 'authorized_keys');
    const foreign = [
      'ssh-ed25519 AAAAforeign1 alice@laptop',
      '# a comment someone wrote',
      '',
      'ssh-rsa AAAAforeign2 bob@desk cdktf-barman:other-cluster',
      'ssh-ed25519 AAAAlookalike notcdktf-barman:demo',
    ];
    writeFileSync(ak, [foreign[0], `ssh-ed25519 AAAAold barman@demo ${MARK}`, ...foreign.slice(1)].join('\n') + '\n');
    writeFileSync(join(dir, 'new'), `ssh-ed25519 AAAAnew1 barman@demo ${MARK}\nssh-ed25519 AAAAnew2 barman@demo ${MARK}\n`);
    const expected = [...foreign, `ssh-ed25519 AAAAnew1 barman@demo ${MARK}`, `ssh-ed25519 AAAAnew2 barman@demo ${MARK}`].join('\n') + '\n';
    for (const run of [1, 2, 3]) {
      const r = call(dir, `merge_lines ${shellQuote(ak)} ${ME} ${MY_GROUP} 0600 ${shellQuote(MARK)} new`);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(readFileSync(ak, 'utf8'), expected, `after run ${run}`);
      assert.equal(mode(ak), '0600');
      assert.deepEqual(leftovers(dir), []);
    }
  });

  test('merge_lines: a file without a trailing newline keeps its last line whole', () => {
    const dir = tempDir('merge-nl');
    const kh = join(dir, 'known_hosts');
    writeFileSync(kh, 'host1 ssh-ed25519 AAAA1\nhost2 ssh-ed25519 AAAA2');
    writeFileSync(join(dir, 'new'), `10.0.0.1 ssh-ed25519 AAAAnew ${MARK}\n`);
    const r = call(dir, `merge_lines ${shellQuote(kh)} ${ME} ${MY_GROUP} 0644 ${shellQuote(MARK)} new`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(kh, 'utf8'), `host1 ssh-ed25519 AAAA1\nhost2 ssh-ed25519 AAAA2\n10.0.0.1 ssh-ed25519 AAAAnew ${MARK}\n`);
    assert.equal(mode(kh), '0644');
  });

  test('merge_lines: a missing file is created with the managed lines only; an empty list removes ours only', () => {
    const dir = tempDir('merge-new');
    const f = join(dir, 'authorized_keys');
    writeFileSync(join(dir, 'new'), `k1 barman@demo ${MARK}\n`);
    assert.equal(call(dir, `merge_lines ${shellQuote(f)} ${ME} ${MY_GROUP} 0600 ${shellQuote(MARK)} new`).status, 0);
    assert.equal(readFileSync(f, 'utf8'), `k1 barman@demo ${MARK}\n`);
    writeFileSync(f, `foreign\nk1 barman@demo ${MARK}\n`);
    writeFileSync(join(dir, 'none'), '');
    assert.equal(call(dir, `merge_lines ${shellQuote(f)} ${ME} ${MY_GROUP} 0600 ${shellQuote(MARK)} none`).status, 0);
    assert.equal(readFileSync(f, 'utf8'), 'foreign\n');
  });

  test('writes are atomic: a new inode renamed into place, no .cdktf-barman.* left, the old file intact when a step fails', () => {
    const dir = tempDir('atomic');
    const f = join(dir, 'barman.conf');
    writeFileSync(f, 'old content\n');
    const before = statSync(f).ino;
    const r = call(dir, `put_file ${shellQuote(f)} ${ME} ${MY_GROUP} 0644 '${toBase64('new content\n')}'`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(f, 'utf8'), 'new content\n');
    assert.notEqual(statSync(f).ino, before, 'the file was replaced by rename, not rewritten in place');
    assert.deepEqual(leftovers(dir), []);
    // chown to a user that does not exist fails after the temp file was written: nothing changes
    const bad = call(dir, `put_file ${shellQuote(f)} no-such-user-cdktf ${MY_GROUP} 0644 '${toBase64('half\n')}'`);
    assert.notEqual(bad.status, 0);
    assert.equal(readFileSync(f, 'utf8'), 'new content\n');
    assert.deepEqual(leftovers(dir), [], 'the EXIT trap removed the temp file');
  });

  test('put_file writes exact bytes (no trailing newline, $, quotes, %, UTF-8) with owner and mode', () => {
    const dir = tempDir('put');
    const f = join(dir, 'x');
    const content = "a $HOME ${X} 'q' \"d\" % \\ ünï\n\nno newline at end";
    const r = call(dir, `put_file ${shellQuote(f)} ${ME} ${MY_GROUP} 0600 '${toBase64(content)}'`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(f, 'utf8'), content);
    assert.equal(mode(f), '0600');
  });

  test('put_file refuses to write through a symbolic link', () => {
    const dir = tempDir('symlink');
    const target = join(dir, 'target');
    const link = join(dir, 'link');
    writeFileSync(target, 'precious\n');
    symlinkSync(target, link);
    const r = call(dir, `put_file ${shellQuote(link)} ${ME} ${MY_GROUP} 0644 '${toBase64('evil\n')}'`);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), 'precious\n');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), target);
    assert.deepEqual(leftovers(dir), []);
    // and merge_lines (authorized_keys) too
    writeFileSync(join(dir, 'new'), `k ${MARK}\n`);
    const m = call(dir, `merge_lines ${shellQuote(link)} ${ME} ${MY_GROUP} 0600 ${shellQuote(MARK)} new`);
    assert.notEqual(m.status, 0);
    assert.equal(readFileSync(target, 'utf8'), 'precious\n');
  });

  test('ensure_dir creates with owner and mode, and refuses a symlinked directory', () => {
    const dir = tempDir('ensure-dir');
    const d = join(dir, 'a', 'b');
    assert.equal(call(dir, `ensure_dir ${shellQuote(d)} ${ME} ${MY_GROUP} 0700`).status, 0);
    assert.equal(mode(d), '0700');
    symlinkSync(d, join(dir, 'l'));
    assert.notEqual(call(dir, `ensure_dir ${shellQuote(join(dir, 'l'))} ${ME} ${MY_GROUP} 0755`).status, 0);
    assert.equal(mode(d), '0700');
  });

  test('ensure_file keeps the content of an existing log file and sets owner and mode', () => {
    const dir = tempDir('ensure-file');
    const f = join(dir, 'barman.log');
    writeFileSync(f, 'earlier log lines\n');
    assert.equal(call(dir, `ensure_file ${shellQuote(f)} ${ME} ${MY_GROUP} 0640`).status, 0);
    assert.equal(readFileSync(f, 'utf8'), 'earlier log lines\n');
    assert.equal(mode(f), '0640');
    const g = join(dir, 'new.log');
    assert.equal(call(dir, `ensure_file ${shellQuote(g)} ${ME} ${MY_GROUP} 0640`).status, 0);
    assert.equal(readFileSync(g, 'utf8'), '');
  });

  test('ensure_file refuses to take over an existing file another user owns (a system log, another service\'s file)', { skip: skipUnless(rootMissing('the test gives a file to another user')) }, () => {
    const dir = tempDir('ensure-file-foreign');
    const f = join(dir, 'syslog');
    writeFileSync(f, 'not barman\'s\n');
    sh(`chown daemon ${shellQuote(f)}; chmod 0600 ${shellQuote(f)}`);
    const r = call(dir, `ensure_file ${shellQuote(f)} nobody ${MY_GROUP} 0640`);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /belongs to daemon: refusing to give it to nobody/);
    assert.equal(sh(`stat -c %U:%a ${shellQuote(f)}`).stdout.trim(), 'daemon:600');
    // a file the target user (or root) owns is still taken in hand
    sh(`chown nobody ${shellQuote(f)}`);
    assert.equal(call(dir, `ensure_file ${shellQuote(f)} nobody ${MY_GROUP} 0640`).status, 0);
    assert.equal(mode(f), '0640');
  });

  test(
    'ensure_file leaves the owner and mode of an existing parent directory alone (e.g. /var/log, root:syslog 0775 on Ubuntu)',
    () => {
      const dir = tempDir('ensure-file-parent');
      const logDir = join(dir, 'log');
      mkdirSync(logDir);
      sh(`chmod 0775 ${shellQuote(logDir)}`);
      assert.equal(mode(logDir), '0775');
      assert.equal(call(dir, `ensure_file ${shellQuote(join(logDir, 'barman.log'))} ${ME} ${MY_GROUP} 0640`).status, 0);
      assert.equal(mode(logDir), '0775', 'the parent directory was chmod-ed');
    },
  );

  test('known_host_lines with pinned keys prints one marked line per key', () => {
    const dir = tempDir('known-pinned');
    const keys = 'ssh-ed25519 AAAAone\necdsa-sha2-nistp256 AAAAtwo\n';
    const r = call(dir, `known_host_lines '[10.0.0.2]:2222' 10.0.0.2 2222 ${shellQuote(MARK)} '${toBase64(keys)}'`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `[10.0.0.2]:2222 ssh-ed25519 AAAAone ${MARK}\n[10.0.0.2]:2222 ecdsa-sha2-nistp256 AAAAtwo ${MARK}\n`);
  });

  test(
    'a host whose keys cannot be scanned stops the script (instead of dropping its known_hosts lines)',
    () => {
      const dir = tempDir('known-scan');
      // nothing listens on port 1: the scan fails (or ssh-keyscan is missing: need_command fails)
      const r = call(dir, `lines=$(mktemp)\nknown_host_lines 127.0.0.1 127.0.0.1 1 ${shellQuote(MARK)} >> "$lines"\necho REACHED`);
      assert.match(r.stderr, /cannot read the ssh host keys|is not installed/);
      assert.ok(!r.stdout.includes('REACHED'), 'the script went on after the failed scan');
      assert.notEqual(r.status, 0);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// write_files (shell/files.sh): a step's files as its layout trigger lists them

describe('the Barman server step: the declared Barman version and the PostgreSQL clients, run for real with sh', () => {
  const libFile = join(tempDir('server-lib'), 'lib.sh');
  writeFileSync(libFile, `${SHELL_LIBRARY}\n${BARMAN_SERVER_SHELL}`);
  const call = (body: string) => sh(`. ${shellQuote(libFile)}\n${body}`);

  test('barman_version_of reads the first version in what barman -v prints; nothing there fails', () => {
    assert.equal(call("barman_version_of '3.4.0 Barman by EnterpriseDB (www.enterprisedb.com)'").stdout, '3.4.0\n');
    assert.equal(call("barman_version_of \"$(printf '3.12.1\\n\\nBarman by EnterpriseDB')\"").stdout, '3.12.1\n');
    assert.equal(call("barman_version_of 'barman 3.10'").stdout, '3.10\n');
    assert.notEqual(call("barman_version_of 'command not found'").status, 0);
  });

  test('version_older compares numerically, missing parts as 0', () => {
    const older = (a: string, b: string) => call(`version_older ${shellQuote(a)} ${shellQuote(b)}`).status === 0;
    assert.equal(older('3.4.0', '3.12'), true, '3.4.0 < 3.12 (not as text)');
    assert.equal(older('3.12', '3.4'), false);
    assert.equal(older('3.4.0', '3.4'), false, 'equal');
    assert.equal(older('3.4', '3.4.1'), true);
    assert.equal(older('4.0', '3.99.9'), false);
  });

  test("need_barman_version: the installed Barman (3.4 here) passes 3.0 and 3.4, and fails 3.12 naming both versions and the fix", { skip: skipUnless(commandMissing('barman', 'barman')) }, () => {
    const installed = call("barman_version_of \"$(/usr/bin/barman -v 2>&1)\"").stdout.trim();
    assert.match(installed, /^3\.\d+(\.\d+)?$/);
    assert.equal(call(`need_barman_version bk ${shellQuote(installed)}`).status, 0, 'the same version');
    assert.equal(call('need_barman_version bk 3.0').status, 0, 'an older declared version: the installed one is newer, fine');
    const r = call('need_barman_version bk 99.1');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, new RegExp(`error: Barman ${installed.replace(/\./g, '\\.')} is installed on bk, older than its barman_version 99\\.1: upgrade the barman package to 99\\.1 or later, or lower barman_version`));
  });

  test('need_postgres_clients: pg_receivewal of every major, the missing one named with its instances and package', () => {
    const d = tempDir('clients');
    for (const major of ['16', '17']) {
      mkdirSync(join(d, major, 'bin'), { recursive: true });
      writeFileSync(join(d, major, 'bin', 'pg_receivewal'), '#!/bin/sh\n', { mode: 0o755 });
    }
    const list = (...entries: string[]) => shellQuote(entries.join(';'));
    assert.equal(call(`need_postgres_clients bk ${list(`16 ${d}/16/bin pg16`, `17 ${d}/17/bin pg17,pg17b`)}`).status, 0, call(`need_postgres_clients bk ${list(`16 ${d}/16/bin pg16`, `17 ${d}/17/bin pg17,pg17b`)}`).stderr);
    const r = call(`need_postgres_clients bk ${list(`16 ${d}/16/bin pg16`, `18 ${d}/18/bin pg18,pg18b`, `17 ${d}/17/bin pg17`)}`);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, new RegExp(`error: pg_receivewal of PostgreSQL 18 not found in '${d}/18/bin' on bk, needed by pg18,pg18b \\(postgres_version 18\\): install postgresql-client-18 there`));
  });
});

describe("write_files follows its step's layout, run for real", () => {
  const MARK = 'cdktf-barman:demo';
  const NEEDS_SSHD = skipUnless(rootMissing('the test starts a throwaway sshd'), commandMissing('sshd', 'openssh-server'), commandMissing('ssh-keyscan', 'openssh-client'), commandMissing('ssh-keygen', 'openssh-client'));
  let sshd: ChildProcess | undefined;
  let port = 0;
  let hostKey = '';
  let sshdDir = '';

  /** a throwaway sshd on a free port of 127.0.0.1 and ::1, with a host key of its own: what a scan reads */
  before(async () => {
    if (NEEDS_SSHD !== false) return;
    // not tempDir(): sshd reads its host key again for every connection, until the suite ends
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-sshd-'));
    sshdDir = dir;
    assert.equal(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]).status, 0);
    hostKey = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
    for (let i = 0; i < 10 && sshd === undefined; i++) {
      port = 42000 + Math.floor(Math.random() * 8000);
      const p = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', '/dev/null', '-p', String(port), '-h', join(dir, 'host_key'), '-o', 'PidFile=none', '-o', 'ListenAddress=127.0.0.1', '-o', 'ListenAddress=::1'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      const listening = await new Promise<boolean>((resolve) => {
        p.stderr!.on('data', (d: Buffer) => {
          err += d.toString();
          if (/Server listening on 127\.0\.0\.1/.test(err)) resolve(true);
        });
        p.on('exit', () => resolve(false));
        setTimeout(() => resolve(false), 10_000);
      });
      if (listening) sshd = p;
      else p.kill();
    }
    assert.ok(sshd, 'a throwaway sshd is listening');
  });
  after(() => {
    sshd?.kill();
    if (sshdDir !== '') rmSync(sshdDir, { recursive: true, force: true });
  });

  /** a file of the layout (owner: whoever runs the tests) */
  const file = (path: string, kind: FileKind, fileMode: string, content?: string): HostFile =>
    ({
      path,
      owner: ME,
      group: MY_GROUP,
      mode: fileMode,
      kind,
      content,
      concern: Concern.POSTGRES_ACCESS,
      // a shared file's details only matter to the renderers
      ...(kind === FileKind.PUBLIC_KEY ? { publicKey: {} as never } : kind === FileKind.AUTHORIZED_KEYS ? { authorizedKeys: [] } : kind === FileKind.KNOWN_HOSTS ? { knownHosts: [] } : {}),
    }) as HostFile;
  const writeFiles = (dir: string, files: HostFile[], state: string) =>
    runStep({ step: 'write_files', args: writeFilesArgs({ host: 'h', owner: 'h', allowOverrides: false }, files, 'demo') }, { cwd: dir, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: state } });

  test('directory, log-file, file, public-key, authorized-keys (foreign lines kept), known-hosts (pinned keys copied), in layout order; a re-run replaces only the managed lines', () => {
    const dir = tempDir('layout');
    const state = tempDir('layout-state');
    const home = join(dir, 'home');
    const ssh = join(home, '.ssh');
    mkdirSync(join(dir, 'log'));
    const layout = (akLines: string) => [
      file(home, FileKind.DIRECTORY, '0750'),
      file(ssh, FileKind.DIRECTORY, '0700'),
      file(join(dir, 'log', 'barman.log'), FileKind.LOG_FILE, '0640'),
      file(join(home, 'barman.conf'), FileKind.FILE, '0644', "[barman]\nbarman_user = barman\n; it's $HOME\n"),
      file(join(ssh, 'id_ed25519.pub'), FileKind.PUBLIC_KEY, '0644', 'ssh-ed25519 AAAApublic postgres@demo\n'),
      file(join(ssh, 'authorized_keys'), FileKind.AUTHORIZED_KEYS, '0600', akLines),
      file(join(ssh, 'known_hosts'), FileKind.KNOWN_HOSTS, '0644', `10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[10.0.0.8]:2222 ecdsa-sha2-nistp256 AAAApinned8 ${MARK}\n`),
    ];
    const files = layout(`restrict ssh-ed25519 AAAAbarman1 barman@demo ${MARK}\n`);
    // the layout trigger names each file by the kind write_files handles
    const layoutText = (writeFilesArgs({ host: 'h', owner: 'h', allowOverrides: false }, files, 'demo').find((a): a is TriggerArg => typeof a !== 'string' && a.trigger === 'layout'))!.content;
    assert.deepEqual(layoutText.split('\n').filter((l) => l !== '').map((l) => l.split(' ')[0]), ['directory', 'directory', 'log-file', 'file', 'public-key', 'authorized-keys', 'known-hosts']);
    // someone else's lines in the shared files, and an existing log
    writeFileSync(join(dir, 'log', 'barman.log'), 'earlier log lines\n');
    const r0 = writeFiles(dir, files.slice(0, 2), state);
    assert.equal(r0.status, 0, r0.stderr);
    writeFileSync(join(ssh, 'authorized_keys'), `ssh-ed25519 AAAAforeign alice@laptop\nssh-ed25519 AAAAold barman@demo ${MARK}\n`);
    writeFileSync(join(ssh, 'known_hosts'), 'github.com ssh-ed25519 AAAAgithub\n');
    for (const run of [1, 2]) {
      const r = writeFiles(dir, files, state);
      assert.equal(r.status, 0, `run ${run}: ${r.stderr}`);
      assert.equal(r.stderr, '');
      assert.deepEqual([mode(home), mode(ssh)], ['0750', '0700']);
      assert.equal(readFileSync(join(dir, 'log', 'barman.log'), 'utf8'), 'earlier log lines\n', 'a log file keeps its content');
      assert.equal(mode(join(dir, 'log', 'barman.log')), '0640');
      assert.equal(readFileSync(join(home, 'barman.conf'), 'utf8'), "[barman]\nbarman_user = barman\n; it's $HOME\n");
      assert.equal(mode(join(home, 'barman.conf')), '0644');
      assert.ok(existsSync(join(state, 'written', home, 'barman.conf')), 'a whole file is recorded for the drift check');
      assert.equal(readFileSync(join(ssh, 'id_ed25519.pub'), 'utf8'), 'ssh-ed25519 AAAApublic postgres@demo\n');
      assert.ok(!existsSync(join(state, 'written', ssh, 'id_ed25519.pub')), 'a public key is not drift-checked');
      assert.equal(readFileSync(join(ssh, 'authorized_keys'), 'utf8'), `ssh-ed25519 AAAAforeign alice@laptop\nrestrict ssh-ed25519 AAAAbarman1 barman@demo ${MARK}\n`);
      assert.equal(mode(join(ssh, 'authorized_keys')), '0600');
      assert.equal(readFileSync(join(ssh, 'known_hosts'), 'utf8'), `github.com ssh-ed25519 AAAAgithub\n10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[10.0.0.8]:2222 ecdsa-sha2-nistp256 AAAApinned8 ${MARK}\n`);
      assert.equal(mode(join(ssh, 'known_hosts')), '0644');
      assert.deepEqual(readdirSync(ssh).filter((n) => n.startsWith('.cdktf-barman.')), []);
    }
    // another key authorized: ours replaced, the foreign line kept
    const r = writeFiles(dir, layout(`ssh-ed25519 AAAAbarman2 barman@demo ${MARK}\n`), state);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(ssh, 'authorized_keys'), 'utf8'), `ssh-ed25519 AAAAforeign alice@laptop\nssh-ed25519 AAAAbarman2 barman@demo ${MARK}\n`);
  });

  test('known-hosts: a <scanned-at-apply-from-[address]:port> line becomes the keys sshd offers there, pinned lines are copied', { skip: NEEDS_SSHD }, () => {
    const dir = tempDir('layout-scan');
    const kh = join(dir, 'known_hosts');
    const lines = `10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[127.0.0.1]:${port} <scanned-at-apply-from-[127.0.0.1]:${port}> ${MARK}\n`;
    const r = writeFiles(dir, [file(kh, FileKind.KNOWN_HOSTS, '0644', lines)], tempDir('layout-scan-state'));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(kh, 'utf8'), `10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[127.0.0.1]:${port} ${hostKey} ${MARK}\n`);
  });

  test('known-hosts: a scan that fails (nothing listens there) stops the step: the known_hosts and every file after it unwritten', { skip: skipUnless(commandMissing('ssh-keyscan', 'openssh-client')) }, () => {
    const dir = tempDir('layout-scan-fail');
    const kh = join(dir, 'known_hosts');
    writeFileSync(kh, 'github.com ssh-ed25519 AAAAgithub\n');
    const files = [
      file(join(dir, 'before.conf'), FileKind.FILE, '0644', 'before\n'),
      file(kh, FileKind.KNOWN_HOSTS, '0644', `[127.0.0.1]:1 <scanned-at-apply-from-[127.0.0.1]:1> ${MARK}\n`),
      file(join(dir, 'after.pub'), FileKind.PUBLIC_KEY, '0644', 'ssh-ed25519 AAAAafter x@demo\n'),
    ];
    const r = writeFiles(dir, files, tempDir('layout-scan-fail-state'));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /error: cannot read the ssh host keys of 127\.0\.0\.1 port 1 from this host/);
    assert.equal(readFileSync(kh, 'utf8'), 'github.com ssh-ed25519 AAAAgithub\n', 'the known_hosts is as it was (its lines not dropped)');
    assert.ok(!existsSync(join(dir, 'after.pub')), 'the step went on after the failed scan');
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.cdktf-barman.')), []);
  });

  test('known_hosts_of: pinned lines as they are; [address]:port and a bare address (port 22) scanned', { skip: NEEDS_SSHD }, () => {
    const lines = [`10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}`, `[127.0.0.1]:${port} <scanned-at-apply-from-[127.0.0.1]:${port}> ${MARK}`, `[::1]:${port} <scanned-at-apply-from-[::1]:${port}> ${MARK}`, ''].join('\n');
    const r = runStep({ step: 'known_hosts_of', args: [toBase64(lines)] });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[127.0.0.1]:${port} ${hostKey} ${MARK}\n[::1]:${port} ${hostKey} ${MARK}\n`);
    // a bare address is scanned on port 22 (nothing listens on 127.0.0.9:22 here)
    const bare = runStep({ step: 'known_hosts_of', args: [toBase64(`127.0.0.9 <scanned-at-apply-from-127.0.0.9> ${MARK}\n`)] });
    assert.notEqual(bare.status, 0);
    assert.match(bare.stderr, /cannot read the ssh host keys of 127\.0\.0\.9 port 22 /);
    assert.equal(bare.stdout, '');
  });
});

describe('postgres_access, run for real (its files under a temp root)', { skip: skipUnless(rootMissing('the files belong to the postgres user'), commandMissing('ssh-keyscan', 'openssh-client')) }, () => {
  test("the postgres user's public key, barman's key authorized (foreign lines kept), the Barman server known; no whole file, so nothing recorded", () => {
    const root = tempDir('access-root');
    const state = tempDir('access-state');
    const home = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).stdout.split(':')[5];
    assert.ok(home, 'the postgres user has a home');
    const graph = graphFromProps({
      clusterName: 'acc',
      instances: [
        { name: 'pg', roles: [Role.PRIMARY], backup: ['bk'] },
        { name: 'bk', roles: [Role.BARMAN], address: '10.0.0.2', sshHostKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIbk'] },
      ],
      settings: { postgresHome: home },
    });
    const plan = renderHosts(graph, new PlaceholderKeys()).find((p) => p.instance.name === 'pg')!;
    const files = plan.files.filter((f) => f.concern === Concern.POSTGRES_ACCESS).map((f) => ({ ...f, path: join(root, f.path) }));
    mkdirSync(join(root, home), { recursive: true });
    const ak = files.find((f) => f.path.endsWith('/authorized_keys'))!;
    mkdirSync(join(root, home, '.ssh'));
    writeFileSync(ak.path, 'ssh-ed25519 AAAAforeign admin@laptop\n');
    const r = runStep(postgresAccessScript(graph, plan.instance, files), { env: { ...process.env, CDKTF_BARMAN_STATE_DIR: state } });
    assert.equal(r.status, 0, r.stderr);
    const owner = (p: string) => spawnSync('stat', ['-c', '%U %a', p], { encoding: 'utf8' }).stdout.trim();
    assert.equal(owner(join(root, home, '.ssh')), 'postgres 700');
    const pub = files.find((f) => f.kind === FileKind.PUBLIC_KEY)!;
    assert.equal(readFileSync(pub.path, 'utf8'), pub.content);
    assert.equal(owner(pub.path), 'postgres 644');
    assert.equal(readFileSync(ak.path, 'utf8'), `ssh-ed25519 AAAAforeign admin@laptop\n${ak.content}`);
    assert.equal(owner(ak.path), 'postgres 600');
    assert.equal(readFileSync(files.find((f) => f.path.endsWith('/known_hosts'))!.path, 'utf8'), '10.0.0.2 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIbk cdktf-barman:acc\n');
    assert.ok(!existsSync(files.find((f) => f.kind === FileKind.PRIVATE_KEY)!.path), 'the private key has a step of its own');
    assert.ok(!existsSync(join(state, 'written')), 'nothing recorded');
  });
});

describe('the remote-exec inlines, run for real', { skip: skipUnless(rootMissing('these run the root branch of cdktf_run (not root, it would call sudo -n)')) }, () => {
  /** a temp directory for the uploaded inline (cwd) and one for TMPDIR, which must stay empty */
  const place = (name: string) => {
    const dir = tempDir(name);
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    return { dir, tmp, env: { ...process.env, TMPDIR: tmp } };
  };

  test('remoteExecLines: the step gets its arguments intact, the uploaded inline removes itself ($0), no temp file is left', () => {
    const { dir, tmp, env } = place('remote-exec');
    const out = join(dir, 'out');
    const step: HostScript = { step: 'sh', args: ['-c', `printf '%s|%s|%s' "$1" "$2" "$3" > ${shellQuote(out)}`, 'probe', "a b it's", { trigger: 'x', content: 'from a trigger' }, ''] };
    const inline = join(dir, 'terraform_1.sh');
    const r = runInline(inline, remoteExecLines(step), { cwd: dir, env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out, 'utf8'), `a b it's|${toBase64('from a trigger')}|`);
    assert.ok(!existsSync(inline), 'the uploaded inline removed itself');
    assert.deepEqual(readdirSync(tmp), [], 'the decoded host program was removed');
  });

  test('remoteExecLines: a failing step fails the inline, and stops the step where it failed', () => {
    const { dir, tmp, env } = place('remote-exec-stop');
    const after1 = join(dir, 'after-in-step');
    const after2 = join(dir, 'after-the-step');
    const step: HostScript = { step: 'eval', args: [`false\ntouch ${shellQuote(after1)}`] };
    const r = runInline(join(dir, 'terraform_2.sh'), [...remoteExecLines(step), `touch ${shellQuote(after2)}`], { cwd: dir, env });
    assert.notEqual(r.status, 0);
    assert.ok(!existsSync(after1), 'set -eu stopped the step at the failing command');
    assert.ok(!existsSync(after2), 'the inline stopped after the failing step');
    assert.deepEqual(readdirSync(tmp), []);
  });

  test('privateKeyStep through secretExecLines: installs the key 0600, removes its own inline and every temp file, prints nothing of it', () => {
    const { dir, tmp, env } = place('private-key');
    const ssh = join(dir, 'home', '.ssh');
    mkdirSync(ssh, { recursive: true });
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
    const target = join(ssh, 'id_ed25519');
    const inline = join(dir, 'terraform_123.sh');
    const r = runInline(inline, secretExecLines(privateKeyStep(target, ME, MY_GROUP), [toBase64(key)]), { cwd: dir, env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(target, 'utf8'), key);
    assert.equal(mode(target), '0600');
    assert.ok(!existsSync(inline), 'the uploaded inline (holding the key) removed itself');
    assert.deepEqual(readdirSync(tmp), [], 'no temp file with the key is left');
    assert.deepEqual(readdirSync(ssh), ['id_ed25519']);
    assert.ok(!r.stdout.includes('b3BlbnNzaC1rZXktdjEAAAAA') && !r.stderr.includes('b3BlbnNzaC1rZXktdjEAAAAA'), 'the key is not printed');
  });

  test('a failed private key install leaves no decoded key behind in the temp directory, nor beside the target', () => {
    const { dir, tmp, env } = place('private-key-fail');
    mkdirSync(join(dir, 'ssh'));
    const r = runInline(join(dir, 'terraform_456.sh'), secretExecLines(privateKeyStep(join(dir, 'ssh', 'id_ed25519'), 'no-such-user-cdktf', MY_GROUP), [toBase64('SECRET-KEY-MATERIAL\n')]), { cwd: dir, env });
    assert.notEqual(r.status, 0, 'the install fails (no such owner)');
    assert.deepEqual(readdirSync(tmp), [], 'a temp file (key or its base64) is left');
    assert.deepEqual(readdirSync(join(dir, 'ssh')), [], 'a half-installed key is left');
  });

  test('the private key step fails clearly when the directory is missing', () => {
    const dir = tempDir('private-key-missing');
    const kf = join(dir, 'k');
    writeFileSync(kf, toBase64('KEY'));
    const r = runStep(privateKeyStep(join(dir, 'missing', 'id'), ME, MY_GROUP), { cwd: dir, extraArgs: [kf] });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /missing: the configuration step must run first/);
  });
});

// ---------------------------------------------------------------------------------------------
// the Postgres side's shell functions and scripts, run for real

describe('merge_block and remove_block, run for real with sh', () => {
  const libFile = join(tempDir('pg-lib'), 'lib.sh');
  writeFileSync(libFile, SHELL_LIBRARY + POSTGRES_SIDE_LIBRARY);
  const call = (dir: string, body: string) => sh(`. ${shellQuote(libFile)}\n${body}`, { cwd: dir });
  const B1 = '# BEGIN cdktf-barman:demo:one';
  const E1 = '# END cdktf-barman:demo:one';
  const B2 = '# BEGIN cdktf-barman:demo:one2';
  const E2 = '# END cdktf-barman:demo:one2';
  const block = (b: string, e: string, ...lines: string[]) => [b, ...lines, e].map((l) => `${l}\n`).join('');
  const merge = (dir: string, file: string, b: string, e: string, content: string, where: 'top' | 'bottom', fileMode = '0640') => {
    writeFileSync(join(dir, 'new-block'), content);
    const r = call(dir, `merge_block ${shellQuote(file)} ${ME} ${MY_GROUP} ${fileMode} ${shellQuote(b)} ${shellQuote(e)} new-block ${where}`);
    assert.equal(r.status, 0, r.stderr);
  };
  const FOREIGN_TOP = '# PostgreSQL Client Authentication Configuration File\nlocal all postgres peer\n';
  const FOREIGN_BOTTOM = 'host all all 0.0.0.0/0 reject\n';

  test('top (pg_hba.conf): the block goes first, foreign lines keep their order, a second and third run replace it, never duplicate', () => {
    const dir = tempDir('merge-block-top');
    const f = join(dir, 'pg_hba.conf');
    writeFileSync(f, FOREIGN_TOP + FOREIGN_BOTTOM);
    merge(dir, f, B1, E1, block(`${B1} (Barman's access)`, E1, 'host postgres barman 10.0.0.2/32 scram-sha-256'), 'top');
    assert.equal(readFileSync(f, 'utf8'), block(`${B1} (Barman's access)`, E1, 'host postgres barman 10.0.0.2/32 scram-sha-256') + FOREIGN_TOP + FOREIGN_BOTTOM);
    assert.equal(mode(f), '0640');
    const second = block(`${B1} (Barman's access)`, E1, 'host postgres barman 10.0.0.3/32 md5', 'host replication streaming_barman 10.0.0.3/32 md5');
    for (const run of [2, 3]) {
      merge(dir, f, B1, E1, second, 'top');
      assert.equal(readFileSync(f, 'utf8'), second + FOREIGN_TOP + FOREIGN_BOTTOM, `after run ${run}`);
    }
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.cdktf-barman.')), []);
  });

  test('top: a block someone moved below foreign lines comes back to the top, once', () => {
    const dir = tempDir('merge-block-moved');
    const f = join(dir, 'pg_hba.conf');
    writeFileSync(f, FOREIGN_TOP + block(B1, E1, 'old line') + FOREIGN_BOTTOM);
    merge(dir, f, B1, E1, block(B1, E1, 'new line'), 'top');
    assert.equal(readFileSync(f, 'utf8'), block(B1, E1, 'new line') + FOREIGN_TOP + FOREIGN_BOTTOM);
  });

  test('bottom (.pgpass): new blocks append in order, foreign lines stay, a re-run replaces the block where it stands', () => {
    const dir = tempDir('merge-block-bottom');
    const f = join(dir, '.pgpass');
    writeFileSync(f, 'otherhost:5432:*:someone:secret\n');
    merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:a'), 'bottom', '0600');
    merge(dir, f, B2, E2, block(B2, E2, 'h2:5432:*:barman:b'), 'bottom', '0600');
    assert.equal(readFileSync(f, 'utf8'), 'otherhost:5432:*:someone:secret\n' + block(B1, E1, 'h1:5432:*:barman:a') + block(B2, E2, 'h2:5432:*:barman:b'));
    assert.equal(mode(f), '0600');
    // one's block again, with a new password: replaced in place, one2's untouched, nothing doubled
    merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:changed'), 'bottom', '0600');
    merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:changed'), 'bottom', '0600');
    assert.equal(readFileSync(f, 'utf8'), 'otherhost:5432:*:someone:secret\n' + block(B1, E1, 'h1:5432:*:barman:changed') + block(B2, E2, 'h2:5432:*:barman:b'));
    // a foreign line after the blocks stays after them
    writeFileSync(f, readFileSync(f, 'utf8') + 'later:5432:*:someone:else\n');
    merge(dir, f, B2, E2, block(B2, E2, 'h2:5432:*:barman:b2'), 'bottom', '0600');
    assert.equal(readFileSync(f, 'utf8'), 'otherhost:5432:*:someone:secret\n' + block(B1, E1, 'h1:5432:*:barman:changed') + block(B2, E2, 'h2:5432:*:barman:b2') + 'later:5432:*:someone:else\n');
  });

  test('a marker that is a prefix of another (…:one vs …:one2) never takes the other block', () => {
    const dir = tempDir('merge-block-prefix');
    const f = join(dir, '.pgpass');
    const two = block(B2, E2, 'h2:5432:*:barman:b');
    writeFileSync(f, two);
    merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:a'), 'bottom', '0600');
    merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:a2'), 'bottom', '0600');
    assert.equal(readFileSync(f, 'utf8'), two + block(B1, E1, 'h1:5432:*:barman:a2'));
    // and the other way round: one2's block leaves one's alone
    merge(dir, f, B2, E2, block(B2, E2, 'h2:5432:*:barman:b2'), 'bottom', '0600');
    assert.equal(readFileSync(f, 'utf8'), block(B2, E2, 'h2:5432:*:barman:b2') + block(B1, E1, 'h1:5432:*:barman:a2'));
    // remove_block of one keeps one2's, and the other way round
    assert.equal(call(dir, `remove_block ${shellQuote(f)} ${shellQuote(B1)} ${shellQuote(E1)}`).status, 0);
    assert.equal(readFileSync(f, 'utf8'), block(B2, E2, 'h2:5432:*:barman:b2'));
    writeFileSync(f, block(B1, E1, 'x') + block(B2, E2, 'y'));
    assert.equal(call(dir, `remove_block ${shellQuote(f)} ${shellQuote(B2)} ${shellQuote(E2)}`).status, 0);
    assert.equal(readFileSync(f, 'utf8'), block(B1, E1, 'x'));
  });

  test('a missing file is created with the block alone', () => {
    const dir = tempDir('merge-block-new');
    const f = join(dir, '.pgpass');
    merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:a'), 'bottom', '0600');
    assert.equal(readFileSync(f, 'utf8'), block(B1, E1, 'h1:5432:*:barman:a'));
    assert.equal(mode(f), '0600');
  });

  test('merge_block refuses to write through a symbolic link', () => {
    const dir = tempDir('merge-block-link');
    writeFileSync(join(dir, 'target'), 'precious\n');
    symlinkSync(join(dir, 'target'), join(dir, 'pg_hba.conf'));
    writeFileSync(join(dir, 'new-block'), block(B1, E1, 'x'));
    const r = call(dir, `merge_block ${shellQuote(join(dir, 'pg_hba.conf'))} ${ME} ${MY_GROUP} 0640 ${shellQuote(B1)} ${shellQuote(E1)} new-block top`);
    assert.notEqual(r.status, 0);
    assert.equal(readFileSync(join(dir, 'target'), 'utf8'), 'precious\n');
  });

  test('remove_block removes exactly the block and keeps the file\'s owner and mode; no block or no file: nothing changes', { skip: skipUnless(rootMissing('the test gives the file another owner')) }, () => {
    const dir = tempDir('remove-block');
    const f = join(dir, '.pgpass');
    writeFileSync(f, 'a:1:*:u:p\n' + block(B1, E1, 'h1:5432:*:barman:a') + 'z:1:*:u:p\n');
    assert.equal(sh(`chown nobody:nogroup ${shellQuote(f)} && chmod 0604 ${shellQuote(f)}`).status, 0);
    const r = call(dir, `remove_block ${shellQuote(f)} ${shellQuote(B1)} ${shellQuote(E1)}`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(f, 'utf8'), 'a:1:*:u:p\nz:1:*:u:p\n');
    assert.equal(mode(f), '0604');
    assert.equal(sh(`stat -c %U:%G ${shellQuote(f)}`).stdout.trim(), 'nobody:nogroup');
    // again: the block is gone, the file is left as it is (same inode)
    const ino = statSync(f).ino;
    assert.equal(call(dir, `remove_block ${shellQuote(f)} ${shellQuote(B1)} ${shellQuote(E1)}`).status, 0);
    assert.equal(statSync(f).ino, ino);
    assert.equal(call(dir, `remove_block ${shellQuote(join(dir, 'missing'))} ${shellQuote(B1)} ${shellQuote(E1)}`).status, 0);
    assert.ok(!existsSync(join(dir, 'missing')));
  });

  test('a begin line whose end line was lost: merge_block and remove_block stop, and leave the file (the administrator\'s rules) alone', () => {
    const dir = tempDir('merge-block-no-end');
    const f = join(dir, 'pg_hba.conf');
    const broken = `${B1}\nhost postgres barman 10.0.0.2/32 md5\n` + FOREIGN_TOP + FOREIGN_BOTTOM;
    for (const where of ['top', 'bottom']) {
      writeFileSync(f, broken);
      writeFileSync(join(dir, 'new-block'), block(B1, E1, 'host postgres barman 10.0.0.3/32 md5'));
      const r = call(dir, `merge_block ${shellQuote(f)} ${ME} ${MY_GROUP} 0640 ${shellQuote(B1)} ${shellQuote(E1)} new-block ${where}`);
      assert.notEqual(r.status, 0, where);
      assert.ok(r.stderr.includes(`without its end line '${E1}'`), r.stderr);
      assert.equal(readFileSync(f, 'utf8'), broken, `${where}: the file changed`);
    }
    // remove_block: no end line, nothing to remove (nothing removed either)
    assert.equal(call(dir, `remove_block ${shellQuote(f)} ${shellQuote(B1)} ${shellQuote(E1)}`).status, 0);
    assert.equal(readFileSync(f, 'utf8'), broken);
    // an end line of another block further down does not end this one
    const other = `${B1}\nx\n${FOREIGN_TOP}${E2}\n`;
    writeFileSync(f, other);
    const r = call(dir, `remove_block ${shellQuote(f)} ${shellQuote(B1)} ${shellQuote(E1)}`);
    assert.equal(r.status, 0);
    assert.equal(readFileSync(f, 'utf8'), other);
  });
});

/** a Barman server whose home (for .pgpass) is a temp dir, backing up `one` and `one2` */
function pgpassGraph(home: string): BarmanGraph {
  return graphFromProps({
    clusterName: 'pp',
    settings: { barmanHome: home, barmanUser: ME, barmanGroup: MY_GROUP },
    instances: [
      { name: 'one', roles: [Role.PRIMARY], address: '10.0.0.1', backup: ['bk'] },
      { name: 'one2', roles: [Role.PRIMARY], address: 'fd00::2', backup: ['bk'], settings: { postgresPort: 5433 } },
      { name: 'bk', roles: [Role.BARMAN] },
    ],
  });
}

function pgpassScriptOf(graph: BarmanGraph, instance: string): HostScript {
  const e = graph.edgesOfInstance(graph.instance(instance))[0];
  const f = renderHosts(graph, new PlaceholderKeys()).find((p) => p.instance === e.server)!.files.filter((x) => x.kind === FileKind.PASSWORD_BLOCK).find((x) => x.edge === e)!;
  return pgpassScript(e, f);
}

describe('the .pgpass script, run for real', () => {
  /** the step with its two password files after its own arguments, as cdktf_run_secret hands them */
  const run = (dir: string, step: HostScript, passwords: string[]) => {
    const files = passwords.map((p, i) => {
      const file = join(dir, `pw${i}`);
      writeFileSync(file, toBase64(p));
      return file;
    });
    return runStep(step, { cwd: dir, extraArgs: files });
  };

  test('each instance its own block, libpq escaping of ":" and "\\\\", foreign lines kept, re-runs replace', () => {
    const dir = tempDir('pgpass');
    const home = join(dir, 'home');
    mkdirSync(home);
    const graph = pgpassGraph(home);
    const f = join(home, '.pgpass');
    writeFileSync(f, 'elsewhere:5432:*:me:mine\n');
    const one = pgpassScriptOf(graph, 'one');
    const one2 = pgpassScriptOf(graph, 'one2');
    let r = run(dir, one, ['p:w\\1', "s'$(touch pwned)"]);
    assert.equal(r.status, 0, r.stderr);
    r = run(dir, one2, ['second', 'third']);
    assert.equal(r.status, 0, r.stderr);
    const blockOf = (name: string, host: string, port: number, pw: string, spw: string) =>
      `# BEGIN cdktf-barman:pp:${name}\n${host}:${port}:*:barman:${pw}\n${host}:${port}:*:streaming_barman:${spw}\n# END cdktf-barman:pp:${name}\n`;
    const expectedOne = blockOf('one', '10.0.0.1', 5432, 'p\\:w\\\\1', "s'$(touch pwned)");
    // fd00::2 has colons: escaped in the host field as libpq reads it
    const expectedOne2 = blockOf('one2', 'fd00\\:\\:2', 5433, 'second', 'third');
    assert.equal(readFileSync(f, 'utf8'), 'elsewhere:5432:*:me:mine\n' + expectedOne + expectedOne2);
    assert.equal(mode(f), '0600');
    // one's password changes: only its block changes
    r = run(dir, one, ['new', 'newer']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(f, 'utf8'), 'elsewhere:5432:*:me:mine\n' + blockOf('one', '10.0.0.1', 5432, 'new', 'newer') + expectedOne2);
    assert.ok(!existsSync(join(dir, 'pwned')), 'a password was executed');
    assert.ok(!r.stdout.includes('new') && !r.stderr.includes('newer'), 'a password was printed');
  });

  test('the block the script writes is the rendered block with the passwords in place of the placeholders', () => {
    const dir = tempDir('pgpass-render');
    const home = join(dir, 'home');
    mkdirSync(home);
    const graph = pgpassGraph(home);
    const r = run(dir, pgpassScriptOf(graph, 'one2'), ['a:b', 'c\\d']);
    assert.equal(r.status, 0, r.stderr);
    const rendered = renderHosts(graph, new PlaceholderKeys()).find((p) => p.instance.name === 'bk')!.files.find((x) => x.kind === FileKind.PASSWORD_BLOCK && x.edge?.instance.name === 'one2')!.content!;
    const written = readFileSync(join(home, '.pgpass'), 'utf8');
    assert.equal(written, rendered.replace('<password of barman, generated or supplied, written at apply time>', 'a\\:b').replace('<password of streaming_barman, generated or supplied, written at apply time>', 'c\\\\d'));
  });

  test('a password with a newline or control character fails clearly and leaves .pgpass alone', () => {
    const dir = tempDir('pgpass-bad');
    const home = join(dir, 'home');
    mkdirSync(home);
    writeFileSync(join(home, '.pgpass'), 'keep\n');
    for (const bad of ['two\nlines', 'tab\there', 'bell\u0007']) {
      const r = run(dir, pgpassScriptOf(pgpassGraph(home), 'one'), ['ok', bad]);
      assert.notEqual(r.status, 0, JSON.stringify(bad));
      assert.match(r.stderr, /newline or control character/);
      assert.equal(readFileSync(join(home, '.pgpass'), 'utf8'), 'keep\n');
    }
  });

  test('a missing barman home stops the script, naming the directory', () => {
    const dir = tempDir('pgpass-nohome');
    const r = run(dir, pgpassScriptOf(pgpassGraph(join(dir, 'no-such-home')), 'one'), ['a', 'b']);
    assert.notEqual(r.status, 0);
    assert.ok(r.stderr.includes(join(dir, 'no-such-home')), r.stderr);
    assert.ok(!existsSync(join(dir, 'no-such-home')));
  });

  test(
    'a missing barman home fails with the library\'s own message (SPEC 4: a clear message when a prerequisite is missing)',
    () => {
      const dir = tempDir('pgpass-nohome-message');
      const r = run(dir, pgpassScriptOf(pgpassGraph(join(dir, 'no-such-home')), 'one'), ['a', 'b']);
      assert.match(r.stderr, /^cdktf-barman on \S+: error: .*no-such-home/m);
    },
  );

  test('steps of several instances running at once on one .pgpass (Terraform applies in parallel) keep every block', async () => {
    const dir = tempDir('pgpass-parallel');
    const home = join(dir, 'home');
    mkdirSync(home);
    const names = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const graph = graphFromProps({
      clusterName: 'pp',
      settings: { barmanHome: home, barmanUser: ME, barmanGroup: MY_GROUP },
      instances: [...names.map((n, i) => ({ name: n, roles: [Role.PRIMARY], address: `10.0.0.${i + 1}`, backup: ['bk'] })), { name: 'bk', roles: [Role.BARMAN] }],
    });
    writeFileSync(join(dir, 'pw'), toBase64('pw'));
    const runs = names.map((n) => {
      const [cmd, ...args] = standaloneCommand(pgpassScriptOf(graph, n));
      return new Promise<number | null>((resolve) => spawn(cmd, [...args, join(dir, 'pw'), join(dir, 'pw')], { cwd: dir, stdio: 'ignore' }).on('close', resolve));
    });
    assert.deepEqual(await Promise.all(runs), names.map(() => 0));
    const text = readFileSync(join(home, '.pgpass'), 'utf8');
    for (const n of names) assert.equal(text.split('\n').filter((l) => l === `# BEGIN cdktf-barman:pp:${n}`).length, 1, `${n}'s block:\n${text}`);
    assert.equal(text.split('\n').length, names.length * 4 + 1);
  });
});

describe('the secret step inline, run for real', { skip: skipUnless(rootMissing('it runs the root branch of cdktf_run (not root, it would call sudo -n)')) }, () => {
  test('the passwords reach the step as 0600 files only, after its own arguments; the uploaded inline and every temp file are removed; nothing is printed', () => {
    const dir = tempDir('secret-step');
    const tmp = join(dir, 'tmp');
    const home = join(dir, 'home');
    mkdirSync(tmp);
    mkdirSync(home);
    const env = { ...process.env, TMPDIR: tmp };
    const secrets = ['Sup3r:Secret', 'Str3aming\\pw'];
    // a probe step: what does a secret step get after its own arguments, and what are they
    const seen = join(dir, 'seen');
    const probe: HostScript = { step: 'sh', args: ['-c', `shift; for a in "$@"; do printf '%s %s\\n' "$a" "$(stat -c %a "$a")" >> ${shellQuote(seen)}; done`, 'probe', 'own argument'] };
    const p = runInline(join(dir, 'terraform_998.sh'), secretExecLines(probe, secrets.map(toBase64)), { cwd: dir, env });
    assert.equal(p.status, 0, p.stderr);
    const args = readFileSync(seen, 'utf8').trimEnd().split('\n').map((l) => l.split(' '));
    assert.equal(args.length, 2, 'two secret files after the own argument');
    for (const [path, perm] of args) {
      assert.ok(path.startsWith(tmp + '/'), `${path}: a temp file`);
      assert.equal(perm, '600', `${path}: private`);
      assert.ok(!existsSync(path), `${path}: removed after the step`);
    }
    // the real .pgpass step
    const inline = join(dir, 'terraform_999.sh');
    const r = runInline(inline, secretExecLines(pgpassScriptOf(pgpassGraph(home), 'one'), secrets.map(toBase64)), { cwd: dir, env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(home, '.pgpass'), 'utf8'), '# BEGIN cdktf-barman:pp:one\n10.0.0.1:5432:*:barman:Sup3r\\:Secret\n10.0.0.1:5432:*:streaming_barman:Str3aming\\\\pw\n# END cdktf-barman:pp:one\n');
    assert.ok(!existsSync(inline), 'the uploaded inline (holding the passwords) removed itself');
    assert.deepEqual(readdirSync(tmp), [], 'no temp file is left');
    for (const x of [...secrets, toBase64(secrets[0])]) assert.ok(!r.stdout.includes(x) && !r.stderr.includes(x), 'a password was printed');
  });

  test('a failing secret step fails the inline and leaves no secret file', () => {
    const dir = tempDir('secret-step-fail');
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const r = runInline(join(dir, 'terraform_997.sh'), secretExecLines({ step: 'die', args: ['on purpose'] }, [toBase64('one'), toBase64('two')]), { cwd: dir, env: { ...process.env, TMPDIR: tmp } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error: on purpose/);
    assert.deepEqual(readdirSync(tmp), [], 'a secret file is left');
  });
});

// ---------------------------------------------------------------------------------------------
// The Postgres-side scripts against a real, throwaway cluster of the machine's PostgreSQL (root)

const PG_MAJOR = TEST_POSTGRES.major;
const PG_BIN = TEST_POSTGRES.bin;
const NEEDS_PG = [
  rootMissing('the cluster runs as the postgres user'),
  TEST_POSTGRES.missing,
  existsSync('/var/run/postgresql') ? false : `no /var/run/postgresql, PostgreSQL's socket directory (${SETUP_COMMAND} makes it)`,
] as const;

describe('the Postgres-side scripts on a real PostgreSQL', { skip: skipUnless(...NEEDS_PG) }, () => {
  const asPostgres = (cmd: string) => spawnSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', cmd], { encoding: 'utf8', timeout: 60_000 });
  let dir = '';
  let data = '';
  let port = 0;
  let original = '';
  /** pg (primary, archiving to bk) and bk (Barman server reaching it from 127.0.0.1) */
  const graph = (): BarmanGraph =>
    graphFromProps({
      clusterName: 'realpg',
      settings: { postgresVersion: PG_MAJOR, postgresPort: port, postgresConfDir: data },
      instances: [
        { name: 'pg', roles: [Role.PRIMARY], address: '127.0.0.1', backup: ['bk'], settings: { archiver: true } },
        { name: 'bk', roles: [Role.BARMAN], address: '127.0.0.1' },
      ],
    });
  const hbaOf = (g: BarmanGraph): ManagedBlockFile => renderHosts(g, new PlaceholderKeys()).find((p) => p.instance.name === 'pg')!.files.find((f) => f.kind === FileKind.MANAGED_BLOCK)!;
  const psql = (sql: string) => asPostgres(`cd / && ${PG_BIN}/psql -X -q -At -p ${port} -d postgres -c ${shellQuote(sql)}`);
  /** name=setting of every line of postgresql.auto.conf (what ALTER SYSTEM wrote) */
  const autoConf = () => psql("SELECT name || '=' || setting FROM pg_file_settings WHERE sourcefile LIKE '%/postgresql.auto.conf' ORDER BY name").stdout;
  /** the step run outside Terraform, its files (secrets) after its own arguments */
  const runScript = (_name: string, step: HostScript, args: string[] = []) => runStep(step, { cwd: dir, extraArgs: args });

  if (!NEEDS_PG.some((m) => m !== false)) {
    // not tempDir(): its after() would remove the data directory before the server is stopped
    dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-real-pg-'));
    after(() => {
      if (existsSync(join(dir, 'data', 'postmaster.pid'))) asPostgres(`${PG_BIN}/pg_ctl -D ${join(dir, 'data')} stop -m immediate >/dev/null`);
      rmSync(dir, { recursive: true, force: true });
    });
    sh(`chmod 0755 ${shellQuote(dir)}`);
    data = join(dir, 'data');
    mkdirSync(data);
    mkdirSync(join(dir, 'pglog'));
    assert.equal(sh(`chown postgres:postgres ${shellQuote(data)} ${shellQuote(join(dir, 'pglog'))} && chmod 0700 ${shellQuote(data)}`).status, 0);
    // a free port: no socket of another cluster (the e2e suite may run one)
    for (let i = 0; i < 20 && port === 0; i++) {
      const p = 41000 + Math.floor(Math.random() * 8000);
      if (!existsSync(`/var/run/postgresql/.s.PGSQL.${p}`)) port = p;
    }
    const init = asPostgres(`${PG_BIN}/initdb -D ${data} -A trust >/dev/null && ${PG_BIN}/pg_ctl -D ${data} -o "-p ${port} -c listen_addresses=127.0.0.1" -l ${data}/../pglog/log -w start >/dev/null`);
    assert.equal(init.status, 0, init.stderr);
    original = readFileSync(join(data, 'pg_hba.conf'), 'utf8');
  }

  test('a pg_hba.conf block PostgreSQL refuses is rolled back: the apply fails with PostgreSQL\'s words, the file is as before', () => {
    const g = graph();
    const good = hbaOf(g);
    const bad: ManagedBlockFile = { ...good, content: good.content!.replace('host postgres barman 127.0.0.1/32 scram-sha-256', 'host postgres barman 127.0.0.1/32 no-such-method') };
    assert.notEqual(bad.content, good.content);
    const r = runScript('config-bad.sh', postgresConfigScript(g, g.instance('pg'), bad));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /pg_hba\.conf would not load \(\d+: .*no-such-method.*\): the previous file is back/);
    assert.equal(readFileSync(join(data, 'pg_hba.conf'), 'utf8'), original);
    assert.equal(psql("SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL").stdout, '0\n');
  });

  test('a pg_hba.conf that is not where postgres_conf_dir says stops the script, naming the right directory', () => {
    const g = graphFromProps({
      clusterName: 'realpg',
      settings: { postgresVersion: PG_MAJOR, postgresPort: port, postgresConfDir: `/etc/postgresql/${PG_MAJOR}/elsewhere` },
      instances: [
        { name: 'pg', roles: [Role.PRIMARY], address: '127.0.0.1', backup: ['bk'] },
        { name: 'bk', roles: [Role.BARMAN], address: '127.0.0.1' },
      ],
    });
    const r = runScript('config-elsewhere.sh', postgresConfigScript(g, g.instance('pg'), hbaOf(g)));
    assert.notEqual(r.status, 0);
    assert.ok(r.stderr.includes(`reads ${data}/pg_hba.conf, not /etc/postgresql/${PG_MAJOR}/elsewhere/pg_hba.conf: set postgres_conf_dir to ${data}`), r.stderr);
    assert.equal(readFileSync(join(data, 'pg_hba.conf'), 'utf8'), original);
  });

  test('the config script: the block first, the old rules after it, the WAL commands set; a second run changes nothing', () => {
    const g = graph();
    const hba = hbaOf(g);
    for (const run of [1, 2]) {
      const r = runScript('config.sh', postgresConfigScript(g, g.instance('pg'), hba));
      assert.equal(r.status, 0, `run ${run}: ${r.stderr}`);
      assert.equal(readFileSync(join(data, 'pg_hba.conf'), 'utf8'), hba.content + original, `run ${run}: pg_hba.conf`);
      // archive_mode was off: it waits for a restart, which the library does not do, and says so
      assert.match(r.stdout, /archive_mode on pg takes effect only after PostgreSQL restarts/);
    }
    // ALTER SYSTEM: in postgresql.auto.conf
    assert.equal(autoConf(), 'archive_command=barman-wal-archive -U barman --port 22 127.0.0.1 pg %p\narchive_mode=on\n');
    assert.equal(psql("SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL").stdout, '0\n');
  });

  test(
    'the config script: the library\'s archive_command goes when barman_archiver goes (also while archive_mode waits for its restart); someone else\'s stays',
    () => {
      const off = graphFromProps({
        clusterName: 'realpg',
        settings: { postgresVersion: PG_MAJOR, postgresPort: port, postgresConfDir: data },
        instances: [
          { name: 'pg', roles: [Role.PRIMARY], address: '127.0.0.1', backup: ['bk'] },
          { name: 'bk', roles: [Role.BARMAN], address: '127.0.0.1' },
        ],
      });
      psql("ALTER SYSTEM SET archive_command = 'barman-wal-archive -U barman --port 22 127.0.0.1 pg %p'");
      let r = runScript('config-off.sh', postgresConfigScript(off, off.instance('pg'), hbaOf(off)));
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(autoConf(), /^archive_command=/m, 'the library\'s archive_command is still set');
      psql("ALTER SYSTEM SET archive_command = 'cp %p /somewhere/%f'");
      r = runScript('config-off.sh', postgresConfigScript(off, off.instance('pg'), hbaOf(off)));
      assert.equal(r.status, 0, r.stderr);
      assert.match(autoConf(), /^archive_command=cp %p \/somewhere\/%f$/m, 'someone else\'s archive_command was reset');
    },
  );

  test(
    'the config script: barman_archiver turned off leaves no archive_mode = on behind without an archive_command (WAL would pile up in pg_wal)',
    () => {
      const on = graph();
      let r = runScript('config-on.sh', postgresConfigScript(on, on.instance('pg'), hbaOf(on)));
      assert.equal(r.status, 0, r.stderr);
      assert.match(autoConf(), /^archive_mode=on$/m);
      const off = graphFromProps({
        clusterName: 'realpg',
        settings: { postgresVersion: PG_MAJOR, postgresPort: port, postgresConfDir: data },
        instances: [
          { name: 'pg', roles: [Role.PRIMARY], address: '127.0.0.1', backup: ['bk'] },
          { name: 'bk', roles: [Role.BARMAN], address: '127.0.0.1' },
        ],
      });
      r = runScript('config-off.sh', postgresConfigScript(off, off.instance('pg'), hbaOf(off)));
      assert.equal(r.status, 0, r.stderr);
      const conf = autoConf();
      assert.doesNotMatch(conf, /^archive_command=barman-wal-archive/m, `the library's archive_command is left:\n${conf}`);
      assert.doesNotMatch(conf, /^archive_mode=on$/m, `archive_mode = on is left without the library's archive_command:\n${conf}`);
    },
  );

  test('the roles script: barman and streaming_barman log in over TCP with the passwords it got as files', () => {
      const g = graph();
      // pg_hba.conf as the config resource leaves it (first run above, or here)
      if (!readFileSync(join(data, 'pg_hba.conf'), 'utf8').startsWith(hbaOf(g).content!)) {
        writeFileSync(join(data, 'pg_hba.conf'), hbaOf(g).content + original);
        psql('SELECT pg_reload_conf()');
      }
      const pw = ["it's:a\\pw", 'streaming pw 2'];
      const files = pw.map((p, i) => {
        const f = join(dir, `secret${i}`);
        writeFileSync(f, toBase64(p), { mode: 0o600 });
        return f;
      });
      const r = runScript('roles.sh', postgresRolesScript(g.instance('pg')), files);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(!r.stdout.includes(pw[0]) && !r.stderr.includes(pw[0]), 'a password was printed');
      const login = (user: string, password: string, extra = '') =>
        spawnSync(`${PG_BIN}/psql`, ['-X', '-At', `host=127.0.0.1 port=${port} dbname=postgres user=${user}${extra}`, '-c', extra ? 'IDENTIFY_SYSTEM' : 'SELECT current_user'], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } });
      const b = login('barman', pw[0]);
      assert.equal(b.status, 0, b.stderr);
      assert.equal(b.stdout, 'barman\n');
      assert.notEqual(login('barman', 'wrong').status, 0, 'a wrong password is refused');
      const s = login('streaming_barman', pw[1], ' replication=true');
      assert.equal(s.status, 0, s.stderr);
      // a second run (a tainted resource, or new passwords) works too, and the new password wins
      const again = runScript('roles.sh', postgresRolesScript(g.instance('pg')), [files[1], files[0]]);
      assert.equal(again.status, 0, again.stderr);
      assert.equal(login('barman', pw[1]).status, 0);
      assert.notEqual(login('barman', pw[0]).status, 0);
  });

  // last: if it failed, the cluster could be left without a rule for local connections (restored at the end)
  test('a stray BEGIN line without its END line: the script stops, naming it, and pg_hba.conf stays as it was (the administrator\'s rules, local access)', () => {
    const g = graph();
    const hbaFile = join(data, 'pg_hba.conf');
    const before = readFileSync(hbaFile, 'utf8');
    const stray = `# BEGIN cdktf-barman:realpg (left from an interrupted edit)\n${before.replace(hbaOf(g).content!, '')}`;
    writeFileSync(hbaFile, stray);
    try {
      const r = runScript('config-stray.sh', postgresConfigScript(g, g.instance('pg'), hbaOf(g)));
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /pg_hba\.conf has a line '# BEGIN cdktf-barman:realpg' without its end line '# END cdktf-barman:realpg': repair the file by hand/);
      assert.equal(readFileSync(hbaFile, 'utf8'), stray, 'pg_hba.conf changed');
      assert.equal(psql('SELECT 1').stdout, '1\n', 'PostgreSQL still answers locally');
    } finally {
      writeFileSync(hbaFile, before);
      asPostgres(`${PG_BIN}/pg_ctl -D ${data} reload >/dev/null`);
    }
  });
});
