"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HOST_KEY_ONE = exports.HOST_KEY_TWO_RSA = exports.HOST_KEY_TWO_ED25519 = exports.seedGraph = exports.afterComments = exports.PASSWORD_STEP_MARK = exports.SECRET_STEP_MARK = exports.PROLOGUE_REF = exports.PROLOGUE_LOCAL = exports.idOf = exports.PASSWORD_RESOURCE_BODY = exports.isPasswordId = exports.passwordIds = exports.PASSWORD_NAMES = exports.SEED_CONFIG = exports.repoRoot = exports.PROVISIONER_TYPES = void 0;
exports.fixtureConfigs = fixtureConfigs;
exports.synthConfig = synthConfig;
exports.synthStack = synthStack;
exports.synthCluster = synthCluster;
exports.synthBarmanStack = synthBarmanStack;
exports.resourcesOf = resourcesOf;
exports.provisionerResources = provisionerResources;
exports.passwordResources = passwordResources;
exports.expectedProvisionerIds = expectedProvisionerIds;
exports.resource = resource;
exports.triggersOf = triggersOf;
exports.inlinesOf = inlinesOf;
exports.stepLine = stepLine;
exports.combinedStepLine = combinedStepLine;
exports.shellWords = shellWords;
exports.parseStepLine = parseStepLine;
exports.stepsOf = stepsOf;
exports.stepOf = stepOf;
exports.triggerArg = triggerArg;
exports.triggerKeyOf = triggerKeyOf;
exports.prologueOf = prologueOf;
exports.hostProgramOf = hostProgramOf;
exports.triggerPaths = triggerPaths;
exports.readTemplate = readTemplate;
exports.isLibraryExpression = isLibraryExpression;
exports.stringsIn = stringsIn;
exports.multiGraph = multiGraph;
/**
 * Helpers for the synthesis tests of test/constructs, test/golden-synth and test/scripts.
 * cdktf is reached ONLY through lib/platform/cdktf.ts (the one module allowed to import it).
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const cdktf_1 = require("../../lib/platform/cdktf");
const barman_cluster_1 = require("../../lib/constructs/barman-cluster");
const barman_stack_1 = require("../../lib/constructs/barman-stack");
const tpa_config_1 = require("../../lib/config/tpa-config");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const enums_1 = require("../../lib/model/enums");
const paths_1 = require("../support/paths");
Object.defineProperty(exports, "repoRoot", { enumerable: true, get: function () { return paths_1.repoRoot; } });
exports.PROVISIONER_TYPES = ['null_resource', 'terraform_data'];
const SEED_CONFIG = () => (0, node_path_1.join)((0, paths_1.repoRoot)(), 'examples', 'config.yml');
exports.SEED_CONFIG = SEED_CONFIG;
/** test/fixtures/topologies/<name>/config.yml (written by another stream; may grow) and test/fixtures/synth/<name>/config.yml (ours). */
function fixtureConfigs() {
    const out = [];
    for (const [group, dir] of [
        ['topologies', (0, node_path_1.join)((0, paths_1.repoRoot)(), 'test', 'fixtures', 'topologies')],
        ['synth', (0, node_path_1.join)((0, paths_1.repoRoot)(), 'test', 'fixtures', 'synth')],
    ]) {
        if (!(0, node_fs_1.existsSync)(dir))
            continue;
        for (const name of (0, node_fs_1.readdirSync)(dir).sort()) {
            const file = (0, node_path_1.join)(dir, name, 'config.yml');
            if ((0, node_fs_1.statSync)((0, node_path_1.join)(dir, name)).isDirectory() && (0, node_fs_1.existsSync)(file))
                out.push({ name: `${group}/${name}`, file });
        }
    }
    return out;
}
function synthConfig(name) {
    return (0, node_path_1.join)((0, paths_1.repoRoot)(), 'test', 'fixtures', 'synth', name, 'config.yml');
}
/** A fresh stack of a fresh test app; `build` adds constructs; returns the parsed Testing.synth JSON. */
function synthStack(build, runValidations = false) {
    const app = cdktf_1.Testing.app();
    const stack = new cdktf_1.TerraformStack(app, 'test');
    build(stack);
    return JSON.parse(cdktf_1.Testing.synth(stack, runValidations));
}
/** One BarmanCluster (construct id `barman`) alone in a stack. */
function synthCluster(props, runValidations = false) {
    return synthStack((stack) => {
        new barman_cluster_1.BarmanCluster(stack, 'barman', props);
    }, runValidations);
}
/** A BarmanStack (the CLI's stack) through Testing.synth. */
function synthBarmanStack(props, runValidations = false) {
    const app = cdktf_1.Testing.app();
    const stack = new barman_stack_1.BarmanStack(app, 'test', props);
    return JSON.parse(cdktf_1.Testing.synth(stack, runValidations));
}
/** Every resource as `type.id` -> body. */
function resourcesOf(json) {
    const out = new Map();
    for (const [type, byId] of Object.entries(json.resource ?? {})) {
        for (const [id, body] of Object.entries(byId))
            out.set(`${type}.${id}`, body);
    }
    return out;
}
/** the two database password resources' names (`<prefix>_db_secret_<name>`) */
exports.PASSWORD_NAMES = ['barman', 'streaming_barman'];
const passwordIds = (prefix = 'barman') => exports.PASSWORD_NAMES.map((n) => `${prefix}_db_secret_${n}`);
exports.passwordIds = passwordIds;
/** a database password resource's logical id (any prefix) */
const isPasswordId = (id) => /_db_secret_(barman|streaming_barman)$/.test(id);
exports.isPasswordId = isPasswordId;
/** What a generated password resource must be, exactly: no triggers, no provisioners, no connection. */
exports.PASSWORD_RESOURCE_BODY = { triggers_replace: '${sensitive(uuid())}', lifecycle: { ignore_changes: ['triggers_replace'] } };
/**
 * The provisioner resources (null_resource or terraform_data) as logical id -> body. The generated
 * database passwords (terraform_data without provisioners) are not: see passwordResources.
 */
