import { OptionSpec, ParsedArgs } from './command-line';
/** The manifest a command writes at the top of DIR: what a later --force may replace. */
export declare const manifestName: (command: string) => string;
/** --out and --force: the one policy of every command that writes (out-dir.ts) */
export declare const OUT_OPTIONS: readonly OptionSpec[];
/** The --out DIR of a writing command, checked against the one policy. */
export declare function outDirOf(args: ParsedArgs, command: string): {
    out: string;
    force: boolean;
};
/** Refuses (UsageError) a DIR that is a file, or a non-empty DIR without --force. */
export declare function checkOutDir(out: string, force: boolean, command: string): void;
/** What the last run of `command` into DIR wrote (none when DIR holds no readable manifest). */
export declare function ownEntries(out: string, command: string): string[];
/**
 * Writes a command's output into DIR through `fill(staging)`, which returns the top-level entries
 * it wrote; adds the manifest. With `force`, the previous output of the same command is replaced.
 */
export declare function writeOut(out: string, command: string, force: boolean, fill: (staging: string) => string[]): void;
