"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MaximumAge = exports.RetentionPolicy = void 0;
exports.ageSeconds = ageSeconds;
exports.recoveryWindowSeconds = recoveryWindowSeconds;
const enums_1 = require("./enums");
/** Barman's own lengths (config.parse_time_interval, retention_policies.py): a month is 31 days. */
const DAYS_PER_UNIT = { DAY: 1, WEEK: 7, MONTH: 31 };
const DAY_SECONDS = 86_400;
const PERIODS = Object.values(enums_1.Period);
const RETENTION_RE = /^\s*(?:(redundancy)\s+(\d+)|recovery\s+window\s+of\s+(\d+)\s+(day|week|month)s?)\s*$/i;
const AGE_RE = /^\s*(\d+)\s+(day|week|month)s?\s*$/i;
/** Whether `amount` `period`s is a length Barman accepts: a whole number of at least one day, week or month. */
function isLength(amount, period) {
    return Number.isInteger(amount) && amount >= 1 && PERIODS.includes(period);
}
const periodSeconds = (amount, period) => amount * DAYS_PER_UNIT[period.slice(0, -1)] * DAY_SECONDS;
/** A Barman retention policy: `REDUNDANCY n` or `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS`. */
class RetentionPolicy {
    value;
    amount;
    window;
    /** keep the last `count` full backups */
    static redundancy(count) {
        return new RetentionPolicy(`REDUNDANCY ${count}`, count, undefined);
    }
    /** allow point-in-time recovery to any moment of the last `amount` `period`s */
    static recoveryWindow(amount, period) {
        return new RetentionPolicy(`RECOVERY WINDOW OF ${amount} ${period}`, amount, { period });
    }
    /** Reads Barman's text of a policy (any case, singular or plural); undefined when Barman would not accept it. */
    static parse(text) {
        const m = RETENTION_RE.exec(text);
        if (!m)
            return undefined;
        const policy = m[1] ? RetentionPolicy.redundancy(Number(m[2])) : RetentionPolicy.recoveryWindow(Number(m[3]), `${m[4].toUpperCase()}S`);
        return policy.isValid() ? policy : undefined;
    }
    /**
     * @param value the text Barman reads
     * @param amount full backups kept (`REDUNDANCY`), or periods of the window
     * @param window the window's unit; undefined for `REDUNDANCY`
     */
    constructor(value, amount, window) {
        this.value = value;
        this.amount = amount;
        this.window = window;
    }
    /** The window's unit; undefined for `REDUNDANCY`. */
    get period() {
        return this.window?.period;
    }
    /** Whether Barman accepts it: a whole number, at least one, of backups or of days, weeks or months. */
    isValid() {
        return isLength(this.amount, this.window === undefined ? enums_1.Period.DAYS : String(this.window.period));
    }
    /** The window in seconds as Barman counts it; undefined for `REDUNDANCY`. */
    windowSeconds() {
        return this.window === undefined ? undefined : periodSeconds(this.amount, this.window.period);
    }
    toString() {
        return this.value;
    }
}
exports.RetentionPolicy = RetentionPolicy;
/** A Barman age such as `last_backup_maximum_age`: `n DAYS|WEEKS|MONTHS`. */
class MaximumAge {
    value;
    amount;
    period;
    static of(amount, period) {
        return new MaximumAge(`${amount} ${amount === 1 ? String(period).slice(0, -1) : period}`, amount, period);
    }
    /** Reads Barman's text of an age (any case, singular or plural); undefined when Barman would not accept it. */
    static parse(text) {
        const m = AGE_RE.exec(text);
        if (!m)
            return undefined;
        const age = MaximumAge.of(Number(m[1]), `${m[2].toUpperCase()}S`);
        return age.isValid() ? age : undefined;
    }
    /**
     * @param value the text Barman reads
     * @param amount how many periods
     * @param period the unit
     */
    constructor(value, amount, period) {
        this.value = value;
        this.amount = amount;
        this.period = period;
    }
    /** Whether Barman accepts it: a whole number of at least one day, week or month. */
    isValid() {
        return isLength(this.amount, this.period);
    }
    /** The age in seconds as Barman counts it. */
    seconds() {
        return periodSeconds(this.amount, this.period);
    }
    toString() {
        return this.value;
    }
}
exports.MaximumAge = MaximumAge;
/** An age (`1 WEEK`, `2 MONTHS`) in seconds as Barman counts it, or undefined when it is not one. */
function ageSeconds(text) {
    const m = AGE_RE.exec(text);
    return m ? periodSeconds(Number(m[1]), `${m[2].toUpperCase()}S`) : undefined;
}
/** The window of a `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS` policy in seconds; undefined for any other. */
function recoveryWindowSeconds(policy) {
    return RetentionPolicy.parse(policy)?.windowSeconds();
}
