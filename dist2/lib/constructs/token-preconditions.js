"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.preconditionOf = preconditionOf;
exports.addTokenPreconditions = addTokenPreconditions;
/**
 * The synth-time rules of values given as Terraform tokens (lib/model/token-checks.ts), as
 * `lifecycle.precondition` blocks: every resource whose files, scripts or connection use such a
 * value checks it before it runs, so a bad address from the estate fails the plan (or the apply,
 * when the value is known only then) with the message synth gives for a literal.
 */
const token_checks_1 = require("../model/token-checks");
const host_provisioner_1 = require("./host-provisioner");
const terraform_escape_1 = require("./terraform-escape");
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
// no '{n}' counts: cdktf reads every '}' in a `${...}` attribute as its end (then writes a token with braces)
const IPV4 = `${OCTET}[.]${OCTET}[.]${OCTET}[.]${OCTET}`;
const LABEL = '[a-z0-9]([a-z0-9-]*[a-z0-9])?';
/** `${TfToken[...]}`: a string token as cdktf writes it into a string */
const STRING_TOKEN = /(\$\{TfToken\[[^\]]*\]\})/;
/**
 * The value as an HCL expression inside `${...}`, where cdktf writes a token as the bare reference:
 * the token alone, or joined with its literal parts, which travel as base64 (no quote, brace or
 * template sequence of theirs can reach HCL).
 */
function hclValue(value) {
    const parts = value.split(STRING_TOKEN).filter((p) => p !== '');
    const hcl = parts.map((p) => (STRING_TOKEN.test(p) ? p : `base64decode("${Buffer.from(p, 'utf8').toString('base64')}")`));
    return hcl.length === 1 ? hcl[0] : `join("", [${hcl.join(', ')}])`;
}
/** isAddress: a dotted quad when inet_aton would read it as IPv4, IPv6 when it has ':', else a host name */
const address = (v) => {
    const looksIpv4 = `((length(split(".", ${v})) <= 4 && alltrue([for p in split(".", ${v}) : can(regex("^(0[xX][0-9a-fA-F]*|[0-9]+)$", p))])) || can(regex("^[0-9.]+$", ${v})))`;
    const hostName = `(length(${v}) <= 253 && can(regex("^${LABEL}([.]${LABEL})*$", lower(${v}))) && alltrue([for l in split(".", ${v}) : length(l) <= 63]))`;
    return `(${looksIpv4} ? can(regex("^${IPV4}$", ${v})) : (strcontains(${v}, ":") ? can(cidrhost(format("%s/128", ${v}), 0)) : ${hostName}))`;
};
/** isFromPattern: an IP address or CIDR */
const fromPattern = (v) => `(strcontains(${v}, ":") ? can(cidrhost(strcontains(${v}, "/") ? ${v} : format("%s/128", ${v}), 0)) : can(regex("^${IPV4}(/(3[0-2]|[12]?[0-9]))?$", ${v})))`;
const CONDITIONS = {
    [token_checks_1.TokenRule.ADDRESS]: address,
    [token_checks_1.TokenRule.CLIENT_ADDRESS]: (v) => `(${fromPattern(v)} || ${address(v)})`,
    [token_checks_1.TokenRule.NOT_HBA_KEYWORD]: (v) => `(!contains(["all", "samehost", "samenet"], lower(${v})) && !can(regex("^[+@]", ${v})))`,
    [token_checks_1.TokenRule.FROM_PATTERN]: fromPattern,
    [token_checks_1.TokenRule.HOST_KEY]: (v) => `can(regex("^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+=?=?=?$", ${v}))`,
};
/** The precondition block of one check. */
function preconditionOf(check) {
    return {
        condition: `\${${CONDITIONS[check.rule](hclValue(check.value))}}`,
        errorMessage: (0, terraform_escape_1.escapeTerraform)(`instance '${check.instance}', ${check.key}: ${check.message}`),
    };
}
/** Adds its checks to every provisioner under `scope` whose texts use a checked value. */
function addTokenPreconditions(scope, checks) {
    if (checks.length === 0)
        return;
    for (const c of scope.node.findAll()) {
        if (!(c instanceof host_provisioner_1.HostProvisioner))
            continue;
        const used = checks.filter((k) => c.usedText.some((t) => t.includes(k.value)));
        if (used.length === 0)
            continue;
        const lifecycle = c.resource.lifecycle ?? {};
        c.resource.lifecycle = { ...lifecycle, precondition: [...(lifecycle.precondition ?? []), ...used.map(preconditionOf)] };
    }
}
