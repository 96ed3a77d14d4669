/**
 * Hosts created in the same apply: the typed API takes their addresses as Terraform tokens (a
 * terraform_data output, a variable). The synthesized stack connects to the references, names them
 * in the files it writes (barman.d conf, pg_hba.conf, authorized_keys from=), lets Terraform compute
 * what TypeScript cannot (base64 copies, hashes), and checks the values with preconditions carrying
 * the synth-time message. The real `terraform` validates and plans it offline, and fails the plan
 * with that message once a host's address is known and bad.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fn, TerraformStack, TerraformVariable, Testing, Token } from '../../lib/platform/cdktf';
import { BarmanCluster } from '../../lib/constructs/barman-cluster';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { TerraformData } from '../../lib/constructs/terraform-data';
import { escapeTerraform } from '../../lib/constructs/terraform-escape';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { InvalidConfigError } from '../../lib/model/diagnostics';
import { Role } from '../../lib/model/enums';
import { TfJson, provisionerResources, stepOf, triggerArg } from './synth-helpers';

const DB = '${terraform_data.db.output}';
const BK = '${terraform_data.bk.output}';
const DB2 = '${var.db2_ip}';

/** A stack whose three hosts' addresses are tokens: two terraform_data outputs and a variable. */
function tokenStack(dbAddress = '10.1.0.5', literalHook = 'echo ${HOME}'): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'estate');
  const db = new TerraformData(stack, 'db', { input: dbAddress });
  const bk = new TerraformData(stack, 'bk', { input: '10.1.0.9' });
  const db2 = new TerraformVariable(stack, 'db2_ip', { type: 'string', default: '10.1.0.6' });
  const publicKey = new TerraformVariable(stack, 'ssh_public_key', { type: 'string' });
  const privateKey = new TerraformVariable(stack, 'ssh_private_key', { type: 'string', sensitive: true });
  const pair = { publicKey: publicKey.stringValue, privateKey: privateKey.stringValue };
  const graph = graphFromProps({
    clusterName: 'estate',
    instances: [
      { name: 'db1', roles: [Role.PRIMARY], address: db.output, backup: ['bk1'], settings: { postBackupScript: literalHook } },
      { name: 'db2', roles: [Role.REPLICA], upstream: 'db1', address: db2.stringValue, backup: ['bk1'] },
      { name: 'bk1', roles: [Role.BARMAN], address: bk.output },
    ],
  });
  new BarmanCluster(stack, 'barman', { graph, resourceType: ProvisionerResourceType.TERRAFORM_DATA, suppliedKeys: { postgres: pair, barman: pair } });
  return Testing.synth(stack);
}

const triggersOf = (json: TfJson, id: string): Record<string, string> => {
  const r = provisionerResources(json).get(id);
  assert.ok(r, `resource ${id}`);
  return (r.triggers_replace ?? r.triggers)!;
};

