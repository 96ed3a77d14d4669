/**
 * The retirement of a Postgres instance leaving Barman, as synthesized: one resource on its host,
 * after every Barman server's (they retire its backups and drop its slots first), showing in the
 * plan the SQL it runs; none of its former resources.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BarmanCluster } from '../../lib/constructs/barman-cluster';
import { CLEANUP_SQL_TRIGGER, DROP_ROLES_TRIGGER, renderRetirementSql } from '../../lib/concerns/postgres-retirement/postgres-retirement-step';
import { Role } from '../../lib/model/enums';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { provisionerResources, resource, stepOf, synthStack, triggersOf } from '../constructs/synth-helpers';

const graph = (retired: 'pg2' | 'pg3') =>
  graphFromProps({
    clusterName: 'c',
    instances: [
      { name: 'pg1', roles: [Role.PRIMARY], address: '10.9.0.1', backup: ['bm', 'bm2'] },
      { name: 'pg2', roles: [Role.PRIMARY], address: '10.9.0.2', backup: ['bm', 'bm2'], settings: retired === 'pg2' ? { retired: true } : {} },
      { name: 'pg3', roles: [Role.REPLICA], address: '10.9.0.3', backup: ['bm'], settings: retired === 'pg3' ? { retired: true } : {} },
      { name: 'bm', roles: [Role.BARMAN], address: '10.9.0.8' },
      { name: 'bm2', roles: [Role.BARMAN], address: '10.9.0.9' },
    ],
  });

describe('a retired primary', () => {
  const json = synthStack((stack) => void new BarmanCluster(stack, 'c', { graph: graph('pg2') }));

  test('one resource on its host after both Barman servers, and none of its former ones', () => {
    const r = resource(json, 'null_resource', 'c_retire_pg2');
    const deps = [...(r.depends_on ?? [])];
    assert.deepEqual(deps.filter((d) => d.includes('_server_')).sort(), ['null_resource.c_server_bm', 'null_resource.c_server_bm2']);
    assert.deepEqual(deps.filter((d) => !/_(server|preflights?)_/.test(d)), [], `only servers and the live hosts' preflights: ${deps.join(', ')}`);
    assert.match(triggersOf(r).host, /^pg2 \(ssh 10\.9\.0\.2\)$/);
    const ids = [...provisionerResources(json).keys()];
    assert.deepEqual(ids.filter((id) => id.includes('pg2')), ['c_retire_pg2'], `nothing else of pg2: ${ids.join(', ')}`);
  });

  test('the plan shows what it runs: the WAL commands reset, its former slots dropped when unused, the roles dropped', () => {
    const t = triggersOf(resource(json, 'null_resource', 'c_retire_pg2'));
    assert.match(t[CLEANUP_SQL_TRIGGER], /ALTER SYSTEM RESET archive_command/);
    assert.match(t[CLEANUP_SQL_TRIGGER], /slot_name IN \('backup_bm', 'backup_bm2'\) AND NOT active/);
    assert.match(t[DROP_ROLES_TRIGGER], /DROP ROLE IF EXISTS barman;\nDROP ROLE IF EXISTS streaming_barman;\nDROP ROLE IF EXISTS barman_role;/);
    const args = stepOf(resource(json, 'null_resource', 'c_retire_pg2'), 'on_postgres').args;
    assert.ok(args.includes('postgres_retirement') && args.includes('cdktf-barman:c') && args.includes('/var/lib/postgresql/.ssh'), args.join(' '));
  });

  test('without manageDatabaseAccess the roles are not the library\'s: kept', () => {
    const j = synthStack((stack) => void new BarmanCluster(stack, 'c', { graph: graph('pg2'), manageDatabaseAccess: false }));
    assert.equal(triggersOf(resource(j, 'null_resource', 'c_retire_pg2'))[DROP_ROLES_TRIGGER], undefined);
  });
});

describe('a retired replica', () => {
  test('keeps the roles (they come from its primary) and drops only its own former slot', () => {
    const json = synthStack((stack) => void new BarmanCluster(stack, 'c', { graph: graph('pg3') }));
    const t = triggersOf(resource(json, 'null_resource', 'c_retire_pg3'));
    assert.equal(t[DROP_ROLES_TRIGGER], undefined);
    assert.equal(t[CLEANUP_SQL_TRIGGER], renderRetirementSql(graph('pg3').retiredInstances[0]));
    assert.match(t[CLEANUP_SQL_TRIGGER], /slot_name IN \('backup_bm'\)/);
  });
});
