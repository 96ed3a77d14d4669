import { Construct, ITerraformDependable } from '../platform/cdktf';
/**
 * Makes every Terraform resource under `cluster` depend on `dependsOn` and on whatever was added
 * with `node.addDependency(...)` to the cluster or to any construct inside it. cdktf itself turns
 * construct dependencies into nothing, so this runs as an aspect at synthesis, when all of them
 * are known; entries a resource already has are kept and none is written twice.
 */
export declare function applyClusterDependencies(cluster: Construct, dependsOn: readonly ITerraformDependable[]): void;
