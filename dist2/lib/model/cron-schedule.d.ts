/**
 * Checks a 5-field cron schedule the way Debian's cron daemon (3.0pl1) reads it. One bad field makes
 * cron ignore the WHOLE /etc/cron.d file silently, so anything it would reject is an error here.
 */
/** Returns the problems of a schedule (empty when cron would run it as meant). */
export declare function cronScheduleProblems(schedule: string): string[];
