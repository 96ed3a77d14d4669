import { BackupMethod, BackupOption, Compression, HbaMethod, RemovedBackups, ReuseBackup } from './enums';
import { MaximumAge, RetentionPolicy } from './periods';

/**
 * Barman settings of an instance or a cluster, typed (SETTING_DEFINITIONS in settings.ts says how
 * each is read, checked and written). Each maps to a config.yml var (in brackets);
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
  /**
   * 5-field cron schedule of restore drills on each of its Barman servers; never in a minute its
   * backups start [barman_drill_schedule] @default - no scheduled drills
   */
  readonly drillSchedule?: string;
  /** a Barman server's setting: where drills put their recovered copy [barman_drill_scratch] @default /var/tmp */
  readonly drillScratch?: string;
  /** a Barman server's setting: port of a drill's recovered copy (socket only) [barman_drill_port] @default 54329 */
  readonly drillPort?: number;
  /**
   * the oldest Barman the Barman server runs, as text (`3.4`, `3.12.1`): values it does not accept
   * are errors, and the apply fails when the installed Barman is older; read from the Barman
   * server [barman_version] @default '3.4' (Debian bookworm's package)
   */
  readonly barmanVersion?: string;
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
  /** PostgreSQL major, 10 (the oldest Barman 3 supports) to 18 (the newest known) [postgres_version] @default 16 */
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
   * a Barman server's setting: another cluster owns this host's server-wide files (barman.conf,
   * cron, the guard, the log, the barman user and its key pair), as TPA's `barman_shared`; this
   * cluster writes only its own backups, key lines and .pgpass block, after checking that the
   * owner's barman.conf is the one it would write [barman_shared] @default false
   */
  readonly barmanShared?: boolean;
  /**
   * a Postgres instance's own setting: it leaves Barman; its Barman servers retire its backups
   * (backup data kept), then its host loses what the library put there (WAL commands, pg_hba.conf
   * block, key lines, slots, and on a primary no live replica follows, Barman's roles); delete it
   * from the graph afterwards [barman_retired] @default false
   */
  readonly retired?: boolean;
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

/**
 * Every setting with its effective value, after precedence and defaults: the hook commands and the
 * streaming WAL directory stay unset unless given; backup options, the retention policy and the
 * maximum age are held as the text Barman reads.
 */
export type EffectiveSettings = Readonly<
  Required<Omit<BarmanSettings, 'backupOptions' | 'retentionPolicy' | 'lastBackupMaximumAge' | 'preArchiveRetryScript' | 'postBackupRetryScript' | 'postBackupScript' | 'streamingWalsDirectory' | 'drillSchedule'>>
  & Pick<BarmanSettings, 'preArchiveRetryScript' | 'postBackupRetryScript' | 'postBackupScript' | 'streamingWalsDirectory' | 'drillSchedule'>
  & Record<'backupOptions' | 'retentionPolicy' | 'lastBackupMaximumAge', string>
>;
