interface CallFrame {
    functionName: string;
    url: string;
    lineNumber: number;
}
interface ProfileNode {
    id: number;
    callFrame: CallFrame;
    children?: number[];
}
interface CpuProfile {
    nodes: ProfileNode[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
}
export interface ProfileSummary {
    windowMs: number;
    self: {
        key: string;
        ms: number;
    }[];
    packages: {
        key: string;
        ms: number;
    }[];
    libraryInclusive: {
        key: string;
        ms: number;
    }[];
}
/** Self and inclusive times of a .cpuprofile, between two monotonic timestamps (µs). */
export declare function summarize(profile: CpuProfile, fromUs: number, toUs: number): ProfileSummary;
export declare function profileSynth(n: number, work: string, say: (line: string) => void): void;
export {};
