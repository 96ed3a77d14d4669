"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isTokenNumber = isTokenNumber;
exports.containsTokenText = containsTokenText;
exports.containsToken = containsToken;
exports.isStringToken = isStringToken;
exports.checkLiteralValues = checkLiteralValues;
const diagnostics_1 = require("./diagnostics");
/** `${TfToken[`, `#{TfToken[` (list element), `&{TfToken[` (map key) */
const TOKEN_MARKER = /[$#&]\{TfToken\[/;
/** a number written into a string as cdktf concatenates a number token (e.g. -8.109562212591379e+298) */
const NUMBER_IN_TEXT = /[-+]?\d+(?:\.\d+)?e[-+]?\d+/gi;
/** top 16 bits of cdktf's token doubles: 0xfdff (number), 0xfbff (number list element) */
const TOKEN_DOUBLE_BITS = [0xfdff, 0xfbff];
/** Whether `n` is one of cdktf's encoded number tokens (a NaN-free, huge negative double with marker bits). */
function isTokenNumber(n) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, n);
    return TOKEN_DOUBLE_BITS.includes(view.getUint16(0));
}
/** Whether a string holds a cdktf token in any encoding cdktf resolves inside strings. */
function containsTokenText(text) {
    if (TOKEN_MARKER.test(text))
        return true;
    return [...text.matchAll(NUMBER_IN_TEXT)].some((m) => isTokenNumber(parseFloat(m[0])));
}
/** Whether a value (a string, number, list or mapping, keys included) holds a cdktf token anywhere. */
function containsToken(v) {
    if (typeof v === 'string')
        return containsTokenText(v);
    if (typeof v === 'number')
        return isTokenNumber(v);
    if (Array.isArray(v))
        return v.some(containsToken);
    if (typeof v === 'object' && v !== null) {
        // an IResolvable passed through a cast
        if (typeof v.resolve === 'function')
            return true;
        return Object.entries(v).some(([k, x]) => containsTokenText(k) || containsToken(x));
    }
    return false;
}
/**
 * Keys whose values may carry string tokens a TypeScript caller passes on purpose (a host address
 * from another resource): only for values that did not come from config.yml (no `where`). Their
 * literal checks move to apply time (see token-checks.ts).
 */
const TOKEN_ACCEPTING_KEYS = new Set(['address', 'connection_host', 'barman_client_addresses', 'ssh_host_keys']);
/** `${TfToken[...]}`: a string token as cdktf writes it into a string */
const STRING_TOKEN = /\$\{TfToken\[[^\]]*\]\}/;
/**
 * Whether a value of a token-accepting key is a string holding a string token (the only kind those
 * keys take: a list token's element or a number token has no place in a host name).
 */
function isStringToken(v) {
    return typeof v === 'string' && STRING_TOKEN.test(v);
}
/** Whether every token in the value is a string token (literal text around them is fine). */
function onlyStringTokens(v) {
    return typeof v === 'string' && !containsToken(v.replace(new RegExp(STRING_TOKEN.source, 'g'), ''));
}
/** Reports every value of the spec that holds a cdktf token. */
function checkLiteralValues(spec, bag) {
    const check = (v, key, instance, raw = v?.value, position = v?.where) => {
        if (v === undefined || !containsToken(raw))
            return;
        if (TOKEN_ACCEPTING_KEYS.has(key) && position === undefined) {
            const elements = Array.isArray(raw) ? raw : [raw];
            const other = elements.find((e) => containsToken(e) && !onlyStringTokens(e));
            if (other === undefined)
                return;
            bag.error(`${(0, diagnostics_1.showValue)(other)} holds a cdktf token marker of a list, map or number: ${key} takes literal strings or string tokens, one per element (e.g. \`[instance.privateIp]\`); pass each element as a string token`, { instance, key, position });
            return;
        }
        bag.error(`${(0, diagnostics_1.showValue)(raw)} holds a cdktf token marker (like \${TfToken[...]}), which synth would turn into a live Terraform reference: values from config.yml are literal text; remove the marker (pass references from TypeScript only where the API takes them)`, { instance, key, position });
    };
    check(spec.clusterName, 'cluster_name');
    for (const [name, v] of spec.clusterVars)
        check(v, name);
    for (const i of spec.instances) {
        const instance = i.givenName;
        // the name as written: normalising lower-cases 'TfToken' out of a marker
        check({ value: i.givenName, where: i.name.where }, 'Name', instance);
        check(i.roles, 'role', instance);
        for (const b of i.backup)
            check(b, 'backup', instance);
        check(i.privateIp, 'private_ip', instance);
        check(i.ipAddress, 'ip_address', instance);
        check(i.publicIp, 'public_ip', instance);
        check(i.ansibleHost, 'ansible_host', instance);
        check(i.upstream, 'upstream', instance);
        for (const [name, v] of i.vars)
            check(v, name, instance);
    }
}
