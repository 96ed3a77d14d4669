/** Lengths of Barman's periods, as Barman 3.4 counts them (config.py, retention_policies.py). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ageSeconds, recoveryWindowSeconds } from '../../lib/model/periods';

const DAY = 86_400;

describe("Barman's period lengths", () => {
  test('ages: a day, a week of 7 days, a month of 31 days, any case, singular or plural', () => {
    assert.equal(ageSeconds('1 WEEK'), 7 * DAY);
    assert.equal(ageSeconds('3 days'), 3 * DAY);
    assert.equal(ageSeconds('2 MONTHS'), 62 * DAY);
    assert.equal(ageSeconds('a while'), undefined);
    assert.equal(ageSeconds('RECOVERY WINDOW OF 4 WEEKS'), undefined);
  });

  test('recovery windows; REDUNDANCY has none', () => {
    assert.equal(recoveryWindowSeconds('RECOVERY WINDOW OF 4 WEEKS'), 28 * DAY);
    assert.equal(recoveryWindowSeconds('RECOVERY WINDOW OF 1 MONTH'), 31 * DAY);
    assert.equal(recoveryWindowSeconds('REDUNDANCY 3'), undefined);
    assert.equal(recoveryWindowSeconds('4 WEEKS'), undefined);
  });
});
