/**
 * `cdktf-barman status`: usage errors (exit 2), invalid config (exit 1), the real ./bin against an
 * address nothing listens on (exit 1, ssh's message), and the command on real captured probe
 * output through an injected ssh runner (exit 0 healthy, exit 1 on a FAILED check).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATUS, statusCommand } from '../../lib/cli/status';
import { main } from '../../lib/cli/main';
import { sshArgs, SshResult, SshTarget } from '../../lib/status/ssh-runner';
import { StatusReport } from '../../lib/status/report';
import { repoRoot } from '../support/paths';
import { withStandInSsh } from '../support/stand-in-ssh';
import { probeFixture, statusConfigPath, statusGraph } from './status-fixtures';

/** the sandbox's cluster_ssh_port (random per e2e run) */
const PORT = statusGraph().barmanServers[0].settings.sshPort;

const BIN = join(repoRoot(), 'bin', 'cdktf-barman');

function bin(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** statusCommand with a runner that answers with `stdout` (and records what it was given) */
const withProbe = (args: string[], answer: Partial<SshResult>) => withStandInSsh(STATUS, statusCommand, args, answer);

describe('status: usage', () => {
  test('help lists status; status --help its options (this file loads the status module before main)', async () => {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => undefined };
    assert.equal(await main(['help'], io), 0);
    assert.match(out.join(''), /^ {2}status +health of every Barman server/m);
    out.length = 0;
    assert.equal(await main(['status', '--help'], io), 0);
    const text = out.join('');
    assert.match(text, /^usage: cdktf-barman status CONFIG \[options\]/);
    assert.match(text, /^ {2}--known-hosts FILE/m);
    assert.match(text, /^ {2}--outputs FILE/m);
    assert.doesNotMatch(text, /undefined/);
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
  ] as const) {
    test(`${args.join(' ') || '(no arguments)'}: exit 2`, () => {
      const r = bin(['status', ...args]);
      assert.equal(r.code, 2, r.stderr);
      assert.ok(r.stderr.includes(`cdktf-barman status: ${message}`), r.stderr);
      assert.equal(r.stdout, '');
    });
  }

  test('an invalid config: exit 1 with the usual errors, no ssh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-status-'));
    try {
      writeFileSync(join(dir, 'c.yml'), 'cluster_name: x\ninstances:\n  - Name: a\n    role: [primary]\n    backup: nowhere\n');
      const r = await withProbe([join(dir, 'c.yml')], {});
      assert.equal(r.code, 1);
      assert.match(r.stderr, /c\.yml:5:\d+: error: .*nowhere/);
      assert.equal(r.calls.length, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('status: runs', () => {
  test('the real ssh to an address nothing listens on: exit 1, unreachable with ssh\'s message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-status-'));
    try {
      writeFileSync(join(dir, 'c.yml'), 'cluster_name: x\ninstances:\n  - Name: bm\n    ip_address: 127.0.0.97\n    role: [barman]\n  - Name: db\n    ip_address: 127.0.0.98\n    role: [primary]\n    backup: bm\n');
      const r = bin(['status', join(dir, 'c.yml'), '--ssh-port', '1', '--timeout', '5', '--json']);
      assert.equal(r.code, 1, r.stderr);
      const rep = JSON.parse(r.stdout) as StatusReport;
      assert.equal(rep.ok, false);
      assert.equal(rep.servers[0].reachable, false);
      assert.deepEqual(rep.servers[0].failures, ['unreachable: ssh: connect to host 127.0.0.97 port 1: Connection refused']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('healthy probe output: exit 0, one ssh per server with the connection settings', async () => {
    const r = await withProbe([statusConfigPath(), '--identity-file', '/k/id', '--known-hosts', '/k/kh', '--ssh-port', '2222', '--connection-user', 'ops', '--bastion-host', 'jump.example.com'], { stdout: probeFixture('healthy') });
    assert.equal(r.code, 0, r.stdout);
    assert.doesNotMatch(r.stdout, /warning|FAILED/);
    assert.match(r.stdout, /^barman \(127\.0\.0\.41:2222\): Barman 3\.4\.0, cron daemon running$/m);
    assert.match(r.stdout, /^ {2}pg1 +OK +backup_barman active +OK +\d{8}T\d{6} \S+( \S+)? ago OK +\d+\/1 OK +- +\d+\/\d+ OK +OK$/m);
    assert.equal(r.calls.length, 1);
    const t = r.calls[0].target;
    assert.deepEqual([t.host, t.port, t.user, t.identityFile, t.knownHostsFile, t.bastionHost], ['127.0.0.41', 2222, 'ops', '/k/id', '/k/kh', 'jump.example.com']);
  });

  test('a FAILED check: exit 1, --json names it', async () => {
    const r = await withProbe([statusConfigPath(), '--json'], { stdout: probeFixture('receive-wal-stopped') });
    assert.equal(r.code, 1);
    const rep = JSON.parse(r.stdout) as StatusReport;
    assert.equal(rep.ok, false);
    assert.ok(rep.servers[0].instances[0].failures.some((f) => f.startsWith('check receive wal running: FAILED')));
    assert.equal(r.calls[0].target.port, PORT, "the default port is the config's cluster_ssh_port");
  });

  test('ssh failed (exit 255): unreachable, exit 1', async () => {
    const r = await withProbe([statusConfigPath()], { code: 255, stderr: 'Host key verification failed.\n' });
    assert.equal(r.code, 1);
    assert.ok(r.stdout.includes(`barman (127.0.0.41:${PORT}): UNREACHABLE\n  FAILED  barman: unreachable: Host key verification failed.`), r.stdout);
  });

  test('sudo refusing (non-root user without passwordless sudo): reported, exit 1', async () => {
    const r = await withProbe([statusConfigPath(), '--connection-user', 'ops'], { code: 1, stderr: 'sudo: a password is required\n' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /FAILED {2}barman: the probe did not run: sudo: a password is required/);
  });
});

describe('ssh command line', () => {
  const base: SshTarget = { host: 'bm.example.com', port: 22, user: 'root', timeout: 30 };
  test('batch mode, strict host keys, connect timeout; root runs sh -s', () => {
    const a = sshArgs(base);
    assert.deepEqual(a.slice(0, 8), ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', 'ConnectTimeout=30', '-o', 'LogLevel=ERROR']);
    assert.deepEqual(a.slice(-3), ['--', 'bm.example.com', 'sh -s']);
  });
  test('a sudo user runs the probe through sudo -n; key, known_hosts and bastion pass through', () => {
    const a = sshArgs({ ...base, user: 'ops', identityFile: '/k/id', knownHostsFile: '/k/kh', bastionHost: 'jump' });
    assert.deepEqual(a.slice(-3), ['--', 'bm.example.com', 'sudo -n sh -s']);
    for (const x of [['-l', 'ops'], ['-i', '/k/id'], ['-o', 'UserKnownHostsFile=/k/kh'], ['-J', 'jump'], ['-o', 'IdentitiesOnly=yes']]) {
      assert.ok(a.some((v, i) => v === x[0] && a[i + 1] === x[1]), `${x.join(' ')} in ${a.join(' ')}`);
    }
  });
});
