"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The typed API takes string tokens (as cdktf writes them into strings) for host addresses,
 * connection hosts, client addresses and host keys: the graph keeps them as given and records the
 * rule each must follow once Terraform knows its value. config.yml values never take them.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const enums_1 = require("../../lib/model/enums");
const token_checks_1 = require("../../lib/model/token-checks");
const diagnostic_helpers_1 = require("./diagnostic-helpers");
const ADDR = '${TfToken[TOKEN.11]}';
const HOST = '${TfToken[TOKEN.12]}';
const CLIENT = '${TfToken[TOKEN.13]}';
const KEY = '${TfToken[TOKEN.14]}';
(0, node_test_1.describe)('string tokens in the typed API', () => {
    const graph = (0, typed_cluster_1.graphFromProps)({
        clusterName: 'estate',
        instances: [
            { name: 'db1', roles: [enums_1.Role.PRIMARY], address: ADDR, connectionHost: HOST, sshHostKeys: [KEY], backup: ['bk1'] },
            { name: 'bk1', roles: [enums_1.Role.BARMAN], address: '10.0.0.9', clientAddresses: [CLIENT, '10.0.0.0/24'] },
        ],
    });
    (0, node_test_1.test)('are kept as given', () => {
        const db = graph.instance('db1');
        strict_1.default.equal(db.address, ADDR);
        strict_1.default.equal(db.connectionHost, HOST);
        strict_1.default.deepEqual(db.sshHostKeys, [KEY]);
        strict_1.default.deepEqual(db.clientAddresses, [ADDR]);
        strict_1.default.deepEqual(graph.instance('bk1').clientAddresses, [CLIENT, '10.0.0.0/24']);
    });
    (0, node_test_1.test)('each gets the rule synth applies to a literal, with its message', () => {
        const rules = (value) => graph.tokenChecks.filter((c) => c.value === value).map((c) => c.rule).sort();
        strict_1.default.deepEqual(rules(ADDR), [token_checks_1.TokenRule.ADDRESS, token_checks_1.TokenRule.FROM_PATTERN, token_checks_1.TokenRule.NOT_HBA_KEYWORD].sort());
        strict_1.default.deepEqual(rules(HOST), [token_checks_1.TokenRule.ADDRESS]);
        strict_1.default.deepEqual(rules(KEY), [token_checks_1.TokenRule.HOST_KEY]);
        strict_1.default.deepEqual(rules(CLIENT), [token_checks_1.TokenRule.CLIENT_ADDRESS, token_checks_1.TokenRule.FROM_PATTERN, token_checks_1.TokenRule.NOT_HBA_KEYWORD].sort());
        const host = graph.tokenChecks.find((c) => c.value === HOST);
        strict_1.default.equal(host.message, `'${HOST}' is not a host name or IP address`);
        strict_1.default.equal(host.instance, 'db1');
    });
    (0, node_test_1.test)('no warning about host names in from= for a token', () => {
        strict_1.default.ok(!graph.warnings.some((w) => /sshd matches from=/.test(w.message)), JSON.stringify(graph.warnings));
    });
    (0, node_test_1.test)('a literal graph has no token checks', () => {
        const plain = (0, typed_cluster_1.graphFromProps)({ clusterName: 'x', instances: [{ name: 'db1', roles: [enums_1.Role.PRIMARY], address: '10.0.0.5', backup: ['bk1'] }, { name: 'bk1', roles: [enums_1.Role.BARMAN] }] });
        strict_1.default.deepEqual(plain.tokenChecks, []);
    });
});
(0, node_test_1.describe)('config.yml never takes them', () => {
    for (const [key, value] of [['address', ADDR], ['connection_host', HOST]]) {
        (0, node_test_1.test)(`vars.${key} from config.yml holding a marker is refused`, () => {
            const text = `cluster_name: seed\ninstances:\n- Name: db1\n  role: [primary]\n  backup: [bk1]\n  vars:\n    ${key}: '${value}'\n- Name: bk1\n  role: [barman]\n`;
            const o = (0, diagnostic_helpers_1.diagnose)(text);
            strict_1.default.equal(o.graph, undefined);
            strict_1.default.ok(o.errors.some((d) => d.key === key && /token marker/.test(d.message)), JSON.stringify(o.errors));
        });
    }
});
