"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.scheduleWarnings = scheduleWarnings;
/**
 * Settings that are valid one by one but defeat each other: a schedule that leaves more time
 * between full backups than `last_backup_maximum_age` makes `barman check` fail between runs, and
 * one longer than the recovery window means recoveries into the window replay WAL from a backup
 * older than the window, and retention keeps it.
 */
const periods_1 = require("./periods");
const schedule_gaps_1 = require("./schedule-gaps");
const inMinutes = (seconds) => (seconds === undefined ? undefined : seconds / 60);
/** Warnings about barman_backup_interval against the other settings of one backed-up instance. */
function scheduleWarnings(s) {
    let gap;
    try {
        gap = (0, schedule_gaps_1.longestGapMinutes)(s.backupInterval);
    }
    catch {
        // an invalid schedule has its own error
        return [];
    }
    const schedule = `'${s.backupInterval}'`;
    if (gap === undefined)
        return [`barman_backup_interval ${schedule} never runs (no date matches it): no full backup would ever be taken; fix the day and month fields`];
    const out = [];
    const maxAge = inMinutes((0, periods_1.ageSeconds)(s.lastBackupMaximumAge));
    if (maxAge !== undefined && gap >= maxAge) {
        out.push(`barman_backup_interval ${schedule} leaves up to ${(0, schedule_gaps_1.describeMinutes)(gap)} between full backups, not less than barman_last_backup_maximum_age '${s.lastBackupMaximumAge}': barman check reports 'backup maximum age: FAILED' before each backup; schedule backups more often or raise barman_last_backup_maximum_age`);
    }
    const window = inMinutes((0, periods_1.recoveryWindowSeconds)(s.retentionPolicy));
    if (window !== undefined && gap > window) {
        out.push(`barman_backup_interval ${schedule} leaves up to ${(0, schedule_gaps_1.describeMinutes)(gap)} between full backups, longer than the retention window '${s.retentionPolicy}': recoveries replay WAL from a backup older than the window and retention must keep it; schedule backups more often or widen barman_retention_policy`);
    }
    return out;
}
