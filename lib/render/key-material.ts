import { KeyAlgorithm, SshUser } from '../model/enums';
import { Instance } from '../model/graph';
import { knownHostsPattern } from './ssh-lines';

/** Where the renderers get key material: placeholders for `render`, Terraform values for synth. */
export interface KeyMaterial {
  readonly algorithm: KeyAlgorithm;
  /** the public key of `user`'s key pair installed on `host` */
  publicKey(user: SshUser, host: Instance): string;
  /** the private key of that pair (only ever a placeholder or a reference, never logged) */
  privateKey(user: SshUser, host: Instance): string;
  /** sshd host keys of `host` for known_hosts ('TYPE BASE64'; may be a placeholder) */
  hostKeys(host: Instance): string[];
}

/** OpenSSH's default identity file for the algorithm, so plain `ssh` picks it up. */
export function privateKeyFileName(algorithm: KeyAlgorithm): string {
  switch (algorithm) {
    case KeyAlgorithm.RSA:
      return 'id_rsa';
    case KeyAlgorithm.ECDSA:
      return 'id_ecdsa';
    default:
      return 'id_ed25519';
  }
}

const SSH_TYPE: Record<KeyAlgorithm, string> = {
  [KeyAlgorithm.ED25519]: 'ssh-ed25519',
  [KeyAlgorithm.RSA]: 'ssh-rsa',
  [KeyAlgorithm.ECDSA]: 'ecdsa-sha2-nistp256',
};

/** What `render` shows for key material that only exists after apply. */
export class PlaceholderKeys implements KeyMaterial {
  constructor(
    public readonly algorithm: KeyAlgorithm = KeyAlgorithm.ED25519,
    private readonly perHost: boolean = false,
  ) {}

  publicKey(user: SshUser, host: Instance): string {
    const owner = this.perHost ? `${user}@${host.name}` : `${user} (cluster key)`;
    return `${SSH_TYPE[this.algorithm]} <public-key-of-${owner.replace(/[ ()]/g, '').replace('clusterkey', '-cluster-key')}-made-at-apply>`;
  }

  privateKey(user: SshUser, host: Instance): string {
    const owner = this.perHost ? `${user}@${host.name}` : `the cluster's ${user} key`;
    return `<private key of ${owner}: made by tls_private_key or supplied, written at apply time>\n`;
  }

  hostKeys(host: Instance): string[] {
    if (host.sshHostKeys.length > 0) return [...host.sshHostKeys];
    return [`<host-keys-scanned-from-${knownHostsPattern(host.address, host.settings.sshPort)}-at-apply>`];
  }
}
