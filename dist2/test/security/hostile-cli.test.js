"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The real ./bin/cdktf-barman on one hostile config per category (a file path, a command, a cron
 * line, pg_hba.conf, authorized_keys, SQL, a name that becomes a path, an error message): exit 1,
 * a FILE:LINE:COL error line, and nothing in --out. The in-process matrix is hostile-input.test.ts.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const paths_1 = require("../support/paths");
const hostile_cases_1 = require("./hostile-cases");
const hostile_run_1 = require("./hostile-run");
const BIN = (0, node_path_1.join)((0, paths_1.repoRoot)(), 'bin', 'cdktf-barman');
function keyNamed(key, target) {
    const k = hostile_cases_1.HOSTILE_KEYS.find((x) => x.key === key && (target === undefined || x.targets.includes(target) || x.place === hostile_cases_1.Place.TOP));
    strict_1.default.ok(k, `no key ${key} in the matrix`);
    return k;
}
/** category, key, the hostile value, the command run on it */
const CASES = [
    { what: 'a path with a newline (files, scripts)', key: keyNamed('barman_home'), value: '/var/lib/barman\n/etc', command: 'render' },
    { what: 'a command substitution in an OS user (commands)', key: keyNamed('postgres_user'), value: 'postgres$(id)', command: 'synth' },
    { what: "an unescaped '%' in the schedule (cron)", key: keyNamed('barman_backup_interval'), value: '0 4 * * wed%x', command: 'render' },
    { what: 'a pg_hba keyword as the Barman server name (pg_hba)', key: keyNamed('Name', 'two'), value: 'samenet', command: 'render' },
    { what: 'a pg_hba keyword as client address (pg_hba, from=)', key: keyNamed('barman_client_addresses'), value: 'all', command: 'synth' },
    { what: 'a second line in a host key (authorized_keys, known_hosts)', key: keyNamed('ssh_host_keys'), value: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n* ssh-rsa AAAA', command: 'validate' },
    { what: 'a quote in the backup name (SQL, slot, archive_command)', key: keyNamed('backup_name'), value: "one'; drop role barman; --", command: 'synth' },
    { what: 'a 5,000-character cluster name (path components)', key: keyNamed('cluster_name'), value: 'seed'.repeat(1250), command: 'render' },
    { what: 'U+2028 in an address (the error line itself)', key: keyNamed('ip_address', 'two'), value: '192.0.2.12\u2028x', command: 'validate' },
];
let tmp;
(0, node_test_1.before)(() => {
    tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-hostile-cli-'));
});
(0, node_test_1.after)(() => (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true }));
(0, node_test_1.describe)('cdktf-barman on hostile configs', () => {
    CASES.forEach((c, i) => {
        (0, node_test_1.test)(`${c.command}: ${c.what}`, () => {
            const file = (0, node_path_1.join)(tmp, `hostile-${i}.yml`);
            (0, node_fs_1.writeFileSync)(file, (0, hostile_cases_1.configText)(c.key, c.value));
            const out = (0, node_path_1.join)(tmp, `out-${i}`);
            const args = c.command === 'validate' ? [c.command, file] : [c.command, file, '--out', out];
            const r = (0, node_child_process_1.spawnSync)(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
            const shown = `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
            strict_1.default.equal(r.status, 1, shown);
            strict_1.default.equal(r.stdout, '', shown);
            const lines = r.stderr.split('\n').filter((l) => l !== '');
            const errors = lines.filter((l) => new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: error: `).test(l));
            strict_1.default.ok(errors.length > 0, `no FILE:LINE:COL: error: line\n${shown}`);
            strict_1.default.ok(errors.some((l) => c.key.diagnosticKeys.some((k) => l.includes(`key '${k}'`))), `no error names ${c.key.key}\n${shown}`);
            for (const l of lines)
                strict_1.default.ok(!/[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029]/.test(l), `raw control or line-break character on stderr: ${JSON.stringify(l)}`);
            strict_1.default.ok(!r.stderr.includes('    at '), `stack trace on stderr\n${shown}`);
            strict_1.default.deepEqual((0, hostile_run_1.filesUnder)(out), [], `${c.command} wrote into --out`);
        });
    });
});
(0, node_test_1.test)("synth --connection-user with a Terraform expression: a usage error, nothing written", () => {
    const file = (0, node_path_1.join)(tmp, 'seed.yml');
    (0, node_fs_1.writeFileSync)(file, (0, hostile_cases_1.configText)(undefined, undefined));
    const out = (0, node_path_1.join)(tmp, 'out-connection-user');
    const r = (0, node_child_process_1.spawnSync)(process.execPath, [BIN, 'synth', file, '--out', out, '--connection-user', '${file("/etc/hostname")}'], { encoding: 'utf8', timeout: 60_000 });
    const shown = `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
    strict_1.default.equal(r.status, 2, shown);
    strict_1.default.match(r.stderr, /connection-user/, shown);
    strict_1.default.deepEqual((0, hostile_run_1.filesUnder)(out), [], `synth wrote into --out\n${shown}`);
});
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
