"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.jsonStrings = jsonStrings;
exports.terraformExpressions = terraformExpressions;
exports.terraformLiteral = terraformLiteral;
exports.expressionShape = expressionShape;
exports.newExpressions = newExpressions;
exports.hbaLineProblems = hbaLineProblems;
exports.authorizedKeyProblems = authorizedKeyProblems;
exports.knownHostsProblems = knownHostsProblems;
exports.fromPatterns = fromPatterns;
/**
 * How the hostile-input suite reads what the library wrote, the way the consumer would:
 * Terraform's interpolation in the synthesized JSON, PostgreSQL's pg_hba.conf fields, and sshd's
 * authorized_keys options.
 */
const node_net_1 = require("node:net");
/** Every string of a JSON value with its path (`resource.terraform_data.x.triggers_replace./etc/...`). */
function jsonStrings(value, path = '', out = new Map()) {
    if (typeof value === 'string')
        out.set(path, value);
    else if (Array.isArray(value))
        value.forEach((v, i) => jsonStrings(v, `${path}[${i}]`, out));
    else if (typeof value === 'object' && value !== null)
        for (const [k, v] of Object.entries(value))
            jsonStrings(v, path === '' ? k : `${path}.${k}`, out);
    return out;
}
/**
 * The interpolations and template directives Terraform evaluates in a string: `${...}` and
 * `%{...}` not escaped as `$${` / `%%{` (Terraform's rule: a doubled sigil is a literal).
 */
function terraformExpressions(s) {
    const out = [];
    for (let i = 0; i < s.length - 1; i++) {
        const c = s[i];
        if ((c === '$' || c === '%') && s[i + 1] === c && s[i + 2] === '{') {
            i += 2; // escaped: a literal `${` or `%{`
            continue;
        }
        if ((c === '$' || c === '%') && s[i + 1] === '{') {
            let depth = 0;
            let j = i + 1;
            for (; j < s.length; j++) {
                if (s[j] === '{')
                    depth++;
                else if (s[j] === '}' && --depth === 0)
                    break;
            }
            out.push(s.slice(i, j + 1));
            i = j;
        }
    }
    return out;
}
/** What a string does in Terraform once its escapes are read: `$${` is `${`, `%%{` is `%{`. */
function terraformLiteral(s) {
    return s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
/**
 * The shape of an expression, independent of logical ids: `${var.x}` stays, resource references
 * keep their type and attribute (`tls_private_key.*.private_key_openssh`).
 */
function expressionShape(e) {
    return e.replace(/\b([a-z][a-z0-9_]*)\.[A-Za-z0-9_-]+\.([a-z_]+)/g, (m, type, attr) => (type === 'var' || type === 'local' ? m : `${type}.*.${attr}`));
}
/**
 * Expressions of `hostile` that the same config without the payload did not have at the same
 * place (or, where the place is new, anywhere): references the payload built.
 */
function newExpressions(baseline, hostile) {
    const allShapes = new Set([...baseline.values()].flatMap(terraformExpressions).map(expressionShape));
    const out = [];
    for (const [path, s] of hostile) {
        const before = baseline.get(path);
        const known = before === undefined ? allShapes : new Set(terraformExpressions(before).map(expressionShape));
        for (const e of terraformExpressions(s))
            if (!known.has(expressionShape(e)))
                out.push(`${path}: ${e}`);
    }
    return out;
}
const HBA_KEYWORDS = ['all', 'samehost', 'samenet', 'samerole', 'sameuser', 'replication'];
/**
 * Problems of one pg_hba.conf line as PostgreSQL 15 reads a `host` record: whitespace-separated
 * fields (double quotes group, a quoted keyword is a name), TYPE DATABASE USER ADDRESS METHOD; the
 * address must be an IP/CIDR or a host name, never a keyword or a +group/@file.
 */
function hbaLineProblems(line) {
    if (/[\r\0\u2028\u0085]/.test(line))
        return [`control or line-break character in ${JSON.stringify(line)}`];
    const fields = line.match(/"(?:[^"]|"")*"|[^\s"]+/g) ?? [];
    if (fields.join(' ') !== line.trim().replace(/\s+/g, ' '))
        return [`unbalanced quotes in ${JSON.stringify(line)}`];
    if (!['host', 'hostssl'].includes(fields[0] ?? ''))
        return [`record type ${fields[0]} in ${JSON.stringify(line)}`];
    if (fields.length !== 5)
        return [`${fields.length} fields (expected TYPE DATABASE USER ADDRESS METHOD) in ${JSON.stringify(line)}`];
    const address = fields[3];
    if (HBA_KEYWORDS.includes(address) || address.startsWith('+') || address.startsWith('@'))
        return [`address ${address} is a pg_hba keyword or reference: it matches more than one host`];
    const [ip, bits, more] = address.split('/');
    if (more !== undefined)
        return [`address ${address} has two '/'`];
    if (bits !== undefined) {
        const version = (0, node_net_1.isIP)(ip);
        const max = version === 4 ? 32 : version === 6 ? 128 : -1;
        if (max < 0 || !/^\d+$/.test(bits) || Number(bits) > max)
            return [`address ${address} is not a valid CIDR`];
        return [];
    }
    if (!/^\.?[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*$/.test(address) || address.length > 253)
        return [`address ${address} is neither an IP/CIDR nor a host name`];
    return [];
}
/**
 * Problems of one managed authorized_keys line as sshd reads it: options (comma-separated,
 * values in double quotes where only \" is an escape), then a key type, a key, a comment.
 */
