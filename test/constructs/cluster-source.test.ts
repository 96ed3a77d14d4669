/**
 * The cluster's definition given to BarmanCluster and BarmanStack directly (issue 13 item 7):
 * `instances` (with clusterName, settings), `configFile`, or the older `graph`; exactly one of them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BarmanCluster, BarmanClusterProps } from '../../lib/constructs/barman-cluster';
import { BarmanStack } from '../../lib/constructs/barman-stack';
import { InvalidConfigError } from '../../lib/model/diagnostics';
import { BackupMethod, Role } from '../../lib/model/enums';
import { ClusterProps, graphFromProps } from '../../lib/model/typed-cluster';
import { Testing } from '../../lib/platform/cdktf';
import { SEED_CONFIG, seedGraph, synthCluster, synthStack } from './synth-helpers';

const SEED: ClusterProps = {
  clusterName: 'seed',
  instances: [
    { name: 'one', roles: [Role.PRIMARY], address: '192.0.2.11', backup: ['two'] },
    { name: 'two', roles: [Role.BARMAN], address: '192.0.2.12' },
  ],
  settings: { backupMethod: BackupMethod.POSTGRES },
};

describe('one step from a definition to a cluster', () => {
  test('instances, clusterName and settings give what graphFromProps and graph give', () => {
    assert.deepEqual(synthCluster({ ...SEED }), synthCluster({ graph: graphFromProps(SEED) }));
    const json = JSON.stringify(synthCluster({ ...SEED }));
    assert.ok(json.includes('backup_method = postgres'), 'the cluster settings are used');
  });

  test('configFile gives what loadGraphFromFile and fromConfigFile give', () => {
    const direct = synthCluster({ configFile: SEED_CONFIG() });
    assert.deepEqual(direct, synthCluster({ graph: seedGraph() }));
    assert.deepEqual(direct, synthStack((stack) => void BarmanCluster.fromConfigFile(stack, 'barman', SEED_CONFIG())));
  });

  test('BarmanStack takes the definition the same way', () => {
    const of = (props: ConstructorParameters<typeof BarmanStack>[2]) => Testing.synth(new BarmanStack(Testing.app(), 'test', props));
    assert.equal(of({ ...SEED }), of({ graph: graphFromProps(SEED) }));
    assert.equal(of({ configFile: SEED_CONFIG() }), of({ graph: seedGraph() }));
  });

  test('a bad definition lists its problems like graphFromProps (InvalidConfigError)', () => {
    assert.throws(() => synthCluster({ clusterName: 'seed', instances: [{ name: 'one', roles: [Role.PRIMARY], backup: ['nowhere'] }] }), InvalidConfigError);
  });
});

describe('exactly one definition, or an error naming the props', () => {
  const refused = (props: BarmanClusterProps, message: RegExp) => assert.throws(() => synthCluster(props), (e: Error) => message.test(e.message) && e.message[0] === e.message[0].toLowerCase());

  test('none', () => refused({}, /^a barman cluster needs its definition: give instances \(with clusterName\), configFile \(a config\.yml\) or graph$/));
  test('two or three', () => {
    refused({ ...SEED, graph: seedGraph() }, /^give one definition of the cluster, not instances and graph: keep one of them$/);
    refused({ configFile: SEED_CONFIG(), graph: seedGraph(), instances: SEED.instances }, /not instances and configFile and graph/);
  });
  test('clusterName or settings without instances', () => {
    refused({ configFile: SEED_CONFIG(), clusterName: 'x' }, /^clusterName only goes with instances \(with configFile, the cluster's name and settings come from the config file\): remove clusterName$/);
    refused({ graph: seedGraph(), clusterName: 'x', settings: {} }, /^clusterName and settings only go with instances \(with graph, .* from the graph\): remove clusterName and settings$/);
  });
  test('instances without clusterName', () => refused({ instances: SEED.instances }, /^instances need clusterName/));
});
