/**
 * The same cluster with some instances' address and connection host given by the TypeScript
 * caller instead of its definition: how `synth --module` makes them input variables. The values
 * enter the spec as the typed API's do (no source position), so they may be Terraform string
 * tokens, and the graph goes through buildGraph again: one validation path, the literal checks
 * of those values moved to plan time (token-checks.ts).
 */
import { InstanceSpec, Located } from './cluster-spec';
import { buildGraph, specOfGraph } from './build-graph';
import { BarmanGraph } from './graph';

/** What replaces an instance's address and connection host; an absent field keeps the definition's. */
export interface HostOverride {
  readonly address?: string;
  readonly connectionHost?: string;
}

/** The graph rebuilt from its definition with `hosts` (by instance name) as the instances' addresses. */
export function graphWithHosts(graph: BarmanGraph, hosts: ReadonlyMap<string, HostOverride>): BarmanGraph {
  const spec = specOfGraph(graph);
  if (spec === undefined) {
    throw new Error(`cluster '${graph.clusterName}' was not built by loadGraphFromFile or graphFromProps, so its definition cannot be built again with other host addresses: pass configFile or instances instead of the graph`);
  }
  const unknown = [...hosts.keys()].filter((name) => !spec.instances.some((i) => i.name.value === name));
  if (unknown.length > 0) throw new Error(`no instance named ${unknown.map((n) => `'${n}'`).join(', ')} in cluster '${graph.clusterName}': give host values for its instances only`);
  const instances = spec.instances.map((i): InstanceSpec => {
    const h = hosts.get(i.name.value);
    if (h === undefined) return i;
    const vars = new Map<string, Located<unknown>>(i.vars);
    if (h.address !== undefined) vars.set('address', { value: h.address });
    if (h.connectionHost !== undefined) vars.set('connection_host', { value: h.connectionHost });
    return { ...i, vars };
  });
  return buildGraph({ ...spec, instances });
}
