import { loadGraphFromFile } from '../config/tpa-config';
import { BarmanGraph } from '../model/graph';
import { BarmanSettings } from '../model/settings';
import { InstanceProps, graphFromProps } from '../model/typed-cluster';

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
export function graphOfSource(source: ClusterSource): BarmanGraph {
  const given = (['instances', 'configFile', 'graph'] as const).filter((k) => source[k] !== undefined);
  if (given.length === 0) {
    throw new Error('a barman cluster needs its definition: give instances (with clusterName), configFile (a config.yml) or graph');
  }
  if (given.length > 1) throw new Error(`give one definition of the cluster, not ${given.join(' and ')}: keep one of them`);
  const extras = (['clusterName', 'settings'] as const).filter((k) => source[k] !== undefined);
  if (source.instances === undefined && extras.length > 0) {
    const from = given[0] === 'configFile' ? 'the config file' : 'the graph';
    const verb = extras.length > 1 ? 'go' : 'goes';
    throw new Error(`${extras.join(' and ')} only ${verb} with instances (with ${given[0]}, the cluster's name and settings come from ${from}): remove ${extras.join(' and ')}`);
  }
  if (source.graph !== undefined) return source.graph;
  if (source.configFile !== undefined) return loadGraphFromFile(source.configFile);
  if (source.clusterName === undefined) throw new Error("instances need clusterName, the cluster's name (letters, digits, '_' and '-'): add it");
  return graphFromProps({ clusterName: source.clusterName, instances: source.instances!, settings: source.settings });
}
