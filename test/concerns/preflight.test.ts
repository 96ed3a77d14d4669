/**
 * Preflight (lib/concerns/preflight): what each role needs, the trigger `terraform plan` shows,
 * the dependencies (every writing resource waits for every host's preflight, so one failed
 * preflight stops the apply before any host is written), installPackages, and the step run for
 * real with sh against a fake root of test doubles (the sandbox-host runs are in
 * test/scripts/preflight-hosts.test.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupMethod, Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { preflightNeeds, renderNeeds } from '../../lib/concerns/preflight/preflight-needs';
import { PREFLIGHT_TRIGGER, preflightScript } from '../../lib/concerns/preflight/preflight-step';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { BarmanSettings } from '../../lib/model/settings';
import { runInProgram } from '../support/host-step';
import { SEED_CONFIG, expectedProvisionerIds, multiGraph, provisionerResources, waitsFor, synthCluster, triggersOf } from '../constructs/synth-helpers';
import { loadGraphFromFile } from '../../lib/config/tpa-config';

function graph(pg: BarmanSettings = {}, extra: { replica?: BarmanSettings; server?: BarmanSettings } = {}): BarmanGraph {
  return graphFromProps({
    clusterName: 'pf',
    instances: [
      { name: 'pg1', roles: [Role.PRIMARY], backup: ['bk'], settings: pg },
      { name: 'pg2', roles: [Role.REPLICA], upstream: 'pg1', settings: extra.replica ?? {} },
      { name: 'bk', roles: [Role.BARMAN], settings: extra.server ?? {} },
    ],
  });
}

const lines = (g: BarmanGraph, host: string, install = false) => renderNeeds(g.instance(host), preflightNeeds(g, g.instance(host)), install).split('\n');

describe('preflight needs per role', () => {
  test('a Barman server: barman, barman-cli, the PostgreSQL client of each backed-up instance, rsync, ssh, flock, cron, the compressor', () => {
    const g = graph({ postgresVersion: 15 });
    assert.deepEqual(lines(g, 'bk'), [
      '# preflight of bk (Barman server); installPackages off: nothing is installed, a missing need fails the apply',
      '# check target debian-package rhel-package install|manual',
      'executable /usr/bin/barman barman barman install',
      'executable /usr/bin/barman-wal-restore barman-cli barman-cli install',
      // the backed-up instance's major and bin dir, not the server's own (16)
      'executable /usr/lib/postgresql/15/bin/pg_receivewal postgresql-client-15 postgresql15 install',
      'executable /usr/lib/postgresql/15/bin/pg_basebackup postgresql-client-15 postgresql15 install',
      'command rsync rsync rsync install',
      'command ssh openssh-client openssh-clients install',
      'command flock util-linux util-linux install',
      'directory /etc/cron.d cron cronie install',
      'command cron|crond cron cronie install',
      'command pigz pigz pigz install',
      '',
    ]);
  });

  test('the clients of several majors on one Barman server, each once, where path_prefix points; no compressor for pygzip', () => {
    const g = graphFromProps({
      clusterName: 'pf',
      instances: [
        { name: 'a', roles: [Role.PRIMARY], backup: ['bk'], settings: { postgresVersion: 15, compression: 'pygzip' as never } },
        { name: 'b', roles: [Role.PRIMARY], backup: ['bk'], settings: { postgresVersion: 16, compression: 'pygzip' as never } },
        { name: 'c', roles: [Role.PRIMARY], backup: ['bk'], settings: { postgresVersion: 16, postgresBinDir: '/usr/pgsql-16/bin', compression: 'pygzip' as never } },
        { name: 'bk', roles: [Role.BARMAN] },
      ],
    });
    const client = lines(g, 'bk').filter((l) => /pg_(receivewal|basebackup)/.test(l));
    assert.deepEqual(client, [
      'executable /usr/lib/postgresql/15/bin/pg_receivewal postgresql-client-15 postgresql15 install',
      'executable /usr/lib/postgresql/15/bin/pg_basebackup postgresql-client-15 postgresql15 install',
      'executable /usr/lib/postgresql/16/bin/pg_receivewal postgresql-client-16 postgresql16 install',
      'executable /usr/lib/postgresql/16/bin/pg_basebackup postgresql-client-16 postgresql16 install',
    ], "the server's layout for each major (path_prefix): c's own postgres_bin_dir describes c's host");
    assert.equal(lines(g, 'bk').some((l) => l.startsWith('command pigz')), false);
  });

  test('a backed-up Postgres instance: PostgreSQL and its user (never installed), sshd, rsync for rsync backups', () => {
    assert.deepEqual(lines(graph(), 'pg1').slice(2), [
      'user postgres postgresql-16 postgresql16-server manual',
      'home postgres:/var/lib/postgresql postgresql-16 postgresql16-server manual',
      'executable /usr/lib/postgresql/16/bin/postgres postgresql-16 postgresql16-server manual',
      'executable /usr/lib/postgresql/16/bin/psql postgresql-16 postgresql16-server manual',
      'command sshd openssh-server openssh-server install',
      'command rsync rsync rsync install',
      '',
    ]);
    // backup_method postgres: no rsync on the Postgres host
    assert.equal(lines(graph({ backupMethod: BackupMethod.POSTGRES }), 'pg1').some((l) => l.includes('rsync')), false);
  });

  test('barman-cli and ssh where archive_command or restore_command use them', () => {
    const g = graph({ archiver: true }, { replica: { walRestore: true } });
    assert.ok(lines(g, 'pg1').includes('command barman-wal-archive barman-cli barman-cli install'));
    assert.ok(lines(g, 'pg1').includes('command ssh openssh-client openssh-clients install'));
    assert.equal(lines(g, 'pg1').some((l) => l.includes('barman-wal-restore')), false);
    assert.ok(lines(g, 'pg2').includes('command barman-wal-restore barman-cli barman-cli install'));
    assert.equal(lines(g, 'pg2').some((l) => l.includes('barman-wal-archive')), false);
    // the defaults: neither
    assert.equal(lines(graph(), 'pg1').some((l) => l.includes('barman-wal') || l.startsWith('command ssh ')), false);
  });

  test('a host with both roles gets both lists, each need once', () => {
    const g = loadGraphFromFile(SEED_CONFIG());
    for (const i of g.instances.filter((x) => x.isBarmanServer && x.isPostgres)) {
      const ls = lines(g, i.name).filter((l) => !l.startsWith('#'));
      assert.equal(new Set(ls.map((l) => l.split(' ').slice(0, 2).join(' '))).size, ls.length);
    }
    const m = multiGraph();
    for (const i of m.instances) {
      const ls = lines(m, i.name).filter((l) => l !== '' && !l.startsWith('#'));
      assert.equal(new Set(ls.map((l) => l.split(' ').slice(0, 2).join(' '))).size, ls.length, i.name);
      if (i.isBarmanServer) assert.ok(ls.includes('executable /usr/bin/barman barman barman install'), i.name);
      if (i.isPostgres) assert.ok(ls.includes('command sshd openssh-server openssh-server install'), i.name);
    }
  });

  test('installPackages shows in the header and the step', () => {
    const g = graph();
    assert.match(lines(g, 'bk', true)[0], /installPackages on: missing packages of the install lines are installed/);
    const on = preflightScript(g, g.instance('bk'), true);
    const off = preflightScript(g, g.instance('bk'), false);
    assert.deepEqual(on.args.slice(0, 3), ['bk', 'Barman server', 'install']);
    assert.deepEqual(off.args.slice(0, 3), ['bk', 'Barman server', 'check']);
  });
});

describe('preflight resources in the synthesized Terraform', () => {
  for (const type of Object.values(ProvisionerResourceType)) {
    test(`${type}: one preflight per host; every writing resource waits for the preflights of the hosts it concerns, not every host's; preflights depend on none`, () => {
      const g = multiGraph();
      const json = synthCluster({ graph: g, resourceType: type });
      const rs = provisionerResources(json);
      assert.deepEqual([...rs.keys()].sort(), expectedProvisionerIds(g));
      const preflights = [...rs.keys()].filter((id) => id.startsWith('barman_preflight_')).sort();
      assert.deepEqual(preflights, g.instances.filter((i) => i.isBarmanServer || i.isPostgres).map((i) => `barman_preflight_${i.name.replace(/\./g, '_')}`).sort());
      for (const [id, r] of rs) {
        const deps = r.depends_on ?? [];
        if (preflights.includes(id)) {
          assert.equal(deps.some((d) => d.includes('_preflight_')), false, `${id} waits for no other preflight`);
          assert.equal((r.provisioner ?? []).length, 1, `${id}: one step, no secret`);
          continue;
        }
        // the hosts it writes on or sets a backup up between: an edge and its activation both ends
        const edge = /^barman_(?:backup|activate)_(.+)_on_(.+)$/.exec(id);
        const hosts = edge ? [edge[1], edge[2]] : [/^barman_(?:server|postgres_access|postgres_config|postgres_roles)_(.+)$/.exec(id)![1]];
        const waited = [...waitsFor(json, `${type}.${id}`)].filter((d) => d.includes('_preflight_'));
        for (const h of hosts) assert.ok(waited.includes(`${type}.barman_preflight_${h}`), `${id} waits for ${h}'s preflight: ${deps.join(', ')}`);
        // one edge per host it concerns at most, and nothing like a barrier over every host
        assert.ok(deps.filter((d) => d.includes('_preflight_')).length <= 1, `${id}: ${deps.join(', ')}`);
        assert.equal(waited.length < preflights.length || preflights.length <= 3, true, `${id} waits for only the preflights of the hosts it concerns, not every host's`);
      }
      assert.equal(json.resource?.terraform_data?.barman_preflights_passed, undefined, 'no barrier over every preflight (Terraform records dependencies transitively: quadratic)');
    });
  }

  test('the trigger holds the readable needs; installPackages changes it (the preflight re-runs), not the writing resources', () => {
    const g = graph({ postgresVersion: 15 });
    const off = provisionerResources(synthCluster({ graph: g }));
    const on = provisionerResources(synthCluster({ graph: g, installPackages: true }));
    const t = triggersOf(off.get('barman_preflight_bk')!);
    assert.deepEqual(Object.keys(t).sort(), ['host', 'layout', PREFLIGHT_TRIGGER, 'script_sha256'].sort());
    assert.match(t[PREFLIGHT_TRIGGER], /^executable \/usr\/lib\/postgresql\/15\/bin\/pg_receivewal postgresql-client-15 postgresql15 install$/m);
    assert.notEqual(triggersOf(on.get('barman_preflight_bk')!)[PREFLIGHT_TRIGGER], t[PREFLIGHT_TRIGGER]);
    for (const id of off.keys()) {
      if (id.includes('_preflight_')) continue;
      assert.deepEqual(triggersOf(on.get(id)!), triggersOf(off.get(id)!), `${id}: unchanged by installPackages`);
    }
    // a change of what a host needs re-runs its preflight, and only its own
    const v16 = provisionerResources(synthCluster({ graph: graph({ postgresVersion: 16 }) }));
    assert.notDeepEqual(triggersOf(v16.get('barman_preflight_bk')!), t);
    assert.notDeepEqual(triggersOf(v16.get('barman_preflight_pg1')!), triggersOf(off.get('barman_preflight_pg1')!));
    assert.deepEqual(triggersOf(v16.get('barman_preflight_pg2')!), triggersOf(off.get('barman_preflight_pg2')!));
  });
});

describe('the preflight step, run with sh against test doubles', () => {
  /** a temp dir, and a bin dir first on the PATH for the doubles a test makes */
  function fixture(): { dir: string; bin: string; run: (needs: string) => ReturnType<typeof runInProgram> } {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-preflight-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const run = (needs: string) => runInProgram(`preflight bk 'Barman server' check '${Buffer.from(needs).toString('base64')}'`, { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    return { dir, bin, run };
  }
  const exe = (path: string, body = 'exit 0') => {
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
  };

  test('everything there: passes', () => {
    const f = fixture();
    try {
      exe(join(f.dir, 'barman'));
      exe(join(f.bin, 'cdktf-pf-crond'));
      const r = f.run(`# x\nexecutable ${f.dir}/barman barman barman install\ncommand sh rsync rsync install\ncommand cdktf-pf-cron|cdktf-pf-crond cron cronie install\ndirectory ${f.dir} cron cronie install\nuser root a b manual\n`);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /preflight of bk \(Barman server\): everything it needs is there/);
    } finally {
      rmSync(f.dir, { recursive: true, force: true });
    }
  });

  test('missing things: one message listing each with its packages, the install commands, the option', () => {
    const f = fixture();
    try {
      writeFileSync(join(f.dir, 'barman'), 'not executable');
      const r = f.run(
        `executable ${f.dir}/barman barman barman install\ncommand cdktf-pf-rsync rsync rsync install\ncommand cdktf-pf-cron|cdktf-pf-crond cron cronie install\nuser no-such-user-pf postgresql-16 postgresql16-server manual\nhome root:/nowhere postgresql-16 postgresql16-server manual\n`,
      );
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.match(/error:/g)?.length, 1, r.stderr);
      assert.match(r.stderr, /error: preflight of bk \(Barman server\) failed: nothing was written on bk, and no backup to or from it was set up\. Missing:\n/);
      assert.match(r.stderr, new RegExp(`  - ${f.dir}/barman \\(Debian/Ubuntu package barman, RHEL family barman\\)\n`));
      assert.match(r.stderr, /  - cdktf-pf-rsync on the PATH \(Debian\/Ubuntu package rsync, RHEL family rsync\)\n/);
      assert.match(r.stderr, /  - cdktf-pf-cron or cdktf-pf-crond on the PATH \(Debian\/Ubuntu package cron, RHEL family cronie\)\n/);
      assert.match(r.stderr, /  - user no-such-user-pf \(/);
      assert.match(r.stderr, /  - home \/nowhere of user root \(/);
      assert.match(r.stderr, /Install on Debian\/Ubuntu: apt-get install barman cron postgresql-16 rsync\n/);
      assert.match(r.stderr, /Install on the RHEL family \(PGDG repository\): dnf install barman cronie postgresql16-server rsync\n/);
      assert.match(r.stderr, /PostgreSQL itself is never installed/);
      assert.match(r.stderr, /Or let the apply install the packages: installPackages: true \(cdktf-barman synth --install-packages\)/);
    } finally {
      rmSync(f.dir, { recursive: true, force: true });
    }
  });

  test('the packages of the missing lines: Debian or RHEL column, installable ones or all, each once, sorted', () => {
    // the install itself (apt-get, dnf stubbed, /etc/os-release faked) runs on sandbox hosts: test/scripts/preflight-hosts.test.ts
    const missing = 'command rsync rsync rsync install\ncommand cron|crond cron cronie install\ndirectory /etc/cron.d cron cronie install\nuser pg postgresql-16 postgresql16-server manual';
    const pk = (col: number, which: string) => runInProgram(`preflight_packages '${missing}' ${col} ${which}`).stdout;
    assert.equal(pk(3, 'install'), 'cron rsync');
    assert.equal(pk(4, 'install'), 'cronie rsync');
    assert.equal(pk(3, 'all'), 'cron postgresql-16 rsync');
    assert.equal(pk(4, 'all'), 'cronie postgresql16-server rsync');
  });
});