function provisionerResources(json) {
    const out = new Map();
    for (const type of exports.PROVISIONER_TYPES) {
        for (const [id, body] of Object.entries(json.resource?.[type] ?? {})) {
            if (type === 'terraform_data' && (0, exports.isPasswordId)(id))
                continue;
            strict_1.default.ok(!out.has(id), `logical id ${id} is used by both null_resource and terraform_data`);
            out.set(id, body);
        }
    }
    return out;
}
/** The generated database password resources (terraform_data) as logical id -> body. */
function passwordResources(json) {
    return new Map(Object.entries(json.resource?.terraform_data ?? {}).filter(([id]) => (0, exports.isPasswordId)(id)));
}
/** A name as the logical ids write it (instance names are [a-z0-9.-]; '.' becomes '_'). */
const idOf = (name) => name.replace(/\./g, '_');
exports.idOf = idOf;
/**
 * The provisioner resources a graph should give, derived from the graph alone: a server resource
 * per Barman server, a backup resource per edge, an access resource per Postgres instance; with
 * database access managed (and some Barman server), a config resource per Postgres instance and a
 * roles resource per Postgres instance that is not a replica; with activation, one per edge.
 */
function expectedProvisionerIds(graph, o = {}) {
    const prefix = o.prefix ?? 'barman';
    const manage = o.manage ?? true;
    const activate = o.activate ?? manage;
    const ids = [
        ...graph.barmanServers.map((s) => `${prefix}_server_${(0, exports.idOf)(s.name)}`),
        ...graph.edges.map((e) => `${prefix}_backup_${(0, exports.idOf)(e.instance.name)}_on_${(0, exports.idOf)(e.server.name)}`),
        ...graph.postgresInstances.map((p) => `${prefix}_postgres_access_${(0, exports.idOf)(p.name)}`),
    ];
    if (manage && graph.barmanServers.length > 0) {
        ids.push(...graph.postgresInstances.map((p) => `${prefix}_postgres_config_${(0, exports.idOf)(p.name)}`));
        ids.push(...graph.postgresInstances.filter((p) => !p.roles.includes(enums_1.Role.REPLICA)).map((p) => `${prefix}_postgres_roles_${(0, exports.idOf)(p.name)}`));
    }
    if (activate)
        ids.push(...graph.edges.map((e) => `${prefix}_activate_${(0, exports.idOf)(e.instance.name)}_on_${(0, exports.idOf)(e.server.name)}`));
    return ids.sort();
}
/** the Terraform local carrying the prologue and the host program, once per stack */
exports.PROLOGUE_LOCAL = 'cdktf_barman_shell';
/** the first line of every remote-exec inline: the prologue, by reference */
exports.PROLOGUE_REF = `\${local.${exports.PROLOGUE_LOCAL}}`;
/** a step line that hands secrets to its step (as files): Terraform hides its output */
exports.SECRET_STEP_MARK = /^cdktf_run_secret [12] /;
/** a step line that hands the two database passwords over (the private key steps hand one secret) */
exports.PASSWORD_STEP_MARK = /^cdktf_run_secret 2 /;
function resource(json, type, id) {
    const r = json.resource?.[type]?.[id];
    strict_1.default.ok(r, `no ${type}.${id}; resources are: ${[...resourcesOf(json).keys()].join(', ')}`);
    return r;
}
/** triggers (null_resource) or triggers_replace (terraform_data). */
function triggersOf(r) {
    const t = r.triggers ?? r.triggers_replace;
    strict_1.default.ok(t, 'resource has neither triggers nor triggers_replace');
    return t;
}
function inlinesOf(r) {
    return (r.provisioner ?? []).map((p) => {
        strict_1.default.ok(p['remote-exec'], `only remote-exec provisioners are expected, got ${Object.keys(p).join(', ')}`);
        return p['remote-exec'].inline;
    });
}
const STEP_BLOCK = /^cdktf_step <<'cdktf_step_end'\n(.*) "\$@"\ncdktf_step_end$/;
/**
 * The step of a remote-exec inline, which must be exactly three lines: the prologue's reference,
 * the step appended to the host program (`cdktf_step <<'cdktf_step_end'`, one line `STEP 'arg'...
 * "$@"`, `cdktf_step_end`), then `cdktf_run` or `cdktf_run_secret N 'SECRET'...`. Returned as one
 * line, `cdktf_run STEP 'arg'...` or `cdktf_run_secret N 'SECRET'... STEP 'arg'...`, for
 * parseStepLine and the marks.
 */
