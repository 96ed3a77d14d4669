/**
 * The settings table: one entry per setting says how config.yml names it, how its value is checked,
 * whose value counts, its default, how it lands in Barman's files and what the README says of it.
 * Parsing and validation (build-graph.ts, value-checks.ts), the typed API (typed-cluster.ts), the
 * Barman files (render/global-defaults.ts, server-conf.ts) and the README's options table
 * (settings-doc.ts) all read it.
 */
import { BarmanSettings, EffectiveSettings } from './barman-settings';
import { BackupMethod, BackupOption, Compression, HbaMethod, RemovedBackups, ReuseBackup } from './enums';
import { DEFAULT_BARMAN_VERSION, NEWEST_POSTGRES_MAJOR, OLDEST_BARMAN_VERSION, OLDEST_POSTGRES_MAJOR } from './versions';

/** How a var's value is checked and turned into its typed form. */
export enum ValueKind {
  BOOLEAN = 'boolean',
  INTEGER = 'integer',
  PORT = 'port',
  ENUM = 'enum',
  BACKUP_OPTIONS = 'backup options',
  RETENTION = 'retention policy',
  AGE = 'age',
  SCHEDULE = 'cron schedule',
  /** absolute path that also lands in shell scripts: a conservative character set */
  SAFE_PATH = 'path',
  /** free text written as a double-quoted Barman value */
  QUOTED_TEXT = 'text',
  /** libpq key=value attributes */
  DSN_ATTRIBUTES = 'dsn attributes',
  OS_NAME = 'user or group name',
  BACKUP_NAME = 'backup name',
  /** a PostgreSQL major Barman supports (versions.ts): below the oldest an error, above the newest known a warning */
  POSTGRES_MAJOR = 'PostgreSQL major',
  /** a Barman version as text, `3.4` or `3.4.0` */
  BARMAN_VERSION = 'Barman version',
}

/** Whose value of a setting counts (each instance resolves every setting; this says who reads it). */
export enum SettingScope {
  /** the Barman server's own: its global file and what it does for all its instances */
  BARMAN_SERVER = 'Barman server',
  /** the backed-up instance's: its section, cron file and activation on each of its Barman servers */
  BACKED_UP_INSTANCE = 'backed-up instance',
  /** a Postgres instance's own Postgres side (pg_hba.conf, restore_command, its OS user) */
  POSTGRES_INSTANCE = 'Postgres instance',
  /** each host's own, whatever its roles */
  EVERY_HOST = 'every host',
}

/** How a setting lands in Barman's configuration files. */
export enum Rendering {
  /** /etc/barman.conf holds the default; a server's section repeats its value when it differs */
  GLOBAL_DEFAULT = 'global default',
  /** a server's section, double-quoted, when set */
  QUOTED_IN_SECTION = 'quoted in the section',
  /** a line the file's own renderer writes (barman-conf.ts, server-conf.ts) */
  OWN_LINE = 'own line',
  /** in no Barman file (cron, pg_hba.conf, the scripts) */
  NOT_IN_BARMAN_FILES = 'not in Barman files',
}

type DefaultValue = string | number | boolean;

export interface SettingDefinition {
  readonly varName: string;
  readonly prop: keyof EffectiveSettings;
  readonly kind: ValueKind;
  readonly scope: SettingScope;
  readonly rendering: Rendering;
  /** undefined: unset unless given; function: derived from the other settings (of the entries above it) */
  readonly defaultValue?: DefaultValue | ((s: Partial<EffectiveSettings>, instanceName: string) => DefaultValue);
  readonly values?: readonly string[];
  readonly min?: number;
  /** values only a Barman of at least this version accepts (checked against the Barman server's barman_version) */
  readonly since?: { readonly [value: string]: string };
  /** a path the root-run scripts chown to the Barman or postgres user (itself or a file in it): never a system path */
  readonly chowned?: boolean;
  /** set in an instance's vars only: it names that one instance */
  readonly instanceOnly?: boolean;
  /** a backed-up instance and its Barman servers must agree on it (the account owning the files on the server) */
  readonly sameOnBarmanServer?: boolean;
  /** read at the top level of config.yml too, under cluster_vars (as TPA reads it) */
  readonly topLevelToo?: boolean;
  /** the Barman key it lands in, when it lands in a Barman file */
  readonly barmanKey?: string;
  /** the default as the README shows it, when it is not the default value itself */
  readonly shownDefault?: string;
  /** the README's meaning; `{values}` stands for the allowed values */
  readonly description: string;
}

type Entry = Omit<SettingDefinition, 'prop'>;

