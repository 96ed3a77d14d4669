/**
 * The settings table (lib/model/settings.ts) is the one place a setting is declared: the README's
 * options table is written from it, BarmanSettings names the same vars, the Barman files and the
 * "no effect on a Barman server" warning read its rendering and scope, and typed values are
 * checked as they are given, not as text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackupOption, Period, Role } from '../../lib/model/enums';
import { RetentionPolicy } from '../../lib/model/periods';
import { BarmanSettings, Rendering, SETTING_DEFINITIONS, SettingDefinition, SettingScope, ValueKind } from '../../lib/model/settings';
import { settingsTableMarkdown } from '../../lib/model/settings-doc';
import { ClusterProps, clusterSpecFromProps, graphFromProps } from '../../lib/model/typed-cluster';
import { GLOBAL_DEFAULTS } from '../../lib/render/global-defaults';
import { repoRoot } from '../support/paths';
import { diagnose, errorsOfProps, show } from './diagnostic-helpers';

/** The README's options table: the lines from its header to the first line that is not a table row. */
function readmeOptionsTable(): string {
  const lines = readFileSync(join(repoRoot(), 'README.md'), 'utf8').split('\n');
  const header = settingsTableMarkdown().split('\n')[0];
  const start = lines.indexOf(header);
  assert.ok(start >= 0, `README.md has no options table starting with ${JSON.stringify(header)}`);
  let end = start;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  return lines.slice(start, end).join('\n') + '\n';
}

describe('the README options table', () => {
  test('is exactly what the settings table writes (regenerate it with settingsTableMarkdown())', () => {
    assert.equal(readmeOptionsTable(), settingsTableMarkdown());
  });

  test('has one row per setting, each naming its var, scope and typed name', () => {
    const rows = settingsTableMarkdown().split('\n').slice(2).filter((l) => l !== '');
    for (const def of SETTING_DEFINITIONS) {
      const row = rows.find((r) => r.startsWith(`| \`${def.varName}\` |`));
      assert.ok(row, `no row for ${def.varName}`);
      assert.ok(row.includes(`| ${def.scope} | \`${def.prop}\` |`), row);
    }
  });
});

describe('the settings table', () => {
  test('var and typed names are unique', () => {
    const vars = SETTING_DEFINITIONS.map((d) => d.varName);
    const props = SETTING_DEFINITIONS.map((d) => d.prop);
    assert.equal(new Set(vars).size, vars.length);
    assert.equal(new Set(props).size, props.length);
  });

  test("BarmanSettings's doc comment of each property names that setting's var", () => {
    const source = readFileSync(join(repoRoot(), 'lib', 'model', 'barman-settings.ts'), 'utf8');
    const documented = new Map([...source.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*readonly (\w+)\?:/g)].map((m) => [m[2], m[1]]));
    assert.deepEqual([...documented.keys()].sort(), SETTING_DEFINITIONS.map((d) => d.prop).sort());
    for (const def of SETTING_DEFINITIONS) assert.ok(documented.get(def.prop)!.includes(`[${def.varName}]`), `${def.prop}'s doc comment does not name [${def.varName}]`);
  });

  test('global defaults have a Barman key and a fixed default, in table order; quoted section values have a key', () => {
    const globals = SETTING_DEFINITIONS.filter((d) => d.rendering === Rendering.GLOBAL_DEFAULT);
    assert.deepEqual(GLOBAL_DEFAULTS.map((g) => g.def), globals);
    for (const g of GLOBAL_DEFAULTS) assert.equal(g.value, g.def.defaultValue);
    for (const d of SETTING_DEFINITIONS.filter((x) => x.rendering === Rendering.QUOTED_IN_SECTION)) assert.ok(d.barmanKey, d.varName);
  });

  test('enum-like kinds list their values', () => {
    for (const d of SETTING_DEFINITIONS.filter((x) => x.kind === ValueKind.ENUM || x.kind === ValueKind.BACKUP_OPTIONS)) assert.ok((d.values ?? []).length > 0, d.varName);
  });
});

