"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Values an attacker (or a careless caller) could put into config.yml or the typed API that used
 * to validate and then do harm downstream (issue 12): each must now be a clear validation error.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const diagnostics_1 = require("../../lib/model/diagnostics");
const enums_1 = require("../../lib/model/enums");
const literal_text_1 = require("../../lib/model/literal-text");
const cdktf_1 = require("../../lib/platform/cdktf");
const diagnostic_helpers_1 = require("./diagnostic-helpers");
const withVar = (varLine) => `cluster_name: demo
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
    vars:
      ${varLine}
  - Name: bm1
    ip_address: 192.0.2.2
    role: [barman]
`;
(0, node_test_1.describe)('cdktf token markers are rejected (no Terraform reference injection)', () => {
    for (const [key, value] of [
        ['barman_post_backup_script', 'echo ${TfToken[TOKEN.0]}'],
        ['barman_pre_archive_retry_script', '#{TfToken[TOKEN.3]}'],
        ['barman_client_dsn_attributes', 'application_name=&{TfToken[TOKEN.1]}'],
    ]) {
        (0, node_test_1.test)(`${key}: ${value}`, () => {
            const text = withVar(`${key}: '${value}'`);
            const d = (0, diagnostic_helpers_1.expectOneError)(text, { token: `'${value}'`, instance: 'pg1', key, mentions: [`'${value}'`], fix: /values from config\.yml are literal text/ });
            strict_1.default.match((0, diagnostics_1.formatDiagnostic)(d), /cdktf token/);
        });
    }
    (0, node_test_1.test)('in cluster_name, an address and a client address', () => {
        const text = `cluster_name: 'x\${TfToken[TOKEN.0]}'
instances:
  - Name: pg1
    ip_address: '\${TfToken[TOKEN.7]}'
    role: primary
    backup: bm1
  - Name: bm1
    role: [barman]
    vars:
      barman_client_addresses: ['10.0.0.1', '\${TfToken[TOKEN.9]}']
`;
        const o = (0, diagnostic_helpers_1.diagnose)(text);
        const tokenErrors = o.errors.filter((d) => /cdktf token/.test(d.message));
        strict_1.default.deepEqual(tokenErrors.map((d) => d.key), ['cluster_name', 'ip_address', 'barman_client_addresses'], (0, diagnostic_helpers_1.show)(o.errors));
    });
    (0, node_test_1.test)('a real cdktf string, list and number token passed through the typed API', () => {
        const asString = cdktf_1.Token.asString({ resolve: () => 'x' });
        const asList = cdktf_1.Token.asList({ resolve: () => ['x'] });
        const asNumber = cdktf_1.Token.asNumber({ resolve: () => 1 });
        const errors = (0, diagnostic_helpers_1.errorsOfProps)({
            clusterName: 'demo',
            instances: [
                { name: 'pg1', roles: [enums_1.Role.PRIMARY], backup: ['bm1'], address: asString, settings: { postBackupScript: `echo ${asNumber}`, postgresPort: asNumber } },
                { name: 'bm1', roles: [enums_1.Role.BARMAN], clientAddresses: asList },
            ],
        });
        const tokenKeys = errors.filter((d) => /cdktf token/.test(d.message)).map((d) => d.key).sort();
        // a string token as a host address is taken on purpose (issue 13): it becomes a reference, checked at apply time
        strict_1.default.deepEqual(tokenKeys, ['barman_client_addresses', 'barman_post_backup_script', 'postgres_port'], (0, diagnostic_helpers_1.show)(errors));
        strict_1.default.ok(!errors.some((d) => d.key === 'address' || d.key === 'vars.address'), (0, diagnostic_helpers_1.show)(errors));
    });
    (0, node_test_1.test)('the detector matches cdktf itself: real tokens yes, look-alike literal text no', () => {
        strict_1.default.ok((0, literal_text_1.isTokenNumber)(cdktf_1.Token.asNumber({ resolve: () => 1 })));
        strict_1.default.ok((0, literal_text_1.containsToken)(cdktf_1.Token.asNumberList({ resolve: () => [1] })));
        strict_1.default.ok((0, literal_text_1.containsToken)({ [cdktf_1.Token.asString({ resolve: () => 'k' })]: 'v' }));
        for (const literal of ['echo $TfToken', '${HOME}', 'TfToken[TOKEN.0]', '1e5', '-1.5e+10', 'x', 5432, Number.MAX_SAFE_INTEGER]) {
            strict_1.default.equal((0, literal_text_1.containsToken)(literal), false, String(literal));
        }
    });
});
(0, node_test_1.describe)('one strict address parser for pg_hba.conf and from=', () => {
    const withAddress = (key, value) => `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    ${key}: "${value}"
`;
    for (const value of [':', '::::', '1:2:3:4:5:6:7:8:9:10', 'fe80::1%eth0', '127.1', '0x7f000001', '010.0.0.1', '10.0.0.300']) {
        (0, node_test_1.test)(`ip_address ${JSON.stringify(value)} is rejected`, () => {
            const text = withAddress('ip_address', value);
            (0, diagnostic_helpers_1.expectOneError)(text, { token: `"${value}"`, instance: 'pg1', key: 'ip_address', mentions: [`'${value}'`], fix: /is not a host name or IP address/ });
        });
    }
    for (const value of [':', '1:2:3:4:5:6:7:8:9:10', 'fe80::1%eth0', '127.1', '10.0.0.0/33', '::/129', '10.0.0.0/-1']) {
        (0, node_test_1.test)(`client address ${JSON.stringify(value)} is rejected`, () => {
            const text = withAddress('ip_address', '10.0.0.1').replace('role: primary', `role: primary\n    vars:\n      barman_client_addresses: ["${value}"]`);
            (0, diagnostic_helpers_1.expectOneError)(text, { token: `["${value}"]`, instance: 'pg1', key: 'barman_client_addresses', mentions: [`'${value}'`], fix: /not an address or CIDR/ });
        });
    }
    for (const name of ['10.0.0.300', '127.1', '0x7f000001']) {
        (0, node_test_1.test)(`an instance named ${name} (its default address) is rejected like the same ip_address`, () => {
            const text = `cluster_name: demo
instances:
  - Name: '${name}'
    role: [barman]
`;
            (0, diagnostic_helpers_1.expectOneError)(text, { token: `'${name}'`, instance: name, key: 'Name', mentions: [`'${name}'`], fix: /not a valid host name/ });
        });
    }
    (0, node_test_1.test)('well-formed addresses still pass: IPv4, IPv6, IPv4-mapped IPv6, CIDRs, names with numeric labels', () => {
        const o = (0, diagnostic_helpers_1.diagnose)(`cluster_name: demo
instances:
  - Name: bm1.example.com
    role: [barman]
    ip_address: "2001:db8::5"
    vars:
      barman_client_addresses: ["10.0.0.5", "10.0.0.0/8", "2001:db8::/32", "::ffff:10.0.0.1", "::1", "db1.example.com"]
  - Name: 10.0.0.9
    role: primary
    backup: bm1.example.com
  - Name: node1.2x
    role: primary
    backup: bm1.example.com
`);
        strict_1.default.deepEqual(o.errors.map(diagnostics_1.formatDiagnostic), []);
    });
});
(0, node_test_1.describe)('pg_hba.conf keywords never stand for a Barman server', () => {
    const serverText = (bm) => `cluster_name: demo
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: ${bm.split('\n')[0].toLowerCase()}
  - Name: ${bm}
    role: [barman]
`;
    for (const name of ['all', 'samehost', 'SameNet']) {
        (0, node_test_1.test)(`a Barman server named ${name} (its client address by default)`, () => {
            const text = serverText(name);
            (0, diagnostic_helpers_1.expectOneError)(text, { token: name, before: 'Name: ', instance: name, key: 'Name', mentions: [`'${name.toLowerCase()}'`], fix: /keyword \(all, samehost, samenet\).*rename the instance/ });
        });
    }
    (0, node_test_1.test)('a Barman server addressed samehost', () => {
        const text = serverText('bm1\n    ip_address: samehost');
        (0, diagnostic_helpers_1.expectOneError)(text, { token: 'samehost', instance: 'bm1', key: 'ip_address', mentions: ["'samehost'"], fix: /pg_hba\.conf, where it is a keyword/ });
    });
    for (const value of ['all', 'samenet', '+admins', '@hosts']) {
        (0, node_test_1.test)(`barman_client_addresses: [${value}]`, () => {
            const text = serverText(`bm1\n    ip_address: 192.0.2.2\n    vars:\n      barman_client_addresses: ['${value}']`);
            const o = (0, diagnostic_helpers_1.diagnose)(text);
            strict_1.default.equal(o.errors.length, 1, (0, diagnostic_helpers_1.show)(o.errors));
            strict_1.default.equal(o.errors[0].key, 'barman_client_addresses');
            strict_1.default.ok(o.errors[0].message.includes(`'${value}'`), (0, diagnostic_helpers_1.show)(o.errors));
        });
    }
});
(0, node_test_1.describe)('paths the root-run scripts hand to the Barman or postgres user', () => {
    const serverVar = (varLine) => `cluster_name: demo
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
  - Name: bm1
    ip_address: 192.0.2.2
    role: [barman]
    vars:
      ${varLine}
`;
    for (const value of ['/etc/shadow', '/etc/passwd', '/root/.ssh/authorized_keys', '/usr/bin/sudo', '/boot/vmlinuz']) {
        (0, node_test_1.test)(`barman_log_file ${value}`, () => {
            const text = serverVar(`barman_log_file: ${value}`);
            (0, diagnostic_helpers_1.expectOneError)(text, { token: value, instance: 'bm1', key: 'barman_log_file', mentions: [`'${value}'`], fix: /system path/ });
        });
    }
    for (const value of ['/', '/var/log', '/home/barman.log', '/srv/barman.log', '/var/log/./barman.log', '/var/lib/barman-logs/x.log']) {
        (0, node_test_1.test)(`barman_log_file ${value} (not a file under /var/log or barman_home)`, () => {
            const text = serverVar(`barman_log_file: ${value}`);
            const d = (0, diagnostic_helpers_1.expectOneError)(text, { token: value, instance: 'bm1', key: 'barman_log_file', mentions: [`'${value}'`], fix: /system path|must be a file under \/var\/log\// });
            strict_1.default.ok(!d.message.includes('undefined'), d.message);
        });
    }
    for (const [key, value] of [['barman_home', '/'], ['barman_home', '/etc'], ['barman_home', '//etc/'], ['barman_home', '/var/lib'], ['barman_home', '/home'], ['barman_home', '/usr/local/barman'], ['postgres_home', '/root'], ['barman_streaming_wals_directory', '/etc/ssh']]) {
        (0, node_test_1.test)(`${key} ${value} is a system path`, () => {
            const text = serverVar(`${key}: ${value}`);
            const o = (0, diagnostic_helpers_1.diagnose)(text);
            const mine = o.errors.filter((d) => d.key === key);
            strict_1.default.equal(mine.length, 1, (0, diagnostic_helpers_1.show)(o.errors));
            strict_1.default.match(mine[0].message, /system path.*hand it to the Barman or postgres user/);
            strict_1.default.ok(mine[0].message.includes(`'${value}'`), mine[0].message);
        });
    }
    (0, node_test_1.test)('usual places still pass: /var/log/barman/barman.log, a log under barman_home, /srv/barman, /var/lib/barman', () => {
        for (const vars of [['barman_log_file: /var/log/barman/barman.log'], ['barman_log_file: /var/lib/barman/log/barman.log'], ['barman_home: /var/lib/barman'], ['barman_streaming_wals_directory: /srv/wal']]) {
            const o = (0, diagnostic_helpers_1.diagnose)(serverVar(vars.join('\n      ')));
            strict_1.default.deepEqual(o.errors.map(diagnostics_1.formatDiagnostic), [], vars.join(', '));
        }
    });
});
(0, node_test_1.describe)('two resources that would get one Terraform id', () => {
    const text = `cluster_name: demo
instances:
  - Name: x
    ip_address: 192.0.2.1
    role: primary
    backup: y.on.z
  - Name: x.on.y
    ip_address: 192.0.2.2
    role: primary
    backup: z
  - Name: y.on.z
    ip_address: 192.0.2.3
    role: [barman]
  - Name: z
    ip_address: 192.0.2.4
    role: [barman]
`;
    (0, node_test_1.test)("'x' on 'y.on.z' and 'x.on.y' on 'z' fail validation, naming both, with the fix", () => {
        const d = (0, diagnostic_helpers_1.expectOneError)(text, { token: 'z', before: 'backup: ', instance: 'x.on.y', key: 'backup', mentions: ["'x' on 'y.on.z'", "'x.on.y' on 'z'", '_backup_x_on_y_on_z'], fix: /rename one of the instances/ });
        strict_1.default.match(d.message, /same Terraform id/);
    });
    (0, node_test_1.test)('the construct refuses such a graph (built without validation) with InvalidConfigError, not a crash', async () => {
        const { BarmanGraph } = await Promise.resolve().then(() => __importStar(require('../../lib/model/graph')));
        const { synthCluster } = await Promise.resolve().then(() => __importStar(require('../constructs/synth-helpers')));
        const o = (0, diagnostic_helpers_1.diagnose)(text.replace('backup: z', 'backup: y.on.z'));
        strict_1.default.deepEqual(o.errors.map(diagnostics_1.formatDiagnostic), []);
        const g = o.graph;
        // the same edges plus one that validation would have refused
        const extra = { ...g.edges[0], instance: g.instance('x.on.y'), server: g.instance('z') };
        const forged = new BarmanGraph(g.clusterName, g.instances, [g.edges.find((e) => e.instance.name === 'x'), extra], []);
        strict_1.default.throws(() => synthCluster({ graph: forged }), (e) => e instanceof diagnostics_1.InvalidConfigError && /would both get the Terraform id 'barman_backup_x_on_y_on_z'/.test(e.message));
    });
});
(0, node_test_1.describe)('names that become file names fit in one path component (255 bytes)', () => {
    (0, node_test_1.test)('a 250-character cluster_name fails validation instead of render dying with ENAMETOOLONG', () => {
        const name = 'c'.repeat(250);
        const text = withVar('barman_archiver: false').replace('cluster_name: demo', `cluster_name: ${name}`);
        (0, diagnostic_helpers_1.expectOneError)(text, { token: name, key: 'cluster_name', mentions: ['250 bytes', '255'], fix: /shorten it/ });
    });
    (0, node_test_1.test)('a backed-up instance whose long FQDN is its backup name', () => {
        const long = Array.from({ length: 4 }, (_, n) => `${'abcdefghij'.repeat(6)}${n}`).join('.');
        strict_1.default.ok(long.length <= 253 && long.length > 223, String(long.length));
        const text = withVar('barman_archiver: false').replace('Name: pg1', `Name: ${long}`);
        (0, diagnostic_helpers_1.expectOneError)(text, { token: long, instance: long, key: 'Name', mentions: [`${long.length} bytes`], fix: /shorten it/ });
    });
    (0, node_test_1.test)('the limits leave names of ordinary length alone', () => {
        const text = withVar('barman_archiver: false').replace('cluster_name: demo', `cluster_name: ${'c'.repeat(200)}`);
        strict_1.default.deepEqual((0, diagnostic_helpers_1.diagnose)(text).errors.map(diagnostics_1.formatDiagnostic), []);
    });
});
