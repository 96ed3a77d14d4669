/**
 * One Barman server, two clusters of one stack (issue 17 item 1): the owner writes the server-wide
 * files, the barman_shared cluster only its own backups, key lines and .pgpass block; it authorizes
 * the owner's barman key, waits for the owner's server resource, and any conflict is an error at
 * synth naming both clusters.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BarmanCluster } from '../../lib/constructs/barman-cluster';
import { InvalidConfigError } from '../../lib/model/diagnostics';
import { Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { BarmanSettings } from '../../lib/model/settings';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { OWNS_SERVER, barmanServerFiles, managedListPath } from '../../lib/concerns/barman-server/barman-server-files';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { resource, stepOf, synthStack, triggerPaths, triggersOf } from './synth-helpers';

const BM = '10.20.0.5';

/** a cluster with the Barman host at BM and one instance backed up to it */
function cluster(name: string, db: string, o: { shared?: boolean; server?: BarmanSettings; backupName?: string; bmName?: string } = {}): BarmanGraph {
  const bm = o.bmName ?? 'bm';
  return graphFromProps({
    clusterName: name,
    instances: [
      { name: bm, roles: [Role.BARMAN], address: BM, settings: { ...(o.shared ? { barmanShared: true } : {}), ...o.server } },
      { name: db, roles: [Role.PRIMARY], address: `10.20.0.${db.length + 10}`, backup: [bm], settings: o.backupName ? { backupName: o.backupName } : {} },
    ],
  });
}

const SUPPLIED = { postgres: { publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPostgres', privateKey: 'secret-p' }, barman: { publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBarman', privateKey: 'secret-b' } };

function both(sharer: BarmanGraph, owner: BarmanGraph = cluster('alpha', 'db1')) {
  return synthStack((stack) => {
    const a = new BarmanCluster(stack, 'alpha', { graph: owner });
    new BarmanCluster(stack, 'beta', { graph: sharer, serverOwner: a });
  });
}

function synthError(build: () => unknown): string {
  try {
    build();
  } catch (e) {
    assert.ok(e instanceof InvalidConfigError, `an InvalidConfigError, not ${String(e)}`);
    return e.message;
  }
  assert.fail('no error');
}

describe('the files of a shared Barman server', () => {
  test("the owner writes the server-wide files and claims them in its managed list; the sharer writes only its own key lines and list", () => {
    const keys = new PlaceholderKeys();
    const owner = cluster('alpha', 'db1');
    const sharer = cluster('beta', 'db2', { shared: true });
    const ownerFiles = barmanServerFiles(owner, owner.instance('bm'), keys);
    const sharerFiles = barmanServerFiles(sharer, sharer.instance('bm'), keys);
    for (const path of ['/etc/barman.conf', '/etc/cron.d/barman', '/var/lib/barman', '/var/lib/barman/.ssh/id_ed25519']) {
      assert.ok(ownerFiles.some((f) => f.path === path), `the owner writes ${path}`);
      assert.ok(!sharerFiles.some((f) => f.path === path), `the sharer never writes ${path}`);
    }
    assert.deepEqual(sharerFiles.map((f) => f.path), ['/var/lib/barman/.ssh/authorized_keys', '/var/lib/barman/.ssh/known_hosts', managedListPath('beta')]);
    const listOf = (files: typeof ownerFiles) => files.find((f) => f.path.endsWith('.managed'))!.content!.split('\n');
    assert.ok(listOf(ownerFiles).includes(OWNS_SERVER), 'the owner claims the server');
    assert.ok(!listOf(sharerFiles).includes(OWNS_SERVER), 'the sharer does not');
    assert.ok(listOf(sharerFiles).includes('/etc/barman.d/db2.conf'), "the sharer's list holds its own backup");
  });
});

