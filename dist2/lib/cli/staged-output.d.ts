/** Output that cannot be written: one line for the user, exit 1, nothing of the new output left. */
export declare class OutputError extends Error {
}
/** Prefix of the staging and old-output directories; a leftover one (a killed run) is ours. */
export declare const STAGING_PREFIX = ".cdktf-barman-tmp-";
/** True for the errors the operating system raises (they carry an errno code). */
export declare function isSystemError(e: unknown): e is NodeJS.ErrnoException;
/** `PATH: REASON` of a system error, without Node's own wording. */
export declare function describeSystemError(e: NodeJS.ErrnoException): string;
/**
 * Writes a new output through `fill(staging)` into a staging directory on the target's file
 * system, then moves it into `target`: when `target` is missing the staging directory becomes it;
 * else each new entry replaces its namesake, and the entries named in `replaced` (the old output)
 * are removed. Any failure undoes every move: nothing of the new output is left, the old is intact.
 */
export declare function writeStaged(target: string, fill: (staging: string) => void, replaced?: readonly string[]): void;
