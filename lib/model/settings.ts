import { BackupMethod, BackupOption, Compression, HbaMethod, Period, RemovedBackups, ReuseBackup } from './enums';
import { MaximumAge, RetentionPolicy } from './periods';

/**
 * Barman settings of a backed-up instance, typed. Each maps to a config.yml var (in brackets);
 * an instance's own value wins over the cluster's, which wins over the default.
 */
export interface BarmanSettings {
  /** WAL archiving through archive_command as well as streaming [barman_archiver] @default false */
  readonly archiver?: boolean;
  /** Barman's log file, read from the Barman server's settings [barman_log_file] @default /var/log/barman.log */
  readonly logFile?: string;
  /** [barman_backup_method] @default BackupMethod.RSYNC */
  readonly backupMethod?: BackupMethod;
  /** WAL compression; the compressor must exist on the Barman server [barman_compression] @default Compression.PIGZ */
  readonly compression?: Compression;
  /** forced to OFF unless the backup method is rsync [barman_reuse_backup] @default ReuseBackup.LINK */
  readonly reuseBackup?: ReuseBackup;
  /** rsync workers, at least 1 [barman_parallel_jobs] @default 1 */
  readonly parallelJobs?: number;
  /** [barman_backup_options] @default [BackupOption.CONCURRENT_BACKUP] */
  readonly backupOptions?: BackupOption[];
  /** [barman_immediate_checkpoint] @default false */
  readonly immediateCheckpoint?: boolean;
  /** [barman_network_compression] @default false */
  readonly networkCompression?: boolean;
  /** [barman_basebackup_retry_times] @default 3 */
  readonly basebackupRetryTimes?: number;
  /** seconds [barman_basebackup_retry_sleep] @default 30 */
  readonly basebackupRetrySleep?: number;
  /** [barman_minimum_redundancy] @default 3 */
  readonly minimumRedundancy?: number;
  /** [barman_retention_policy] @default RetentionPolicy.recoveryWindow(4, Period.WEEKS) */
  readonly retentionPolicy?: RetentionPolicy;
  /** [barman_last_backup_maximum_age] @default MaximumAge.of(1, Period.WEEKS) */
  readonly lastBackupMaximumAge?: MaximumAge;
  /** [barman_pre_archive_retry_script] @default - none */
  readonly preArchiveRetryScript?: string;
  /** [barman_post_backup_retry_script] @default - none */
  readonly postBackupRetryScript?: string;
  /** [barman_post_backup_script] @default - none */
  readonly postBackupScript?: string;
  /** [barman_streaming_wals_directory] @default - Barman's own (<barman_home>/<backup_name>/streaming) */
  readonly streamingWalsDirectory?: string;
  /** 5-field cron schedule of full backups [barman_backup_interval] @default '0 4 * * wed,sat' */
  readonly backupInterval?: string;
  /** names the Barman server section, its files and directory [backup_name] @default - the instance name */
  readonly backupName?: string;
  /** [barman_user] @default barman */
  readonly barmanUser?: string;
  /** [barman_group] @default barman */
  readonly barmanGroup?: string;
  /** [barman_home] @default /var/lib/barman */
  readonly barmanHome?: string;
  /** [postgres_user] @default postgres */
  readonly postgresUser?: string;
  /** [postgres_group] @default postgres */
  readonly postgresGroup?: string;
  /** home of the postgres user, where its ~/.ssh lives [postgres_home] @default /var/lib/postgresql */
  readonly postgresHome?: string;
  /** [postgres_port] @default 5432 */
  readonly postgresPort?: number;
  /** [postgres_version] @default 16 */
  readonly postgresVersion?: number;
  /** [postgres_bin_dir] @default /usr/lib/postgresql/<postgresVersion>/bin */
  readonly postgresBinDir?: string;
  /** sshd port of every host [cluster_ssh_port] @default 22 */
  readonly sshPort?: number;
  /** extra libpq attributes of `conninfo` [barman_client_dsn_attributes] @default - none */
  readonly clientDsnAttributes?: string;
  /** extra libpq attributes of `streaming_conninfo` [streaming_barman_client_dsn_attributes] @default - clientDsnAttributes */
  readonly streamingClientDsnAttributes?: string;
  /** PostgreSQL's configuration directory, holding pg_hba.conf [postgres_conf_dir] @default /etc/postgresql/<postgresVersion>/main */
  readonly postgresConfDir?: string;
  /** pg_hba.conf method for Barman's connections [barman_hba_method] @default HbaMethod.SCRAM_SHA_256 */
  readonly hbaMethod?: HbaMethod;
  /** TLS-only pg_hba.conf entries (`hostssl`) [barman_hba_hostssl] @default false */
  readonly hbaHostssl?: boolean;
  /** take a first backup when the instance is activated [barman_first_backup] @default false */
  readonly firstBackup?: boolean;
  /** a replica fetches WAL from Barman with barman-wal-restore (restore_command) [barman_wal_restore] @default false */
  readonly walRestore?: boolean;
  /** a Barman server gives each instance's full backups their own start minute [barman_backup_stagger] @default false */
  readonly backupStagger?: boolean;
  /**
   * a Barman server's setting: what happens to the backups of an instance removed from it (its
   * receive-wal is stopped and its slot dropped either way) [barman_removed_backups] @default RemovedBackups.KEEP
   */
  readonly removedBackups?: RemovedBackups;
  /**
   * changes made on a host outside this library (hand edits of its files, Barman's
   * `.barman.auto.conf` and active models) are overwritten or left in place with a warning,
   * instead of failing the apply; read from the instance owning the file (the Barman server for
   * its own files, the backed-up instance for its Barman section and cron file)
   * [barman_allow_overrides] @default false
   */
  readonly allowOverrides?: boolean;
  /**
   * restrict the library's lines in authorized_keys (`restrict`, `from=` the client addresses, and
   * on a Barman server a forced command allowing only barman put-wal/get-wal); read from the host
   * whose authorized_keys it is [barman_ssh_restrict] @default true
   */
  readonly sshRestrict?: boolean;
}

