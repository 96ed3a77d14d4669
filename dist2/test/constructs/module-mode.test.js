"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * `BarmanStack`'s asModule (`synth --module`) as JSON: per-instance address and connection host
 * inputs with the definition's values as defaults, the cluster built with them as its addresses,
 * the outputs an HCL estate depends on, and no provider blocks. The real Terraform run of the
 * README's HCL example is hcl-module.test.ts.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const host_provisioner_1 = require("../../lib/constructs/host-provisioner");
const enums_1 = require("../../lib/model/enums");
const cdktf_1 = require("../../lib/platform/cdktf");
const synth_helpers_1 = require("./synth-helpers");
const variablesOf = (json) => (json.variable ?? {});
const TERRAFORM_DATA = { configFile: (0, synth_helpers_1.SEED_CONFIG)(), asModule: true, resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA, keysFromVariables: true };
(0, node_test_1.describe)('asModule: inputs', () => {
    (0, node_test_1.test)('an address and a connection host variable per instance; the defaults are the definition\'s', () => {
        const json = (0, synth_helpers_1.synthBarmanStack)(TERRAFORM_DATA);
        const vars = variablesOf(json);
        for (const i of (0, synth_helpers_1.seedGraph)().instances) {
            const address = vars[`address_${i.name}`];
            strict_1.default.ok(address, `address_${i.name} is declared`);
            strict_1.default.equal(address.type, 'string');
            strict_1.default.equal(address.default, i.address, `address_${i.name} defaults to config.yml's ${i.address}`);
            strict_1.default.match(address.description ?? '', new RegExp(`instance '${i.name}'`));
            const host = vars[`connection_host_${i.name}`];
            strict_1.default.ok(host, `connection_host_${i.name} is declared`);
            strict_1.default.equal(host.type, 'string');
            // the seed connects to each address: null follows the address input
            strict_1.default.equal(host.default, null);
        }
    });
    (0, node_test_1.test)('every file and connection uses the inputs, not the literal addresses', () => {
        const json = (0, synth_helpers_1.synthBarmanStack)(TERRAFORM_DATA);
        const backup = (0, synth_helpers_1.resource)(json, 'terraform_data', 'barman_backup_one_on_two');
        const conf = (0, synth_helpers_1.triggersOf)(backup)['/etc/barman.d/one.conf'];
        strict_1.default.match(conf, /conninfo = "host=\$\{var\.address_one\} /);
        strict_1.default.doesNotMatch(conf, /192\.0\.2\.11/);
        strict_1.default.equal(backup.connection?.host, '${coalesce(var.connection_host_two, var.address_two)}');
        const access = (0, synth_helpers_1.resource)(json, 'terraform_data', 'barman_postgres_access_one');
        strict_1.default.equal(access.connection?.host, '${coalesce(var.connection_host_one, var.address_one)}');
        // the literal checks moved to plan time
        const preconditions = JSON.stringify(backup.lifecycle?.precondition ?? []);
        strict_1.default.match(preconditions, /is not a host name or IP address/);
        strict_1.default.match(preconditions, /var\.address_one/);
    });
    (0, node_test_1.test)("a connection host of the definition's own is the default of its input", () => {
        const instances = [
            { name: 'db1', roles: [enums_1.Role.PRIMARY], address: '10.1.0.5', connectionHost: '203.0.113.5', backup: ['barman1'] },
            { name: 'barman1', roles: [enums_1.Role.BARMAN], address: '10.1.0.6' },
        ];
        const vars = variablesOf((0, synth_helpers_1.synthBarmanStack)({ clusterName: 'typed', instances, asModule: true }));
        strict_1.default.equal(vars.connection_host_db1.default, '203.0.113.5');
        strict_1.default.equal(vars.address_db1.default, '10.1.0.5');
        strict_1.default.equal(vars.connection_host_barman1.default, null);
    });
    (0, node_test_1.test)('names become identifiers; two instances sharing one are an error naming both', () => {
        const instances = [
            { name: 'db-1.example', roles: [enums_1.Role.PRIMARY], address: '10.1.0.5', backup: ['barman1'] },
            { name: 'barman1', roles: [enums_1.Role.BARMAN], address: '10.1.0.6' },
        ];
        const vars = variablesOf((0, synth_helpers_1.synthBarmanStack)({ clusterName: 'typed', instances, asModule: true }));
        strict_1.default.ok(vars.address_db_1_example, Object.keys(vars).join(', '));
        strict_1.default.ok(vars.connection_host_db_1_example);
        const clash = [...instances, { name: 'db-1-example', roles: [enums_1.Role.PRIMARY], address: '10.1.0.7', backup: ['barman1'] }];
        strict_1.default.throws(() => (0, synth_helpers_1.synthBarmanStack)({ clusterName: 'typed', instances: clash, asModule: true }), /instances 'db-1\.example' and 'db-1-example' would both get the module inputs address_db_1_example and connection_host_db_1_example: rename one/);
    });
    (0, node_test_1.test)('a reference as an address cannot be a default: a clear error', () => {
        const reference = cdktf_1.Fn.lower('10.1.0.5');
        const instances = [{ name: 'db1', roles: [enums_1.Role.PRIMARY], address: reference, backup: ['b'] }, { name: 'b', roles: [enums_1.Role.BARMAN] }];
        strict_1.default.throws(() => (0, synth_helpers_1.synthBarmanStack)({ clusterName: 'typed', instances, asModule: true }), /instance 'db1' has a Terraform reference as its address, and a module input takes a literal default/);
        // the same instances synthesize without asModule (the typed API takes references there)
        strict_1.default.ok((0, synth_helpers_1.synthBarmanStack)({ clusterName: 'typed', instances }).resource);
    });
});
(0, node_test_1.describe)('asModule: outputs and providers', () => {
    (0, node_test_1.test)('host_resources lists every provisioner resource under its host; ready depends on all of them', () => {
        const json = (0, synth_helpers_1.synthBarmanStack)(TERRAFORM_DATA);
        const outputs = json.output ?? {};
        const byHost = outputs.barman_host_resources?.value;
        const graph = (0, synth_helpers_1.seedGraph)();
        strict_1.default.deepEqual(Object.keys(byHost).sort(), graph.instances.map((i) => i.name).sort());
        const listed = Object.values(byHost).flat().map((ref) => /^\$\{terraform_data\.(.+)\.id\}$/.exec(ref)?.[1]);
        strict_1.default.deepEqual(listed.slice().sort(), (0, synth_helpers_1.expectedProvisionerIds)(graph));
        strict_1.default.ok(byHost.two.includes('${terraform_data.barman_activate_one_on_two.id}'), 'the activation runs on the Barman server');
        strict_1.default.ok(byHost.one.includes('${terraform_data.barman_postgres_roles_one.id}'), 'the roles are created on the primary');
        const ready = String(outputs.barman_ready?.value);
        for (const id of (0, synth_helpers_1.provisionerResources)(json).keys())
            strict_1.default.ok(ready.includes(`${id}.id`), `barman_ready references ${id}`);
        strict_1.default.match(ready, /^\$\{alltrue\(\[/);
    });
    (0, node_test_1.test)('no provider blocks, required_providers kept (null_resource and generated keys)', () => {
        const json = (0, synth_helpers_1.synthBarmanStack)({ configFile: (0, synth_helpers_1.SEED_CONFIG)(), asModule: true });
        strict_1.default.equal(json.provider, undefined, JSON.stringify(json.provider));
        strict_1.default.deepEqual(Object.keys(json.terraform?.required_providers ?? {}).sort(), ['null', 'tls']);
        strict_1.default.ok(json.output?.barman_postgres_public_key, 'the generated public keys are outputs');
        strict_1.default.ok(json.output?.barman_barman_public_key);
        // without asModule the stack stays a root module with its provider blocks
        const root = (0, synth_helpers_1.synthBarmanStack)({ configFile: (0, synth_helpers_1.SEED_CONFIG)() });
        strict_1.default.deepEqual(Object.keys(root.provider ?? {}).sort(), ['null', 'tls']);
        strict_1.default.equal(Object.keys(variablesOf(root)).filter((v) => v.startsWith('address_')).length, 0);
    });
});
