/**
 * Settings that are valid one by one but defeat each other: a schedule that leaves more time
 * between full backups than `last_backup_maximum_age` makes `barman check` fail between runs, and
 * one longer than the recovery window means recoveries into the window replay WAL from a backup
 * older than the window, and retention keeps it.
 */
import { EffectiveSettings } from './settings';
import { barmanPeriodMinutes, describeMinutes, longestGapMinutes } from './schedule-gaps';

const PERIOD = /(\d+) (DAY|WEEK|MONTH)S?$/;

function periodMinutes(text: string): number | undefined {
  const m = PERIOD.exec(text);
  return m ? barmanPeriodMinutes(Number(m[1]), m[2]) : undefined;
}

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
  const maxAge = periodMinutes(s.lastBackupMaximumAge);
  if (maxAge !== undefined && gap >= maxAge) {
    out.push(`barman_backup_interval ${schedule} leaves up to ${describeMinutes(gap)} between full backups, not less than barman_last_backup_maximum_age '${s.lastBackupMaximumAge}': barman check reports 'backup maximum age: FAILED' before each backup; schedule backups more often or raise barman_last_backup_maximum_age`);
  }
  const window = /^RECOVERY WINDOW OF /.test(s.retentionPolicy) ? periodMinutes(s.retentionPolicy) : undefined;
  if (window !== undefined && gap > window) {
    out.push(`barman_backup_interval ${schedule} leaves up to ${describeMinutes(gap)} between full backups, longer than the retention window '${s.retentionPolicy}': recoveries replay WAL from a backup older than the window and retention must keep it; schedule backups more often or widen barman_retention_policy`);
  }
  return out;
}
