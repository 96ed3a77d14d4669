"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.connectionHostInput = exports.addressInput = void 0;
exports.instanceInputName = instanceInputName;
exports.hostInputs = hostInputs;
exports.moduleOutputs = moduleOutputs;
exports.withoutProviderBlocks = withoutProviderBlocks;
const host_overrides_1 = require("../model/host-overrides");
const literal_text_1 = require("../model/literal-text");
const cdktf_1 = require("../platform/cdktf");
const host_provisioner_1 = require("./host-provisioner");
/** The part of a variable name that stands for the instance: its name with every character but a-z, 0-9 and '_' as '_'. */
function instanceInputName(instance) {
    return instance.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}
/** The module's input variable of an instance's address. */
const addressInput = (instance) => `address_${instanceInputName(instance)}`;
exports.addressInput = addressInput;
/** The module's input variable of an instance's connection host. */
const connectionHostInput = (instance) => `connection_host_${instanceInputName(instance)}`;
exports.connectionHostInput = connectionHostInput;
/**
 * Declares `address_<name>` and `connection_host_<name>` per instance (defaults: the definition's
 * values) and returns the graph built again with those variables as the addresses. The connection
 * host's default is null, meaning the address, unless the definition gives one of its own.
 */
function hostInputs(scope, graph) {
    const byInput = new Map();
    const hosts = new Map();
    for (const i of graph.instances) {
        const input = instanceInputName(i.name);
        const other = byInput.get(input);
        if (other !== undefined) {
            throw new Error(`instances '${other}' and '${i.name}' would both get the module inputs ${(0, exports.addressInput)(i.name)} and ${(0, exports.connectionHostInput)(i.name)}: rename one (only letters, digits and '_' survive in a variable name)`);
        }
        byInput.set(input, i.name);
        for (const [what, value] of [['address', i.address], ['connection host', i.connectionHost]]) {
            if ((0, literal_text_1.containsToken)(value)) {
                throw new Error(`instance '${i.name}' has a Terraform reference as its ${what}, and a module input takes a literal default: give a literal value (the estate passes the reference to the module), or build the stack without asModule`);
            }
        }
        const address = new cdktf_1.TerraformVariable(scope, (0, exports.addressInput)(i.name), {
            type: 'string',
            default: i.address,
            description: `address of instance '${i.name}' (host name or IP address) that the other hosts use: conninfo, ssh_command, pg_hba.conf, from= in authorized_keys (an IP address there when its keys are restricted); default from the cluster definition`,
        });
        const ownHost = i.connectionHost !== i.address;
        const host = new cdktf_1.TerraformVariable(scope, (0, exports.connectionHostInput)(i.name), {
            type: 'string',
            description: `host Terraform's SSH connection to instance '${i.name}' uses (null: its address); default ${ownHost ? `${i.connectionHost} from the cluster definition` : 'null'}`,
        });
        // cdktf drops a null default from the props: write it as an override
        host.addOverride('default', ownHost ? i.connectionHost : null);
        hosts.set(i.name, { address: address.stringValue, connectionHost: cdktf_1.Fn.coalesce([host.stringValue, address.stringValue]) });
    }
    return (0, host_overrides_1.graphWithHosts)(graph, hosts);
}
/**
 * `<prefix>_host_resources` (instance name to the ids of the provisioner resources on it) and
 * `<prefix>_ready`, true once every provisioner resource of the cluster exists: referencing it (or
 * `depends_on = [module.barman]`) waits until Barman is configured and, unless activation is off,
 * activated and checked.
 */
function moduleOutputs(scope, cluster, prefix) {
    const provisioners = cluster.node.findAll().filter((c) => c instanceof host_provisioner_1.HostProvisioner);
    const ids = {};
    for (const i of cluster.graph.instances)
        ids[i.name] = [];
    for (const p of provisioners)
        ids[p.host.name].push(p.resource.getStringAttribute('id'));
    new cdktf_1.TerraformOutput(scope, `${prefix}_host_resources`, {
        value: ids,
        description: 'per instance, the ids of the resources that configure it: depend on one host\'s part of the cluster',
        staticId: true,
    });
    new cdktf_1.TerraformOutput(scope, `${prefix}_ready`, {
        value: cdktf_1.Fn.alltrue(provisioners.map((p) => cdktf_1.Op.gte(cdktf_1.Fn.lengthOf(p.resource.getStringAttribute('id')), 1))),
        description: 'true once every resource of the cluster is applied (its files, roles and, unless activation is off, each backup activated and checked): reference it to wait for Barman',
        staticId: true,
    });
}
/** A module must not configure providers (Terraform warns "Redundant empty provider block"): keep only `required_providers`. */
function withoutProviderBlocks(stack) {
    stack.addOverride('provider', undefined);
}
