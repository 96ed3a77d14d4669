/** Lengths of Barman's periods, as Barman 3.4 counts them (config.py, retention_policies.py). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Period } from '../../lib/model/enums';
import { MaximumAge, RetentionPolicy, ageSeconds, recoveryWindowSeconds } from '../../lib/model/periods';

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

describe('retention policies and ages, typed and read from text', () => {
  test('the typed forms say what Barman reads', () => {
    assert.equal(RetentionPolicy.redundancy(3).value, 'REDUNDANCY 3');
    assert.equal(RetentionPolicy.recoveryWindow(4, Period.WEEKS).value, 'RECOVERY WINDOW OF 4 WEEKS');
    assert.equal(MaximumAge.of(1, Period.WEEKS).value, '1 WEEK');
    assert.equal(MaximumAge.of(2, Period.DAYS).value, '2 DAYS');
  });

  test('a whole number of at least one is valid; zero, fractions and unknown periods are not', () => {
    assert.ok(RetentionPolicy.redundancy(1).isValid());
    assert.ok(!RetentionPolicy.redundancy(0).isValid());
    assert.ok(!RetentionPolicy.redundancy(1.5).isValid());
    assert.ok(!RetentionPolicy.recoveryWindow(2, 'YEARS' as Period).isValid());
    assert.ok(MaximumAge.of(3, Period.MONTHS).isValid());
    assert.ok(!MaximumAge.of(-1, Period.DAYS).isValid());
  });

  test('parse reads any case, singular or plural, into the canonical text; undefined when Barman would refuse it', () => {
    assert.equal(RetentionPolicy.parse(' recovery window of 2 week ')?.value, 'RECOVERY WINDOW OF 2 WEEKS');
    assert.equal(RetentionPolicy.parse('redundancy 03')?.value, 'REDUNDANCY 3');
    assert.equal(RetentionPolicy.parse('REDUNDANCY 0'), undefined);
    assert.equal(RetentionPolicy.parse('4 WEEKS'), undefined);
    assert.equal(MaximumAge.parse('1 weeks')?.value, '1 WEEK');
    assert.equal(MaximumAge.parse('0 DAYS'), undefined);
  });

  test('lengths: a window in seconds (none for REDUNDANCY), an age in seconds', () => {
    assert.equal(RetentionPolicy.recoveryWindow(1, Period.MONTHS).windowSeconds(), 31 * DAY);
    assert.equal(RetentionPolicy.redundancy(2).windowSeconds(), undefined);
    assert.equal(RetentionPolicy.parse('REDUNDANCY 2')?.amount, 2);
    assert.equal(MaximumAge.of(2, Period.WEEKS).seconds(), 14 * DAY);
  });
});
