import { ProbeOutput } from './probe-output';
import { ServerStatus } from './report';
import { ServerTarget } from './targets';
/** Barman's own reading of `n DAYS|WEEKS|MONTHS` (a month is 31 days). */
export declare function maximumAgeSeconds(age: string): number;
/** `3d 4h`, `5h 2m`, `40s`: an age for people. */
export declare function formatAge(seconds: number): string;
/** How the probe went: it ran (its output), or ssh could not run it. */
export type ProbeOutcome = {
    readonly ran: true;
    readonly output: ProbeOutput;
}
/** reachable: ssh logged in but the probe did not start (sudo refused, no sh) */
 | {
    readonly ran: false;
    readonly reachable: boolean;
    readonly error: string;
};
/** The status of one Barman server from what its probe printed (pure: no host needed). */
export declare function evaluateServer(x: ServerTarget, outcome: ProbeOutcome): ServerStatus;
