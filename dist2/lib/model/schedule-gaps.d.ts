/**
 * The longest time between two consecutive runs, in minutes; undefined when the schedule never
 * runs (e.g. 30 February). Local-time shifts such as daylight saving are not counted.
 */
export declare function longestGapMinutes(schedule: string): number | undefined;
/** `3 DAYS 4 HOURS`-style text of a duration in minutes, for messages. */
export declare function describeMinutes(minutes: number): string;
