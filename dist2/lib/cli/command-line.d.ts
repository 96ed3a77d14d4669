/**
 * The command line's one description of itself: each command's options in a table that drives
 * parsing, the per-command `--help` text and the usage errors.
 */
export declare const EXIT_OK = 0;
/** invalid input, output that cannot be written (nothing written), or for status any failure */
export declare const EXIT_INVALID = 1;
export declare const EXIT_USAGE = 2;
/** an unexpected exception: a bug to report (sysexits' EX_SOFTWARE) */
export declare const EXIT_INTERNAL = 70;
export interface Io {
    out(text: string): void;
    err(text: string): void;
}
export interface OptionSpec {
    /** without the leading `--` */
    readonly name: string;
    /** the value's placeholder (`DIR`); absent for a flag */
    readonly value?: string;
    /** one or more lines of help */
    readonly help: string;
}
export interface CommandSpec {
    readonly name: string;
    /** what follows the command name in its synopsis, e.g. `CONFIG --out DIR [options]` */
    readonly synopsis: string;
    /** one line for the command list */
    readonly summary: string;
    /** paragraphs after the options in `<command> --help` */
    readonly details?: string;
    readonly options: readonly OptionSpec[];
}
export interface ParsedArgs {
    readonly positional: string[];
    readonly options: Map<string, string | true>;
}
/** A wrong command line: one line on stderr, exit 2. */
export declare class UsageError extends Error {
}
/**
 * Parses `args` against the options of one command: `--name VALUE`, `--name=VALUE`, flags, `-h`,
 * and `--` ending the options (POSIX). Throws UsageError.
 */
export declare function parseArgs(args: readonly string[], options: readonly OptionSpec[]): ParsedArgs;
/** The string value of a valued option, or undefined. */
export declare function valueOf(args: ParsedArgs, name: string): string | undefined;
/** A whole number in [min, max] given to `--name`, or undefined when absent. */
export declare function wholeNumber(args: ParsedArgs, name: string, min: number, max: number): number | undefined;
/** One of `choices` given to `--name` (case as listed), or undefined when absent. */
export declare function choiceOf<T extends string>(args: ParsedArgs, name: string, choices: readonly T[]): T | undefined;
/** `cdktf-barman <command> --help`. */
export declare function commandHelp(c: CommandSpec): string;
/** `cdktf-barman --help`: the commands, one line each, and the exit codes. */
export declare function globalHelp(commands: readonly CommandSpec[]): string;
