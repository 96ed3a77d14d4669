"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The WAL gate (the forced command of the postgres key on a Barman server), run for real with `sh`
 * and $SSH_ORIGINAL_COMMAND set as sshd sets it. The allowed commands are the ones the installed
 * barman-cli itself builds (its own build_ssh_command, called through Barman's Python), so the
 * grammar cannot drift from what barman-wal-archive / barman-wal-restore really send. Barman is
 * replaced by a recorder that writes the arguments it was given, one per line.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const wal_gate_1 = require("../../lib/render/wal-gate");
const barman_parse_1 = require("../support/barman-parse");
const requirements_1 = require("../support/requirements");
const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-gate-'));
process.on('exit', () => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
const recorded = (0, node_path_1.join)(dir, 'barman-args');
const recorder = (0, node_path_1.join)(dir, 'barman');
(0, node_fs_1.writeFileSync)(recorder, `#!/bin/sh\nprintf '%s\\n' "$@" > ${recorded}\n`, { mode: 0o755 });
const gate = (0, node_path_1.join)(dir, 'barman-wal-gate');
(0, node_fs_1.writeFileSync)(gate, (0, wal_gate_1.renderWalGate)(recorder), { mode: 0o755 });
/** a `logger` that records its arguments, or fails like one without syslog */
const bin = (0, node_path_1.join)(dir, 'bin');
const logged = (0, node_path_1.join)(dir, 'logged');
(0, node_fs_1.mkdirSync)(bin);
(0, node_fs_1.writeFileSync)((0, node_path_1.join)(bin, 'logger'), `#!/bin/sh\n[ -n "\${LOGGER_FAILS:-}" ] && { echo 'logger: socket /dev/log: No such file or directory' >&2; exit 1; }\nprintf '%s\\n' "$@" > ${logged}\n`, { mode: 0o755 });
const GRANTS = [(0, wal_gate_1.walGrant)(wal_gate_1.WalGrant.PUT_WAL, 'pg1'), (0, wal_gate_1.walGrant)(wal_gate_1.WalGrant.GET_WAL, 'pg1'), (0, wal_gate_1.walGrant)(wal_gate_1.WalGrant.GET_WAL, 'pg0.main')];
function runGate(original, env = {}) {
    (0, node_fs_1.rmSync)(recorded, { force: true });
    (0, node_fs_1.rmSync)(logged, { force: true });
    const e = { PATH: `${bin}:/usr/bin:/bin`, SSH_CLIENT: '10.0.0.11 40000 22', ...env };
    if (original !== undefined)
        e.SSH_ORIGINAL_COMMAND = original;
    const r = (0, node_child_process_1.spawnSync)('sh', [gate, ...GRANTS], { env: e, encoding: 'utf8', input: 'wal bytes' });
    const lines = (f) => ((0, node_fs_1.existsSync)(f) ? (0, node_fs_1.readFileSync)(f, 'utf8').split('\n').slice(0, -1) : undefined);
    return { status: r.status, stderr: r.stderr, barman: lines(recorded), logged: lines(logged) };
}
/** the remote command barman-cli's clients send, built by their own code */
function clientCommands() {
    const py = (0, barman_parse_1.findBarmanPython)();
    if (!py.ok)
        throw new Error(py.reason);
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
    const r = (0, node_child_process_1.spawnSync)(py.python, ['-c', script], { encoding: 'utf8' });
    strict_1.default.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
}
(0, node_test_1.describe)('WAL gate: what barman-wal-archive and barman-wal-restore send goes through', { skip: (0, requirements_1.skipUnless)((0, requirements_1.barmanPythonMissing)()) }, () => {
    const commands = clientCommands();
    for (const { label, command } of commands) {
        (0, node_test_1.test)(`${label}: ${command}`, () => {
            const r = runGate(command);
            strict_1.default.equal(r.status, 0, r.stderr);
            // the same words, without the quotes barman-wal-restore puts around them, as separate arguments
            const words = command.split(' ').slice(1).map((w) => w.replace(/^'(.*)'$/, '$1'));
            strict_1.default.deepEqual(r.barman, words);
            strict_1.default.equal(r.logged, undefined, 'nothing logged for an allowed command');
        });
    }
    (0, node_test_1.test)('barman-wal-archive sends put-wal and the server name unquoted, barman-wal-restore quotes them', () => {
        strict_1.default.ok(commands.some((c) => c.command === 'barman put-wal pg1'));
        strict_1.default.ok(commands.some((c) => c.command === "barman get-wal --peek '8' --gzip --partial 'pg1' '000000010000000000000002'"));
    });
    (0, node_test_1.test)('put-wal keeps its stdin (the WAL file travels on it)', () => {
        (0, node_fs_1.rmSync)(recorded, { force: true });
        const catRecorder = (0, node_path_1.join)(dir, 'barman-cat');
        (0, node_fs_1.writeFileSync)(catRecorder, `#!/bin/sh\ncat > ${recorded}\n`, { mode: 0o755 });
        const g = (0, node_path_1.join)(dir, 'gate-cat');
        (0, node_fs_1.writeFileSync)(g, (0, wal_gate_1.renderWalGate)(catRecorder), { mode: 0o755 });
        const r = (0, node_child_process_1.spawnSync)('sh', [g, ...GRANTS], { env: { PATH: '/usr/bin:/bin', SSH_ORIGINAL_COMMAND: 'barman put-wal pg1' }, input: 'wal bytes\n', encoding: 'utf8' });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(recorded, 'utf8'), 'wal bytes\n');
    });
});
(0, node_test_1.describe)('WAL gate: everything else is refused, said and logged, and Barman never runs', () => {
    const refused = [
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
        (0, node_test_1.test)(label, () => {
            const r = runGate(original);
            strict_1.default.equal(r.status, 1, r.stderr);
            strict_1.default.equal(r.barman, undefined, 'Barman was not called');
            const lines = r.stderr.split('\n').filter((l) => l !== '');
            strict_1.default.equal(lines.length, 1, r.stderr);
            strict_1.default.match(lines[0], /^cdktf-barman: refused /);
            strict_1.default.match(lines[0], message);
            // who and what for, and the fix
            strict_1.default.match(lines[0], /\(from 10\.0\.0\.11\)/);
            strict_1.default.match(lines[0], /put-wal:pg1 get-wal:pg1 get-wal:pg0\.main/);
            strict_1.default.match(lines[0], /set barman_ssh_restrict: false on this Barman server/);
            strict_1.default.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(r.stderr), 'no control characters echoed back');
            strict_1.default.deepEqual(r.logged, ['-t', 'cdktf-barman', '-p', 'auth.warning', '--', lines[0]]);
        });
    }
    (0, node_test_1.test)('a host without syslog refuses just the same (logger fails quietly)', () => {
        const r = runGate('barman delete pg1 latest', { LOGGER_FAILS: '1' });
        strict_1.default.equal(r.status, 1);
        strict_1.default.equal(r.barman, undefined);
        strict_1.default.match(r.stderr, /^cdktf-barman: refused barman delete/);
        strict_1.default.ok(!r.stderr.includes('logger:'), r.stderr);
    });
    (0, node_test_1.test)('without SSH_CLIENT (run by hand) the message says so', () => {
        const r = (0, node_child_process_1.spawnSync)('sh', [gate, ...GRANTS], { env: { PATH: `${bin}:/usr/bin:/bin`, SSH_ORIGINAL_COMMAND: 'id' }, encoding: 'utf8' });
        strict_1.default.equal(r.status, 1);
        strict_1.default.match(r.stderr, /\(from unknown\)/);
    });
});
(0, node_test_1.describe)('WAL gate: the script and its command line', () => {
    (0, node_test_1.test)('sh -n and shellcheck -s sh accept it', { skip: (0, requirements_1.skipUnless)((0, requirements_1.shellcheckMissing)()) }, () => {
        strict_1.default.equal((0, node_child_process_1.spawnSync)('sh', ['-n', gate]).status, 0);
        const sc = (0, node_child_process_1.spawnSync)('shellcheck', ['-s', 'sh', gate], { encoding: 'utf8' });
        strict_1.default.equal(sc.error, undefined);
        strict_1.default.equal(sc.status, 0, sc.stdout);
    });
    (0, node_test_1.test)('it is the same for every cluster, and runs the real Barman by default', () => {
        const text = (0, wal_gate_1.renderWalGate)();
        strict_1.default.match(text, /^exec '\/usr\/bin\/barman' \$args$/m);
        strict_1.default.ok(!/eval|sh -c/.test(text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n')), 'never eval or sh -c');
    });
    (0, node_test_1.test)('command=: the gate path and each grant quoted for the login shell', () => {
        strict_1.default.equal((0, wal_gate_1.walGateCommand)(GRANTS), `${wal_gate_1.WAL_GATE_PATH} 'put-wal:pg1' 'get-wal:pg1' 'get-wal:pg0.main'`);
    });
});
