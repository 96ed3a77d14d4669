/**
 * What makes a synthesized stack a Terraform module an HCL estate can call (`synth --module`,
 * `BarmanStack`'s `asModule`): per instance, input variables for its address and connection host;
 * outputs naming the provisioner resources per host and one value to wait on; no provider
 * configuration (a module only declares the providers it requires).
 */
import { BarmanGraph } from '../model/graph';
import { Construct, TerraformStack } from '../platform/cdktf';
import { BarmanCluster } from './barman-cluster';
/** The part of a variable name that stands for the instance: its name with every character but a-z, 0-9 and '_' as '_'. */
export declare function instanceInputName(instance: string): string;
/** The module's input variable of an instance's address. */
export declare const addressInput: (instance: string) => string;
/** The module's input variable of an instance's connection host. */
export declare const connectionHostInput: (instance: string) => string;
/**
 * Declares `address_<name>` and `connection_host_<name>` per instance (defaults: the definition's
 * values) and returns the graph built again with those variables as the addresses. The connection
 * host's default is null, meaning the address, unless the definition gives one of its own.
 */
export declare function hostInputs(scope: Construct, graph: BarmanGraph): BarmanGraph;
/**
 * `<prefix>_host_resources` (instance name to the ids of the provisioner resources on it) and
 * `<prefix>_ready`, true once every provisioner resource of the cluster exists: referencing it (or
 * `depends_on = [module.barman]`) waits until Barman is configured and, unless activation is off,
 * activated and checked.
 */
export declare function moduleOutputs(scope: Construct, cluster: BarmanCluster, prefix: string): void;
/** A module must not configure providers (Terraform warns "Redundant empty provider block"): keep only `required_providers`. */
export declare function withoutProviderBlocks(stack: TerraformStack): void;
