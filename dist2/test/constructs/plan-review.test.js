"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The plan-review property (SPEC section 4): a change to one backed-up instance's setting replaces
 * exactly that instance's own resources (its backups, their activations when the Barman section
 * changes, its Postgres side when that is concerned) and touches no other resource. Two syntheses
 * are compared resource by resource, in both provisioner resource modes and from both input paths
 * (typed props and config.yml).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const tpa_config_1 = require("../../lib/config/tpa-config");
const host_provisioner_1 = require("../../lib/constructs/host-provisioner");
const enums_1 = require("../../lib/model/enums");
const periods_1 = require("../../lib/model/periods");
const synth_helpers_1 = require("./synth-helpers");
function compare(before, after) {
    const a = (0, synth_helpers_1.resourcesOf)(before);
    const b = (0, synth_helpers_1.resourcesOf)(after);
    strict_1.default.deepEqual([...b.keys()].sort(), [...a.keys()].sort(), 'the same resources on both sides');
    const changed = [];
    const triggerKeys = {};
    for (const [address, body] of a) {
        const other = b.get(address);
        if ((0, node_util_1.isDeepStrictEqual)(body, other))
            continue;
        changed.push(address);
        if (body.triggers || body.triggers_replace) {
            const ta = (0, synth_helpers_1.triggersOf)(body);
            const tb = (0, synth_helpers_1.triggersOf)(other);
            triggerKeys[address] = [...new Set([...Object.keys(ta), ...Object.keys(tb)])].filter((k) => ta[k] !== tb[k]).sort();
        }
    }
    return { changed: changed.sort(), triggerKeys };
}
/** lines of `after` that are not in `before` and the other way round */
function lineDiff(before, after) {
    const a = before.split('\n');
    const b = after.split('\n');
    return { removed: a.filter((l) => !b.includes(l)), added: b.filter((l) => !a.includes(l)) };
}
const CONF = '/etc/barman.d/one.conf';
const CRON = '/etc/cron.d/one';
const HBA = '/etc/postgresql/16/main/pg_hba.conf';
const SQL = 'ALTER SYSTEM (postgresql.auto.conf)';
/**
 * one's backup resources (on two and three). Their steps read the files from the triggers, so a
 * file's change leaves the steps (and script_sha256) as they are; a setting that is also a step
 * argument (compression, the port) changes script_sha256 too.
 */
