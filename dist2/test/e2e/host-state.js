"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppliedKeys = exports.WATCHED_ROOTS = exports.PG_DATA = void 0;
exports.snapshotHost = snapshotHost;
exports.diffSnapshots = diffSnapshots;
exports.allPaths = allPaths;
exports.isHarnessNoise = isHarnessNoise;
exports.isTerraformUpload = isTerraformUpload;
exports.isBarmanRuntime = isBarmanRuntime;
exports.expectedFiles = expectedFiles;
exports.writtenRecordPaths = writtenRecordPaths;
exports.manifestPaths = manifestPaths;
exports.splitLines = splitLines;
exports.managedAndForeign = managedAndForeign;
exports.sshdLogPath = sshdLogPath;
exports.acceptedRootLogins = acceptedRootLogins;
exports.findTempFiles = findTempFiles;
exports.splitBlocks = splitBlocks;
exports.pgpassFields = pgpassFields;
/**
 * What is on the sandboxed hosts: listings of their private trees (to prove what an apply wrote and
 * that it wrote nothing else), the files the library's renderers say should be there, and the
 * lines of the shared authorized_keys / known_hosts files.
 */
const crypto = __importStar(require("node:crypto"));
const fs = __importStar(require("node:fs"));
const path = __importStar(require("node:path"));
const hosts_1 = require("./harness/hosts");
const enums_1 = require("../../lib/model/enums");
const host_files_1 = require("../../lib/render/host-files");
const drift_library_1 = require("../../lib/scripts/drift-library");
/** Where the harness's PostgreSQL clusters live (inside path): config.yml's postgres_conf_dir. */
exports.PG_DATA = '/srv/postgresql/data';
/** The private trees of a host that an apply may touch (inside paths). */
exports.WATCHED_ROOTS = ['/etc', '/usr/local', '/var/lib/barman', '/var/lib/postgresql', '/root', '/var/log', '/tmp', '/var/tmp', '/srv'];
/**
 * Lists every entry below the roots, as the host itself sees them (overlay merged). Files are
 * compared by content (sha256) where the host has its own copy: the overlay's upper layer of /etc
 * and /usr/local (a file not there is the machine's, unchanged) and the per-host directories;
 * except Barman's data under barman_home/<server>/ (backups, WAL: large and Barman's own), which
 * is compared by size and mtime.
 */
