"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.graphOfSource = graphOfSource;
const tpa_config_1 = require("../config/tpa-config");
const typed_cluster_1 = require("../model/typed-cluster");
/** The validated graph of whichever source was given; an error unless exactly one was. */
function graphOfSource(source) {
    const given = ['instances', 'configFile', 'graph'].filter((k) => source[k] !== undefined);
    if (given.length === 0) {
        throw new Error('a barman cluster needs its definition: give instances (with clusterName), configFile (a config.yml) or graph');
    }
    if (given.length > 1)
        throw new Error(`give one definition of the cluster, not ${given.join(' and ')}: keep one of them`);
    const extras = ['clusterName', 'settings'].filter((k) => source[k] !== undefined);
    if (source.instances === undefined && extras.length > 0) {
        const from = given[0] === 'configFile' ? 'the config file' : 'the graph';
        const verb = extras.length > 1 ? 'go' : 'goes';
        throw new Error(`${extras.join(' and ')} only ${verb} with instances (with ${given[0]}, the cluster's name and settings come from ${from}): remove ${extras.join(' and ')}`);
    }
    if (source.graph !== undefined)
        return source.graph;
    if (source.configFile !== undefined)
        return (0, tpa_config_1.loadGraphFromFile)(source.configFile);
    if (source.clusterName === undefined)
        throw new Error("instances need clusterName, the cluster's name (letters, digits, '_' and '-'): add it");
    return (0, typed_cluster_1.graphFromProps)({ clusterName: source.clusterName, instances: source.instances, settings: source.settings });
}
