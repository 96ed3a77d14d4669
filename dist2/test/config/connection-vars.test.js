"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * TPA's (Ansible's) connection vars in config.yml: host, user and port are honoured per instance;
 * key files and passwords are refused with what to use instead; options Terraform has no
 * counterpart for are ignored with a warning. Positions are computed from the fixture text.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const diagnostics_1 = require("../../lib/model/diagnostics");
const enums_1 = require("../../lib/model/enums");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const diagnostic_helpers_1 = require("../model/diagnostic-helpers");
/** a primary backed up to a Barman server; `primaryVars`/`serverVars` are indented YAML lines of each `vars` */
const config = (o = {}) => `cluster_name: demo
${o.top ?? ''}cluster_vars:
  postgres_version: 16
${o.clusterVars ?? ''}${o.defaults !== undefined ? `instance_defaults:\n  vars:\n${o.defaults}` : ''}instances:
  - Name: pg1
    role: primary
    backup: bm1
    ip_address: 10.0.0.1
${o.primaryKeys ?? ''}    vars:
      barman_client_addresses: [10.0.0.1]
${o.primaryVars ?? ''}  - Name: bm1
    role: barman
    ip_address: 10.0.0.2
    vars:
      barman_client_addresses: [10.0.0.2]
${o.serverVars ?? ''}`;
(0, node_test_1.describe)('connection host: vars.ansible_host (or ansible_ssh_host)', () => {
    (0, node_test_1.test)('vars.ansible_host is where Terraform connects; the address the hosts use stays ip_address', () => {
        const g = (0, diagnostic_helpers_1.validGraph)(config({ primaryVars: '      ansible_host: 203.0.113.7\n' }));
        strict_1.default.equal(g.instance('pg1').connectionHost, '203.0.113.7');
        strict_1.default.equal(g.instance('pg1').address, '10.0.0.1');
        strict_1.default.equal(g.instance('bm1').connectionHost, '10.0.0.2');
    });
    (0, node_test_1.test)("an instance without any IP connects to its vars.ansible_host, not its bare name", () => {
        const g = (0, diagnostic_helpers_1.validGraph)(config({ serverVars: '      ansible_host: bm1.mgmt.example.net\n' }).replace('    ip_address: 10.0.0.2\n', ''));
        strict_1.default.equal(g.instance('bm1').connectionHost, 'bm1.mgmt.example.net');
        strict_1.default.equal(g.instance('bm1').address, 'bm1');
    });
    (0, node_test_1.test)('precedence: vars.connection_host > vars.ansible_host > the ansible_host key > public_ip', () => {
        const keys = '    ansible_host: 198.51.100.3\n    public_ip: 198.51.100.4\n';
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config({ primaryKeys: keys })).instance('pg1').connectionHost, '198.51.100.3');
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config({ primaryKeys: keys, primaryVars: '      ansible_host: 198.51.100.2\n' })).instance('pg1').connectionHost, '198.51.100.2');
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config({ primaryKeys: keys, primaryVars: '      ansible_host: 198.51.100.2\n      connection_host: 198.51.100.1\n' })).instance('pg1').connectionHost, '198.51.100.1');
    });
    (0, node_test_1.test)('the legacy spelling ansible_ssh_host is read too; both with different values is an error at the second', () => {
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config({ primaryVars: '      ansible_ssh_host: 203.0.113.8\n' })).instance('pg1').connectionHost, '203.0.113.8');
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config({ primaryVars: '      ansible_host: 203.0.113.8\n      ansible_ssh_host: 203.0.113.8\n' })).instance('pg1').connectionHost, '203.0.113.8');
        const text = config({ primaryVars: '      ansible_host: 203.0.113.8\n      ansible_ssh_host: 203.0.113.9\n' });
        (0, diagnostic_helpers_1.expectOneError)(text, { token: '203.0.113.9', instance: 'pg1', key: 'ansible_ssh_host', mentions: ["'203.0.113.8'", "'203.0.113.9'"], fix: /keep only ansible_host/ });
    });
    (0, node_test_1.test)('a value that is not a host name or IP address is an error at its position, shown as literal text', () => {
        const text = config({ primaryVars: '      ansible_host: "${file(\\"/etc/passwd\\")}"\n' });
        const o = (0, diagnostic_helpers_1.diagnose)(text);
        strict_1.default.ok(o.errors.some((e) => e.instance === 'pg1' && e.key === 'vars.ansible_host' && /is not a host name or IP address/.test(e.message)), (0, diagnostic_helpers_1.show)(o.errors));
    });
    (0, node_test_1.test)('ansible_host in cluster_vars would send every instance to one host: an error', () => {
        const text = config({ clusterVars: '  ansible_host: 192.0.2.1\n' });
        (0, diagnostic_helpers_1.expectOneError)(text, { token: '192.0.2.1', key: 'ansible_host', mentions: ['ansible_host'], fix: /set it in the instance's vars/ });
    });
});
(0, node_test_1.describe)('connection user: vars.ansible_user (or ansible_ssh_user)', () => {
    (0, node_test_1.test)('instance vars win over instance_defaults vars, which win over cluster_vars; none given: undefined (the construct decides)', () => {
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config()).instance('pg1').connectionUser, undefined);
        const g = (0, diagnostic_helpers_1.validGraph)(config({ clusterVars: '  ansible_user: ops\n', defaults: '    ansible_user: admin\n', serverVars: '      ansible_user: barmanadm\n' }));
        strict_1.default.equal(g.instance('pg1').connectionUser, 'admin');
        strict_1.default.equal(g.instance('bm1').connectionUser, 'barmanadm');
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config({ clusterVars: '  ansible_user: ops\n' })).instance('pg1').connectionUser, 'ops');
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config({ primaryVars: '      ansible_ssh_user: legacy\n' })).instance('pg1').connectionUser, 'legacy');
    });
    (0, node_test_1.test)('a user that is not a login name is an error at its position (the rule of --connection-user)', () => {
        const text = config({ primaryVars: '      ansible_user: "deploy; rm -rf /"\n' });
        (0, diagnostic_helpers_1.expectOneError)(text, { token: '"deploy; rm -rf /"', instance: 'pg1', key: 'ansible_user', mentions: ["'deploy; rm -rf /'"], fix: /use letters, digits/ });
        const shared = config({ clusterVars: '  ansible_user: 42\n' });
        (0, diagnostic_helpers_1.expectOneError)(shared, { token: '42', before: 'ansible_user: ', key: 'ansible_user', mentions: ['42'], fix: /use letters, digits/ });
    });
});
(0, node_test_1.describe)('connection port: vars.ansible_port (or ansible_ssh_port)', () => {
    (0, node_test_1.test)('is the port Terraform connects to; cluster_ssh_port stays the port the hosts use among themselves', () => {
        const g = (0, diagnostic_helpers_1.validGraph)(config({ clusterVars: '  cluster_ssh_port: 2222\n', serverVars: '      ansible_port: 40022\n' }));
        strict_1.default.equal(g.instance('bm1').connectionPort, 40022);
        strict_1.default.equal(g.instance('bm1').settings.sshPort, 2222);
        strict_1.default.equal(g.instance('pg1').connectionPort, undefined);
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config({ clusterVars: '  ansible_port: "2200"\n' })).instance('pg1').connectionPort, 2200);
        strict_1.default.equal((0, diagnostic_helpers_1.validGraph)(config({ primaryVars: '      ansible_ssh_port: 2201\n' })).instance('pg1').connectionPort, 2201);
    });
    (0, node_test_1.test)('a port outside 1..65535 is an error at its position', () => {
        const text = config({ serverVars: '      ansible_port: 70000\n' });
        (0, diagnostic_helpers_1.expectOneError)(text, { token: '70000', instance: 'bm1', key: 'ansible_port', mentions: ['70000'], fix: /between 1 and 65535/ });
    });
});
(0, node_test_1.describe)('refused: key files and passwords never reach the Terraform configuration', () => {
    for (const key of ['ansible_ssh_private_key_file', 'ansible_private_key_file']) {
        (0, node_test_1.test)(`${key} is an error naming the key and ssh-agent / --connection-key-variable instead`, () => {
            const text = config({ primaryVars: `      ${key}: ~/.ssh/id_demo\n` });
            (0, diagnostic_helpers_1.expectOneError)(text, { token: key, instance: 'pg1', key, mentions: [key], fix: /ssh-add FILE.*--connection-key-variable.*connection\.privateKey/ });
        });
    }
    for (const key of ['ansible_password', 'ansible_ssh_pass', 'ansible_become_password', 'ansible_become_pass']) {
        (0, node_test_1.test)(`${key} is an error that does not repeat the password`, () => {
            const text = config({ primaryVars: `      ${key}: Sup3rSecret\n` });
            const d = (0, diagnostic_helpers_1.expectOneError)(text, { token: key, instance: 'pg1', key, mentions: [key], fix: /passwords do not belong in config\.yml: connect with an ssh key/ });
            strict_1.default.ok(!(0, diagnostics_1.formatDiagnostic)(d).includes('Sup3rSecret'), (0, diagnostics_1.formatDiagnostic)(d));
        });
    }
    (0, node_test_1.test)('in instance_defaults: every instance it reaches reports it, at the line in instance_defaults', () => {
        const text = config({ defaults: '    ansible_ssh_pass: Sup3rSecret\n' });
        const o = (0, diagnostic_helpers_1.diagnose)(text);
        const line = (0, diagnostic_helpers_1.positionIn)(text, 'ansible_ssh_pass').line;
        strict_1.default.deepEqual(o.errors.map((e) => `${e.instance} ${e.key} ${e.position?.line}`), [`pg1 ansible_ssh_pass ${line}`, `bm1 ansible_ssh_pass ${line}`]);
        strict_1.default.ok(!(0, diagnostic_helpers_1.show)(o.errors).includes('Sup3rSecret'));
    });
    (0, node_test_1.test)('in cluster_vars too', () => {
        const text = config({ clusterVars: '  ansible_ssh_private_key_file: keys/id_demo\n' });
        (0, diagnostic_helpers_1.expectOneError)(text, { token: 'ansible_ssh_private_key_file', key: 'ansible_ssh_private_key_file', mentions: [], fix: /ssh-add FILE/ });
    });
});
(0, node_test_1.describe)('ignored with a warning, or ignored as before', () => {
    (0, node_test_1.test)('ansible_connection is a warning: Terraform always connects over ssh', () => {
        const text = config({ serverVars: '      ansible_connection: docker\n' });
        (0, diagnostic_helpers_1.expectOneWarning)(text, { token: 'ansible_connection', instance: 'bm1', key: 'ansible_connection', mentions: [], fix: /Terraform always connects over ssh/ });
    });
    (0, node_test_1.test)('ansible_ssh_common_args is a warning pointing at the bastion options', () => {
        const text = config({ clusterVars: '  ansible_ssh_common_args: "-o ProxyJump=jump.example.net"\n' });
        (0, diagnostic_helpers_1.expectOneWarning)(text, { token: 'ansible_ssh_common_args', key: 'ansible_ssh_common_args', mentions: [], fix: /--bastion-host/ });
    });
    (0, node_test_1.test)('other ansible_* vars (not about the connection) are ignored silently, as before', () => {
        const g = (0, diagnostic_helpers_1.validGraph)(config({ clusterVars: '  ansible_python_interpreter: /usr/bin/python3\n' }));
        strict_1.default.deepEqual(g.warnings.map(diagnostics_1.formatDiagnostic), []);
        strict_1.default.equal(g.instance('pg1').connectionUser, undefined);
    });
});
(0, node_test_1.describe)('the typed API', () => {
    (0, node_test_1.test)('connectionUser and connectionPort per instance, with the same checks', () => {
        const g = (0, typed_cluster_1.graphFromProps)({ clusterName: 'demo', instances: [
                { name: 'pg1', roles: [enums_1.Role.PRIMARY], address: '10.0.0.1', backup: ['bm1'], connectionUser: 'admin', connectionPort: 2200 },
                { name: 'bm1', roles: [enums_1.Role.BARMAN], address: '10.0.0.2' },
            ] });
        strict_1.default.equal(g.instance('pg1').connectionUser, 'admin');
        strict_1.default.equal(g.instance('pg1').connectionPort, 2200);
        strict_1.default.equal(g.instance('bm1').connectionUser, undefined);
        strict_1.default.throws(() => (0, typed_cluster_1.graphFromProps)({ clusterName: 'demo', instances: [{ name: 'bm1', roles: [enums_1.Role.BARMAN], connectionUser: 'a b', connectionPort: 0 }] }), /connection user 'a b' is not a user name[\s\S]*connection port 0 is not an integer between 1 and 65535/);
    });
});
