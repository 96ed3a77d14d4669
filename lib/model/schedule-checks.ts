/**
 * Settings that are valid one by one but defeat each other: a schedule that leaves more time
 * between full backups than `last_backup_maximum_age` makes `barman check` fail between runs, and
 * one longer than the recovery window means recoveries into the window replay WAL from a backup
 * older than the window, and retention keeps it.
 */
import { ageSeconds, recoveryWindowSeconds } from './periods';
import { EffectiveSettings } from './settings';
import { describeMinutes, firstSharedStart, longestGapMinutes } from './schedule-gaps';
import { cronScheduleProblems } from './cron-schedule';

const inMinutes = (seconds: number | undefined): number | undefined => (seconds === undefined ? undefined : seconds / 60);

/** Warnings about barman_backup_interval against the other settings of one backed-up instance. */
export function scheduleWarnings(s: EffectiveSettings): string[] {
  let gap: number | undefined;
  try {
    gap = longestGapMinutes(s.backupInterval);
  } catch {
    // an invalid schedule has its own error
    return [];
  }
  const schedule = `'${s.backupInterval}'`;
  if (gap === undefined) return [`barman_backup_interval ${schedule} never runs (no date matches it): no full backup would ever be taken; fix the day and month fields`];
  const out: string[] = [];
  const maxAge = inMinutes(ageSeconds(s.lastBackupMaximumAge));
  if (maxAge !== undefined && gap >= maxAge) {
    out.push(`barman_backup_interval ${schedule} leaves up to ${describeMinutes(gap)} between full backups, not less than barman_last_backup_maximum_age '${s.lastBackupMaximumAge}': barman check reports 'backup maximum age: FAILED' before each backup; schedule backups more often or raise barman_last_backup_maximum_age`);
  }
  const window = inMinutes(recoveryWindowSeconds(s.retentionPolicy));
  if (window !== undefined && gap > window) {
    out.push(`barman_backup_interval ${schedule} leaves up to ${describeMinutes(gap)} between full backups, longer than the retention window '${s.retentionPolicy}': recoveries replay WAL from a backup older than the window and retention must keep it; schedule backups more often or widen barman_retention_policy`);
  }
  return out;
}

/**
 * A drill takes the backup's lock: one starting in the same minute as a backup makes that backup
 * wait for its next run. Undefined when they never start together (or a schedule is invalid: it
 * has its own error).
 */
export function drillClash(s: EffectiveSettings): string | undefined {
  const drill = s.drillSchedule;
  if (drill === undefined || cronScheduleProblems(drill).length > 0 || cronScheduleProblems(s.backupInterval).length > 0) return undefined;
  const when = firstSharedStart(drill, s.backupInterval);
  if (when === undefined) return undefined;
  return `barman_drill_schedule '${drill}' starts in the same minute as barman_backup_interval '${s.backupInterval}' (first on ${when}): the drill would hold the backup's lock and that backup would be skipped; move the drill to another time`;
}
