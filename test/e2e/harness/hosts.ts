/**
 * End-to-end harness: several sandboxed "hosts" on this one machine.
 *
 * Each host is a private mount namespace (+ UTS namespace for its hostname) held
 * open by a tiny holder process, with its own sshd listening on its own loopback
 * address, and optionally its own PostgreSQL cluster.  With network "namespaces" each
 * host also has its own network namespace on a private bridge (network.ts), so that
 * connections between hosts come from the sender's own address.  Everything that runs for an
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
import { spawn, spawnSync, ChildProcess } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { TEST_POSTGRES } from "../../support/postgres";
import { attachHost, claimNetwork, cleanupStaleLinks, hostAddress, removeNetwork, SandboxNetwork } from "./network";
import { skipUnless } from "../../support/requirements";

// --------------------------------------------------------------------------------
// Types
// --------------------------------------------------------------------------------

export interface HostSpec {
  /** Hostname inside the sandbox (also added to every host's /etc/hosts). */
  name: string;
  /**
   * Loopback address, e.g. 127.0.0.11.  Must be in 127.0.0.0/8 and distinct.  With network
   * "namespaces" leave it out: the harness gives host i the address <prefix>.<11+i> of its /24.
   */
  address?: string;
  /** sshd port on that address (default StartOptions.sshPort). */
  sshPort?: number;
}

export interface StartOptions {
  /**
   * "loopback" (default): every host on its own 127.0.0.x in the machine's network namespace, so
   * connections between hosts come from 127.0.0.1 (README, "Source addresses").
   * "namespaces": every host in its own network namespace on a private bridge (network.ts), with
   * its own 10.213.x.y address: connections come from the sender's address, ports are private
   * per host (sshPort and PostgreSQL's "auto" mean 22 and 5432 there).
   */
  network?: "loopback" | "namespaces";
  /**
   * sshd port for hosts without their own (default 2222: hosts have distinct
   * addresses, so they can share it).  "auto": a random port in 20000-29999 free on
   * all addresses, so that concurrent runs do not collide.
   */
  sshPort?: number | "auto";
  /** Parent of the sandbox temp dir (default os.tmpdir()). */
  tmpParent?: string;
  /**
   * Write /etc/hosts entries and /etc/ssh/ssh_config.d/cdktf-e2e.conf into every
   * host so that `ssh user@pg1` / `ssh user@127.0.0.12` from inside the sandbox reach
   * the right sshd even when sshPort != 22 (default true).  HostKeyAlias is set to
   * the name typed, so known_hosts lines in plain "pg1,127.0.0.12 ssh-ed25519 ..."
   * form (as if port 22) match.
   */
  hostAliases?: boolean;
  /**
   * With hostAliases and a non-22 port: set HostKeyAlias (default true) so that
   * known_hosts entries without "[host]:port" match, as on a real port-22 host.  Set
   * false if the code under test writes "[pg1]:2222 ..." entries itself.
   */
  hostKeyAlias?: boolean;
  /** Print per-step timings to stderr as they happen (default: env E2E_TIMINGS=1). */
  logTimings?: boolean;
  /** sshd LogLevel (default VERBOSE).  Log: <host>/var-log/sshd.log = /var/log/sshd.log inside. */
  sshdLogLevel?: string;
}

export interface RunOptions {
  /** User to run as (default root). */
  user?: string;
  /**
   * "ssh" (default): a real ssh login as root to the host's sshd with the harness
   * key (exactly the path Terraform uses), then `runuser -u <user>` if user != root.
   * "nsenter": enter the host's namespaces directly (faster, no PAM/sshd).
   */
  via?: "ssh" | "nsenter";
  /** Data for stdin. */
  input?: string | Buffer;
  /** Kill after this many ms (default 60000). */
  timeoutMs?: number;
  /** Extra environment variables (nsenter only; ssh does not forward env). */
  env?: Record<string, string>;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface StatResult {
  owner: string;
  group: string;
  /** Permission bits incl. setuid/setgid/sticky, e.g. 0o750. */
  mode: number;
  /** Same as a 4-digit octal string, e.g. "0750". */
  modeString: string;
  /** "regular file", "directory", "symbolic link", ... (stat %F). */
  type: string;
  size: number;
}

/** What Terraform's `connection` block needs for this host. */
export interface TerraformConnection {
  type: "ssh";
  host: string;
  port: number;
  user: "root";
  /** Path of the harness's ed25519 private key (OpenSSH format, no passphrase). */
  privateKeyPath: string;
  /** Its content, for `private_key = ...`. */
  privateKey: string;
  /** This host's sshd public key "ssh-ed25519 AAAA..." for `host_key = ...` (pinning). */
  hostKey: string;
}

export interface SandboxHost {
  readonly name: string;
  readonly address: string;
  readonly sshPort: number;
  /** Outside path of this host's directory (under Sandbox.root). */
  readonly dir: string;
  /** PID of the namespace holder process. */
  readonly holderPid: number;
  /** PID of this host's sshd (listener). */
  readonly sshdPid: number;
  /** Mount namespace id, "mnt:[4026532...]", as readlink /proc/<pid>/ns/mnt shows it. */
  readonly mountNs: string;
  /** "ssh-ed25519 AAAA..." (no comment). */
  readonly hostPublicKey: string;
  readonly connection: TerraformConnection;
  /** PostgreSQL of this host, once startPostgres() was called. */
  postgres?: PostgresInstance;

