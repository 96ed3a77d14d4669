import { StatusTargets } from './targets';
/** Outputs that hold no usable targets: one line for the user, exit 1. */
export declare class StatusTargetsError extends Error {
}
/**
 * The one targets document in `json` (`source` names it in errors); with several clusters in the
 * outputs, `cluster` picks one.
 */
export declare function readStatusTargets(json: string, source: string, cluster?: string): StatusTargets;
