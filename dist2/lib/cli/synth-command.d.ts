import { BarmanGraph } from '../model/graph';
import { BarmanStackProps } from '../constructs/barman-stack';
import { CommandSpec, Io, ParsedArgs } from './command-line';
export declare const SYNTH_FILE = "cdktf-barman.tf.json";
export type SynthOptions = Omit<BarmanStackProps, 'graph'>;
export declare const SYNTH: CommandSpec;
/** The stack options the command line asks for (UsageError on a wrong value). */
export declare function synthOptionsOf(args: ParsedArgs): SynthOptions;
/** Writes DIR/cdktf-barman.tf.json under the one --out policy; returns its path. */
export declare function writeSynth(graph: BarmanGraph, outDir: string, options: SynthOptions, force?: boolean): string;
export declare function synthCommand(args: ParsedArgs, io: Io): number;
