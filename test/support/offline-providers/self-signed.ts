/**
 * Test-only stand-in providers (see README.md): the server certificate of a plugin under
 * go-plugin's automatic mutual TLS: self-signed, a CA, for DNS name `localhost`, made afresh at
 * every start (key from Node's crypto, certificate assembled with node-forge).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface ServerCertificate {
  readonly keyPem: string;
  readonly certPem: string;
  /** the certificate in DER, as go-plugin's handshake line carries it (base64) */
  readonly certDer: Buffer;
}

export function selfSignedCertificate(): ServerCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60_000);
  cert.validity.notAfter = new Date(now + 365 * 24 * 3600_000);
  const name = [{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'cdktf-barman test stand-in' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return { keyPem, certPem, certDer };
}