function stepLine(inline) {
    const line = combinedStepLine(inline);
    if (line === undefined) {
        strict_1.default.equal(inline.length, 3, `an inline is the prologue, the step and the run:\n${inline.join('\n')}`);
        strict_1.default.equal(inline[0], exports.PROLOGUE_REF, 'the first inline line is the prologue, by reference');
        strict_1.default.match(inline[1], STEP_BLOCK, 'the second inline line appends one step');
        strict_1.default.match(inline[2], /^cdktf_run( |$)|^cdktf_run_secret [12] /, 'the third inline line runs it');
    }
    strict_1.default.ok(line !== undefined);
    strict_1.default.match(parseStepLine(line).step ?? '', /^[a-z][a-z_]*$/, `a step name in: ${line}`);
    return line;
}
/** stepLine's one line, or undefined when the inline does not have the three-line shape */
function combinedStepLine(inline) {
    if (inline.length !== 3 || inline[0] !== exports.PROLOGUE_REF)
        return undefined;
    const m = STEP_BLOCK.exec(inline[1]);
    if (!m || !/^cdktf_run$|^cdktf_run_secret [12] /.test(inline[2]))
        return undefined;
    return `${inline[2]} ${m[1]}`;
}
/**
 * The words of a step line as the shell reads them, each a Terraform string: single quotes removed,
 * `'\''` read as `'`, a `${...}` kept whole (its expression may hold anything but is never split).
 * Anything the shell would read another way (a bare `$`, `"`, `\`, `;`...) fails the parse.
 */