  /** known_hosts line for this host: "pg1,127.0.0.12 ssh-ed25519 ..." or "[127.0.0.12]:2222 ..." (plain=false). */
  knownHostsLine(opts?: { plain?: boolean }): string;
  run(cmd: string, opts?: RunOptions): Promise<RunResult>;
  /** Like run() but throws (with stdout/stderr) unless exit code 0; returns stdout. */
  check(cmd: string, opts?: RunOptions): Promise<string>;
  readFile(p: string): Promise<string>;
  readFileBuffer(p: string): Promise<Buffer>;
  exists(p: string): Promise<boolean>;
  stat(p: string): Promise<StatResult>;
  /** Write a file inside the host (nsenter), creating parent dirs as root; sets owner/mode. */
  writeFile(p: string, content: string | Buffer, opts?: { owner?: string; group?: string; mode?: number }): Promise<void>;
  /**
   * Put an executable script at /usr/local/sbin/<name> in this host (first on the
   * default PATH, private via the /usr/local overlay), e.g. to stub apt-get or
   * systemctl, which would otherwise act on the real machine / are absent.
   * Callers using an absolute path (/usr/bin/apt-get) are not affected.
   */
  stubCommand(name: string, script: string): Promise<void>;
  /**
   * Outside path corresponding to an inside path, for bind-mounted locations
   * (/var/lib/barman/...); for the /etc and /usr/local overlays the path in the
   * upper dir (exists only once the host wrote that file).  For debugging; prefer
   * readFile()/stat(), which see the real merged view.
   */
  outsidePath(insidePath: string): string | undefined;
  /** PIDs of all processes currently inside this host's mount namespace. */
  pids(): number[];
}

export interface PostgresOptions {
  /** Data directory inside the host (default /srv/postgresql/data; /srv is private per host). */
  dataDir?: string;
  /** Default 5432 (hosts have distinct addresses).  "auto": a random free port in 30000-39999. */
  port?: number | "auto";
  /** pg_hba.conf lines (replace the default). */
  hba?: string[];
  /**
   * Default pg_hba when `hba` is not given: local peer, and from 127.0.0.0/8
   * "scram-sha-256" (default) or "trust".
   */
  hostAuth?: "scram-sha-256" | "trust";
  /** Extra postgresql.conf settings. */
  settings?: Record<string, string | number | boolean>;
  /** fsync=off etc. for speed (default true; fine for a throw-away test cluster). */
  fast?: boolean;
  /**
   * Instead of initdb: a streaming replica of `primary`, cloned with `pg_basebackup -R`
   * (standby.signal, primary_conninfo in postgresql.auto.conf) over TCP from this host, as
   * `user` (a REPLICATION role the primary's pg_hba.conf admits from 127.0.0.1) with `password`.
   * The primary's postgresql.conf comes along; the harness's settings for this host are
   * appended after it, so they win.
   */
  replicaOf?: { primary: PostgresInstance; user: string; password: string };
}

export interface PostgresInstance {
  readonly host: SandboxHost;
  readonly pid: number;
  readonly address: string;
  readonly port: number;
  /** Inside path. */
  readonly dataDir: string;
  readonly socketDir: string;
  readonly binDir: string;
  /** Outside path of the server log (inside: /var/log/postgresql/postgresql-e2e.log). */
  readonly logFile: string;
  /** psql as OS user (and role) postgres over the local socket inside the host; throws on error; returns -At output. */
  psql(sql: string, opts?: { db?: string }): Promise<string>;
  reload(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Start it again after stop() (same data directory, port and settings). */
  start(): Promise<void>;
}

export interface StepTiming {
  step: string;
  ms: number;
}

export interface Sandbox {
  /** The one temp dir holding everything (removed by stop()). */
  readonly root: string;
  readonly hosts: SandboxHost[];
  /** The harness (Terraform) ssh key pair. */
  readonly clientKey: { privateKeyPath: string; publicKeyPath: string; privateKey: string; publicKey: string };
  /** known_hosts (outside) with every host's key, used by run(via: "ssh"). */
  readonly knownHostsPath: string;
  readonly timings: StepTiming[];
  host(name: string): SandboxHost;
  /**
   * ssh/scp/rsync -e options (no destination) to reach `host` as root from outside
   * with the harness key and strict host key checking, e.g.
   *   ["scp", "-O", ...sb.sshOptions(h), file, `root@${h.address}:/etc/x`]
   */
  sshOptions(host: SandboxHost | string): string[];
  /** Time an async step and record it in `timings`. */
  time<T>(step: string, fn: () => Promise<T>): Promise<T>;
  startPostgres(host: SandboxHost | string, opts?: PostgresOptions): Promise<PostgresInstance>;
  /**
   * Stop this host's sshd listener (SIGTERM, then SIGKILL after 5 s), e.g. to make a
   * host unreachable in a fault test.  Sessions already open keep running (as on a
   * real host); the namespace and PostgreSQL stay up.  Idempotent.
   */
  stopSshd(host: SandboxHost | string): Promise<void>;
  /** Start the host's sshd again after stopSshd() (same address, port and host key). */
  restartSshd(host: SandboxHost | string): Promise<void>;
  /** With network "namespaces": the sandbox's /24 and bridge (undefined on loopback). */
  readonly network?: SandboxNetwork;
  /** Stop everything by PID, verify, remove the temp dir.  Idempotent. */
  stop(): Promise<StopReport>;
  timingReport(): string;
}

export interface StopReport {
  /** Every PID the harness saw belong to the sandbox and made sure is gone. */
  pids: number[];
  /** PIDs that needed SIGKILL. */
  killed: number[];
  removedRoot: boolean;
  ms: number;
}

// --------------------------------------------------------------------------------
// Prerequisites
// --------------------------------------------------------------------------------

/** the machine's PostgreSQL (test/support/postgres.ts): the highest major installed */
export const PG_MAJOR = TEST_POSTGRES.major;
export const PG_BIN = TEST_POSTGRES.bin;

const REQUIRED_BINARIES: Array<[string, string]> = [
  ["/usr/bin/unshare", "util-linux"],
  ["/usr/bin/nsenter", "util-linux"],
  ["/usr/bin/setpriv", "util-linux"],
  ["/usr/sbin/runuser", "util-linux"],
  ["/usr/bin/mount", "mount"],
  ["/usr/sbin/ip", "iproute2"],
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
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (process.platform !== "linux") return [`not Linux (${process.platform})`];
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    missing.push("not running as root (mount namespaces, sshd and PostgreSQL as other users need root)");
  }
  for (const [bin, pkg] of REQUIRED_BINARIES) {
    if (!isExecutable(bin)) missing.push(`${bin} missing (package ${pkg})`);
  }
  if (TEST_POSTGRES.missing) missing.push(TEST_POSTGRES.missing);
  for (const user of ["barman", "postgres", "sshd"]) {
    if (!lookupUser(user)) missing.push(`OS user ${user} missing`);
  }
  try {
    if (!/\toverlay\n/.test(fs.readFileSync("/proc/filesystems", "utf8"))) missing.push("overlayfs not available in this kernel");
  } catch {
    missing.push("/proc/filesystems unreadable");
  }
  if (missing.length === 0) {
    // Can we actually create a mount namespace and mount in it (fails in unprivileged containers)?
    const r = spawnSync("/usr/bin/unshare", ["-m", "-u", "-i", "--propagation", "private", "--", "/usr/bin/mount", "-t", "tmpfs", "none", "/mnt"], {
      encoding: "utf8",
      timeout: 10_000,
    });
    if (r.status !== 0) missing.push(`cannot create a mount namespace / mount in it: ${(r.stderr || String(r.error)).trim()}`);
  }
  return missing;
}

/**
 * For node:test's `skip` option (test/support/requirements.ts): false when all prerequisites are
 * there, else the reason; under CI a failing test is added next to it.
 *   test("e2e", { skip: e2eSkipReason() }, async () => { ... })
 */
export function e2eSkipReason(): string | false {
  const missing = missingPrerequisites();
  return skipUnless(missing.length === 0 ? false : `${missing.join("; ")} (install with scripts/e2e-setup.sh; run the e2e tests as root)`);
}

// --------------------------------------------------------------------------------
// Small utilities
// --------------------------------------------------------------------------------

const MARKER = "cdktf-e2e";
const ROOT_PREFIX = "cdktf-barman-e2e-";
const CLEAN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Quote for POSIX sh. */
export function shq(s: string): string {
  if (/^[A-Za-z0-9_\-+=.,/:@%]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

interface PwEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

function lookupUser(name: string): PwEntry | undefined {
  for (const line of fs.readFileSync("/etc/passwd", "utf8").split("\n")) {
    const f = line.split(":");
    if (f[0] === name && f.length >= 7) return { name, uid: Number(f[2]), gid: Number(f[3]), home: f[5] };
  }
  return undefined;
}

/** Resolves true if `p` settles within `ms`, else false; never leaves a timer behind. */
function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(
      () => { clearTimeout(timer); resolve(true); },
      () => { clearTimeout(timer); resolve(true); },
    );
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function now(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

/** Spawn and collect output. */
function execCollect(
  file: string,
  args: string[],
  opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  const t0 = now();
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(file, args, { env: opts.env ?? cleanEnv(), stdio: ["pipe", "pipe", "pipe"] });
    } catch (e) {
      reject(e);
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, opts.timeoutMs ?? 60_000);
    child.stdout!.on("data", (b: Buffer) => out.push(b));
    child.stderr!.on("data", (b: Buffer) => err.push(b));
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
    child.stdin!.on("error", () => undefined); // EPIPE if the command does not read stdin
    child.stdin!.end(opts.input ?? "");
  });
}

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: CLEAN_PATH, LANG: "C.UTF-8", HOME: "/root", USER: "root", LOGNAME: "root", SHELL: "/bin/bash", ...extra };
}

