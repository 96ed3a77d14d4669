"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.claimIdPrefix = claimIdPrefix;
const cdktf_1 = require("../platform/cdktf");
const claimsByStack = new WeakMap();
/**
 * Claims `prefix` for `cluster` in its stack. Two clusters with one prefix would write the same
 * logical ids, and cdktf keeps one of two resources of one address without a word: the second
 * cluster's keys and passwords would replace the first's. So a second claim is an error.
 */
function claimIdPrefix(cluster, prefix) {
    const stack = cdktf_1.TerraformStack.of(cluster);
    let claims = claimsByStack.get(stack);
    if (claims === undefined) {
        claims = { prefixes: new Map(), clusters: [] };
        claimsByStack.set(stack, claims);
        const checked = claims;
        cdktf_1.Aspects.of(stack).add({ visit: (node) => node === stack && assertDistinctAddresses(stack, checked.clusters) });
    }
    const other = claims.prefixes.get(prefix);
    if (other !== undefined) {
        throw new Error(`clusters '${other.node.path}' and '${cluster.node.path}' would both use the logical id prefix '${prefix}' and share their keys, passwords and resources: give them distinct construct ids, or a distinct idPrefix to one of them`);
    }
    claims.prefixes.set(prefix, cluster);
    claims.clusters.push(cluster);
}
/**
 * Distinct prefixes can still meet ('a' with a server 'server.x', 'a_server' with a server 'x':
 * both a_server_server_x), and a resource of the estate can take a cluster's id: at synthesis,
 * any address a cluster's resource shares with another resource of the stack is an error.
 */
function assertDistinctAddresses(stack, clusters) {
    const inCluster = (c) => c.node.scopes.some((s) => clusters.includes(s));
    const seen = new Map();
    const clashes = [];
    for (const c of stack.node.findAll()) {
        if (!cdktf_1.TerraformResource.isTerraformResource(c))
            continue;
        const address = `${c.terraformResourceType}.${c.friendlyUniqueId}`;
        const other = seen.get(address);
        if (other === undefined)
            seen.set(address, c);
        else if (inCluster(other) || inCluster(c))
            clashes.push(`'${other.node.path}' and '${c.node.path}' are both ${address}`);
    }
    if (clashes.length > 0) {
        throw new Error(`two resources of stack '${stack.node.path}' would get one terraform address and cdktf would keep only one: ${clashes.join('; ')}: give the clusters idPrefix values that do not begin with one another, or rename the other resource`);
    }
}
