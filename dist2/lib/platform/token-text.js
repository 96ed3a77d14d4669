"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tokenParts = tokenParts;
exports.base64Of = base64Of;
exports.sha256Of = sha256Of;
exports.hbaPrefixLength = hbaPrefixLength;
/**
 * Text that holds cdktf string tokens (a host address from another resource), turned into
 * Terraform expressions where TypeScript cannot compute the result itself: base64 copies and
 * sha256 hashes of file content, and the prefix length pg_hba.conf needs after an address. Loaded
 * only when such text exists (lib/render/token-aware.ts), so `render` and `validate` never load cdktf.
 */
const cdktf_1 = require("./cdktf");
/** `${TfToken[...]}`: a string token as cdktf writes it into a string */
const STRING_TOKEN = /\$\{TfToken\[[^\]]*\]\}/g;
/** The text cut into literal parts and token markers, in order (empty literals left out). */
function tokenParts(text) {
    const out = [];
    let at = 0;
    for (const m of text.matchAll(STRING_TOKEN)) {
        if (m.index > at)
            out.push({ literal: true, text: text.slice(at, m.index) });
        out.push({ literal: false, text: m[0] });
        at = m.index + m[0].length;
    }
    if (at < text.length)
        out.push({ literal: true, text: text.slice(at) });
    return out;
}
/**
 * The text as one Terraform string expression. Literal parts travel as base64 literals decoded by
 * Terraform, so no quoting or template rule of HCL ever applies to them (a `${` in them stays text).
 */
function joined(text) {
    const parts = tokenParts(text).map((p) => (p.literal ? cdktf_1.Fn.base64decode(Buffer.from(p.text, 'utf8').toString('base64')) : p.text));
    return parts.length === 1 ? parts[0] : cdktf_1.Fn.join('', parts);
}
/** base64 of the text, computed by Terraform. */
function base64Of(text) {
    return cdktf_1.Fn.base64encode(joined(text));
}
/** sha256 (hex) of the text, computed by Terraform. */
function sha256Of(text) {
    return cdktf_1.Fn.sha256(joined(text));
}
/**
 * What pg_hba.conf needs after an address known only to Terraform: '/32' after an IPv4 address,
 * '/128' after an IPv6 one, nothing after a CIDR or a host name (the rule of hbaAddress).
 */
function hbaPrefixLength(address) {
    let v = joined(address);
    v = cdktf_1.Fn.replace(v, '/^.*[/].*$/', '');
    v = cdktf_1.Fn.replace(v, '/^[0-9.]+$/', '/32');
    v = cdktf_1.Fn.replace(v, '/^[^/]*:.*$/', '/128');
    return cdktf_1.Fn.replace(v, '/^[^/].*$/', '');
}
