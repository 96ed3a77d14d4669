"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SshKeyPairs = void 0;
const enums_1 = require("../model/enums");
const ssh_lines_1 = require("../render/ssh-lines");
const cdktf_1 = require("../platform/cdktf");
const logical_ids_1 = require("./logical-ids");
/**
 * The SSH key pairs of the postgres and barman OS users: `tls_private_key` per cluster and user
 * (TPA's model), per host and user, or supplied by the user.
 */
class SshKeyPairs extends cdktf_1.Construct {
    algorithm;
    /** the generated resources, empty when keys are supplied */
    tlsKeys = [];
    pairs = new Map();
    perHost;
    constructor(scope, id, props) {
        super(scope, id);
        const prefix = props.idPrefix ?? 'barman';
        this.algorithm = props.algorithm ?? enums_1.KeyAlgorithm.ED25519;
        this.perHost = props.perHostKeys ?? false;
        if (props.suppliedKeys && this.perHost) {
            throw new Error('suppliedKeys gives one key pair per user for the whole cluster: remove perHostKeys, or let the library generate per-host keys');
        }
        if (props.suppliedKeys) {
            this.pairs.set(enums_1.SshUser.POSTGRES, supplied(props.suppliedKeys.postgres));
            this.pairs.set(enums_1.SshUser.BARMAN, supplied(props.suppliedKeys.barman));
            return;
        }
        const make = (user, host) => {
            const key = new cdktf_1.TlsPrivateKey(this, host ? `${user}-${host.name}` : user, {
                algorithm: this.algorithm,
                rsaBits: this.algorithm === enums_1.KeyAlgorithm.RSA ? (props.rsaBits ?? 4096) : undefined,
                ecdsaCurve: this.algorithm === enums_1.KeyAlgorithm.ECDSA ? (props.ecdsaCurve ?? 'P256') : undefined,
            });
            key.overrideLogicalId(logical_ids_1.logicalIds.sshKey(prefix, user, host?.name));
            this.tlsKeys.push(key);
            return { publicKey: cdktf_1.Fn.trimspace(key.publicKeyOpenssh), privateKey: key.privateKeyOpenssh, fingerprint: key.publicKeyFingerprintSha256 };
        };
        if (this.perHost) {
            for (const p of props.graph.postgresInstances)
                this.pairs.set(pairKey(enums_1.SshUser.POSTGRES, p), make(enums_1.SshUser.POSTGRES, p));
            for (const s of props.graph.barmanServers)
                this.pairs.set(pairKey(enums_1.SshUser.BARMAN, s), make(enums_1.SshUser.BARMAN, s));
        }
        else {
            this.pairs.set(enums_1.SshUser.POSTGRES, make(enums_1.SshUser.POSTGRES));
            this.pairs.set(enums_1.SshUser.BARMAN, make(enums_1.SshUser.BARMAN));
        }
    }
    pair(user, host) {
        const p = this.pairs.get(this.perHost ? pairKey(user, host) : user);
        if (!p)
            throw new Error(`no ${user} key pair for ${host.name}`);
        return p;
    }
    /** `TYPE BASE64` of the public key of `user` on `host` (a Terraform reference when generated) */
    publicKey(user, host) {
        return this.pair(user, host).publicKey;
    }
    /** the private key (sensitive): only for the key-install provisioner */
    privateKey(user, host) {
        return this.pair(user, host).privateKey;
    }
    /** tokens are built once per pair: each one costs cdktf a stack trace */
    encoded = new Map();
    /** the private key as base64 (a Terraform expression): only for the key-install provisioner */
    privateKeyBase64(user, host) {
        const pair = this.pair(user, host);
        let e = this.encoded.get(pair);
        if (e === undefined) {
            e = cdktf_1.Fn.base64encode(pair.privateKey);
            this.encoded.set(pair, e);
        }
        return e;
    }
    /** SHA256 fingerprint of a generated key, for wiring into other resources; undefined when supplied */
    fingerprint(user, host) {
        return this.pair(user, host).fingerprint;
    }
    /** pinned host keys, or a description of the scan that happens at apply time */
    hostKeys(host) {
        if (host.sshHostKeys.length > 0)
            return [...host.sshHostKeys];
        return [`<scanned-at-apply-from-${(0, ssh_lines_1.knownHostsPattern)(host.address, host.settings.sshPort)}>`];
    }
}
exports.SshKeyPairs = SshKeyPairs;
function pairKey(user, host) {
    return `${user}\u0000${host.name}`;
}
function supplied(p) {
    // a literal key can be trimmed now; a reference is trimmed by Terraform (comment dropped)
    const publicKey = cdktf_1.Token.isUnresolved(p.publicKey) ? cdktf_1.Fn.join(' ', cdktf_1.Fn.slice(cdktf_1.Fn.split(' ', cdktf_1.Fn.trimspace(p.publicKey)), 0, 2)) : (0, ssh_lines_1.keyBody)(p.publicKey);
    return { publicKey, privateKey: p.privateKey };
}