function must(r: RunResult, what: string): RunResult {
  if (r.code !== 0) {
    throw new Error(`${what} failed (code ${r.code}${r.signal ? `, signal ${r.signal}` : ""}${r.timedOut ? ", timed out" : ""})\n` +
      `stdout: ${r.stdout.trim()}\nstderr: ${r.stderr.trim()}`);
  }
  return r;
}

function readNs(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/ns/mnt`);
  } catch {
    return undefined;
  }
}

/** True if the process exists and is not a zombie. */
export function pidAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

/** All PIDs whose mount namespace is `ns`. */
export function pidsInMountNs(ns: string): number[] {
  const pids: number[] = [];
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    if (readNs(pid) === ns && pidAlive(pid)) pids.push(pid);
  }
  return pids;
}

/** The sandbox host key ("ssh-ed25519 AAAA...") as seen in the process's own mount namespace, if any. */
function processHostKey(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/root/etc/ssh/${MARKER}/ssh_host_ed25519_key.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
  } catch {
    return undefined;
  }
}

/**
 * Live PIDs (outside our own mount namespace) whose /etc/ssh/cdktf-e2e/ holds this
 * host key, i.e. processes of that sandboxed host, independent of namespace ids.
 */
export function processesOfHostKey(hostPublicKey: string): number[] {
  const own = readNs(process.pid);
  const pids: number[] = [];
  for (const e of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    const ns = readNs(pid);
    if (!ns || ns === own || !pidAlive(pid)) continue;
    if (processHostKey(pid) === hostPublicKey) pids.push(pid);
  }
  return pids;
}

async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let alive = pids.filter(pidAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(20);
    alive = alive.filter(pidAlive);
  }
  return alive;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

function copyOwnerMode(real: string, target: string, fallback: { uid: number; gid: number; mode: number }): void {
  let uid = fallback.uid, gid = fallback.gid, mode = fallback.mode;
  try {
    const st = fs.statSync(real);
    uid = st.uid;
    gid = st.gid;
    mode = st.mode & 0o7777;
  } catch {
    /* use fallback */
  }
  fs.mkdirSync(target, { recursive: true });
  fs.chownSync(target, uid, gid);
  fs.chmodSync(target, mode);
}

/** Is anything mounted at or below `dir` in *our* namespace?  (Must never be, before rm -rf.) */
function mountsBelow(dir: string): string[] {
  const found: string[] = [];
  for (const line of fs.readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    const mp = line.split(" ")[4];
    if (mp && (mp === dir || mp.startsWith(dir + "/"))) found.push(mp);
  }
  return found;
}

// --------------------------------------------------------------------------------
// Per-host layout
// --------------------------------------------------------------------------------

interface BindSpec {
  /** Path inside the host. */
  inside: string;
  /** Directory name under the host dir. */
  dirName: string;
  /** Owner/mode if the real directory does not exist. */
  fallback: { user: string; group?: string; mode: number };
  /** Sub-directories to create, owner/mode copied from the real ones (or fallback). */
  subdirs?: Array<{ name: string; fallback: { user: string; group?: string; mode: number } }>;
  /** Empty files to create (login accounting), owner/mode copied from the real ones (or fallback). */
  files?: Array<{ name: string; fallback: { user: string; group?: string; mode: number } }>;
  /** Only bind when the real directory exists (the mount point is needed). */
  optional?: boolean;
}

const OVERLAYS: Array<{ inside: string; dirName: string }> = [
  { inside: "/etc", dirName: "etc" },
  { inside: "/usr/local", dirName: "usr-local" },
];

const BINDS: BindSpec[] = [
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

function ownerIds(spec: { user: string; group?: string }): { uid: number; gid: number } {
  const pw = lookupUser(spec.user);
  if (!pw) throw new Error(`user ${spec.user} missing`);
  let gid = pw.gid;
  if (spec.group) {
    const line = fs.readFileSync("/etc/group", "utf8").split("\n").find((l) => l.startsWith(spec.group + ":"));
    if (line) gid = Number(line.split(":")[2]);
  }
  return { uid: pw.uid, gid };
}

// --------------------------------------------------------------------------------
// Emergency cleanup (process exit / signals while a sandbox is live)
// --------------------------------------------------------------------------------

const liveSandboxes = new Set<SandboxImpl>();
let handlersInstalled = false;

function emergencyCleanupAll(): void {
  for (const sb of liveSandboxes) sb.stopSync();
}

function onSignal(sig: NodeJS.Signals): void {
  emergencyCleanupAll();
  process.exit(sig === "SIGINT" ? 130 : 143);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", emergencyCleanupAll);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
}

function removeHandlersIfIdle(): void {
  if (!handlersInstalled || liveSandboxes.size > 0) return;
  handlersInstalled = false;
  process.off("exit", emergencyCleanupAll);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  process.off("SIGHUP", onSignal);
}

// --------------------------------------------------------------------------------
// Implementation
// --------------------------------------------------------------------------------

class HostImpl implements SandboxHost {
  holderPid = 0;
  sshdPid = 0;
  mountNs = "";
  hostPublicKey = "";
  postgres?: PostgresInstance;
  holder?: ChildProcess;
  sshd?: ChildProcess;
  /** Every PID seen belonging to this host (holder, sshd, postgres, sweep results). */
  readonly seenPids = new Set<number>();

  constructor(
    readonly sandbox: SandboxImpl,
    readonly name: string,
    readonly address: string,
    readonly sshPort: number,
    readonly dir: string,
  ) {}

  get connection(): TerraformConnection {
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

  knownHostsLine(opts: { plain?: boolean } = {}): string {
    const plain = opts.plain ?? true;
    if (plain || this.sshPort === 22) return `${this.name},${this.address} ${this.hostPublicKey}`;
    return `[${this.address}]:${this.sshPort},[${this.name}]:${this.sshPort} ${this.hostPublicKey}`;
  }

  nsenterArgs(): string[] {
    return ["-t", String(this.holderPid), "-m", "-u", "-i", ...(this.sandbox.network ? ["-n"] : []), "--"];
  }

  async run(cmd: string, opts: RunOptions = {}): Promise<RunResult> {
    const user = opts.user ?? "root";
    const via = opts.via ?? "ssh";
    if (via === "nsenter") {
      const pw = lookupUser(user);
      if (!pw) throw new Error(`no such user ${user}`);
      const env = cleanEnv({ HOME: pw.home, USER: user, LOGNAME: user, ...(opts.env ?? {}) });
      const inner = user === "root" ? ["/bin/bash", "-c", cmd] : ["/usr/sbin/runuser", "-u", user, "--", "/bin/bash", "-c", cmd];
      return execCollect("/usr/bin/nsenter", [...this.nsenterArgs(), ...inner], { input: opts.input, env, timeoutMs: opts.timeoutMs });
    }
    if (opts.env) throw new Error("run(): env is only supported with via: 'nsenter'");
    const remote = user === "root" ? cmd : `/usr/sbin/runuser -u ${shq(user)} -- /bin/bash -c ${shq(cmd)}`;
    return execCollect("/usr/bin/ssh", [...this.sandbox.sshClientArgs(this), "--", remote], { input: opts.input, timeoutMs: opts.timeoutMs });
  }

  async check(cmd: string, opts: RunOptions = {}): Promise<string> {
    return must(await this.run(cmd, opts), `[${this.name}] ${opts.user ?? "root"}$ ${cmd}`).stdout;
  }

  async readFileBuffer(p: string): Promise<Buffer> {
    const r = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn("/usr/bin/nsenter", [...this.nsenterArgs(), "/bin/cat", "--", p], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (b: Buffer) => out.push(b));
      child.stderr.on("data", (b: Buffer) => err.push(b));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code === 0) resolve(Buffer.concat(out));
        else reject(Object.assign(new Error(`[${this.name}] cannot read ${p}: ${Buffer.concat(err).toString().trim()}`), { code: "ENOENT" }));
      });
    });
    return r;
  }

  async readFile(p: string): Promise<string> {
    return (await this.readFileBuffer(p)).toString("utf8");
  }

  async exists(p: string): Promise<boolean> {
    const r = await this.run(`test -e ${shq(p)} || test -L ${shq(p)}`, { via: "nsenter" });
    return r.code === 0;
  }

  async stat(p: string): Promise<StatResult> {
    const out = await this.check(`stat -c '%U|%G|%a|%F|%s' -- ${shq(p)}`, { via: "nsenter" });
    const [owner, group, mode, type, size] = out.trim().split("|");
    const m = parseInt(mode, 8);
    return { owner, group, mode: m, modeString: m.toString(8).padStart(4, "0"), type, size: Number(size) };
  }

  async writeFile(p: string, content: string | Buffer, opts: { owner?: string; group?: string; mode?: number } = {}): Promise<void> {
    const owner = opts.owner ?? "root";
    const group = opts.group ?? (owner === "root" ? "root" : owner);
    const mode = (opts.mode ?? 0o644).toString(8);
    const script = 'set -e; mkdir -p -- "$(dirname -- "$1")"; umask 077; cat > "$1"; chown -- "$2:$3" "$1"; chmod -- "$4" "$1"';
    await this.check(`/bin/sh -c ${shq(script)} sh ${shq(p)} ${shq(owner)} ${shq(group)} ${mode}`, { via: "nsenter", input: content });
  }

  async stubCommand(name: string, script: string): Promise<void> {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad command name ${name}`);
    const body = script.startsWith("#!") ? script : `#!/bin/sh\n${script}\n`;
    await this.writeFile(`/usr/local/sbin/${name}`, body, { mode: 0o755 });
  }

  outsidePath(insidePath: string): string | undefined {
    const p = path.posix.normalize(insidePath);
    let best: { inside: string; outside: string } | undefined;
    const candidates = [
      ...BINDS.map((b) => ({ inside: b.inside, outside: path.join(this.dir, b.dirName) })),
      ...OVERLAYS.map((o) => ({ inside: o.inside, outside: path.join(this.dir, `${o.dirName}.upper`) })),
    ];
    for (const c of candidates) {
      if ((p === c.inside || p.startsWith(c.inside + "/")) && (!best || c.inside.length > best.inside.length)) best = c;
    }
    if (!best) return undefined;
    return path.join(best.outside, p.slice(best.inside.length));
  }

  pids(): number[] {
    if (!this.mountNs) return [];
    const pids = pidsInMountNs(this.mountNs);
    for (const p of pids) this.seenPids.add(p);
    return pids;
  }
}

