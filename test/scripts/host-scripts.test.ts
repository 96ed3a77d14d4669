/**
 * The pure host-script builders of lib/scripts: syntax (sh -n, shellcheck -s sh) of every script
 * (server, backup edge, Postgres access and config, roles, .pgpass, activation, and the wrappers
 * that carry them, secret steps included), quoting of hostile values, and the shell library's
 * functions run for real with `sh` in a temp directory (owner: the user running the tests). As
 * root, the Postgres-side scripts also run against a throwaway cluster of the machine's
 * PostgreSQL (test/support/postgres.ts). What a test needs and lacks: test/support/requirements.ts.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { Concern, FileKind, HostFile, renderHosts } from '../../lib/render/host-files';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { shellQuote } from '../../lib/render/shell-quote';
import { ScriptKeys, backupEdgeScript, barmanServerScript, postgresAccessScript } from '../../lib/scripts/concern-scripts';
import { activationScript, pgpassScript, postgresConfigScript, postgresRolesCheckScript, postgresRolesScript } from '../../lib/scripts/postgres-side-scripts';
import { POSTGRES_SIDE_LIBRARY } from '../../lib/scripts/postgres-side-library';

import { HostScriptBuilder } from '../../lib/scripts/host-script-builder';
import { PRIVATE_KEY_INSTALL_SCRIPT } from '../../lib/scripts/private-key-script';
import { HostScript, privateKeyExecLines, remoteExecLines, secretExecLines, toBase64 } from '../../lib/scripts/remote-command';
import { SHELL_LIBRARY } from '../../lib/scripts/shell-library';
import { SEED_CONFIG, fixtureConfigs, multiGraph } from '../constructs/synth-helpers';
import { TEST_POSTGRES } from '../support/postgres';
import { SETUP_COMMAND, rootMissing, shellcheckMissing, skipInside, skipUnless } from '../support/requirements';

// ---------------------------------------------------------------------------------------------
// helpers

function sh(script: string, opts: { cwd?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', script, 'sh', ...(opts.args ?? [])], { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function shFile(file: string, opts: { cwd?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('sh', [file, ...(opts.args ?? [])], { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', timeout: 60_000 });
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

/** fake public keys, as base64 text (what the real ones are at apply time) */
const FAKE_KEYS: ScriptKeys = { publicKeyBase64: (user, host) => toBase64(`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA${user}${host.name.replace(/[^a-z0-9]/g, '')}`) };

interface NamedScript {
  readonly name: string;
  readonly text: string;
}

