import { CommandSpec, Io, ParsedArgs } from './command-line';
export declare const VALIDATE: CommandSpec;
export declare function validateCommand(args: ParsedArgs, io: Io): number;
