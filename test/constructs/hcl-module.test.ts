/**
 * The README's HCL estate, run for real: the synth command line and the root module are read from
 * README.md ("An HCL estate"), so the example cannot drift from what is tested. The real CLI writes
 * the module for examples/config.yml, the README's main.tf calls it with two `terraform_data`
 * hosts, and the real `terraform` inits, validates (no diagnostics at all) and plans offline.
 * The module directory planned on its own shows that the inputs' defaults are config.yml's
 * addresses. Needs terraform and ssh-keygen (test/support/requirements.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandMissing, skipUnless, terraformMissing } from '../support/requirements';
import { SEED_CONFIG, TfJson, expectedProvisionerIds, passwordIds, repoRoot, seedGraph } from './synth-helpers';

const HEADING = '### An HCL estate: the synthesized module';

/** The fenced blocks of the README's HCL estate section, by language. */
function readmeExample(): { command: string[]; mainTf: string } {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${HEADING}\n`);
  assert.ok(start >= 0, `README.md has the section "${HEADING}"`);
  // up to the next heading of this level or above, outside code blocks ('# ...' is a comment in them)
  const lines = readme.slice(start + HEADING.length + 2).split('\n');
  let fenced = false;
  const end = lines.findIndex((l) => {
    if (l.startsWith('```')) fenced = !fenced;
    return !fenced && /^#{1,3} /.test(l);
  });
  const section = lines.slice(0, end < 0 ? undefined : end).join('\n') + '\n';
  const block = (lang: string): string => {
    const blocks = [...section.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]);
    assert.equal(blocks.length, 1, `one \`\`\`${lang} block in "${HEADING}"`);
    return blocks[0];
  };
  const line = block('sh').trim();
  assert.match(line, /^cdktf-barman synth config\.yml --out barman --module( [a-z_-]+)*$/, 'the command is one synth line, options without quoting');
  return { command: line.split(' ').slice(1), mainTf: block('hcl') };
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

interface ValidateReport {
  valid?: boolean;
  warning_count?: number;
  error_count?: number;
  diagnostics?: { severity: string; summary: string; detail?: string }[];
}

