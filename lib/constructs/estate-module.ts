/**
 * What makes a synthesized stack a Terraform module an HCL estate can call (`synth --module`,
 * `BarmanStack`'s `asModule`): per instance, input variables for its address and connection host;
 * outputs naming the provisioner resources per host and one value to wait on; no provider
 * configuration (a module only declares the providers it requires).
 */
import { BarmanGraph } from '../model/graph';
import { HostOverride, graphWithHosts } from '../model/host-overrides';
import { containsToken } from '../model/literal-text';
import { Construct, Fn, Op, TerraformOutput, TerraformStack, TerraformVariable } from '../platform/cdktf';
import { BarmanCluster } from './barman-cluster';
import { HostProvisioner } from './host-provisioner';

/** The part of a variable name that stands for the instance: its name with every character but a-z, 0-9 and '_' as '_'. */
export function instanceInputName(instance: string): string {
  return instance.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/** The module's input variable of an instance's address. */
export const addressInput = (instance: string): string => `address_${instanceInputName(instance)}`;
/** The module's input variable of an instance's connection host. */
export const connectionHostInput = (instance: string): string => `connection_host_${instanceInputName(instance)}`;

/**
 * Declares `address_<name>` and `connection_host_<name>` per instance (defaults: the definition's
 * values) and returns the graph built again with those variables as the addresses. The connection
 * host's default is null, meaning the address, unless the definition gives one of its own.
 */
export function hostInputs(scope: Construct, graph: BarmanGraph): BarmanGraph {
  const byInput = new Map<string, string>();
  const hosts = new Map<string, HostOverride>();
  for (const i of graph.instances) {
    const input = instanceInputName(i.name);
    const other = byInput.get(input);
    if (other !== undefined) {
      throw new Error(`instances '${other}' and '${i.name}' would both get the module inputs ${addressInput(i.name)} and ${connectionHostInput(i.name)}: rename one (only letters, digits and '_' survive in a variable name)`);
    }
    byInput.set(input, i.name);
    for (const [what, value] of [['address', i.address], ['connection host', i.connectionHost]]) {
      if (containsToken(value)) {
        throw new Error(`instance '${i.name}' has a Terraform reference as its ${what}, and a module input takes a literal default: give a literal value (the estate passes the reference to the module), or build the stack without asModule`);
      }
    }
    const address = new TerraformVariable(scope, addressInput(i.name), {
      type: 'string',
      default: i.address,
      description: `address of instance '${i.name}' (host name or IP address) that the other hosts use: conninfo, ssh_command, pg_hba.conf, from= in authorized_keys (an IP address there when its keys are restricted); default from the cluster definition`,
    });
    const ownHost = i.connectionHost !== i.address;
    const host = new TerraformVariable(scope, connectionHostInput(i.name), {
      type: 'string',
      description: `host Terraform's SSH connection to instance '${i.name}' uses (null: its address); default ${ownHost ? `${i.connectionHost} from the cluster definition` : 'null'}`,
    });
    // cdktf drops a null default from the props: write it as an override
    host.addOverride('default', ownHost ? i.connectionHost : null);
    hosts.set(i.name, { address: address.stringValue, connectionHost: Fn.coalesce([host.stringValue, address.stringValue]) });
  }
  return graphWithHosts(graph, hosts);
}

/**
 * `<prefix>_host_resources` (instance name to the ids of the provisioner resources on it) and
 * `<prefix>_ready`, true once every provisioner resource of the cluster exists: referencing it (or
 * `depends_on = [module.barman]`) waits until Barman is configured and, unless activation is off,
 * activated and checked.
 */
export function moduleOutputs(scope: Construct, cluster: BarmanCluster, prefix: string): void {
  const provisioners = cluster.node.findAll().filter((c): c is HostProvisioner => c instanceof HostProvisioner);
  const ids: Record<string, string[]> = {};
  for (const i of cluster.graph.instances) ids[i.name] = [];
  for (const p of provisioners) ids[p.host.name].push(p.resource.getStringAttribute('id'));
  new TerraformOutput(scope, `${prefix}_host_resources`, {
    value: ids,
    description: 'per instance, the ids of the resources that configure it: depend on one host\'s part of the cluster',
    staticId: true,
  });
  new TerraformOutput(scope, `${prefix}_ready`, {
    value: Fn.alltrue(provisioners.map((p) => Op.gte(Fn.lengthOf(p.resource.getStringAttribute('id')), 1))),
    description: 'true once every resource of the cluster is applied (its files, roles and, unless activation is off, each backup activated and checked): reference it to wait for Barman',
    staticId: true,
  });
}

/** A module must not configure providers (Terraform warns "Redundant empty provider block"): keep only `required_providers`. */
export function withoutProviderBlocks(stack: TerraformStack): void {
  stack.addOverride('provider', undefined);
}
