import type { SandboxHost } from './harness/hosts';
import { KeyAlgorithm, SshUser } from '../../lib/model/enums';
import { BarmanGraph, Instance } from '../../lib/model/graph';
import { HostPlan } from '../../lib/render/host-files';
import { KeyMaterial } from '../../lib/render/key-material';
/** Where the harness's PostgreSQL clusters live (inside path): config.yml's postgres_conf_dir. */
export declare const PG_DATA = "/srv/postgresql/data";
/** The private trees of a host that an apply may touch (inside paths). */
export declare const WATCHED_ROOTS: string[];
/** path -> what it is: "type mode owner:group" plus, for files, size and sha256 (or mtime where not hashed) */
export interface Snapshot {
    readonly entries: Map<string, string>;
    /** path -> mtime of files: a file rewritten with the same content shows here only */
    readonly mtimes: Map<string, string>;
}
/**
 * Lists every entry below the roots, as the host itself sees them (overlay merged). Files are
 * compared by content (sha256) where the host has its own copy: the overlay's upper layer of /etc
 * and /usr/local (a file not there is the machine's, unchanged) and the per-host directories;
 * except Barman's data under barman_home/<server>/ (backups, WAL: large and Barman's own), which
 * is compared by size and mtime.
 */
export declare function snapshotHost(h: SandboxHost, roots?: readonly string[]): Promise<Snapshot>;
export interface SnapshotDiff {
    readonly added: string[];
    readonly removed: string[];
    /** content, mode or owner changed */
    readonly changed: string[];
    /** same content, mode and owner, but written again (new mtime) */
    readonly rewritten: string[];
}
export declare function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff;
export declare function allPaths(d: SnapshotDiff): string[];
/**
 * Changes that are not the library's: login records and daemon logs that every ssh login or the
 * test's PostgreSQL write, and Terraform's own uploads of the remote-exec scripts. Anything else
 * that changes must be an expected path.
 */
export declare function isHarnessNoise(p: string): boolean;
/**
 * Where Terraform's remote-exec uploads the provisioners' scripts: its default /tmp/terraform_N.sh,
 * and the library's script_path for the ones that carry a private key. After running one,
 * Terraform uploads an empty file to the same path ("to prevent residual script contents"), so an
 * empty file stays there even when the script removed itself.
 */
export declare function isTerraformUpload(p: string): boolean;
/** Barman's own files under barman_home once it runs: per-server directories and lock files. */
export declare function isBarmanRuntime(p: string, barmanHome: string, serverNames: readonly string[]): boolean;
/** Key material of the applied stack, so that the renderers produce exactly what should be on the hosts. */
export declare class AppliedKeys implements KeyMaterial {
    private readonly pairs;
    /** sshd host keys as the hosts really have them ("ssh-ed25519 AAAA...") */
    private readonly hostKeysByName;
    readonly algorithm = KeyAlgorithm.ED25519;
    constructor(pairs: Record<SshUser, {
        publicKey: string;
        privateKey: string;
    }>, 
    /** sshd host keys as the hosts really have them ("ssh-ed25519 AAAA...") */
    hostKeysByName: ReadonlyMap<string, string[]>);
    publicKey(user: SshUser): string;
    privateKey(user: SshUser): string;
    hostKeys(host: Instance): string[];
}
/** The render manifest for the graph with the real keys: per host name, its files. */
export declare function expectedFiles(graph: BarmanGraph, keys: KeyMaterial): Map<string, HostPlan>;
/**
 * The library's records of what it wrote (drift detection), with their directories: one per whole
 * file of the manifest (public key files excepted: their content comes at apply time).
 */
export declare function writtenRecordPaths(plan: HostPlan | undefined): string[];
/** Paths a file of the manifest implies (the file and nothing more). */
export declare function manifestPaths(plan: HostPlan | undefined): string[];
export declare function splitLines(text: string): string[];
/** Lines of a shared file that end with the cluster's marker, and the others. */
export declare function managedAndForeign(text: string, marker: string): {
    managed: string[];
    foreign: string[];
};
/** Outside path of the sshd log of a host (the harness writes it). */
export declare function sshdLogPath(h: SandboxHost): string;
/** Number of root logins sshd accepted so far (Terraform's connections and the harness's own ssh runs). */
export declare function acceptedRootLogins(h: SandboxHost): number;
/** Every `.cdktf-barman.*` temp file (the scripts' half-written files) below the host's private trees. */
export declare function findTempFiles(h: SandboxHost): Promise<string[]>;
/**
 * The library's marked blocks in a shared file (pg_hba.conf, .pgpass), found as its scripts find
 * them: from a line equal to `begin` (or starting with `begin` and a space) to a line equal to
 * `end`. Returns each block's lines by its begin marker, how often each occurs, and every line
 * outside all of them.
 */
export declare function splitBlocks(text: string, markers: ReadonlyArray<{
    begin: string;
    end: string;
}>): {
    blocks: Map<string, string[]>;
    counts: Map<string, number>;
    outside: string[];
};
/** The fields of a .pgpass line, split at unescaped ':' and unescaped (libpq's rules). */
export declare function pgpassFields(line: string): string[];
