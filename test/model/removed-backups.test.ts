/** barman_removed_backups: a Barman server's enum setting, keep by default, checked like every enum. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RemovedBackups, Role } from '../../lib/model/enums';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { diagnose, positionIn } from './diagnostic-helpers';

const config = (value: string) => `cluster_name: demo
instances:
- Name: bk
  node: 1
  role: [barman]
  vars:
    barman_removed_backups: ${value}
- Name: pg
  node: 2
  role: [primary]
  backup: bk
`;

test('keep unless the Barman server says delete; no warning on the Barman server (its own setting)', () => {
  const keep = graphFromProps({ clusterName: 'c', instances: [{ name: 'bk', roles: [Role.BARMAN] }] });
  assert.equal(keep.instance('bk').settings.removedBackups, RemovedBackups.KEEP);
  const { graph, errors, warnings } = diagnose(config('delete'));
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings.filter((w) => w.key === 'barman_removed_backups'), []);
  assert.equal(graph!.instance('bk').settings.removedBackups, RemovedBackups.DELETE);
});

test('another value is an error at its position that lists the two choices', () => {
  const text = config('purge');
  const { errors } = diagnose(text);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  const e = errors[0];
  assert.equal(e.key, 'barman_removed_backups');
  assert.equal(e.instance, 'bk');
  assert.deepEqual({ line: e.position?.line, column: e.position?.column }, positionIn(text, 'purge'));
  assert.match(e.message, /purge/);
  assert.match(e.message, /keep/);
  assert.match(e.message, /delete/);
});