describe("the README's HCL estate: terraform init / validate / plan, offline", { skip: skipUnless(terraformMissing(), commandMissing('ssh-keygen', 'openssh-client')) }, () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  let privateKey = '';
  let publicKey = '';
  let json: TfJson = {};
  const graph = seedGraph();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-hcl-'));
    // hermetic: no user CLI config (mirrors, credentials), no checkpoint calls
    writeFileSync(join(dir, 'empty.tfrc'), '');
    env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'empty.tfrc') };
    const k = run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'throwaway@cdktf-barman-test', '-f', join(dir, 'id')], dir, env);
    assert.equal(k.status, 0, k.stderr);
    privateKey = readFileSync(join(dir, 'id'), 'utf8');
    publicKey = readFileSync(join(dir, 'id.pub'), 'utf8');

    const { command, mainTf } = readmeExample();
    const args = command.map((a) => (a === 'config.yml' ? SEED_CONFIG() : a));
    const synth = run(process.execPath, [join(repoRoot(), 'bin', 'cdktf-barman'), ...args], dir, env);
    assert.equal(synth.status, 0, `synth failed:\n${synth.stdout}${synth.stderr}`);
    json = JSON.parse(readFileSync(join(dir, 'barman', 'cdktf-barman.tf.json'), 'utf8')) as TfJson;
    writeFileSync(join(dir, 'main.tf'), mainTf);
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const validate = (cwd: string): ValidateReport => {
    const init = run('terraform', ['init', '-input=false', '-no-color'], cwd, env);
    assert.equal(init.status, 0, `terraform init failed:\n${init.stdout}${init.stderr}`);
    assert.doesNotMatch(init.stdout + init.stderr, /Warning/, 'terraform init warns');
    const v = run('terraform', ['validate', '-json', '-no-color'], cwd, env);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    return JSON.parse(v.stdout) as ValidateReport;
  };

  test('the module has no provider blocks and needs no provider in this mode', () => {
    assert.equal(json.provider, undefined);
    assert.deepEqual(Object.keys(json.resource ?? {}), ['terraform_data'], 'only built-in resources');
  });

  test('the root module validates with no diagnostics at all, and plans with the hosts known after apply', () => {
    const report = validate(dir);
    assert.equal(report.valid, true, JSON.stringify(report.diagnostics, null, 2));
    assert.equal(report.warning_count, 0);
    assert.deepEqual(report.diagnostics, [], 'no warning (e.g. "Redundant empty provider block")');

    const keys = { postgres_ssh_private_key: privateKey, barman_ssh_private_key: privateKey, postgres_ssh_public_key: publicKey, barman_ssh_public_key: publicKey };
    const tfVars = Object.fromEntries(Object.entries(keys).map(([k, v]) => [`TF_VAR_${k}`, v]));
    const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], dir, { ...env, ...tfVars });
    assert.equal(plan.status, 0, `terraform plan failed:\n${plan.stdout}${plan.stderr}`);
    const text = plan.stdout + plan.stderr;
    assert.doesNotMatch(text, /Warning/);
    const ids = [...expectedProvisionerIds(graph), ...passwordIds()];
    for (const id of ids) assert.ok(text.includes(`# module.barman.terraform_data.${id} will be created`), `the plan creates module.barman.terraform_data.${id}`);
    // the two hosts, the module's resources, and the resource waiting on barman_ready
    assert.match(text, new RegExp(`Plan: ${ids.length + 3} to add, 0 to change, 0 to destroy\\.`));
    const lines = text.split('\n').map((l) => l.trim());
    for (const e of graph.edges) {
      // the Barman server's conf of the instance names the host being created: not known yet
      assert.ok(lines.includes(`+ "/etc/barman.d/${e.backupName}.conf" = (known after apply)`), `barman.d conf of ${e.backupName} is (known after apply)`);
    }
    for (const i of graph.instances) assert.ok(!text.includes(i.address), `config.yml's address ${i.address} of ${i.name} is not used: the input replaces it`);
    const after = text.slice(text.indexOf('# terraform_data.after_barman will be created'));
    assert.match(after, /\+ input\s+= \(known after apply\)/, 'after_barman waits for module.barman.barman_ready');
    assert.ok(!/PRIVATE KEY/.test(text), 'no private key in the plan');
  });

  test("without inputs, the module plans config.yml's addresses", () => {
    const moduleDir = join(dir, 'barman');
    const report = validate(moduleDir);
    assert.deepEqual(report.diagnostics, []);
    const vars = Object.keys(json.variable ?? {}).filter((v) => v.endsWith('_key'));
    const tfVars = Object.fromEntries(vars.map((v) => [`TF_VAR_${v}`, v.endsWith('_public_key') ? publicKey : privateKey]));
    const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], moduleDir, { ...env, ...tfVars });
    assert.equal(plan.status, 0, `terraform plan failed:\n${plan.stdout}${plan.stderr}`);
    const lines = (plan.stdout + plan.stderr).split('\n').map((l) => l.trim());
    for (const e of graph.edges) {
      assert.ok(lines.includes(`conninfo = "host=${e.instance.address} port=${e.instance.settings.postgresPort} dbname=postgres user=barman"`), `conninfo of ${e.backupName} names ${e.instance.address}`);
      assert.ok(lines.some((l) => l.startsWith(`ssh_command = "`) && l.includes(`@${e.instance.address} `)), `ssh_command of ${e.backupName}`);
    }
    for (const i of graph.instances) {
      assert.ok(lines.some((l) => l.startsWith('+ host') && l.endsWith(`= "${i.name} (ssh ${i.connectionHost})"`)), `Terraform connects to ${i.name} at ${i.connectionHost}`);
    }
  });
});
