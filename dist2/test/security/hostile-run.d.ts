import { Diagnostic } from '../../lib/model/diagnostics';
import { BarmanGraph } from '../../lib/model/graph';
import { BarmanParse } from '../support/barman-parse';
import { HostileKey, Payload } from './hostile-cases';
export interface CommandRun {
    readonly code?: number;
    readonly stdout: string;
    readonly stderr: string;
    /** an exception escaped main(): what the real CLI turns into exit 70 and a stack trace */
    readonly crash?: string;
}
export interface SynthRun extends CommandRun {
    /** every string of the written JSON, by path */
    readonly strings?: Map<string, string>;
}
export declare const SYNTH_MODES: Readonly<Record<string, readonly string[]>>;
export interface CaseResult {
    readonly key: HostileKey;
    readonly payload: Payload;
    readonly value: string;
    readonly file: string;
    readonly text: string;
    readonly graph?: BarmanGraph;
    readonly errors: readonly Diagnostic[];
    /** loading threw something other than InvalidConfigError */
    readonly loadCrash?: string;
    readonly outDir: string;
    readonly render: CommandRun;
    readonly synth: Map<string, SynthRun>;
    /** Barman server name -> what Barman's parser read from its rendered files */
    readonly barman: Map<string, BarmanParse>;
    /** `bash -n` errors of the provisioner scripts the payload changed */
    readonly shellSyntax: string[];
}
/** Runs `cdktf-barman ARGS` in-process; never throws. */
export declare function runCli(args: readonly string[]): Promise<CommandRun>;
/** the synthesized JSON of the config without any payload, per mode */
export declare function baselineSynth(dir: string): Promise<Map<string, Map<string, string>>>;
/** Runs one key × payload case in `dir` (fresh). Barman is read later, in one batch. */
export declare function runCase(dir: string, key: HostileKey, payload: Payload): Promise<CaseResult>;
/** Reads every accepted case's Barman files with Barman's own parser, in one python process. */
export declare function readBarmanConfigs(python: string, results: readonly CaseResult[]): void;
/** Files under dir (relative paths), or [] when dir is missing. */
export declare function filesUnder(dir: string): string[];
/**
 * The provisioner scripts of a synthesized JSON as the shell receives them: remote-exec writes
 * the `inline` commands one per line into one script; Terraform's escapes are read.
 */
export declare function inlineScripts(strings: Map<string, string>): Map<string, string>;
/**
 * `bash -n` on the provisioner scripts of each accepted case that differ from the baseline's: one
 * bash per case on all of them (each in a subshell), then one per script only when that fails.
 */
export declare function checkShellSyntax(dir: string, baseline: Map<string, string>, results: readonly CaseResult[]): void;
