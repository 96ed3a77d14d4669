/**
 * Each provisioner resource connects the way its host's config says (vars ansible_host, ansible_user,
 * ansible_port), the construct-wide connection filling in what the config leaves out; the upload
 * path of secret steps follows each host's own user.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTpaConfig } from '../../lib/config/tpa-config';
import { buildGraph } from '../../lib/model/build-graph';
import { HostConnectionProps } from '../../lib/constructs/host-connection';
import { statusTargetsOf } from '../../lib/status/collect';
import { TfJson, provisionerResources, synthCluster, triggersOf } from './synth-helpers';

const CONFIG = `cluster_name: demo
cluster_vars:
  cluster_ssh_port: 2222
instance_defaults:
  vars:
    ansible_user: admin
instances:
  - Name: pg1
    role: primary
    backup: bm1
    ip_address: 10.0.0.1
    vars:
      ansible_host: 203.0.113.1
      barman_client_addresses: [10.0.0.1]
  - Name: pg2
    role: primary
    backup: bm1
    ip_address: 10.0.0.3
    vars:
      ansible_user: root
      ansible_port: 40022
      barman_client_addresses: [10.0.0.3]
  - Name: bm1
    role: barman
    ip_address: 10.0.0.2
    vars:
      ansible_user: barmanadm
      ansible_ssh_port: 2200
      barman_client_addresses: [10.0.0.2]
`;

const graph = buildGraph(loadTpaConfig(CONFIG, 'config.yml'));

interface Seen {
  readonly host: unknown;
  readonly user: unknown;
  readonly port: unknown;
  readonly scriptPaths: readonly unknown[];
}

/** per host name (from each resource's `host` trigger): its connection, and the upload path of its steps (the connection's: provisioners have none of their own) */
function connectionsByHost(json: TfJson): Map<string, Seen[]> {
  const out = new Map<string, Seen[]>();
  for (const [, r] of provisionerResources(json)) {
    const name = triggersOf(r).host.split(' ')[0];
    const c = r.connection!;
    for (const p of r.provisioner ?? []) assert.equal((p['remote-exec'] as { connection?: object }).connection, undefined, `${name}: a provisioner's own connection`);
    const scriptPaths = [c.script_path].filter((p) => p !== undefined);
    out.set(name, [...(out.get(name) ?? []), { host: c.host, user: c.user, port: c.port, scriptPaths }]);
  }
  return out;
}

/** every resource of every host connects as `expected` says */
function assertConnections(connection: HostConnectionProps | undefined, expected: Record<string, { host: string; user: string; port: number }>): void {
  const seen = connectionsByHost(synthCluster({ graph, connection }));
  assert.deepEqual([...seen.keys()].sort(), Object.keys(expected).sort());
  for (const [name, resources] of seen) {
    const e = expected[name];
    const home = e.user === 'root' ? '/root' : `/home/${e.user}`;
    for (const r of resources) {
      assert.deepEqual({ host: r.host, user: r.user, port: r.port }, e, name);
      assert.deepEqual(r.scriptPaths, [`${home}/.cdktf-barman-%RAND%.sh`], `${name}: every step uploads to the home of its own connection user`);
    }
  }
}

describe('per-instance connection vars reach every resource of their host', () => {
  test('no construct-wide connection: the config decides, cluster_ssh_port fills in the port', () => {
    assertConnections(undefined, {
      pg1: { host: '203.0.113.1', user: 'admin', port: 2222 },
      pg2: { host: '10.0.0.3', user: 'root', port: 40022 },
      bm1: { host: '10.0.0.2', user: 'barmanadm', port: 2200 },
    });
  });

  test("an explicit construct-wide user and port are the default; a host's own vars still win (like Ansible's -u and -p)", () => {
    const bare = buildGraph(loadTpaConfig(CONFIG.replace('    ansible_user: admin\n', '    barman_compression: gzip\n'), 'config.yml'));
    const seen = connectionsByHost(synthCluster({ graph: bare, connection: { user: 'deploy', port: 22 } }));
    assert.deepEqual(seen.get('pg1')!.map((r) => [r.user, r.port, ...r.scriptPaths]), seen.get('pg1')!.map((r) => ['deploy', 22, ...r.scriptPaths.map(() => '/home/deploy/.cdktf-barman-%RAND%.sh')]));
    assertConnections({ user: 'deploy', port: 22 }, {
      pg1: { host: '203.0.113.1', user: 'admin', port: 22 },
      pg2: { host: '10.0.0.3', user: 'root', port: 40022 },
      bm1: { host: '10.0.0.2', user: 'barmanadm', port: 2200 },
    });
  });

  test('an explicit secretScriptPath is used on every host whatever its user', () => {
    const seen = connectionsByHost(synthCluster({ graph, connection: { secretScriptPath: '/srv/ops/s-%RAND%.sh' } }));
    const paths = new Set([...seen.values()].flat().flatMap((r) => r.scriptPaths));
    assert.deepEqual([...paths], ['/srv/ops/s-%RAND%.sh']);
  });

  test('a bad construct-wide user is refused even when every host names its own', () => {
    assert.throws(() => synthCluster({ graph, connection: { user: 'a b' } }), /connection user "a b" is not an os user name/);
  });

  test("status reaches a Barman server where Terraform does: its ansible_port, else cluster_ssh_port", () => {
    assert.deepEqual(statusTargetsOf(graph).servers.map((x) => [x.name, x.host, x.port]), [['bm1', '10.0.0.2', 2200]]);
    const noPort = buildGraph(loadTpaConfig(CONFIG.replace('      ansible_ssh_port: 2200\n', ''), 'config.yml'));
    assert.deepEqual(statusTargetsOf(noPort).servers.map((x) => [x.name, x.host, x.port]), [['bm1', '10.0.0.2', 2222]]);
  });
});
