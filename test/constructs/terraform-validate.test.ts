/**
 * The real CLI synthesizes (terraform_data, supplied keys, connection key from a variable: only
 * Terraform built-ins, so nothing needs downloading), then the real `terraform` inits, validates
 * and plans it offline. The plan must show the file contents (plan review) and never a private key.
 * Needs terraform and ssh-keygen (test/support/requirements.ts: skipped with the reason, under CI a
 * failure).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { commandMissing, skipUnless, terraformMissing } from '../support/requirements';
import { SEED_CONFIG, expectedProvisionerIds, fixtureConfigs, passwordIds, repoRoot } from './synth-helpers';

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string; error?: Error } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

const CONFIGS = [{ name: 'examples/config.yml', file: SEED_CONFIG() }, ...fixtureConfigs()];

describe('terraform init / validate / plan, offline, of what `cdktf-barman synth` writes', { skip: skipUnless(terraformMissing(), commandMissing('ssh-keygen', 'openssh-client')) }, () => {
  let keysDir = '';
  let privateKey = '';
  let publicKey = '';
  before(() => {
    keysDir = mkdtempSync(join(tmpdir(), 'cdktf-barman-keys-'));
    const k = run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'throwaway@cdktf-barman-test', '-f', join(keysDir, 'id')], keysDir);
    assert.equal(k.status, 0, k.stderr);
    privateKey = readFileSync(join(keysDir, 'id'), 'utf8');
    publicKey = readFileSync(join(keysDir, 'id.pub'), 'utf8');
  });
  after(() => {
    if (keysDir) rmSync(keysDir, { recursive: true, force: true });
  });

  for (const c of CONFIGS) {
    test(`${c.name}`, (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-tf-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      // hermetic: no user CLI config (mirrors, credentials), no checkpoint calls
      writeFileSync(join(dir, 'empty.tfrc'), '');
      const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'empty.tfrc') };
      const out = join(dir, 'estate');

      const synth = run(process.execPath, [join(repoRoot(), 'bin', 'cdktf-barman'), 'synth', c.file, '--out', out, '--resource-type', 'terraform_data', '--supplied-keys', '--connection-key-variable'], repoRoot());
      assert.equal(synth.status, 0, `synth failed:\n${synth.stdout}${synth.stderr}`);
      const json = JSON.parse(readFileSync(join(out, 'cdktf-barman.tf.json'), 'utf8')) as { resource?: Record<string, Record<string, unknown>>; variable?: Record<string, unknown> };
      assert.deepEqual(Object.keys(json.resource ?? {}), ['terraform_data'], 'only built-in resources');

      const init = run('terraform', ['init', '-input=false', '-no-color'], out, env);
      assert.equal(init.status, 0, `terraform init failed:\n${init.stdout}${init.stderr}`);
      const validate = run('terraform', ['validate', '-json', '-no-color'], out, env);
      const report = JSON.parse(validate.stdout || '{}') as { valid?: boolean; diagnostics?: { summary: string; detail?: string }[] };
      assert.equal(report.valid, true, `terraform validate: ${JSON.stringify(report.diagnostics, null, 2)}\n${validate.stderr}`);
      assert.equal(validate.status, 0);

      const variables = Object.keys(json.variable ?? {}).sort();
      assert.deepEqual(variables, ['barman_barman_ssh_private_key', 'barman_barman_ssh_public_key', 'barman_connection_private_key', 'barman_postgres_ssh_private_key', 'barman_postgres_ssh_public_key']);
      const vars = variables.flatMap((v) => ['-var', `${v}=${v.endsWith('_public_key') ? publicKey : privateKey}`]);
      const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars], out, env);
      assert.equal(plan.status, 0, `terraform plan failed:\n${plan.stdout}${plan.stderr}`);
      const text = plan.stdout + plan.stderr;

      // expectations from the config itself
      const graph = loadGraphFromFile(c.file);
      const ids = [...expectedProvisionerIds(graph), ...passwordIds()];
      assert.match(text, new RegExp(`Plan: ${ids.length} to add, 0 to change, 0 to destroy\\.`), `one resource per server, backup edge, Postgres instance (access, config), primary (roles), activation and preflight, and two passwords: ${ids.join(', ')}`);
      for (const id of ids) assert.ok(text.includes(`# terraform_data.${id} will be created`), `the plan creates terraform_data.${id}`);
      const planLines = text.split('\n').map((l) => l.trim());
      for (const s of graph.barmanServers) {
        // a line of /etc/barman.conf, straight from the server's settings
        assert.ok(planLines.includes(`log_file = ${s.settings.logFile}`), `the plan shows /etc/barman.conf of ${s.name} (log_file = ${s.settings.logFile})`);
        assert.ok(planLines.includes(`barman_home = ${s.settings.barmanHome}`), `barman_home of ${s.name}`);
      }
      for (const e of graph.edges) {
        assert.ok(planLines.includes(`[${e.backupName}]`), `the plan shows the section [${e.backupName}] of ${e.instance.name} on ${e.server.name}`);
        assert.ok(planLines.includes(`slot_name = "${e.slotName}"`), `slot ${e.slotName}`);
      }
      for (const p of graph.postgresInstances) {
        // the pg_hba.conf block of each Postgres instance, a line per Barman server's address
        for (const srv of graph.barmanServers) {
          for (const a of srv.clientAddresses) assert.ok(planLines.some((l) => l.startsWith(`host postgres barman ${a}`)), `the plan shows ${p.name}'s pg_hba.conf line for ${srv.name} (${a})`);
        }
      }
      // the passwords never: the generated values and their hashes are sensitive
      const sensitiveInputs = planLines.filter((l) => /^\+ triggers_replace\s+= \(sensitive value\)$/.test(l)).length;
      assert.equal(sensitiveInputs, 2, 'both generated passwords are shown as (sensitive value)');
      const hashes = planLines.filter((l) => /^\+ "?passwords_sha256"?\s+= \(sensitive value\)$/.test(l)).length;
      assert.equal(hashes, ids.filter((id) => /_postgres_roles_|_backup_/.test(id)).length, 'every passwords_sha256 trigger is (sensitive value)');
      // the supplied public key reaches the files without its comment
      assert.ok(text.includes(publicKey.trim().split(' ').slice(0, 2).join(' ')), 'the public key is shown');
      assert.ok(!text.includes('throwaway@cdktf-barman-test'), 'the public key comment is dropped');
      // never the private key
      assert.ok(!/PRIVATE KEY/.test(text), 'no private key armour in the plan');
      const body = privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
      assert.ok(body.length > 0);
      for (const l of body) assert.ok(!text.includes(l), 'a line of the private key is in the plan');
      assert.ok(!text.includes(Buffer.from(privateKey).toString('base64').slice(0, 40)), 'the base64 of the private key is in the plan');
    });
  }
});
