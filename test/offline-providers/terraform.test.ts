/**
 * The real Terraform (offline) with the test-only stand-in providers that scripts/offline-
 * providers installs: init, validate, plan, apply of tls_private_key (ED25519 and RSA) and a
 * null_resource whose triggers hold a public key; an empty second plan; a changed algorithm
 * replacing the key and the null_resource; private key attributes sensitive in the state and
 * never printed; destroy; the schemas as Terraform reads them; validation errors. Then the library's seed stack (examples/app.ts): init, validate and
 * plan with the stand-ins, and an apply targeted at its tls_private_key resources only (its hosts
 * do not exist, so nothing with a provisioner is applied).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDERS } from '../support/offline-providers/providers';
import { repoRoot } from '../support/paths';
import { skipUnless, terraformMissing } from '../support/requirements';
import { Run, Terraform, offlineProviders, scratchDir } from './terraform-run';

type Json = Record<string, any>;

const PRIVATE_ATTRIBUTES = ['private_key_pem', 'private_key_pem_pkcs8', 'private_key_openssh'];

function config(edAlgorithm: string): Json {
  return {
    terraform: {
      required_providers: {
        null: { source: 'hashicorp/null', version: '>= 3.2, < 4.0' },
        tls: { source: 'hashicorp/tls', version: '>= 4.0, < 5.0' },
      },
    },
    resource: {
      tls_private_key: { ed: { algorithm: edAlgorithm }, rsa: { algorithm: 'RSA' } },
      null_resource: { n: { triggers: { pub: '${tls_private_key.ed.public_key_openssh}', rsa: '${tls_private_key.rsa.id}' } } },
    },
  };
}

/** the resources of `terraform show -json`, by address */
function state(tf: Terraform, dir: string): Map<string, Json> {
  const shown = JSON.parse(tf.ok(dir, ['show', '-json']).stdout);
  return new Map((shown.values?.root_module?.resources ?? []).map((r: Json) => [r.address, r]));
}

/** every line of every private key attribute of the state's keys (the PEM armour lines excepted) */
function secretLines(resources: Map<string, Json>): string[] {
  const lines: string[] = [];
  for (const r of resources.values()) {
    if (r.type !== 'tls_private_key') continue;
    for (const a of PRIVATE_ATTRIBUTES) lines.push(...String(r.values[a]).split('\n').filter((l) => l !== '' && !l.startsWith('-----')));
  }
  return lines;
}

function assertNoSecrets(outputs: readonly Run[], secrets: readonly string[]): void {
  assert.ok(secrets.length > 10, 'private key lines to look for');
  for (const o of outputs) for (const s of secrets) assert.ok(!o.stdout.includes(s) && !o.stderr.includes(s), `a private key line is printed:\n${s}`);
}

