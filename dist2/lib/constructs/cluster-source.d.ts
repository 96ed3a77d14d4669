import { BarmanGraph } from '../model/graph';
import { BarmanSettings } from '../model/settings';
import { InstanceProps } from '../model/typed-cluster';
/** Where a cluster's definition comes from: exactly one of `instances`, `configFile` and `graph`. */
export interface ClusterSource {
    /** the cluster's name, with `instances`: letters, digits, '_' and '-' @default - none: required with instances */
    readonly clusterName?: string;
    /** the instances, validated like config.yml (throws InvalidConfigError listing every problem) @default - configFile or graph */
    readonly instances?: InstanceProps[];
    /** with `instances`: settings of every instance unless it sets its own @default - the defaults of each setting */
    readonly settings?: BarmanSettings;
    /** path of a TPA-style config.yml @default - instances or graph */
    readonly configFile?: string;
    /** an already validated graph: `graphFromProps(...)` or `loadGraphFromFile(...)` @default - instances or configFile */
    readonly graph?: BarmanGraph;
}
/** The validated graph of whichever source was given; an error unless exactly one was. */
export declare function graphOfSource(source: ClusterSource): BarmanGraph;
