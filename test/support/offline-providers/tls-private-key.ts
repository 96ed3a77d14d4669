/**
 * Test-only stand-in providers (see README.md): `tls_private_key` of hashicorp/tls 4.1.0. Real
 * keys from Node's crypto (RSA, ECDSA on P224/P256/P384/P521, ED25519) in the real provider's
 * encodings; `algorithm`, `rsa_bits` and `ecdsa_curve` replace the key when they change.
 */
import { KeyObject, createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { CtyObject, CtyValue, isUnknown, normalize, sameValue, unknown } from './cty-msgpack';
import { opensshFingerprints, opensshPrivateKey, opensshPublicKey } from './openssh-key';
import { Plan, ResourceType } from './schema';
import { TLS_ALGORITHMS, TLS_DEFAULT_ECDSA_CURVE, TLS_DEFAULT_RSA_BITS, TLS_ECDSA_CURVES, TLS_PRIVATE_KEY_ATTRIBUTES, TLS_PRIVATE_KEY_VERSION, TLS_REPLACING } from './schemas';

const NODE_CURVES: Record<string, string> = { P224: 'secp224r1', P256: 'prime256v1', P384: 'secp384r1', P521: 'secp521r1' };

/** the configured value of a replacing attribute, or its default when unset */
function effective(config: CtyObject, name: (typeof TLS_REPLACING)[number]): CtyValue {
  const v = config[name];
  if (v !== null) return v;
  if (name === 'rsa_bits') return TLS_DEFAULT_RSA_BITS;
  if (name === 'ecdsa_curve') return TLS_DEFAULT_ECDSA_CURVE;
  return null;
}

/** a new private key for known settings */
export function generateKey(algorithm: string, rsaBits: number, curve: string): KeyObject {
  if (algorithm === 'RSA') return generateKeyPairSync('rsa', { modulusLength: rsaBits }).privateKey;
  if (algorithm === 'ECDSA') return generateKeyPairSync('ec', { namedCurve: NODE_CURVES[curve] }).privateKey;
  if (algorithm === 'ED25519') return generateKeyPairSync('ed25519').privateKey;
  throw new Error(`unsupported algorithm ${algorithm}`);
}

/** every computed attribute of a key, as the real provider sets them */
export function keyAttributes(privateKey: KeyObject): Record<string, string> {
  const kind = privateKey.asymmetricKeyType;
  const pemType = kind === 'rsa' ? 'pkcs1' : kind === 'ec' ? 'sec1' : 'pkcs8';
  const publicKey = createPublicKey(privateKey);
  const fingerprints = opensshFingerprints(privateKey);
  return {
    private_key_pem: privateKey.export({ type: pemType, format: 'pem' }).toString(),
    private_key_pem_pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    private_key_openssh: opensshPrivateKey(privateKey) ?? '',
    public_key_pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    public_key_openssh: opensshPublicKey(privateKey) ?? '',
    public_key_fingerprint_md5: fingerprints?.md5 ?? '',
    public_key_fingerprint_sha256: fingerprints?.sha256 ?? '',
    id: createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex'),
  };
}

function computedUnknown(): CtyObject {
  const out: CtyObject = {};
  for (const a of TLS_PRIVATE_KEY_ATTRIBUTES) if (a.computed && !a.optional) out[a.name] = unknown();
  return out;
}

export const TLS_PRIVATE_KEY: ResourceType = {
  name: 'tls_private_key',
  version: TLS_PRIVATE_KEY_VERSION,
  attributes: TLS_PRIVATE_KEY_ATTRIBUTES,

  validate(config: CtyObject): string[] {
    const errors: string[] = [];
    const { algorithm, rsa_bits: bits, ecdsa_curve: curve } = config;
    if (typeof algorithm === 'string' && !(TLS_ALGORITHMS as readonly string[]).includes(algorithm)) {
      errors.push(`algorithm must be one of ${TLS_ALGORITHMS.join(', ')}, not ${JSON.stringify(algorithm)}`);
    }
    if (typeof curve === 'string' && !(TLS_ECDSA_CURVES as readonly string[]).includes(curve)) {
      errors.push(`ecdsa_curve must be one of ${TLS_ECDSA_CURVES.join(', ')}, not ${JSON.stringify(curve)}`);
    }
    if (typeof bits === 'number' && !(Number.isInteger(bits) && bits >= 1024 && bits <= 16384)) {
      errors.push(`rsa_bits must be an integer from 1024 to 16384, not ${bits}`);
    }
    return errors;
  },

  plan(prior: CtyObject | null, proposed: CtyObject | null, config: CtyObject | null): Plan {
    if (proposed === null || config === null) return { planned: null, requiresReplace: [] };
    const settings: CtyObject = {};
    for (const name of TLS_REPLACING) settings[name] = effective(config, name);
    const changed = prior === null ? [] : TLS_REPLACING.filter((name) => !sameValue(prior[name], settings[name]));
    if (prior !== null && changed.length === 0) return { planned: prior, requiresReplace: [] };
    const planned = normalize({ ...proposed, ...settings, ...computedUnknown() }, TLS_PRIVATE_KEY_ATTRIBUTES);
    return { planned, requiresReplace: changed };
  },

  apply(_prior: CtyObject | null, planned: CtyObject | null): CtyObject | null {
    if (planned === null) return null;
    if (!isUnknown(planned.id)) return planned;
    const { algorithm, rsa_bits: bits, ecdsa_curve: curve } = planned;
    if (typeof algorithm !== 'string' || typeof bits !== 'number' || typeof curve !== 'string') {
      throw new Error('algorithm, rsa_bits and ecdsa_curve must be known when the key is made');
    }
    return normalize({ ...planned, ...keyAttributes(generateKey(algorithm, bits, curve)) }, TLS_PRIVATE_KEY_ATTRIBUTES);
  },
};