class PostgresImpl implements PostgresInstance {
  pid = 0;
  child?: ChildProcess;
  readonly socketDir = "/run/postgresql";
  readonly binDir = PG_BIN;
  readonly logFile: string;

  constructor(
    readonly host: HostImpl,
    readonly address: string,
    readonly port: number,
    readonly dataDir: string,
  ) {
    this.logFile = path.join(host.dir, "var-log", "postgresql", "postgresql-e2e.log");
  }

  async psql(sql: string, opts: { db?: string } = {}): Promise<string> {
    const args = [`${this.binDir}/psql`, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-h", this.socketDir, "-p", String(this.port), "-U", "postgres", "-d", opts.db ?? "postgres", "-f", "-"];
    return this.host.check(args.map(shq).join(" "), { via: "nsenter", user: "postgres", input: sql });
  }

  async start(): Promise<void> {
    const fd = fs.openSync(this.logFile, "a", 0o640);
    const pg = ownerIds({ user: "postgres" });
    fs.fchownSync(fd, pg.uid, pg.gid);
    try {
      // nsenter (no fork for -m/-u/-i) -> setpriv (exec) -> postgres: the child PID is the postmaster.
      this.child = spawn(
        "/usr/bin/nsenter",
        [
          ...this.host.nsenterArgs(),
          "/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--reset-env", "--",
          `${this.binDir}/postgres`, "-D", this.dataDir,
        ],
        { env: cleanEnv(), stdio: ["ignore", fd, fd], detached: false },
      );
    } finally {
      fs.closeSync(fd);
    }
    const child = this.child;
    this.pid = child.pid!;
    this.host.seenPids.add(this.pid);
    let exited: string | undefined;
    child.once("exit", (code, sig) => {
      exited = `exited with code ${code} signal ${sig}`;
    });
    const pidFile = this.host.outsidePath(path.posix.join(this.dataDir, "postmaster.pid"))!;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited) throw new Error(`[${this.host.name}] postgres ${exited}; log:\n${tail(this.logFile)}`);
      try {
        const lines = fs.readFileSync(pidFile, "utf8").split("\n");
        if (Number(lines[0]) === this.pid && lines[7]?.trim() === "ready") break;
      } catch {
        /* not yet */
      }
      if (Date.now() > deadline) throw new Error(`[${this.host.name}] postgres not ready after 60s; log:\n${tail(this.logFile)}`);
      await sleep(25);
    }
  }

  async reload(): Promise<void> {
    signal(this.pid, "SIGHUP");
    await sleep(200);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.pid) return;
    if (child.exitCode === null && child.signalCode === null) {
      const done = new Promise<void>((r) => child.once("exit", () => r()));
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

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}