/** every script the library builds for a graph, and the remote-exec inline that carries each */
function scriptsOf(graph: BarmanGraph): NamedScript[] {
  const out: NamedScript[] = [];
  const plans = renderHosts(graph, new PlaceholderKeys());
  const add = (name: string, s: HostScript, purpose: string) => {
    out.push({ name, text: s.script });
    out.push({ name: `${name} (remote-exec inline)`, text: remoteExecLines(s, purpose).join('\n') + '\n' });
  };
  // a step with passwords: the script, and the wrapper handing it the passwords as files (base64, as Terraform substitutes them)
  const addSecret = (name: string, script: string) => {
    out.push({ name, text: script });
    out.push({ name: `${name} (secret remote-exec inline)`, text: secretExecLines(name, script, [toBase64('pw-one'), toBase64('pw-two')]).join('\n') + '\n' });
  };
  for (const p of plans) {
    const filesOf = (c: Concern) => p.files.filter((f) => f.concern === c);
    if (p.instance.isBarmanServer) {
      add(`server ${p.instance.name}`, barmanServerScript(graph, p.instance, filesOf(Concern.BARMAN_SERVER), FAKE_KEYS), `Barman server ${p.instance.name}`);
      for (const e of graph.edgesOnServer(p.instance)) {
        add(`edge ${e.instance.name} on ${e.server.name}`, backupEdgeScript(e, p.files.filter((f) => f.concern === Concern.BACKUP_EDGE && f.edge === e)), `backups of ${e.instance.name}`);
      }
      const guard = p.files.find((f) => f.path.endsWith('/barman-home-ok'));
      if (guard?.content) out.push({ name: `guard script on ${p.instance.name}`, text: guard.content });
      const gate = p.files.find((f) => f.path.endsWith('/barman-wal-gate'));
      if (gate?.content) out.push({ name: `WAL gate on ${p.instance.name}`, text: gate.content });
    }
    if (p.instance.isBarmanServer) {
      for (const e of graph.edgesOnServer(p.instance)) {
        const pgpass = p.files.find((f) => f.kind === FileKind.PASSWORD_BLOCK && f.edge === e);
        assert.ok(pgpass, `${e.instance.name} on ${e.server.name}: a .pgpass block`);
        addSecret(`.pgpass of ${e.instance.name} on ${e.server.name}`, pgpassScript(e, pgpass));
        add(`activation of ${e.instance.name} on ${e.server.name}`, activationScript(e), `activate ${e.backupName}`);
      }
    }
    if (p.instance.isPostgres) {
      add(`postgres ${p.instance.name}`, postgresAccessScript(graph, p.instance, filesOf(Concern.POSTGRES_ACCESS), FAKE_KEYS), `Postgres instance ${p.instance.name}`);
      const hba = p.files.find((f) => f.kind === FileKind.MANAGED_BLOCK);
      assert.ok(hba, `${p.instance.name}: a pg_hba.conf block`);
      add(`postgres config ${p.instance.name}`, postgresConfigScript(graph, p.instance, hba), `Postgres instance ${p.instance.name}: pg_hba.conf, WAL commands`);
      if (!p.instance.roles.includes(Role.REPLICA)) {
        add(`roles check on ${p.instance.name}`, postgresRolesCheckScript(p.instance), `before Barman's roles on ${p.instance.name}`);
        addSecret(`roles on ${p.instance.name}`, postgresRolesScript(p.instance));
      }
    }
    for (const k of p.files.filter((f) => f.kind === FileKind.PRIVATE_KEY)) {
      out.push({ name: `private key ${k.path} on ${p.instance.name} (remote-exec inline)`, text: privateKeyExecLines(PRIVATE_KEY_INSTALL_SCRIPT, toBase64('not a key'), k.path, k.owner, k.group).join('\n') + '\n' });
    }
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

/** an SC2016 note on a line that hands psql a backquoted command (`\set NAME `cat FILE``), nothing else */
function isPsqlBackquote(finding: string): boolean {
  const m = /^(.+\.sh):(\d+):\d+: note: .*\[SC2016\]$/.exec(finding);
  if (!m) return false;
  const line = readFileSync(m[1], 'utf8').split('\n')[Number(m[2]) - 1] ?? '';
  return /printf '\\\\set [a-z_]+_password `cat %s\/[a-z]+`\\n' "\$dir"/.test(line);
}

// ---------------------------------------------------------------------------------------------

describe('every generated script is valid POSIX sh', () => {
  const noShellcheck = shellcheckMissing();

  for (const g of GRAPHS) {
    test(`${g.name}: sh -n and shellcheck -s sh`, (t) => {
      const dir = tempDir('syntax');
      const scripts = scriptsOf(g.graph());
      assert.ok(scripts.length >= 4, `${scripts.length} scripts`);
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
      // every severity; only SC2129 (style: "use { a; b; } >> file" for the managed-lines steps) is
      // waived, and SC2016 on the roles script's psql lines, whose backquotes are psql's own
      // (`\set barman_password `cat FILE``: psql runs cat, the shell must not)
      const r = spawnSync('shellcheck', ['-s', 'sh', '-e', 'SC2129', '-f', 'gcc', ...files], { encoding: 'utf8' });
      const findings = (r.stdout ?? '').split('\n').filter((l) => l.trim() !== '' && !isPsqlBackquote(l));
      const named = findings.join('\n').replace(/^(\S+?)\/(\d+)\.sh:/gm, (_m, _d, i: string) => `[${scripts[Number(i)].name}]:`);
      assert.deepEqual(named, '', `shellcheck:\n${named}${r.stderr}`);
      assert.ok(r.status === 0 || findings.length === 0, r.stderr);
    });
  }

  test('sh -n catches a syntax error (control)', () => {
    const dir = tempDir('syntax-control');
    writeFileSync(join(dir, 'bad.sh'), 'if true; then\n');
    assert.notEqual(spawnSync('sh', ['-n', join(dir, 'bad.sh')]).status, 0);
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

  test('builder steps: die messages and names arrive verbatim, comments cannot break out of their line', () => {
    const dir = tempDir('builder');
    for (const v of HOSTILE.filter((x) => x !== '')) {
      const msg = `message with ${v}`;
      const r = sh(new HostScriptBuilder().comment(`note ${v}\ntouch pwned-comment`).require('false', msg).build(), { cwd: dir });
      assert.equal(r.status, 1, `require(false) exits 1 for ${JSON.stringify(v)}`);
      assert.ok(r.stderr.includes(`error: ${msg}\n`), `stderr: ${r.stderr}`);
      const u = sh(new HostScriptBuilder().needUser(`nobody-${v}`, `fix ${v}`).build(), { cwd: dir });
      assert.equal(u.status, 1);
      assert.ok(u.stderr.includes(`user 'nobody-${v}' does not exist: fix ${v}`), u.stderr);
      const c = sh(new HostScriptBuilder().needCommand(`no-such-${v}`, `install ${v}`).build(), { cwd: dir });
      assert.equal(c.status, 1);
      assert.ok(c.stderr.includes(`'no-such-${v}' is not installed: install ${v}`), c.stderr);
    }
    assert.deepEqual(readdirSync(dir), [], 'nothing was executed');
  });

  test('a whole file: path with quote, $ and spaces; content as base64, byte for byte', () => {
    const dir = tempDir('builder-file');
    const sub = join(dir, "we'ird $HOME dir");
    mkdirSync(sub);
    const path = join(sub, 'f ile;touch pwned');
    const content = `line 1 with ${HOSTILE.join(' | ')}\n\nlast line without newline $${'{'}x} %{y}`;
    const f: HostFile = { path, owner: ME, group: MY_GROUP, mode: '0640', kind: FileKind.FILE, content, concern: Concern.BARMAN_SERVER };
    const script = new HostScriptBuilder().checkDrift({ host: "h'o$st", owner: "o'w$ner", allowOverrides: false }, [f]).file(f).build();
    const own = script.slice(SHELL_LIBRARY.length);
    assert.ok(!own.includes('touch pwned-subst') && !own.includes('last line'), 'the content is not in the script in clear');
    const state = tempDir('builder-file-state');
    const r = sh(script, { cwd: dir, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: state } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(path, 'utf8'), content);
    assert.equal(mode(path), '0640');
    assert.deepEqual(readdirSync(dir).sort(), ["we'ird $HOME dir"]);
    assert.deepEqual(readdirSync(sub), ['f ile;touch pwned']);
  });

  test('hostile settings never appear in clear in the generated scripts, only inside base64', () => {
    const graph = hostileGraph();
    const plans = renderHosts(graph, new PlaceholderKeys());
    const bk = plans.find((p) => p.instance.name === 'bk')!;
    const edge = graph.edges[0];
    const s = backupEdgeScript(edge, bk.files.filter((f) => f.edge === edge)).script;
    for (const needle of ['touch pwned', "it's", '$HOME', "application_name='x$y'"]) assert.ok(!s.includes(needle), `${needle} in clear in the script`);
    const decoded = [...s.matchAll(/^stage_file \d+ .* '([A-Za-z0-9+/=]*)'$/gm)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
    assert.ok(decoded.some((c) => c.includes('post_backup_script = "') && c.includes("it's $HOME ${X}")), 'the conf arrives (base64) with the script intact');
    // every data-bearing argument of the script's own lines is single-quoted or a known variable
    for (const line of s.slice(SHELL_LIBRARY.length).split('\n')) {
      const outside = line.replace(/'[^']*'/g, "''");
      assert.ok(!/[`;|&]\s*touch|\$\(touch/.test(outside), `unquoted data in: ${line}`);
    }
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

describe('the remote-exec wrappers, run for real', { skip: skipUnless(rootMissing('these run the root branch of the wrappers (not root, they would call sudo -n)')) }, () => {
  test('remoteExecLines: the script arrives intact with its arguments, and a failing step stops it', () => {
    const dir = tempDir('remote-exec');
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const env = { ...process.env, TMPDIR: tmp };
    const out = join(dir, 'out');
    const ok: HostScript = { script: new HostScriptBuilder().raw(`printf '%s|%s' "$1" "$2" > ${shellQuote(out)}`).build(), args: [toBase64('a b'), 'c2Vjb25k'] };
    writeFileSync(join(dir, 'ok.sh'), remoteExecLines(ok, "purpose with it's $HOME").join('\n') + '\n');
    const r = shFile(join(dir, 'ok.sh'), { cwd: dir, env });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out, 'utf8'), `${toBase64('a b')}|c2Vjb25k`);
    assert.deepEqual(readdirSync(tmp), [], 'the decoded script was removed');

    const stop: HostScript = { script: new HostScriptBuilder().raw('false').raw(`touch ${shellQuote(join(dir, 'after'))}`).build(), args: [] };
    writeFileSync(join(dir, 'stop.sh'), remoteExecLines(stop, 'x').join('\n') + '\n');
    assert.notEqual(shFile(join(dir, 'stop.sh'), { cwd: dir, env }).status, 0);
    assert.ok(!existsSync(join(dir, 'after')), 'set -eu stopped the script at the failing step');
  });

  test('privateKeyExecLines: installs the key 0600, removes its own script and every temp file', () => {
    const dir = tempDir('private-key');
    const tmp = join(dir, 'tmp');
    const ssh = join(dir, 'home', '.ssh');
    mkdirSync(tmp);
    mkdirSync(ssh, { recursive: true });
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
    const target = join(ssh, 'id_ed25519');
    const script = join(dir, 'terraform_123.sh');
    writeFileSync(script, privateKeyExecLines(PRIVATE_KEY_INSTALL_SCRIPT, toBase64(key), target, ME, MY_GROUP).join('\n') + '\n');
    const r = shFile(script, { cwd: dir, env: { ...process.env, TMPDIR: tmp } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(target, 'utf8'), key);
    assert.equal(mode(target), '0600');
    assert.ok(!existsSync(script), 'the uploaded script (holding the key) removed itself');
    assert.deepEqual(readdirSync(tmp), [], 'no temp file with the key is left');
    assert.deepEqual(readdirSync(ssh), ['id_ed25519']);
    assert.ok(!r.stdout.includes('b3BlbnNzaC1rZXktdjEAAAAA') && !r.stderr.includes('b3BlbnNzaC1rZXktdjEAAAAA'), 'the key is not printed');
  });

  test(
    'a failed private key install leaves no decoded key behind in the temp directory',
    () => {
      const dir = tempDir('private-key-fail');
      const tmp = join(dir, 'tmp');
      mkdirSync(tmp);
      mkdirSync(join(dir, 'ssh'));
      const script = join(dir, 'terraform_456.sh');
      writeFileSync(script, privateKeyExecLines(PRIVATE_KEY_INSTALL_SCRIPT, toBase64('SECRET-KEY-MATERIAL\n'), join(dir, 'ssh', 'id_ed25519'), 'no-such-user-cdktf', MY_GROUP).join('\n') + '\n');
      const r = shFile(script, { cwd: dir, env: { ...process.env, TMPDIR: tmp } });
      assert.notEqual(r.status, 0, 'the install fails (no such owner)');
      const left = readdirSync(tmp).filter((n) => readFileSync(join(tmp, n), 'utf8').includes('SECRET-KEY-MATERIAL'));
      assert.deepEqual(left, [], 'decoded key left in the temp directory');
    },
  );

  test('the private key script fails clearly when the directory is missing', () => {
    const dir = tempDir('private-key-missing');
    const kf = join(dir, 'k');
    writeFileSync(kf, toBase64('KEY'));
    writeFileSync(join(dir, 'install.sh'), PRIVATE_KEY_INSTALL_SCRIPT);
    const r = shFile(join(dir, 'install.sh'), { cwd: dir, args: [kf, toBase64(join(dir, 'missing', 'id')), toBase64(ME), toBase64(MY_GROUP)] });
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

function pgpassScriptOf(graph: BarmanGraph, instance: string): string {
  const e = graph.edgesOfInstance(graph.instance(instance))[0];
  const f = renderHosts(graph, new PlaceholderKeys()).find((p) => p.instance === e.server)!.files.find((x) => x.kind === FileKind.PASSWORD_BLOCK && x.edge === e)!;
  return pgpassScript(e, f);
}

describe('the .pgpass script, run for real', () => {
  const run = (dir: string, script: string, passwords: string[]) => {
    writeFileSync(join(dir, 'pgpass.sh'), script);
    const files = passwords.map((p, i) => {
      const file = join(dir, `pw${i}`);
      writeFileSync(file, toBase64(p));
      return file;
    });
    return shFile(join(dir, 'pgpass.sh'), { cwd: dir, args: files });
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

  test('scripts of several instances running at once on one .pgpass (Terraform applies in parallel) keep every block', async () => {
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
      writeFileSync(join(dir, `${n}.sh`), pgpassScriptOf(graph, n));
      return new Promise<number | null>((resolve) => spawn('sh', [join(dir, `${n}.sh`), join(dir, 'pw'), join(dir, 'pw')], { cwd: dir, stdio: 'ignore' }).on('close', resolve));
    });
    assert.deepEqual(await Promise.all(runs), names.map(() => 0));
    const text = readFileSync(join(home, '.pgpass'), 'utf8');
    for (const n of names) assert.equal(text.split('\n').filter((l) => l === `# BEGIN cdktf-barman:pp:${n}`).length, 1, `${n}'s block:\n${text}`);
    assert.equal(text.split('\n').length, names.length * 4 + 1);
  });
});

describe('the secret step wrapper, run for real', { skip: skipUnless(rootMissing('it runs the root branch of the wrapper (not root, it would call sudo -n)')) }, () => {
  test('the passwords reach the script as 0600 files only; the uploaded wrapper and every temp file are removed; nothing is printed', () => {
    const dir = tempDir('secret-step');
    const tmp = join(dir, 'tmp');
    const home = join(dir, 'home');
    mkdirSync(tmp);
    mkdirSync(home);
    const graph = pgpassGraph(home);
    const seen = join(dir, 'seen');
    // a probe in front of the .pgpass script: what does it get as arguments, and what are they
    const probe = `for a in "$@"; do printf '%s %s\\n' "$a" "$(stat -c %a "$a")" >> ${shellQuote(seen)}; done\n`;
    const script = pgpassScriptOf(graph, 'one').replace('\n', `\n${probe}`);
    const wrapper = join(dir, 'terraform_999.sh');
    const secrets = ['Sup3r:Secret', 'Str3aming\\pw'];
    writeFileSync(wrapper, secretExecLines('test', script, secrets.map(toBase64)).join('\n') + '\n');
    const r = shFile(wrapper, { cwd: dir, env: { ...process.env, TMPDIR: tmp } });
    assert.equal(r.status, 0, r.stderr);
    const args = readFileSync(seen, 'utf8').trimEnd().split('\n').map((l) => l.split(' '));
    assert.equal(args.length, 2, 'two arguments');
    for (const [path, perm] of args) {
      assert.ok(path.startsWith(tmp + '/'), `${path}: a temp file`);
      assert.equal(perm, '600', `${path}: private`);
    }
    assert.equal(readFileSync(join(home, '.pgpass'), 'utf8'), '# BEGIN cdktf-barman:pp:one\n10.0.0.1:5432:*:barman:Sup3r\\:Secret\n10.0.0.1:5432:*:streaming_barman:Str3aming\\\\pw\n# END cdktf-barman:pp:one\n');
    assert.ok(!existsSync(wrapper), 'the uploaded wrapper (holding the passwords) removed itself');
    assert.deepEqual(readdirSync(tmp), [], 'no temp file is left');
    for (const s of [...secrets, toBase64(secrets[0])]) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'a password was printed');
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
  const hbaOf = (g: BarmanGraph): HostFile => renderHosts(g, new PlaceholderKeys()).find((p) => p.instance.name === 'pg')!.files.find((f) => f.kind === FileKind.MANAGED_BLOCK)!;
  const psql = (sql: string) => asPostgres(`cd / && ${PG_BIN}/psql -X -q -At -p ${port} -d postgres -c ${shellQuote(sql)}`);
  /** name=setting of every line of postgresql.auto.conf (what ALTER SYSTEM wrote) */
  const autoConf = () => psql("SELECT name || '=' || setting FROM pg_file_settings WHERE sourcefile LIKE '%/postgresql.auto.conf' ORDER BY name").stdout;
  const runScript = (name: string, script: string, args: string[] = []) => {
    writeFileSync(join(dir, name), script);
    return shFile(join(dir, name), { cwd: dir, args });
  };

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
    const bad: HostFile = { ...good, content: good.content!.replace('host postgres barman 127.0.0.1/32 scram-sha-256', 'host postgres barman 127.0.0.1/32 no-such-method') };
    assert.notEqual(bad.content, good.content);
    const r = runScript('config-bad.sh', postgresConfigScript(g, g.instance('pg'), bad).script);
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
    const r = runScript('config-elsewhere.sh', postgresConfigScript(g, g.instance('pg'), hbaOf(g)).script);
    assert.notEqual(r.status, 0);
    assert.ok(r.stderr.includes(`reads ${data}/pg_hba.conf, not /etc/postgresql/${PG_MAJOR}/elsewhere/pg_hba.conf: set postgres_conf_dir to ${data}`), r.stderr);
    assert.equal(readFileSync(join(data, 'pg_hba.conf'), 'utf8'), original);
  });

  test('the config script: the block first, the old rules after it, the WAL commands set; a second run changes nothing', () => {
    const g = graph();
    const hba = hbaOf(g);
    for (const run of [1, 2]) {
      const r = runScript('config.sh', postgresConfigScript(g, g.instance('pg'), hba).script);
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
      let r = runScript('config-off.sh', postgresConfigScript(off, off.instance('pg'), hbaOf(off)).script);
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotMatch(autoConf(), /^archive_command=/m, 'the library\'s archive_command is still set');
      psql("ALTER SYSTEM SET archive_command = 'cp %p /somewhere/%f'");
      r = runScript('config-off.sh', postgresConfigScript(off, off.instance('pg'), hbaOf(off)).script);
      assert.equal(r.status, 0, r.stderr);
      assert.match(autoConf(), /^archive_command=cp %p \/somewhere\/%f$/m, 'someone else\'s archive_command was reset');
    },
  );

  test(
    'the config script: barman_archiver turned off leaves no archive_mode = on behind without an archive_command (WAL would pile up in pg_wal)',
    () => {
      const on = graph();
      let r = runScript('config-on.sh', postgresConfigScript(on, on.instance('pg'), hbaOf(on)).script);
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
      r = runScript('config-off.sh', postgresConfigScript(off, off.instance('pg'), hbaOf(off)).script);
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
      const r = runScript('config-stray.sh', postgresConfigScript(g, g.instance('pg'), hbaOf(g)).script);
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