describe('two clusters of one stack sharing a Barman server', () => {
  const json = both(cluster('beta', 'db2', { shared: true }));

  test("the sharer's server step runs after the owner's, says 'shared' and carries the owner's barman.conf as it expects it", () => {
    const sharerServer = resource(json, 'null_resource', 'beta_server_bm');
    assert.deepEqual(sharerServer.depends_on?.filter((d) => d.includes('alpha')), ['null_resource.alpha_server_bm']);
    const args = stepOf(sharerServer, 'barman_server').args;
    assert.ok(args.includes('shared'), `the step is told the server is shared: ${args.join(' ')}`);
    assert.ok(!triggerPaths(sharerServer).includes('/etc/barman.conf'), 'the sharer does not write barman.conf');
    const expected = Object.entries(triggersOf(sharerServer)).find(([k]) => k.startsWith("/etc/barman.conf (the owner's"));
    assert.ok(expected && expected[1].includes('[barman]'), 'the plan shows the barman.conf the sharer expects');
    const ownerArgs = stepOf(resource(json, 'null_resource', 'alpha_server_bm'), 'barman_server').args;
    assert.ok(ownerArgs.includes('owner'), 'the owner step is told it owns the server');
  });

  test("the sharer's Postgres instance authorizes the owner's barman key, never its own", () => {
    const access = JSON.stringify(resource(json, 'null_resource', 'beta_postgres_access_db2'));
    assert.ok(access.includes('tls_private_key.alpha_ssh_key_barman.public_key_openssh'), "the owner's barman key");
    assert.ok(!access.includes('tls_private_key.beta_ssh_key_barman'), "not the sharer's own");
  });

  test("neither cluster's backup of the other appears in its resources", () => {
    assert.ok(resource(json, 'null_resource', 'beta_backup_db2_on_bm'));
    assert.ok(resource(json, 'null_resource', 'alpha_backup_db1_on_bm'));
  });
});

describe('conflicts are errors at synth naming both clusters', () => {
  test('a Barman-server setting that differs: the lines of each', () => {
    const m = synthError(() => both(cluster('beta', 'db2', { shared: true, server: { logFile: '/var/log/barman/beta.log' } })));
    assert.match(m, /Barman-server settings of 'bm' differ between its owner 'test\/alpha' \(log_file = \/var\/log\/barman\.log\) and 'test\/beta', where it is barman_shared \(log_file = \/var\/log\/barman\/beta\.log\)/);
  });

  test('the same backup name on the shared host', () => {
    const m = synthError(() => both(cluster('beta', 'db9', { shared: true, backupName: 'db1' })));
    assert.match(m, /'db9' of 'test\/beta' and 'db1' of 'test\/alpha' are both backed up to 'bm' as 'db1': set a distinct backup_name/);
  });

  test('the owner marks the server barman_shared too', () => {
    const m = synthError(() =>
      synthStack((stack) => {
        const a = new BarmanCluster(stack, 'alpha', { graph: cluster('alpha', 'db1', { shared: true }), suppliedKeys: SUPPLIED });
        new BarmanCluster(stack, 'beta', { graph: cluster('beta', 'db2', { shared: true }), serverOwner: a });
      }),
    );
    assert.match(m, /barman_shared in 'test\/beta' and in its serverOwner 'test\/alpha'.*exactly one cluster owns a Barman server/);
  });

  test('no server of the owner at that address', () => {
    const owner = graphFromProps({ clusterName: 'alpha', instances: [{ name: 'bm', roles: [Role.BARMAN], address: '10.99.0.1' }] });
    const m = synthError(() => both(cluster('beta', 'db2', { shared: true }), owner));
    assert.match(m, /'test\/alpha' has no Barman server at its address 10\.20\.0\.5/);
  });

  test('serverOwner without any barman_shared server', () => {
    const m = synthError(() => both(cluster('beta', 'db2')));
    assert.match(m, /names serverOwner 'test\/alpha' but none of its Barman servers is barman_shared/);
  });

  test("a shared server whose owner is elsewhere needs the owner's keys: generated keys are refused, supplied ones accepted", () => {
    const m = synthError(() => synthStack((stack) => void new BarmanCluster(stack, 'beta', { graph: cluster('beta', 'db2', { shared: true }) })));
    assert.match(m, /'bm' is barman_shared in 'test\/beta'.*pass serverOwner .* or suppliedKeys with the owner's barman key pair/);
    const json = synthStack((stack) => void new BarmanCluster(stack, 'beta', { graph: cluster('beta', 'db2', { shared: true }), suppliedKeys: SUPPLIED }));
    assert.ok(JSON.stringify(resource(json, 'null_resource', 'beta_postgres_access_db2')).includes('AAAAC3NzaC1lZDI1NTE5AAAAIBarman'));
  });
});
