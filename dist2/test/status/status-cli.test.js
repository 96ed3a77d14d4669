"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * `cdktf-barman status`: usage errors (exit 2), invalid config (exit 1), the real ./bin against an
 * address nothing listens on (exit 1, ssh's message), and the command on real captured probe
 * output through an injected ssh runner (exit 0 healthy, exit 1 on a FAILED check).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const status_1 = require("../../lib/cli/status");
const main_1 = require("../../lib/cli/main");
const ssh_runner_1 = require("../../lib/status/ssh-runner");
const paths_1 = require("../support/paths");
const status_fixtures_1 = require("./status-fixtures");
/** the sandbox's cluster_ssh_port (random per e2e run) */
const PORT = (0, status_fixtures_1.statusGraph)().barmanServers[0].settings.sshPort;
const BIN = (0, node_path_1.join)((0, paths_1.repoRoot)(), 'bin', 'cdktf-barman');
function bin(args) {
    const r = (0, node_child_process_1.spawnSync)(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** statusCommand with a runner that answers with `stdout` (and records what it was given) */
async function withProbe(args, answer) {
    const out = [];
    const err = [];
    const calls = [];
    const run = async (target, script) => {
        calls.push({ target, script });
        return { code: 0, stdout: '', stderr: '', timedOut: false, ...answer };
    };
    const io = { out: (t) => out.push(t), err: (t) => err.push(t) };
    const code = await (0, main_1.main)(['status', ...args], io, [{ spec: status_1.STATUS, run: (a, o) => (0, status_1.statusCommand)(a, o, run) }]);
    return { code, stdout: out.join(''), stderr: err.join(''), calls };
}
(0, node_test_1.describe)('status: usage', () => {
    (0, node_test_1.test)('help lists status; status --help its options (this file loads the status module before main)', async () => {
        const out = [];
        const io = { out: (t) => out.push(t), err: () => undefined };
        strict_1.default.equal(await (0, main_1.main)(['help'], io), 0);
        strict_1.default.match(out.join(''), /^ {2}status +health of every Barman server/m);
        out.length = 0;
        strict_1.default.equal(await (0, main_1.main)(['status', '--help'], io), 0);
        const text = out.join('');
        strict_1.default.match(text, /^usage: cdktf-barman status CONFIG \[options\]/);
        strict_1.default.match(text, /^ {2}--known-hosts FILE/m);
        strict_1.default.match(text, /^ {2}--outputs FILE/m);
        strict_1.default.doesNotMatch(text, /undefined/);
    });
    for (const [args, message] of [
        [[], 'expected exactly one CONFIG file'],
        [['a.yml', 'b.yml'], 'expected exactly one CONFIG file'],
        [['c.yml', '--out', 'x'], 'unknown option --out'],
        [['c.yml', '--ssh-port', '70000'], "--ssh-port must be a whole number from 1 to 65535, not '70000'"],
        [['c.yml', '--timeout', '0'], "--timeout must be a whole number from 1 to 3600, not '0'"],
        [['c.yml', '--identity-file', '-oProxyCommand=sh'], "--identity-file '-oProxyCommand=sh' must not start with '-'"],
        [['c.yml', '--connection-user', 'ro ot'], "--connection-user 'ro ot' is not a user name"],
        [['c.yml', '--timeout'], 'option --timeout needs a value'],
        [['c.yml', '--json=yes'], 'option --json takes no value'],
    ]) {
        (0, node_test_1.test)(`${args.join(' ') || '(no arguments)'}: exit 2`, () => {
            const r = bin(['status', ...args]);
            strict_1.default.equal(r.code, 2, r.stderr);
            strict_1.default.ok(r.stderr.includes(`cdktf-barman status: ${message}`), r.stderr);
            strict_1.default.equal(r.stdout, '');
        });
    }
    (0, node_test_1.test)('an invalid config: exit 1 with the usual errors, no ssh', async () => {
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-status-'));
        try {
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'c.yml'), 'cluster_name: x\ninstances:\n  - Name: a\n    role: [primary]\n    backup: nowhere\n');
            const r = await withProbe([(0, node_path_1.join)(dir, 'c.yml')], {});
            strict_1.default.equal(r.code, 1);
            strict_1.default.match(r.stderr, /c\.yml:5:\d+: error: .*nowhere/);
            strict_1.default.equal(r.calls.length, 0);
        }
        finally {
            (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
        }
    });
});
(0, node_test_1.describe)('status: runs', () => {
    (0, node_test_1.test)('the real ssh to an address nothing listens on: exit 1, unreachable with ssh\'s message', () => {
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-status-'));
        try {
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'c.yml'), 'cluster_name: x\ninstances:\n  - Name: bm\n    ip_address: 127.0.0.97\n    role: [barman]\n  - Name: db\n    ip_address: 127.0.0.98\n    role: [primary]\n    backup: bm\n');
            const r = bin(['status', (0, node_path_1.join)(dir, 'c.yml'), '--ssh-port', '1', '--timeout', '5', '--json']);
            strict_1.default.equal(r.code, 1, r.stderr);
            const rep = JSON.parse(r.stdout);
            strict_1.default.equal(rep.ok, false);
            strict_1.default.equal(rep.servers[0].reachable, false);
            strict_1.default.deepEqual(rep.servers[0].failures, ['unreachable: ssh: connect to host 127.0.0.97 port 1: Connection refused']);
        }
        finally {
            (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
        }
    });
    (0, node_test_1.test)('healthy probe output: exit 0, one ssh per server with the connection settings', async () => {
        const r = await withProbe([(0, status_fixtures_1.statusConfigPath)(), '--identity-file', '/k/id', '--known-hosts', '/k/kh', '--ssh-port', '2222', '--connection-user', 'ops', '--bastion-host', 'jump.example.com'], { stdout: (0, status_fixtures_1.probeFixture)('healthy') });
        strict_1.default.equal(r.code, 0, r.stdout);
        strict_1.default.doesNotMatch(r.stdout, /warning|FAILED/);
        strict_1.default.match(r.stdout, /^barman \(127\.0\.0\.41:2222\): Barman 3\.4\.0, cron daemon running$/m);
        strict_1.default.match(r.stdout, /^ {2}pg1 +OK +backup_barman active +OK +\d{8}T\d{6} \S+( \S+)? ago OK +\d+\/1 OK +\d+\/\d+ OK +OK$/m);
        strict_1.default.equal(r.calls.length, 1);
        const t = r.calls[0].target;
        strict_1.default.deepEqual([t.host, t.port, t.user, t.identityFile, t.knownHostsFile, t.bastionHost], ['127.0.0.41', 2222, 'ops', '/k/id', '/k/kh', 'jump.example.com']);
    });
    (0, node_test_1.test)('a FAILED check: exit 1, --json names it', async () => {
        const r = await withProbe([(0, status_fixtures_1.statusConfigPath)(), '--json'], { stdout: (0, status_fixtures_1.probeFixture)('receive-wal-stopped') });
        strict_1.default.equal(r.code, 1);
        const rep = JSON.parse(r.stdout);
        strict_1.default.equal(rep.ok, false);
        strict_1.default.ok(rep.servers[0].instances[0].failures.some((f) => f.startsWith('check receive wal running: FAILED')));
        strict_1.default.equal(r.calls[0].target.port, PORT, "the default port is the config's cluster_ssh_port");
    });
    (0, node_test_1.test)('ssh failed (exit 255): unreachable, exit 1', async () => {
        const r = await withProbe([(0, status_fixtures_1.statusConfigPath)()], { code: 255, stderr: 'Host key verification failed.\n' });
        strict_1.default.equal(r.code, 1);
        strict_1.default.ok(r.stdout.includes(`barman (127.0.0.41:${PORT}): UNREACHABLE\n  FAILED  barman: unreachable: Host key verification failed.`), r.stdout);
    });
    (0, node_test_1.test)('sudo refusing (non-root user without passwordless sudo): reported, exit 1', async () => {
        const r = await withProbe([(0, status_fixtures_1.statusConfigPath)(), '--connection-user', 'ops'], { code: 1, stderr: 'sudo: a password is required\n' });
        strict_1.default.equal(r.code, 1);
        strict_1.default.match(r.stdout, /FAILED {2}barman: the probe did not run: sudo: a password is required/);
    });
});
(0, node_test_1.describe)('ssh command line', () => {
    const base = { host: 'bm.example.com', port: 22, user: 'root', timeout: 30 };
    (0, node_test_1.test)('batch mode, strict host keys, connect timeout; root runs sh -s', () => {
        const a = (0, ssh_runner_1.sshArgs)(base);
        strict_1.default.deepEqual(a.slice(0, 8), ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', 'ConnectTimeout=30', '-o', 'LogLevel=ERROR']);
        strict_1.default.deepEqual(a.slice(-3), ['--', 'bm.example.com', 'sh -s']);
    });
    (0, node_test_1.test)('a sudo user runs the probe through sudo -n; key, known_hosts and bastion pass through', () => {
        const a = (0, ssh_runner_1.sshArgs)({ ...base, user: 'ops', identityFile: '/k/id', knownHostsFile: '/k/kh', bastionHost: 'jump' });
        strict_1.default.deepEqual(a.slice(-3), ['--', 'bm.example.com', 'sudo -n sh -s']);
        for (const x of [['-l', 'ops'], ['-i', '/k/id'], ['-o', 'UserKnownHostsFile=/k/kh'], ['-J', 'jump'], ['-o', 'IdentitiesOnly=yes']]) {
            strict_1.default.ok(a.some((v, i) => v === x[0] && a[i + 1] === x[1]), `${x.join(' ')} in ${a.join(' ')}`);
        }
    });
});
