export interface HostSpec {
    /** Hostname inside the sandbox (also added to every host's /etc/hosts). */
    name: string;
    /** Loopback address, e.g. 127.0.0.11.  Must be in 127.0.0.0/8 and distinct. */
    address: string;
    /** sshd port on that address (default StartOptions.sshPort). */
    sshPort?: number;
}
export interface StartOptions {
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
    knownHostsLine(opts?: {
        plain?: boolean;
    }): string;
    run(cmd: string, opts?: RunOptions): Promise<RunResult>;
    /** Like run() but throws (with stdout/stderr) unless exit code 0; returns stdout. */
    check(cmd: string, opts?: RunOptions): Promise<string>;
    readFile(p: string): Promise<string>;
    readFileBuffer(p: string): Promise<Buffer>;
    exists(p: string): Promise<boolean>;
    stat(p: string): Promise<StatResult>;
    /** Write a file inside the host (nsenter), creating parent dirs as root; sets owner/mode. */
    writeFile(p: string, content: string | Buffer, opts?: {
        owner?: string;
        group?: string;
        mode?: number;
    }): Promise<void>;
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
    replicaOf?: {
        primary: PostgresInstance;
        user: string;
        password: string;
    };
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
    psql(sql: string, opts?: {
        db?: string;
    }): Promise<string>;
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
    readonly clientKey: {
        privateKeyPath: string;
        publicKeyPath: string;
        privateKey: string;
        publicKey: string;
    };
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
/** the machine's PostgreSQL (test/support/postgres.ts): the highest major installed */
export declare const PG_MAJOR: number;
export declare const PG_BIN: string;
/** Returns a list of missing prerequisites (empty when all is well). */
export declare function missingPrerequisites(): string[];
/**
 * For node:test's `skip` option (test/support/requirements.ts): false when all prerequisites are
 * there, else the reason; under CI a failing test is added next to it.
 *   test("e2e", { skip: e2eSkipReason() }, async () => { ... })
 */
export declare function e2eSkipReason(): string | false;
/** Quote for POSIX sh. */
export declare function shq(s: string): string;
/** True if the process exists and is not a zombie. */
export declare function pidAlive(pid: number): boolean;
/** All PIDs whose mount namespace is `ns`. */
export declare function pidsInMountNs(ns: string): number[];
/**
 * Live PIDs (outside our own mount namespace) whose /etc/ssh/cdktf-e2e/ holds this
 * host key, i.e. processes of that sandboxed host, independent of namespace ids.
 */
export declare function processesOfHostKey(hostPublicKey: string): number[];
/**
 * First port >= `start` that is free on every address (so that concurrent runs,
 * e.g. two `npm test` at once, do not collide).  Small race: check, then bind later.
 */
export declare function freePort(addresses: string[], start: number, tries?: number): Promise<number>;
/**
 * Start the sandboxed hosts: temp dir, ssh keys, one namespace holder + sshd per
 * host.  On failure everything started so far is stopped and the temp dir removed.
 */
export declare function startHosts(specs: HostSpec[], opts?: StartOptions): Promise<Sandbox>;
/**
 * Remove leftovers of crashed runs (node killed with SIGKILL): for every
 * <tmp>/cdktf-barman-e2e-* whose owner process is dead, SIGKILL the processes still
 * in the recorded mount namespaces (verified via the recorded holder/sshd PIDs'
 * cmdline marker), then remove the directory.  Returns the directories removed.
 */
export declare function cleanupStale(tmpParent?: string): string[];
/**
 * Listing of the given paths of the *real* machine (run it in the harness's own
 * namespace): path, type, mode, owner, size, mtime and, for regular files up to
 * 1 MiB, a sha256.  Compare the result before and after a run.
 */
export declare function fingerprint(paths: string[]): Map<string, string>;
/** Differences between two fingerprints, as "path: before => after" lines. */
export declare function fingerprintDiff(a: Map<string, string>, b: Map<string, string>): string[];
