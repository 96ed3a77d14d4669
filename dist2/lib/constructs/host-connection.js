"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.secretScriptPath = secretScriptPath;
exports.connectionFor = connectionFor;
const names_1 = require("../model/names");
const cdktf_1 = require("../platform/cdktf");
const terraform_escape_1 = require("./terraform-escape");
/**
 * The upload path of every provisioner's script (secret steps' included): the connection user's
 * own home, never Terraform's default under the world-writable /tmp.
 */
function secretScriptPath(props = {}, host) {
    if (props.secretScriptPath !== undefined)
        return (0, terraform_escape_1.escapeTerraform)(props.secretScriptPath);
    const user = connectionUser(props, host);
    return user === 'root' ? '/root/.cdktf-barman-%RAND%.sh' : `/home/${user}/.cdktf-barman-%RAND%.sh`;
}
/**
 * The connection user: the host's own from its config (checked there), else the construct-wide one,
 * whose literal must be a login name (it lands in Terraform strings and a path).
 */
function connectionUser(props, host) {
    const user = props.user ?? 'root';
    if (!cdktf_1.Token.isUnresolved(user) && !(0, names_1.isLoginName)(user)) {
        throw new Error(`connection user ${JSON.stringify(user)} is not an os user name: use letters, digits, '_', '.' and '-', starting with a letter or '_'`);
    }
    return host?.connectionUser ?? user;
}
/** Literal text Terraform must not read as a template; tokens passed on purpose stay references. */
const literal = (text) => (text === undefined ? undefined : (0, terraform_escape_1.escapeTerraform)(text));
/** The connection block for one host; its pinned host key (the first) is checked when given. */
function connectionFor(host, props = {}) {
    const agent = props.agent ?? props.privateKey === undefined;
    return {
        type: 'ssh',
        host: literal(host.connectionHost),
        user: connectionUser(props, host),
        port: host.connectionPort ?? props.port ?? host.settings.sshPort,
        // cdktf types agent as a string; Terraform reads a bool
        agent: agent,
        privateKey: props.privateKey,
        hostKey: literal(host.sshHostKeys[0]),
        bastionHost: literal(props.bastionHost),
        bastionUser: literal(props.bastionUser),
        bastionPort: props.bastionPort,
        bastionPrivateKey: props.bastionPrivateKey,
        bastionHostKey: literal(props.bastionHostKey),
        timeout: literal(props.timeout),
    };
}
