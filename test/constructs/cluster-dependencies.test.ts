/**
 * A cluster's dependencies (issue 13 item 2): `dependsOn` and `node.addDependency(...)` reach every
 * resource the cluster creates as depends_on, next to the entries it already has, never twice.
 * The two-cluster stack is then checked by the real `terraform validate` and `plan`, offline
 * (terraform_data and supplied keys: no provider to download). Under CI a missing terraform fails.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BarmanCluster, BarmanClusterProps } from '../../lib/constructs/barman-cluster';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { TerraformData } from '../../lib/constructs/terraform-data';
import { App, Construct, TerraformStack, Testing } from '../../lib/platform/cdktf';
import { TfJson, TfResource, resourcesOf, seedGraph, synthStack } from './synth-helpers';

const SUPPLIED = {
  postgres: { privateKey: 'PRIVATE-POSTGRES', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBvc3RncmVz pg@vault' },
  barman: { privateKey: 'PRIVATE-BARMAN', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJhcm1hbg== barman@vault' },
};
const BUILT_IN: Partial<BarmanClusterProps> = { resourceType: ProvisionerResourceType.TERRAFORM_DATA, suppliedKeys: SUPPLIED };

/** the resources of one cluster: those whose logical id starts with its prefix */
const ofCluster = (json: TfJson, prefix: string): [string, TfResource][] => [...resourcesOf(json)].filter(([address]) => address.split('.')[1].startsWith(`${prefix}_`));

/** depends_on of each resource of a cluster alone in a stack, without any dependency of ours */
function baseline(id: string, props: Partial<BarmanClusterProps> = {}): Map<string, string[]> {
  const json = synthStack((stack) => void new BarmanCluster(stack, id, { graph: seedGraph(), ...props }));
  return new Map([...resourcesOf(json)].map(([address, r]) => [address, r.depends_on ?? []]));
}

/** A stack whose "hosts" are terraform_data resources: cluster `c` has dependsOn, cluster `d` node.addDependency. */
function hostStack(stack: TerraformStack, props: Partial<BarmanClusterProps> = {}): { host: TerraformData; c: BarmanCluster; d: BarmanCluster } {
  const host = new TerraformData(stack, 'host', { input: '192.0.2.11' });
  const c = new BarmanCluster(stack, 'c', { graph: seedGraph(), ...props, dependsOn: [host] });
  const d = new BarmanCluster(stack, 'd', { graph: seedGraph(), ...props });
  d.node.addDependency(host);
  return { host, c, d };
}

