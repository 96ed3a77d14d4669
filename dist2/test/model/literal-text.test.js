"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Issue 12, item 1: cdktf's reference markers typed into a value must never become Terraform
 * references. Before the fix, `barman_post_backup_script: 'echo ${TfToken[TOKEN.0]}'` synthesized
 * (terraform_data, supplied keys) into a trigger holding `${var.barman_postgres_ssh_private_key}`.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const cdktf_1 = require("cdktf");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const diagnostics_1 = require("../../lib/model/diagnostics");
const enums_1 = require("../../lib/model/enums");
const diagnostic_helpers_1 = require("./diagnostic-helpers");
const MARKERS = ['${TfToken[TOKEN.0]}', '#{TfToken[TOKEN.1]}', '&{TfToken[TOKEN.2]}', 'x ${TfToken[TOKEN.9999999]} y'];
const FIX = /literal text; remove the marker/;
const config = (line, where = 'cluster') => `cluster_name: seed
cluster_vars:
  barman_compression: gzip
${where === 'cluster' ? `  ${line}\n` : ''}instances:
  - Name: one
    ip_address: 192.0.2.11
    role: [primary]
    backup: two
    vars:
      barman_parallel_jobs: 1
${where === 'instance' ? `      ${line}\n` : ''}  - Name: two
    ip_address: 192.0.2.12
    role: [barman]
    vars:
      barman_parallel_jobs: 1
${where === 'server' ? `      ${line}\n` : ''}`;
(0, node_test_1.describe)('reference markers in config.yml are refused', () => {
    const cases = [
        ['barman_post_backup_script', "barman_post_backup_script: 'echo %M'", 'cluster', undefined],
        ['barman_log_file', "barman_log_file: '/var/log/%M'", 'server', 'two'],
        ['barman_client_addresses', "barman_client_addresses: ['%M']", 'instance', 'one'],
        ['barman_conninfo_attributes', "barman_conninfo_attributes: 'application_name=%M'", 'instance', 'one'],
        ['ssh_host_keys', "ssh_host_keys: ['ssh-ed25519 %M']", 'server', 'two'],
        ['address', "address: '%M'", 'instance', 'one'],
    ];
    for (const [key, line, where, instance] of cases) {
        for (const m of MARKERS) {
            (0, node_test_1.test)(`${key}: ${m}`, () => {
                const text = config(line.replace('%M', m.replace(/'/g, "''")), where);
                const o = (0, diagnostic_helpers_1.diagnose)(text);
                const d = o.errors.find((e) => e.key === key && /token marker/.test(e.message));
                strict_1.default.ok(d, `no reference-marker error for ${key}: ${o.errors.map((e) => e.message).join(' | ')}`);
                // the position is the value's (a list's opening bracket)
                const [name, value] = [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)];
                (0, diagnostic_helpers_1.assertDiagnostic)(text, d, { token: value[0], before: `${name}: `, instance, key, mentions: [m], fix: FIX });
            });
        }
    }
    (0, node_test_1.test)('a marker in a key of a nested mapping, and in the cluster name, are refused too', () => {
        const o = (0, diagnostic_helpers_1.diagnose)(config('barman_post_backup_script: "ok"').replace('cluster_name: seed', "cluster_name: 'a${TfToken[TOKEN.0]}'"));
        strict_1.default.ok(o.errors.some((e) => e.key === 'cluster_name' && /token marker/.test(e.message)));
    });
});
(0, node_test_1.describe)('reference markers in typed values meant as text are refused', () => {
    const base = (settings, clientAddresses) => ({
        clusterName: 'seed',
        settings,
        instances: [
            { name: 'one', roles: [enums_1.Role.PRIMARY], address: '192.0.2.11', backup: ['two'], clientAddresses },
            { name: 'two', roles: [enums_1.Role.BARMAN], address: '192.0.2.12' },
        ],
    });
    const refused = (props, key) => {
        strict_1.default.throws(() => (0, typed_cluster_1.graphFromProps)(props), (e) => e instanceof diagnostics_1.InvalidConfigError && e.diagnostics.some((d) => d.key === key && /token marker/.test(d.message)));
    };
    (0, node_test_1.test)('a string token as a hook script', () => refused(base({ postBackupScript: `echo ${cdktf_1.Fn.uuid()}` }), 'barman_post_backup_script'));
    (0, node_test_1.test)('a number token as a count', () => refused(base({ parallelJobs: cdktf_1.Token.asNumber(cdktf_1.Fn.uuid()) }), 'barman_parallel_jobs'));
    (0, node_test_1.test)('a list token as client addresses', () => refused(base({}, cdktf_1.Token.asList(cdktf_1.Fn.uuid())), 'barman_client_addresses'));
});
(0, node_test_1.describe)('the CLI refuses it and writes nothing', () => {
    (0, node_test_1.test)('synth of a hook script holding ${TfToken[TOKEN.0]}: exit 1, file:line:col, no output', (t) => {
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-token-'));
        t.after(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
        const text = config("barman_post_backup_script: 'echo ${TfToken[TOKEN.0]}'");
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'config.yml'), text);
        const out = (0, node_path_1.join)(dir, 'out');
        const r = (0, node_child_process_1.spawnSync)(process.execPath, [(0, node_path_1.join)(__dirname, '..', '..', '..', 'bin', 'cdktf-barman'), 'synth', (0, node_path_1.join)(dir, 'config.yml'), '--out', out, '--resource-type', 'terraform_data', '--supplied-keys'], { encoding: 'utf8' });
        strict_1.default.equal(r.status, 1, r.stdout + r.stderr);
        strict_1.default.match(r.stderr, /config\.yml:4:30: error: key 'barman_post_backup_script': 'echo \$\{TfToken\[TOKEN\.0\]\}' holds a cdktf token marker/);
        strict_1.default.ok(!(0, node_fs_1.existsSync)((0, node_path_1.join)(out, 'cdktf-barman.tf.json')), 'nothing synthesized');
        strict_1.default.doesNotMatch(r.stdout, /var\.barman_postgres_ssh_private_key/);
    });
});
