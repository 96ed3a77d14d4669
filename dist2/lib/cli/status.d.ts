import { SshRunner } from '../status/ssh-runner';
import { CommandSpec, Io, ParsedArgs } from './command-line';
export declare const STATUS: CommandSpec;
/** `status`: 0 all OK, 1 any failure (or unreadable input), 2 usage error. */
export declare function statusCommand(args: ParsedArgs, io: Io, run?: SshRunner): Promise<number>;
