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
exports.PG_BIN = exports.PG_MAJOR = void 0;
exports.missingPrerequisites = missingPrerequisites;
exports.e2eSkipReason = e2eSkipReason;
exports.shq = shq;
exports.pidAlive = pidAlive;
exports.pidsInMountNs = pidsInMountNs;
exports.processesOfHostKey = processesOfHostKey;
exports.freePort = freePort;
exports.startHosts = startHosts;
exports.cleanupStale = cleanupStale;
exports.fingerprint = fingerprint;
exports.fingerprintDiff = fingerprintDiff;
/**
 * End-to-end harness: several sandboxed "hosts" on this one machine.
 *
 * Each host is a private mount namespace (+ UTS namespace for its hostname) held
 * open by a tiny holder process, with its own sshd listening on its own loopback
 * address, and optionally its own PostgreSQL cluster.  Everything that runs for an
 * ssh login (the remote-exec shell, barman, pg_receivewal, ssh to another host, ...)
 * and the PostgreSQL server itself live in that namespace, so they see that host's
 * private /etc, /var/lib/barman, /var/lib/postgresql, /var/log, /tmp, ...
 *
 * Private view of a host (inside its namespace):
 *   /etc, /usr/local        overlayfs: lower = the machine's real dir (read-only use),
 *                           upper = <host dir>/etc.upper, usr-local.upper.  Every write
 *                           (barman.conf, barman.d, cron.d, logrotate.d, sudoers.d,
 *                           /usr/local/lib/cdktf-barman, renames, deletes) is private.
 *   /var/lib/barman, /var/lib/postgresql, /var/log, /var/spool/cron, /root, /tmp,
 *   /var/tmp, /run, /srv, /dev/shm
 *                           bind mounts of fresh per-host directories, owner and mode
 *                           copied from the machine's real directory.
 *
 * Nothing is ever mounted in the harness's own namespace; everything written lives
 * under one temp dir (Sandbox.root) that stop() removes.  Processes are started and
 * stopped by PID; stop() also sweeps every process still inside a host's namespace.
 *
 * Only node built-ins are used.  Requires root on Linux (Debian 12 tested); see
 * scripts/e2e-setup.sh for the packages.
 */
const node_child_process_1 = require("node:child_process");
const crypto = __importStar(require("node:crypto"));
const fs = __importStar(require("node:fs"));
const net = __importStar(require("node:net"));
const os = __importStar(require("node:os"));
const path = __importStar(require("node:path"));
const postgres_1 = require("../../support/postgres");
const requirements_1 = require("../../support/requirements");
// --------------------------------------------------------------------------------
// Prerequisites
// --------------------------------------------------------------------------------
/** the machine's PostgreSQL (test/support/postgres.ts): the highest major installed */
exports.PG_MAJOR = postgres_1.TEST_POSTGRES.major;
exports.PG_BIN = postgres_1.TEST_POSTGRES.bin;
const REQUIRED_BINARIES = [
    ["/usr/bin/unshare", "util-linux"],
    ["/usr/bin/nsenter", "util-linux"],
    ["/usr/bin/setpriv", "util-linux"],
    ["/usr/sbin/runuser", "util-linux"],
    ["/usr/bin/mount", "mount"],
    ["/usr/sbin/sshd", "openssh-server"],
    ["/usr/bin/ssh", "openssh-client"],
    ["/usr/bin/scp", "openssh-client"],
    ["/usr/bin/ssh-keygen", "openssh-client"],
    ["/usr/bin/barman", "barman"],
    ["/usr/bin/barman-wal-archive", "barman-cli"],
    ["/usr/bin/rsync", "rsync"],
    ["/usr/bin/psql", "postgresql-client"],
];
/** Returns a list of missing prerequisites (empty when all is well). */
function missingPrerequisites() {
    const missing = [];
    if (process.platform !== "linux")
        return [`not Linux (${process.platform})`];
    if (typeof process.getuid !== "function" || process.getuid() !== 0) {
        missing.push("not running as root (mount namespaces, sshd and PostgreSQL as other users need root)");
    }
    for (const [bin, pkg] of REQUIRED_BINARIES) {
        if (!isExecutable(bin))
            missing.push(`${bin} missing (package ${pkg})`);
    }
    if (postgres_1.TEST_POSTGRES.missing)
        missing.push(postgres_1.TEST_POSTGRES.missing);
    for (const user of ["barman", "postgres", "sshd"]) {
        if (!lookupUser(user))
            missing.push(`OS user ${user} missing`);
    }
    try {
        if (!/\toverlay\n/.test(fs.readFileSync("/proc/filesystems", "utf8")))
            missing.push("overlayfs not available in this kernel");
    }
    catch {
        missing.push("/proc/filesystems unreadable");
    }
    if (missing.length === 0) {
        // Can we actually create a mount namespace and mount in it (fails in unprivileged containers)?
        const r = (0, node_child_process_1.spawnSync)("/usr/bin/unshare", ["-m", "-u", "-i", "--propagation", "private", "--", "/usr/bin/mount", "-t", "tmpfs", "none", "/mnt"], {
            encoding: "utf8",
            timeout: 10_000,
        });
        if (r.status !== 0)
            missing.push(`cannot create a mount namespace / mount in it: ${(r.stderr || String(r.error)).trim()}`);
    }
    return missing;
}
/**
 * For node:test's `skip` option (test/support/requirements.ts): false when all prerequisites are
 * there, else the reason; under CI a failing test is added next to it.
 *   test("e2e", { skip: e2eSkipReason() }, async () => { ... })
 */