const { BARMAN_SERVER, BACKED_UP_INSTANCE, POSTGRES_INSTANCE, EVERY_HOST } = SettingScope;
const { GLOBAL_DEFAULT, QUOTED_IN_SECTION, OWN_LINE, NOT_IN_BARMAN_FILES } = Rendering;

/** Every setting of SPEC 2.3 by its typed name, in the order Barman's per-server file lists them. */
const TABLE = {
  archiver: { varName: 'barman_archiver', kind: ValueKind.BOOLEAN, scope: BACKED_UP_INSTANCE, rendering: OWN_LINE, defaultValue: false, barmanKey: 'archiver', description: 'true: WAL also arrives through archive_command (`archiver = on`)' },
  backupMethod: { varName: 'barman_backup_method', kind: ValueKind.ENUM, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, values: Object.values(BackupMethod), defaultValue: BackupMethod.RSYNC, barmanKey: 'backup_method', description: '{values}' },
  compression: { varName: 'barman_compression', kind: ValueKind.ENUM, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, values: Object.values(Compression), since: { [Compression.ZSTD]: '3.12', [Compression.LZ4]: '3.12', [Compression.XZ]: '3.12' }, defaultValue: Compression.PIGZ, barmanKey: 'compression', description: '{values}; the compressor must be installed on the Barman server (zstd: Python zstandard, lz4: Python lz4)' },
  reuseBackup: { varName: 'barman_reuse_backup', kind: ValueKind.ENUM, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, values: Object.values(ReuseBackup), defaultValue: ReuseBackup.LINK, barmanKey: 'reuse_backup', description: '{values}; forced `off` unless the backup method is rsync' },
  parallelJobs: { varName: 'barman_parallel_jobs', kind: ValueKind.INTEGER, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, min: 1, defaultValue: 1, barmanKey: 'parallel_jobs', description: 'rsync workers' },
  backupOptions: { varName: 'barman_backup_options', kind: ValueKind.BACKUP_OPTIONS, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, values: Object.values(BackupOption), defaultValue: BackupOption.CONCURRENT_BACKUP, barmanKey: 'backup_options', description: 'comma-separated, any of {values}' },
  immediateCheckpoint: { varName: 'barman_immediate_checkpoint', kind: ValueKind.BOOLEAN, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, defaultValue: false, barmanKey: 'immediate_checkpoint', description: 'start backups with an immediate checkpoint' },
  networkCompression: { varName: 'barman_network_compression', kind: ValueKind.BOOLEAN, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, defaultValue: false, barmanKey: 'network_compression', description: 'compress rsync traffic' },
  basebackupRetryTimes: { varName: 'barman_basebackup_retry_times', kind: ValueKind.INTEGER, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, min: 0, defaultValue: 3, barmanKey: 'basebackup_retry_times', description: 'retries of a failed base backup copy' },
  basebackupRetrySleep: { varName: 'barman_basebackup_retry_sleep', kind: ValueKind.INTEGER, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, min: 0, defaultValue: 30, barmanKey: 'basebackup_retry_sleep', description: 'seconds between those retries' },
  minimumRedundancy: { varName: 'barman_minimum_redundancy', kind: ValueKind.INTEGER, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, min: 0, defaultValue: 3, barmanKey: 'minimum_redundancy', description: 'backups Barman never deletes' },
  retentionPolicy: { varName: 'barman_retention_policy', kind: ValueKind.RETENTION, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, defaultValue: 'RECOVERY WINDOW OF 4 WEEKS', barmanKey: 'retention_policy', description: '`REDUNDANCY n` or `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS`' },
  lastBackupMaximumAge: { varName: 'barman_last_backup_maximum_age', kind: ValueKind.AGE, scope: BACKED_UP_INSTANCE, rendering: GLOBAL_DEFAULT, defaultValue: '1 WEEK', barmanKey: 'last_backup_maximum_age', description: '`barman check` fails when the last backup is older: `n DAYS|WEEKS|MONTHS`' },
  preArchiveRetryScript: { varName: 'barman_pre_archive_retry_script', kind: ValueKind.QUOTED_TEXT, scope: BACKED_UP_INSTANCE, rendering: QUOTED_IN_SECTION, barmanKey: 'pre_archive_retry_script', description: 'hook command' },
  postBackupRetryScript: { varName: 'barman_post_backup_retry_script', kind: ValueKind.QUOTED_TEXT, scope: BACKED_UP_INSTANCE, rendering: QUOTED_IN_SECTION, barmanKey: 'post_backup_retry_script', description: 'hook command' },
  postBackupScript: { varName: 'barman_post_backup_script', kind: ValueKind.QUOTED_TEXT, scope: BACKED_UP_INSTANCE, rendering: QUOTED_IN_SECTION, barmanKey: 'post_backup_script', description: 'hook command' },
  streamingWalsDirectory: { varName: 'barman_streaming_wals_directory', kind: ValueKind.SAFE_PATH, scope: BACKED_UP_INSTANCE, rendering: QUOTED_IN_SECTION, chowned: true, barmanKey: 'streaming_wals_directory', description: 'where pg_receivewal writes' },
  backupInterval: { varName: 'barman_backup_interval', kind: ValueKind.SCHEDULE, scope: BACKED_UP_INSTANCE, rendering: NOT_IN_BARMAN_FILES, defaultValue: '0 4 * * wed,sat', shownDefault: '`0 4 * * wed,sat`', description: "5-field cron schedule of full backups, checked as Debian's cron reads it" },
  drillSchedule: { varName: 'barman_drill_schedule', kind: ValueKind.SCHEDULE, scope: BACKED_UP_INSTANCE, rendering: NOT_IN_BARMAN_FILES, shownDefault: 'off', description: "5-field cron schedule of restore drills of the instance on each of its Barman servers (see [Restore drills](#restore-drills)); off unless set, because a drill needs about twice the backup's size free in `barman_drill_scratch` while it runs; it must never start in a minute its backups start" },
  logFile: { varName: 'barman_log_file', kind: ValueKind.SAFE_PATH, scope: BARMAN_SERVER, rendering: OWN_LINE, chowned: true, defaultValue: '/var/log/barman.log', barmanKey: 'log_file', description: "Barman's log file (global file only; rotated weekly); a file under /var/log or barman_home; an existing file owned by another user than root or barman is refused" },
  barmanVersion: { varName: 'barman_version', kind: ValueKind.BARMAN_VERSION, scope: BARMAN_SERVER, rendering: NOT_IN_BARMAN_FILES, defaultValue: DEFAULT_BARMAN_VERSION, description: `the oldest Barman the server runs (\`3.4\` or \`3.12.1\`, at least ${OLDEST_BARMAN_VERSION}): settings it does not accept are errors, and the apply fails when \`barman -v\` is older; the default is Debian bookworm's package` },
  backupName: { varName: 'backup_name', kind: ValueKind.BACKUP_NAME, scope: BACKED_UP_INSTANCE, rendering: OWN_LINE, instanceOnly: true, defaultValue: (_s, name) => name, shownDefault: 'the instance name', description: 'names the Barman server section, its files and directory' },
  barmanUser: { varName: 'barman_user', kind: ValueKind.OS_NAME, scope: EVERY_HOST, rendering: OWN_LINE, sameOnBarmanServer: true, defaultValue: 'barman', description: 'OS user Barman runs as' },
  barmanGroup: { varName: 'barman_group', kind: ValueKind.OS_NAME, scope: EVERY_HOST, rendering: NOT_IN_BARMAN_FILES, sameOnBarmanServer: true, defaultValue: 'barman', description: "the barman user's group" },
  barmanHome: { varName: 'barman_home', kind: ValueKind.SAFE_PATH, scope: EVERY_HOST, rendering: OWN_LINE, chowned: true, sameOnBarmanServer: true, defaultValue: '/var/lib/barman', description: "Barman's home: backups and the barman user's `~/.ssh`" },
  postgresUser: { varName: 'postgres_user', kind: ValueKind.OS_NAME, scope: POSTGRES_INSTANCE, rendering: OWN_LINE, defaultValue: 'postgres', description: 'OS user of PostgreSQL' },
  postgresGroup: { varName: 'postgres_group', kind: ValueKind.OS_NAME, scope: POSTGRES_INSTANCE, rendering: NOT_IN_BARMAN_FILES, defaultValue: 'postgres', description: "the postgres user's group" },
  postgresHome: { varName: 'postgres_home', kind: ValueKind.SAFE_PATH, scope: POSTGRES_INSTANCE, rendering: NOT_IN_BARMAN_FILES, chowned: true, defaultValue: '/var/lib/postgresql', description: "the postgres user's home, where its `~/.ssh` lives" },
  postgresPort: { varName: 'postgres_port', kind: ValueKind.PORT, scope: POSTGRES_INSTANCE, rendering: OWN_LINE, defaultValue: 5432, description: 'PostgreSQL port' },
  postgresVersion: { varName: 'postgres_version', kind: ValueKind.POSTGRES_MAJOR, scope: EVERY_HOST, rendering: NOT_IN_BARMAN_FILES, min: OLDEST_POSTGRES_MAJOR, defaultValue: 16, description: `PostgreSQL major version: ${OLDEST_POSTGRES_MAJOR} (the oldest Barman 3 supports) to ${NEWEST_POSTGRES_MAJOR}; a newer one is a warning (not known to this release); on a backed-up instance it picks the client binaries its section uses on the Barman server (see PostgreSQL versions)` },
  postgresBinDir: { varName: 'postgres_bin_dir', kind: ValueKind.SAFE_PATH, scope: EVERY_HOST, rendering: OWN_LINE, defaultValue: (s) => `/usr/lib/postgresql/${s.postgresVersion}/bin`, shownDefault: '/usr/lib/postgresql/<postgres_version>/bin', description: "PostgreSQL's binaries on this host; on a Barman server, Barman's `path_prefix` for its own major and the pattern of the other majors' (see PostgreSQL versions)" },
  sshPort: { varName: 'cluster_ssh_port', kind: ValueKind.PORT, scope: EVERY_HOST, rendering: OWN_LINE, topLevelToo: true, defaultValue: 22, description: 'sshd port of every host' },
  clientDsnAttributes: { varName: 'barman_client_dsn_attributes', kind: ValueKind.DSN_ATTRIBUTES, scope: BACKED_UP_INSTANCE, rendering: OWN_LINE, defaultValue: '', shownDefault: '(none)', description: 'extra libpq attributes of `conninfo`, e.g. `sslmode=verify-full`' },
  streamingClientDsnAttributes: { varName: 'streaming_barman_client_dsn_attributes', kind: ValueKind.DSN_ATTRIBUTES, scope: BACKED_UP_INSTANCE, rendering: OWN_LINE, defaultValue: (s) => s.clientDsnAttributes ?? '', shownDefault: '`barman_client_dsn_attributes`', description: 'extra libpq attributes of `streaming_conninfo`' },
  postgresConfDir: { varName: 'postgres_conf_dir', kind: ValueKind.SAFE_PATH, scope: POSTGRES_INSTANCE, rendering: NOT_IN_BARMAN_FILES, defaultValue: (s) => `/etc/postgresql/${s.postgresVersion}/main`, shownDefault: '/etc/postgresql/<postgres_version>/main', description: "where `pg_hba.conf` is (Debian's layout; TPA's is the data directory)" },
  hbaMethod: { varName: 'barman_hba_method', kind: ValueKind.ENUM, scope: POSTGRES_INSTANCE, rendering: NOT_IN_BARMAN_FILES, values: Object.values(HbaMethod), defaultValue: HbaMethod.SCRAM_SHA_256, description: "{values} for Barman's `pg_hba.conf` lines" },
  hbaHostssl: { varName: 'barman_hba_hostssl', kind: ValueKind.BOOLEAN, scope: POSTGRES_INSTANCE, rendering: NOT_IN_BARMAN_FILES, defaultValue: false, description: 'TLS-only (`hostssl`) lines' },
  firstBackup: { varName: 'barman_first_backup', kind: ValueKind.BOOLEAN, scope: BACKED_UP_INSTANCE, rendering: NOT_IN_BARMAN_FILES, defaultValue: false, description: 'the apply takes a first backup of the instance' },
  walRestore: { varName: 'barman_wal_restore', kind: ValueKind.BOOLEAN, scope: POSTGRES_INSTANCE, rendering: NOT_IN_BARMAN_FILES, defaultValue: false, description: "a replica's `restore_command` fetches WAL from Barman" },
  backupStagger: { varName: 'barman_backup_stagger', kind: ValueKind.BOOLEAN, scope: BARMAN_SERVER, rendering: NOT_IN_BARMAN_FILES, defaultValue: false, description: "each instance's full backups start at their own minute (see Backup schedules)" },
  removedBackups: { varName: 'barman_removed_backups', kind: ValueKind.ENUM, scope: BARMAN_SERVER, rendering: NOT_IN_BARMAN_FILES, values: Object.values(RemovedBackups), defaultValue: RemovedBackups.KEEP, description: '`delete` deletes `<barman_home>/<backup_name>` of an instance removed from it (see Removing); `keep` never touches backups' },
  drillScratch: { varName: 'barman_drill_scratch', kind: ValueKind.SAFE_PATH, scope: BARMAN_SERVER, rendering: NOT_IN_BARMAN_FILES, defaultValue: '/var/tmp', description: 'where restore drills put their recovered copy on the Barman server (a private directory each, removed after)' },
  drillPort: { varName: 'barman_drill_port', kind: ValueKind.PORT, scope: BARMAN_SERVER, rendering: NOT_IN_BARMAN_FILES, defaultValue: 54329, description: 'port of the recovered copy during a drill (its socket only, no TCP)' },
  barmanShared: { varName: 'barman_shared', kind: ValueKind.BOOLEAN, scope: BARMAN_SERVER, rendering: NOT_IN_BARMAN_FILES, defaultValue: false, description: "another cluster owns this Barman server (`/etc/barman.conf`, cron, the guard, the log, the barman user's keys): this cluster adds only its own backups, key lines and .pgpass block, and first checks that the owner's `barman.conf` is the one it would write (see [Shared Barman servers](#shared-barman-servers))" },
  retired: { varName: 'barman_retired', kind: ValueKind.BOOLEAN, scope: POSTGRES_INSTANCE, rendering: NOT_IN_BARMAN_FILES, instanceOnly: true, defaultValue: false, description: "the instance leaves Barman: its Barman servers retire its backups (backup data kept), then the library removes from its host what it put there (WAL commands, its `pg_hba.conf` block, its `authorized_keys` and `known_hosts` lines, replication slots of its Barman servers, and on a primary no live replica follows, Barman's roles); afterwards delete the instance from the config (see [Hosts leaving](#hosts-leaving))" },
  allowOverrides: { varName: 'barman_allow_overrides', kind: ValueKind.BOOLEAN, scope: EVERY_HOST, rendering: NOT_IN_BARMAN_FILES, defaultValue: false, description: "hand edits of the library's files are overwritten, and Barman's own overrides kept, with a warning, instead of failing the apply (see [Drift](#drift)); read from the instance owning the file: the Barman server for its own files, the backed-up instance for its section and cron file" },
  sshRestrict: { varName: 'barman_ssh_restrict', kind: ValueKind.BOOLEAN, scope: EVERY_HOST, rendering: NOT_IN_BARMAN_FILES, defaultValue: true, description: "restrict the library's `authorized_keys` lines (`restrict`, `from=`, the WAL gate); the setting of the host whose file it is" },
} satisfies { readonly [P in keyof Required<BarmanSettings>]: Entry };

