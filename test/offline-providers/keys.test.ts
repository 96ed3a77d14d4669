/**
 * The keys of the test-only stand-in of tls_private_key (test/support/offline-providers) for
 * every algorithm and curve: OpenSSH reads the private key file (`ssh-keygen -y` gives exactly
 * public_key_openssh) and signs with it (`ssh-keygen -Y sign`, checked against the public key),
 * the fingerprints are ssh-keygen's, the PEM encodings are those of the real provider and parse
 * with Node's crypto, and the id is the hex SHA1 of the public key in DER. P224, which OpenSSH
 * lacks, has empty OpenSSH attributes, as with the real provider.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey, keyAttributes } from '../support/offline-providers/tls-private-key';
import { commandMissing, skipUnless } from '../support/requirements';

const CASES = [
  { algorithm: 'RSA', bits: 2048, curve: 'P224', pemHeader: 'RSA PRIVATE KEY', sshType: 'ssh-rsa', size: '2048' },
  { algorithm: 'RSA', bits: 3072, curve: 'P224', pemHeader: 'RSA PRIVATE KEY', sshType: 'ssh-rsa', size: '3072' },
  { algorithm: 'ECDSA', bits: 2048, curve: 'P256', pemHeader: 'EC PRIVATE KEY', sshType: 'ecdsa-sha2-nistp256', size: '256' },
  { algorithm: 'ECDSA', bits: 2048, curve: 'P384', pemHeader: 'EC PRIVATE KEY', sshType: 'ecdsa-sha2-nistp384', size: '384' },
  { algorithm: 'ECDSA', bits: 2048, curve: 'P521', pemHeader: 'EC PRIVATE KEY', sshType: 'ecdsa-sha2-nistp521', size: '521' },
  { algorithm: 'ED25519', bits: 2048, curve: 'P224', pemHeader: 'PRIVATE KEY', sshType: 'ssh-ed25519', size: '256' },
];

const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-standin-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function sshKeygen(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('ssh-keygen', args, { encoding: 'utf8', input, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** the checks that need no OpenSSH: PEM encodings and id */
function checkPem(k: Record<string, string>, pemHeader: string): void {
  assert.match(k.private_key_pem, new RegExp(`^-----BEGIN ${pemHeader}-----\n[^]+\n-----END ${pemHeader}-----\n$`));
  assert.match(k.private_key_pem_pkcs8, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.match(k.public_key_pem, /^-----BEGIN PUBLIC KEY-----\n/);
  const fromPem = createPublicKey(createPrivateKey(k.private_key_pem)).export({ type: 'spki', format: 'der' });
  const fromPkcs8 = createPublicKey(createPrivateKey(k.private_key_pem_pkcs8)).export({ type: 'spki', format: 'der' });
  const pub = createPublicKey(k.public_key_pem).export({ type: 'spki', format: 'der' });
  assert.deepEqual(fromPem, pub, 'private_key_pem is the key of public_key_pem');
  assert.deepEqual(fromPkcs8, pub, 'private_key_pem_pkcs8 is the key of public_key_pem');
  assert.equal(k.id, createHash('sha1').update(pub).digest('hex'));
}

describe('tls_private_key stand-in: keys that OpenSSH and Node accept', { skip: skipUnless(commandMissing('ssh-keygen', 'openssh-client')) }, () => {
  for (const c of CASES) {
    const label = c.algorithm === 'ECDSA' ? `ECDSA ${c.curve}` : c.algorithm === 'RSA' ? `RSA ${c.bits}` : c.algorithm;
    test(`${label}: ssh-keygen reads and signs with private_key_openssh; fingerprints and PEM agree`, () => {
      const k = keyAttributes(generateKey(c.algorithm, c.bits, c.curve));
      checkPem(k, c.pemHeader);
      assert.match(k.private_key_openssh, /^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
      assert.match(k.public_key_openssh, new RegExp(`^${c.sshType} [A-Za-z0-9+/=]+\n$`), 'public_key_openssh ends with a newline');

      const base = join(dir, label.replace(/ /g, '-'));
      writeFileSync(`${base}.key`, k.private_key_openssh, { mode: 0o600 });
      writeFileSync(`${base}.pub`, k.public_key_openssh);
      const y = sshKeygen(['-y', '-f', `${base}.key`]);
      assert.equal(y.status, 0, `ssh-keygen -y: ${y.stderr}`);
      assert.equal(y.stdout.trim(), k.public_key_openssh.trim());

      for (const [hash, attr, prefix] of [['sha256', 'public_key_fingerprint_sha256', ''], ['md5', 'public_key_fingerprint_md5', 'MD5:']]) {
        const l = sshKeygen(['-l', '-E', hash, '-f', `${base}.pub`]);
        assert.equal(l.status, 0, `ssh-keygen -l: ${l.stderr}`);
        const [size, fingerprint] = l.stdout.trim().split(' ');
        assert.equal(size, c.size);
        assert.equal(`${prefix}${k[attr]}`, fingerprint, attr);
      }

      writeFileSync(`${base}.msg`, 'signed by the stand-in key\n');
      const sign = sshKeygen(['-Y', 'sign', '-f', `${base}.key`, '-n', 'cdktf-barman-test', `${base}.msg`]);
      assert.equal(sign.status, 0, `ssh-keygen -Y sign: ${sign.stderr}`);
      const check = sshKeygen(['-Y', 'check-novalidate', '-n', 'cdktf-barman-test', '-s', `${base}.msg.sig`], 'signed by the stand-in key\n');
      assert.equal(check.status, 0, `ssh-keygen -Y check-novalidate: ${check.stderr}`);
      assert.match(check.stdout, new RegExp(c.sshType === 'ssh-rsa' ? 'RSA' : c.sshType === 'ssh-ed25519' ? 'ED25519' : 'ECDSA'));
    });
  }

  test('ECDSA P224: PEM only; the OpenSSH attributes are empty strings, as with the real provider', () => {
    const k = keyAttributes(generateKey('ECDSA', 2048, 'P224'));
    checkPem(k, 'EC PRIVATE KEY');
    for (const attr of ['private_key_openssh', 'public_key_openssh', 'public_key_fingerprint_md5', 'public_key_fingerprint_sha256']) assert.equal(k[attr], '', attr);
  });

  test('two keys of the same settings differ', () => {
    const a = keyAttributes(generateKey('ED25519', 2048, 'P224'));
    const b = keyAttributes(generateKey('ED25519', 2048, 'P224'));
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.private_key_openssh, b.private_key_openssh);
  });
});
