"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BarmanStack = exports.PRIVATE_KEY_BLOCK = exports.PUBLIC_KEY_LINE = void 0;
exports.synthesizeTerraformJson = synthesizeTerraformJson;
const node_os_1 = require("node:os");
const enums_1 = require("../model/enums");
const cdktf_1 = require("../platform/cdktf");
const barman_cluster_1 = require("./barman-cluster");
const cluster_source_1 = require("./cluster-source");
const estate_module_1 = require("./estate-module");
const terraform_escape_1 = require("./terraform-escape");
const logical_ids_1 = require("./logical-ids");
const CLUSTER_ID = 'barman';
/**
 * One OpenSSH public key line of a supported type, with an optional comment (and one final
 * newline, as `file()` reads a .pub file). RE2 syntax, as Terraform's regex() takes it.
 */
exports.PUBLIC_KEY_LINE = '^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,3}( [^\\r\\n]*)?\\r?\\n?$';
/** An unencrypted private key in OpenSSH or PEM form: BEGIN line, base64 body, END line. */
exports.PRIVATE_KEY_BLOCK = '^-----BEGIN (OPENSSH |RSA |EC )?PRIVATE KEY-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END (OPENSSH |RSA |EC )?PRIVATE KEY-----[\\r\\n]*$';
/**
 * Terraform checks a supplied public key once, when the variable is read: a malformed key fails the
 * plan with one message instead of one error per resource that splits it. A private key given here
 * by mistake passes this rule, which would print it (the variable is not sensitive): the output
 * precondition of suppliedKeyChecks refuses it without showing it.
 */
function validatePublicKey(v, user) {
    v.addValidation({
        condition: cdktf_1.Fn.can(cdktf_1.Fn.regex(`PRIVATE KEY|${exports.PUBLIC_KEY_LINE}`, v.stringValue)),
        errorMessage: `the ${user} public key must be one OpenSSH public key line, 'TYPE BASE64 [COMMENT]' with TYPE ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521: pass the contents of the .pub file, e.g. TF_VAR_${v.friendlyUniqueId}="$(cat id_${user}.pub)"`,
    });
    return v;
}
/**
 * The checks of a supplied pair that must not show its values, as output preconditions rather
 * than variable validations: Terraform (1.11) prints a variable's value when its own validation
 * fails, even a sensitive one, while a precondition shows no value of a sensitive one. The public
 * key is read through a sensitive local for the same reason.
 */
