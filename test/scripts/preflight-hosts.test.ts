/**
 * The preflight step on real sandbox hosts (test/e2e/harness): its remote-exec inline, run as
 * Terraform runs it over ssh. A missing program is made by bind-mounting /dev/null over it inside
 * the host's private mount namespace (nothing on the machine changes); package managers are
 * stubbed (`stubCommand`, in the host's private /usr/local/sbin): nothing is ever really installed,
 * /usr is the machine's. The RHEL family is a fake /etc/os-release in the host's /etc overlay.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { preflightScript } from '../../lib/concerns/preflight/preflight-step';
import { remoteExecLines } from '../../lib/scripts/remote-command';
import { PG_BIN, PG_MAJOR, Sandbox, SandboxHost, e2eSkipReason, startHosts } from '../e2e/harness/hosts';

const HOSTS = [
  { name: 'bk', address: '127.0.0.61' },
  { name: 'pg1', address: '127.0.0.62' },
];

function graph(): BarmanGraph {
  return graphFromProps({
    clusterName: 'pf',
    settings: { postgresVersion: PG_MAJOR, postgresBinDir: PG_BIN },
    instances: [
      { name: 'pg1', roles: [Role.PRIMARY], backup: ['bk'], address: '127.0.0.62', settings: { archiver: true } },
      { name: 'bk', roles: [Role.BARMAN], address: '127.0.0.61' },
    ],
  });
}

/** the host's preflight as Terraform runs it: the inline uploaded, then `sh FILE` over ssh as root */
async function preflight(host: SandboxHost, install = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const g = graph();
  const lines = remoteExecLines(preflightScript(g, g.instance(host.name), install));
  await host.writeFile('/root/preflight.sh', lines.join('\n') + '\n', { mode: 0o700 });
  return host.run('sh /root/preflight.sh', { timeoutMs: 120_000 });
}

/** makes a program missing inside this host only */
const hide = (host: SandboxHost, path: string) => host.check(`mount --bind /dev/null ${path}`, { via: 'nsenter' });
const unhide = (host: SandboxHost, path: string) => host.run(`umount ${path}`, { via: 'nsenter' });

/** a package manager double: records its arguments; on install it "installs" by uncovering the hidden programs */
const recorder = (name: string, uncover: readonly string[]) =>
  `printf '%s\\n' "$*" >> /root/${name}.log\ncase " $* " in *' install '*) for p in ${uncover.join(' ')}; do umount "$p" 2>/dev/null || true; done ;; esac\nexit 0`;