/** Every setting with its effective value, after precedence and defaults. */
export interface EffectiveSettings {
  readonly archiver: boolean;
  readonly logFile: string;
  readonly backupMethod: BackupMethod;
  readonly compression: Compression;
  readonly reuseBackup: ReuseBackup;
  readonly parallelJobs: number;
  readonly backupOptions: string;
  readonly immediateCheckpoint: boolean;
  readonly networkCompression: boolean;
  readonly basebackupRetryTimes: number;
  readonly basebackupRetrySleep: number;
  readonly minimumRedundancy: number;
  readonly retentionPolicy: string;
  readonly lastBackupMaximumAge: string;
  readonly preArchiveRetryScript?: string;
  readonly postBackupRetryScript?: string;
  readonly postBackupScript?: string;
  readonly streamingWalsDirectory?: string;
  readonly backupInterval: string;
  readonly backupName: string;
  readonly barmanUser: string;
  readonly barmanGroup: string;
  readonly barmanHome: string;
  readonly postgresUser: string;
  readonly postgresGroup: string;
  readonly postgresHome: string;
  readonly postgresPort: number;
  readonly postgresVersion: number;
  readonly postgresBinDir: string;
  readonly sshPort: number;
  readonly clientDsnAttributes: string;
  readonly streamingClientDsnAttributes: string;
  readonly postgresConfDir: string;
  readonly hbaMethod: HbaMethod;
  readonly hbaHostssl: boolean;
  readonly firstBackup: boolean;
  readonly walRestore: boolean;
  readonly backupStagger: boolean;
  readonly removedBackups: RemovedBackups;
  readonly allowOverrides: boolean;
  readonly sshRestrict: boolean;
}

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
}

