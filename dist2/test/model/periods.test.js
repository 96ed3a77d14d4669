"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/** Lengths of Barman's periods, as Barman 3.4 counts them (config.py, retention_policies.py). */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const enums_1 = require("../../lib/model/enums");
const periods_1 = require("../../lib/model/periods");
const DAY = 86_400;
(0, node_test_1.describe)("Barman's period lengths", () => {
    (0, node_test_1.test)('ages: a day, a week of 7 days, a month of 31 days, any case, singular or plural', () => {
        strict_1.default.equal((0, periods_1.ageSeconds)('1 WEEK'), 7 * DAY);
        strict_1.default.equal((0, periods_1.ageSeconds)('3 days'), 3 * DAY);
        strict_1.default.equal((0, periods_1.ageSeconds)('2 MONTHS'), 62 * DAY);
        strict_1.default.equal((0, periods_1.ageSeconds)('a while'), undefined);
        strict_1.default.equal((0, periods_1.ageSeconds)('RECOVERY WINDOW OF 4 WEEKS'), undefined);
    });
    (0, node_test_1.test)('recovery windows; REDUNDANCY has none', () => {
        strict_1.default.equal((0, periods_1.recoveryWindowSeconds)('RECOVERY WINDOW OF 4 WEEKS'), 28 * DAY);
        strict_1.default.equal((0, periods_1.recoveryWindowSeconds)('RECOVERY WINDOW OF 1 MONTH'), 31 * DAY);
        strict_1.default.equal((0, periods_1.recoveryWindowSeconds)('REDUNDANCY 3'), undefined);
        strict_1.default.equal((0, periods_1.recoveryWindowSeconds)('4 WEEKS'), undefined);
    });
});
(0, node_test_1.describe)('retention policies and ages, typed and read from text', () => {
    (0, node_test_1.test)('the typed forms say what Barman reads', () => {
        strict_1.default.equal(periods_1.RetentionPolicy.redundancy(3).value, 'REDUNDANCY 3');
        strict_1.default.equal(periods_1.RetentionPolicy.recoveryWindow(4, enums_1.Period.WEEKS).value, 'RECOVERY WINDOW OF 4 WEEKS');
        strict_1.default.equal(periods_1.MaximumAge.of(1, enums_1.Period.WEEKS).value, '1 WEEK');
        strict_1.default.equal(periods_1.MaximumAge.of(2, enums_1.Period.DAYS).value, '2 DAYS');
    });
    (0, node_test_1.test)('a whole number of at least one is valid; zero, fractions and unknown periods are not', () => {
        strict_1.default.ok(periods_1.RetentionPolicy.redundancy(1).isValid());
        strict_1.default.ok(!periods_1.RetentionPolicy.redundancy(0).isValid());
        strict_1.default.ok(!periods_1.RetentionPolicy.redundancy(1.5).isValid());
        strict_1.default.ok(!periods_1.RetentionPolicy.recoveryWindow(2, 'YEARS').isValid());
        strict_1.default.ok(periods_1.MaximumAge.of(3, enums_1.Period.MONTHS).isValid());
        strict_1.default.ok(!periods_1.MaximumAge.of(-1, enums_1.Period.DAYS).isValid());
    });
    (0, node_test_1.test)('parse reads any case, singular or plural, into the canonical text; undefined when Barman would refuse it', () => {
        strict_1.default.equal(periods_1.RetentionPolicy.parse(' recovery window of 2 week ')?.value, 'RECOVERY WINDOW OF 2 WEEKS');
        strict_1.default.equal(periods_1.RetentionPolicy.parse('redundancy 03')?.value, 'REDUNDANCY 3');
        strict_1.default.equal(periods_1.RetentionPolicy.parse('REDUNDANCY 0'), undefined);
        strict_1.default.equal(periods_1.RetentionPolicy.parse('4 WEEKS'), undefined);
        strict_1.default.equal(periods_1.MaximumAge.parse('1 weeks')?.value, '1 WEEK');
        strict_1.default.equal(periods_1.MaximumAge.parse('0 DAYS'), undefined);
    });
    (0, node_test_1.test)('lengths: a window in seconds (none for REDUNDANCY), an age in seconds', () => {
        strict_1.default.equal(periods_1.RetentionPolicy.recoveryWindow(1, enums_1.Period.MONTHS).windowSeconds(), 31 * DAY);
        strict_1.default.equal(periods_1.RetentionPolicy.redundancy(2).windowSeconds(), undefined);
        strict_1.default.equal(periods_1.RetentionPolicy.parse('REDUNDANCY 2')?.amount, 2);
        strict_1.default.equal(periods_1.MaximumAge.of(2, enums_1.Period.WEEKS).seconds(), 14 * DAY);
    });
});