function e2eSkipReason() {
    const missing = missingPrerequisites();
    return (0, requirements_1.skipUnless)(missing.length === 0 ? false : `${missing.join("; ")} (install with scripts/e2e-setup.sh; run the e2e tests as root)`);
}
// --------------------------------------------------------------------------------
// Small utilities
// --------------------------------------------------------------------------------
const MARKER = "cdktf-e2e";
const ROOT_PREFIX = "cdktf-barman-e2e-";
const CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
/** Quote for POSIX sh. */
function shq(s) {
    if (/^[A-Za-z0-9_\-+=.,/:@%]+$/.test(s))
        return s;
    return `'${s.replace(/'/g, `'\\''`)}'`;
}
function isExecutable(p) {
    try {
        fs.accessSync(p, fs.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
function lookupUser(name) {
    for (const line of fs.readFileSync("/etc/passwd", "utf8").split("\n")) {
        const f = line.split(":");
        if (f[0] === name && f.length >= 7)
            return { name, uid: Number(f[2]), gid: Number(f[3]), home: f[5] };
    }
    return undefined;
}
/** Resolves true if `p` settles within `ms`, else false; never leaves a timer behind. */
function within(p, ms) {
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        p.then(() => { clearTimeout(timer); resolve(true); }, () => { clearTimeout(timer); resolve(true); });
    });
}
function sleep(ms) {
    return new Promise((r) => setTimeout(r, ms));
}
function now() {
    return Number(process.hrtime.bigint() / 1000n) / 1000;
}
/** Spawn and collect output. */
function execCollect(file, args, opts = {}) {
    const t0 = now();
    return new Promise((resolve, reject) => {
        let child;
        try {
            child = (0, node_child_process_1.spawn)(file, args, { env: opts.env ?? cleanEnv(), stdio: ["pipe", "pipe", "pipe"] });
        }
        catch (e) {
            reject(e);
            return;
        }
        const out = [];
        const err = [];
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
        }, opts.timeoutMs ?? 60_000);
        child.stdout.on("data", (b) => out.push(b));
        child.stderr.on("data", (b) => err.push(b));
        child.on("error", (e) => {
            clearTimeout(timer);
            reject(e);
        });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            resolve({
                code,
                signal,
                stdout: Buffer.concat(out).toString("utf8"),
                stderr: Buffer.concat(err).toString("utf8"),
                timedOut,
                ms: Math.round(now() - t0),
            });
        });
        child.stdin.on("error", () => undefined); // EPIPE if the command does not read stdin
        child.stdin.end(opts.input ?? "");
    });
}
function cleanEnv(extra = {}) {
    return { PATH: CLEAN_PATH, LANG: "C.UTF-8", HOME: "/root", USER: "root", LOGNAME: "root", SHELL: "/bin/bash", ...extra };
}
function must(r, what) {
    if (r.code !== 0) {
        throw new Error(`${what} failed (code ${r.code}${r.signal ? `, signal ${r.signal}` : ""}${r.timedOut ? ", timed out" : ""})\n` +
            `stdout: ${r.stdout.trim()}\nstderr: ${r.stderr.trim()}`);
    }
    return r;
}
function readNs(pid) {
    try {
        return fs.readlinkSync(`/proc/${pid}/ns/mnt`);
    }
    catch {
        return undefined;
    }
}
/** True if the process exists and is not a zombie. */
function pidAlive(pid) {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
        return state !== "Z" && state !== "X";
    }
    catch {
        return false;
    }
}
/** All PIDs whose mount namespace is `ns`. */
function pidsInMountNs(ns) {
    const pids = [];
    for (const e of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(e))
            continue;
        const pid = Number(e);
        if (pid === process.pid)
            continue;
        if (readNs(pid) === ns && pidAlive(pid))
            pids.push(pid);
    }
    return pids;
}
/** The sandbox host key ("ssh-ed25519 AAAA...") as seen in the process's own mount namespace, if any. */
function processHostKey(pid) {
    try {
        return fs.readFileSync(`/proc/${pid}/root/etc/ssh/${MARKER}/ssh_host_ed25519_key.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
    }
    catch {
        return undefined;
    }
}
/**
 * Live PIDs (outside our own mount namespace) whose /etc/ssh/cdktf-e2e/ holds this
 * host key, i.e. processes of that sandboxed host, independent of namespace ids.
 */
