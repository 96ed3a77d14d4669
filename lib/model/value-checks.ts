import { BackupOption } from './enums';
import { cronScheduleProblems } from './cron-schedule';
import { MaximumAge, RetentionPolicy } from './periods';
import { SettingDefinition, ValueKind } from './settings';
import { showValue } from './diagnostics';
import { MAX_FILE_NAME_BYTES } from './names';
import { OLDEST_BARMAN_VERSION, OLDEST_POSTGRES_MAJOR, VERSION_TEXT, compareVersions } from './versions';

export type Checked = { readonly ok: true; readonly value: string | number | boolean } | { readonly ok: false; readonly problem: string };

/** control characters (C0, DEL, C1) and the Unicode line separators: Python's and libpq's readers split or stop on them */
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/;
/** a whole path stays far below PATH_MAX */
const MAX_PATH_BYTES = 1024;
const SAFE_PATH = /^\/[A-Za-z0-9._/+@-]*$/;
const OS_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const BACKUP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Barman 3.4 splits conninfo on whitespace: values may not contain any, quoted or not */
const DSN_PAIR = /\s*([A-Za-z_]+)=('(?:[^'\\\s]|\\\S)*'|[^\s'"]+)/y;
/** conninfo keys the library sets itself: a later duplicate would silently win in libpq */
const OWN_DSN_KEYS = ['host', 'hostaddr', 'port', 'dbname', 'user'];
const RESERVED_SERVER_NAMES = ['all', 'barman'];

