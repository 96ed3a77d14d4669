import { BarmanGraph } from '../model/graph';
import { Io, ParsedArgs } from './command-line';
/** Loads and validates, printing warnings or every error; undefined when invalid. */
export declare function load(file: string, io: Io): BarmanGraph | undefined;
/** The one CONFIG argument of a command. */
export declare function configArgument(args: ParsedArgs): string;
/** `FILE: ok: cluster 'x', 2 instances, ...` */
export declare function summary(file: string, g: BarmanGraph): string;