function processesOfHostKey(hostPublicKey) {
    const own = readNs(process.pid);
    const pids = [];
    for (const e of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(e))
            continue;
        const pid = Number(e);
        const ns = readNs(pid);
        if (!ns || ns === own || !pidAlive(pid))
            continue;
        if (processHostKey(pid) === hostPublicKey)
            pids.push(pid);
    }
    return pids;
}
async function waitGone(pids, ms) {
    const deadline = Date.now() + ms;
    let alive = pids.filter(pidAlive);
    while (alive.length > 0 && Date.now() < deadline) {
        await sleep(20);
        alive = alive.filter(pidAlive);
    }
    return alive;
}
function signal(pid, sig) {
    try {
        process.kill(pid, sig);
    }
    catch {
        /* already gone */
    }
}
function copyOwnerMode(real, target, fallback) {
    let uid = fallback.uid, gid = fallback.gid, mode = fallback.mode;
    try {
        const st = fs.statSync(real);
        uid = st.uid;
        gid = st.gid;
        mode = st.mode & 0o7777;
    }
    catch {
        /* use fallback */
    }
    fs.mkdirSync(target, { recursive: true });
    fs.chownSync(target, uid, gid);
    fs.chmodSync(target, mode);
}
/** Is anything mounted at or below `dir` in *our* namespace?  (Must never be, before rm -rf.) */
function mountsBelow(dir) {
    const found = [];
    for (const line of fs.readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
        const mp = line.split(" ")[4];
        if (mp && (mp === dir || mp.startsWith(dir + "/")))
            found.push(mp);
    }
    return found;
}
const OVERLAYS = [
    { inside: "/etc", dirName: "etc" },
    { inside: "/usr/local", dirName: "usr-local" },
];
const BINDS = [
    { inside: "/var/lib/barman", dirName: "var-lib-barman", fallback: { user: "barman", mode: 0o750 } },
    { inside: "/var/lib/postgresql", dirName: "var-lib-postgresql", fallback: { user: "postgres", mode: 0o755 } },
    {
        inside: "/var/log",
        dirName: "var-log",
        fallback: { user: "root", mode: 0o755 },
        subdirs: [
            { name: "barman", fallback: { user: "barman", mode: 0o750 } },
            { name: "postgresql", fallback: { user: "root", group: "postgres", mode: 0o1775 } },
        ],
        // sshd/PAM write login records there (a pty session without lastlog logs an error)
        files: [
            { name: "lastlog", fallback: { user: "root", group: "utmp", mode: 0o664 } },
            { name: "wtmp", fallback: { user: "root", group: "utmp", mode: 0o664 } },
            { name: "btmp", fallback: { user: "root", group: "utmp", mode: 0o660 } },
        ],
    },
    {
        inside: "/var/spool/cron",
        dirName: "var-spool-cron",
        fallback: { user: "root", mode: 0o755 },
        subdirs: [{ name: "crontabs", fallback: { user: "root", mode: 0o1730 } }],
        optional: true,
    },
    { inside: "/root", dirName: "root", fallback: { user: "root", mode: 0o700 } },
    { inside: "/tmp", dirName: "tmp", fallback: { user: "root", mode: 0o1777 } },
    { inside: "/var/tmp", dirName: "var-tmp", fallback: { user: "root", mode: 0o1777 } },
    { inside: "/srv", dirName: "srv", fallback: { user: "root", mode: 0o755 } },
    { inside: "/dev/shm", dirName: "dev-shm", fallback: { user: "root", mode: 0o1777 } },
    {
        inside: "/run",
        dirName: "run",
        fallback: { user: "root", mode: 0o755 },
        subdirs: [
            { name: "sshd", fallback: { user: "root", mode: 0o755 } },
            { name: "postgresql", fallback: { user: "postgres", mode: 0o2775 } },
            { name: "lock", fallback: { user: "root", mode: 0o1777 } },
        ],
        files: [{ name: "utmp", fallback: { user: "root", group: "utmp", mode: 0o664 } }],
    },
];
function ownerIds(spec) {
    const pw = lookupUser(spec.user);
    if (!pw)
        throw new Error(`user ${spec.user} missing`);
    let gid = pw.gid;
    if (spec.group) {
        const line = fs.readFileSync("/etc/group", "utf8").split("\n").find((l) => l.startsWith(spec.group + ":"));
        if (line)
            gid = Number(line.split(":")[2]);
    }
    return { uid: pw.uid, gid };
}
// --------------------------------------------------------------------------------
// Emergency cleanup (process exit / signals while a sandbox is live)
// --------------------------------------------------------------------------------
const liveSandboxes = new Set();
let handlersInstalled = false;
function emergencyCleanupAll() {
    for (const sb of liveSandboxes)
        sb.stopSync();
}
function onSignal(sig) {
    emergencyCleanupAll();
    process.exit(sig === "SIGINT" ? 130 : 143);
}
function installHandlers() {
    if (handlersInstalled)
        return;
    handlersInstalled = true;
    process.on("exit", emergencyCleanupAll);
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    process.on("SIGHUP", onSignal);
}
function removeHandlersIfIdle() {
    if (!handlersInstalled || liveSandboxes.size > 0)
        return;
    handlersInstalled = false;
    process.off("exit", emergencyCleanupAll);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("SIGHUP", onSignal);
}
// --------------------------------------------------------------------------------
// Implementation
// --------------------------------------------------------------------------------
class HostImpl {
    sandbox;
    name;
    address;
    sshPort;
    dir;
    holderPid = 0;
    sshdPid = 0;
    mountNs = "";
    hostPublicKey = "";
    postgres;
    holder;
    sshd;
    /** Every PID seen belonging to this host (holder, sshd, postgres, sweep results). */
    seenPids = new Set();
    constructor(sandbox, name, address, sshPort, dir) {
        this.sandbox = sandbox;
        this.name = name;
        this.address = address;
        this.sshPort = sshPort;
        this.dir = dir;
    }
    get connection() {
        return {
            type: "ssh",
            host: this.address,
            port: this.sshPort,
            user: "root",
            privateKeyPath: this.sandbox.clientKey.privateKeyPath,
            privateKey: this.sandbox.clientKey.privateKey,
            hostKey: this.hostPublicKey,
        };
    }
    knownHostsLine(opts = {}) {
        const plain = opts.plain ?? true;
        if (plain || this.sshPort === 22)
            return `${this.name},${this.address} ${this.hostPublicKey}`;
        return `[${this.address}]:${this.sshPort},[${this.name}]:${this.sshPort} ${this.hostPublicKey}`;
    }
    nsenterArgs() {
        return ["-t", String(this.holderPid), "-m", "-u", "-i", "--"];
    }
    async run(cmd, opts = {}) {
        const user = opts.user ?? "root";
        const via = opts.via ?? "ssh";
        if (via === "nsenter") {
            const pw = lookupUser(user);
            if (!pw)
                throw new Error(`no such user ${user}`);
            const env = cleanEnv({ HOME: pw.home, USER: user, LOGNAME: user, ...(opts.env ?? {}) });
            const inner = user === "root" ? ["/bin/bash", "-c", cmd] : ["/usr/sbin/runuser", "-u", user, "--", "/bin/bash", "-c", cmd];
            return execCollect("/usr/bin/nsenter", [...this.nsenterArgs(), ...inner], { input: opts.input, env, timeoutMs: opts.timeoutMs });
        }
        if (opts.env)
            throw new Error("run(): env is only supported with via: 'nsenter'");
        const remote = user === "root" ? cmd : `/usr/sbin/runuser -u ${shq(user)} -- /bin/bash -c ${shq(cmd)}`;
        return execCollect("/usr/bin/ssh", [...this.sandbox.sshClientArgs(this), "--", remote], { input: opts.input, timeoutMs: opts.timeoutMs });
    }
    async check(cmd, opts = {}) {
        return must(await this.run(cmd, opts), `[${this.name}] ${opts.user ?? "root"}$ ${cmd}`).stdout;
    }
    async readFileBuffer(p) {
        const r = await new Promise((resolve, reject) => {
            const child = (0, node_child_process_1.spawn)("/usr/bin/nsenter", [...this.nsenterArgs(), "/bin/cat", "--", p], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
            const out = [];
            const err = [];
            child.stdout.on("data", (b) => out.push(b));
            child.stderr.on("data", (b) => err.push(b));
            child.on("error", reject);
            child.on("close", (code) => {
                if (code === 0)
                    resolve(Buffer.concat(out));
                else
                    reject(Object.assign(new Error(`[${this.name}] cannot read ${p}: ${Buffer.concat(err).toString().trim()}`), { code: "ENOENT" }));
            });
        });
        return r;
    }
    async readFile(p) {
        return (await this.readFileBuffer(p)).toString("utf8");
    }
    async exists(p) {
        const r = await this.run(`test -e ${shq(p)} || test -L ${shq(p)}`, { via: "nsenter" });
        return r.code === 0;
    }
    async stat(p) {
        const out = await this.check(`stat -c '%U|%G|%a|%F|%s' -- ${shq(p)}`, { via: "nsenter" });
        const [owner, group, mode, type, size] = out.trim().split("|");
        const m = parseInt(mode, 8);
        return { owner, group, mode: m, modeString: m.toString(8).padStart(4, "0"), type, size: Number(size) };
    }
    async writeFile(p, content, opts = {}) {
        const owner = opts.owner ?? "root";
        const group = opts.group ?? (owner === "root" ? "root" : owner);
        const mode = (opts.mode ?? 0o644).toString(8);
        const script = 'set -e; mkdir -p -- "$(dirname -- "$1")"; umask 077; cat > "$1"; chown -- "$2:$3" "$1"; chmod -- "$4" "$1"';
        await this.check(`/bin/sh -c ${shq(script)} sh ${shq(p)} ${shq(owner)} ${shq(group)} ${mode}`, { via: "nsenter", input: content });
    }
    async stubCommand(name, script) {
        if (!/^[A-Za-z0-9._-]+$/.test(name))
            throw new Error(`bad command name ${name}`);
        const body = script.startsWith("#!") ? script : `#!/bin/sh\n${script}\n`;
        await this.writeFile(`/usr/local/sbin/${name}`, body, { mode: 0o755 });
    }
    outsidePath(insidePath) {
        const p = path.posix.normalize(insidePath);
        let best;
        const candidates = [
            ...BINDS.map((b) => ({ inside: b.inside, outside: path.join(this.dir, b.dirName) })),
            ...OVERLAYS.map((o) => ({ inside: o.inside, outside: path.join(this.dir, `${o.dirName}.upper`) })),
        ];
        for (const c of candidates) {
            if ((p === c.inside || p.startsWith(c.inside + "/")) && (!best || c.inside.length > best.inside.length))
                best = c;
        }
        if (!best)
            return undefined;
        return path.join(best.outside, p.slice(best.inside.length));
    }
    pids() {
        if (!this.mountNs)
            return [];
        const pids = pidsInMountNs(this.mountNs);
        for (const p of pids)
            this.seenPids.add(p);
        return pids;
    }
}
class PostgresImpl {
    host;
    address;
    port;
    dataDir;
    pid = 0;
    child;
    socketDir = "/run/postgresql";
    binDir = exports.PG_BIN;
    logFile;
    constructor(host, address, port, dataDir) {
        this.host = host;
        this.address = address;
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = path.join(host.dir, "var-log", "postgresql", "postgresql-e2e.log");
    }
    async psql(sql, opts = {}) {
        const args = [`${this.binDir}/psql`, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-h", this.socketDir, "-p", String(this.port), "-U", "postgres", "-d", opts.db ?? "postgres", "-f", "-"];
        return this.host.check(args.map(shq).join(" "), { via: "nsenter", user: "postgres", input: sql });
    }
    async start() {
        const fd = fs.openSync(this.logFile, "a", 0o640);
        const pg = ownerIds({ user: "postgres" });
        fs.fchownSync(fd, pg.uid, pg.gid);
        try {
            // nsenter (no fork for -m/-u/-i) -> setpriv (exec) -> postgres: the child PID is the postmaster.
            this.child = (0, node_child_process_1.spawn)("/usr/bin/nsenter", [
                ...this.host.nsenterArgs(),
                "/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--reset-env", "--",
                `${this.binDir}/postgres`, "-D", this.dataDir,
            ], { env: cleanEnv(), stdio: ["ignore", fd, fd], detached: false });
        }
        finally {
            fs.closeSync(fd);
        }
        const child = this.child;
        this.pid = child.pid;
        this.host.seenPids.add(this.pid);
        let exited;
        child.once("exit", (code, sig) => {
            exited = `exited with code ${code} signal ${sig}`;
        });
        const pidFile = this.host.outsidePath(path.posix.join(this.dataDir, "postmaster.pid"));
        const deadline = Date.now() + 60_000;
        for (;;) {
            if (exited)
                throw new Error(`[${this.host.name}] postgres ${exited}; log:\n${tail(this.logFile)}`);
            try {
                const lines = fs.readFileSync(pidFile, "utf8").split("\n");
                if (Number(lines[0]) === this.pid && lines[7]?.trim() === "ready")
                    break;
            }
            catch {
                /* not yet */
            }
            if (Date.now() > deadline)
                throw new Error(`[${this.host.name}] postgres not ready after 60s; log:\n${tail(this.logFile)}`);
            await sleep(25);
        }
    }
    async reload() {
        signal(this.pid, "SIGHUP");
        await sleep(200);
    }
    async stop() {
        const child = this.child;
        if (!child || !this.pid)
            return;
        if (child.exitCode === null && child.signalCode === null) {
            const done = new Promise((r) => child.once("exit", () => r()));
            signal(this.pid, "SIGINT"); // fast shutdown
            const t = await within(done, 15_000);
            if (!t) {
                signal(this.pid, "SIGQUIT");
                const t2 = await within(done, 5_000);
                if (!t2) {
                    signal(this.pid, "SIGKILL");
                    await done;
                }
            }
        }
        this.child = undefined;
    }
    async restart() {
        await this.stop();
        await this.start();
    }
}
function tail(file, n = 30) {
    try {
        return fs.readFileSync(file, "utf8").split("\n").slice(-n).join("\n");
    }
    catch {
        return "(no log)";
    }
}
class SandboxImpl {
    root;
    opts;
    hosts = [];
    timings = [];
    clientKey = { privateKeyPath: "", publicKeyPath: "", privateKey: "", publicKey: "" };
    knownHostsPath = "";
    stopped = false;
    stopping;
    constructor(root, opts) {
        this.root = root;
        this.opts = opts;
    }
    host(name) {
        const h = this.hosts.find((x) => x.name === name);
        if (!h)
            throw new Error(`no sandbox host ${name}`);
        return h;
    }
    async time(step, fn) {
        const t0 = now();
        try {
            return await fn();
        }
        finally {
            const ms = Math.round(now() - t0);
            this.timings.push({ step, ms });
            if (this.opts.logTimings ?? process.env.E2E_TIMINGS === "1")
                console.error(`[e2e timing] ${step}: ${ms} ms`);
        }
    }
    timingReport() {
        return this.timings.map((t) => `${t.step.padEnd(40)} ${String(t.ms).padStart(6)} ms`).join("\n");
    }
    sshClientArgs(h) {
        return [...this.sshOptions(h), `root@${h.address}`];
    }
    sshOptions(hostOrName) {
        const h = typeof hostOrName === "string" ? this.host(hostOrName) : hostOrName;
        return [
            "-F", "/dev/null",
            "-o", `IdentityFile=${this.clientKey.privateKeyPath}`,
            "-o", `Port=${h.sshPort}`,
            "-o", "IdentitiesOnly=yes",
            "-o", "BatchMode=yes",
            "-o", "StrictHostKeyChecking=yes",
            "-o", `UserKnownHostsFile=${this.knownHostsPath}`,
            "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "ConnectTimeout=10",
            // sntrup761 key exchange costs ~70 ms per login on a slow VM; the harness's own
            // logins do not need it (the sandbox's sshd still offers the defaults).
            "-o", "KexAlgorithms=curve25519-sha256,curve25519-sha256@libssh.org",
            "-o", "LogLevel=ERROR",
        ];
    }
    // ---- start ------------------------------------------------------------------
    async prepareHostDir(h) {
        fs.mkdirSync(h.dir, { mode: 0o700 });
        for (const o of OVERLAYS) {
            // The overlay root takes owner/mode from the upper dir: copy them from the real dir.
            copyOwnerMode(o.inside, path.join(h.dir, `${o.dirName}.upper`), { uid: 0, gid: 0, mode: 0o755 });
            fs.mkdirSync(path.join(h.dir, `${o.dirName}.work`), { mode: 0o700 });
        }
        for (const b of BINDS) {
            if (b.optional && !fs.existsSync(b.inside))
                continue;
            const ids = ownerIds(b.fallback);
            const target = path.join(h.dir, b.dirName);
            copyOwnerMode(b.inside, target, { ...ids, mode: b.fallback.mode });
            for (const s of b.subdirs ?? []) {
                const sids = ownerIds(s.fallback);
                copyOwnerMode(path.join(b.inside, s.name), path.join(target, s.name), { ...sids, mode: s.fallback.mode });
            }
            for (const f of b.files ?? []) {
                const fids = ownerIds(f.fallback);
                let { uid, gid } = fids;
                let mode = f.fallback.mode;
                try {
                    const st = fs.statSync(path.join(b.inside, f.name));
                    uid = st.uid;
                    gid = st.gid;
                    mode = st.mode & 0o7777;
                }
                catch { /* fallback */ }
                const fp = path.join(target, f.name);
                fs.writeFileSync(fp, "");
                fs.chownSync(fp, uid, gid);
                fs.chmodSync(fp, mode);
            }
        }
        // sshd setup lives in the host's own /etc (overlay upper), so inside the host
        // it is /etc/ssh/cdktf-e2e/... and StrictModes checks pass (root-owned, 0755 path).
        const etcUpper = path.join(h.dir, "etc.upper");
        copyOwnerMode("/etc/ssh", path.join(etcUpper, "ssh"), { uid: 0, gid: 0, mode: 0o755 });
        const sshDir = path.join(etcUpper, "ssh", MARKER);
        fs.mkdirSync(sshDir, { mode: 0o755 });
        fs.chmodSync(sshDir, 0o755);
        const hostKey = path.join(sshDir, "ssh_host_ed25519_key");
        must(await execCollect("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", `root@${h.name}`, "-f", hostKey]), "ssh-keygen (host key)");
        h.hostPublicKey = fs.readFileSync(hostKey + ".pub", "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
        fs.writeFileSync(path.join(sshDir, "authorized_keys_root"), this.clientKey.publicKey + "\n", { mode: 0o600 });
        const logLevel = this.opts.sshdLogLevel ?? "VERBOSE";
        fs.writeFileSync(path.join(sshDir, "sshd_config"), [
            `# cdktf-barman e2e sandbox host ${h.name}`,
            `ListenAddress ${h.address}:${h.sshPort}`,
            `HostKey /etc/ssh/${MARKER}/ssh_host_ed25519_key`,
            "PidFile none",
            // PAM is required: barman/postgres are password-locked ("!") and OpenSSH only
            // lets locked accounts log in by key when the account check goes through PAM.
            "UsePAM yes",
            "PermitRootLogin prohibit-password",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            // Terraform's key for root lives in the host's /etc (not the shared /root/.ssh);
            // every other user (barman, postgres) uses ~/.ssh/authorized_keys in its private home.
            `AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/${MARKER}/authorized_keys_%u`,
            "StrictModes yes",
            "UseDNS no",
            "PrintMotd no",
            "PrintLastLog no",
            "X11Forwarding no",
            "MaxStartups 100:30:200",
            "MaxSessions 100",
            `LogLevel ${logLevel}`,
            "Subsystem sftp /usr/lib/openssh/sftp-server",
            "",
        ].join("\n"), { mode: 0o644 });
    }
    writeAliases(h) {
        if (this.opts.hostAliases === false)
            return;
        const etcUpper = path.join(h.dir, "etc.upper");
        const hostsLines = this.hosts.map((x) => `${x.address}\t${x.name}`).join("\n");
        fs.writeFileSync(path.join(etcUpper, "hosts"), `${fs.readFileSync("/etc/hosts", "utf8").trimEnd()}\n# cdktf-barman e2e sandbox\n${hostsLines}\n`, { mode: 0o644 });
        fs.writeFileSync(path.join(etcUpper, "hostname"), `${h.name}\n`, { mode: 0o644 });
        const blocks = [
            `# cdktf-barman e2e sandbox host ${h.name}: reach the other sandboxed hosts' sshd on their`,
            `# ports, from this host's own loopback address (else the source would be 127.0.0.1).`,
        ];
        for (const x of this.hosts) {
            for (const alias of [x.name, x.address]) {
                blocks.push(`Host ${alias}`, `  HostName ${x.address}`, `  Port ${x.sshPort}`, `  BindAddress ${h.address}`);
                // with a non-22 port, known_hosts would be looked up as "[alias]:port"; keep plain names
                if (x.sshPort !== 22 && this.opts.hostKeyAlias !== false)
                    blocks.push(`  HostKeyAlias ${alias}`);
            }
        }
        {
            const dir = path.join(etcUpper, "ssh", "ssh_config.d");
            copyOwnerMode("/etc/ssh/ssh_config.d", dir, { uid: 0, gid: 0, mode: 0o755 });
            fs.writeFileSync(path.join(dir, `${MARKER}.conf`), blocks.join("\n") + "\n", { mode: 0o644 });
        }
    }
    holderScript(h) {
        const lines = ["set -eu", `hostname ${shq(h.name)}`];
        for (const o of OVERLAYS) {
            const up = path.join(h.dir, `${o.dirName}.upper`);
            const work = path.join(h.dir, `${o.dirName}.work`);
            if (/[,:\s]/.test(up + work))
                throw new Error(`overlay paths must not contain , : or spaces: ${up}`);
            lines.push(`mount -t overlay ${MARKER}-${o.dirName} -o ${shq(`lowerdir=${o.inside},upperdir=${up},workdir=${work}`)} ${shq(o.inside)}`);
        }
        // The sandbox root normally lives in /tmp, which is itself replaced by a per-host
        // dir: mount whatever covers the root last, or the later bind sources vanish.
        const covers = (inside) => this.root === inside || this.root.startsWith(inside + "/");
        for (const o of OVERLAYS)
            if (covers(o.inside))
                throw new Error(`sandbox root ${this.root} must not be below ${o.inside}`);
        const ordered = [...BINDS.filter((b) => !covers(b.inside)), ...BINDS.filter((b) => covers(b.inside))];
        for (const b of ordered) {
            const src = path.join(h.dir, b.dirName);
            if (!fs.existsSync(src))
                continue; // optional and absent
            lines.push(`mount --bind ${shq(src)} ${shq(b.inside)}`);
        }
        lines.push("echo READY", "read -r _ || true");
        return lines.join("\n");
    }
    async startHolder(h) {
        const child = (0, node_child_process_1.spawn)("/usr/bin/unshare", ["--mount", "--uts", "--ipc", "--propagation", "private", "--", "/bin/sh", "-c", this.holderScript(h), `${MARKER}-holder-${h.name}`], { env: cleanEnv(), stdio: ["pipe", "pipe", "pipe"] });
        h.holder = child;
        h.holderPid = child.pid;
        h.seenPids.add(h.holderPid);
        child.stdin.on("error", () => undefined);
        await new Promise((resolve, reject) => {
            let out = "";
            let err = "";
            const timer = setTimeout(() => reject(new Error(`[${h.name}] namespace holder not ready after 15s: ${err}`)), 15_000);
            child.stdout.on("data", (b) => {
                out += b.toString();
                if (out.includes("READY")) {
                    clearTimeout(timer);
                    resolve();
                }
            });
            child.stderr.on("data", (b) => (err += b.toString()));
            child.once("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`[${h.name}] namespace holder exited (${code}): ${err.trim()}`));
            });
        });
        h.mountNs = readNs(h.holderPid) ?? "";
        if (!h.mountNs || h.mountNs === readNs(process.pid))
            throw new Error(`[${h.name}] holder is not in a new mount namespace`);
    }
    async stopSshd(hostOrName) {
        const h = this.host(typeof hostOrName === "string" ? hostOrName : hostOrName.name);
        const child = h.sshd;
        if (!child || child.exitCode !== null || child.signalCode !== null)
            return;
        const done = new Promise((r) => child.once("exit", () => r()));
        signal(h.sshdPid, "SIGTERM");
        if (!(await within(done, 5_000))) {
            signal(h.sshdPid, "SIGKILL");
            await done;
        }
    }
    async restartSshd(hostOrName) {
        const h = this.host(typeof hostOrName === "string" ? hostOrName : hostOrName.name);
        await this.stopSshd(h);
        if (!(await portFree(h.address, h.sshPort)))
            throw new Error(`[${h.name}] ${h.address}:${h.sshPort} was taken while sshd was stopped`);
        await this.startSshd(h);
    }
    async startSshd(h) {
        const logFile = path.join(h.dir, "var-log", "sshd.log");
        // on a restart, only a "Server listening" line written by this sshd counts
        const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
        const fd = fs.openSync(logFile, "a", 0o640);
        let child;
        try {
            // nsenter execs sshd (no fork for -m/-u/-i), so child.pid is sshd's PID.
            child = (0, node_child_process_1.spawn)("/usr/bin/nsenter", [...h.nsenterArgs(), "/usr/sbin/sshd", "-D", "-e", "-f", `/etc/ssh/${MARKER}/sshd_config`], {
                env: cleanEnv(),
                stdio: ["ignore", fd, fd],
            });
        }
        finally {
            fs.closeSync(fd);
        }
        h.sshd = child;
        h.sshdPid = child.pid;
        h.seenPids.add(h.sshdPid);
        let exited;
        child.once("exit", (code, sig) => (exited = `code ${code} signal ${sig}`));
        const deadline = Date.now() + 15_000;
        for (;;) {
            if (exited)
                throw new Error(`[${h.name}] sshd exited (${exited}); log:\n${tail(logFile)}`);
            // Our own sshd says it bound (a banner on addr:port could come from another
            // run's sshd if the port was taken in between).
            if (fs.readFileSync(logFile).subarray(logStart).toString("utf8").includes(`Server listening on ${h.address} port ${h.sshPort}.`) && (await sshBanner(h.address, h.sshPort)))
                break;
            if (Date.now() > deadline)
                throw new Error(`[${h.name}] sshd not answering on ${h.address}:${h.sshPort}; log:\n${tail(logFile)}`);
            await sleep(20);
        }
        if (readNs(h.sshdPid) !== h.mountNs)
            throw new Error(`[${h.name}] sshd is not in the host's mount namespace`);
    }
    async startPostgres(hostOrName, opts = {}) {
        const h = typeof hostOrName === "string" ? this.host(hostOrName) : this.host(hostOrName.name);
        if (h.postgres)
            throw new Error(`[${h.name}] postgres already started`);
        const dataDir = opts.dataDir ?? "/srv/postgresql/data";
        const port = opts.port === "auto" ? await freePort([h.address], 30000 + Math.floor(Math.random() * 9000)) : (opts.port ?? 5432);
        const outsideData = h.outsidePath(dataDir);
        if (!outsideData || !BINDS.some((b) => dataDir.startsWith(b.inside + "/"))) {
            throw new Error(`dataDir ${dataDir} must be below a per-host bind mount (e.g. /srv)`);
        }
        const replica = opts.replicaOf;
        await this.time(`${h.name}: ${replica ? `pg_basebackup from ${replica.primary.host.name}` : "initdb"}`, async () => {
            await h.check(`mkdir -p ${shq(dataDir)} && chown postgres:postgres ${shq(dataDir)} && chmod 0700 ${shq(dataDir)}`, { via: "nsenter" });
            if (replica) {
                const p = replica.primary;
                await h.check([`${exports.PG_BIN}/pg_basebackup`, "-h", p.address, "-p", String(p.port), "-U", replica.user, "-D", dataDir, "-R", "-X", "stream", "-c", "fast", "--no-sync"].map(shq).join(" "), { via: "nsenter", user: "postgres", env: { PGPASSWORD: replica.password, PGCONNECT_TIMEOUT: "10" }, timeoutMs: 120_000 });
                return;
            }
            await h.check([`${exports.PG_BIN}/initdb`, "-D", dataDir, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "-A", "peer", "--no-sync", "--no-instructions"]
                .map(shq).join(" "), { via: "nsenter", user: "postgres", timeoutMs: 120_000 });
        });
        const auth = opts.hostAuth ?? "scram-sha-256";
        const hba = opts.hba ?? [
            "local   all          all                  peer",
            "local   replication  all                  peer",
            `host    all          all   127.0.0.0/8    ${auth}`,
            `host    replication  all   127.0.0.0/8    ${auth}`,
        ];
        const settings = {
            listen_addresses: h.address,
            port,
            unix_socket_directories: "/run/postgresql",
            cluster_name: `${MARKER}-${h.name}`,
            logging_collector: false,
            log_line_prefix: "%m [%p] %q%u@%d ",
            // nothing Barman needs (wal_level, max_wal_senders, max_replication_slots,
            // password_encryption, archive_*): the installed PostgreSQL's defaults, or whatever the code under
            // test sets; a test that wants them passes `settings`
            shared_buffers: "32MB",
            dynamic_shared_memory_type: "posix",
            ...((opts.fast ?? true) ? { fsync: false, synchronous_commit: false, full_page_writes: true } : {}),
            ...(opts.settings ?? {}),
        };
        const conf = Object.entries(settings).map(([k, v]) => `${k} = ${typeof v === "string" ? `'${v.replace(/'/g, "''")}'` : typeof v === "boolean" ? (v ? "on" : "off") : v}`);
        // Appended to postgresql.conf (later lines win), so ALTER SYSTEM by a test still overrides them.
        await h.check(`cat >> ${shq(path.posix.join(dataDir, "postgresql.conf"))}`, {
            via: "nsenter",
            user: "postgres",
            input: `\n# ---- cdktf-barman e2e harness ----\n${conf.join("\n")}\n`,
        });
        await h.writeFile(path.posix.join(dataDir, "pg_hba.conf"), hba.join("\n") + "\n", { owner: "postgres", mode: 0o600 });
        const pg = new PostgresImpl(h, h.address, port, dataDir);
        await this.time(`${h.name}: postgres start`, () => pg.start());
        if (readNs(pg.pid) !== h.mountNs)
            throw new Error(`[${h.name}] postgres is not in the host's mount namespace`);
        h.postgres = pg;
        return pg;
    }
    // ---- stop -------------------------------------------------------------------
    stop() {
        if (!this.stopping)
            this.stopping = this.doStop();
        return this.stopping;
    }
    async doStop() {
        const t0 = now();
        const killed = [];
        const nsLeft = [];
        for (const h of this.hosts) {
            if (h.postgres)
                await this.time(`${h.name}: postgres stop`, () => h.postgres.stop());
        }
        await this.time("stop sshd + sweep namespaces + holders", async () => {
            await Promise.all(this.hosts.map(async (h) => {
                if (h.sshd && h.sshd.exitCode === null && h.sshd.signalCode === null) {
                    const done = new Promise((r) => h.sshd.once("exit", () => r()));
                    signal(h.sshdPid, "SIGTERM");
                    await within(done, 5_000);
                }
                // Sweep: every process still in the namespace except the holder (ssh sessions,
                // barman, pg_receivewal, anything backgrounded by a provisioner, ...).
                // Repeat while something is left (a dying process may have forked).  The
                // namespace id is unambiguous only while our holder keeps it alive.
                if (h.mountNs && h.holder && h.holder.exitCode === null && h.holder.signalCode === null) {
                    for (let round = 0; round < 5; round++) {
                        let rest = h.pids().filter((p) => p !== h.holderPid);
                        if (rest.length === 0)
                            break;
                        rest.forEach((p) => signal(p, "SIGTERM"));
                        rest = await waitGone(rest, 3_000);
                        rest.forEach((p) => { signal(p, "SIGKILL"); killed.push(p); });
                        await waitGone(rest, 5_000);
                    }
                    const left = h.pids().filter((p) => p !== h.holderPid);
                    if (left.length > 0)
                        nsLeft.push(`${h.name}: ${left.join(",")}`);
                }
                if (h.holder && h.holder.exitCode === null && h.holder.signalCode === null) {
                    const done = new Promise((r) => h.holder.once("exit", () => r()));
                    h.holder.stdin.end(); // holder's `read` returns -> it exits
                    const ok = await within(done, 3_000);
                    if (!ok) {
                        signal(h.holderPid, "SIGKILL");
                        killed.push(h.holderPid);
                        await done;
                    }
                }
            }));
        });
        const all = this.hosts.flatMap((h) => [...h.seenPids]);
        // After the holders are gone our namespaces are freed (their ids may be reused by
        // a concurrent run): identify leftovers by this run's unique host keys instead.
        const survivors = [...new Set([...all.filter(pidAlive).filter((p) => this.hosts.some((h) => h.hostPublicKey && processHostKey(p) === h.hostPublicKey)),
                ...this.hosts.flatMap((h) => (h.hostPublicKey ? processesOfHostKey(h.hostPublicKey) : []))])];
        let removedRoot = false;
        await this.time("remove temp dir", async () => {
            removedRoot = this.removeRoot();
        });
        this.stopped = true;
        liveSandboxes.delete(this);
        removeHandlersIfIdle();
        if (survivors.length > 0 || nsLeft.length > 0) {
            throw new Error(`sandbox stop: processes left: ${survivors.join(", ")}; in namespaces: ${nsLeft.join("; ")}`);
        }
        return { pids: all.sort((a, b) => a - b), killed, removedRoot, ms: Math.round(now() - t0) };
    }
    removeRoot() {
        if (!fs.existsSync(this.root))
            return true;
        const mounts = mountsBelow(this.root);
        if (mounts.length > 0)
            throw new Error(`refusing to remove ${this.root}: mounts below it in our namespace: ${mounts.join(", ")}`);
        fs.rmSync(this.root, { recursive: true, force: true });
        return !fs.existsSync(this.root);
    }
    /** Synchronous best-effort cleanup for process exit / signals. */
    stopSync() {
        if (this.stopped)
            return;
        this.stopped = true;
        for (const h of this.hosts) {
            const pids = new Set([...h.seenPids, ...(h.mountNs ? pidsInMountNs(h.mountNs) : [])]);
            for (const p of pids)
                if (h.mountNs && readNs(p) === h.mountNs)
                    signal(p, "SIGKILL");
        }
        const deadline = Date.now() + 3_000;
        while (Date.now() < deadline && this.hosts.some((h) => h.mountNs && pidsInMountNs(h.mountNs).length > 0)) {
            (0, node_child_process_1.spawnSync)("/bin/sleep", ["0.05"]);
        }
        try {
            this.removeRoot();
        }
        catch (e) {
            console.error(`e2e harness emergency cleanup: ${String(e)}`);
        }
        liveSandboxes.delete(this);
    }
}
function sshBanner(host, port) {
    return new Promise((resolve) => {
        const sock = net.connect({ host, port });
        let buf = "";
        const done = (ok) => {
            sock.destroy();
            resolve(ok);
        };
        sock.setTimeout(1_000, () => done(false));
        sock.on("data", (b) => {
            buf += b.toString();
            if (buf.startsWith("SSH-"))
                done(true);
        });
        sock.on("error", () => done(false));
        sock.on("close", () => done(buf.startsWith("SSH-")));
    });
}
function portFree(host, port) {
    return new Promise((resolve) => {
        const srv = net.createServer();
        srv.once("error", () => resolve(false));
        srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
    });
}
/**
 * First port >= `start` that is free on every address (so that concurrent runs,
 * e.g. two `npm test` at once, do not collide).  Small race: check, then bind later.
 */