describe("a setting's scope", () => {
  /** a valid value of a setting: its fixed default, or an example of its kind */
  const example: Partial<Record<ValueKind, string>> = { [ValueKind.SAFE_PATH]: '/srv/barman/wals', [ValueKind.SCHEDULE]: '0 6 * * sun' };
  const validValue = (d: SettingDefinition): unknown => (d.defaultValue !== undefined && typeof d.defaultValue !== 'function' ? d.defaultValue : (example[d.kind] ?? 'logger done'));

  test('a Barman server backed up by nobody warns exactly for the barman_ settings it does not read itself', () => {
    const settings = SETTING_DEFINITIONS.filter((d) => d.varName.startsWith('barman_'));
    const props: ClusterProps = {
      clusterName: 'demo',
      instances: [
        { name: 'pg1', roles: [Role.PRIMARY], backup: ['bm1'] },
        { name: 'bm1', roles: [Role.BARMAN], settings: Object.fromEntries(settings.map((d) => [d.prop, validValue(d)])) as BarmanSettings },
      ],
    };
    const warned = graphFromProps(props).warnings.filter((d) => /on a Barman server has no effect/.test(d.message)).map((d) => d.key);
    const readByServer = settings.filter((d) => d.scope === SettingScope.BARMAN_SERVER || d.scope === SettingScope.EVERY_HOST).map((d) => d.varName);
    assert.deepEqual(warned.sort(), settings.map((d) => d.varName).filter((v) => !readByServer.includes(v)).sort());
    assert.deepEqual(readByServer.sort(), ['barman_allow_overrides', 'barman_backup_stagger', 'barman_drill_port', 'barman_drill_scratch', 'barman_group', 'barman_home', 'barman_log_file', 'barman_removed_backups', 'barman_shared', 'barman_ssh_restrict', 'barman_user', 'barman_version']);
  });

  test("a Barman server's own settings on an instance that is none warn, naming the setting and the fix; in cluster_vars they do not", () => {
    const serverOnly = SETTING_DEFINITIONS.filter((d) => d.scope === SettingScope.BARMAN_SERVER);
    assert.deepEqual(serverOnly.map((d) => d.varName).sort(), ['barman_backup_stagger', 'barman_drill_port', 'barman_drill_scratch', 'barman_log_file', 'barman_removed_backups', 'barman_shared', 'barman_version']);
    const props: ClusterProps = {
      clusterName: 'demo',
      instances: [
        { name: 'pg1', roles: [Role.PRIMARY], backup: ['bm1'], settings: Object.fromEntries(serverOnly.map((d) => [d.prop, validValue(d)])) as BarmanSettings },
        { name: 'bm1', roles: [Role.BARMAN] },
      ],
    };
    const warned = graphFromProps(props).warnings.filter((d) => / has no effect here: it is a setting of the Barman server, and pg1 is none; set it on the Barman server or in cluster_vars$/.test(d.message));
    assert.deepEqual(warned.map((d) => [d.instance, d.key]).sort(), serverOnly.map((d) => ['pg1', d.varName]).sort());
    const inClusterVars = diagnose(`cluster_name: demo\ncluster_vars:\n  barman_log_file: /var/log/barman-demo.log\ninstances:\n  - Name: pg1\n    role: primary\n    backup: bm1\n  - Name: bm1\n    role: barman\n`);
    assert.deepEqual(inClusterVars.warnings.filter((d) => /has no effect here/.test(d.message)), []);
  });

  test('a per-host list (barman_client_addresses, ssh_host_keys) in cluster_vars is an error naming it, not silently ignored', () => {
    for (const [name, value] of [['barman_client_addresses', '[10.0.0.9]'], ['ssh_host_keys', '["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE5lZWQgYSByZWFsIGhvc3Qga2V5IGhlcmUgcGxlYXNl"]']]) {
      const errors = diagnose(`cluster_name: demo\ncluster_vars:\n  ${name}: ${value}\ninstances:\n  - Name: pg1\n    role: primary\n    backup: bm1\n  - Name: bm1\n    role: barman\n`).errors;
      assert.equal(errors.length, 1, show(errors));
      assert.equal(errors[0].key, name);
      assert.equal(errors[0].position?.line, 3, 'the line of the key in cluster_vars');
      assert.match(errors[0].message, new RegExp(`^${name} describes one host and cannot be shared by a cluster: set it in the vars of each instance it is true of$`));
    }
  });

  test('an instance-only setting in cluster_vars is an error naming it', () => {
    for (const d of SETTING_DEFINITIONS.filter((x) => x.instanceOnly)) {
      const errors = diagnose(`cluster_name: demo\ncluster_vars:\n  ${d.varName}: db\ninstances:\n  - Name: pg1\n    role: primary\n`).errors;
      assert.equal(errors.length, 1, show(errors));
      assert.match(errors[0].message, new RegExp(`^${d.varName} names one instance`));
    }
  });
});

describe('typed values are checked as they are given', () => {
  const base = (pg: BarmanSettings): ClusterProps => ({
    clusterName: 'demo',
    instances: [
      { name: 'pg1', roles: [Role.PRIMARY], backup: ['bm1'], settings: pg },
      { name: 'bm1', roles: [Role.BARMAN] },
    ],
  });

  test('the spec holds the typed values, not their text', () => {
    const policy = RetentionPolicy.redundancy(4);
    const options = [BackupOption.CONCURRENT_BACKUP, BackupOption.EXTERNAL_CONFIGURATION];
    const vars = clusterSpecFromProps(base({ retentionPolicy: policy, backupOptions: options })).instances[0].vars;
    assert.equal(vars.get('barman_retention_policy')?.value, policy);
    assert.equal(vars.get('barman_backup_options')?.value, options);
    const s = graphFromProps(base({ retentionPolicy: policy, backupOptions: options })).instance('pg1').settings;
    assert.equal(s.retentionPolicy, 'REDUNDANCY 4');
    assert.equal(s.backupOptions, 'concurrent_backup,external_configuration');
  });

  test('a list of backup options gives the error its comma-separated text gives', () => {
    const typed = errorsOfProps(base({ backupOptions: [BackupOption.CONCURRENT_BACKUP, BackupOption.EXCLUSIVE_BACKUP] }));
    const text = errorsOfProps(base({ backupOptions: 'concurrent_backup,exclusive_backup' as unknown as BackupOption[] }));
    assert.equal(typed.length, 1, show(typed));
    assert.deepEqual(typed.map((d) => d.message), text.map((d) => d.message));
    assert.match(typed[0].message, /^'concurrent_backup,exclusive_backup': concurrent_backup and exclusive_backup exclude each other: keep one$/);
  });

  test('an empty list of backup options is an error, not an empty backup_options line', () => {
    const errors = errorsOfProps(base({ backupOptions: [] }));
    assert.equal(errors.length, 1, show(errors));
    assert.equal(errors[0].key, 'barman_backup_options');
    assert.match(errors[0].message, /^\[\] holds no backup option: list at least one of concurrent_backup, exclusive_backup, external_configuration$/);
  });

  test('a recovery window without a period (a JavaScript caller) is refused', () => {
    const errors = errorsOfProps(base({ retentionPolicy: RetentionPolicy.recoveryWindow(2, undefined as unknown as Period) }));
    assert.equal(errors.length, 1, show(errors));
    assert.match(errors[0].message, /^'RECOVERY WINDOW OF 2 undefined' is not a retention policy/);
  });
});