function authorizedKeyProblems(line) {
    if (/[\r\n\0\u2028\u0085]/.test(line))
        return [`control or line-break character in ${JSON.stringify(line)}`];
    let i = 0;
    if (!/^(ssh-|ecdsa-)/.test(line)) {
        // options: name or name="value" separated by commas, ending at the first unquoted space
        while (i < line.length && line[i] !== ' ') {
            const name = /^[A-Za-z-]+/.exec(line.slice(i));
            if (!name)
                return [`bad option at column ${i + 1} of ${JSON.stringify(line)}`];
            i += name[0].length;
            if (line[i] === '=') {
                if (line[i + 1] !== '"')
                    return [`option ${name[0]} value not quoted in ${JSON.stringify(line)}`];
                i += 2;
                while (i < line.length && line[i] !== '"')
                    i += line[i] === '\\' && line[i + 1] === '"' ? 2 : 1;
                if (i >= line.length)
                    return [`unterminated quote in ${JSON.stringify(line)}`];
                i++;
            }
            if (line[i] === ',')
                i++;
            else if (line[i] !== ' ')
                return [`option list broken at column ${i + 1} of ${JSON.stringify(line)}`];
        }
        i++;
    }
    const rest = line.slice(i).split(' ');
    if (!/^(ssh-|ecdsa-sha2-)/.test(rest[0] ?? ''))
        return [`no key type where sshd expects one in ${JSON.stringify(line)}`];
    return [];
}
/**
 * Problems of one managed known_hosts line as ssh reads it: one host pattern (no wildcard or
 * negation a hostile address could smuggle in), a key type, a key, the library's marker.
 */
function knownHostsProblems(line) {
    if (/[\r\n\0\u2028\u0085]/.test(line))
        return [`control or line-break character in ${JSON.stringify(line)}`];
    const fields = line.split(' ');
    // render shows keys scanned at apply time as one placeholder word
    const placeholder = fields.length === 3 && /^<host-keys-scanned-from-[^\s]*-at-apply>$/.test(fields[1]);
    if (fields.length !== 4 && !placeholder)
        return [`${fields.length} fields (expected HOST TYPE KEY MARKER) in ${JSON.stringify(line)}`];
    if (/[*?!,]/.test(fields[0]))
        return [`host pattern ${fields[0]} has a wildcard, negation or list: it matches other hosts`];
    if (!/^(ssh-|ecdsa-sha2-|<host-keys)/.test(fields[1]))
        return [`no key type where ssh expects one in ${JSON.stringify(line)}`];
    return [];
}
/** The from="..." patterns of an authorized_keys line, unescaped as sshd does. */
function fromPatterns(line) {
    const m = /(?:^|,)from="((?:[^"\\]|\\.)*)"/.exec(line);
    return m ? m[1].replace(/\\"/g, '"').split(',') : undefined;
}
