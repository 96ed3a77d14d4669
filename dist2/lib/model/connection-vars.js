"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkConnectionVarNames = checkConnectionVarNames;
exports.connectionVars = connectionVars;
const diagnostics_1 = require("./diagnostics");
const names_1 = require("./names");
const value_checks_1 = require("./value-checks");
/**
 * Ansible's connection variables as TPA passes them through an instance's `vars` (or
 * `cluster_vars`). Ansible's ssh plugin reads each under a current and an older name; both are
 * accepted, and giving both with different values is an error rather than a guess at which wins.
 */
const HOST_VARS = ['ansible_host', 'ansible_ssh_host'];
const USER_VARS = ['ansible_user', 'ansible_ssh_user'];
const PORT_VARS = ['ansible_port', 'ansible_ssh_port'];
const KEY_FIX = "load the key into ssh-agent (ssh-add FILE) or pass it as a sensitive Terraform variable (synth --connection-key-variable, or connection.privateKey in TypeScript)";
const PASSWORD_FIX = 'passwords do not belong in config.yml: connect with an ssh key (ssh-agent, synth --connection-key-variable or connection.privateKey); a connection user other than root needs passwordless sudo';
/** Vars that would put a file path or a secret into the Terraform configuration: refused. */
const REJECTED_VARS = new Map([
    ...['ansible_ssh_private_key_file', 'ansible_private_key_file'].map((k) => [k, `a key file in config.yml is not read (it would become a file() reference in the Terraform configuration): ${KEY_FIX}`]),
    ...['ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password', 'ansible_become_password', 'ansible_become_pass', 'ansible_sudo_pass', 'ansible_sudo_password', 'ansible_su_pass', 'ansible_su_password'].map((k) => [k, PASSWORD_FIX]),
]);
/** Connection vars Terraform has no counterpart for: ignored, with a warning saying what to do instead. */
const IGNORED_VARS = new Map([
    ['ansible_connection', 'Terraform always connects over ssh'],
    ['ansible_ssh_common_args', 'extra ssh options are not passed on; for a jump host use synth --bastion-host (connection.bastionHost)'],
    ['ansible_ssh_extra_args', 'extra ssh options are not passed on; for a jump host use synth --bastion-host (connection.bastionHost)'],
    ['ansible_become', 'the scripts run as root: directly, or with sudo -n when the connection user is not root'],
    ['ansible_become_user', 'the scripts run as root: directly, or with sudo -n when the connection user is not root'],
    ['ansible_become_method', 'the scripts run as root: directly, or with sudo -n when the connection user is not root'],
]);
/** Errors for refused vars and warnings for ignored ones, in one vars mapping (an instance's or cluster_vars). */
function checkConnectionVarNames(vars, instance, bag) {
    for (const [name, v] of vars) {
        const where = { instance, key: name, position: v.keyWhere ?? v.where };
        const rejected = REJECTED_VARS.get(name);
        if (rejected !== undefined)
            bag.error(`${name} is not accepted: ${rejected}`, where);
        const ignored = IGNORED_VARS.get(name);
        if (ignored !== undefined)
            bag.warning(`${name} is ignored: ${ignored}`, where);
    }
    if (instance === undefined) {
        for (const name of HOST_VARS) {
            const v = vars.get(name);
            if (v !== undefined)
                bag.error(`${name} names one host and cannot be shared by a cluster: set it in the instance's vars`, { key: name, position: v.where });
        }
    }
}
/**
 * The connection host, user and port one vars mapping gives (an instance's, or cluster_vars with
 * `instance` undefined). Bad values are reported and left out.
 */
function connectionVars(vars, instance, bag) {
    const host = instance === undefined ? undefined : oneOf(HOST_VARS, vars, instance, bag);
    const user = oneOf(USER_VARS, vars, instance, bag);
    const port = oneOf(PORT_VARS, vars, instance, bag);
    const out = {};
    if (host !== undefined) {
        if (typeof host.v.value === 'string' && (0, names_1.isAddress)(host.v.value))
            out.host = { value: host.v.value, where: host.v.where };
        else
            bag.error(`${(0, diagnostics_1.showValue)(host.v.value)} is not a host name or IP address`, { instance, key: `vars.${host.name}`, position: host.v.where });
    }
    if (user !== undefined) {
        if (typeof user.v.value === 'string' && (0, names_1.isLoginName)(user.v.value))
            out.user = user.v.value;
        else
            bag.error(`connection user ${(0, diagnostics_1.showValue)(user.v.value)} is not a user name: use letters, digits, '_', '.' and '-', starting with a letter or '_' (at most 32)`, { instance, key: user.name, position: user.v.where });
    }
    if (port !== undefined) {
        const c = (0, value_checks_1.checkPort)(port.v.value);
        if (c.ok)
            out.port = c.value;
        else
            bag.error(`connection port ${c.problem}`, { instance, key: port.name, position: port.v.where });
    }
    return out;
}
/** The one of a var's spellings that is set (null counts as unset); two spellings with different values are an error. */
function oneOf(names, vars, instance, bag) {
    const given = names.filter((n) => vars.get(n) !== undefined && vars.get(n).value !== null).map((name) => ({ name, v: vars.get(name) }));
    if (given.length > 1 && given.some((g) => String(g.v.value) !== String(given[0].v.value))) {
        bag.error(`${given.map((g) => `${g.name} ${(0, diagnostics_1.showValue)(g.v.value)}`).join(' and ')} disagree: keep only ${given[0].name}`, { instance, key: given[1].name, position: given[1].v.where });
    }
    return given[0];
}