function tail(file: string, n = 30): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-n).join("\n");
  } catch {
    return "(no log)";
  }
}

class SandboxImpl implements Sandbox {
  readonly hosts: HostImpl[] = [];
  readonly timings: StepTiming[] = [];
  clientKey = { privateKeyPath: "", publicKeyPath: "", privateKey: "", publicKey: "" };
  knownHostsPath = "";
  network?: SandboxNetwork;
  stopped = false;
  private stopping?: Promise<StopReport>;

  constructor(
    readonly root: string,
    readonly opts: StartOptions,
  ) {}

  host(name: string): HostImpl {
    const h = this.hosts.find((x) => x.name === name);
    if (!h) throw new Error(`no sandbox host ${name}`);
    return h;
  }

  async time<T>(step: string, fn: () => Promise<T>): Promise<T> {
    const t0 = now();
    try {
      return await fn();
    } finally {
      const ms = Math.round(now() - t0);
      this.timings.push({ step, ms });
      if (this.opts.logTimings ?? process.env.E2E_TIMINGS === "1") console.error(`[e2e timing] ${step}: ${ms} ms`);
    }
  }

  timingReport(): string {
    return this.timings.map((t) => `${t.step.padEnd(40)} ${String(t.ms).padStart(6)} ms`).join("\n");
  }

  sshClientArgs(h: HostImpl): string[] {
    return [...this.sshOptions(h), `root@${h.address}`];
  }

  sshOptions(hostOrName: SandboxHost | string): string[] {
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

  async prepareHostDir(h: HostImpl): Promise<void> {
    fs.mkdirSync(h.dir, { mode: 0o700 });
    for (const o of OVERLAYS) {
      // The overlay root takes owner/mode from the upper dir: copy them from the real dir.
      copyOwnerMode(o.inside, path.join(h.dir, `${o.dirName}.upper`), { uid: 0, gid: 0, mode: 0o755 });
      fs.mkdirSync(path.join(h.dir, `${o.dirName}.work`), { mode: 0o700 });
    }
    for (const b of BINDS) {
      if (b.optional && !fs.existsSync(b.inside)) continue;
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
          uid = st.uid; gid = st.gid; mode = st.mode & 0o7777;
        } catch { /* fallback */ }
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
    fs.writeFileSync(
      path.join(sshDir, "sshd_config"),
      [
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
      ].join("\n"),
      { mode: 0o644 },
    );
  }

  writeAliases(h: HostImpl): void {
    if (this.opts.hostAliases === false) return;
    const etcUpper = path.join(h.dir, "etc.upper");
    const hostsLines = this.hosts.map((x) => `${x.address}\t${x.name}`).join("\n");
    fs.writeFileSync(path.join(etcUpper, "hosts"), `${fs.readFileSync("/etc/hosts", "utf8").trimEnd()}\n# cdktf-barman e2e sandbox\n${hostsLines}\n`, { mode: 0o644 });
    fs.writeFileSync(path.join(etcUpper, "hostname"), `${h.name}\n`, { mode: 0o644 });
    const blocks: string[] = [
      `# cdktf-barman e2e sandbox host ${h.name}: reach the other sandboxed hosts' sshd on their`,
      this.network
        ? `# ports (own network namespace: the source is this host's address anyway).`
        : `# ports, from this host's own loopback address (else the source would be 127.0.0.1).`,
    ];
    for (const x of this.hosts) {
      for (const alias of [x.name, x.address]) {
        blocks.push(`Host ${alias}`, `  HostName ${x.address}`, `  Port ${x.sshPort}`, ...(this.network ? [] : [`  BindAddress ${h.address}`]));
        // with a non-22 port, known_hosts would be looked up as "[alias]:port"; keep plain names
        if (x.sshPort !== 22 && this.opts.hostKeyAlias !== false) blocks.push(`  HostKeyAlias ${alias}`);
      }
    }
    {
      const dir = path.join(etcUpper, "ssh", "ssh_config.d");
      copyOwnerMode("/etc/ssh/ssh_config.d", dir, { uid: 0, gid: 0, mode: 0o755 });
      fs.writeFileSync(path.join(dir, `${MARKER}.conf`), blocks.join("\n") + "\n", { mode: 0o644 });
    }
  }

  holderScript(h: HostImpl): string {
    const lines = ["set -eu", `hostname ${shq(h.name)}`];
    for (const o of OVERLAYS) {
      const up = path.join(h.dir, `${o.dirName}.upper`);
      const work = path.join(h.dir, `${o.dirName}.work`);
      if (/[,:\s]/.test(up + work)) throw new Error(`overlay paths must not contain , : or spaces: ${up}`);
      lines.push(`mount -t overlay ${MARKER}-${o.dirName} -o ${shq(`lowerdir=${o.inside},upperdir=${up},workdir=${work}`)} ${shq(o.inside)}`);
    }
    // The sandbox root normally lives in /tmp, which is itself replaced by a per-host
    // dir: mount whatever covers the root last, or the later bind sources vanish.
    const covers = (inside: string) => this.root === inside || this.root.startsWith(inside + "/");
    for (const o of OVERLAYS) if (covers(o.inside)) throw new Error(`sandbox root ${this.root} must not be below ${o.inside}`);
    const ordered = [...BINDS.filter((b) => !covers(b.inside)), ...BINDS.filter((b) => covers(b.inside))];
    for (const b of ordered) {
      const src = path.join(h.dir, b.dirName);
      if (!fs.existsSync(src)) continue; // optional and absent
      lines.push(`mount --bind ${shq(src)} ${shq(b.inside)}`);
    }
    lines.push("echo READY", "read -r _ || true");
    return lines.join("\n");
  }

  async startHolder(h: HostImpl): Promise<void> {
    const child = spawn(
      "/usr/bin/unshare",
      ["--mount", "--uts", "--ipc", ...(this.network ? ["--net"] : []), "--propagation", "private", "--", "/bin/sh", "-c", this.holderScript(h), `${MARKER}-holder-${h.name}`],
      { env: cleanEnv(), stdio: ["pipe", "pipe", "pipe"] },
    );
    h.holder = child;
    h.holderPid = child.pid!;
    h.seenPids.add(h.holderPid);
    child.stdin!.on("error", () => undefined);
    await new Promise<void>((resolve, reject) => {
      let out = "";
      let err = "";
      const timer = setTimeout(() => reject(new Error(`[${h.name}] namespace holder not ready after 15s: ${err}`)), 15_000);
      child.stdout!.on("data", (b: Buffer) => {
        out += b.toString();
        if (out.includes("READY")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on("data", (b: Buffer) => (err += b.toString()));
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`[${h.name}] namespace holder exited (${code}): ${err.trim()}`));
      });
    });
    h.mountNs = readNs(h.holderPid) ?? "";
    if (!h.mountNs || h.mountNs === readNs(process.pid)) throw new Error(`[${h.name}] holder is not in a new mount namespace`);
  }

