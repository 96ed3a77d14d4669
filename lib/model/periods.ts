import { Period } from './enums';

/** A Barman retention policy: `REDUNDANCY n` or `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS`. */
export class RetentionPolicy {
  /** keep the last `count` full backups */
  public static redundancy(count: number): RetentionPolicy {
    return new RetentionPolicy(`REDUNDANCY ${count}`);
  }

  /** allow point-in-time recovery to any moment of the last `amount` `period`s */
  public static recoveryWindow(amount: number, period: Period): RetentionPolicy {
    return new RetentionPolicy(`RECOVERY WINDOW OF ${amount} ${period}`);
  }

  private constructor(public readonly value: string) {}

  public toString(): string {
    return this.value;
  }
}

/** A Barman age such as `last_backup_maximum_age`: `n DAYS|WEEKS|MONTHS`. */
export class MaximumAge {
  public static of(amount: number, period: Period): MaximumAge {
    return new MaximumAge(`${amount} ${amount === 1 ? period.slice(0, -1) : period}`);
  }

  private constructor(public readonly value: string) {}

  public toString(): string {
    return this.value;
  }
}

const RETENTION_RE = /^\s*(?:(redundancy)\s+(\d+)|recovery\s+window\s+of\s+(\d+)\s+(day|week|month)s?)\s*$/i;
const AGE_RE = /^\s*(\d+)\s+(day|week|month)s?\s*$/i;

/** Canonical upper-case form, or undefined when Barman would not accept it. */
export function canonicalRetention(text: string): string | undefined {
  const m = RETENTION_RE.exec(text);
  if (!m) return undefined;
  if (m[1]) {
    const n = Number(m[2]);
    return n >= 1 ? `REDUNDANCY ${n}` : undefined;
  }
  const n = Number(m[3]);
  return n >= 1 ? `RECOVERY WINDOW OF ${n} ${m[4].toUpperCase()}S` : undefined;
}

/** Canonical form of an age (`1 WEEK`, `2 DAYS`), or undefined when invalid. */
export function canonicalAge(text: string): string | undefined {
  const m = AGE_RE.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n < 1) return undefined;
  const unit = m[2].toUpperCase();
  return `${n} ${n === 1 ? unit : `${unit}S`}`;
}

/** Barman's own lengths (config.parse_time_interval, retention_policies.py): a month is 31 days. */
const DAYS_PER_UNIT: Readonly<Record<string, number>> = { DAY: 1, WEEK: 7, MONTH: 31 };
const DAY_SECONDS = 86_400;

/** An age (`1 WEEK`, `2 MONTHS`) in seconds as Barman counts it, or undefined when it is not one. */
export function ageSeconds(text: string): number | undefined {
  const m = AGE_RE.exec(text);
  return m ? Number(m[1]) * DAYS_PER_UNIT[m[2].toUpperCase()] * DAY_SECONDS : undefined;
}

/** The window of a `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS` policy in seconds; undefined for any other. */
export function recoveryWindowSeconds(policy: string): number | undefined {
  const m = RETENTION_RE.exec(policy);
  return m && m[3] !== undefined ? Number(m[3]) * DAYS_PER_UNIT[m[4].toUpperCase()] * DAY_SECONDS : undefined;
}
