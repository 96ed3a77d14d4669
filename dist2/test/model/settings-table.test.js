"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The settings table (lib/model/settings.ts) is the one place a setting is declared: the README's
 * options table is written from it, BarmanSettings names the same vars, the Barman files and the
 * "no effect on a Barman server" warning read its rendering and scope, and typed values are
 * checked as they are given, not as text.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const enums_1 = require("../../lib/model/enums");
const periods_1 = require("../../lib/model/periods");
const settings_1 = require("../../lib/model/settings");
const settings_doc_1 = require("../../lib/model/settings-doc");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const global_defaults_1 = require("../../lib/render/global-defaults");
const paths_1 = require("../support/paths");
const diagnostic_helpers_1 = require("./diagnostic-helpers");
/** The README's options table: the lines from its header to the first line that is not a table row. */
function readmeOptionsTable() {
    const lines = (0, node_fs_1.readFileSync)((0, node_path_1.join)((0, paths_1.repoRoot)(), 'README.md'), 'utf8').split('\n');
    const header = (0, settings_doc_1.settingsTableMarkdown)().split('\n')[0];
    const start = lines.indexOf(header);
    strict_1.default.ok(start >= 0, `README.md has no options table starting with ${JSON.stringify(header)}`);
    let end = start;
    while (end < lines.length && lines[end].startsWith('|'))
        end++;
    return lines.slice(start, end).join('\n') + '\n';
}
(0, node_test_1.describe)('the README options table', () => {
    (0, node_test_1.test)('is exactly what the settings table writes (regenerate it with settingsTableMarkdown())', () => {
        strict_1.default.equal(readmeOptionsTable(), (0, settings_doc_1.settingsTableMarkdown)());
    });
    (0, node_test_1.test)('has one row per setting, each naming its var, scope and typed name', () => {
        const rows = (0, settings_doc_1.settingsTableMarkdown)().split('\n').slice(2).filter((l) => l !== '');
        for (const def of settings_1.SETTING_DEFINITIONS) {
            const row = rows.find((r) => r.startsWith(`| \`${def.varName}\` |`));
            strict_1.default.ok(row, `no row for ${def.varName}`);
            strict_1.default.ok(row.includes(`| ${def.scope} | \`${def.prop}\` |`), row);
        }
    });
});
(0, node_test_1.describe)('the settings table', () => {
    (0, node_test_1.test)('var and typed names are unique', () => {
        const vars = settings_1.SETTING_DEFINITIONS.map((d) => d.varName);
        const props = settings_1.SETTING_DEFINITIONS.map((d) => d.prop);
        strict_1.default.equal(new Set(vars).size, vars.length);
        strict_1.default.equal(new Set(props).size, props.length);
    });
    (0, node_test_1.test)("BarmanSettings's doc comment of each property names that setting's var", () => {
        const source = (0, node_fs_1.readFileSync)((0, node_path_1.join)((0, paths_1.repoRoot)(), 'lib', 'model', 'barman-settings.ts'), 'utf8');
        const documented = new Map([...source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*readonly (\w+)\?:/g)].map((m) => [m[2], m[1]]));
        strict_1.default.deepEqual([...documented.keys()].sort(), settings_1.SETTING_DEFINITIONS.map((d) => d.prop).sort());
        for (const def of settings_1.SETTING_DEFINITIONS)
            strict_1.default.ok(documented.get(def.prop).includes(`[${def.varName}]`), `${def.prop}'s doc comment does not name [${def.varName}]`);
    });
    (0, node_test_1.test)('global defaults have a Barman key and a fixed default, in table order; quoted section values have a key', () => {
        const globals = settings_1.SETTING_DEFINITIONS.filter((d) => d.rendering === settings_1.Rendering.GLOBAL_DEFAULT);
        strict_1.default.deepEqual(global_defaults_1.GLOBAL_DEFAULTS.map((g) => g.def), globals);
        for (const g of global_defaults_1.GLOBAL_DEFAULTS)
            strict_1.default.equal(g.value, g.def.defaultValue);
        for (const d of settings_1.SETTING_DEFINITIONS.filter((x) => x.rendering === settings_1.Rendering.QUOTED_IN_SECTION))
            strict_1.default.ok(d.barmanKey, d.varName);
    });
    (0, node_test_1.test)('enum-like kinds list their values', () => {
        for (const d of settings_1.SETTING_DEFINITIONS.filter((x) => x.kind === settings_1.ValueKind.ENUM || x.kind === settings_1.ValueKind.BACKUP_OPTIONS))
            strict_1.default.ok((d.values ?? []).length > 0, d.varName);
    });
});
(0, node_test_1.describe)("a setting's scope", () => {
    /** a valid value of a setting: its fixed default, or an example of its kind */
    const validValue = (d) => (d.defaultValue !== undefined && typeof d.defaultValue !== 'function' ? d.defaultValue : d.kind === settings_1.ValueKind.SAFE_PATH ? '/srv/barman/wals' : 'logger done');
    (0, node_test_1.test)('a Barman server backed up by nobody warns exactly for the barman_ settings it does not read itself', () => {
        const settings = settings_1.SETTING_DEFINITIONS.filter((d) => d.varName.startsWith('barman_'));
        const props = {
            clusterName: 'demo',
            instances: [
                { name: 'pg1', roles: [enums_1.Role.PRIMARY], backup: ['bm1'] },
                { name: 'bm1', roles: [enums_1.Role.BARMAN], settings: Object.fromEntries(settings.map((d) => [d.prop, validValue(d)])) },
            ],
        };
        const warned = (0, typed_cluster_1.graphFromProps)(props).warnings.filter((d) => /on a Barman server has no effect/.test(d.message)).map((d) => d.key);
        const readByServer = settings.filter((d) => d.scope === settings_1.SettingScope.BARMAN_SERVER || d.scope === settings_1.SettingScope.EVERY_HOST).map((d) => d.varName);
        strict_1.default.deepEqual(warned.sort(), settings.map((d) => d.varName).filter((v) => !readByServer.includes(v)).sort());
        strict_1.default.deepEqual(readByServer.sort(), ['barman_allow_overrides', 'barman_backup_stagger', 'barman_group', 'barman_home', 'barman_log_file', 'barman_removed_backups', 'barman_ssh_restrict', 'barman_user']);
    });
    (0, node_test_1.test)('an instance-only setting in cluster_vars is an error naming it', () => {
        for (const d of settings_1.SETTING_DEFINITIONS.filter((x) => x.instanceOnly)) {
            const errors = (0, diagnostic_helpers_1.diagnose)(`cluster_name: demo\ncluster_vars:\n  ${d.varName}: db\ninstances:\n  - Name: pg1\n    role: primary\n`).errors;
            strict_1.default.equal(errors.length, 1, (0, diagnostic_helpers_1.show)(errors));
            strict_1.default.match(errors[0].message, new RegExp(`^${d.varName} names one instance`));
        }
    });
});
(0, node_test_1.describe)('typed values are checked as they are given', () => {
    const base = (pg) => ({
        clusterName: 'demo',
        instances: [
            { name: 'pg1', roles: [enums_1.Role.PRIMARY], backup: ['bm1'], settings: pg },
            { name: 'bm1', roles: [enums_1.Role.BARMAN] },
        ],
    });
    (0, node_test_1.test)('the spec holds the typed values, not their text', () => {
        const policy = periods_1.RetentionPolicy.redundancy(4);
        const options = [enums_1.BackupOption.CONCURRENT_BACKUP, enums_1.BackupOption.EXTERNAL_CONFIGURATION];
        const vars = (0, typed_cluster_1.clusterSpecFromProps)(base({ retentionPolicy: policy, backupOptions: options })).instances[0].vars;
        strict_1.default.equal(vars.get('barman_retention_policy')?.value, policy);
        strict_1.default.equal(vars.get('barman_backup_options')?.value, options);
        const s = (0, typed_cluster_1.graphFromProps)(base({ retentionPolicy: policy, backupOptions: options })).instance('pg1').settings;
        strict_1.default.equal(s.retentionPolicy, 'REDUNDANCY 4');
        strict_1.default.equal(s.backupOptions, 'concurrent_backup,external_configuration');
    });
    (0, node_test_1.test)('a list of backup options gives the error its comma-separated text gives', () => {
        const typed = (0, diagnostic_helpers_1.errorsOfProps)(base({ backupOptions: [enums_1.BackupOption.CONCURRENT_BACKUP, enums_1.BackupOption.EXCLUSIVE_BACKUP] }));
        const text = (0, diagnostic_helpers_1.errorsOfProps)(base({ backupOptions: 'concurrent_backup,exclusive_backup' }));
        strict_1.default.equal(typed.length, 1, (0, diagnostic_helpers_1.show)(typed));
        strict_1.default.deepEqual(typed.map((d) => d.message), text.map((d) => d.message));
        strict_1.default.match(typed[0].message, /^'concurrent_backup,exclusive_backup': concurrent_backup and exclusive_backup exclude each other: keep one$/);
    });
    (0, node_test_1.test)('an empty list of backup options is an error, not an empty backup_options line', () => {
        const errors = (0, diagnostic_helpers_1.errorsOfProps)(base({ backupOptions: [] }));
        strict_1.default.equal(errors.length, 1, (0, diagnostic_helpers_1.show)(errors));
        strict_1.default.equal(errors[0].key, 'barman_backup_options');
        strict_1.default.match(errors[0].message, /^\[\] holds no backup option: list at least one of concurrent_backup, exclusive_backup, external_configuration$/);
    });
    (0, node_test_1.test)('a recovery window without a period (a JavaScript caller) is refused', () => {
        const errors = (0, diagnostic_helpers_1.errorsOfProps)(base({ retentionPolicy: periods_1.RetentionPolicy.recoveryWindow(2, undefined) }));
        strict_1.default.equal(errors.length, 1, (0, diagnostic_helpers_1.show)(errors));
        strict_1.default.match(errors[0].message, /^'RECOVERY WINDOW OF 2 undefined' is not a retention policy/);
    });
});
