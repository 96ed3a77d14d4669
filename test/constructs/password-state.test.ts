/**
 * The generated database passwords after a real (offline) `terraform apply`: every way Terraform
 * prints state (`show`, `state show`, `console`, `output`) shows them as "(sensitive value)" only,
 * and a second plan keeps them. Only the two password resources are applied (`-target`), so no host
 * is needed. Under CI a missing terraform fails the run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipUnless, terraformMissing } from '../support/requirements';
import { SEED_CONFIG, passwordIds, repoRoot } from './synth-helpers';

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, input?: string): { status: number | null; out: string; error?: Error } {
  const r = spawnSync(cmd, args, { cwd, env, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

describe('generated database passwords in Terraform state', { skip: skipUnless(terraformMissing()) }, () => {
  test('apply, then show / state show / console / output print no password', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-pw-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'empty.tfrc'), '');
    const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'empty.tfrc') };
    const out = join(dir, 'estate');
    const synth = run(process.execPath, [join(repoRoot(), 'bin', 'cdktf-barman'), 'synth', SEED_CONFIG(), '--out', out, '--resource-type', 'terraform_data', '--supplied-keys'], repoRoot());
    assert.equal(synth.status, 0, synth.out);
    // an output that hands the password on, as an estate might: it must be declared sensitive
    writeFileSync(join(out, 'probe.tf.json'), JSON.stringify({ output: { probe: { value: '${sha256(terraform_data.barman_db_secret_barman.triggers_replace)}', sensitive: true } } }));
    assert.equal(run('terraform', ['init', '-input=false', '-no-color'], out, env).status, 0);
    const vars = ['postgres', 'barman'].flatMap((u) => ['-var', `barman_${u}_ssh_private_key=unused`, '-var', `barman_${u}_ssh_public_key=unused`]);
    const targets = passwordIds().flatMap((id) => ['-target', `terraform_data.${id}`]);
    const apply = run('terraform', ['apply', '-auto-approve', '-input=false', '-no-color', ...vars, ...targets], out, env);
    assert.equal(apply.status, 0, apply.out);

    // the values themselves, from the state file (where Terraform keeps every secret)
    const state = JSON.parse(readFileSync(join(out, 'terraform.tfstate'), 'utf8')) as { resources: { name: string; instances: { attributes: Record<string, unknown>; sensitive_attributes: unknown[] }[] }[] };
    const passwords = passwordIds().map((id) => {
      const inst = state.resources.find((r) => r.name === id)!.instances[0];
      assert.equal(inst.attributes.output, null, `${id}: no output copy`);
      assert.notDeepEqual(inst.sensitive_attributes, [], `${id}: marked sensitive in state`);
      const v = (inst.attributes.triggers_replace as { value?: unknown } | null)?.value as string;
      assert.match(v, /^[0-9a-f-]{36}$/, `${id} holds a generated password`);
      return v;
    });
    assert.notEqual(passwords[0], passwords[1]);

    const shown: [string, string][] = [
      ['show', run('terraform', ['show', '-no-color'], out, env).out],
      ...passwordIds().map((id): [string, string] => [`state show ${id}`, run('terraform', ['state', 'show', '-no-color', `terraform_data.${id}`], out, env).out]),
      ...passwordIds().flatMap((id): [string, string][] =>
        ['triggers_replace', 'output', 'input'].map((a) => [`console ${id}.${a}`, run('terraform', ['console', ...vars], out, env, `terraform_data.${id}.${a}\n`).out])),
      ['output', run('terraform', ['output', '-no-color'], out, env).out],
    ];
    for (const [what, text] of shown) {
      for (const p of passwords) assert.ok(!text.includes(p), `terraform ${what} prints a password:\n${text}`);
    }
    assert.match(shown[0][1], /triggers_replace = \(sensitive value\)/);
    assert.match(shown.find(([w]) => w.endsWith('.triggers_replace'))![1], /\(sensitive value\)/);

    // kept from creation on: a second plan of the same resources changes nothing
    const plan = run('terraform', ['plan', '-input=false', '-no-color', '-detailed-exitcode', ...vars, ...targets], out, env);
    assert.equal(plan.status, 0, plan.out);
  });
});