async function freePort(addresses, start, tries = 200) {
    for (let port = start; port < start + tries; port++) {
        let ok = true;
        for (const a of addresses) {
            if (!(await portFree(a, port))) {
                ok = false;
                break;
            }
        }
        if (ok)
            return port;
    }
    throw new Error(`no free port in ${start}..${start + tries - 1} on ${addresses.join(", ")}`);
}
/**
 * Start the sandboxed hosts: temp dir, ssh keys, one namespace holder + sshd per
 * host.  On failure everything started so far is stopped and the temp dir removed.
 */
async function startHosts(specs, opts = {}) {
    const missing = missingPrerequisites();
    if (missing.length > 0)
        throw new Error(`e2e prerequisites missing: ${missing.join("; ")}`);
    const names = new Set();
    const addrs = new Set();
    for (const s of specs) {
        if (!/^[a-z][a-z0-9-]*$/.test(s.name))
            throw new Error(`bad host name ${s.name}`);
        if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(s.address))
            throw new Error(`${s.name}: address ${s.address} is not in 127.0.0.0/8`);
        if (s.address === "127.0.0.1")
            throw new Error(`${s.name}: use a dedicated loopback address, not 127.0.0.1`);
        if (names.has(s.name) || addrs.has(s.address))
            throw new Error(`duplicate host name/address ${s.name} ${s.address}`);
        names.add(s.name);
        addrs.add(s.address);
    }
    const parent = fs.realpathSync(opts.tmpParent ?? os.tmpdir());
    // leftovers of runs whose node process was SIGKILLed (owner PID dead)
    for (const d of cleanupStale(parent))
        console.error(`e2e harness: removed stale sandbox ${d}`);
    const root = fs.mkdtempSync(path.join(parent, ROOT_PREFIX));
    const sb = new SandboxImpl(root, opts);
    liveSandboxes.add(sb);
    installHandlers();
    try {
        fs.writeFileSync(path.join(root, "owner.json"), JSON.stringify({ pid: process.pid, started: new Date().toISOString() }) + "\n");
        fs.mkdirSync(path.join(root, "hosts"), { mode: 0o700 });
        let defaultPort = typeof opts.sshPort === "number" ? opts.sshPort : 2222;
        if (opts.sshPort === "auto") {
            defaultPort = await freePort(specs.filter((x) => x.sshPort === undefined).map((x) => x.address), 20000 + Math.floor(Math.random() * 9000));
        }
        for (const s of specs) {
            sb.hosts.push(new HostImpl(sb, s.name, s.address, s.sshPort ?? defaultPort, path.join(root, "hosts", s.name)));
        }
        await sb.time("check ports", async () => {
            for (const h of sb.hosts) {
                if (!(await portFree(h.address, h.sshPort)))
                    throw new Error(`[${h.name}] ${h.address}:${h.sshPort} is already in use`);
            }
        });
        await sb.time("client key", async () => {
            const dir = path.join(root, "client");
            fs.mkdirSync(dir, { mode: 0o700 });
            const key = path.join(dir, "id_ed25519");
            must(await execCollect("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", `${MARKER}-terraform`, "-f", key]), "ssh-keygen (client key)");
            sb.clientKey = {
                privateKeyPath: key,
                publicKeyPath: key + ".pub",
                privateKey: fs.readFileSync(key, "utf8"),
                publicKey: fs.readFileSync(key + ".pub", "utf8").trim(),
            };
            sb.knownHostsPath = path.join(dir, "known_hosts");
        });
        await sb.time("host dirs + host keys", () => Promise.all(sb.hosts.map((h) => sb.prepareHostDir(h))));
        for (const h of sb.hosts)
            sb.writeAliases(h);
        fs.writeFileSync(sb.knownHostsPath, sb.hosts.map((h) => h.knownHostsLine({ plain: false })).join("\n") + "\n", { mode: 0o600 });
        await sb.time("namespaces (unshare + mounts)", () => Promise.all(sb.hosts.map((h) => sb.startHolder(h))));
        await sb.time("sshd start", () => Promise.all(sb.hosts.map((h) => sb.startSshd(h))));
        fs.writeFileSync(path.join(root, "owner.json"), JSON.stringify({ pid: process.pid, root, hosts: sb.hosts.map((h) => ({ name: h.name, holderPid: h.holderPid, sshdPid: h.sshdPid, mountNs: h.mountNs })) }) + "\n");
        return sb;
    }
    catch (e) {
        try {
            await sb.stop();
        }
        catch (e2) {
            console.error(`e2e harness: cleanup after failed start also failed: ${String(e2)}`);
        }
        throw e;
    }
}
/**
 * Remove leftovers of crashed runs (node killed with SIGKILL): for every
 * <tmp>/cdktf-barman-e2e-* whose owner process is dead, SIGKILL the processes still
 * in the recorded mount namespaces (verified via the recorded holder/sshd PIDs'
 * cmdline marker), then remove the directory.  Returns the directories removed.
 */
