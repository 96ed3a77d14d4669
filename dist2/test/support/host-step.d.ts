import { HOST_PROGRAM } from '../../lib/scripts/host-program';
import { HostScript } from '../../lib/scripts/remote-command';
export interface Run {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}
export interface RunOptions {
    readonly cwd?: string;
    readonly env?: NodeJS.ProcessEnv;
    /** arguments after the step's own (a secret step's files) */
    readonly extraArgs?: readonly string[];
}
/** runs one step as standaloneCommand makes it: `sh -c 'HOST_PROGRAM\nSTEP ARG... "$@"' cdktf-barman EXTRA...` */
export declare function runStep(s: HostScript, o?: RunOptions): Run;
/** the host program's functions defined (its setup done), then `body` evaluated as one step: `eval BODY` */
export declare function runInProgram(body: string, o?: Omit<RunOptions, 'extraArgs'>): Run;
/** inline lines as Terraform uploads them: one file, run with `sh FILE` (the file removes itself) */
export declare function runInline(file: string, lines: readonly string[], o?: RunOptions): Run;
export { HOST_PROGRAM };
