import {
  Aspects,
  Construct,
  DefaultTokenResolver,
  IConstruct,
  ITerraformDependable,
  StringConcat,
  TerraformDataSource,
  TerraformModule,
  TerraformResource,
  TerraformStack,
  Tokenization,
  dependable,
} from '../platform/cdktf';

/**
 * Makes every Terraform resource under `cluster` depend on `dependsOn` and on whatever was added
 * with `node.addDependency(...)` to the cluster or to any construct inside it. cdktf itself turns
 * construct dependencies into nothing, so this runs as an aspect at synthesis, when all of them
 * are known; entries a resource already has are kept and none is written twice.
 */
export function applyClusterDependencies(cluster: Construct, dependsOn: readonly ITerraformDependable[]): void {
  for (const d of dependsOn) if (Construct.isConstruct(d)) assertSameStack(cluster, d);
  let pass = new SynthesisPass(cluster);
  Aspects.of(cluster).add({
    visit(node: IConstruct): void {
      // the cluster is visited first: a fresh pass for each synthesis
      if (node === cluster) pass = new SynthesisPass(cluster);
      else if (TerraformResource.isTerraformResource(node)) pass.addDependencies(node, dependsOn);
    },
  });
}

/** What one synthesis learns once: each dependency's resources and each reference's address. */
class SynthesisPass {
  private readonly resolver = new DefaultTokenResolver(new StringConcat());
  private readonly targets = new Map<IConstruct, ITerraformDependable[]>();
  private readonly references = new Map<ITerraformDependable, { reference: string; address: string }>();

  constructor(private readonly cluster: Construct) {}

  addDependencies(resource: TerraformResource, given: readonly ITerraformDependable[]): void {
    const wanted: ITerraformDependable[] = [...given];
    for (let scope: IConstruct | undefined = this.cluster; scope !== undefined; scope = childTowards(scope, resource)) {
      for (const target of scope.node.dependencies) wanted.push(...this.dependablesOf(target));
    }
    if (wanted.length === 0) return;
    const present = new Set((resource.dependsOn ?? []).map((d) => this.addressOf(d)));
    const added: string[] = [];
    for (const w of wanted) {
      const { reference, address } = this.referenceTo(w);
      if (present.has(address)) continue;
      present.add(address);
      added.push(reference);
    }
    if (added.length > 0) resource.dependsOn = [...(resource.dependsOn ?? []), ...added];
  }

  private addressOf(reference: string): string {
    return String(Tokenization.resolve(reference, { scope: this.cluster, resolver: this.resolver }));
  }

  private referenceTo(d: ITerraformDependable): { reference: string; address: string } {
    let r = this.references.get(d);
    if (r === undefined) {
      const reference = dependable(d);
      r = { reference, address: this.addressOf(reference) };
      this.references.set(d, r);
    }
    return r;
  }

  private dependablesOf(target: IConstruct): ITerraformDependable[] {
    let found = this.targets.get(target);
    if (found === undefined) {
      found = dependablesOf(target, this.cluster);
      this.targets.set(target, found);
    }
    return found;
  }
}

/** the next construct on the way from `scope` down to `resource` (undefined past the resource) */
function childTowards(scope: IConstruct, resource: IConstruct): IConstruct | undefined {
  if (scope === resource) return undefined;
  const path = resource.node.scopes;
  return path[path.indexOf(scope) + 1];
}

const isDependable = (c: IConstruct): c is IConstruct & ITerraformDependable =>
  TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c) || c instanceof TerraformModule;

/** A construct's resources, data sources and modules, except the cluster's own (no cycles). */
function dependablesOf(target: IConstruct, cluster: Construct): ITerraformDependable[] {
  const inside = (c: IConstruct) => c.node.scopes.includes(cluster);
  const found = (isDependable(target) ? [target] : target.node.findAll().filter(isDependable)).filter((c) => !inside(c));
  if (found.length === 0) {
    throw new Error(
      `'${cluster.node.path}' depends on '${target.node.path}', which holds no terraform resource, data source or module outside the cluster: add the dependency on the resources themselves`,
    );
  }
  for (const f of found) assertSameStack(cluster, f);
  return found;
}

function assertSameStack(cluster: Construct, target: IConstruct): void {
  const theirs = TerraformStack.of(target);
  const ours = TerraformStack.of(cluster);
  if (theirs !== ours) {
    throw new Error(
      `'${cluster.node.path}' depends on '${target.node.path}' of another stack ('${theirs.node.path}'): depends_on reaches only its own stack; order the stacks with ${ours.node.id}.addDependency(${theirs.node.id}) instead`,
    );
  }
}
