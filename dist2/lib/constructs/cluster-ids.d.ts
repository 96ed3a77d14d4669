import { Construct } from '../platform/cdktf';
/**
 * Claims `prefix` for `cluster` in its stack. Two clusters with one prefix would write the same
 * logical ids, and cdktf keeps one of two resources of one address without a word: the second
 * cluster's keys and passwords would replace the first's. So a second claim is an error.
 */
export declare function claimIdPrefix(cluster: Construct, prefix: string): void;