/** directories whose owner must never change, and trees the library never owns anything in */
const SYSTEM_DIRS = ['/', '/etc', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/boot', '/dev', '/proc', '/sys', '/root', '/var', '/var/log', '/var/lib', '/var/tmp', '/var/run', '/var/spool', '/var/cache', '/var/mail', '/home', '/tmp', '/run', '/srv', '/opt', '/mnt', '/media', '/snap'];
const SYSTEM_TREES = ['/etc', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/boot', '/dev', '/proc', '/sys', '/root', '/run', '/var/run'];

/** Whether a path (absolute, no '..') is a system directory or lies in a tree of system files. */
export function isSystemPath(path: string): boolean {
  // '//etc/./' is /etc to the kernel
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const normal = `/${parts.join('/')}`;
  return SYSTEM_DIRS.includes(normal) || SYSTEM_TREES.some((t) => normal.startsWith(`${t}/`));
}

/** Whether text holds a control character or a line break of any reader (one rule for every text value). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

const ok = (value: string | number | boolean): Checked => ({ ok: true, value });
const bad = (problem: string): Checked => ({ ok: false, problem });

const RETENTION_PROBLEM = "is not a retention policy: use 'REDUNDANCY n' or 'RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS' (n >= 1)";
const AGE_PROBLEM = "is not an age: use 'n DAYS', 'n WEEKS' or 'n MONTHS' (n >= 1)";

/**
 * Validates one var's value against its definition: the text or number config.yml gives, or the
 * typed API's value as it is (a RetentionPolicy, a MaximumAge, a list of backup options).
 */
export function checkValue(def: SettingDefinition, raw: unknown): Checked {
  switch (def.kind) {
    case ValueKind.BOOLEAN:
      return checkBoolean(raw);
    case ValueKind.INTEGER:
      return checkInteger(raw, def.min ?? 0, Number.MAX_SAFE_INTEGER);
    case ValueKind.PORT:
      return checkInteger(raw, 1, 65535);
    case ValueKind.POSTGRES_MAJOR:
      return checkPostgresMajor(raw);
    case ValueKind.BARMAN_VERSION:
      return checkBarmanVersion(raw);
    default:
      break;
  }
  if (raw instanceof RetentionPolicy && def.kind === ValueKind.RETENTION) {
    return raw.isValid() ? ok(raw.value) : bad(`${showValue(raw.value)} ${RETENTION_PROBLEM}`);
  }
  if (raw instanceof MaximumAge && def.kind === ValueKind.AGE) {
    return raw.isValid() ? ok(raw.value) : bad(`${showValue(raw.value)} ${AGE_PROBLEM}`);
  }
  if (Array.isArray(raw) && def.kind === ValueKind.BACKUP_OPTIONS) {
    return checkBackupOptions(raw, def.values!, raw.join(','));
  }
  if (typeof raw !== 'string') {
    return bad(`expected text (${def.kind}), got ${showValue(raw)}: write it as a string`);
  }
  if (CONTROL.test(raw)) {
    return bad(`${showValue(raw)} contains a newline or control character, which would break the file it lands in: remove it`);
  }
  switch (def.kind) {
    case ValueKind.ENUM:
      return def.values!.includes(raw) ? ok(raw) : bad(`${showValue(raw)} is not one of ${def.values!.join(', ')}`);
    case ValueKind.BACKUP_OPTIONS:
      return checkBackupOptions(raw.split(',').map((s) => s.trim()), def.values!, raw);
    case ValueKind.RETENTION: {
      const policy = RetentionPolicy.parse(raw);
      return policy ? ok(policy.value) : bad(`${showValue(raw)} ${RETENTION_PROBLEM}`);
    }
    case ValueKind.AGE: {
      const age = MaximumAge.parse(raw);
      return age ? ok(age.value) : bad(`${showValue(raw)} ${AGE_PROBLEM}`);
    }
    case ValueKind.SCHEDULE: {
      const problems = cronScheduleProblems(raw);
      return problems.length === 0 ? ok(raw) : bad(`${showValue(raw)} is not a cron schedule cron would run: ${problems.join('; ')} (example: '0 4 * * wed,sat')`);
    }
    case ValueKind.SAFE_PATH: {
      if (!SAFE_PATH.test(raw) || raw.split('/').includes('..')) {
        return bad(`${showValue(raw)} must be an absolute path of letters, digits and . _ / + @ - (no '..')`);
      }
      const path = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
      const longest = Math.max(...path.split('/').map((c) => Buffer.byteLength(c)));
      if (longest > MAX_FILE_NAME_BYTES || Buffer.byteLength(path) > MAX_PATH_BYTES) {
        return bad(`${showValue(raw)} is too long for a path: at most ${MAX_FILE_NAME_BYTES} bytes per component and ${MAX_PATH_BYTES} in all (it has ${Buffer.byteLength(path)}, the longest component ${longest}): use a shorter path`);
      }
      if (def.chowned && isSystemPath(path)) {
        return bad(`${showValue(raw)} is a system path, and the setup scripts (run as root) would hand it to the Barman or postgres user: use a directory of its own, such as the default ${showValue(typeof def.defaultValue === 'string' ? def.defaultValue : '/var/lib/barman')}`);
      }
      return ok(path);
    }
    case ValueKind.QUOTED_TEXT:
      return raw.includes('"') ? bad(`${showValue(raw)} contains a double quote, which would end the quoted Barman value early: use single quotes`) : ok(raw);
    case ValueKind.DSN_ATTRIBUTES:
      return checkDsnAttributes(raw);
    case ValueKind.OS_NAME:
      return OS_NAME.test(raw) ? ok(raw) : bad(`${showValue(raw)} is not a valid user or group name: lower-case letters, digits, '_' and '-', starting with a letter or '_'`);
    case ValueKind.BACKUP_NAME:
      return checkBackupName(raw);
    default:
      return bad(`unsupported setting kind ${def.kind}`);
  }
}

/** A PostgreSQL major: an integer, at least the oldest Barman 3 supports (newer than known: a warning of build-graph.ts). */
function checkPostgresMajor(raw: unknown): Checked {
  const n = checkInteger(raw, 1, Number.MAX_SAFE_INTEGER);
  if (!n.ok) return checkInteger(raw, OLDEST_POSTGRES_MAJOR, Number.MAX_SAFE_INTEGER);
  if ((n.value as number) < OLDEST_POSTGRES_MAJOR) {
    return bad(`postgres_version ${n.value} is not supported: Barman 3 backs up PostgreSQL ${OLDEST_POSTGRES_MAJOR} and later (Barman 3.0 dropped 9.6 and earlier); upgrade PostgreSQL, or back it up with Barman 2`);
  }
  return n;
}

/** A Barman version as text: '3.4' or '3.4.0', at least the oldest this library writes for. */
function checkBarmanVersion(raw: unknown): Checked {
  // config.yml keeps 3.10 as written (yaml-schema.ts); a bare major is a number there
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) raw = String(raw);
  if (typeof raw === 'number') return bad(`${showValue(raw)} is a number, and 3.10 as a number is 3.1: give the version as text, e.g. '3.4'`);
  if (typeof raw !== 'string' || !VERSION_TEXT.test(raw)) return bad(`${showValue(raw)} is not a Barman version: write it as text such as '3.4' or '3.12.1'`);
  if (compareVersions(raw, OLDEST_BARMAN_VERSION) < 0) return bad(`barman_version ${showValue(raw)} is older than ${OLDEST_BARMAN_VERSION}, the oldest Barman this library writes for: upgrade Barman to 3.x`);
  return ok(raw);
}

function checkBoolean(raw: unknown): Checked {
  if (typeof raw === 'boolean') return ok(raw);
  if (raw === 0 || raw === 1) return ok(raw === 1);
  if (typeof raw === 'string') {
    if (/^(true|yes|on|1)$/i.test(raw)) return ok(true);
    if (/^(false|no|off|0)$/i.test(raw)) return ok(false);
  }
  return bad(`${showValue(raw)} is not a boolean: use true or false`);
}

/** A TCP port: an integer 1..65535 (or its decimal digits as text). */
export function checkPort(raw: unknown): Checked {
  return checkInteger(raw, 1, 65535);
}

function checkInteger(raw: unknown, min: number, max: number): Checked {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^(0|[1-9]\d*)$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    const form = typeof raw === 'string' ? ': write plain decimal digits (no leading zero, sign, exponent or hex)' : '';
    return bad(`${showValue(raw)} is not an integer ${range}${form}`);
  }
  return ok(n);
}

