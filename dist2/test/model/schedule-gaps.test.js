"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The longest time between two runs of a cron schedule, read as Debian's cron reads it. Expected
 * values are worked out by hand from the calendar.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const schedule_gaps_1 = require("../../lib/model/schedule-gaps");
const DAY = 24 * 60;
(0, node_test_1.describe)('longestGapMinutes', () => {
    (0, node_test_1.test)('the default schedule: Saturday 04:00 to Wednesday 04:00 is the longest, 4 days', () => {
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 4 * * wed,sat'), 4 * DAY);
    });
    (0, node_test_1.test)('daily, hourly, every minute, twice a day unevenly', () => {
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('30 2 * * *'), DAY);
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 * * * *'), 60);
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('* * * * *'), 1);
        // 01:00 and 03:00: 22 hours from 03:00 to the next day's 01:00
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 1,3 * * *'), 22 * 60);
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 */6 * * *'), 6 * 60);
    });
    (0, node_test_1.test)('weekly, with 7 and names for Sunday', () => {
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 4 * * 0'), 7 * DAY);
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 4 * * 7'), 7 * DAY);
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 4 * * SUN'), 7 * DAY);
    });
    (0, node_test_1.test)('monthly on the 1st: 31 days from 1 July (or December) to 1 August', () => {
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 4 1 * *'), 31 * DAY);
    });
    (0, node_test_1.test)('both day fields restricted: either matches (the 1st OR every Monday)', () => {
        // Mondays alone are 7 days apart; the 1st only shortens gaps
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 4 1 * mon'), 7 * DAY);
    });
    (0, node_test_1.test)('a day field starting with * means both must match (cron reads */2 as starred)', () => {
        // odd days of the month that are also Mondays: rare, weeks apart
        const gap = (0, schedule_gaps_1.longestGapMinutes)('0 4 */2 * mon');
        strict_1.default.ok(gap > 14 * DAY, `${gap / DAY} days`);
    });
    (0, node_test_1.test)('29 February: four years; 30 February: never', () => {
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 4 29 2 *'), (4 * 365 + 1) * DAY);
        strict_1.default.equal((0, schedule_gaps_1.longestGapMinutes)('0 4 30 2 *'), undefined);
    });
    (0, node_test_1.test)('an invalid schedule is refused (validation reports it first)', () => {
        strict_1.default.throws(() => (0, schedule_gaps_1.longestGapMinutes)('0 24 * * *'), /not a valid cron schedule: '0 24 \* \* \*'/);
    });
    (0, node_test_1.test)('durations read as days, hours and minutes', () => {
        strict_1.default.equal((0, schedule_gaps_1.describeMinutes)(4 * DAY), '4 days');
        strict_1.default.equal((0, schedule_gaps_1.describeMinutes)(DAY + 61), '1 day 1 hour 1 minute');
        strict_1.default.equal((0, schedule_gaps_1.describeMinutes)(0), '0 minutes');
    });
});