function cleanupStale(tmpParent = os.tmpdir()) {
    const removed = [];
    for (const e of fs.readdirSync(tmpParent)) {
        if (!e.startsWith(ROOT_PREFIX))
            continue;
        const dir = path.join(tmpParent, e);
        let owner;
        try {
            owner = JSON.parse(fs.readFileSync(path.join(dir, "owner.json"), "utf8"));
        }
        catch {
            continue;
        }
        if (pidAlive(owner.pid))
            continue;
        for (const h of owner.hosts ?? []) {
            // Namespace ids are reused once a namespace is gone, so a recorded id may now
            // belong to a live sandbox of a concurrent run: only kill processes whose view
            // of /etc/ssh/cdktf-e2e/ holds *this* directory's (unique) host key.
            let key;
            try {
                key = fs.readFileSync(path.join(dir, "hosts", h.name, "etc.upper", "ssh", MARKER, "ssh_host_ed25519_key.pub"), "utf8");
            }
            catch {
                continue;
            }
            const pids = pidsInMountNs(h.mountNs).filter((p) => {
                try {
                    return fs.readFileSync(`/proc/${p}/root/etc/ssh/${MARKER}/ssh_host_ed25519_key.pub`, "utf8") === key;
                }
                catch {
                    return false;
                }
            });
            pids.forEach((p) => signal(p, "SIGKILL"));
            const deadline = Date.now() + 3_000;
            while (Date.now() < deadline && pids.some(pidAlive))
                (0, node_child_process_1.spawnSync)("/bin/sleep", ["0.05"]);
        }
        if (mountsBelow(dir).length === 0) {
            fs.rmSync(dir, { recursive: true, force: true });
            removed.push(dir);
        }
    }
    return removed;
}
// --------------------------------------------------------------------------------
// Machine fingerprint (to prove the real machine was not touched)
// --------------------------------------------------------------------------------
/**
 * Listing of the given paths of the *real* machine (run it in the harness's own
 * namespace): path, type, mode, owner, size, mtime and, for regular files up to
 * 1 MiB, a sha256.  Compare the result before and after a run.
 */
