/**
 * What the library puts on a host, shared by every concern (lib/concerns/*): one HostFile per path
 * (or per block of a shared file), a discriminated union on `kind`, and its line in a resource's
 * `layout` trigger. Each concern renders its own files; renderHosts is their union.
 */
import { SshUser } from '../model/enums';
import { BackupEdge, Instance } from '../model/graph';

/** What a file is, and so how the host step writes it; the `kind` of its layout line. */
export enum FileKind {
  DIRECTORY = 'directory',
  /** whole file, owned by the library */
  FILE = 'file',
  /** a .pub file: whole file, its key known only at apply time in Terraform */
  PUBLIC_KEY = 'public-key',
  /** whole file holding a private key: content never in triggers, plans or logs */
  PRIVATE_KEY = 'private-key',
  /** shared authorized_keys: only the marked lines are the library's */
  AUTHORIZED_KEYS = 'authorized-keys',
  /** shared known_hosts: only the marked lines are the library's */
  KNOWN_HOSTS = 'known-hosts',
  /** must exist with owner and mode; its content is Barman's */
  LOG_FILE = 'log-file',
  /** shared file (pg_hba.conf): only the block between the library's markers is its own */
  MANAGED_BLOCK = 'managed-block',
  /** the library's block of ~barman/.pgpass: holds passwords, so never in triggers (placeholders here) */
  PASSWORD_BLOCK = 'password-block',
  /** the list of per-instance files a Barman server manages; written after stale ones are removed */
  MANAGED_LIST = 'managed-list',
}

/**
 * A file's line in its resource's `layout` trigger, which the plan shows and the host step
 * (shell/files.sh) follows: "KIND OWNER:GROUP MODE PATH".
 */
export function layoutLine(f: HostFile): string {
  return `${f.kind} ${f.owner}:${f.group} ${f.mode} ${f.path}\n`;
}

/** The `layout` trigger of a resource writing these files. */
export function fileLayout(files: readonly HostFile[]): string {
  return files.map(layoutLine).join('');
}

/** Which provisioner resource a file belongs to. */
export enum Concern {
  /** a Barman server's own configuration and keys */
  BARMAN_SERVER = 'barman-server',
  /** one backed-up instance on one Barman server */
  BACKUP_EDGE = 'backup-edge',
  /** a Postgres instance's keys and authorized_keys */
  POSTGRES_ACCESS = 'postgres-access',
  /** a Postgres instance's pg_hba.conf block and WAL commands */
  POSTGRES_CONFIG = 'postgres-config',
}

/**
 * One file the library puts on a host (or one block of a shared file): where it goes, who owns
 * it, which resource writes it, and what its `kind` gives it; switch on `kind` for the rest.
 * Written out in full (no named parts) so that the public API names no internal type.
 */
export type HostFile = {
  readonly path: string;
  readonly owner: string;
  readonly group: string;
  /** octal, four digits */
  readonly mode: string;
  /** the resource that writes it */
  readonly concern: Concern;
  /** for Concern.BACKUP_EDGE: the backed-up instance on its Barman server */
  readonly edge?: BackupEdge;
} & (
  | { readonly kind: FileKind.DIRECTORY; readonly content?: undefined }
  /** must exist with owner and mode; its content is Barman's */
  | { readonly kind: FileKind.LOG_FILE; readonly content?: undefined }
  /** a whole file, owned by the library */
  | { readonly kind: FileKind.FILE; readonly content: string }
  /** its content (an expression, or a placeholder) is never in triggers, plans or logs */
  | { readonly kind: FileKind.PRIVATE_KEY; readonly content: string }
  /** whose public key it holds (known only at apply time in Terraform) */
  | { readonly kind: FileKind.PUBLIC_KEY; readonly content: string; readonly publicKey: KeyRef }
  /** the managed lines only, and the keys they authorize with their options */
  | { readonly kind: FileKind.AUTHORIZED_KEYS; readonly content: string; readonly authorizedKeys: readonly AuthorizedKey[] }
  /** the managed lines only, and the hosts whose sshd keys they list */
  | { readonly kind: FileKind.KNOWN_HOSTS; readonly content: string; readonly knownHosts: readonly Instance[] }
  /** pg_hba.conf: the block, markers included, and the lines that open and close it */
  | { readonly kind: FileKind.MANAGED_BLOCK; readonly content: string; readonly blockMarkers: { readonly begin: string; readonly end: string } }
  /** one instance's block of ~barman/.pgpass, passwords as placeholders, and its markers */
  | { readonly kind: FileKind.PASSWORD_BLOCK; readonly content: string; readonly blockMarkers: { readonly begin: string; readonly end: string } }
  /** one path (or `pgpass:<backup_name>`) a line */
  | { readonly kind: FileKind.MANAGED_LIST; readonly content: string }
);

/** The HostFile of one kind. */
export type HostFileOf<K extends FileKind> = Extract<HostFile, { readonly kind: K }>;
export type WholeFile = HostFileOf<FileKind.FILE>;
export type PrivateKeyFile = HostFileOf<FileKind.PRIVATE_KEY>;
export type PublicKeyFile = HostFileOf<FileKind.PUBLIC_KEY>;
export type AuthorizedKeysFile = HostFileOf<FileKind.AUTHORIZED_KEYS>;
export type KnownHostsFile = HostFileOf<FileKind.KNOWN_HOSTS>;
export type ManagedBlockFile = HostFileOf<FileKind.MANAGED_BLOCK>;
export type PasswordBlockFile = HostFileOf<FileKind.PASSWORD_BLOCK>;
export type ManagedListFile = HostFileOf<FileKind.MANAGED_LIST>;
/** A marked block of a shared file. */
export type BlockFile = ManagedBlockFile | PasswordBlockFile;
/** who owns a file and which resource writes it */
export type Ownership = Pick<HostFile, 'owner' | 'group' | 'concern'>;

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

/** Every file of one host, in the order the concerns render them. */
export interface HostPlan {
  readonly instance: Instance;
  readonly files: readonly HostFile[];
}
