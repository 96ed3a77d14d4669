"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.graphWithHosts = graphWithHosts;
const build_graph_1 = require("./build-graph");
/** The graph rebuilt from its definition with `hosts` (by instance name) as the instances' addresses. */
function graphWithHosts(graph, hosts) {
    const spec = (0, build_graph_1.specOfGraph)(graph);
    if (spec === undefined) {
        throw new Error(`cluster '${graph.clusterName}' was not built by loadGraphFromFile or graphFromProps, so its definition cannot be built again with other host addresses: pass configFile or instances instead of the graph`);
    }
    const unknown = [...hosts.keys()].filter((name) => !spec.instances.some((i) => i.name.value === name));
    if (unknown.length > 0)
        throw new Error(`no instance named ${unknown.map((n) => `'${n}'`).join(', ')} in cluster '${graph.clusterName}': give host values for its instances only`);
    const instances = spec.instances.map((i) => {
        const h = hosts.get(i.name.value);
        if (h === undefined)
            return i;
        const vars = new Map(i.vars);
        if (h.address !== undefined)
            vars.set('address', { value: h.address });
        if (h.connectionHost !== undefined)
            vars.set('connection_host', { value: h.connectionHost });
        return { ...i, vars };
    });
    return (0, build_graph_1.buildGraph)({ ...spec, instances });
}
