"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BarmanGraph = void 0;
/** The validated instance graph: the only thing renderers and constructs see. */
class BarmanGraph {
    clusterName;
    instances;
    edges;
    warnings;
    tokenChecks;
    byName;
    byServer = new Map();
    byInstance = new Map();
    constructor(clusterName, instances, edges, 
    /** warnings found while building it (errors throw instead) */
    warnings = [], 
    /** rules for values given as Terraform tokens, checked at plan/apply time (see token-checks.ts) */
    tokenChecks = []) {
        this.clusterName = clusterName;
        this.instances = instances;
        this.edges = edges;
        this.warnings = warnings;
        this.tokenChecks = tokenChecks;
        this.byName = new Map(instances.map((i) => [i.name, i]));
        for (const e of edges) {
            pushTo(this.byServer, e.server, e);
            pushTo(this.byInstance, e.instance, e);
        }
    }
    get barmanServers() {
        return this.instances.filter((i) => i.isBarmanServer);
    }
    get postgresInstances() {
        return this.instances.filter((i) => i.isPostgres);
    }
    instance(name) {
        const i = this.byName.get(name);
        if (!i)
            throw new Error(`no instance named '${name}' in cluster '${this.clusterName}'`);
        return i;
    }
    /** the instances backed up to this Barman server */
    edgesOnServer(server) {
        return this.byServer.get(server) ?? [];
    }
    /** where the instance's own data comes from: following `upstream` to an instance that has none */
    upstreamRoot(instance) {
        let current = instance;
        const seen = new Set();
        while (current.upstream !== undefined && !seen.has(current)) {
            seen.add(current);
            const next = this.byName.get(current.upstream);
            if (!next)
                break;
            current = next;
        }
        return current;
    }
    /**
     * Where a replica's restore_command fetches WAL: the first backed-up instance of its replication
     * tree (its upstream root first), on that instance's first Barman server.
     */
    walRestoreEdge(instance) {
        const root = this.upstreamRoot(instance);
        const own = this.edgesOfInstance(root)[0];
        if (own)
            return own;
        return this.edges.find((e) => e.instance !== instance && this.upstreamRoot(e.instance) === root);
    }
    /** the Barman servers this instance is backed up to */
    edgesOfInstance(instance) {
        return this.byInstance.get(instance) ?? [];
    }
}
exports.BarmanGraph = BarmanGraph;
function pushTo(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
