/**
 * The hostile-input matrix of issue 12: every config.yml key whose value reaches a file, a
 * command, a cron line, pg_hba.conf, authorized_keys or SQL, times a list of payloads. The
 * settings come from the one settings table (lib/model/settings.ts), so a new setting is covered
 * without touching this file; the instance-level keys are listed here.
 */
import { SETTING_DEFINITIONS, SettingDefinition, ValueKind } from '../../lib/model/settings';

export interface Payload {
  /** short name for test titles and the report */
  readonly name: string;
  readonly text: string;
  /** true: the payload is the whole value; false: it is appended to a valid value of the key */
  readonly whole: boolean;
}

export const PAYLOADS: readonly Payload[] = [
  { name: 'newline', text: '\nx', whole: false },
  { name: 'carriage return', text: '\rx', whole: false },
  { name: 'single quote', text: "'x", whole: false },
  { name: 'double quote', text: '"x', whole: false },
  { name: 'command substitution', text: '$(id)', whole: false },
  { name: 'backticks', text: '`id`', whole: false },
  { name: 'semicolon', text: ';id', whole: false },
  { name: 'percent', text: '%x', whole: false },
  { name: 'dollar brace', text: '${x}', whole: false },
  { name: 'percent brace', text: '%{x}', whole: false },
  { name: 'cdktf token', text: '${TfToken[TOKEN.0]}', whole: false },
  { name: 'cdktf token, large index', text: '${TfToken[TOKEN.99999]}', whole: false },
  { name: 'backslash', text: '\\x', whole: false },
  { name: 'NUL', text: '\0x', whole: false },
  { name: 'U+2028', text: '\u2028x', whole: false },
  { name: 'U+0085', text: '\u0085x', whole: false },
  { name: 'leading dash', text: '-x', whole: true },
  { name: '5,000 characters', text: 'x'.repeat(5000), whole: false },
  { name: 'pg_hba all', text: 'all', whole: true },
  { name: 'pg_hba samehost', text: 'samehost', whole: true },
  { name: 'pg_hba samenet', text: 'samenet', whole: true },
  { name: 'pg_hba +group', text: '+x', whole: true },
  { name: 'pg_hba @file', text: '@x', whole: true },
];

/** The value a case writes: the payload alone, or after a valid value of the key. */
export function hostileValue(key: HostileKey, p: Payload): string {
  return p.whole ? p.text : key.valid + p.text;
}

/** Where a key is written in config.yml. */
export enum Place {
  TOP = 'top level',
  INSTANCE = 'instance',
  VARS = 'instance vars',
}

/** The three instances of the base config: a primary backed up to a Barman server, and a replica. */
export type Target = 'one' | 'two' | 'three';

export interface HostileKey {
  /** the key as config.yml spells it */
  readonly key: string;
  readonly place: Place;
  /** the instances it is written on (settings: on the backed-up instance and the Barman server) */
  readonly targets: readonly Target[];
  /** written as a one-item list */
  readonly list: boolean;
  /** a valid value, which the payloads are appended to (the base config may leave the key out) */
  readonly valid: string;
  /** keys a diagnostic about this value may name (the key, or the reference it breaks) */
  readonly diagnosticKeys: readonly string[];
  /** the setting, for settings */
  readonly setting?: SettingDefinition;
  /** the value may become a path component, a logical id or a file name */
  readonly nameLike: boolean;
}

const HOST_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

/** a valid value of a setting: its default, or an example of its kind */
function validSettingValue(d: SettingDefinition): string {
  if (typeof d.defaultValue === 'function') return String(d.defaultValue({ postgresVersion: 16, clientDsnAttributes: '' }, 'one'));
  if (d.defaultValue !== undefined && d.defaultValue !== '') return String(d.defaultValue);
  switch (d.kind) {
    case ValueKind.SAFE_PATH:
      return '/srv/barman/wals';
    case ValueKind.DSN_ATTRIBUTES:
      return 'sslmode=require';
    case ValueKind.QUOTED_TEXT:
      return 'logger backup done';
    default:
      return 'x';
  }
}

const NAME_LIKE_KINDS: readonly ValueKind[] = [ValueKind.BACKUP_NAME, ValueKind.OS_NAME, ValueKind.SAFE_PATH];

const settingKeys: HostileKey[] = SETTING_DEFINITIONS.map((d) => ({
  key: d.varName,
  place: Place.VARS,
  targets: ['one', 'two'],
  list: false,
  valid: validSettingValue(d),
  diagnosticKeys: [d.varName],
  setting: d,
  nameLike: NAME_LIKE_KINDS.includes(d.kind),
}));

const instanceKey = (key: string, targets: Target[], valid: string, extra: Partial<HostileKey> = {}): HostileKey => ({
  key,
  place: Place.INSTANCE,
  targets,
  list: false,
  valid,
  diagnosticKeys: [key],
  nameLike: false,
  ...extra,
});

const varsKey = (key: string, targets: Target[], valid: string, list = false): HostileKey => ({
  key,
  place: Place.VARS,
  targets,
  list,
  valid,
  diagnosticKeys: [key, `vars.${key}`],
  nameLike: false,
});