function suppliedKeyChecks(scope, privateKey, publicKey) {
    const hidden = new cdktf_1.TerraformLocal(scope, `${publicKey.friendlyUniqueId}_hidden`, cdktf_1.Fn.sensitive(publicKey.stringValue));
    return [
        {
            condition: cdktf_1.Fn.can(cdktf_1.Fn.regex(exports.PRIVATE_KEY_BLOCK, privateKey.stringValue)),
            error_message: `${privateKey.friendlyUniqueId} must be an unencrypted OpenSSH or PEM private key, from its -----BEGIN ... PRIVATE KEY----- line to its END line (make one with ssh-keygen -N ''); the value is not shown`,
        },
        {
            condition: cdktf_1.Fn.can(cdktf_1.Fn.regex(exports.PUBLIC_KEY_LINE, hidden.asString)),
            error_message: `${publicKey.friendlyUniqueId} holds a private key: pass the .pub file (the value is not shown)`,
        },
    ];
}
/** A whole stack around one BarmanCluster, for the CLI and the examples. */
class BarmanStack extends cdktf_1.TerraformStack {
    cluster;
    constructor(scope, id, props) {
        super(scope, id);
        // the cluster's construct id is 'barman': its prefix, unless idPrefix says otherwise
        const prefix = (0, logical_ids_1.clusterIdPrefix)(CLUSTER_ID, props.idPrefix);
        const secret = (name, description) => new cdktf_1.TerraformVariable(this, `${prefix}_${name}`, { type: 'string', sensitive: true, description });
        const plain = (name, description) => new cdktf_1.TerraformVariable(this, `${prefix}_${name}`, { type: 'string', description });
        let connection = props.connection ?? {};
        if (props.connectionKeyFromVariable) {
            connection = { ...connection, agent: false, privateKey: secret('connection_private_key', 'private key Terraform uses to reach every host over SSH').stringValue };
        }
        if (props.bastionKeyFromVariable) {
            connection = { ...connection, bastionPrivateKey: secret('bastion_private_key', 'private key Terraform uses to log in to the jump host').stringValue };
        }
        const databasePasswords = props.databasePasswordsFromVariables
            ? {
                barman: secret('barman_db_password', 'password of the barman database role').stringValue,
                streamingBarman: secret('streaming_barman_db_password', 'password of the streaming_barman database role').stringValue,
            }
            : props.databasePasswords;
        const keyVariables = props.keysFromVariables
            ? {
                postgresPrivate: secret('postgres_ssh_private_key', "the postgres OS user's private key (OpenSSH)"),
                postgresPublic: validatePublicKey(plain('postgres_ssh_public_key', "the postgres OS user's public key (OpenSSH line)"), 'postgres'),
                barmanPrivate: secret('barman_ssh_private_key', "the barman OS user's private key (OpenSSH)"),
                barmanPublic: validatePublicKey(plain('barman_ssh_public_key', "the barman OS user's public key (OpenSSH line)"), 'barman'),
            }
            : undefined;
        const suppliedKeys = keyVariables
            ? {
                postgres: { privateKey: keyVariables.postgresPrivate.stringValue, publicKey: keyVariables.postgresPublic.stringValue },
                barman: { privateKey: keyVariables.barmanPrivate.stringValue, publicKey: keyVariables.barmanPublic.stringValue },
            }
            : props.suppliedKeys;
        // as a module, the same definition built again with the input variables as host addresses
        const definition = props.asModule
            ? { clusterName: undefined, instances: undefined, settings: undefined, configFile: undefined, graph: (0, estate_module_1.hostInputs)(this, (0, cluster_source_1.graphOfSource)(props)) }
            : {};
        this.cluster = new barman_cluster_1.BarmanCluster(this, CLUSTER_ID, { ...props, ...definition, connection, suppliedKeys, databasePasswords });
        const statusTargets = new cdktf_1.TerraformOutput(this, `${prefix}_status_targets`, {
            // config values are literal text here too; host references passed on purpose stay references
            value: (0, terraform_escape_1.escapeTerraform)(JSON.stringify(this.cluster.statusTargets)),
            description: 'what `cdktf-barman status --outputs` probes: Barman servers, their backups, file hashes (no secrets)',
            staticId: true,
        });
        if (keyVariables) {
            // one error per bad key before anything is planned; cdktf (0.21) drops an output's precondition prop from its JSON
            statusTargets.addOverride('precondition', [
                ...suppliedKeyChecks(this, keyVariables.postgresPrivate, keyVariables.postgresPublic),
                ...suppliedKeyChecks(this, keyVariables.barmanPrivate, keyVariables.barmanPublic),
            ]);
        }
        if (!suppliedKeys && !props.perHostKeys) {
            const any = this.cluster.graph.instances[0];
            new cdktf_1.TerraformOutput(this, `${prefix}_postgres_public_key`, { value: this.cluster.keys.publicKey(enums_1.SshUser.POSTGRES, any), description: "the postgres OS user's public key", staticId: true });
            new cdktf_1.TerraformOutput(this, `${prefix}_barman_public_key`, { value: this.cluster.keys.publicKey(enums_1.SshUser.BARMAN, any), description: "the barman OS user's public key", staticId: true });
        }
        if (props.asModule) {
            (0, estate_module_1.moduleOutputs)(this, this.cluster, prefix);
            (0, estate_module_1.withoutProviderBlocks)(this);
        }
    }
}
exports.BarmanStack = BarmanStack;
/**
 * Synthesizes the stack and returns its Terraform JSON without a backend, ready to drop into an
 * existing Terraform directory. Runs what `cdktf synth` runs on one stack (aspects, validations,
 * error annotations) but skips its cross-stack resolve pass and its file round trip: a third
 * less time and half the memory on large estates (bench/).
 */
function synthesizeTerraformJson(props, stackName = 'barman') {
    const app = new cdktf_1.App({ outdir: (0, node_os_1.tmpdir)(), skipBackendValidation: true });
    const stack = new BarmanStack(app, stackName, props);
    (0, cdktf_1.invokeAspects)(stack);
    stack.runAllValidations();
    const problems = app.node.validate();
    const errors = stack.node
        .findAll()
        .flatMap((c) => c.node.metadata.filter((m) => m.type === cdktf_1.AnnotationMetadataEntryType.ERROR).map((m) => `[${c.node.path}] ${String(m.data)}`));
    if (problems.length > 0 || errors.length > 0)
        throw new Error(`synthesis failed:\n  ${[...problems, ...errors].join('\n  ')}`);
    return withoutMetadata(stack.toTerraform());
}
/**
 * cdktf's "//" comments (construct paths, its version, a backend it did not write) change with a
 * refactor or an upgrade while the infrastructure does not: drop them, and an empty terraform block.
 */
function withoutMetadata(value) {
    if (Array.isArray(value))
        return value.map(withoutMetadata);
    if (typeof value !== 'object' || value === null)
        return value;
    const out = {};
    // sorted keys, as cdktf writes them: a stable file whatever the construct order
    for (const [k, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (k === '//')
            continue;
        const cleaned = withoutMetadata(v);
        if (k === 'terraform' && typeof cleaned === 'object' && cleaned !== null && Object.keys(cleaned).length === 0)
            continue;
        out[k] = cleaned;
    }
    return out;
}