const BACKUPS = (...keys) => ({ barman_backup_one_on_two: keys, barman_backup_one_on_three: keys });
/** one's activations: they re-run when the Barman section they activate changes */
const ACTIVATIONS = (...keys) => ({ barman_activate_one_on_two: keys, barman_activate_one_on_three: keys });
const CASES = [
    {
        what: 'retention policy',
        one: { retentionPolicy: periods_1.RetentionPolicy.recoveryWindow(9, enums_1.Period.DAYS) },
        changed: { ...BACKUPS(CONF), ...ACTIVATIONS(CONF) },
        added: { [CONF]: [/^retention_policy = RECOVERY WINDOW OF 9 DAYS$/] },
    },
    {
        // the cron schedule is not Barman's configuration: nothing to activate again
        what: 'backup schedule',
        one: { backupInterval: '17 3 * * *' },
        changed: BACKUPS(CRON),
        added: { [CRON]: [/^17 3 \* \* \* barman .*\/usr\/bin\/barman backup one$/] },
    },
    {
        what: 'compression',
        one: { compression: enums_1.Compression.BZIP2 },
        // the backup step checks the compression program is installed
        changed: { ...BACKUPS(CONF, 'script_sha256'), ...ACTIVATIONS(CONF) },
        added: { [CONF]: [/^compression = bzip2$/] },
    },
    {
        // the port is also where one's own steps reach PostgreSQL (psql), and .pgpass's port (an argument of the secret step)
        what: 'postgres port',
        one: { postgresPort: 6543 },
        changed: { ...BACKUPS(CONF, 'script_sha256'), ...ACTIVATIONS(CONF), barman_postgres_config_one: ['script_sha256'], barman_postgres_roles_one: ['script_sha256'] },
        added: { [CONF]: [/^conninfo = "host=10\.1\.0\.1 port=6543 /, /^streaming_conninfo = "host=10\.1\.0\.1 port=6543 /] },
    },
    {
        // the activation also checks that archive_mode is live (it waits for a restart)
        what: 'WAL archiving (barman_archiver)',
        one: { archiver: true },
        changed: { ...BACKUPS(CONF), ...ACTIVATIONS(CONF, 'script_sha256'), barman_postgres_config_one: [SQL] },
        added: {
            [CONF]: [/^archiver = on$/],
            [SQL]: [/^ALTER SYSTEM SET archive_mode = 'on';$/, /^ALTER SYSTEM SET archive_command = 'barman-wal-archive -U barman --port 2222 10\.1\.0\.2 one %p && barman-wal-archive -U barman --port 22 10\.1\.0\.3 one %p';$/],
        },
    },
    {
        what: 'pg_hba.conf method',
        one: { hbaMethod: enums_1.HbaMethod.MD5 },
        changed: { barman_postgres_config_one: [HBA] },
        added: { [HBA]: ['10.1.0.2', '10.1.0.3', '10.2.0.20'].flatMap((a) => [new RegExp(`^host postgres barman ${a.replace(/\./g, '\\.')}/32 md5$`), new RegExp(`^host replication streaming_barman ${a.replace(/\./g, '\\.')}/32 md5$`)]) },
    },
    {
        what: 'first backup at activation',
        one: { firstBackup: true },
        changed: ACTIVATIONS('first_backup', 'script_sha256'),
        added: {},
    },
];
(0, node_test_1.describe)('a change to one backed-up instance replaces exactly its own resources: its backups and their activations', () => {
    for (const resourceType of Object.values(host_provisioner_1.ProvisionerResourceType)) {
        for (const c of CASES) {
            (0, node_test_1.test)(`${c.what} of one (${resourceType}): only ${Object.keys(c.changed).sort().join(', ')} change`, () => {
                const before = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.multiGraph)(), resourceType });
                const after = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.multiGraph)({ one: c.one }), resourceType });
                const diff = compare(before, after);
                const expected = Object.keys(c.changed).map((id) => `${resourceType}.${id}`).sort();
                strict_1.default.deepEqual(diff.changed, expected, 'resources that changed');
                for (const [id, keys] of Object.entries(c.changed)) {
                    const address = `${resourceType}.${id}`;
                    // the file's content and the script that writes it; nothing else (host, layout stay)
                    strict_1.default.deepEqual(diff.triggerKeys[address], [...keys].sort(), `${address}: changed trigger keys`);
                    const a = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resourcesOf)(before).get(address));
                    const b = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resourcesOf)(after).get(address));
                    // the steps change exactly when script_sha256 does: a file or SQL change is a trigger change only
                    const sameSteps = (0, node_util_1.isDeepStrictEqual)((0, synth_helpers_1.resourcesOf)(before).get(address).provisioner, (0, synth_helpers_1.resourcesOf)(after).get(address).provisioner);
                    strict_1.default.equal(sameSteps, !keys.includes('script_sha256'), `${address}: the steps change with script_sha256`);
                    for (const key of keys.filter((k) => k in c.added)) {
                        const { added } = lineDiff(a[key], b[key]);
                        strict_1.default.ok(added.length > 0 && added.length <= c.added[key].length, `${address} ${key}: added lines ${JSON.stringify(added)}`);
                        for (const l of added)
                            strict_1.default.ok(c.added[key].some((re) => re.test(l)), `${address} ${key}: unexpected new line ${JSON.stringify(l)}`);
                    }
                }
            });
        }
    }
    (0, node_test_1.test)('a cluster-wide setting overridden by one instance changes only the others\' backups', () => {
        // four keeps its own retention: a cluster-wide change reaches one and five, not four
        const before = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.multiGraph)({ four: { retentionPolicy: periods_1.RetentionPolicy.redundancy(2) } }) });
        const after = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.multiGraph)({ four: { retentionPolicy: periods_1.RetentionPolicy.redundancy(2) }, cluster: { retentionPolicy: periods_1.RetentionPolicy.redundancy(5) } }) });
        strict_1.default.deepEqual(compare(before, after).changed, [
            'null_resource.barman_activate_db-1_example_com_on_backup-1_example_com',
            'null_resource.barman_activate_five_on_two',
            'null_resource.barman_activate_one_on_three',
            'null_resource.barman_activate_one_on_two',
            'null_resource.barman_backup_db-1_example_com_on_backup-1_example_com',
            'null_resource.barman_backup_five_on_two',
            'null_resource.barman_backup_one_on_three',
            'null_resource.barman_backup_one_on_two',
        ]);
    });
    (0, node_test_1.test)('from config.yml: barman_retention_policy of alpha in a fleet of several instances on one server', (t) => {
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-plan-review-'));
        t.after(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
        const text = (0, node_fs_1.readFileSync)((0, node_path_1.join)((0, synth_helpers_1.repoRoot)(), 'test', 'fixtures', 'synth', 'fleet', 'config.yml'), 'utf8');
        const marker = '    # alpha vars\n';
        strict_1.default.ok(text.includes(marker), 'the fixture marks where alpha\'s vars go');
        const write = (name, content) => {
            const file = (0, node_path_1.join)(dir, name, 'config.yml');
            (0, node_fs_1.mkdirSync)((0, node_path_1.join)(dir, name));
            (0, node_fs_1.writeFileSync)(file, content);
            return (0, tpa_config_1.loadGraphFromFile)(file);
        };
        const before = (0, synth_helpers_1.synthCluster)({ graph: write('a', text) });
        const after = (0, synth_helpers_1.synthCluster)({ graph: write('b', text.replace(marker, `${marker}    vars:\n      barman_retention_policy: REDUNDANCY 4\n`)) });
        const diff = compare(before, after);
        strict_1.default.deepEqual(diff.changed, ['null_resource.barman_activate_alpha_on_vault', 'null_resource.barman_backup_alpha_on_vault']);
        strict_1.default.deepEqual(diff.triggerKeys['null_resource.barman_backup_alpha_on_vault'], ['/etc/barman.d/alpha.conf']);
        strict_1.default.deepEqual(diff.triggerKeys['null_resource.barman_activate_alpha_on_vault'], ['/etc/barman.d/alpha.conf']);
        const a = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resourcesOf)(before).get('null_resource.barman_backup_alpha_on_vault'))['/etc/barman.d/alpha.conf'];
        const b = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resourcesOf)(after).get('null_resource.barman_backup_alpha_on_vault'))['/etc/barman.d/alpha.conf'];
        strict_1.default.deepEqual(lineDiff(a, b), { removed: [], added: ['retention_policy = REDUNDANCY 4'] });
    });
    (0, node_test_1.test)('the comparison itself notices a change anywhere (control)', () => {
        const before = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.multiGraph)() });
        const after = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.multiGraph)(), connection: { user: 'deploy' } });
        // a connection change touches every provisioner resource (13 + 5 configs + 4 roles + 5 activations), not the passwords
        const changed = compare(before, after).changed;
        strict_1.default.deepEqual(changed, [...(0, synth_helpers_1.provisionerResources)(before).keys()].map((id) => `null_resource.${id}`).sort());
        strict_1.default.equal(changed.length, 27);
    });
});
