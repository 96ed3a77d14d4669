/**
 * The WAL gate (the forced command of the postgres key on a Barman server), run for real with `sh`
 * and $SSH_ORIGINAL_COMMAND set as sshd sets it. The allowed commands are the ones the installed
 * barman-cli itself builds (its own build_ssh_command, called through Barman's Python), so the
 * grammar cannot drift from what barman-wal-archive / barman-wal-restore really send. Barman is
 * replaced by a recorder that writes the arguments it was given, one per line.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderWalGate, walGateCommand, walGrant, WalGrant, WAL_GATE_PATH } from '../../lib/render/wal-gate';
import { findBarmanPython } from '../support/barman-parse';
import { barmanPythonMissing, shellcheckMissing, skipUnless } from '../support/requirements';

const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-gate-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const recorded = join(dir, 'barman-args');
const recorder = join(dir, 'barman');
writeFileSync(recorder, `#!/bin/sh\nprintf '%s\\n' "$@" > ${recorded}\n`, { mode: 0o755 });
const gate = join(dir, 'barman-wal-gate');
writeFileSync(gate, renderWalGate(recorder), { mode: 0o755 });

/** a `logger` that records its arguments, or fails like one without syslog */
const bin = join(dir, 'bin');
const logged = join(dir, 'logged');
mkdirSync(bin);
writeFileSync(join(bin, 'logger'), `#!/bin/sh\n[ -n "\${LOGGER_FAILS:-}" ] && { echo 'logger: socket /dev/log: No such file or directory' >&2; exit 1; }\nprintf '%s\\n' "$@" > ${logged}\n`, { mode: 0o755 });

const GRANTS = [walGrant(WalGrant.PUT_WAL, 'pg1'), walGrant(WalGrant.GET_WAL, 'pg1'), walGrant(WalGrant.GET_WAL, 'pg0.main')];

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  /** what Barman was called with; undefined: not called */
  readonly barman?: string[];
  readonly logged?: string[];
}

function runGate(original: string | undefined, env: Record<string, string> = {}): Run {
  rmSync(recorded, { force: true });
  rmSync(logged, { force: true });
  const e: NodeJS.ProcessEnv = { PATH: `${bin}:/usr/bin:/bin`, SSH_CLIENT: '10.0.0.11 40000 22', ...env };
  if (original !== undefined) e.SSH_ORIGINAL_COMMAND = original;
  const r = spawnSync('sh', [gate, ...GRANTS], { env: e, encoding: 'utf8', input: 'wal bytes' });
  const lines = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').slice(0, -1) : undefined);
  return { status: r.status, stderr: r.stderr, barman: lines(recorded), logged: lines(logged) };
}