function shellWords(line) {
    const words = [];
    let word;
    let i = 0;
    while (i < line.length) {
        const c = line[i];
        if (c === ' ') {
            if (word !== undefined)
                words.push(word);
            word = undefined;
            i++;
        }
        else if (c === "'") {
            word ??= '';
            i++;
            while (i < line.length && line[i] !== "'") {
                if (line.startsWith('$${', i)) {
                    word += '$${';
                    i += 3;
                }
                else if (line.startsWith('${', i)) {
                    const end = closingBrace(line, i + 2);
                    word += line.slice(i, end + 1);
                    i = end + 1;
                }
                else
                    word += line[i++];
            }
            strict_1.default.ok(i < line.length, `unterminated quote in: ${line}`);
            i++;
        }
        else if (line.startsWith("\\'", i)) {
            word = (word ?? '') + "'";
            i += 2;
        }
        else {
            strict_1.default.match(c, /[A-Za-z0-9_]/, `unquoted ${JSON.stringify(c)} at ${i} in: ${line}`);
            word = (word ?? '') + c;
            i++;
        }
    }
    if (word !== undefined)
        words.push(word);
    return words;
}
/** A step line (see stepLine) read back into its secrets, step and arguments. */
function parseStepLine(line) {
    const words = shellWords(line);
    if (words[0] === 'cdktf_run')
        return { secrets: [], step: words[1], args: words.slice(2) };
    strict_1.default.equal(words[0], 'cdktf_run_secret', line);
    const n = Number(words[1]);
    strict_1.default.ok(n === 1 || n === 2, `one or two secrets: ${line}`);
    return { secrets: words.slice(2, 2 + n), step: words[2 + n], args: words.slice(3 + n) };
}
/** Every step of a resource, in order (each inline checked by stepLine). */
function stepsOf(r) {
    return inlinesOf(r).map((inline) => parseStepLine(stepLine(inline)));
}
/** The one step of a resource named `step` (asserts there is exactly one). */
function stepOf(r, step) {
    const found = stepsOf(r).filter((s) => s.step === step);
    strict_1.default.equal(found.length, 1, `one ${step} step among ${stepsOf(r).map((s) => s.step).join(', ')}`);
    return found[0];
}
/** Terraform's order of map keys (and so of `values()`): by bytes */
const byBytes = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
/** The step argument reading a trigger of the resource's own, by its position among the triggers' keys. */
function triggerArg(attribute, key, triggers) {
    const i = Object.keys(triggers).sort(byBytes).indexOf(key);
    strict_1.default.ok(i >= 0, `no trigger ${key}`);
    return `\${base64encode(element(values(self.${attribute}), ${i}))}`;
}
const TRIGGER_READ = /^\$\{base64encode\(element\(values\(self\.(triggers|triggers_replace)\), (\d+)\)\)\}$/;
/**
 * The trigger a step argument reads (`${base64encode(element(values(self.ATTR), N))}`), named by
 * the resource's own triggers; undefined if it reads none. Without the triggers, the key is ''.
 */
