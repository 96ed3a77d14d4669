/**
 * Test-only stand-in providers (see README.md): the attributes of the two resource types the
 * stand-ins serve, as the real providers declare them (hashicorp/null 3.2.x `null_resource`,
 * hashicorp/tls 4.1.0 `tls_private_key`): names, types, required/optional/computed, sensitivity.
 * The descriptions are this project's own.
 */
import { Attribute } from './schema';

export const NULL_RESOURCE_VERSION = 0;

export const NULL_RESOURCE_ATTRIBUTES: readonly Attribute[] = [
  { name: 'id', type: 'string', computed: true, description: 'a random number, set when the resource is created' },
  { name: 'triggers', type: ['map', 'string'], optional: true, description: 'any change to these values replaces the resource' },
];

export const TLS_PRIVATE_KEY_VERSION = 1;

export const TLS_ALGORITHMS = ['RSA', 'ECDSA', 'ED25519'] as const;
export const TLS_ECDSA_CURVES = ['P224', 'P256', 'P384', 'P521'] as const;
export const TLS_DEFAULT_RSA_BITS = 2048;
export const TLS_DEFAULT_ECDSA_CURVE = 'P224';

/** the configurable attributes whose change replaces the key */
export const TLS_REPLACING = ['algorithm', 'rsa_bits', 'ecdsa_curve'] as const;

export const TLS_PRIVATE_KEY_ATTRIBUTES: readonly Attribute[] = [
  { name: 'algorithm', type: 'string', required: true, description: 'RSA, ECDSA or ED25519' },
  { name: 'rsa_bits', type: 'number', optional: true, computed: true, description: 'size of an RSA key in bits (default 2048)' },
  { name: 'ecdsa_curve', type: 'string', optional: true, computed: true, description: 'curve of an ECDSA key: P224, P256, P384 or P521 (default P224)' },
  { name: 'private_key_pem', type: 'string', computed: true, sensitive: true, description: 'the private key in PEM (PKCS#1 for RSA, SEC 1 for ECDSA, PKCS#8 for ED25519)' },
  { name: 'private_key_openssh', type: 'string', computed: true, sensitive: true, description: 'the private key in OpenSSH format (empty for P224)' },
  { name: 'private_key_pem_pkcs8', type: 'string', computed: true, sensitive: true, description: 'the private key in PKCS#8 PEM' },
  { name: 'public_key_pem', type: 'string', computed: true, description: 'the public key in PEM (SubjectPublicKeyInfo)' },
  { name: 'public_key_openssh', type: 'string', computed: true, description: 'the public key in authorized_keys format (empty for P224)' },
  { name: 'public_key_fingerprint_md5', type: 'string', computed: true, description: 'MD5 fingerprint of the OpenSSH public key (empty for P224)' },
  { name: 'public_key_fingerprint_sha256', type: 'string', computed: true, description: 'SHA256 fingerprint of the OpenSSH public key (empty for P224)' },
  { name: 'id', type: 'string', computed: true, description: 'hex SHA1 of the public key in DER' },
];
