"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HOSTILE_KEYS = exports.Place = exports.PAYLOADS = void 0;
exports.hostileValue = hostileValue;
exports.keyTitle = keyTitle;
exports.configText = configText;
exports.yamlScalar = yamlScalar;
exports.isTerraformPayload = isTerraformPayload;
/**
 * The hostile-input matrix of issue 12: every config.yml key whose value reaches a file, a
 * command, a cron line, pg_hba.conf, authorized_keys or SQL, times a list of payloads. The
 * settings come from the one settings table (lib/model/settings.ts), so a new setting is covered
 * without touching this file; the instance-level keys are listed here.
 */
const settings_1 = require("../../lib/model/settings");
exports.PAYLOADS = [
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
function hostileValue(key, p) {
    return p.whole ? p.text : key.valid + p.text;
}
/** Where a key is written in config.yml. */
var Place;
(function (Place) {
    Place["TOP"] = "top level";
    Place["INSTANCE"] = "instance";
    Place["VARS"] = "instance vars";
})(Place || (exports.Place = Place = {}));
const HOST_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
/** a valid value of a setting: its default, or an example of its kind */
function validSettingValue(d) {
    if (typeof d.defaultValue === 'function')
        return String(d.defaultValue({ postgresVersion: 16, clientDsnAttributes: '' }, 'one'));
    if (d.defaultValue !== undefined && d.defaultValue !== '')
        return String(d.defaultValue);
    switch (d.kind) {
        case settings_1.ValueKind.SAFE_PATH:
            return '/srv/barman/wals';
        case settings_1.ValueKind.DSN_ATTRIBUTES:
            return 'sslmode=require';
        case settings_1.ValueKind.QUOTED_TEXT:
            return 'logger backup done';
        default:
            return 'x';
    }
}
const NAME_LIKE_KINDS = [settings_1.ValueKind.BACKUP_NAME, settings_1.ValueKind.OS_NAME, settings_1.ValueKind.SAFE_PATH];
const settingKeys = settings_1.SETTING_DEFINITIONS.map((d) => ({
    key: d.varName,
    place: Place.VARS,
    targets: ['one', 'two'],
    list: false,
    valid: validSettingValue(d),
    diagnosticKeys: [d.varName],
    setting: d,
    nameLike: NAME_LIKE_KINDS.includes(d.kind),
}));
const instanceKey = (key, targets, valid, extra = {}) => ({
    key,
    place: Place.INSTANCE,
    targets,
    list: false,
    valid,
    diagnosticKeys: [key],
    nameLike: false,
    ...extra,
});
const varsKey = (key, targets, valid, list = false) => ({
    key,
    place: Place.VARS,
    targets,
    list,
    valid,
    diagnosticKeys: [key, `vars.${key}`],
    nameLike: false,
});
const otherKeys = [
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
exports.HOSTILE_KEYS = [...settingKeys, ...otherKeys];
/** `key (on one)` — the title of a key's group */
function keyTitle(k) {
    const where = k.place === Place.TOP ? 'top level' : `${k.place === Place.VARS ? 'vars' : 'instance'} of ${k.targets.join(' and ')}`;
    return `${k.key} (${where})`;
}
/**
 * config.yml text: the seed example (examples/config.yml) plus a replica, with `value` written
 * as `key` (or the key absent, for the baseline, when `value` is undefined).
 */
function configText(k, value) {
    const set = (target, place) => {
        if (k === undefined || value === undefined || k.place !== place)
            return undefined;
        return place === Place.TOP || k.targets.includes(target) ? value : undefined;
    };
    const renamed = (t) => (k?.key === 'Name' ? set(t, Place.INSTANCE) : undefined) ?? t;
    const field = (target, key, base) => {
        const v = k?.key === key && k.place === Place.INSTANCE ? set(target, Place.INSTANCE) : undefined;
        if (v === undefined)
            return base === undefined ? [] : [[key, base]];
        return [[key, k.list ? [v] : v]];
    };
    const vars = (target) => {
        const out = [];
        const v = set(target, Place.VARS);
        if (v !== undefined)
            out.push([k.key, k.list ? [v] : v]);
        return out;
    };
    const instance = (t, node, ip, role, extra) => {
        const fields = [
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
        if (v.length > 0)
            fields.push(['vars', v]);
        return fields;
    };
    const lines = [];
    lines.push(`cluster_name: ${yamlScalar(set('top', Place.TOP) ?? 'seed')}`);
    lines.push('architecture: M1');
    if (k?.key === 'location')
        lines.push('locations:', '  - Name: dc1');
    lines.push('cluster_vars:', '  postgres_version: 16', 'instances:');
    const instances = [
        instance('one', 1, '192.0.2.11', 'primary', field('one', 'backup', renamed('two'))),
        instance('two', 2, '192.0.2.12', 'barman', []),
        instance('three', 3, '192.0.2.13', 'replica', field('three', 'upstream', renamed('one'))),
    ];
    for (const fields of instances) {
        fields.forEach(([name, v], i) => {
            const lead = i === 0 ? '  - ' : '    ';
            if (name === 'vars') {
                lines.push(`${lead}vars:`);
                for (const [vn, vv] of v)
                    lines.push(`      ${vn}: ${yamlValue(vv)}`);
            }
            else
                lines.push(`${lead}${name}: ${yamlValue(v)}`);
        });
    }
    return lines.join('\n') + '\n';
}
function yamlValue(v) {
    if (Array.isArray(v))
        return `[${v.map(yamlValue).join(', ')}]`;
    if (typeof v === 'number')
        return String(v);
    return yamlScalar(String(v));
}
/**
 * A YAML double-quoted scalar holding exactly `s`: JSON's escapes are YAML's, and everything
 * outside printable ASCII is written as \uXXXX so no reader can take U+2028 or U+0085 for a line break.
 */
function yamlScalar(s) {
    return JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Payloads that, were they not escaped, Terraform or cdktf would read as an expression. */
function isTerraformPayload(p) {
    return p.text.includes('${') || p.text.includes('%{');
}
