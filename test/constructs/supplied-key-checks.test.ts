/**
 * Supplied keys are checked by Terraform itself (`synth --supplied-keys`): a malformed public key
 * fails the variable's validation, a malformed private key the status output's precondition. One
 * clear error per bad key, before any per-resource error, and never the private key's text. Real
 * `terraform plan` runs offline on what the real CLI writes (terraform_data only).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estateYaml } from '../../bench/estate';
import { SEED_CONFIG, repoRoot } from './synth-helpers';

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { status: number | null; out: string; error?: Error } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  return { status: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), error: r.error };
}

const version = run('terraform', ['version'], tmpdir());
const HAVE_TERRAFORM = !version.error && version.status === 0;
const keygen = run('ssh-keygen', ['-?'], tmpdir());
const HAVE_SSH_KEYGEN = !(keygen.error && (keygen.error as NodeJS.ErrnoException).code === 'ENOENT');
const missing = !HAVE_TERRAFORM ? 'terraform' : !HAVE_SSH_KEYGEN ? 'ssh-keygen' : undefined;
if (missing !== undefined && process.env.CI) throw new Error(`supplied-key-checks: ${missing} is required under CI`);
if (missing !== undefined) console.log(`SKIP supplied-key-checks: no ${missing} on PATH; Terraform's checks of supplied keys were NOT run`);

const PG_PUBLIC = 'barman_postgres_ssh_public_key';
const PG_PRIVATE = 'barman_postgres_ssh_private_key';
const BM_PUBLIC = 'barman_barman_ssh_public_key';
const BM_PRIVATE = 'barman_barman_ssh_private_key';

describe('terraform checks supplied keys: one clear error, never the private key', { skip: missing ? `${missing} is not on PATH` : false }, () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  const keys: Record<string, { privateKey: string; publicKey: string }> = {};

  /** a fresh estate of `config` synthesized by the real CLI, inited offline */
  function estate(name: string, config: string): string {
    const out = join(dir, name);
    const synth = run(process.execPath, [join(repoRoot(), 'bin', 'cdktf-barman'), 'synth', config, '--out', out, '--resource-type', 'terraform_data', '--supplied-keys'], repoRoot());
    assert.equal(synth.status, 0, synth.out);
    const init = run('terraform', ['init', '-input=false', '-no-color'], out, env);
    assert.equal(init.status, 0, init.out);
    return out;
  }

  /**
   * terraform plan with the four key variables in the environment, as the README hands them over
   * (a var file on one line would be quoted whole in any diagnostic about one of its values)
   */
  function plan(out: string, values: Record<string, string>): { status: number | null; out: string; seconds: number } {
    const vars = Object.fromEntries(Object.entries(values).map(([k, v]) => [`TF_VAR_${k}`, v]));
    const start = process.hrtime.bigint();
    const r = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], out, { ...env, ...vars });
    return { ...r, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
  }

  const good = (k = keys.ed25519) => ({ [PG_PRIVATE]: k.privateKey, [BM_PRIVATE]: k.privateKey, [PG_PUBLIC]: k.publicKey, [BM_PUBLIC]: k.publicKey });
  const errors = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('Error: '));
  /**
   * no line of the private key body, nor its base64; lines that are also in the public key (an
   * OpenSSH private key file embeds it, and RSA lines can align with the .pub's base64) prove nothing
   */
  function assertNoPrivateKey(text: string, privateKey: string, publicKey = ''): void {
    const body = privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----') && !publicKey.includes(l));
    assert.ok(body.length > 0);
    for (const l of body) assert.ok(!text.includes(l), `a line of the private key (${l}) is in the output:\n${text}`);
    assert.ok(!text.includes(Buffer.from(privateKey).toString('base64').slice(0, 40)), 'the base64 of the private key is in the output');
  }

  let seed = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-keycheck-'));
    writeFileSync(join(dir, 'empty.tfrc'), '');
    env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'empty.tfrc') };
    for (const [name, args] of [['ed25519', ['-t', 'ed25519']], ['rsa', ['-t', 'rsa', '-b', '2048']], ['ecdsa', ['-t', 'ecdsa', '-b', '384']], ['pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM']]] as const) {
      const k = run('ssh-keygen', ['-q', ...args, '-N', '', '-C', `throwaway ${name}@cdktf-barman-test`, '-f', join(dir, `id_${name}`)], dir);
      assert.equal(k.status, 0, k.out);
      keys[name] = { privateKey: readFileSync(join(dir, `id_${name}`), 'utf8'), publicKey: readFileSync(join(dir, `id_${name}.pub`), 'utf8') };
    }
    seed = estate('seed', SEED_CONFIG());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every supported key type passes: ed25519, rsa, ecdsa-sha2-nistp384, a PEM RSA key; public keys with their comment and final newline (as `cat` of the .pub file gives, minus the newline, and with it)', () => {
    for (const name of ['ed25519', 'rsa', 'ecdsa', 'pem']) {
      const r = plan(seed, good(keys[name]));
      assert.equal(r.status, 0, `${name}:\n${r.out}`);
      const trimmed = plan(seed, { ...good(keys[name]), [PG_PUBLIC]: keys[name].publicKey.trim() });
      assert.equal(trimmed.status, 0, `${name} without the final newline:\n${trimmed.out}`);
      assert.match(r.out, /Plan: \d+ to add/);
      assertNoPrivateKey(r.out, keys[name].privateKey, keys[name].publicKey);
    }
  });

  test('a malformed public key: one variable validation error naming the variable and the fix', () => {
    const samples: Record<string, string> = {
      'one word': 'oneword',
      'an unsupported type': 'ssh-dss AAAAB3NzaC1kc3MAAACBAKz user@host',
      'two keys in one value': keys.ed25519.publicKey + keys.rsa.publicKey,
      'no space after the type': 'ssh-ed25519AAAAC3NzaC1lZDI1NTE5AAAA',
    };
    for (const [what, value] of Object.entries(samples)) {
      const r = plan(seed, { ...good(), [PG_PUBLIC]: value });
      assert.equal(r.status, 1, `${what}:\n${r.out}`);
      assert.deepEqual(errors(r.out), ['Error: Invalid value for variable'], `${what}: exactly one error:\n${r.out}`);
      assert.ok(r.out.includes(`"${PG_PUBLIC}"`), `${what}: the error points at the variable`);
      assert.match(r.out.replace(/\s+/g, ' '), /the postgres public key must be one OpenSSH public key line/, what);
      assertNoPrivateKey(r.out, keys.ed25519.privateKey, keys.ed25519.publicKey);
    }
  });

  test('a private key passed as a public key: refused by the precondition, not shown', () => {
    for (const v of [PG_PUBLIC, BM_PUBLIC]) {
      const r = plan(seed, { ...good(), [v]: keys.rsa.privateKey });
      assert.equal(r.status, 1, `${v}:\n${r.out}`);
      assert.deepEqual(errors(r.out), ['Error: Module output value precondition failed'], `${v}: exactly one error:\n${r.out}`);
      assert.ok(r.out.replace(/\s+/g, ' ').includes(`${v} holds a private key: pass the .pub file (the value is not shown)`), r.out);
      assertNoPrivateKey(r.out, keys.rsa.privateKey, keys.rsa.publicKey);
    }
  });

  test('a malformed private key: one precondition error naming its variable, and not a line of the value', () => {
    const broken = keys.ed25519.privateKey.replace('OPENSSH PRIVATE KEY', 'OPENSSH PRlVATE KEY');
    const samples: Record<string, string> = {
      'a damaged BEGIN line': broken,
      'the public key': keys.ed25519.publicKey,
      'a key protected by a passphrase (PEM)': '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n',
      'a file path': '~/.ssh/id_ed25519',
    };
    for (const [what, value] of Object.entries(samples)) {
      const r = plan(seed, { ...good(), [BM_PRIVATE]: value });
      assert.equal(r.status, 1, `${what}:\n${r.out}`);
      assert.deepEqual(errors(r.out), ['Error: Module output value precondition failed'], `${what}: exactly one error:\n${r.out}`);
      const text = r.out.replace(/\s+/g, ' ');
      assert.ok(text.includes(`${BM_PRIVATE} must be an unencrypted OpenSSH or PEM private key`), `${what}: ${r.out}`);
      assert.ok(!text.includes(`${PG_PRIVATE} must be`), `${what}: the good key is not blamed`);
      assertNoPrivateKey(r.out, broken, keys.ed25519.publicKey);
      if (what === 'a file path') assert.ok(!r.out.includes('~/.ssh/id_ed25519'), 'the value is not shown');
    }
  });

  test('both private keys bad: one error for each', () => {
    const r = plan(seed, { ...good(), [PG_PRIVATE]: 'x', [BM_PRIVATE]: 'y' });
    assert.equal(r.status, 1, r.out);
    assert.deepEqual(errors(r.out), ['Error: Module output value precondition failed', 'Error: Module output value precondition failed'], r.out);
  });

  test('a larger estate (30 instances): still one error for a one-word public key, none per resource', () => {
    const config = join(dir, 'estate30.yml');
    writeFileSync(config, estateYaml(30));
    const out = estate('estate30', config);
    const r = plan(out, { ...good(), [PG_PUBLIC]: 'oneword' });
    assert.equal(r.status, 1, r.out);
    assert.deepEqual(errors(r.out), ['Error: Invalid value for variable'], r.out);
    assert.ok(!r.out.includes('Invalid function argument'), 'no per-resource error from splitting the key');
    console.log(`supplied-key-checks: 30-instance estate, one-word public key: terraform plan failed in ${r.seconds.toFixed(1)} s with one error`);
  });
});
