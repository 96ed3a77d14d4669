/**
 * The targets of issue 15, checked against what one bench run measured. Each target is one line:
 * the figures at the sizes that ran, the bound, and `met` or `not met`; a target none of whose
 * sizes ran says so. The bench measures, it does not gate: nothing here changes the exit code.
 */
/** what bench/run.ts measured at one estate size */
export interface SizeFigures {
    n: number;
    libMs: number;
    baseMs: number;
    /** CPU time of the same runs (medians): steadier than wall time when the machine is busy */
    libCpuMs: number;
    baseCpuMs: number;
    libPeakMiB: number;
    jsonBytes: number;
    payloadBytes: number;
    /** medians of the library's and the floor's plans, when planned */
    planMs?: number;
    floorMs?: number;
}
/** per-instance figures at the larger size over those at the smaller; 1 is linear */
export declare const GROWTH_BOUND = 1.25;
export declare const growth: (small: SizeFigures, large: SizeFigures, value: (r: SizeFigures) => number) => number;
export declare function targetLines(results: SizeFigures[]): string[];