async function snapshotHost(h, roots = exports.WATCHED_ROOTS) {
    // /srv/postgresql holds the live PostgreSQL cluster: its own business, except its configuration
    // files (pg_hba.conf, postgresql.auto.conf, ...), which the library edits: those are listed too
    const script = `find ${roots.map(hosts_1.shq).join(' ')} -path /srv/postgresql -prune -o \\( -type d -printf 'd %m %u:%g\\t%p\\n' \\) -o -printf '%y %m %u:%g %s\\t%p\\n' -printf 'M %T@\\t%p\\n'; ` +
        `[ ! -d ${exports.PG_DATA} ] || find ${exports.PG_DATA} -maxdepth 1 -name '*.conf' -printf '%y %m %u:%g %s\\t%p\\n' -printf 'M %T@\\t%p\\n'`;
    const r = await h.run(script, { via: 'nsenter', timeoutMs: 60_000 });
    if (r.code !== 0 && r.stdout === '')
        throw new Error(`[${h.name}] find failed: ${r.stderr}`);
    const entries = new Map();
    const mtimes = new Map();
    for (const line of r.stdout.split('\n')) {
        if (line === '')
            continue;
        const tab = line.indexOf('\t');
        const p = line.slice(tab + 1);
        if (line.startsWith('M '))
            mtimes.set(p, line.slice(2, tab));
        else
            entries.set(p, line.slice(0, tab));
    }
    const hashes = new Map();
    for (const root of roots) {
        const outside = h.outsidePath(root);
        if (outside)
            hashTree(outside, root, hashes);
    }
    for (const p of entries.keys()) {
        const outside = p.startsWith(`${exports.PG_DATA}/`) ? h.outsidePath(p) : undefined;
        if (outside && fs.existsSync(outside))
            hashes.set(p, crypto.createHash('sha256').update(fs.readFileSync(outside)).digest('hex'));
    }
    for (const [p, d] of entries) {
        if (d.startsWith('d '))
            continue;
        entries.set(p, `${d} ${hashes.get(p) ?? (isBarmanData(p) || !d.startsWith('f ') ? mtimes.get(p) : 'as-on-the-machine')}`);
    }
    return { entries, mtimes };
}
function isBarmanData(p) {
    return /^\/var\/lib\/barman\/[^./][^/]*\//.test(p);
}
/** sha256 of every regular file below `outside`, keyed by its inside path */
function hashTree(outside, inside, out) {
    let st;
    try {
        st = fs.lstatSync(outside);
    }
    catch {
        return;
    }
    if (inside === '/srv/postgresql' || isBarmanData(inside + '/'))
        return;
    if (st.isDirectory()) {
        for (const e of fs.readdirSync(outside))
            hashTree(path.join(outside, e), path.posix.join(inside, e), out);
    }
    else if (st.isFile()) {
        out.set(inside, crypto.createHash('sha256').update(fs.readFileSync(outside)).digest('hex'));
    }
}
function diffSnapshots(before, after) {
    const added = [];
    const removed = [];
    const changed = [];
    const rewritten = [];
    for (const [p, d] of after.entries) {
        const b = before.entries.get(p);
        if (b === undefined)
            added.push(p);
        else if (b !== d)
            changed.push(p);
        else if (before.mtimes.get(p) !== after.mtimes.get(p))
            rewritten.push(p);
    }
    for (const p of before.entries.keys())
        if (!after.entries.has(p))
            removed.push(p);
    return { added: added.sort(), removed: removed.sort(), changed: changed.sort(), rewritten: rewritten.sort() };
}
function allPaths(d) {
    return [...d.added, ...d.removed, ...d.changed].sort();
}
/**
 * Changes that are not the library's: login records and daemon logs that every ssh login or the
 * test's PostgreSQL write, and Terraform's own uploads of the remote-exec scripts. Anything else
 * that changes must be an expected path.
 */
function isHarnessNoise(p) {
    return /^\/var\/log\/(lastlog|wtmp|btmp|sshd\.log)$/.test(p) || /^\/var\/log\/postgresql(\/|$)/.test(p) || isTerraformUpload(p);
}
/**
 * Where Terraform's remote-exec uploads the provisioners' scripts: its default /tmp/terraform_N.sh,
 * and the library's script_path for the ones that carry a private key. After running one,
 * Terraform uploads an empty file to the same path ("to prevent residual script contents"), so an
 * empty file stays there even when the script removed itself.
 */
function isTerraformUpload(p) {
    return /^\/tmp\/terraform_\d+\.sh$/.test(p) || /^\/root\/\.cdktf-barman-\d+\.sh$/.test(p);
}
/** Barman's own files under barman_home once it runs: per-server directories and lock files. */
function isBarmanRuntime(p, barmanHome, serverNames) {
    if (p === '/var/log/barman.log')
        return true;
    if (!p.startsWith(barmanHome + '/'))
        return false;
    const rest = p.slice(barmanHome.length + 1);
    const first = rest.split('/')[0];
    return serverNames.includes(first) || /^\.[A-Za-z0-9_.-]*\.lock$/.test(rest);
}
/** Key material of the applied stack, so that the renderers produce exactly what should be on the hosts. */
class AppliedKeys {
    pairs;
    hostKeysByName;
    algorithm = enums_1.KeyAlgorithm.ED25519;
    constructor(pairs, 
    /** sshd host keys as the hosts really have them ("ssh-ed25519 AAAA...") */
    hostKeysByName) {
        this.pairs = pairs;
        this.hostKeysByName = hostKeysByName;
    }
    publicKey(user) {
        return this.pairs[user].publicKey;
    }
    privateKey(user) {
        return this.pairs[user].privateKey;
    }
    hostKeys(host) {
        const keys = this.hostKeysByName.get(host.name);
        if (!keys)
            throw new Error(`no host key for ${host.name}`);
        return keys;
    }
}
exports.AppliedKeys = AppliedKeys;
/** The render manifest for the graph with the real keys: per host name, its files. */
function expectedFiles(graph, keys) {
    return new Map((0, host_files_1.renderHosts)(graph, keys).map((p) => [p.instance.name, p]));
}
/**
 * The library's records of what it wrote (drift detection), with their directories: one per whole
 * file of the manifest (public key files excepted: their content comes at apply time).
 */
