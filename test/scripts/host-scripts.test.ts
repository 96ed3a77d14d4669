/**
 * The pure host-script builders of lib/scripts: syntax (sh -n, shellcheck -s sh), quoting of
 * hostile values, and the shell library's functions run for real with `sh` in a temp directory
 * (owner: the user running the tests).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
import { HostScriptBuilder } from '../../lib/scripts/host-script-builder';
import { PRIVATE_KEY_INSTALL_SCRIPT } from '../../lib/scripts/private-key-script';
import { HostScript, privateKeyExecLines, remoteExecLines, toBase64 } from '../../lib/scripts/remote-command';
import { SHELL_LIBRARY } from '../../lib/scripts/shell-library';
import { SEED_CONFIG, fixtureConfigs, multiGraph } from '../constructs/synth-helpers';

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
const IS_ROOT = sh('id -u').stdout.trim() === '0';

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
  for (const p of plans) {
    const filesOf = (c: Concern) => p.files.filter((f) => f.concern === c);
    if (p.instance.isBarmanServer) {
      add(`server ${p.instance.name}`, barmanServerScript(graph, p.instance, filesOf(Concern.BARMAN_SERVER), FAKE_KEYS), `Barman server ${p.instance.name}`);
      for (const e of graph.edgesOnServer(p.instance)) {
        add(`edge ${e.instance.name} on ${e.server.name}`, backupEdgeScript(e, p.files.filter((f) => f.concern === Concern.BACKUP_EDGE && f.edge === e)), `backups of ${e.instance.name}`);
      }
      const guard = p.files.find((f) => f.path.endsWith('/barman-home-ok'));
      if (guard?.content) out.push({ name: `guard script on ${p.instance.name}`, text: guard.content });
    }
    if (p.instance.isPostgres) {
      add(`postgres ${p.instance.name}`, postgresAccessScript(graph, p.instance, filesOf(Concern.POSTGRES_ACCESS), FAKE_KEYS), `Postgres instance ${p.instance.name}`);
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

// ---------------------------------------------------------------------------------------------

describe('every generated script is valid POSIX sh', () => {
  const shellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  const HAVE_SHELLCHECK = !shellcheck.error && shellcheck.status === 0;
  if (!HAVE_SHELLCHECK) {
    console.log('SKIP shellcheck: `shellcheck` is not installed (apt-get install -y shellcheck); the scripts were checked with sh -n only');
  }

  for (const g of GRAPHS) {
    test(`${g.name}: sh -n${HAVE_SHELLCHECK ? ' and shellcheck -s sh' : ''}`, () => {
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
      if (HAVE_SHELLCHECK) {
        // every severity; only SC2129 (style: "use { a; b; } >> file" for the managed-lines steps) is waived
        const r = spawnSync('shellcheck', ['-s', 'sh', '-e', 'SC2129', '-f', 'gcc', ...files], { encoding: 'utf8' });
        const named = (r.stdout ?? '').replace(/^(\S+?)\/(\d+)\.sh:/gm, (_m, _d, i: string) => `[${scripts[Number(i)].name}]:`);
        assert.equal(r.status, 0, `shellcheck:\n${named}${r.stderr}`);
      }
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
    const script = new HostScriptBuilder().file(f).build();
    const own = script.slice(SHELL_LIBRARY.length);
    assert.ok(!own.includes('touch pwned-subst') && !own.includes('last line'), 'the content is not in the script in clear');
    const r = sh(script, { cwd: dir });
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
    const decoded = [...s.matchAll(/^put_file .* '([A-Za-z0-9+/=]*)'$/gm)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
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

describe('the remote-exec wrappers, run for real', { skip: IS_ROOT ? false : 'these run the root branch of the wrappers (not root here: they would call sudo -n)' }, () => {
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