describe('preflight on sandbox hosts', { skip: e2eSkipReason() }, () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startHosts(HOSTS, { sshPort: 'auto' });
  });
  after(async () => {
    await sb?.stop();
  });

  test('a complete Barman server and Postgres host pass', async () => {
    for (const h of HOSTS) {
      const r = await preflight(sb.host(h.name));
      assert.equal(r.code, 0, `${h.name}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`preflight of ${h.name} \\(.*\\): everything it needs is there`));
    }
  });

  test('a Barman server missing barman and rsync fails with one message naming the host and the packages; nothing written', async () => {
    const bk = sb.host('bk');
    await hide(bk, '/usr/bin/barman');
    await hide(bk, '/usr/bin/rsync');
    try {
      const r = await preflight(bk);
      assert.equal(r.code, 1);
      assert.equal(r.stderr.match(/error:/g)?.length, 1, r.stderr);
      assert.match(r.stderr, /^cdktf-barman on bk: error: preflight of bk \(Barman server\) failed: nothing was written on bk, and no backup to or from it was set up\. Missing:\n/m);
      assert.match(r.stderr, /  - \/usr\/bin\/barman \(Debian\/Ubuntu package barman, RHEL family barman\)\n/);
      assert.match(r.stderr, /  - rsync on the PATH \(Debian\/Ubuntu package rsync, RHEL family rsync\)\n/);
      assert.match(r.stderr, /Install on Debian\/Ubuntu: apt-get install barman rsync\n/);
      assert.match(r.stderr, /Or let the apply install the packages: installPackages: true/);
      // the rest is there: not listed
      assert.doesNotMatch(r.stderr, /pg_receivewal|flock|cron/);
      // the package's /etc/barman.conf shows through the /etc overlay: what counts is nothing in its upper layer
      for (const p of ['/etc/barman.conf', '/etc/cron.d/barman', '/usr/local/lib/cdktf-barman', '/var/lib/barman/.ssh']) assert.equal(existsSync(bk.outsidePath(p)!), false, p);
    } finally {
      await unhide(bk, '/usr/bin/barman');
      await unhide(bk, '/usr/bin/rsync');
    }
  });

  test('a Postgres host missing barman-wal-archive (archiver on) is told barman-cli', async () => {
    const pg1 = sb.host('pg1');
    await hide(pg1, '/usr/bin/barman-wal-archive');
    try {
      const r = await preflight(pg1);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /cdktf-barman on pg1: error: preflight of pg1 \(Postgres instance\) failed/);
      assert.match(r.stderr, /  - barman-wal-archive on the PATH \(Debian\/Ubuntu package barman-cli, RHEL family barman-cli\)\n/);
    } finally {
      await unhide(pg1, '/usr/bin/barman-wal-archive');
    }
  });

  test('installPackages on Debian: apt-get (stubbed) installs exactly the missing packages, noninteractive; then the preflight passes; a second run installs nothing', async () => {
    const bk = sb.host('bk');
    const hidden = ['/usr/bin/barman', '/usr/bin/rsync', `${PG_BIN}/pg_receivewal`];
    await bk.stubCommand('apt-get', `echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> /root/apt-get.env\n${recorder('apt-get', hidden)}`);
    for (const p of hidden) await hide(bk, p);
    try {
      const r = await preflight(bk, true);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`installing barman postgresql-client-${PG_MAJOR} rsync\\n`));
      const log = (await bk.readFile('/root/apt-get.log')).trim().split('\n');
      assert.deepEqual(log, ['-q update', `-q -y -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install barman postgresql-client-${PG_MAJOR} rsync`]);
      assert.match(await bk.readFile('/root/apt-get.env'), /DEBIAN_FRONTEND=noninteractive/);
      const again = await preflight(bk, true);
      assert.equal(again.code, 0, again.stderr);
      assert.equal((await bk.readFile('/root/apt-get.log')).trim().split('\n').length, 2, 'nothing missing: apt-get not run again');
    } finally {
      for (const p of hidden) await unhide(bk, p);
      await bk.run('rm -f /root/apt-get.log /root/apt-get.env /usr/local/sbin/apt-get', { via: 'nsenter' });
    }
  });

  test('installPackages never installs PostgreSQL: a Postgres host missing barman-cli and its PostgreSQL gets barman-cli, then the report', async () => {
    const pg1 = sb.host('pg1');
    const hidden = ['/usr/bin/barman-wal-archive', `${PG_BIN}/postgres`];
    await pg1.stubCommand('apt-get', recorder('apt-get', ['/usr/bin/barman-wal-archive']));
    for (const p of hidden) await hide(pg1, p);
    try {
      const r = await preflight(pg1, true);
      assert.equal(r.code, 1);
      const log = (await pg1.readFile('/root/apt-get.log')).trim().split('\n');
      assert.equal(log[1].replace(/.* install /, ''), 'barman-cli');
      assert.match(r.stderr, new RegExp(`  - ${PG_BIN}/postgres \\(Debian/Ubuntu package postgresql-${PG_MAJOR}, RHEL family postgresql${PG_MAJOR}-server\\)`));
      assert.doesNotMatch(r.stderr, /barman-wal-archive/);
      assert.match(r.stderr, /PostgreSQL itself is never installed/);
      assert.doesNotMatch(r.stderr, /Or let the apply install/);
    } finally {
      for (const p of hidden) await unhide(pg1, p);
      await pg1.run('rm -f /root/apt-get.log /usr/local/sbin/apt-get', { via: 'nsenter' });
    }
  });

  test('installPackages on the RHEL family (fake os-release): dnf (stubbed) gets the RHEL names; an unknown family fails clearly', async () => {
    const bk = sb.host('bk');
    const hidden = ['/usr/bin/barman', `${PG_BIN}/pg_basebackup`, '/usr/bin/flock'];
    await bk.check(`rm -f /etc/os-release && printf 'NAME="Rocky Linux"\\nID="rocky"\\nID_LIKE="rhel centos fedora"\\n' > /etc/os-release`, { via: 'nsenter' });
    await bk.stubCommand('dnf', recorder('dnf', hidden));
    await bk.stubCommand('apt-get', 'echo "apt-get must not run" >&2; exit 1');
    for (const p of hidden) await hide(bk, p);
    try {
      const r = await preflight(bk, true);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual((await bk.readFile('/root/dnf.log')).trim().split('\n'), [`-y -q install barman postgresql${PG_MAJOR} util-linux`]);
      // an unknown family: nothing installed, a clear error
      await bk.check(`printf 'ID="plan9"\\n' > /etc/os-release`, { via: 'nsenter' });
      await hide(bk, '/usr/bin/barman');
      const u = await preflight(bk, true);
      assert.equal(u.code, 1);
      assert.match(u.stderr, /installPackages on bk: unknown OS family 'plan9 ' in \/etc\/os-release/);
      assert.equal((await bk.readFile('/root/dnf.log')).trim().split('\n').length, 1);
    } finally {
      for (const p of hidden) await unhide(bk, p);
      await bk.run('rm -f /root/dnf.log /usr/local/sbin/dnf /usr/local/sbin/apt-get /etc/os-release && ln -s ../usr/lib/os-release /etc/os-release', { via: 'nsenter' });
    }
  });
});
