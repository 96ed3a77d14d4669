"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.applyClusterDependencies = applyClusterDependencies;
const cdktf_1 = require("../platform/cdktf");
/**
 * Makes every Terraform resource under `cluster` depend on `dependsOn` and on whatever was added
 * with `node.addDependency(...)` to the cluster or to any construct inside it. cdktf itself turns
 * construct dependencies into nothing, so this runs as an aspect at synthesis, when all of them
 * are known; entries a resource already has are kept and none is written twice.
 */
function applyClusterDependencies(cluster, dependsOn) {
    for (const d of dependsOn)
        if (cdktf_1.Construct.isConstruct(d))
            assertSameStack(cluster, d);
    let pass = new SynthesisPass(cluster);
    cdktf_1.Aspects.of(cluster).add({
        visit(node) {
            // the cluster is visited first: a fresh pass for each synthesis
            if (node === cluster)
                pass = new SynthesisPass(cluster);
            else if (cdktf_1.TerraformResource.isTerraformResource(node))
                pass.addDependencies(node, dependsOn);
        },
    });
}
/** What one synthesis learns once: each dependency's resources and each reference's address. */
class SynthesisPass {
    cluster;
    resolver = new cdktf_1.DefaultTokenResolver(new cdktf_1.StringConcat());
    targets = new Map();
    references = new Map();
    constructor(cluster) {
        this.cluster = cluster;
    }
    addDependencies(resource, given) {
        const wanted = [...given];
        for (let scope = this.cluster; scope !== undefined; scope = childTowards(scope, resource)) {
            for (const target of scope.node.dependencies)
                wanted.push(...this.dependablesOf(target));
        }
        if (wanted.length === 0)
            return;
        const present = new Set((resource.dependsOn ?? []).map((d) => this.addressOf(d)));
        const added = [];
        for (const w of wanted) {
            const { reference, address } = this.referenceTo(w);
            if (present.has(address))
                continue;
            present.add(address);
            added.push(reference);
        }
        if (added.length > 0)
            resource.dependsOn = [...(resource.dependsOn ?? []), ...added];
    }
    addressOf(reference) {
        return String(cdktf_1.Tokenization.resolve(reference, { scope: this.cluster, resolver: this.resolver }));
    }
    referenceTo(d) {
        let r = this.references.get(d);
        if (r === undefined) {
            const reference = (0, cdktf_1.dependable)(d);
            r = { reference, address: this.addressOf(reference) };
            this.references.set(d, r);
        }
        return r;
    }
    dependablesOf(target) {
        let found = this.targets.get(target);
        if (found === undefined) {
            found = dependablesOf(target, this.cluster);
            this.targets.set(target, found);
        }
        return found;
    }
}
/** the next construct on the way from `scope` down to `resource` (undefined past the resource) */
function childTowards(scope, resource) {
    if (scope === resource)
        return undefined;
    const path = resource.node.scopes;
    return path[path.indexOf(scope) + 1];
}
const isDependable = (c) => cdktf_1.TerraformResource.isTerraformResource(c) || cdktf_1.TerraformDataSource.isTerraformDataSource(c) || c instanceof cdktf_1.TerraformModule;
/** A construct's resources, data sources and modules, except the cluster's own (no cycles). */
function dependablesOf(target, cluster) {
    const inside = (c) => c.node.scopes.includes(cluster);
    const found = (isDependable(target) ? [target] : target.node.findAll().filter(isDependable)).filter((c) => !inside(c));
    if (found.length === 0) {
        throw new Error(`'${cluster.node.path}' depends on '${target.node.path}', which holds no terraform resource, data source or module outside the cluster: add the dependency on the resources themselves`);
    }
    for (const f of found)
        assertSameStack(cluster, f);
    return found;
}
function assertSameStack(cluster, target) {
    const theirs = cdktf_1.TerraformStack.of(target);
    const ours = cdktf_1.TerraformStack.of(cluster);
    if (theirs !== ours) {
        throw new Error(`'${cluster.node.path}' depends on '${target.node.path}' of another stack ('${theirs.node.path}'): depends_on reaches only its own stack; order the stacks with ${ours.node.id}.addDependency(${theirs.node.id}) instead`);
    }
}