/** the remote command barman-cli's clients send, built by their own code */
function clientCommands(): { readonly label: string; readonly command: string }[] {
  const py = findBarmanPython();
  if (!py.ok) throw new Error(py.reason);
  const script = `
import argparse, json
from barman.clients import walarchive, walrestore
def ns(**kw):
    base = dict(port=None, user='barman', barman_host='bm', config=None, server_name='pg1', test=False, compression=None, partial=False)
    base.update(kw)
    return argparse.Namespace(**base)
def remote(cmd):
    # ssh joins the words after the destination with spaces: that is $SSH_ORIGINAL_COMMAND
    return ' '.join(cmd[cmd.index('barman@bm') + 1:])
out = [
  ('archive', remote(walarchive.build_ssh_command(ns()))),
  ('archive --test', remote(walarchive.build_ssh_command(ns(test=True)))),
  ('archive on port 2222', remote(walarchive.build_ssh_command(ns(port='2222')))),
  ('restore', remote(walrestore.build_ssh_command(ns(), '000000010000000000000002'))),
  ('restore --test', remote(walrestore.build_ssh_command(ns(test=True), 'dummy_wal_name'))),
  ('restore a history file', remote(walrestore.build_ssh_command(ns(), '00000002.history'))),
  ('restore -z -P, peek', remote(walrestore.build_ssh_command(ns(compression='gzip', partial=True), '000000010000000000000002', peek=8))),
  ('restore -j', remote(walrestore.build_ssh_command(ns(compression='bzip2'), '000000010000000000000003'))),
  ('restore a partial file', remote(walrestore.build_ssh_command(ns(partial=True), '000000010000000000000004.partial'))),
  ('restore of a granted get-only server', remote(walrestore.build_ssh_command(ns(server_name='pg0.main'), '000000010000000000000005'))),
]
print(json.dumps([dict(label=l, command=c) for l, c in out]))
`;
  const r = spawnSync(py.python, ['-c', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('WAL gate: what barman-wal-archive and barman-wal-restore send goes through', { skip: skipUnless(barmanPythonMissing()) }, () => {
  const commands = clientCommands();
  for (const { label, command } of commands) {
    test(`${label}: ${command}`, () => {
      const r = runGate(command);
      assert.equal(r.status, 0, r.stderr);
      // the same words, without the quotes barman-wal-restore puts around them, as separate arguments
      const words = command.split(' ').slice(1).map((w) => w.replace(/^'(.*)'$/, '$1'));
      assert.deepEqual(r.barman, words);
      assert.equal(r.logged, undefined, 'nothing logged for an allowed command');
    });
  }
  test('barman-wal-archive sends put-wal and the server name unquoted, barman-wal-restore quotes them', () => {
    assert.ok(commands.some((c) => c.command === 'barman put-wal pg1'));
    assert.ok(commands.some((c) => c.command === "barman get-wal --peek '8' --gzip --partial 'pg1' '000000010000000000000002'"));
  });
  test('put-wal keeps its stdin (the WAL file travels on it)', () => {
    rmSync(recorded, { force: true });
    const catRecorder = join(dir, 'barman-cat');
    writeFileSync(catRecorder, `#!/bin/sh\ncat > ${recorded}\n`, { mode: 0o755 });
    const g = join(dir, 'gate-cat');
    writeFileSync(g, renderWalGate(catRecorder), { mode: 0o755 });
    const r = spawnSync('sh', [g, ...GRANTS], { env: { PATH: '/usr/bin:/bin', SSH_ORIGINAL_COMMAND: 'barman put-wal pg1' }, input: 'wal bytes\n', encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(recorded, 'utf8'), 'wal bytes\n');
  });
});

describe('WAL gate: everything else is refused, said and logged, and Barman never runs', () => {
  const refused: readonly (readonly [string, string | undefined, RegExp])[] = [
    ['an interactive login', undefined, /refused an interactive login/],
    ['an empty command', '', /refused an interactive login/],
    ['a shell command', 'ls /var/lib/barman', /refused the command 'ls \/var\/lib\/barman'/],
    ['another barman command', 'barman delete pg1 latest', /refused barman delete/],
    ['barman switch-wal', 'barman switch-wal pg1', /refused barman switch-wal/],
    ['put-wal of a server not granted', 'barman put-wal pg2', /refused put-wal for server 'pg2'/],
    ['put-wal of a get-only server', 'barman put-wal pg0.main', /refused put-wal for server 'pg0\.main'/],
    ['get-wal of a server not granted', "barman get-wal 'pg2' '000000010000000000000002'", /refused get-wal for server 'pg2'/],
    ['a prefix of a granted name', 'barman put-wal pg', /refused put-wal for server 'pg'/],
    ['--config (barman-cli can send it; nothing here needs it)', "barman --config='/tmp/x.conf' put-wal pg1", /characters outside/],
    ['-c before the verb', 'barman -c x put-wal pg1', /refused barman -c/],
    ['get-wal --output-directory', "barman get-wal --output-directory 'tmp' 'pg1' '000000010000000000000002'", /option --output-directory/],
    ['a WAL name with a slash', "barman get-wal 'pg1' '../../etc/passwd'", /characters outside/],
    ['a WAL name that is an option', "barman get-wal 'pg1' '-h'", /WAL name/],
    ['a non-numeric peek', "barman get-wal --peek 'x' 'pg1' '000000010000000000000002'", /--peek takes a number/],
    ['an extra word after put-wal', 'barman put-wal pg1 --test pg2', /refused the command/],
    ['a stray quote', "barman put-wal 'pg1", /badly quoted/],
    ['a second command after ;', 'barman put-wal pg1; rm -rf /', /characters outside/],
    ['a command substitution', 'barman put-wal $(id)', /characters outside/],
    ['a glob', 'barman put-wal *', /characters outside/],
    ['a newline', 'barman put-wal pg1\nid', /characters outside/],
    ['a tab', 'barman\tput-wal pg1', /characters outside/],
  ];
  for (const [label, original, message] of refused) {
    test(label, () => {
      const r = runGate(original);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.barman, undefined, 'Barman was not called');
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /^cdktf-barman: refused /);
      assert.match(lines[0], message);
      // who and what for, and the fix
      assert.match(lines[0], /\(from 10\.0\.0\.11\)/);
      assert.match(lines[0], /put-wal:pg1 get-wal:pg1 get-wal:pg0\.main/);
      assert.match(lines[0], /set barman_ssh_restrict: false on this Barman server/);
      assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(r.stderr), 'no control characters echoed back');
      assert.deepEqual(r.logged, ['-t', 'cdktf-barman', '-p', 'auth.warning', '--', lines[0]]);
    });
  }

  test('a host without syslog refuses just the same (logger fails quietly)', () => {
    const r = runGate('barman delete pg1 latest', { LOGGER_FAILS: '1' });
    assert.equal(r.status, 1);
    assert.equal(r.barman, undefined);
    assert.match(r.stderr, /^cdktf-barman: refused barman delete/);
    assert.ok(!r.stderr.includes('logger:'), r.stderr);
  });

  test('without SSH_CLIENT (run by hand) the message says so', () => {
    const r = spawnSync('sh', [gate, ...GRANTS], { env: { PATH: `${bin}:/usr/bin:/bin`, SSH_ORIGINAL_COMMAND: 'id' }, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\(from unknown\)/);
  });
});

describe('WAL gate: the script and its command line', () => {
  test('sh -n and shellcheck -s sh accept it', { skip: skipUnless(shellcheckMissing()) }, () => {
    assert.equal(spawnSync('sh', ['-n', gate]).status, 0);
    const sc = spawnSync('shellcheck', ['-s', 'sh', gate], { encoding: 'utf8' });
    assert.equal(sc.error, undefined);
    assert.equal(sc.status, 0, sc.stdout);
  });

  test('it is the same for every cluster, and runs the real Barman by default', () => {
    const text = renderWalGate();
    assert.match(text, /^exec '\/usr\/bin\/barman' \$args$/m);
    assert.ok(!/eval|sh -c/.test(text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n')), 'never eval or sh -c');
  });

  test('command=: the gate path and each grant quoted for the login shell', () => {
    assert.equal(walGateCommand(GRANTS), `${WAL_GATE_PATH} 'put-wal:pg1' 'get-wal:pg1' 'get-wal:pg0.main'`);
  });
});
