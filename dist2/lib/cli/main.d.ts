import { CommandSpec, Io, ParsedArgs } from './command-line';
export { EXIT_INTERNAL, EXIT_INVALID, EXIT_OK, EXIT_USAGE, Io } from './command-line';
export interface Command {
    readonly spec: CommandSpec;
    run(args: ParsedArgs, io: Io): number | Promise<number>;
}
/** `cdktf-barman --help` */
export declare const USAGE: string;
/** The package's version, from its package.json (dist/lib/cli -> the package root). */
export declare function version(): string;
/** Runs one command; returns the exit code. Usage errors are one line on stderr. */
export declare function main(args: readonly string[], io?: Io, commands?: readonly Command[]): Promise<number>;
/**
 * main, with every unexpected exception turned into one line and exit 70 (the stack only with
 * CDKTF_BARMAN_DEBUG=1); a system error still escaping (e.g. DIR unreadable) is exit 1.
 */
export declare function runCli(args: readonly string[], io?: Io, command?: typeof main): Promise<number>;
