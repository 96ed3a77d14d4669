"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PlaceholderKeys = void 0;
exports.privateKeyFileName = privateKeyFileName;
const enums_1 = require("../model/enums");
const ssh_lines_1 = require("./ssh-lines");
/** OpenSSH's default identity file for the algorithm, so plain `ssh` picks it up. */
function privateKeyFileName(algorithm) {
    switch (algorithm) {
        case enums_1.KeyAlgorithm.RSA:
            return 'id_rsa';
        case enums_1.KeyAlgorithm.ECDSA:
            return 'id_ecdsa';
        default:
            return 'id_ed25519';
    }
}
const SSH_TYPE = {
    [enums_1.KeyAlgorithm.ED25519]: 'ssh-ed25519',
    [enums_1.KeyAlgorithm.RSA]: 'ssh-rsa',
    [enums_1.KeyAlgorithm.ECDSA]: 'ecdsa-sha2-nistp256',
};
/** What `render` shows for key material that only exists after apply. */
class PlaceholderKeys {
    algorithm;
    perHost;
    constructor(algorithm = enums_1.KeyAlgorithm.ED25519, perHost = false) {
        this.algorithm = algorithm;
        this.perHost = perHost;
    }
    publicKey(user, host) {
        const owner = this.perHost ? `${user}@${host.name}` : `${user} (cluster key)`;
        return `${SSH_TYPE[this.algorithm]} <public-key-of-${owner.replace(/[ ()]/g, '').replace('clusterkey', '-cluster-key')}-made-at-apply>`;
    }
    privateKey(user, host) {
        const owner = this.perHost ? `${user}@${host.name}` : `the cluster's ${user} key`;
        return `<private key of ${owner}: made by tls_private_key or supplied, written at apply time>\n`;
    }
    hostKeys(host) {
        if (host.sshHostKeys.length > 0)
            return [...host.sshHostKeys];
        return [`<host-keys-scanned-from-${(0, ssh_lines_1.knownHostsPattern)(host.address, host.settings.sshPort)}-at-apply>`];
    }
}
exports.PlaceholderKeys = PlaceholderKeys;
