"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Hosts created in the same apply: the typed API takes their addresses as Terraform tokens (a
 * terraform_data output, a variable). The synthesized stack connects to the references, names them
 * in the files it writes (barman.d conf, pg_hba.conf, authorized_keys from=), lets Terraform compute
 * what TypeScript cannot (base64 copies, hashes), and checks the values with preconditions carrying
 * the synth-time message. The real `terraform` validates and plans it offline, and fails the plan
 * with that message once a host's address is known and bad.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const cdktf_1 = require("../../lib/platform/cdktf");
const barman_cluster_1 = require("../../lib/constructs/barman-cluster");
const host_provisioner_1 = require("../../lib/constructs/host-provisioner");
const terraform_data_1 = require("../../lib/constructs/terraform-data");
const terraform_escape_1 = require("../../lib/constructs/terraform-escape");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const diagnostics_1 = require("../../lib/model/diagnostics");
const enums_1 = require("../../lib/model/enums");
const synth_helpers_1 = require("./synth-helpers");
const DB = '${terraform_data.db.output}';
const BK = '${terraform_data.bk.output}';
const DB2 = '${var.db2_ip}';
/** A stack whose three hosts' addresses are tokens: two terraform_data outputs and a variable. */
function tokenStack(dbAddress = '10.1.0.5', literalHook = 'echo ${HOME}') {
    const app = cdktf_1.Testing.app();
    const stack = new cdktf_1.TerraformStack(app, 'estate');
    const db = new terraform_data_1.TerraformData(stack, 'db', { input: dbAddress });
    const bk = new terraform_data_1.TerraformData(stack, 'bk', { input: '10.1.0.9' });
    const db2 = new cdktf_1.TerraformVariable(stack, 'db2_ip', { type: 'string', default: '10.1.0.6' });
    const publicKey = new cdktf_1.TerraformVariable(stack, 'ssh_public_key', { type: 'string' });
    const privateKey = new cdktf_1.TerraformVariable(stack, 'ssh_private_key', { type: 'string', sensitive: true });
    const pair = { publicKey: publicKey.stringValue, privateKey: privateKey.stringValue };
    const graph = (0, typed_cluster_1.graphFromProps)({
        clusterName: 'estate',
        instances: [
            { name: 'db1', roles: [enums_1.Role.PRIMARY], address: db.output, backup: ['bk1'], settings: { postBackupScript: literalHook } },
            { name: 'db2', roles: [enums_1.Role.REPLICA], upstream: 'db1', address: db2.stringValue, backup: ['bk1'] },
            { name: 'bk1', roles: [enums_1.Role.BARMAN], address: bk.output },
        ],
    });
    new barman_cluster_1.BarmanCluster(stack, 'barman', { graph, resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA, suppliedKeys: { postgres: pair, barman: pair } });
    return cdktf_1.Testing.synth(stack);
}
const triggersOf = (json, id) => {
    const r = (0, synth_helpers_1.provisionerResources)(json).get(id);
    strict_1.default.ok(r, `resource ${id}`);
    return (r.triggers_replace ?? r.triggers);
};
(0, node_test_1.describe)('host addresses as tokens of other resources', () => {
    const text = tokenStack();
    const json = JSON.parse(text);
    // the cluster's resources, not the stand-in hosts
    const provisioners = new Map([...(0, synth_helpers_1.provisionerResources)(json)].filter(([id]) => id.startsWith('barman_')));
    (0, node_test_1.test)('synthesizes with no unresolved marker left', () => {
        strict_1.default.ok(provisioners.size >= 9, `${provisioners.size} provisioner resources`);
        strict_1.default.doesNotMatch(text, /TfToken/);
    });
    (0, node_test_1.test)('every provisioner connects to its host\'s reference', () => {
        const expected = { db1: DB, db2: DB2, bk1: BK };
        for (const [id, r] of provisioners) {
            const host = Object.keys(expected).find((h) => id.endsWith(`_${h}`) || id.includes(`_on_${h}`) || id.endsWith(`server_${h}`));
            strict_1.default.ok(host, `which host ${id} is on`);
            strict_1.default.equal(r.connection?.host, expected[host], `${id} connects to ${expected[host]}`);
        }
    });
    (0, node_test_1.test)("the backed-up instance's barman.d conf names it in conninfo and ssh_command", () => {
        const conf = triggersOf(json, 'barman_backup_db1_on_bk1')['/etc/barman.d/db1.conf'];
        strict_1.default.match(conf, new RegExp(`^conninfo = "host=${escapeRe(DB)} port=5432 `, 'm'));
        strict_1.default.match(conf, new RegExp(`^ssh_command = "ssh .* postgres@${escapeRe(DB)} -p 22"$`, 'm'));
        strict_1.default.match(triggersOf(json, 'barman_backup_db2_on_bk1')['/etc/barman.d/db2.conf'], new RegExp(`host=${escapeRe(DB2)} `));
    });
    (0, node_test_1.test)('literal text beside the references is still escaped', () => {
        const conf = triggersOf(json, 'barman_backup_db1_on_bk1')['/etc/barman.d/db1.conf'];
        strict_1.default.match(conf, /^post_backup_script = "echo \$\$\{HOME\}"$/m, 'the hook keeps its ${HOME} as text');
    });
    (0, node_test_1.test)("pg_hba.conf lines carry the Barman server's reference, with the prefix length computed by Terraform", () => {
        const hba = triggersOf(json, 'barman_postgres_config_db1')['/etc/postgresql/16/main/pg_hba.conf'];
        const lines = hba.split('\n').filter((l) => l.startsWith('host '));
        strict_1.default.equal(lines.length, 2, hba);
        for (const l of lines)
            strict_1.default.ok(l.includes(` ${BK.slice(0, -1)}}\${replace(`), `pg_hba line ${l}`);
    });
    (0, node_test_1.test)('authorized_keys from= carries the client references on both sides', () => {
        const onDb = triggersOf(json, 'barman_postgres_access_db1')['/var/lib/postgresql/.ssh/authorized_keys'];
        strict_1.default.match(onDb, new RegExp(`from="${escapeRe(BK)}"`), onDb);
        const onBk = triggersOf(json, 'barman_server_bk1')['/var/lib/barman/.ssh/authorized_keys'];
        strict_1.default.match(onBk, new RegExp(`from="${escapeRe(DB)},${escapeRe(DB2)}"`), onBk);
    });
    (0, node_test_1.test)('what TypeScript cannot compute from a reference, Terraform computes', () => {
        const backup = provisioners.get('barman_backup_db1_on_bk1');
        // a step argument holding a reference: Terraform puts the value in the step line (the precondition checks it is an address)
        strict_1.default.deepEqual((0, synth_helpers_1.stepOf)(backup, 'pgpass_lines').args.slice(0, 2), [DB, '5432']);
        // the files holding references: the step reads them from its triggers as base64 Terraform computes
        strict_1.default.deepEqual((0, synth_helpers_1.stepOf)(backup, 'backup_edge').args.slice(-2), [(0, synth_helpers_1.triggerArg)('triggers_replace', '/etc/barman.d/db1.conf', triggersOf(json, 'barman_backup_db1_on_bk1')), (0, synth_helpers_1.triggerArg)('triggers_replace', '/etc/cron.d/db1', triggersOf(json, 'barman_backup_db1_on_bk1'))]);
        // the hash over the steps' arguments too
        strict_1.default.match(triggersOf(json, 'barman_backup_db1_on_bk1').script_sha256, /^\$\{sha256\(join\(/, 'its hash too');
    });
    (0, node_test_1.test)('each token-bearing resource checks the values it uses, with the synth-time message', () => {
        for (const [id, r] of provisioners) {
            const pre = (r.lifecycle?.precondition ?? []);
            strict_1.default.ok(pre.length > 0, `${id} has preconditions`);
            strict_1.default.ok(pre.some((p) => p.condition.includes(String(r.connection.host).slice(2, -1)) && /is not a host name or IP address$/.test(p.error_message)), `${id} checks the host it connects to`);
            for (const p of pre)
                strict_1.default.match(p.condition, /^\$\{.*\}$/s);
        }
    });
    (0, node_test_1.test)('a literal graph gets no precondition and no Terraform-computed base64', () => {
        const literal = cdktf_1.Testing.synth((() => {
            const stack = new cdktf_1.TerraformStack(cdktf_1.Testing.app(), 'plain');
            new barman_cluster_1.BarmanCluster(stack, 'barman', { graph: (0, typed_cluster_1.graphFromProps)({ clusterName: 'plain', instances: [{ name: 'db1', roles: [enums_1.Role.PRIMARY], address: '10.0.0.5', backup: ['bk1'] }, { name: 'bk1', roles: [enums_1.Role.BARMAN], address: '10.0.0.9' }] }), resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA });
            return stack;
        })());
        strict_1.default.doesNotMatch(literal, /precondition|base64encode\(join/);
        for (const [id, r] of (0, synth_helpers_1.provisionerResources)(JSON.parse(literal)))
            strict_1.default.match((r.triggers_replace ?? r.triggers).script_sha256, /^[0-9a-f]{64}$/, `${id}: a literal hash`);
    });
});
(0, node_test_1.describe)('a connection host, a client address and a pinned host key as references', () => {
    const stack = new cdktf_1.TerraformStack(cdktf_1.Testing.app(), 'estate');
    const v = (id) => new cdktf_1.TerraformVariable(stack, id, { type: 'string' }).stringValue;
    const graph = (0, typed_cluster_1.graphFromProps)({
        clusterName: 'estate',
        instances: [
            { name: 'db1', roles: [enums_1.Role.PRIMARY], address: 'db1.internal', connectionHost: v('db1_public_ip'), sshHostKeys: [v('db1_host_key')], clientAddresses: [v('db1_nat_ip')], backup: ['bk1'] },
            { name: 'bk1', roles: [enums_1.Role.BARMAN], address: '10.0.0.9' },
        ],
    });
    new barman_cluster_1.BarmanCluster(stack, 'barman', { graph, resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA });
    const json = JSON.parse(cdktf_1.Testing.synth(stack));
    const access = (0, synth_helpers_1.provisionerResources)(json).get('barman_postgres_access_db1');
    (0, node_test_1.test)('the connection uses them', () => {
        strict_1.default.equal(access.connection?.host, '${var.db1_public_ip}');
        strict_1.default.equal(access.connection?.host_key, '${var.db1_host_key}');
    });
    (0, node_test_1.test)('from= on the Barman server carries the client address, and each value is checked', () => {
        strict_1.default.match(triggersOf(json, 'barman_server_bk1')['/var/lib/barman/.ssh/authorized_keys'], /from="\$\{var\.db1_nat_ip\}"/);
        const messages = (access.lifecycle.precondition).map((p) => p.error_message);
        strict_1.default.ok(messages.some((m) => m.startsWith("instance 'db1', ssh_host_keys: '${var.db1_host_key}' is not an sshd host public key")), messages.join('\n'));
        strict_1.default.ok(messages.some((m) => m.startsWith("instance 'db1', vars.connection_host: '${var.db1_public_ip}' is not a host name or IP address")), messages.join('\n'));
    });
});
(0, node_test_1.describe)('what the typed API refuses still, and config.yml always', () => {
    (0, node_test_1.test)('a list token as clientAddresses is refused with a clear message', () => {
        const list = cdktf_1.Token.asList(cdktf_1.Fn.uuid());
        strict_1.default.throws(() => (0, typed_cluster_1.graphFromProps)({ clusterName: 'x', instances: [{ name: 'db1', roles: [enums_1.Role.PRIMARY], backup: ['bk1'] }, { name: 'bk1', roles: [enums_1.Role.BARMAN], clientAddresses: list }] }), (e) => e instanceof diagnostics_1.InvalidConfigError && e.diagnostics.some((d) => d.key === 'barman_client_addresses' && /list, map or number: .* pass each element as a string token/.test(d.message)));
    });
    (0, node_test_1.test)('a literal address is still checked at synth time beside token ones', () => {
        strict_1.default.throws(() => (0, typed_cluster_1.graphFromProps)({ clusterName: 'x', instances: [{ name: 'db1', roles: [enums_1.Role.PRIMARY], address: '10.0.0.300', backup: ['bk1'] }, { name: 'bk1', roles: [enums_1.Role.BARMAN], address: '${TfToken[TOKEN.0]}' }] }), (e) => e instanceof diagnostics_1.InvalidConfigError && e.diagnostics.some((d) => /'10\.0\.0\.300' is not a host name or IP address/.test(d.message)) && !e.diagnostics.some((d) => d.instance === 'bk1'));
    });
    (0, node_test_1.test)('escapeTerraform escapes literal ${ and %{ around a string token, and a $ right before one', () => {
        strict_1.default.equal((0, terraform_escape_1.escapeTerraform)('a ${x} %{y} ${TfToken[TOKEN.3]} b'), 'a $${x} %%{y} ${TfToken[TOKEN.3]} b');
        strict_1.default.equal((0, terraform_escape_1.escapeTerraform)('cost $${TfToken[TOKEN.3]}'), 'cost ${"$"}${TfToken[TOKEN.3]}');
        strict_1.default.equal((0, terraform_escape_1.escapeTerraform)('${TfToken[TOKEN.1]}${TfToken[TOKEN.2]}'), '${TfToken[TOKEN.1]}${TfToken[TOKEN.2]}');
    });
});
function run(cmd, args, cwd, env) {
    const r = (0, node_child_process_1.spawnSync)(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
    return { status: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), error: r.error };
}
const probe = (0, node_child_process_1.spawnSync)('terraform', ['version'], { encoding: 'utf8' });
const HAVE_TERRAFORM = !probe.error && probe.status === 0;
if (!HAVE_TERRAFORM && process.env.CI === 'true')
    throw new Error('terraform is not on PATH (CI=true: a missing tool fails the run)');
if (!HAVE_TERRAFORM)
    console.log('SKIP token-hosts (terraform): no working `terraform` on PATH; the token stack was NOT validated or planned');
(0, node_test_1.describe)('terraform validate / plan, offline, of the token stack', { skip: HAVE_TERRAFORM ? false : 'terraform is not on PATH' }, () => {
    const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvUfGvKOXUGEmjtkjJCB0vCSgvMNdnMwlOo1IuM4Jpv';
    const vars = ['-var', `ssh_public_key=${KEY}`, '-var', 'ssh_private_key=not-used-by-a-plan'];
    function workdir(t, json) {
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-tokens-'));
        t.after(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'empty.tfrc'), '');
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'main.tf.json'), json);
        const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: (0, node_path_1.join)(dir, 'empty.tfrc') };
        const init = run('terraform', ['init', '-input=false', '-no-color'], dir, env);
        strict_1.default.equal(init.status, 0, init.out);
        return { dir, env };
    }
    (0, node_test_1.test)('validates, and plans with the references: (known after apply) for new hosts, lines for known ones', (t) => {
        const { dir, env } = workdir(t, tokenStack());
        const validate = run('terraform', ['validate', '-no-color'], dir, env);
        strict_1.default.equal(validate.status, 0, validate.out);
        strict_1.default.doesNotMatch(validate.out, /Warning/);
        const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars], dir, env);
        strict_1.default.equal(plan.status, 0, plan.out);
        strict_1.default.match(plan.out, /"\/etc\/barman\.d\/db1\.conf" = \(known after apply\)/, 'db1 is created in the same apply');
        strict_1.default.match(plan.out, /^\s+conninfo = "host=10\.1\.0\.6 port=5432 /m, "db2's address (a variable) is known at plan: its conf is shown line by line");
    });
    (0, node_test_1.test)("a bad address from the estate fails the plan with synth's message once Terraform knows it", (t) => {
        const { dir, env } = workdir(t, tokenStack('10.0.0.300'));
        // still unknown: the host is not created yet
        const first = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars], dir, env);
        strict_1.default.equal(first.status, 0, first.out);
        const host = run('terraform', ['apply', '-input=false', '-no-color', '-auto-approve', '-lock=false', '-target=terraform_data.db', ...vars], dir, env);
        strict_1.default.equal(host.status, 0, host.out);
        const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars], dir, env);
        strict_1.default.equal(plan.status, 1, plan.out);
        strict_1.default.match(plan.out, /Resource precondition failed/);
        strict_1.default.match(plan.out, /instance 'db1', vars\.address: '10\.0\.0\.300' is not a host name or IP address/);
    });
    (0, node_test_1.test)('a keyword as a variable address fails the plan with the pg_hba.conf message', (t) => {
        const { dir, env } = workdir(t, tokenStack());
        const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars, '-var', 'db2_ip=samenet'], dir, env);
        strict_1.default.equal(plan.status, 1, plan.out);
        strict_1.default.match(plan.out.replace(/\s+/g, ' '), /instance 'db2', vars\.address: 'samenet' is its address, the default client address and lands in pg_hba\.conf, where it is a keyword/);
        strict_1.default.ok((0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'main.tf.json'), 'utf8').includes('var.db2_ip'));
    });
});
function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