function writtenRecordPaths(plan) {
    const out = new Set();
    for (const f of plan?.files ?? []) {
        if (f.kind !== host_files_1.FileKind.FILE || f.publicKey)
            continue;
        for (let p = (0, drift_library_1.writtenRecordPath)(f.path); p.startsWith(drift_library_1.WRITTEN_RECORDS_DIR); p = path.posix.dirname(p))
            out.add(p);
    }
    return [...out].sort();
}
/** Paths a file of the manifest implies (the file and nothing more). */
function manifestPaths(plan) {
    return (plan?.files ?? []).map((f) => f.path);
}
function splitLines(text) {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '')
        lines.pop();
    return lines;
}
/** Lines of a shared file that end with the cluster's marker, and the others. */
function managedAndForeign(text, marker) {
    const managed = [];
    const foreign = [];
    for (const l of splitLines(text))
        (l.trimEnd().endsWith(` ${marker}`) ? managed : foreign).push(l);
    return { managed, foreign };
}
/** Outside path of the sshd log of a host (the harness writes it). */
function sshdLogPath(h) {
    return path.join(h.dir, 'var-log', 'sshd.log');
}
/** Number of root logins sshd accepted so far (Terraform's connections and the harness's own ssh runs). */
function acceptedRootLogins(h) {
    try {
        return fs.readFileSync(sshdLogPath(h), 'utf8').split('\n').filter((l) => /Accepted publickey for root /.test(l)).length;
    }
    catch {
        return 0;
    }
}
/** Every `.cdktf-barman.*` temp file (the scripts' half-written files) below the host's private trees. */
async function findTempFiles(h) {
    const r = await h.run(`find ${exports.WATCHED_ROOTS.map(hosts_1.shq).join(' ')} -name '.cdktf-barman.*' -print`, { via: 'nsenter', timeoutMs: 60_000 });
    return splitLines(r.stdout);
}
/**
 * The library's marked blocks in a shared file (pg_hba.conf, .pgpass), found as its scripts find
 * them: from a line equal to `begin` (or starting with `begin` and a space) to a line equal to
 * `end`. Returns each block's lines by its begin marker, how often each occurs, and every line
 * outside all of them.
 */
function splitBlocks(text, markers) {
    const blocks = new Map();
    const counts = new Map();
    const outside = [];
    let open;
    for (const l of splitLines(text)) {
        if (!open) {
            const m = markers.find((x) => l === x.begin || l.startsWith(`${x.begin} `));
            if (m) {
                open = m;
                counts.set(m.begin, (counts.get(m.begin) ?? 0) + 1);
                blocks.set(m.begin, [l]);
                continue;
            }
            outside.push(l);
        }
        else {
            blocks.get(open.begin).push(l);
            if (l === open.end)
                open = undefined;
        }
    }
    return { blocks, counts, outside };
}
/** The fields of a .pgpass line, split at unescaped ':' and unescaped (libpq's rules). */
function pgpassFields(line) {
    const fields = [];
    let cur = '';
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (c === '\\' && i + 1 < line.length)
            cur += line[++i];
        else if (c === ':' && fields.length < 4) {
            fields.push(cur);
            cur = '';
        }
        else
            cur += c;
    }
    fields.push(cur);
    return fields;
}
