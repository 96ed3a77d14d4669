import { Period } from './enums';

/** Barman's own lengths (config.parse_time_interval, retention_policies.py): a month is 31 days. */
const DAYS_PER_UNIT: Readonly<Record<string, number>> = { DAY: 1, WEEK: 7, MONTH: 31 };
const DAY_SECONDS = 86_400;
const PERIODS: readonly string[] = Object.values(Period);

const RETENTION_RE = /^\s*(?:(redundancy)\s+(\d+)|recovery\s+window\s+of\s+(\d+)\s+(day|week|month)s?)\s*$/i;
const AGE_RE = /^\s*(\d+)\s+(day|week|month)s?\s*$/i;

/** Whether `amount` `period`s is a length Barman accepts: a whole number of at least one day, week or month. */
function isLength(amount: number, period: string): boolean {
  return Number.isInteger(amount) && amount >= 1 && PERIODS.includes(period);
}

const periodSeconds = (amount: number, period: string): number => amount * DAYS_PER_UNIT[period.slice(0, -1)] * DAY_SECONDS;

/** A Barman retention policy: `REDUNDANCY n` or `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS`. */
export class RetentionPolicy {
  /** keep the last `count` full backups */
  public static redundancy(count: number): RetentionPolicy {
    return new RetentionPolicy(`REDUNDANCY ${count}`, count, undefined);
  }

  /** allow point-in-time recovery to any moment of the last `amount` `period`s */
  public static recoveryWindow(amount: number, period: Period): RetentionPolicy {
    return new RetentionPolicy(`RECOVERY WINDOW OF ${amount} ${period}`, amount, { period });
  }

  /** Reads Barman's text of a policy (any case, singular or plural); undefined when Barman would not accept it. */
  public static parse(text: string): RetentionPolicy | undefined {
    const m = RETENTION_RE.exec(text);
    if (!m) return undefined;
    const policy = m[1] ? RetentionPolicy.redundancy(Number(m[2])) : RetentionPolicy.recoveryWindow(Number(m[3]), `${m[4].toUpperCase()}S` as Period);
    return policy.isValid() ? policy : undefined;
  }

  /**
   * @param value the text Barman reads
   * @param amount full backups kept (`REDUNDANCY`), or periods of the window
   * @param window the window's unit; undefined for `REDUNDANCY`
   */
  private constructor(public readonly value: string, public readonly amount: number, private readonly window: { readonly period: Period } | undefined) {}

  /** The window's unit; undefined for `REDUNDANCY`. */
  public get period(): Period | undefined {
    return this.window?.period;
  }

  /** Whether Barman accepts it: a whole number, at least one, of backups or of days, weeks or months. */
  public isValid(): boolean {
    return isLength(this.amount, this.window === undefined ? Period.DAYS : String(this.window.period));
  }

  /** The window in seconds as Barman counts it; undefined for `REDUNDANCY`. */
  public windowSeconds(): number | undefined {
    return this.window === undefined ? undefined : periodSeconds(this.amount, this.window.period);
  }

  public toString(): string {
    return this.value;
  }
}

/** A Barman age such as `last_backup_maximum_age`: `n DAYS|WEEKS|MONTHS`. */
export class MaximumAge {
  public static of(amount: number, period: Period): MaximumAge {
    return new MaximumAge(`${amount} ${amount === 1 ? String(period).slice(0, -1) : period}`, amount, period);
  }

  /** Reads Barman's text of an age (any case, singular or plural); undefined when Barman would not accept it. */
  public static parse(text: string): MaximumAge | undefined {
    const m = AGE_RE.exec(text);
    if (!m) return undefined;
    const age = MaximumAge.of(Number(m[1]), `${m[2].toUpperCase()}S` as Period);
    return age.isValid() ? age : undefined;
  }

  /**
   * @param value the text Barman reads
   * @param amount how many periods
   * @param period the unit
   */
  private constructor(public readonly value: string, public readonly amount: number, public readonly period: Period) {}

  /** Whether Barman accepts it: a whole number of at least one day, week or month. */
  public isValid(): boolean {
    return isLength(this.amount, this.period);
  }

  /** The age in seconds as Barman counts it. */
  public seconds(): number {
    return periodSeconds(this.amount, this.period);
  }

  public toString(): string {
    return this.value;
  }
}

/** An age (`1 WEEK`, `2 MONTHS`) in seconds as Barman counts it, or undefined when it is not one. */
export function ageSeconds(text: string): number | undefined {
  const m = AGE_RE.exec(text);
  return m ? periodSeconds(Number(m[1]), `${m[2].toUpperCase()}S`) : undefined;
}

/** The window of a `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS` policy in seconds; undefined for any other. */
export function recoveryWindowSeconds(policy: string): number | undefined {
  return RetentionPolicy.parse(policy)?.windowSeconds();
}
