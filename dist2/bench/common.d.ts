/** the repository root (this file runs from dist/bench/) */
export declare const ROOT: string;
export declare const median: (xs: number[]) => number;
export interface WorkerResult {
    ms: number;
    cpuMs: number;
    hwmMiB: number;
    loadMs: number;
    [figure: string]: number;
}
/** One measured run in a fresh node process (see bench/worker.ts); OUT is emptied first. */
export declare function worker(mode: 'lib' | 'baseline' | 'phases', input: string, out: string, nodeArgs?: string[]): WorkerResult;
