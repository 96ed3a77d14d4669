"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * A cluster's dependencies (issue 13 item 2): `dependsOn` and `node.addDependency(...)` reach every
 * resource the cluster creates as depends_on, next to the entries it already has, never twice.
 * The two-cluster stack is then checked by the real `terraform validate` and `plan`, offline
 * (terraform_data and supplied keys: no provider to download). Under CI a missing terraform fails.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const barman_cluster_1 = require("../../lib/constructs/barman-cluster");
const host_provisioner_1 = require("../../lib/constructs/host-provisioner");
const terraform_data_1 = require("../../lib/constructs/terraform-data");
const cdktf_1 = require("../../lib/platform/cdktf");
const synth_helpers_1 = require("./synth-helpers");
const SUPPLIED = {
    postgres: { privateKey: 'PRIVATE-POSTGRES', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBvc3RncmVz pg@vault' },
    barman: { privateKey: 'PRIVATE-BARMAN', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJhcm1hbg== barman@vault' },
};
const BUILT_IN = { resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA, suppliedKeys: SUPPLIED };
/** the resources of one cluster: those whose logical id starts with its prefix */
const ofCluster = (json, prefix) => [...(0, synth_helpers_1.resourcesOf)(json)].filter(([address]) => address.split('.')[1].startsWith(`${prefix}_`));
/** depends_on of each resource of a cluster alone in a stack, without any dependency of ours */
function baseline(id, props = {}) {
    const json = (0, synth_helpers_1.synthStack)((stack) => void new barman_cluster_1.BarmanCluster(stack, id, { graph: (0, synth_helpers_1.seedGraph)(), ...props }));
    return new Map([...(0, synth_helpers_1.resourcesOf)(json)].map(([address, r]) => [address, r.depends_on ?? []]));
}
/** A stack whose "hosts" are terraform_data resources: cluster `c` has dependsOn, cluster `d` node.addDependency. */
function hostStack(stack, props = {}) {
    const host = new terraform_data_1.TerraformData(stack, 'host', { input: '192.0.2.11' });
    const c = new barman_cluster_1.BarmanCluster(stack, 'c', { graph: (0, synth_helpers_1.seedGraph)(), ...props, dependsOn: [host] });
    const d = new barman_cluster_1.BarmanCluster(stack, 'd', { graph: (0, synth_helpers_1.seedGraph)(), ...props });
    d.node.addDependency(host);
    return { host, c, d };
}
(0, node_test_1.describe)('a cluster waits for what it depends on', () => {
    for (const [mode, props] of [
        ['generated keys, null_resource', {}],
        ['supplied keys, terraform_data', BUILT_IN],
    ]) {
        (0, node_test_1.test)(`${mode}: every resource of both clusters keeps its depends_on and gains terraform_data.host, once`, () => {
            const json = (0, synth_helpers_1.synthStack)((stack) => void hostStack(stack, props));
            for (const prefix of ['c', 'd']) {
                const before = baseline(prefix, props);
                const resources = ofCluster(json, prefix);
                strict_1.default.equal(resources.length, before.size, `cluster ${prefix} has the resources of a cluster alone`);
                strict_1.default.ok(resources.some(([a]) => a.startsWith('terraform_data.') && a.includes('_db_secret_')), 'the password resources are among them');
                if (props === BUILT_IN)
                    strict_1.default.ok(!resources.some(([a]) => a.startsWith('tls_private_key.')));
                else
                    strict_1.default.ok(resources.some(([a]) => a.startsWith('tls_private_key.')), 'the key pairs are among them');
                for (const [address, r] of resources) {
                    const expected = [...(before.get(address) ?? strict_1.default.fail(`${address} is not in the cluster alone`)), 'terraform_data.host'];
                    strict_1.default.deepEqual(r.depends_on, expected, address);
                }
            }
            strict_1.default.equal((0, synth_helpers_1.resourcesOf)(json).get('terraform_data.host')?.depends_on, undefined, 'the host depends on nothing');
        });
    }
    (0, node_test_1.test)('the same resource by dependsOn, by addDependency on the cluster and on a construct holding it: one entry', () => {
        const json = (0, synth_helpers_1.synthStack)((stack) => {
            const hosts = new cdktf_1.Construct(stack, 'hosts');
            const host = new terraform_data_1.TerraformData(hosts, 'host', { input: 'a' });
            // nested, its id would carry a hash
            host.overrideLogicalId('host');
            const c = new barman_cluster_1.BarmanCluster(stack, 'c', { graph: (0, synth_helpers_1.seedGraph)(), dependsOn: [host] });
            c.node.addDependency(host, hosts);
        });
        for (const [address, r] of ofCluster(json, 'c'))
            strict_1.default.equal(r.depends_on?.filter((d) => d === 'terraform_data.host').length, 1, address);
    });
    (0, node_test_1.test)('a second synthesis of the same stack adds nothing more', () => {
        const stack = new cdktf_1.TerraformStack(cdktf_1.Testing.app(), 'test');
        hostStack(stack);
        const first = cdktf_1.Testing.synth(stack);
        strict_1.default.equal(cdktf_1.Testing.synth(stack), first);
        strict_1.default.ok(first.includes('terraform_data.host'));
    });
    (0, node_test_1.test)('a construct holding several resources: each of them; a dependency of one part: that part only', () => {
        const json = (0, synth_helpers_1.synthStack)((stack) => {
            const hosts = new cdktf_1.Construct(stack, 'hosts');
            new terraform_data_1.TerraformData(hosts, 'pg', { input: 'a' }).overrideLogicalId('pg');
            new terraform_data_1.TerraformData(hosts, 'bk', { input: 'b' }).overrideLogicalId('bk');
            const late = new terraform_data_1.TerraformData(stack, 'late', { input: 'c' });
            const c = new barman_cluster_1.BarmanCluster(stack, 'c', { graph: (0, synth_helpers_1.seedGraph)() });
            c.node.addDependency(hosts);
            c.servers[0].node.addDependency(late);
        });
        for (const [address, r] of ofCluster(json, 'c')) {
            strict_1.default.ok(r.depends_on?.includes('terraform_data.pg') && r.depends_on.includes('terraform_data.bk'), address);
            strict_1.default.equal(r.depends_on?.includes('terraform_data.late'), address === 'null_resource.c_server_two', `${address}: only the server's resource waits for late`);
        }
    });
    (0, node_test_1.test)('a dependency with nothing to depend on, or in another stack, is an error naming it, never dropped', () => {
        strict_1.default.throws(() => (0, synth_helpers_1.synthStack)((stack) => new barman_cluster_1.BarmanCluster(stack, 'c', { graph: (0, synth_helpers_1.seedGraph)() }).node.addDependency(new cdktf_1.Construct(stack, 'empty'))), (e) => /^'test\/c' depends on 'test\/empty', which holds no terraform resource, data source or module/.test(e.message) && /add the dependency on the resources/.test(e.message));
        const app = cdktf_1.Testing.app();
        const other = new cdktf_1.TerraformStack(app, 'hosts');
        const host = new terraform_data_1.TerraformData(other, 'host', { input: 'a' });
        const stack = new cdktf_1.TerraformStack(app, 'backups');
        strict_1.default.throws(() => new barman_cluster_1.BarmanCluster(stack, 'c', { graph: (0, synth_helpers_1.seedGraph)(), dependsOn: [host] }), /'backups\/c' depends on 'hosts\/host' of another stack \('hosts'\).*backups\.addDependency\(hosts\)/);
        new barman_cluster_1.BarmanCluster(stack, 'd', { graph: (0, synth_helpers_1.seedGraph)() }).node.addDependency(host);
        strict_1.default.throws(() => cdktf_1.Testing.synth(stack), /'backups\/d' depends on 'hosts\/host' of another stack/);
    });
});
function run(cmd, args, cwd, env = process.env) {
    const r = (0, node_child_process_1.spawnSync)(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}
const version = run('terraform', ['version'], (0, node_os_1.tmpdir)());
const HAVE_TERRAFORM = !version.error && version.status === 0;
if (!HAVE_TERRAFORM && process.env.CI)
    throw new Error(`cluster-dependencies: terraform is required under CI (${version.error?.message ?? version.out.trim()})`);
if (!HAVE_TERRAFORM)
    console.log('SKIP cluster-dependencies (terraform): no `terraform` on PATH; the two-cluster stack was NOT validated');
(0, node_test_1.describe)('terraform validate and plan, offline, of two clusters waiting for a host', { skip: HAVE_TERRAFORM ? false : 'terraform is not on PATH' }, () => {
    (0, node_test_1.test)('valid, no warnings; the plan creates both clusters after the host', (t) => {
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-deps-'));
        t.after(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'empty.tfrc'), '');
        const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: (0, node_path_1.join)(dir, 'empty.tfrc') };
        const app = new cdktf_1.App({ outdir: dir, skipBackendValidation: true });
        const stack = new cdktf_1.TerraformStack(app, 'estate');
        hostStack(stack, BUILT_IN);
        const json = JSON.parse(cdktf_1.Testing.synth(stack));
        strict_1.default.deepEqual(Object.keys(json.resource ?? {}), ['terraform_data'], 'only built-in resources');
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'main.tf.json'), JSON.stringify(json));
        const init = run('terraform', ['init', '-input=false', '-no-color'], dir, env);
        strict_1.default.equal(init.status, 0, init.out);
        const validate = run('terraform', ['validate', '-json', '-no-color'], dir, env);
        const report = JSON.parse(validate.out.slice(validate.out.indexOf('{')));
        strict_1.default.equal(report.valid, true, JSON.stringify(report.diagnostics, null, 2));
        strict_1.default.deepEqual(report.diagnostics, [], 'no warnings');
        const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], dir, env);
        strict_1.default.equal(plan.status, 0, plan.out);
        const count = Object.keys(json.resource?.terraform_data ?? {}).length;
        strict_1.default.match(plan.out, new RegExp(`Plan: ${count} to add, 0 to change, 0 to destroy\\.`));
        strict_1.default.ok(plan.out.includes('# terraform_data.c_server_two will be created') && plan.out.includes('# terraform_data.d_server_two will be created'));
    });
});
