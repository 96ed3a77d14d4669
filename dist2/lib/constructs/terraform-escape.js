"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.escapeTerraform = escapeTerraform;
/** `${TfToken[...]}`: a string token as cdktf writes it into a string */
const STRING_TOKEN = /\$\{TfToken\[[^\]]*\]\}/g;
/**
 * cdktf writes literal strings as they are, and Terraform reads `${` and `%{` in them as
 * interpolation. Escapes both in the literal parts, leaving cdktf's own string tokens
 * (`${TfToken[...]}`, passed on purpose by TypeScript callers) for cdktf to resolve into references.
 */
function escapeTerraform(text) {
    let out = '';
    let at = 0;
    for (const m of text.matchAll(STRING_TOKEN)) {
        out += escapeLiteral(text.slice(at, m.index), true) + m[0];
        at = m.index + m[0].length;
    }
    return out + escapeLiteral(text.slice(at), false);
}
function escapeLiteral(text, beforeToken) {
    // replacement functions: in a replacement string '$$' would mean one '$'
    const escaped = text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
    // '$' right before '${ref}' would read as the escape '$${': write that '$' as an interpolation
    return beforeToken && escaped.endsWith('$') ? `${escaped.slice(0, -1)}\${"$"}` : escaped;
}
