"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Each provisioner resource connects the way its host's config says (vars ansible_host, ansible_user,
 * ansible_port), the construct-wide connection filling in what the config leaves out; the upload
 * path of secret steps follows each host's own user.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const tpa_config_1 = require("../../lib/config/tpa-config");
const build_graph_1 = require("../../lib/model/build-graph");
const collect_1 = require("../../lib/status/collect");
const synth_helpers_1 = require("./synth-helpers");
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
const graph = (0, build_graph_1.buildGraph)((0, tpa_config_1.loadTpaConfig)(CONFIG, 'config.yml'));
/** per host name (from each resource's `host` trigger): its connection, and the upload path of its steps (the connection's: provisioners have none of their own) */
function connectionsByHost(json) {
    const out = new Map();
    for (const [, r] of (0, synth_helpers_1.provisionerResources)(json)) {
        const name = (0, synth_helpers_1.triggersOf)(r).host.split(' ')[0];
        const c = r.connection;
        for (const p of r.provisioner ?? [])
            strict_1.default.equal(p['remote-exec'].connection, undefined, `${name}: a provisioner's own connection`);
        const scriptPaths = [c.script_path].filter((p) => p !== undefined);
        out.set(name, [...(out.get(name) ?? []), { host: c.host, user: c.user, port: c.port, scriptPaths }]);
    }
    return out;
}
/** every resource of every host connects as `expected` says */
function assertConnections(connection, expected) {
    const seen = connectionsByHost((0, synth_helpers_1.synthCluster)({ graph, connection }));
    strict_1.default.deepEqual([...seen.keys()].sort(), Object.keys(expected).sort());
    for (const [name, resources] of seen) {
        const e = expected[name];
        const home = e.user === 'root' ? '/root' : `/home/${e.user}`;
        for (const r of resources) {
            strict_1.default.deepEqual({ host: r.host, user: r.user, port: r.port }, e, name);
            strict_1.default.deepEqual(r.scriptPaths, [`${home}/.cdktf-barman-%RAND%.sh`], `${name}: every step uploads to the home of its own connection user`);
        }
    }
}
(0, node_test_1.describe)('per-instance connection vars reach every resource of their host', () => {
    (0, node_test_1.test)('no construct-wide connection: the config decides, cluster_ssh_port fills in the port', () => {
        assertConnections(undefined, {
            pg1: { host: '203.0.113.1', user: 'admin', port: 2222 },
            pg2: { host: '10.0.0.3', user: 'root', port: 40022 },
            bm1: { host: '10.0.0.2', user: 'barmanadm', port: 2200 },
        });
    });
    (0, node_test_1.test)("an explicit construct-wide user and port are the default; a host's own vars still win (like Ansible's -u and -p)", () => {
        const bare = (0, build_graph_1.buildGraph)((0, tpa_config_1.loadTpaConfig)(CONFIG.replace('    ansible_user: admin\n', '    barman_compression: gzip\n'), 'config.yml'));
        const seen = connectionsByHost((0, synth_helpers_1.synthCluster)({ graph: bare, connection: { user: 'deploy', port: 22 } }));
        strict_1.default.deepEqual(seen.get('pg1').map((r) => [r.user, r.port, ...r.scriptPaths]), seen.get('pg1').map((r) => ['deploy', 22, ...r.scriptPaths.map(() => '/home/deploy/.cdktf-barman-%RAND%.sh')]));
        assertConnections({ user: 'deploy', port: 22 }, {
            pg1: { host: '203.0.113.1', user: 'admin', port: 22 },
            pg2: { host: '10.0.0.3', user: 'root', port: 40022 },
            bm1: { host: '10.0.0.2', user: 'barmanadm', port: 2200 },
        });
    });
    (0, node_test_1.test)('an explicit secretScriptPath is used on every host whatever its user', () => {
        const seen = connectionsByHost((0, synth_helpers_1.synthCluster)({ graph, connection: { secretScriptPath: '/srv/ops/s-%RAND%.sh' } }));
        const paths = new Set([...seen.values()].flat().flatMap((r) => r.scriptPaths));
        strict_1.default.deepEqual([...paths], ['/srv/ops/s-%RAND%.sh']);
    });
    (0, node_test_1.test)('a bad construct-wide user is refused even when every host names its own', () => {
        strict_1.default.throws(() => (0, synth_helpers_1.synthCluster)({ graph, connection: { user: 'a b' } }), /connection user "a b" is not an os user name/);
    });
    (0, node_test_1.test)("status reaches a Barman server where Terraform does: its ansible_port, else cluster_ssh_port", () => {
        strict_1.default.deepEqual((0, collect_1.statusTargetsOf)(graph).servers.map((x) => [x.name, x.host, x.port]), [['bm1', '10.0.0.2', 2200]]);
        const noPort = (0, build_graph_1.buildGraph)((0, tpa_config_1.loadTpaConfig)(CONFIG.replace('      ansible_ssh_port: 2200\n', ''), 'config.yml'));
        strict_1.default.deepEqual((0, collect_1.statusTargetsOf)(noPort).servers.map((x) => [x.name, x.host, x.port]), [['bm1', '10.0.0.2', 2222]]);
    });
});
