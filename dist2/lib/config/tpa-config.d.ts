import { ClusterSpec } from '../model/cluster-spec';
import { BarmanGraph } from '../model/graph';
/**
 * Reads a TPA config.yml into the same unvalidated spec the typed API produces, keeping the
 * position of every value. Merge order as TPA: instance > instance_defaults > location; instance
 * vars over cluster_vars (applied later, in buildGraph).
 */
export declare function loadTpaConfig(text: string, file: string): ClusterSpec;
export declare function loadTpaConfigFile(path: string): ClusterSpec;
/** Loads and validates: the graph, or InvalidConfigError with every problem. */
export declare function loadGraphFromFile(path: string): BarmanGraph;
