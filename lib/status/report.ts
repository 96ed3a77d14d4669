/**
 * The typed health report of `cdktf-barman status`: what `--json` prints (README, "Health
 * checks"), and what the human output is formatted from. Field names are part of the interface.
 */

/** The result of one Barman check, or of one of our own evaluations. */
export enum Verdict {
  OK = 'OK',
  FAILED = 'FAILED',
  /** not known: the server was not reachable, or Barman did not say */
  UNKNOWN = 'UNKNOWN',
}

/** One line of `barman check NAME`, as Barman 3.4's JSON output names it (`receive_wal_running`). */
export interface CheckResult {
  readonly name: string;
  readonly status: Verdict;
  readonly hint: string;
}

export interface StreamingState {
  /** Barman's `receive_wal_running` check */
  readonly receiveWal: Verdict;
  /** the slot the stack configures for this instance on this server */
  readonly slotName: string;
  /** whether the slot exists on PostgreSQL, and is in use (null: unknown) */
  readonly slotExists: boolean | null;
  readonly slotActive: boolean | null;
  readonly slotRestartLsn: string | null;
}

export interface WalArchiveState {
  /**
   * FAILED when one of Barman's WAL checks failed (`wal_archive`, `archiver_errors`,
   * `continuous_archiving`, `archive_mode`, `archive_command`); OK when they pass or Barman holds WAL
   */
  readonly check: Verdict;
  /** the newest WAL file in Barman's archive, from `barman diagnose` */
  readonly lastArchivedWal: string | null;
}

export interface LastBackup {
  readonly id: string;
  /** ISO 8601, UTC */
  readonly endTime: string;
  readonly ageSeconds: number;
  /** `last_backup_maximum_age` of the config, e.g. `1 WEEK` */
  readonly maximumAge: string;
  readonly maximumAgeSeconds: number;
  readonly status: Verdict;
}

/** The last restore drill of an instance on this server, as its result file says. */
export interface DrillState {
  /** pass, fail, error */
  readonly result: string;
  readonly reason: string;
  readonly backupId: string | null;
  readonly startedAt: string | null;
  readonly ageSeconds: number | null;
  /** drills scheduled: the age past which the last one is overdue; null: not scheduled */
  readonly maximumAgeSeconds: number | null;
  /** FAILED: the drill failed, or a scheduled one is overdue */
  readonly status: Verdict;
}

export interface BackupCount {
  /** backups with status DONE; null when not known (see the instance's state) */
  readonly count: number | null;
  readonly minimumRedundancy: number;
  readonly status: Verdict;
}

/** How much status knows of one backed-up instance. */
export enum InstanceState {
  /** Barman on its server answered about it */
  CHECKED = 'checked',
  /** its server answered, but Barman there does not know it (its configuration is not there) */
  NOT_CONFIGURED = 'not-configured',
  /** its server was reached, but Barman did not answer (not installed, or it failed) */
  UNKNOWN = 'unknown',
  /** its server could not be reached: nothing is known, not even whether backups exist */
  UNREACHABLE = 'unreachable',
}

/** One backed-up instance on one Barman server. */
export interface InstanceStatus {
  readonly instance: string;
  /** the Barman server name (`backup_name`) */
  readonly backupName: string;
  /** whether what follows is known: only CHECKED means Barman answered about this instance */
  readonly state: InstanceState;
  readonly streaming: StreamingState;
  readonly walArchive: WalArchiveState;
  /** null: no completed backup */
  readonly lastBackup: LastBackup | null;
  readonly backups: BackupCount;
  /** null: no drill result on the server */
  readonly drill: DrillState | null;
  readonly checks: readonly CheckResult[];
  /** every failure of this instance, one line each */
  readonly failures: readonly string[];
}

/** A whole file the stack writes whose content on the host is not the rendered one. */
export interface DriftEntry {
  readonly path: string;
  readonly state: DriftState;
}

export enum DriftState {
  /** the file exists with other content (edited by hand, or the config was not applied yet) */
  DIFFERS = 'differs',
  /** the file is not there */
  MISSING = 'missing',
}

export interface CronState {
  /** files under /etc/cron.d holding a `barman cron` line */
  readonly barmanCronFiles: readonly string[];
  /** a cron daemon process runs on the host */
  readonly daemonRunning: boolean;
}

/** One Barman server. */
export interface ServerStatus {
  readonly name: string;
  /** what ssh connected to */
  readonly host: string;
  readonly port: number;
  readonly reachable: boolean;
  /** null when unreachable or Barman did not answer */
  readonly barmanVersion: string | null;
  /** the server's clock when the probe ran (ISO 8601, UTC); ages are measured from it */
  readonly probedAt: string | null;
  readonly cron: CronState | null;
  /** a `.barman.auto.conf` (overrides by `barman config-update`, Barman 3.10+) in barman_home */
  readonly overridesFile: string | null;
  readonly drift: readonly DriftEntry[];
  /** servers Barman knows that the config does not put on this host */
  readonly unmanagedServers: readonly string[];
  readonly instances: readonly InstanceStatus[];
  /** failures of the server itself (unreachable, Barman broken, cron) */
  readonly failures: readonly string[];
  /** worth a look, not a failure (drift, overrides, unmanaged servers) */
  readonly warnings: readonly string[];
}

export interface StatusReport {
  /**
   * version of this document's shape: 2 since an instance carries `state` (not `known`) and an
   * unknown backup count is null
   */
  readonly formatVersion: 2;
  readonly cluster: string;
  /** no failure anywhere */
  readonly ok: boolean;
  readonly failureCount: number;
  readonly servers: readonly ServerStatus[];
}