export interface SettingDefinition {
  readonly varName: string;
  readonly prop: keyof EffectiveSettings;
  readonly kind: ValueKind;
  /** undefined: unset unless given; function: derived from the other settings */
  readonly defaultValue?: string | number | boolean | ((s: Partial<EffectiveSettings>, instanceName: string) => string | number | boolean);
  readonly values?: readonly string[];
  readonly min?: number;
  /** a path the root-run scripts chown to the Barman or postgres user (itself or a file in it): never a system path */
  readonly chowned?: boolean;
  /** the Barman key it lands in, when it lands in a Barman file */
  readonly barmanKey?: string;
  readonly description: string;
}

/** The settings of SPEC 2.3, in the order Barman's per-server file lists them. */
export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  { varName: 'barman_archiver', prop: 'archiver', kind: ValueKind.BOOLEAN, defaultValue: false, barmanKey: 'archiver', description: 'true: WAL also arrives through archive_command (`archiver = on`)' },
  { varName: 'barman_backup_method', prop: 'backupMethod', kind: ValueKind.ENUM, values: Object.values(BackupMethod), defaultValue: BackupMethod.RSYNC, barmanKey: 'backup_method', description: 'how full backups are taken' },
  { varName: 'barman_compression', prop: 'compression', kind: ValueKind.ENUM, values: Object.values(Compression), defaultValue: Compression.PIGZ, barmanKey: 'compression', description: 'WAL compression; the compressor must be installed on the Barman server' },
  { varName: 'barman_reuse_backup', prop: 'reuseBackup', kind: ValueKind.ENUM, values: Object.values(ReuseBackup), defaultValue: ReuseBackup.LINK, barmanKey: 'reuse_backup', description: 'incremental rsync backups; forced `off` unless the backup method is rsync' },
  { varName: 'barman_parallel_jobs', prop: 'parallelJobs', kind: ValueKind.INTEGER, min: 1, defaultValue: 1, barmanKey: 'parallel_jobs', description: 'rsync workers' },
  { varName: 'barman_backup_options', prop: 'backupOptions', kind: ValueKind.BACKUP_OPTIONS, defaultValue: BackupOption.CONCURRENT_BACKUP, barmanKey: 'backup_options', description: 'comma-separated: concurrent_backup, exclusive_backup, external_configuration' },
  { varName: 'barman_immediate_checkpoint', prop: 'immediateCheckpoint', kind: ValueKind.BOOLEAN, defaultValue: false, barmanKey: 'immediate_checkpoint', description: 'start backups with an immediate checkpoint' },
  { varName: 'barman_network_compression', prop: 'networkCompression', kind: ValueKind.BOOLEAN, defaultValue: false, barmanKey: 'network_compression', description: 'compress rsync traffic' },
  { varName: 'barman_basebackup_retry_times', prop: 'basebackupRetryTimes', kind: ValueKind.INTEGER, min: 0, defaultValue: 3, barmanKey: 'basebackup_retry_times', description: 'retries of a failed base backup copy' },
  { varName: 'barman_basebackup_retry_sleep', prop: 'basebackupRetrySleep', kind: ValueKind.INTEGER, min: 0, defaultValue: 30, barmanKey: 'basebackup_retry_sleep', description: 'seconds between those retries' },
  { varName: 'barman_minimum_redundancy', prop: 'minimumRedundancy', kind: ValueKind.INTEGER, min: 0, defaultValue: 3, barmanKey: 'minimum_redundancy', description: 'backups Barman never deletes' },
  { varName: 'barman_retention_policy', prop: 'retentionPolicy', kind: ValueKind.RETENTION, defaultValue: 'RECOVERY WINDOW OF 4 WEEKS', barmanKey: 'retention_policy', description: '`REDUNDANCY n` or `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS`' },
  { varName: 'barman_last_backup_maximum_age', prop: 'lastBackupMaximumAge', kind: ValueKind.AGE, defaultValue: '1 WEEK', barmanKey: 'last_backup_maximum_age', description: '`barman check` fails when the last backup is older: `n DAYS|WEEKS|MONTHS`' },
  { varName: 'barman_pre_archive_retry_script', prop: 'preArchiveRetryScript', kind: ValueKind.QUOTED_TEXT, barmanKey: 'pre_archive_retry_script', description: 'hook command' },
  { varName: 'barman_post_backup_retry_script', prop: 'postBackupRetryScript', kind: ValueKind.QUOTED_TEXT, barmanKey: 'post_backup_retry_script', description: 'hook command' },
  { varName: 'barman_post_backup_script', prop: 'postBackupScript', kind: ValueKind.QUOTED_TEXT, barmanKey: 'post_backup_script', description: 'hook command' },
  { varName: 'barman_streaming_wals_directory', prop: 'streamingWalsDirectory', kind: ValueKind.SAFE_PATH, chowned: true, barmanKey: 'streaming_wals_directory', description: 'where pg_receivewal writes' },
  { varName: 'barman_backup_interval', prop: 'backupInterval', kind: ValueKind.SCHEDULE, defaultValue: '0 4 * * wed,sat', description: '5-field cron schedule of full backups' },
  { varName: 'barman_log_file', prop: 'logFile', kind: ValueKind.SAFE_PATH, chowned: true, defaultValue: '/var/log/barman.log', barmanKey: 'log_file', description: "Barman's log file (the Barman server's setting; global file only)" },
  { varName: 'backup_name', prop: 'backupName', kind: ValueKind.BACKUP_NAME, defaultValue: (_s, name) => name, description: 'names the Barman server section, its files and directory' },
  { varName: 'barman_user', prop: 'barmanUser', kind: ValueKind.OS_NAME, defaultValue: 'barman', description: 'OS user Barman runs as' },
  { varName: 'barman_group', prop: 'barmanGroup', kind: ValueKind.OS_NAME, defaultValue: 'barman', description: "the Barman user's group" },
  { varName: 'barman_home', prop: 'barmanHome', kind: ValueKind.SAFE_PATH, chowned: true, defaultValue: '/var/lib/barman', description: "Barman's home: backups and the barman user's ~/.ssh" },
  { varName: 'postgres_user', prop: 'postgresUser', kind: ValueKind.OS_NAME, defaultValue: 'postgres', description: 'OS user of PostgreSQL' },
  { varName: 'postgres_group', prop: 'postgresGroup', kind: ValueKind.OS_NAME, defaultValue: 'postgres', description: "the postgres user's group" },
  { varName: 'postgres_home', prop: 'postgresHome', kind: ValueKind.SAFE_PATH, chowned: true, defaultValue: '/var/lib/postgresql', description: "the postgres user's home, where its ~/.ssh lives" },
  { varName: 'postgres_port', prop: 'postgresPort', kind: ValueKind.PORT, defaultValue: 5432, description: 'PostgreSQL port' },
  { varName: 'postgres_version', prop: 'postgresVersion', kind: ValueKind.INTEGER, min: 9, defaultValue: 16, description: 'PostgreSQL major version' },
  { varName: 'postgres_bin_dir', prop: 'postgresBinDir', kind: ValueKind.SAFE_PATH, defaultValue: (s) => `/usr/lib/postgresql/${s.postgresVersion}/bin`, description: "PostgreSQL's binaries (Barman's `path_prefix`)" },
  { varName: 'cluster_ssh_port', prop: 'sshPort', kind: ValueKind.PORT, defaultValue: 22, description: 'sshd port of every host' },
  { varName: 'barman_client_dsn_attributes', prop: 'clientDsnAttributes', kind: ValueKind.DSN_ATTRIBUTES, defaultValue: '', description: 'extra libpq attributes of `conninfo`' },
  { varName: 'streaming_barman_client_dsn_attributes', prop: 'streamingClientDsnAttributes', kind: ValueKind.DSN_ATTRIBUTES, defaultValue: (s) => s.clientDsnAttributes ?? '', description: 'extra libpq attributes of `streaming_conninfo`' },
  { varName: 'postgres_conf_dir', prop: 'postgresConfDir', kind: ValueKind.SAFE_PATH, defaultValue: (s) => `/etc/postgresql/${s.postgresVersion}/main`, description: "PostgreSQL's configuration directory, holding pg_hba.conf" },
  { varName: 'barman_hba_method', prop: 'hbaMethod', kind: ValueKind.ENUM, values: Object.values(HbaMethod), defaultValue: HbaMethod.SCRAM_SHA_256, description: "pg_hba.conf method for Barman's connections" },
  { varName: 'barman_hba_hostssl', prop: 'hbaHostssl', kind: ValueKind.BOOLEAN, defaultValue: false, description: 'TLS-only pg_hba.conf entries (`hostssl`)' },
  { varName: 'barman_first_backup', prop: 'firstBackup', kind: ValueKind.BOOLEAN, defaultValue: false, description: 'take a first backup when the instance is activated' },
  { varName: 'barman_wal_restore', prop: 'walRestore', kind: ValueKind.BOOLEAN, defaultValue: false, description: "a replica's restore_command fetches WAL from Barman (barman-wal-restore)" },
  { varName: 'barman_backup_stagger', prop: 'backupStagger', kind: ValueKind.BOOLEAN, defaultValue: false, description: "read from a Barman server: each instance's full backups start at their own minute (derived from the backup name) instead of all at once" },
  { varName: 'barman_removed_backups', prop: 'removedBackups', kind: ValueKind.ENUM, values: Object.values(RemovedBackups), defaultValue: RemovedBackups.KEEP, description: "the Barman server's choice for the backups of an instance removed from it: keep, or delete <barman_home>/<backup_name>" },
  { varName: 'barman_allow_overrides', prop: 'allowOverrides', kind: ValueKind.BOOLEAN, defaultValue: false, description: "overwrite hand edits of the library's files and keep Barman's own overrides (.barman.auto.conf, active models) with a warning, instead of failing the apply" },
  { varName: 'barman_ssh_restrict', prop: 'sshRestrict', kind: ValueKind.BOOLEAN, defaultValue: true, description: "restrict the library's authorized_keys lines (restrict, from=, the WAL gate); the setting of the host whose file it is" },
];

