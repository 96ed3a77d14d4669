/**
 * Test-only stand-in providers (see README.md): OpenSSH encodings of a key pair made by Node's
 * crypto: the public key line (`ssh-ed25519 AAAA...\n`), its MD5 and SHA256 fingerprints, and
 * the unencrypted private key file (`-----BEGIN OPENSSH PRIVATE KEY-----`, the "openssh-key-v1"
 * format of OpenSSH's PROTOCOL.key: cipher "none", one key, empty comment). RSA, ECDSA on P-256,
 * P-384 and P-521, and Ed25519; OpenSSH has no P-224, for which every function returns null.
 */
import { KeyObject, createHash, randomBytes } from 'node:crypto';

/** the key's parts in OpenSSH's wire encoding: its type name, public blob and private fields */
interface SshKey {
  readonly type: string;
  readonly publicBlob: Buffer;
  /** the private key fields after the type name, in PROTOCOL.key order */
  readonly privateFields: Buffer;
}

const CURVES: Record<string, string> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** an SSH "string": length, then the bytes */
function sshString(data: Buffer | string): Buffer {
  const b = typeof data === 'string' ? Buffer.from(data) : data;
  return Buffer.concat([uint32(b.length), b]);
}

/** an SSH "mpint" of a positive big-endian number: no leading zeros, a zero byte before a high bit */
function mpint(magnitude: Buffer): Buffer {
  let i = 0;
  while (i < magnitude.length && magnitude[i] === 0) i++;
  const digits = magnitude.subarray(i);
  return sshString(digits.length > 0 && (digits[0] & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), digits]) : digits);
}

function b64url(s: unknown): Buffer {
  if (typeof s !== 'string') throw new Error('jwk export lacks a key part');
  return Buffer.from(s, 'base64url');
}

/** the SSH encoding of a private key, or null where OpenSSH has none (P-224, other types) */
function sshKey(privateKey: KeyObject): SshKey | null {
  const kind = privateKey.asymmetricKeyType;
  if (kind === 'ed25519') {
    const jwk = privateKey.export({ format: 'jwk' });
    const pub = b64url(jwk.x);
    const type = 'ssh-ed25519';
    return { type, publicBlob: Buffer.concat([sshString(type), sshString(pub)]), privateFields: Buffer.concat([sshString(pub), sshString(Buffer.concat([b64url(jwk.d), pub]))]) };
  }
  if (kind === 'rsa') {
    const jwk = privateKey.export({ format: 'jwk' });
    const [n, e] = [b64url(jwk.n), b64url(jwk.e)];
    const type = 'ssh-rsa';
    return {
      type,
      publicBlob: Buffer.concat([sshString(type), mpint(e), mpint(n)]),
      privateFields: Buffer.concat([mpint(n), mpint(e), mpint(b64url(jwk.d)), mpint(b64url(jwk.qi)), mpint(b64url(jwk.p)), mpint(b64url(jwk.q))]),
    };
  }
  if (kind === 'ec') {
    const curve = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[privateKey.asymmetricKeyDetails?.namedCurve ?? ''];
    if (curve === undefined) return null;
    const jwk = privateKey.export({ format: 'jwk' });
    const sshCurve = CURVES[curve];
    const type = `ecdsa-sha2-${sshCurve}`;
    const point = Buffer.concat([Buffer.from([4]), b64url(jwk.x), b64url(jwk.y)]);
    const common = Buffer.concat([sshString(sshCurve), sshString(point)]);
    return { type, publicBlob: Buffer.concat([sshString(type), common]), privateFields: Buffer.concat([common, mpint(b64url(jwk.d))]) };
  }
  return null;
}

/** `<type> <base64 blob>\n`, as the real tls provider writes it; null where OpenSSH has no such key */
export function opensshPublicKey(privateKey: KeyObject): string | null {
  const k = sshKey(privateKey);
  return k === null ? null : `${k.type} ${k.publicBlob.toString('base64')}\n`;
}

/** the MD5 (colon-separated hex) and SHA256 (`SHA256:` unpadded base64) fingerprints of the public key */
export function opensshFingerprints(privateKey: KeyObject): { md5: string; sha256: string } | null {
  const k = sshKey(privateKey);
  if (k === null) return null;
  const md5 = createHash('md5').update(k.publicBlob).digest('hex').match(/../g)!.join(':');
  const sha256 = `SHA256:${createHash('sha256').update(k.publicBlob).digest('base64').replace(/=+$/, '')}`;
  return { md5, sha256 };
}

/** the unencrypted OpenSSH private key file; null where OpenSSH has no such key */
export function opensshPrivateKey(privateKey: KeyObject): string | null {
  const k = sshKey(privateKey);
  if (k === null) return null;
  const check = randomBytes(4);
  let secret = Buffer.concat([check, check, sshString(k.type), k.privateFields, sshString('')]);
  // padding 1, 2, 3, ... up to the cipher block size (8 for "none")
  const pad = (8 - (secret.length % 8)) % 8;
  secret = Buffer.concat([secret, Buffer.from(Array.from({ length: pad }, (_, i) => i + 1))]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'binary'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(k.publicBlob),
    sshString(secret),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g)!;
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}