describe('host addresses as tokens of other resources', () => {
  const text = tokenStack();
  const json = JSON.parse(text) as TfJson;
  // the cluster's resources, not the stand-in hosts
  const provisioners = new Map([...provisionerResources(json)].filter(([id]) => id.startsWith('barman_')));

  test('synthesizes with no unresolved marker left', () => {
    assert.ok(provisioners.size >= 9, `${provisioners.size} provisioner resources`);
    assert.doesNotMatch(text, /TfToken/);
  });

  test('every provisioner connects to its host\'s reference', () => {
    const expected: Record<string, string> = { db1: DB, db2: DB2, bk1: BK };
    for (const [id, r] of provisioners) {
      const host = Object.keys(expected).find((h) => id.endsWith(`_${h}`) || id.includes(`_on_${h}`) || id.endsWith(`server_${h}`));
      assert.ok(host, `which host ${id} is on`);
      assert.equal(r.connection?.host, expected[host], `${id} connects to ${expected[host]}`);
    }
  });

  test("the backed-up instance's barman.d conf names it in conninfo and ssh_command", () => {
    const conf = triggersOf(json, 'barman_backup_db1_on_bk1')['/etc/barman.d/db1.conf'];
    assert.match(conf, new RegExp(`^conninfo = "host=${escapeRe(DB)} port=5432 `, 'm'));
    assert.match(conf, new RegExp(`^ssh_command = "ssh .* postgres@${escapeRe(DB)} -p 22"$`, 'm'));
    assert.match(triggersOf(json, 'barman_backup_db2_on_bk1')['/etc/barman.d/db2.conf'], new RegExp(`host=${escapeRe(DB2)} `));
  });

  test('literal text beside the references is still escaped', () => {
    const conf = triggersOf(json, 'barman_backup_db1_on_bk1')['/etc/barman.d/db1.conf'];
    assert.match(conf, /^post_backup_script = "echo \$\$\{HOME\}"$/m, 'the hook keeps its ${HOME} as text');
  });

  test("pg_hba.conf lines carry the Barman server's reference, with the prefix length computed by Terraform", () => {
    const hba = triggersOf(json, 'barman_postgres_config_db1')['/etc/postgresql/16/main/pg_hba.conf'];
    const lines = hba.split('\n').filter((l) => l.startsWith('host '));
    assert.equal(lines.length, 2, hba);
    for (const l of lines) assert.ok(l.includes(` ${BK.slice(0, -1)}}\${replace(`), `pg_hba line ${l}`);
  });

  test('authorized_keys from= carries the client references on both sides', () => {
    const onDb = triggersOf(json, 'barman_postgres_access_db1')['/var/lib/postgresql/.ssh/authorized_keys'];
    assert.match(onDb, new RegExp(`from="${escapeRe(BK)}"`), onDb);
    const onBk = triggersOf(json, 'barman_server_bk1')['/var/lib/barman/.ssh/authorized_keys'];
    assert.match(onBk, new RegExp(`from="${escapeRe(DB)},${escapeRe(DB2)}"`), onBk);
  });

  test('what TypeScript cannot compute from a reference, Terraform computes', () => {
    const backup = provisioners.get('barman_backup_db1_on_bk1')!;
    // a step argument holding a reference: Terraform puts the value in the step line (the precondition checks it is an address)
    assert.deepEqual(stepOf(backup, 'pgpass_lines').args.slice(0, 2), [DB, '5432']);
    // the files holding references: the step reads them from its triggers as base64 Terraform computes
    assert.deepEqual(stepOf(backup, 'backup_edge').args.slice(-2), [triggerArg('triggers_replace', '/etc/barman.d/db1.conf', triggersOf(json, 'barman_backup_db1_on_bk1')), triggerArg('triggers_replace', '/etc/cron.d/db1', triggersOf(json, 'barman_backup_db1_on_bk1'))]);
    // the hash over the steps' arguments too
    assert.match(triggersOf(json, 'barman_backup_db1_on_bk1').script_sha256, /^\$\{sha256\(join\(/, 'its hash too');
  });

  test('each token-bearing resource checks the values it uses, with the synth-time message', () => {
    for (const [id, r] of provisioners) {
      const pre = ((r.lifecycle as { precondition?: { condition: string; error_message: string }[] } | undefined)?.precondition ?? []);
      assert.ok(pre.length > 0, `${id} has preconditions`);
      assert.ok(pre.some((p) => p.condition.includes(String(r.connection!.host).slice(2, -1)) && /is not a host name or IP address$/.test(p.error_message)), `${id} checks the host it connects to`);
      for (const p of pre) assert.match(p.condition, /^\$\{.*\}$/s);
    }
  });

  test('a literal graph gets no precondition and no Terraform-computed base64', () => {
    const literal = Testing.synth(
      (() => {
        const stack = new TerraformStack(Testing.app(), 'plain');
        new BarmanCluster(stack, 'barman', { graph: graphFromProps({ clusterName: 'plain', instances: [{ name: 'db1', roles: [Role.PRIMARY], address: '10.0.0.5', backup: ['bk1'] }, { name: 'bk1', roles: [Role.BARMAN], address: '10.0.0.9' }] }), resourceType: ProvisionerResourceType.TERRAFORM_DATA });
        return stack;
      })(),
    );
    assert.doesNotMatch(literal, /precondition|base64encode\(join/);
    for (const [id, r] of provisionerResources(JSON.parse(literal) as TfJson)) assert.match((r.triggers_replace ?? r.triggers)!.script_sha256, /^[0-9a-f]{64}$/, `${id}: a literal hash`);
  });
});

describe('a connection host, a client address and a pinned host key as references', () => {
  const stack = new TerraformStack(Testing.app(), 'estate');
  const v = (id: string) => new TerraformVariable(stack, id, { type: 'string' }).stringValue;
  const graph = graphFromProps({
    clusterName: 'estate',
    instances: [
      { name: 'db1', roles: [Role.PRIMARY], address: 'db1.internal', connectionHost: v('db1_public_ip'), sshHostKeys: [v('db1_host_key')], clientAddresses: [v('db1_nat_ip')], backup: ['bk1'] },
      { name: 'bk1', roles: [Role.BARMAN], address: '10.0.0.9' },
    ],
  });
  new BarmanCluster(stack, 'barman', { graph, resourceType: ProvisionerResourceType.TERRAFORM_DATA });
  const json = JSON.parse(Testing.synth(stack)) as TfJson;
  const access = provisionerResources(json).get('barman_postgres_access_db1')!;

  test('the connection uses them', () => {
    assert.equal(access.connection?.host, '${var.db1_public_ip}');
    assert.equal(access.connection?.host_key, '${var.db1_host_key}');
  });

  test('from= on the Barman server carries the client address, and each value is checked', () => {
    assert.match(triggersOf(json, 'barman_server_bk1')['/var/lib/barman/.ssh/authorized_keys'], /from="\$\{var\.db1_nat_ip\}"/);
    const messages = ((access.lifecycle as { precondition: { error_message: string }[] }).precondition).map((p) => p.error_message);
    assert.ok(messages.some((m) => m.startsWith("instance 'db1', ssh_host_keys: '${var.db1_host_key}' is not an sshd host public key")), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith("instance 'db1', vars.connection_host: '${var.db1_public_ip}' is not a host name or IP address")), messages.join('\n'));
  });
});

describe('what the typed API refuses still, and config.yml always', () => {
  test('a list token as clientAddresses is refused with a clear message', () => {
    const list = Token.asList(Fn.uuid());
    assert.throws(
      () => graphFromProps({ clusterName: 'x', instances: [{ name: 'db1', roles: [Role.PRIMARY], backup: ['bk1'] }, { name: 'bk1', roles: [Role.BARMAN], clientAddresses: list }] }),
      (e: unknown) => e instanceof InvalidConfigError && e.diagnostics.some((d) => d.key === 'barman_client_addresses' && /list, map or number: .* pass each element as a string token/.test(d.message)),
    );
  });

  test('a literal address is still checked at synth time beside token ones', () => {
    assert.throws(
      () => graphFromProps({ clusterName: 'x', instances: [{ name: 'db1', roles: [Role.PRIMARY], address: '10.0.0.300', backup: ['bk1'] }, { name: 'bk1', roles: [Role.BARMAN], address: '${TfToken[TOKEN.0]}' }] }),
      (e: unknown) => e instanceof InvalidConfigError && e.diagnostics.some((d) => /'10\.0\.0\.300' is not a host name or IP address/.test(d.message)) && !e.diagnostics.some((d) => d.instance === 'bk1'),
    );
  });

  test('escapeTerraform escapes literal ${ and %{ around a string token, and a $ right before one', () => {
    assert.equal(escapeTerraform('a ${x} %{y} ${TfToken[TOKEN.3]} b'), 'a $${x} %%{y} ${TfToken[TOKEN.3]} b');
    assert.equal(escapeTerraform('cost $${TfToken[TOKEN.3]}'), 'cost ${"$"}${TfToken[TOKEN.3]}');
    assert.equal(escapeTerraform('${TfToken[TOKEN.1]}${TfToken[TOKEN.2]}'), '${TfToken[TOKEN.1]}${TfToken[TOKEN.2]}');
  });
});

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { status: number | null; out: string; error?: Error } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
  return { status: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), error: r.error };
}

const probe = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const HAVE_TERRAFORM = !probe.error && probe.status === 0;
if (!HAVE_TERRAFORM && process.env.CI === 'true') throw new Error('terraform is not on PATH (CI=true: a missing tool fails the run)');
if (!HAVE_TERRAFORM) console.log('SKIP token-hosts (terraform): no working `terraform` on PATH; the token stack was NOT validated or planned');

describe('terraform validate / plan, offline, of the token stack', { skip: HAVE_TERRAFORM ? false : 'terraform is not on PATH' }, () => {
  const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvUfGvKOXUGEmjtkjJCB0vCSgvMNdnMwlOo1IuM4Jpv';
  const vars = ['-var', `ssh_public_key=${KEY}`, '-var', 'ssh_private_key=not-used-by-a-plan'];

  function workdir(t: { after: (fn: () => void) => void }, json: string): { dir: string; env: NodeJS.ProcessEnv } {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-tokens-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'empty.tfrc'), '');
    writeFileSync(join(dir, 'main.tf.json'), json);
    const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'empty.tfrc') };
    const init = run('terraform', ['init', '-input=false', '-no-color'], dir, env);
    assert.equal(init.status, 0, init.out);
    return { dir, env };
  }

  test('validates, and plans with the references: (known after apply) for new hosts, lines for known ones', (t) => {
    const { dir, env } = workdir(t, tokenStack());
    const validate = run('terraform', ['validate', '-no-color'], dir, env);
    assert.equal(validate.status, 0, validate.out);
    assert.doesNotMatch(validate.out, /Warning/);
    const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars], dir, env);
    assert.equal(plan.status, 0, plan.out);
    assert.match(plan.out, /"\/etc\/barman\.d\/db1\.conf" = \(known after apply\)/, 'db1 is created in the same apply');
    assert.match(plan.out, /^\s+conninfo = "host=10\.1\.0\.6 port=5432 /m, "db2's address (a variable) is known at plan: its conf is shown line by line");
  });

  test("a bad address from the estate fails the plan with synth's message once Terraform knows it", (t) => {
    const { dir, env } = workdir(t, tokenStack('10.0.0.300'));
    // still unknown: the host is not created yet
    const first = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars], dir, env);
    assert.equal(first.status, 0, first.out);
    const host = run('terraform', ['apply', '-input=false', '-no-color', '-auto-approve', '-lock=false', '-target=terraform_data.db', ...vars], dir, env);
    assert.equal(host.status, 0, host.out);
    const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars], dir, env);
    assert.equal(plan.status, 1, plan.out);
    assert.match(plan.out, /Resource precondition failed/);
    assert.match(plan.out, /instance 'db1', vars\.address: '10\.0\.0\.300' is not a host name or IP address/);
  });

  test('a keyword as a variable address fails the plan with the pg_hba.conf message', (t) => {
    const { dir, env } = workdir(t, tokenStack());
    const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars, '-var', 'db2_ip=samenet'], dir, env);
    assert.equal(plan.status, 1, plan.out);
    assert.match(plan.out.replace(/\s+/g, ' '), /instance 'db2', vars\.address: 'samenet' is its address, the default client address and lands in pg_hba\.conf, where it is a keyword/);
    assert.ok(readFileSync(join(dir, 'main.tf.json'), 'utf8').includes('var.db2_ip'));
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