/** The settings in table order (default functions see the entries above them). */
export const SETTING_DEFINITIONS: readonly SettingDefinition[] = Object.entries(TABLE).map(([prop, entry]: [string, Entry]) => ({ prop: prop as keyof EffectiveSettings, ...entry }));

export const SETTING_BY_PROP: ReadonlyMap<string, SettingDefinition> = new Map(SETTING_DEFINITIONS.map((d) => [d.prop, d]));
export const SETTING_BY_VAR: ReadonlyMap<string, SettingDefinition> = new Map(SETTING_DEFINITIONS.map((d) => [d.varName, d]));

/** The programs Barman runs for each compression (the py* ones are built into Barman). */
export const COMPRESSOR_PROGRAMS: ReadonlyMap<string, string> = new Map([
  [Compression.PIGZ, 'pigz'],
  [Compression.GZIP, 'gzip'],
  [Compression.BZIP2, 'bzip2'],
]);

/** A var holding a list, read by the graph builder itself (an instance prop in the typed API). */
export interface ListVar {
  readonly varName: string;
  readonly prop: string;
  /** for the README's options table; undefined: documented elsewhere */
  readonly doc?: { readonly scope: SettingScope; readonly shownDefault: string; readonly description: string };
}

export const LIST_VAR_DEFINITIONS: readonly ListVar[] = [
  { varName: 'barman_client_addresses', prop: 'clientAddresses', doc: { scope: EVERY_HOST, shownDefault: "the instance's address", description: "the addresses or CIDRs this host's connections come from (NAT, several interfaces): on a Barman server for `pg_hba.conf` and `from=` on the Postgres hosts, on a Postgres instance for `from=` on the Barman servers (see Security model)" } },
  { varName: 'ssh_host_keys', prop: 'sshHostKeys' },
];

/** vars holding lists, read by the graph builder itself */
export const LIST_VARS: readonly string[] = LIST_VAR_DEFINITIONS.map((v) => v.varName);

/** TPA vars this library reads no meaning from; accepted so real TPA files load, with a warning. */
export const IGNORED_TPA_BARMAN_VARS: readonly string[] = [
  'barman_package_version',
  'barman_installation_method',
  'barman_git_url',
  'barman_git_ref',
];

export { type BarmanSettings, type EffectiveSettings };
