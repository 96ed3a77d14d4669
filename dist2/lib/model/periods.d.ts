import { Period } from './enums';
/** A Barman retention policy: `REDUNDANCY n` or `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS`. */
export declare class RetentionPolicy {
    readonly value: string;
    readonly amount: number;
    private readonly window;
    /** keep the last `count` full backups */
    static redundancy(count: number): RetentionPolicy;
    /** allow point-in-time recovery to any moment of the last `amount` `period`s */
    static recoveryWindow(amount: number, period: Period): RetentionPolicy;
    /** Reads Barman's text of a policy (any case, singular or plural); undefined when Barman would not accept it. */
    static parse(text: string): RetentionPolicy | undefined;
    /**
     * @param value the text Barman reads
     * @param amount full backups kept (`REDUNDANCY`), or periods of the window
     * @param window the window's unit; undefined for `REDUNDANCY`
     */
    private constructor();
    /** The window's unit; undefined for `REDUNDANCY`. */
    get period(): Period | undefined;
    /** Whether Barman accepts it: a whole number, at least one, of backups or of days, weeks or months. */
    isValid(): boolean;
    /** The window in seconds as Barman counts it; undefined for `REDUNDANCY`. */
    windowSeconds(): number | undefined;
    toString(): string;
}
/** A Barman age such as `last_backup_maximum_age`: `n DAYS|WEEKS|MONTHS`. */
export declare class MaximumAge {
    readonly value: string;
    readonly amount: number;
    readonly period: Period;
    static of(amount: number, period: Period): MaximumAge;
    /** Reads Barman's text of an age (any case, singular or plural); undefined when Barman would not accept it. */
    static parse(text: string): MaximumAge | undefined;
    /**
     * @param value the text Barman reads
     * @param amount how many periods
     * @param period the unit
     */
    private constructor();
    /** Whether Barman accepts it: a whole number of at least one day, week or month. */
    isValid(): boolean;
    /** The age in seconds as Barman counts it. */
    seconds(): number;
    toString(): string;
}
/** An age (`1 WEEK`, `2 MONTHS`) in seconds as Barman counts it, or undefined when it is not one. */
export declare function ageSeconds(text: string): number | undefined;
/** The window of a `RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS` policy in seconds; undefined for any other. */
export declare function recoveryWindowSeconds(policy: string): number | undefined;
