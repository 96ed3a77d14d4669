/**
 * barman_retired (issue 17 item 4): a Postgres instance leaving Barman is kept aside by the graph
 * (no edge, no file of anyone names it), and what still points at it is an error with the fix.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { Role } from '../../lib/model/enums';
import { diagnose, expectOneError } from './diagnostic-helpers';

describe('an instance with barman_retired', () => {
  test('is in retiredInstances only: no edge, not among the Postgres instances or anywhere the files look', () => {
    const g = graphFromProps({
      clusterName: 'c',
      instances: [
        { name: 'pg1', roles: [Role.PRIMARY], backup: ['bm'] },
        { name: 'pg2', roles: [Role.PRIMARY], backup: ['bm'], settings: { retired: true } },
        { name: 'bm', roles: [Role.BARMAN] },
      ],
    });
    assert.deepEqual(g.retiredInstances.map((i) => i.name), ['pg2']);
    assert.deepEqual(g.instances.map((i) => i.name), ['pg1', 'bm']);
    assert.deepEqual(g.edges.map((e) => `${e.instance.name}>${e.server.name}`), ['pg1>bm']);
    assert.deepEqual(g.retiredInstances[0].backupServers, ['bm'], 'its former servers stay known (their slots on it)');
  });

  test('on a Barman server: an error with the fix', () => {
    expectOneError(`cluster_name: c
instances:
  - Name: pg1
    role: primary
    backup: bm
  - Name: bm
    role: barman
    vars:
      barman_retired: true
`, { token: 'true', instance: 'bm', key: 'barman_retired', mentions: ['barman_retired'], fix: /a Barman server leaves when no instance lists it in backup/ });
  });

  test('named in a backup list or as an upstream: an error at that name', () => {
    const text = `cluster_name: c
instances:
  - Name: pg1
    role: primary
    vars:
      barman_retired: true
  - Name: pg2
    role: replica
    upstream: pg1
    backup: bm
  - Name: bm
    role: barman
`;
    const d = diagnose(text);
    assert.deepEqual(d.errors.map((e) => [e.instance, e.key]), [['pg2', 'upstream']]);
    assert.match(d.errors[0].message, /'pg1' is barman_retired \(leaving Barman\): name the instance it replicates from now, or retire this instance too/);
  });

  test('in cluster_vars: an error (it names one instance)', () => {
    const d = diagnose(`cluster_name: c
cluster_vars:
  barman_retired: true
instances:
  - Name: pg1
    role: primary
`);
    assert.match(d.errors.map((e) => e.message).join('\n'), /barman_retired names one instance and cannot be shared by a cluster/);
  });
});