/** vars holding lists, read by the graph builder itself */
export const LIST_VARS: readonly string[] = ['barman_client_addresses', 'ssh_host_keys'];

/** TPA vars this library reads no meaning from; accepted so real TPA files load, with a warning. */
export const IGNORED_TPA_BARMAN_VARS: readonly string[] = [
  'barman_shared',
  'barman_package_version',
  'barman_installation_method',
  'barman_git_url',
  'barman_git_ref',
];

/** The typed-props name of each var, for the typed API. */
export const SETTING_BY_PROP: ReadonlyMap<string, SettingDefinition> = new Map(SETTING_DEFINITIONS.map((d) => [d.prop, d]));
export const SETTING_BY_VAR: ReadonlyMap<string, SettingDefinition> = new Map(SETTING_DEFINITIONS.map((d) => [d.varName, d]));

/** Turns typed settings into config.yml vars, so both inputs go through one validation. */
export function settingsToVars(settings: BarmanSettings | undefined): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  if (!settings) return vars;
  for (const [prop, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const def = SETTING_BY_PROP.get(prop);
    if (!def) throw new Error(`unknown barman setting '${prop}': use one of ${[...SETTING_BY_PROP.keys()].join(', ')}`);
    vars[def.varName] = Array.isArray(value) ? value.join(',') : value instanceof RetentionPolicy || value instanceof MaximumAge ? value.value : value;
  }
  return vars;
}

export { Period };
