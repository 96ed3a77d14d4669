/**
 * `BarmanStack`'s asModule (`synth --module`) as JSON: per-instance address and connection host
 * inputs with the definition's values as defaults, the cluster built with them as its addresses,
 * the outputs an HCL estate depends on, and no provider blocks. The real Terraform run of the
 * README's HCL example is hcl-module.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BarmanStackProps } from '../../lib/constructs/barman-stack';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { Role } from '../../lib/model/enums';
import { InstanceProps } from '../../lib/model/typed-cluster';
import { Fn } from '../../lib/platform/cdktf';
import { SEED_CONFIG, TfJson, expectedProvisionerIds, provisionerResources, resource, seedGraph, synthBarmanStack, triggersOf } from './synth-helpers';

type Variable = { default?: unknown; type?: string; description?: string };
const variablesOf = (json: TfJson) => (json.variable ?? {}) as Record<string, Variable>;

const TERRAFORM_DATA: BarmanStackProps = { configFile: SEED_CONFIG(), asModule: true, resourceType: ProvisionerResourceType.TERRAFORM_DATA, keysFromVariables: true };

describe('asModule: inputs', () => {
  test('an address and a connection host variable per instance; the defaults are the definition\'s', () => {
    const json = synthBarmanStack(TERRAFORM_DATA);
    const vars = variablesOf(json);
    for (const i of seedGraph().instances) {
      const address = vars[`address_${i.name}`];
      assert.ok(address, `address_${i.name} is declared`);
      assert.equal(address.type, 'string');
      assert.equal(address.default, i.address, `address_${i.name} defaults to config.yml's ${i.address}`);
      assert.match(address.description ?? '', new RegExp(`instance '${i.name}'`));
      const host = vars[`connection_host_${i.name}`];
      assert.ok(host, `connection_host_${i.name} is declared`);
      assert.equal(host.type, 'string');
      // the seed connects to each address: null follows the address input
      assert.equal(host.default, null);
    }
  });

  test('every file and connection uses the inputs, not the literal addresses', () => {
    const json = synthBarmanStack(TERRAFORM_DATA);
    const backup = resource(json, 'terraform_data', 'barman_backup_one_on_two');
    const conf = triggersOf(backup)['/etc/barman.d/one.conf'];
    assert.match(conf, /conninfo = "host=\$\{var\.address_one\} /);
    assert.doesNotMatch(conf, /192\.0\.2\.11/);
    assert.equal(backup.connection?.host, '${coalesce(var.connection_host_two, var.address_two)}');
    const access = resource(json, 'terraform_data', 'barman_postgres_access_one');
    assert.equal(access.connection?.host, '${coalesce(var.connection_host_one, var.address_one)}');
    // the literal checks moved to plan time
    const preconditions = JSON.stringify((backup as { lifecycle?: { precondition?: unknown[] } }).lifecycle?.precondition ?? []);
    assert.match(preconditions, /is not a host name or IP address/);
    assert.match(preconditions, /var\.address_one/);
  });

  test("a connection host of the definition's own is the default of its input", () => {
    const instances: InstanceProps[] = [
      { name: 'db1', roles: [Role.PRIMARY], address: '10.1.0.5', connectionHost: '203.0.113.5', backup: ['barman1'] },
      { name: 'barman1', roles: [Role.BARMAN], address: '10.1.0.6' },
    ];
    const vars = variablesOf(synthBarmanStack({ clusterName: 'typed', instances, asModule: true }));
    assert.equal(vars.connection_host_db1.default, '203.0.113.5');
    assert.equal(vars.address_db1.default, '10.1.0.5');
    assert.equal(vars.connection_host_barman1.default, null);
  });

  test('names become identifiers; two instances sharing one are an error naming both', () => {
    const instances: InstanceProps[] = [
      { name: 'db-1.example', roles: [Role.PRIMARY], address: '10.1.0.5', backup: ['barman1'] },
      { name: 'barman1', roles: [Role.BARMAN], address: '10.1.0.6' },
    ];
    const vars = variablesOf(synthBarmanStack({ clusterName: 'typed', instances, asModule: true }));
    assert.ok(vars.address_db_1_example, Object.keys(vars).join(', '));
    assert.ok(vars.connection_host_db_1_example);
    const clash = [...instances, { name: 'db-1-example', roles: [Role.PRIMARY], address: '10.1.0.7', backup: ['barman1'] }];
    assert.throws(() => synthBarmanStack({ clusterName: 'typed', instances: clash, asModule: true }), /instances 'db-1\.example' and 'db-1-example' would both get the module inputs address_db_1_example and connection_host_db_1_example: rename one/);
  });

  test('a reference as an address cannot be a default: a clear error', () => {
    const reference = Fn.lower('10.1.0.5');
    const instances: InstanceProps[] = [{ name: 'db1', roles: [Role.PRIMARY], address: reference, backup: ['b'] }, { name: 'b', roles: [Role.BARMAN] }];
    assert.throws(() => synthBarmanStack({ clusterName: 'typed', instances, asModule: true }), /instance 'db1' has a Terraform reference as its address, and a module input takes a literal default/);
    // the same instances synthesize without asModule (the typed API takes references there)
    assert.ok(synthBarmanStack({ clusterName: 'typed', instances }).resource);
  });
});

describe('asModule: outputs and providers', () => {
  test('host_resources lists every provisioner resource under its host; ready depends on all of them', () => {
    const json = synthBarmanStack(TERRAFORM_DATA);
    const outputs = json.output ?? {};
    const byHost = outputs.barman_host_resources?.value as Record<string, string[]>;
    const graph = seedGraph();
    assert.deepEqual(Object.keys(byHost).sort(), graph.instances.map((i) => i.name).sort());
    const listed = Object.values(byHost).flat().map((ref) => /^\$\{terraform_data\.(.+)\.id\}$/.exec(ref)?.[1]);
    assert.deepEqual(listed.slice().sort(), expectedProvisionerIds(graph));
    assert.ok(byHost.two.includes('${terraform_data.barman_activate_one_on_two.id}'), 'the activation runs on the Barman server');
    assert.ok(byHost.one.includes('${terraform_data.barman_postgres_roles_one.id}'), 'the roles are created on the primary');
    const ready = String(outputs.barman_ready?.value);
    for (const id of provisionerResources(json).keys()) assert.ok(ready.includes(`${id}.id`), `barman_ready references ${id}`);
    assert.match(ready, /^\$\{alltrue\(\[/);
  });

  test('no provider blocks, required_providers kept (null_resource and generated keys)', () => {
    const json = synthBarmanStack({ configFile: SEED_CONFIG(), asModule: true });
    assert.equal(json.provider, undefined, JSON.stringify(json.provider));
    assert.deepEqual(Object.keys(json.terraform?.required_providers ?? {}).sort(), ['null', 'tls']);
    assert.ok(json.output?.barman_postgres_public_key, 'the generated public keys are outputs');
    assert.ok(json.output?.barman_barman_public_key);
    // without asModule the stack stays a root module with its provider blocks
    const root = synthBarmanStack({ configFile: SEED_CONFIG() });
    assert.deepEqual(Object.keys(root.provider ?? {}).sort(), ['null', 'tls']);
    assert.equal(Object.keys(variablesOf(root)).filter((v) => v.startsWith('address_')).length, 0);
  });
});
