import { SshUser } from '../model/enums';
import { BackupEdge, BarmanGraph, Instance } from '../model/graph';
import { KeyMaterial } from './key-material';
export declare enum FileKind {
    DIRECTORY = "directory",
    /** whole file, owned by the library */
    FILE = "file",
    /** whole file holding a private key: content never in triggers, plans or logs */
    PRIVATE_KEY = "private-key",
    /** shared file (authorized_keys, known_hosts): only the marked lines are the library's */
    MANAGED_LINES = "managed-lines",
    /** must exist with owner and mode; its content is Barman's */
    LOG_FILE = "log-file",
    /** shared file (pg_hba.conf): only the block between the library's markers is its own */
    MANAGED_BLOCK = "managed-block",
    /** the library's block of ~barman/.pgpass: holds passwords, so never in triggers (placeholders here) */
    PASSWORD_BLOCK = "password-block",
    /** the list of per-instance files a Barman server manages; written after stale ones are removed */
    MANAGED_LIST = "managed-list"
}
/**
 * A file's line in its resource's `layout` trigger, which the plan shows and the host step
 * (shell/files.sh) follows: "KIND OWNER:GROUP MODE PATH", with the shared-file kinds named for
 * what they hold (public-key, authorized-keys, known-hosts).
 */
export declare function layoutLine(f: HostFile): string;
/** The `layout` trigger of a resource writing these files. */
export declare function fileLayout(files: readonly HostFile[]): string;
/** Where a Barman server remembers which per-instance files it manages, to remove stale ones. */
export declare function managedListPath(clusterName: string): string;
/** Which provisioner resource a file belongs to. */
export declare enum Concern {
    /** a Barman server's own configuration and keys */
    BARMAN_SERVER = "barman-server",
    /** one backed-up instance on one Barman server */
    BACKUP_EDGE = "backup-edge",
    /** a Postgres instance's keys and authorized_keys */
    POSTGRES_ACCESS = "postgres-access",
    /** a Postgres instance's pg_hba.conf block and WAL commands */
    POSTGRES_CONFIG = "postgres-config"
}
export interface HostFile {
    readonly path: string;
    readonly owner: string;
    readonly group: string;
    /** octal, four digits */
    readonly mode: string;
    readonly kind: FileKind;
    /** the file, or for MANAGED_LINES the managed lines only; none for DIRECTORY and LOG_FILE */
    readonly content?: string;
    readonly concern: Concern;
    readonly edge?: BackupEdge;
    /** a .pub file: whose public key it holds (known only at apply time in Terraform) */
    readonly publicKey?: KeyRef;
    /** authorized_keys: the keys it authorizes, with their options */
    readonly authorizedKeys?: readonly AuthorizedKey[];
    /** known_hosts: the hosts whose sshd keys it lists */
    readonly knownHosts?: readonly Instance[];
    /** MANAGED_BLOCK and PASSWORD_BLOCK: the lines that open and close the library's block */
    readonly blockMarkers?: {
        readonly begin: string;
        readonly end: string;
    };
}
/** The key pair of `user` installed on `host`, and the comment its lines carry. */
export interface KeyRef {
    readonly user: SshUser;
    readonly host: Instance;
    /** `user@cluster` */
    readonly comment: string;
}
/** One line of authorized_keys: a key and what it may do from where. */
export interface AuthorizedKey extends KeyRef {
    /** `restrict,from="…",command="…"`; undefined: unrestricted (barman_ssh_restrict false) */
    readonly options?: string;
}
export interface HostPlan {
    readonly instance: Instance;
    readonly files: readonly HostFile[];
}
/** Every file the library puts on every host, in a stable order. */
export declare function renderHosts(graph: BarmanGraph, keys: KeyMaterial): HostPlan[];
