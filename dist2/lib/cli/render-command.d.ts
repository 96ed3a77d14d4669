import { CommandSpec, Io, ParsedArgs } from './command-line';
export declare const RENDER: CommandSpec;
export declare function renderCommand(args: ParsedArgs, io: Io): number;