describe('a cluster waits for what it depends on', () => {
  for (const [mode, props] of [
    ['generated keys, null_resource', {}],
    ['supplied keys, terraform_data', BUILT_IN],
  ] as const) {
    test(`${mode}: every resource of both clusters keeps its depends_on and gains terraform_data.host, once`, () => {
      const json = synthStack((stack) => void hostStack(stack, props));
      for (const prefix of ['c', 'd']) {
        const before = baseline(prefix, props);
        const resources = ofCluster(json, prefix);
        assert.equal(resources.length, before.size, `cluster ${prefix} has the resources of a cluster alone`);
        assert.ok(resources.some(([a]) => a.startsWith('terraform_data.') && a.includes('_db_secret_')), 'the password resources are among them');
        if (props === BUILT_IN) assert.ok(!resources.some(([a]) => a.startsWith('tls_private_key.')));
        else assert.ok(resources.some(([a]) => a.startsWith('tls_private_key.')), 'the key pairs are among them');
        for (const [address, r] of resources) {
          const expected = [...(before.get(address) ?? assert.fail(`${address} is not in the cluster alone`)), 'terraform_data.host'];
          assert.deepEqual(r.depends_on, expected, address);
        }
      }
      assert.equal(resourcesOf(json).get('terraform_data.host')?.depends_on, undefined, 'the host depends on nothing');
    });
  }

  test('the same resource by dependsOn, by addDependency on the cluster and on a construct holding it: one entry', () => {
    const json = synthStack((stack) => {
      const hosts = new Construct(stack, 'hosts');
      const host = new TerraformData(hosts, 'host', { input: 'a' });
      // nested, its id would carry a hash
      host.overrideLogicalId('host');
      const c = new BarmanCluster(stack, 'c', { graph: seedGraph(), dependsOn: [host] });
      c.node.addDependency(host, hosts);
    });
    for (const [address, r] of ofCluster(json, 'c')) assert.equal(r.depends_on?.filter((d) => d === 'terraform_data.host').length, 1, address);
  });

  test('a second synthesis of the same stack adds nothing more', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    hostStack(stack);
    const first = Testing.synth(stack);
    assert.equal(Testing.synth(stack), first);
    assert.ok(first.includes('terraform_data.host'));
  });

  test('a construct holding several resources: each of them; a dependency of one part: that part only', () => {
    const json = synthStack((stack) => {
      const hosts = new Construct(stack, 'hosts');
      new TerraformData(hosts, 'pg', { input: 'a' }).overrideLogicalId('pg');
      new TerraformData(hosts, 'bk', { input: 'b' }).overrideLogicalId('bk');
      const late = new TerraformData(stack, 'late', { input: 'c' });
      const c = new BarmanCluster(stack, 'c', { graph: seedGraph() });
      c.node.addDependency(hosts);
      c.servers[0].node.addDependency(late);
    });
    for (const [address, r] of ofCluster(json, 'c')) {
      assert.ok(r.depends_on?.includes('terraform_data.pg') && r.depends_on.includes('terraform_data.bk'), address);
      assert.equal(r.depends_on?.includes('terraform_data.late'), address === 'null_resource.c_server_two', `${address}: only the server's resource waits for late`);
    }
  });

  test('a dependency with nothing to depend on, or in another stack, is an error naming it, never dropped', () => {
    assert.throws(
      () => synthStack((stack) => new BarmanCluster(stack, 'c', { graph: seedGraph() }).node.addDependency(new Construct(stack, 'empty'))),
      (e: Error) => /^'test\/c' depends on 'test\/empty', which holds no terraform resource, data source or module/.test(e.message) && /add the dependency on the resources/.test(e.message),
    );
    const app = Testing.app();
    const other = new TerraformStack(app, 'hosts');
    const host = new TerraformData(other, 'host', { input: 'a' });
    const stack = new TerraformStack(app, 'backups');
    assert.throws(() => new BarmanCluster(stack, 'c', { graph: seedGraph(), dependsOn: [host] }), /'backups\/c' depends on 'hosts\/host' of another stack \('hosts'\).*backups\.addDependency\(hosts\)/);
    new BarmanCluster(stack, 'd', { graph: seedGraph() }).node.addDependency(host);
    assert.throws(() => Testing.synth(stack), /'backups\/d' depends on 'hosts\/host' of another stack/);
  });
});

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { status: number | null; out: string; error?: Error } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

const version = run('terraform', ['version'], tmpdir());
const HAVE_TERRAFORM = !version.error && version.status === 0;
if (!HAVE_TERRAFORM && process.env.CI) throw new Error(`cluster-dependencies: terraform is required under CI (${version.error?.message ?? version.out.trim()})`);
if (!HAVE_TERRAFORM) console.log('SKIP cluster-dependencies (terraform): no `terraform` on PATH; the two-cluster stack was NOT validated');

describe('terraform validate and plan, offline, of two clusters waiting for a host', { skip: HAVE_TERRAFORM ? false : 'terraform is not on PATH' }, () => {
  test('valid, no warnings; the plan creates both clusters after the host', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-deps-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'empty.tfrc'), '');
    const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'empty.tfrc') };
    const app = new App({ outdir: dir, skipBackendValidation: true });
    const stack = new TerraformStack(app, 'estate');
    hostStack(stack, BUILT_IN);
    const json = JSON.parse(Testing.synth(stack)) as TfJson;
    assert.deepEqual(Object.keys(json.resource ?? {}), ['terraform_data'], 'only built-in resources');
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(json));

    const init = run('terraform', ['init', '-input=false', '-no-color'], dir, env);
    assert.equal(init.status, 0, init.out);
    const validate = run('terraform', ['validate', '-json', '-no-color'], dir, env);
    const report = JSON.parse(validate.out.slice(validate.out.indexOf('{'))) as { valid?: boolean; diagnostics?: unknown[] };
    assert.equal(report.valid, true, JSON.stringify(report.diagnostics, null, 2));
    assert.deepEqual(report.diagnostics, [], 'no warnings');
    const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], dir, env);
    assert.equal(plan.status, 0, plan.out);
    const count = Object.keys(json.resource?.terraform_data ?? {}).length;
    assert.match(plan.out, new RegExp(`Plan: ${count} to add, 0 to change, 0 to destroy\\.`));
    assert.ok(plan.out.includes('# terraform_data.c_server_two will be created') && plan.out.includes('# terraform_data.d_server_two will be created'));
  });
});
