import { ClusterSpec } from './cluster-spec';
import { InvalidConfigError } from './diagnostics';
import { BarmanGraph } from './graph';
/**
 * Validates the input graph and resolves every instance's settings. Reports every problem at once
 * (throws InvalidConfigError) and never returns a partly valid graph.
 */
export declare function buildGraph(spec: ClusterSpec): BarmanGraph;
/** The spec a graph was built from by buildGraph (undefined for a graph made by other means). */
export declare function specOfGraph(graph: BarmanGraph): ClusterSpec | undefined;
export { InvalidConfigError };
