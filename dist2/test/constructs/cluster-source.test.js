"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The cluster's definition given to BarmanCluster and BarmanStack directly (issue 13 item 7):
 * `instances` (with clusterName, settings), `configFile`, or the older `graph`; exactly one of them.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const barman_cluster_1 = require("../../lib/constructs/barman-cluster");
const barman_stack_1 = require("../../lib/constructs/barman-stack");
const diagnostics_1 = require("../../lib/model/diagnostics");
const enums_1 = require("../../lib/model/enums");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const cdktf_1 = require("../../lib/platform/cdktf");
const synth_helpers_1 = require("./synth-helpers");
const SEED = {
    clusterName: 'seed',
    instances: [
        { name: 'one', roles: [enums_1.Role.PRIMARY], address: '192.0.2.11', backup: ['two'] },
        { name: 'two', roles: [enums_1.Role.BARMAN], address: '192.0.2.12' },
    ],
    settings: { backupMethod: enums_1.BackupMethod.POSTGRES },
};
(0, node_test_1.describe)('one step from a definition to a cluster', () => {
    (0, node_test_1.test)('instances, clusterName and settings give what graphFromProps and graph give', () => {
        strict_1.default.deepEqual((0, synth_helpers_1.synthCluster)({ ...SEED }), (0, synth_helpers_1.synthCluster)({ graph: (0, typed_cluster_1.graphFromProps)(SEED) }));
        const json = JSON.stringify((0, synth_helpers_1.synthCluster)({ ...SEED }));
        strict_1.default.ok(json.includes('backup_method = postgres'), 'the cluster settings are used');
    });
    (0, node_test_1.test)('configFile gives what loadGraphFromFile and fromConfigFile give', () => {
        const direct = (0, synth_helpers_1.synthCluster)({ configFile: (0, synth_helpers_1.SEED_CONFIG)() });
        strict_1.default.deepEqual(direct, (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.seedGraph)() }));
        strict_1.default.deepEqual(direct, (0, synth_helpers_1.synthStack)((stack) => void barman_cluster_1.BarmanCluster.fromConfigFile(stack, 'barman', (0, synth_helpers_1.SEED_CONFIG)())));
    });
    (0, node_test_1.test)('BarmanStack takes the definition the same way', () => {
        const of = (props) => cdktf_1.Testing.synth(new barman_stack_1.BarmanStack(cdktf_1.Testing.app(), 'test', props));
        strict_1.default.equal(of({ ...SEED }), of({ graph: (0, typed_cluster_1.graphFromProps)(SEED) }));
        strict_1.default.equal(of({ configFile: (0, synth_helpers_1.SEED_CONFIG)() }), of({ graph: (0, synth_helpers_1.seedGraph)() }));
    });
    (0, node_test_1.test)('a bad definition lists its problems like graphFromProps (InvalidConfigError)', () => {
        strict_1.default.throws(() => (0, synth_helpers_1.synthCluster)({ clusterName: 'seed', instances: [{ name: 'one', roles: [enums_1.Role.PRIMARY], backup: ['nowhere'] }] }), diagnostics_1.InvalidConfigError);
    });
});
(0, node_test_1.describe)('exactly one definition, or an error naming the props', () => {
    const refused = (props, message) => strict_1.default.throws(() => (0, synth_helpers_1.synthCluster)(props), (e) => message.test(e.message) && e.message[0] === e.message[0].toLowerCase());
    (0, node_test_1.test)('none', () => refused({}, /^a barman cluster needs its definition: give instances \(with clusterName\), configFile \(a config\.yml\) or graph$/));
    (0, node_test_1.test)('two or three', () => {
        refused({ ...SEED, graph: (0, synth_helpers_1.seedGraph)() }, /^give one definition of the cluster, not instances and graph: keep one of them$/);
        refused({ configFile: (0, synth_helpers_1.SEED_CONFIG)(), graph: (0, synth_helpers_1.seedGraph)(), instances: SEED.instances }, /not instances and configFile and graph/);
    });
    (0, node_test_1.test)('clusterName or settings without instances', () => {
        refused({ configFile: (0, synth_helpers_1.SEED_CONFIG)(), clusterName: 'x' }, /^clusterName only goes with instances \(with configFile, the cluster's name and settings come from the config file\): remove clusterName$/);
        refused({ graph: (0, synth_helpers_1.seedGraph)(), clusterName: 'x', settings: {} }, /^clusterName and settings only go with instances \(with graph, .* from the graph\): remove clusterName and settings$/);
    });
    (0, node_test_1.test)('instances without clusterName', () => refused({ instances: SEED.instances }, /^instances need clusterName/));
});