function fingerprint(paths) {
    const out = new Map();
    const walk = (p) => {
        let st;
        try {
            st = fs.lstatSync(p);
        }
        catch {
            out.set(p, "absent");
            return;
        }
        let desc = `${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.size} ${Math.floor(st.mtimeMs)}`;
        if (st.isFile() && st.size <= 1 << 20) {
            try {
                desc += " " + crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex");
            }
            catch {
                desc += " unreadable";
            }
        }
        else if (st.isSymbolicLink()) {
            desc += " -> " + fs.readlinkSync(p);
        }
        out.set(p, desc);
        if (st.isDirectory()) {
            let entries = [];
            try {
                entries = fs.readdirSync(p);
            }
            catch {
                /* unreadable */
            }
            for (const e of entries.sort())
                walk(path.join(p, e));
        }
    };
    for (const p of paths)
        walk(p);
    return out;
}
/** Differences between two fingerprints, as "path: before => after" lines. */
function fingerprintDiff(a, b) {
    const diff = [];
    for (const [k, v] of a)
        if (b.get(k) !== v)
            diff.push(`${k}: ${v} => ${b.get(k) ?? "absent"}`);
    for (const [k, v] of b)
        if (!a.has(k))
            diff.push(`${k}: absent => ${v}`);
    return diff;
}
