/**
 * The longest time between two runs of a cron schedule, read as Debian's cron reads it. Expected
 * values are worked out by hand from the calendar.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeMinutes, longestGapMinutes } from '../../lib/model/schedule-gaps';

const DAY = 24 * 60;

describe('longestGapMinutes', () => {
  test('the default schedule: Saturday 04:00 to Wednesday 04:00 is the longest, 4 days', () => {
    assert.equal(longestGapMinutes('0 4 * * wed,sat'), 4 * DAY);
  });

  test('daily, hourly, every minute, twice a day unevenly', () => {
    assert.equal(longestGapMinutes('30 2 * * *'), DAY);
    assert.equal(longestGapMinutes('0 * * * *'), 60);
    assert.equal(longestGapMinutes('* * * * *'), 1);
    // 01:00 and 03:00: 22 hours from 03:00 to the next day's 01:00
    assert.equal(longestGapMinutes('0 1,3 * * *'), 22 * 60);
    assert.equal(longestGapMinutes('0 */6 * * *'), 6 * 60);
  });

  test('weekly, with 7 and names for Sunday', () => {
    assert.equal(longestGapMinutes('0 4 * * 0'), 7 * DAY);
    assert.equal(longestGapMinutes('0 4 * * 7'), 7 * DAY);
    assert.equal(longestGapMinutes('0 4 * * SUN'), 7 * DAY);
  });

  test('monthly on the 1st: 31 days from 1 July (or December) to 1 August', () => {
    assert.equal(longestGapMinutes('0 4 1 * *'), 31 * DAY);
  });

  test('both day fields restricted: either matches (the 1st OR every Monday)', () => {
    // Mondays alone are 7 days apart; the 1st only shortens gaps
    assert.equal(longestGapMinutes('0 4 1 * mon'), 7 * DAY);
  });

  test('a day field starting with * means both must match (cron reads */2 as starred)', () => {
    // odd days of the month that are also Mondays: rare, weeks apart
    const gap = longestGapMinutes('0 4 */2 * mon')!;
    assert.ok(gap > 14 * DAY, `${gap / DAY} days`);
  });

  test('29 February: four years; 30 February: never', () => {
    assert.equal(longestGapMinutes('0 4 29 2 *'), (4 * 365 + 1) * DAY);
    assert.equal(longestGapMinutes('0 4 30 2 *'), undefined);
  });

  test('an invalid schedule is refused (validation reports it first)', () => {
    assert.throws(() => longestGapMinutes('0 24 * * *'), /not a valid cron schedule: '0 24 \* \* \*'/);
  });

  test('durations read as days, hours and minutes', () => {
    assert.equal(describeMinutes(4 * DAY), '4 days');
    assert.equal(describeMinutes(DAY + 61), '1 day 1 hour 1 minute');
    assert.equal(describeMinutes(0), '0 minutes');
  });
});