describe('terraform with the stand-in providers, offline', { skip: skipUnless(terraformMissing()) }, () => {
  const scratch = scratchDir('standin-terraform');
  let tf: Terraform;
  let cliConfig = '';

  before(() => {
    const r = offlineProviders(join(scratch, 'providers'));
    assert.equal(r.status, 0, r.stderr);
    cliConfig = r.stdout.trim();
    assert.equal(r.stdout, `${cliConfig}\n`, 'scripts/offline-providers prints only the configuration path');
    tf = new Terraform(cliConfig, scratch);
  });

  describe('a key pair and a null_resource', () => {
    let dir = '';
    const printed: Run[] = [];

    test('init installs the stand-ins of the versions the bindings use; validate', () => {
      dir = join(scratch, 'small');
      mkdirSync(dir);
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config('ED25519'), null, 2));
      const init = tf.ok(dir, ['init', '-input=false', '-no-color']);
      for (const p of Object.values(PROVIDERS)) assert.match(init.stdout, new RegExp(`Installed hashicorp/${p.name} v${p.version.replace(/\./g, '\\.')}`));
      const lock = readFileSync(join(dir, '.terraform.lock.hcl'), 'utf8');
      assert.match(lock, /provider "registry.terraform.io\/hashicorp\/tls" \{\n\s+version\s+= "4\.1\.0"/);
      tf.ok(dir, ['validate', '-no-color']);
    });

    test('terraform providers schema: what Terraform sees is the stand-ins\' declared schemas', () => {
      const shown = JSON.parse(tf.ok(dir, ['providers', 'schema', '-json']).stdout);
      for (const p of Object.values(PROVIDERS)) {
        const schemas = shown.provider_schemas[`registry.terraform.io/hashicorp/${p.name}`];
        assert.ok(schemas !== undefined, `schemas of hashicorp/${p.name}`);
        assert.deepEqual(Object.keys(schemas.resource_schemas ?? {}), p.resources.map((r) => r.name));
        for (const r of p.resources) {
          const seen = schemas.resource_schemas[r.name];
          assert.equal(seen.version, r.version, `${r.name} schema version`);
          const expected = Object.fromEntries(
            r.attributes.map((a) => {
              const flags: Json = { type: a.type };
              for (const f of ['required', 'optional', 'computed', 'sensitive'] as const) if (a[f] === true) flags[f] = true;
              return [a.name, flags];
            }),
          );
          const actual = Object.fromEntries(
            Object.entries(seen.block.attributes as Json).map(([name, a]) => {
              const flags: Json = { type: a.type };
              for (const f of ['required', 'optional', 'computed', 'sensitive']) if (a[f] === true) flags[f] = true;
              return [name, flags];
            }),
          );
          assert.deepEqual(actual, expected, r.name);
        }
      }
    });

    test('plan: three to add; apply makes them; a second plan is empty', () => {
      const plan = tf.ok(dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode'], 2);
      assert.match(plan.stdout, /Plan: 3 to add, 0 to change, 0 to destroy/);
      assert.match(plan.stdout, /private_key_openssh\s+= \(sensitive value\)/);
      const apply = tf.ok(dir, ['apply', '-input=false', '-no-color', '-auto-approve']);
      assert.match(apply.stdout, /Apply complete! Resources: 3 added/);
      printed.push(plan, apply);
      const again = tf.ok(dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode'], 0);
      assert.match(again.stdout, /No changes/);
      printed.push(again);
    });

    test('the state: private key attributes sensitive, never printed; the triggers hold the public key', () => {
      const s = state(tf, dir);
      for (const key of ['tls_private_key.ed', 'tls_private_key.rsa']) {
        const r = s.get(key)!;
        for (const a of PRIVATE_ATTRIBUTES) assert.equal(r.sensitive_values[a], true, `${key}.${a} is sensitive`);
        for (const a of ['public_key_openssh', 'public_key_pem', 'id']) assert.equal(r.sensitive_values[a], undefined, `${key}.${a} is not sensitive`);
      }
      assert.match(s.get('tls_private_key.ed')!.values.private_key_openssh, /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
      assert.match(s.get('tls_private_key.rsa')!.values.private_key_pem, /^-----BEGIN RSA PRIVATE KEY-----\n/);
      assert.equal(s.get('tls_private_key.rsa')!.values.rsa_bits, 2048);
      assert.equal(s.get('null_resource.n')!.values.triggers.pub, s.get('tls_private_key.ed')!.values.public_key_openssh);
      assert.match(s.get('null_resource.n')!.values.id, /^[0-9]+$/);
      assertNoSecrets(printed, secretLines(s));
    });

    test('a changed algorithm replaces the key and the null_resource that holds its public key', () => {
      const before_ = state(tf, dir);
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config('ECDSA'), null, 2));
      const plan = tf.ok(dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode'], 2);
      assert.match(plan.stdout, /# tls_private_key\.ed must be replaced/);
      assert.match(plan.stdout, /algorithm\s+= "ED25519" -> "ECDSA" # forces replacement/);
      assert.match(plan.stdout, /# null_resource\.n must be replaced/);
      assert.doesNotMatch(plan.stdout, /# tls_private_key\.rsa/);
      assert.match(plan.stdout, /Plan: 2 to add, 0 to change, 2 to destroy/);
      const apply = tf.ok(dir, ['apply', '-input=false', '-no-color', '-auto-approve']);
      const after_ = state(tf, dir);
      assert.notEqual(after_.get('tls_private_key.ed')!.values.id, before_.get('tls_private_key.ed')!.values.id);
      assert.equal(after_.get('tls_private_key.ed')!.values.ecdsa_curve, 'P224');
      assert.equal(after_.get('tls_private_key.ed')!.values.private_key_openssh, '', 'no OpenSSH encoding for P224');
      assert.equal(after_.get('tls_private_key.rsa')!.values.id, before_.get('tls_private_key.rsa')!.values.id);
      assert.notEqual(after_.get('null_resource.n')!.values.id, before_.get('null_resource.n')!.values.id);
      assertNoSecrets([plan, apply], [...secretLines(before_), ...secretLines(after_)]);
      tf.ok(dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode'], 0);
    });

    test('destroy', () => {
      const destroy = tf.ok(dir, ['destroy', '-input=false', '-no-color', '-auto-approve']);
      assert.match(destroy.stdout, /Destroy complete! Resources: 3 destroyed/);
    });
  });

  test('validate reports an unsupported algorithm or curve', () => {
    const dir = join(scratch, 'invalid');
    mkdirSync(dir);
    const bad = config('DSA');
    bad.resource.tls_private_key.rsa = { algorithm: 'ECDSA', ecdsa_curve: 'P999' };
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(bad, null, 2));
    tf.ok(dir, ['init', '-input=false', '-no-color']);
    const r = tf.ok(dir, ['validate', '-no-color'], 1);
    assert.match(r.stderr, /algorithm must be one of RSA, ECDSA, ED25519, not "DSA"/);
    assert.match(r.stderr, /ecdsa_curve must be one of P224, P256, P384, P521, not "P999"/);
  });

  describe('the seed stack (examples/app.ts)', () => {
    let dir = '';

    test('init, validate and plan with the stand-ins', () => {
      const out = join(scratch, 'synth');
      mkdirSync(out);
      const app = join(repoRoot(), 'dist', 'examples', 'app.js');
      const synth = spawnSync(process.execPath, [app], { cwd: out, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CDKTF_OUTDIR: join(out, 'cdktf.out') } });
      assert.equal(synth.status, 0, synth.stderr);
      const stack = join(out, 'cdktf.out', 'stacks', 'barman-seed');
      assert.ok(existsSync(join(stack, 'cdk.tf.json')), `${stack}/cdk.tf.json`);
      dir = join(scratch, 'seed');
      cpSync(stack, dir, { recursive: true });
      tf.ok(dir, ['init', '-input=false', '-no-color']);
      tf.ok(dir, ['validate', '-no-color']);
      const plan = tf.ok(dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode'], 2);
      assert.match(plan.stdout, /# tls_private_key\.\w+ will be created/);
      assert.match(plan.stdout, /# null_resource\.\w+ will be created/);
    });

    test('apply of its tls_private_key resources only', () => {
      const synthesized = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8'));
      const keys = Object.keys(synthesized.resource.tls_private_key).map((name) => `tls_private_key.${name}`);
      assert.ok(keys.length >= 1, 'the seed stack has keys');
      const apply = tf.ok(dir, ['apply', '-input=false', '-no-color', '-auto-approve', ...keys.map((k) => `-target=${k}`)]);
      assert.match(apply.stdout, new RegExp(`Apply complete! Resources: ${keys.length} added`));
      const list = tf.ok(dir, ['state', 'list']).stdout.trim().split('\n').sort();
      assert.deepEqual(list, [...keys].sort());
      const s = state(tf, dir);
      for (const k of keys) assert.match(s.get(k)!.values.public_key_openssh, /^ssh-ed25519 /);
      assertNoSecrets([apply], secretLines(s));
    });
  });
});