  async stopSshd(hostOrName: SandboxHost | string): Promise<void> {
    const h = this.host(typeof hostOrName === "string" ? hostOrName : hostOrName.name);
    const child = h.sshd;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((r) => child.once("exit", () => r()));
    signal(h.sshdPid, "SIGTERM");
    if (!(await within(done, 5_000))) {
      signal(h.sshdPid, "SIGKILL");
      await done;
    }
  }

  async restartSshd(hostOrName: SandboxHost | string): Promise<void> {
    const h = this.host(typeof hostOrName === "string" ? hostOrName : hostOrName.name);
    await this.stopSshd(h);
    // (in its own network namespace nobody else can take the port)
    if (!this.network && !(await portFree(h.address, h.sshPort))) throw new Error(`[${h.name}] ${h.address}:${h.sshPort} was taken while sshd was stopped`);
    await this.startSshd(h);
  }

  async startSshd(h: HostImpl): Promise<void> {
    const logFile = path.join(h.dir, "var-log", "sshd.log");
    // on a restart, only a "Server listening" line written by this sshd counts
    const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const fd = fs.openSync(logFile, "a", 0o640);
    let child: ChildProcess;
    try {
      // nsenter execs sshd (no fork for -m/-u/-i), so child.pid is sshd's PID.
      child = spawn("/usr/bin/nsenter", [...h.nsenterArgs(), "/usr/sbin/sshd", "-D", "-e", "-f", `/etc/ssh/${MARKER}/sshd_config`], {
        env: cleanEnv(),
        stdio: ["ignore", fd, fd],
      });
    } finally {
      fs.closeSync(fd);
    }
    h.sshd = child;
    h.sshdPid = child.pid!;
    h.seenPids.add(h.sshdPid);
    let exited: string | undefined;
    child.once("exit", (code, sig) => (exited = `code ${code} signal ${sig}`));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (exited) throw new Error(`[${h.name}] sshd exited (${exited}); log:\n${tail(logFile)}`);
      // Our own sshd says it bound (a banner on addr:port could come from another
      // run's sshd if the port was taken in between).
      if (fs.readFileSync(logFile).subarray(logStart).toString("utf8").includes(`Server listening on ${h.address} port ${h.sshPort}.`) && (await sshBanner(h.address, h.sshPort))) break;
      if (Date.now() > deadline) throw new Error(`[${h.name}] sshd not answering on ${h.address}:${h.sshPort}; log:\n${tail(logFile)}`);
      await sleep(20);
    }
    if (readNs(h.sshdPid) !== h.mountNs) throw new Error(`[${h.name}] sshd is not in the host's mount namespace`);
  }

  async startPostgres(hostOrName: SandboxHost | string, opts: PostgresOptions = {}): Promise<PostgresInstance> {
    const h = typeof hostOrName === "string" ? this.host(hostOrName) : this.host(hostOrName.name);
    if (h.postgres) throw new Error(`[${h.name}] postgres already started`);
    const dataDir = opts.dataDir ?? "/srv/postgresql/data";
    let port = opts.port === "auto" ? 5432 : (opts.port ?? 5432);
    // in its own network namespace the port is the host's alone: "auto" stays the default 5432
    if (opts.port === "auto" && !this.network) port = await freePort([h.address], 30000 + Math.floor(Math.random() * 9000));
    const outsideData = h.outsidePath(dataDir);
    if (!outsideData || !BINDS.some((b) => dataDir.startsWith(b.inside + "/"))) {
      throw new Error(`dataDir ${dataDir} must be below a per-host bind mount (e.g. /srv)`);
    }
    const replica = opts.replicaOf;
    await this.time(`${h.name}: ${replica ? `pg_basebackup from ${replica.primary.host.name}` : "initdb"}`, async () => {
      await h.check(`mkdir -p ${shq(dataDir)} && chown postgres:postgres ${shq(dataDir)} && chmod 0700 ${shq(dataDir)}`, { via: "nsenter" });
      if (replica) {
        const p = replica.primary;
        await h.check(
          [`${PG_BIN}/pg_basebackup`, "-h", p.address, "-p", String(p.port), "-U", replica.user, "-D", dataDir, "-R", "-X", "stream", "-c", "fast", "--no-sync"].map(shq).join(" "),
          { via: "nsenter", user: "postgres", env: { PGPASSWORD: replica.password, PGCONNECT_TIMEOUT: "10" }, timeoutMs: 120_000 },
        );
        return;
      }
      await h.check(
        [`${PG_BIN}/initdb`, "-D", dataDir, "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "-A", "peer", "--no-sync", "--no-instructions"]
          .map(shq).join(" "),
        { via: "nsenter", user: "postgres", timeoutMs: 120_000 },
      );
    });
    const auth = opts.hostAuth ?? "scram-sha-256";
    const sources = ["127.0.0.0/8", ...(this.network ? [this.network.cidr] : [])];
    const hba = opts.hba ?? [
      "local   all          all                  peer",
      "local   replication  all                  peer",
      ...sources.flatMap((src) => [`host    all          all   ${src.padEnd(14)} ${auth}`, `host    replication  all   ${src.padEnd(14)} ${auth}`]),
    ];
    const settings: Record<string, string | number | boolean> = {
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
    if (readNs(pg.pid) !== h.mountNs) throw new Error(`[${h.name}] postgres is not in the host's mount namespace`);
    h.postgres = pg;
    return pg;
  }

  // ---- stop -------------------------------------------------------------------

  stop(): Promise<StopReport> {
    if (!this.stopping) this.stopping = this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<StopReport> {
    const t0 = now();
    const killed: number[] = [];
    const nsLeft: string[] = [];
    for (const h of this.hosts) {
      if (h.postgres) await this.time(`${h.name}: postgres stop`, () => (h.postgres as PostgresImpl).stop());
    }
    await this.time("stop sshd + sweep namespaces + holders", async () => {
      await Promise.all(this.hosts.map(async (h) => {
        if (h.sshd && h.sshd.exitCode === null && h.sshd.signalCode === null) {
          const done = new Promise<void>((r) => h.sshd!.once("exit", () => r()));
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
            if (rest.length === 0) break;
            rest.forEach((p) => signal(p, "SIGTERM"));
            rest = await waitGone(rest, 3_000);
            rest.forEach((p) => { signal(p, "SIGKILL"); killed.push(p); });
            await waitGone(rest, 5_000);
          }
          const left = h.pids().filter((p) => p !== h.holderPid);
          if (left.length > 0) nsLeft.push(`${h.name}: ${left.join(",")}`);
        }
        if (h.holder && h.holder.exitCode === null && h.holder.signalCode === null) {
          const done = new Promise<void>((r) => h.holder!.once("exit", () => r()));
          h.holder.stdin!.end(); // holder's `read` returns -> it exits
          const ok = await within(done, 3_000);
          if (!ok) { signal(h.holderPid, "SIGKILL"); killed.push(h.holderPid); await done; }
        }
      }));
    });
    const all = this.hosts.flatMap((h) => [...h.seenPids]);
    // After the holders are gone our namespaces are freed (their ids may be reused by
    // a concurrent run): identify leftovers by this run's unique host keys instead.
    const survivors = [...new Set([...all.filter(pidAlive).filter((p) => this.hosts.some((h) => h.hostPublicKey && processHostKey(p) === h.hostPublicKey)),
      ...this.hosts.flatMap((h) => (h.hostPublicKey ? processesOfHostKey(h.hostPublicKey) : []))])];
    // the veths went with their namespaces (no process holds them now); the bridge is ours to delete
    const linksLeft = this.network ? await this.time("remove network links", async () => removeNetwork(this.network!)) : [];
    let removedRoot = false;
    await this.time("remove temp dir", async () => {
      removedRoot = this.removeRoot();
    });
    this.stopped = true;
    liveSandboxes.delete(this);
    removeHandlersIfIdle();
    if (survivors.length > 0 || nsLeft.length > 0 || linksLeft.length > 0) {
      throw new Error(`sandbox stop: processes left: ${survivors.join(", ")}; in namespaces: ${nsLeft.join("; ")}; network links left: ${linksLeft.join("; ")}`);
    }
    return { pids: all.sort((a, b) => a - b), killed, removedRoot, ms: Math.round(now() - t0) };
  }

  private removeRoot(): boolean {
    if (!fs.existsSync(this.root)) return true;
    const mounts = mountsBelow(this.root);
    if (mounts.length > 0) throw new Error(`refusing to remove ${this.root}: mounts below it in our namespace: ${mounts.join(", ")}`);
    fs.rmSync(this.root, { recursive: true, force: true });
    return !fs.existsSync(this.root);
  }

  /** Synchronous best-effort cleanup for process exit / signals. */
  stopSync(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const h of this.hosts) {
      const pids = new Set<number>([...h.seenPids, ...(h.mountNs ? pidsInMountNs(h.mountNs) : [])]);
      for (const p of pids) if (h.mountNs && readNs(p) === h.mountNs) signal(p, "SIGKILL");
    }
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && this.hosts.some((h) => h.mountNs && pidsInMountNs(h.mountNs).length > 0)) {
      spawnSync("/bin/sleep", ["0.05"]);
    }
    try {
      if (this.network) removeNetwork(this.network);
      this.removeRoot();
    } catch (e) {
      console.error(`e2e harness emergency cleanup: ${String(e)}`);
    }
    liveSandboxes.delete(this);
  }
}