/** Backup options as a list: from config.yml's comma-separated text, or the typed API's list (`shown` is the text either way). */
function checkBackupOptions(items: readonly unknown[], allowed: readonly unknown[], shown: string): Checked {
  if (items.length === 0) return bad(`${showValue(items)} holds no backup option: list at least one of ${allowed.join(', ')}`);
  const unknown = items.filter((i) => !allowed.includes(i));
  if (unknown.length > 0) return bad(`${showValue(shown)}: ${unknown.map((u) => showValue(u)).join(', ')} not one of ${allowed.join(', ')}`);
  if (items.includes(BackupOption.CONCURRENT_BACKUP) && items.includes(BackupOption.EXCLUSIVE_BACKUP)) {
    return bad(`${showValue(shown)}: concurrent_backup and exclusive_backup exclude each other: keep one`);
  }
  return ok(items.join(','));
}

function checkDsnAttributes(raw: string): Checked {
  if (raw.includes('"')) return bad(`${showValue(raw)} contains a double quote, which would end the quoted conninfo early: quote libpq values with single quotes`);
  const text = raw.trim();
  const keys: string[] = [];
  DSN_PAIR.lastIndex = 0;
  while (DSN_PAIR.lastIndex < text.length) {
    const m = DSN_PAIR.exec(text);
    if (!m) return bad(`${showValue(raw)} is not a list of libpq key=value attributes separated by spaces, with no space inside a value (Barman splits conninfo on whitespace); example: 'sslmode=verify-full sslrootcert=/etc/ssl/root.crt'`);
    keys.push(m[1]);
  }
  const own = keys.filter((k) => OWN_DSN_KEYS.includes(k));
  if (own.length > 0) return bad(`${showValue(raw)} sets ${own.join(', ')}, which the library sets itself (a later duplicate silently wins in libpq): remove it`);
  return ok(text);
}

function checkBackupName(raw: string): Checked {
  if (!BACKUP_NAME.test(raw) || raw.includes('..')) {
    return bad(`${showValue(raw)} is not a valid Barman server name: letters, digits, '.', '_' and '-', starting with a letter or digit, no '/' or '..', at most 100 characters`);
  }
  if (RESERVED_SERVER_NAMES.includes(raw.toLowerCase())) {
    return bad(`${showValue(raw)} is reserved by Barman ('all' names every server, '[barman]' is the global section): choose another backup_name`);
  }
  return ok(raw);
}
