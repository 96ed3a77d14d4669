import { KeyAlgorithm, SshUser } from '../model/enums';
import { Instance } from '../model/graph';
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
export declare function privateKeyFileName(algorithm: KeyAlgorithm): string;
/** What `render` shows for key material that only exists after apply. */
export declare class PlaceholderKeys implements KeyMaterial {
    readonly algorithm: KeyAlgorithm;
    private readonly perHost;
    constructor(algorithm?: KeyAlgorithm, perHost?: boolean);
    publicKey(user: SshUser, host: Instance): string;
    privateKey(user: SshUser, host: Instance): string;
    hostKeys(host: Instance): string[];
}