function sshBanner(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    let buf = "";
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1_000, () => done(false));
    sock.on("data", (b) => {
      buf += b.toString();
      if (buf.startsWith("SSH-")) done(true);
    });
    sock.on("error", () => done(false));
    sock.on("close", () => done(buf.startsWith("SSH-")));
  });
}

function portFree(host: string, port: number): Promise<boolean> {
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
export async function freePort(addresses: string[], start: number, tries = 200): Promise<number> {
  for (let port = start; port < start + tries; port++) {
    let ok = true;
    for (const a of addresses) {
      if (!(await portFree(a, port))) {
        ok = false;
        break;
      }
    }
    if (ok) return port;
  }
  throw new Error(`no free port in ${start}..${start + tries - 1} on ${addresses.join(", ")}`);
}

/**
 * Start the sandboxed hosts: temp dir, ssh keys, one namespace holder + sshd per
 * host.  On failure everything started so far is stopped and the temp dir removed.
 */
export async function startHosts(specs: HostSpec[], opts: StartOptions = {}): Promise<Sandbox> {
  const missing = missingPrerequisites();
  if (missing.length > 0) throw new Error(`e2e prerequisites missing: ${missing.join("; ")}`);
  const namespaces = opts.network === "namespaces";
  const names = new Set<string>();
  const addrs = new Set<string>();
  for (const s of specs) {
    if (!/^[a-z][a-z0-9-]*$/.test(s.name)) throw new Error(`bad host name ${s.name}`);
    if (namespaces) {
      if (s.address !== undefined) throw new Error(`${s.name}: with network "namespaces" the harness assigns the address; leave address out`);
    } else {
      if (s.address === undefined || !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(s.address)) throw new Error(`${s.name}: address ${s.address} is not in 127.0.0.0/8`);
      if (s.address === "127.0.0.1") throw new Error(`${s.name}: use a dedicated loopback address, not 127.0.0.1`);
      if (addrs.has(s.address)) throw new Error(`duplicate host address ${s.name} ${s.address}`);
      addrs.add(s.address);
    }
    if (names.has(s.name)) throw new Error(`duplicate host name ${s.name}`);
    names.add(s.name);
  }
  const parent = fs.realpathSync(opts.tmpParent ?? os.tmpdir());
  // leftovers of runs whose node process was SIGKILLed (owner PID dead)
  for (const d of cleanupStale(parent)) console.error(`e2e harness: removed stale sandbox ${d}`);
  for (const l of cleanupStaleLinks()) console.error(`e2e harness: removed stale network link ${l}`);
  const root = fs.mkdtempSync(path.join(parent, ROOT_PREFIX));
  const sb = new SandboxImpl(root, opts);
  liveSandboxes.add(sb);
  installHandlers();
  try {
    if (namespaces) sb.network = await sb.time("network: bridge", async () => claimNetwork(root));
    fs.writeFileSync(path.join(root, "owner.json"), JSON.stringify({ pid: process.pid, started: new Date().toISOString() }) + "\n");
    fs.mkdirSync(path.join(root, "hosts"), { mode: 0o700 });
    let defaultPort = typeof opts.sshPort === "number" ? opts.sshPort : 2222;
    // in its own network namespace a host's ports are its alone: "auto" is the real default, 22
    if (opts.sshPort === "auto") {
      defaultPort = namespaces ? 22 : await freePort(specs.filter((x) => x.sshPort === undefined).map((x) => x.address!), 20000 + Math.floor(Math.random() * 9000));
    }
    specs.forEach((s, i) => {
      const address = sb.network ? hostAddress(sb.network.prefix, i) : s.address!;
      sb.hosts.push(new HostImpl(sb, s.name, address, s.sshPort ?? defaultPort, path.join(root, "hosts", s.name)));
    });
    if (!namespaces) {
      await sb.time("check ports", async () => {
        for (const h of sb.hosts) {
          if (!(await portFree(h.address, h.sshPort))) throw new Error(`[${h.name}] ${h.address}:${h.sshPort} is already in use`);
        }
      });
    }
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
    for (const h of sb.hosts) sb.writeAliases(h);
    fs.writeFileSync(sb.knownHostsPath, sb.hosts.map((h) => h.knownHostsLine({ plain: false })).join("\n") + "\n", { mode: 0o600 });
    await sb.time("namespaces (unshare + mounts)", () => Promise.all(sb.hosts.map((h) => sb.startHolder(h))));
    const network = sb.network;
    if (network) {
      await sb.time("network: veth pairs", async () => sb.hosts.forEach((h, i) => attachHost(network, root, h.holderPid, i, h.address)));
    }
    await sb.time("sshd start", () => Promise.all(sb.hosts.map((h) => sb.startSshd(h))));
    fs.writeFileSync(
      path.join(root, "owner.json"),
      JSON.stringify({ pid: process.pid, root, hosts: sb.hosts.map((h) => ({ name: h.name, holderPid: h.holderPid, sshdPid: h.sshdPid, mountNs: h.mountNs })) }) + "\n",
    );
    return sb;
  } catch (e) {
    try {
      await sb.stop();
    } catch (e2) {
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
export function cleanupStale(tmpParent = os.tmpdir()): string[] {
  const removed: string[] = [];
  for (const e of fs.readdirSync(tmpParent)) {
    if (!e.startsWith(ROOT_PREFIX)) continue;
    const dir = path.join(tmpParent, e);
    let owner: { pid: number; hosts?: Array<{ name: string; mountNs: string }> };
    try {
      owner = JSON.parse(fs.readFileSync(path.join(dir, "owner.json"), "utf8"));
    } catch {
      continue;
    }
    if (pidAlive(owner.pid)) continue;
    for (const h of owner.hosts ?? []) {
      // Namespace ids are reused once a namespace is gone, so a recorded id may now
      // belong to a live sandbox of a concurrent run: only kill processes whose view
      // of /etc/ssh/cdktf-e2e/ holds *this* directory's (unique) host key.
      let key: string;
      try {
        key = fs.readFileSync(path.join(dir, "hosts", h.name, "etc.upper", "ssh", MARKER, "ssh_host_ed25519_key.pub"), "utf8");
      } catch {
        continue;
      }
      const pids = pidsInMountNs(h.mountNs).filter((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/root/etc/ssh/${MARKER}/ssh_host_ed25519_key.pub`, "utf8") === key;
        } catch {
          return false;
        }
      });
      pids.forEach((p) => signal(p, "SIGKILL"));
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline && pids.some(pidAlive)) spawnSync("/bin/sleep", ["0.05"]);
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
export function fingerprint(paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string): void => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      out.set(p, "absent");
      return;
    }
    let desc = `${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.size} ${Math.floor(st.mtimeMs)}`;
    if (st.isFile() && st.size <= 1 << 20) {
      try {
        desc += " " + crypto.createHash("sha256").update(fs.readFileSync(p)).digest("hex");
      } catch {
        desc += " unreadable";
      }
    } else if (st.isSymbolicLink()) {
      desc += " -> " + fs.readlinkSync(p);
    }
    out.set(p, desc);
    if (st.isDirectory()) {
      let entries: string[] = [];
      try {
        entries = fs.readdirSync(p);
      } catch {
        /* unreadable */
      }
      for (const e of entries.sort()) walk(path.join(p, e));
    }
  };
  for (const p of paths) walk(p);
  return out;
}

/** Differences between two fingerprints, as "path: before => after" lines. */
export function fingerprintDiff(a: Map<string, string>, b: Map<string, string>): string[] {
  const diff: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) diff.push(`${k}: ${v} => ${b.get(k) ?? "absent"}`);
  for (const [k, v] of b) if (!a.has(k)) diff.push(`${k}: absent => ${v}`);
  return diff;
}
