import { BarmanGraph } from './graph';
/** What replaces an instance's address and connection host; an absent field keeps the definition's. */
export interface HostOverride {
    readonly address?: string;
    readonly connectionHost?: string;
}
/** The graph rebuilt from its definition with `hosts` (by instance name) as the instances' addresses. */
export declare function graphWithHosts(graph: BarmanGraph, hosts: ReadonlyMap<string, HostOverride>): BarmanGraph;