function triggerKeyOf(arg, triggers) {
    const m = TRIGGER_READ.exec(arg);
    if (!m)
        return undefined;
    const index = Number(m[2]);
    const key = triggers ? (Object.keys(triggers).sort(byBytes)[index] ?? '') : '';
    return { attribute: m[1], key, index };
}
const PROGRAM_LINE = /^printf '%s' '([A-Za-z0-9+/=]+)' \| base64 -d > "\$f"$/m;
/** The prologue, as Terraform evaluates the stack's local (no interpolation in it: asserted). */
function prologueOf(json) {
    const raw = json.locals?.[exports.PROLOGUE_LOCAL];
    strict_1.default.ok(typeof raw === 'string', `no local ${exports.PROLOGUE_LOCAL}`);
    const t = readTemplate(raw);
    strict_1.default.deepEqual([t.interpolations, t.directives], [[], []], 'the prologue is plain text for Terraform');
    return t.literal;
}
/** The host program the prologue carries as base64 (decoded). */
function hostProgramOf(json) {
    const m = PROGRAM_LINE.exec(prologueOf(json));
    strict_1.default.ok(m, `no "printf '%s' '<base64>' | base64 -d > \"$f\"" line in the prologue`);
    return Buffer.from(m[1], 'base64').toString('utf8');
}
/** a shell text without its leading comment lines and blank lines */
const afterComments = (text) => text.replace(/^(?:#[^\n]*\n|\s*\n)*/, '');
exports.afterComments = afterComments;
/** The file paths a resource's triggers carry (every key that is an absolute path). */
function triggerPaths(r) {
    return Object.keys(triggersOf(r))
        .filter((k) => k.startsWith('/'))
        .sort();
}
/**
 * Reads a Terraform template string as Terraform does: `$${` and `%%{` are escapes for `${` and
 * `%{`; `${...}` is an interpolation and `%{...}` a directive. Returns the literal text (each
 * interpolation as `«expr»`) and the interpolations and directives found.
 */
function readTemplate(s) {
    let literal = '';
    const interpolations = [];
    const directives = [];
    let i = 0;
    while (i < s.length) {
        if (s.startsWith('$${', i)) {
            literal += '${';
            i += 3;
        }
        else if (s.startsWith('%%{', i)) {
            literal += '%{';
            i += 3;
        }
        else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
            const end = closingBrace(s, i + 2);
            const expr = s.slice(i + 2, end);
            if (s[i] === '$') {
                interpolations.push(expr);
                literal += `«${expr}»`;
            }
            else {
                directives.push(expr);
                literal += `«%${expr}»`;
            }
            i = end + 1;
        }
        else {
            literal += s[i];
            i += 1;
        }
    }
    return { literal, interpolations, directives };
}
/** index of the `}` closing an expression that starts at `from` (skips quoted strings and nested braces). */
function closingBrace(s, from) {
    let depth = 0;
    let quoted = false;
    for (let i = from; i < s.length; i++) {
        const c = s[i];
        if (quoted) {
            if (c === '\\')
                i++;
            else if (c === '"')
                quoted = false;
        }
        else if (c === '"')
            quoted = true;
        else if (c === '{')
            depth++;
        else if (c === '}') {
            if (depth === 0)
                return i;
            depth--;
        }
    }
    return s.length; // unterminated: Terraform rejects it; the whole rest counts as the expression
}
/**
 * The Terraform expressions the library means to write: functions over references to its own
 * tls_private_key resources, variables and generated passwords; the prologue's local, alone; a
 * step's read of its own resource's trigger, `base64encode(element(values(self.triggers), N))` (or
 * `self.triggers_replace`), alone. Anything else inside `${...}` (e.g. `HOME`,
 * `BARMAN_SERVER`) is literal content that escaped unescaped.
 */
function isLibraryExpression(expr) {
    if (expr === `local.${exports.PROLOGUE_LOCAL}`)
        return true;
    if (/\bself\b/.test(expr))
        return triggerKeyOf(`\${${expr}}`) !== undefined;
    // a quoted string may be a template of its own ("${a}\n${b}"): each of its interpolations must be one too
    const inner = [];
    const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, (q) => {
        inner.push(q.slice(1, -1));
        return '""';
    });
    let innerRefs = 0;
    for (const text of inner) {
        const t = readTemplate(text);
        if (t.directives.length > 0 || !t.interpolations.every(isLibraryExpression))
            return false;
        innerRefs += t.interpolations.length;
    }
    if (!/^[A-Za-z0-9_.(), "-]+$/.test(withoutStrings))
        return false;
    const refs = withoutStrings.match(/[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+/g) ?? [];
    const calls = withoutStrings.match(/[A-Za-z_][A-Za-z0-9_]*(?=\()/g) ?? [];
    const bare = withoutStrings
        .replace(/[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+/g, '')
        .replace(/[A-Za-z_][A-Za-z0-9_]*(?=\()/g, '')
        .replace(/""|\d+|[(), ]/g, '');
    const known = (r) => /^(var|tls_private_key)\./.test(r) || /^terraform_data\.[A-Za-z0-9_-]+_db_secret_(barman|streaming_barman)\.triggers_replace$/.test(r);
    return refs.length + innerRefs > 0 && bare === '' && refs.every(known) && calls.every((c) => /^[a-z0-9_]+$/.test(c));
}
/** Every string in a JSON value with its path (`a.b[0].c`). */
function stringsIn(value, path = '') {
    if (typeof value === 'string')
        return [{ path, value }];
    if (Array.isArray(value))
        return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
    if (value && typeof value === 'object')
        return Object.entries(value).flatMap(([k, v]) => stringsIn(v, path ? `${path}.${k}` : k));
    return [];
}
// ---------------------------------------------------------------------------------------------
// Graphs
const seedGraph = () => (0, tpa_config_1.loadGraphFromFile)((0, exports.SEED_CONFIG)());
exports.seedGraph = seedGraph;
exports.HOST_KEY_TWO_ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHR3b2VkMjU1MTlob3N0a2V5Zm9ydGVzdHNvbmx5AAAA';
exports.HOST_KEY_TWO_RSA = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDdHdvcnNhaG9zdGtleWZvcnRlc3Rz';
exports.HOST_KEY_ONE = 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTZvbmU=';
/**
 * The multi-topology graph of the construct tests:
 * - `one` (primary) is backed up to two Barman servers, `two` and `three`;
 * - `four` and `five` are backed up to `two` too (several instances on one server);
 * - `three` is an M1 barman+witness node: a Barman server AND a Postgres instance;
 * - `db-1.example.com` is backed up to `backup-1.example.com` (FQDN names);
 * - `two` listens for ssh on 2222 and has two pinned host keys; `one` has one.
 */
function multiGraph(extra = {}) {
    return (0, typed_cluster_1.graphFromProps)({
        clusterName: 'multi',
        settings: extra.cluster,
        instances: [
            { name: 'one', roles: [enums_1.Role.PRIMARY], address: '10.1.0.1', connectionHost: '198.51.100.1', backup: ['two', 'three'], sshHostKeys: [exports.HOST_KEY_ONE], settings: extra.one },
            { name: 'two', roles: [enums_1.Role.BARMAN], address: '10.1.0.2', connectionHost: '198.51.100.2', sshHostKeys: [exports.HOST_KEY_TWO_ED25519, exports.HOST_KEY_TWO_RSA], settings: { sshPort: 2222 } },
            { name: 'three', roles: [enums_1.Role.BARMAN, enums_1.Role.WITNESS], address: '10.1.0.3' },
            { name: 'four', roles: [enums_1.Role.REPLICA], address: '10.1.0.4', backup: ['two'], settings: extra.four },
            { name: 'five', roles: [enums_1.Role.PRIMARY], address: '10.1.0.5', backup: ['two'] },
            { name: 'db-1.example.com', roles: [enums_1.Role.PRIMARY], backup: ['backup-1.example.com'] },
            { name: 'backup-1.example.com', roles: [enums_1.Role.BARMAN], address: '10.2.0.20', connectionHost: '203.0.113.20' },
        ],
    });
}