const otherKeys: HostileKey[] = [
  { key: 'cluster_name', place: Place.TOP, targets: [], list: false, valid: 'seed', diagnosticKeys: ['cluster_name'], nameLike: true },
  // renaming an instance renames its references too, as a user would
  instanceKey('Name', ['one'], 'one', { diagnosticKeys: ['Name', 'upstream', 'backup'], nameLike: true }),
  instanceKey('Name', ['two'], 'two', { diagnosticKeys: ['Name', 'backup'], nameLike: true }),
  instanceKey('ip_address', ['one'], '192.0.2.11'),
  instanceKey('ip_address', ['two'], '192.0.2.12'),
  instanceKey('public_ip', ['two'], '203.0.113.12'),
  instanceKey('private_ip', ['two'], '10.0.0.12'),
  instanceKey('ansible_host', ['two'], '192.0.2.12'),
  instanceKey('backup', ['one'], 'two', { diagnosticKeys: ['backup'], list: true }),
  instanceKey('upstream', ['three'], 'one'),
  // an unknown role is only a label (TPA has many); it is refused where it matters: `backup` on an instance it leaves without a PostgreSQL role
  instanceKey('role', ['one'], 'primary', { list: true, diagnosticKeys: ['role', 'backup'] }),
  instanceKey('location', ['one'], 'dc1'),
  varsKey('address', ['one'], '192.0.2.11'),
  varsKey('address', ['two'], '192.0.2.12'),
  varsKey('connection_host', ['two'], '192.0.2.12'),
  varsKey('ssh_host_keys', ['one'], HOST_KEY, true),
  varsKey('barman_client_addresses', ['two'], '192.0.2.12', true),
];

/** Every key of the matrix, settings first. */
export const HOSTILE_KEYS: readonly HostileKey[] = [...settingKeys, ...otherKeys];

/** `key (on one)` — the title of a key's group */
export function keyTitle(k: HostileKey): string {
  const where = k.place === Place.TOP ? 'top level' : `${k.place === Place.VARS ? 'vars' : 'instance'} of ${k.targets.join(' and ')}`;
  return `${k.key} (${where})`;
}

type Fields = Array<[string, unknown]>;

/**
 * config.yml text: the seed example (examples/config.yml) plus a replica, with `value` written
 * as `key` (or the key absent, for the baseline, when `value` is undefined).
 */
export function configText(k: HostileKey | undefined, value: string | undefined): string {
  const set = (target: Target | 'top', place: Place): string | undefined => {
    if (k === undefined || value === undefined || k.place !== place) return undefined;
    return place === Place.TOP || k.targets.includes(target as Target) ? value : undefined;
  };
  const renamed = (t: Target): string => (k?.key === 'Name' ? set(t, Place.INSTANCE) : undefined) ?? t;
  const field = (target: Target, key: string, base: unknown): [string, unknown][] => {
    const v = k?.key === key && k.place === Place.INSTANCE ? set(target, Place.INSTANCE) : undefined;
    if (v === undefined) return base === undefined ? [] : [[key, base]];
    return [[key, k!.list ? [v] : v]];
  };
  const vars = (target: Target): Fields => {
    const out: Fields = [];
    const v = set(target, Place.VARS);
    if (v !== undefined) out.push([k!.key, k!.list ? [v] : v]);
    return out;
  };
  const instance = (t: Target, node: number, ip: string, role: string, extra: Fields): Fields => {
    const fields: Fields = [
      ['Name', renamed(t)],
      ['node', node],
      ['platform', 'bare'],
      ...field(t, 'ip_address', ip),
      ...field(t, 'public_ip', undefined),
      ...field(t, 'private_ip', undefined),
      ...field(t, 'ansible_host', undefined),
      ...field(t, 'location', undefined),
      ...field(t, 'role', [role]),
      ...extra,
    ];
    const v = vars(t);
    if (v.length > 0) fields.push(['vars', v]);
    return fields;
  };
  const lines: string[] = [];
  lines.push(`cluster_name: ${yamlScalar(set('top', Place.TOP) ?? 'seed')}`);
  lines.push('architecture: M1');
  if (k?.key === 'location') lines.push('locations:', '  - Name: dc1');
  lines.push('cluster_vars:', '  postgres_version: 16', 'instances:');
  const instances: Fields[] = [
    instance('one', 1, '192.0.2.11', 'primary', field('one', 'backup', renamed('two'))),
    instance('two', 2, '192.0.2.12', 'barman', []),
    instance('three', 3, '192.0.2.13', 'replica', field('three', 'upstream', renamed('one'))),
  ];
  for (const fields of instances) {
    fields.forEach(([name, v], i) => {
      const lead = i === 0 ? '  - ' : '    ';
      if (name === 'vars') {
        lines.push(`${lead}vars:`);
        for (const [vn, vv] of v as Fields) lines.push(`      ${vn}: ${yamlValue(vv)}`);
      } else lines.push(`${lead}${name}: ${yamlValue(v)}`);
    });
  }
  return lines.join('\n') + '\n';
}

function yamlValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(yamlValue).join(', ')}]`;
  if (typeof v === 'number') return String(v);
  return yamlScalar(String(v));
}

/**
 * A YAML double-quoted scalar holding exactly `s`: JSON's escapes are YAML's, and everything
 * outside printable ASCII is written as \uXXXX so no reader can take U+2028 or U+0085 for a line break.
 */
export function yamlScalar(s: string): string {
  return JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Payloads that, were they not escaped, Terraform or cdktf would read as an expression. */
export function isTerraformPayload(p: Payload): boolean {
  return p.text.includes('${') || p.text.includes('%{');
}
