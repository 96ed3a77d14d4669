import { SshUser } from '../model/enums';
import { BackupEdge, BarmanGraph, Instance } from '../model/graph';
import { BARMAN_CONF_DIR, BARMAN_CONF_PATH, renderBarmanConf } from './barman-conf';
import { BARMAN_CRON_PATH, backupCronPath, renderBackupCron, renderBarmanCron } from './cron-entries';
import { GUARD_DIR, GUARD_SCRIPT_PATH, renderGuardScript } from './guard-script';
import { KeyMaterial, privateKeyFileName } from './key-material';
import { LOGROTATE_PATH, renderLogrotate } from './logrotate';
import { renderServerConf, serverConfPath } from './server-conf';
import { authorizedKeyLine, keyBody, knownHostsLine } from './ssh-lines';
import { KeyClient, keyLines } from './authorized-keys';
import { WAL_GATE_PATH, WalGrant, renderWalGate, walGrant } from './wal-gate';
import { hbaBlockMarkers, hbaPath, renderHbaBlock } from './pg-hba';
import { PASSWORD_PLACEHOLDERS, pgpassBlockMarkers, pgpassPath, renderPgpassBlock } from './pgpass';

export enum FileKind {
  DIRECTORY = 'directory',
  /** whole file, owned by the library */
  FILE = 'file',
  /** whole file holding a private key: content never in triggers, plans or logs */
  PRIVATE_KEY = 'private-key',
  /** shared file (authorized_keys, known_hosts): only the marked lines are the library's */
  MANAGED_LINES = 'managed-lines',
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
 * (shell/files.sh) follows: "KIND OWNER:GROUP MODE PATH", with the shared-file kinds named for
 * what they hold (public-key, authorized-keys, known-hosts).
 */
export function layoutLine(f: HostFile): string {
  const kind = f.publicKey ? 'public-key' : f.authorizedKeys ? 'authorized-keys' : f.knownHosts ? 'known-hosts' : f.kind;
  return `${kind} ${f.owner}:${f.group} ${f.mode} ${f.path}\n`;
}

/** The `layout` trigger of a resource writing these files. */
export function fileLayout(files: readonly HostFile[]): string {
  return files.map(layoutLine).join('');
}

/** Where a Barman server remembers which per-instance files it manages, to remove stale ones. */
export function managedListPath(clusterName: string): string {
  return `/usr/local/lib/cdktf-barman/${clusterName}.managed`;
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
  readonly blockMarkers?: { readonly begin: string; readonly end: string };
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

const uniq = (xs: string[]): string[] => [...new Set(xs)];
const lines = (xs: string[]): string => xs.map((x) => `${x}\n`).join('');

/** Every file the library puts on every host, in a stable order. */
export function renderHosts(graph: BarmanGraph, keys: KeyMaterial): HostPlan[] {
  return graph.instances
    .map((i) => ({ instance: i, files: [...(i.isBarmanServer ? barmanServerFiles(graph, i, keys) : []), ...(i.isPostgres ? postgresFiles(graph, i, keys) : [])] }))
    .filter((p) => p.files.length > 0);
}

function barmanServerFiles(graph: BarmanGraph, s: Instance, keys: KeyMaterial): HostFile[] {
  const st = s.settings;
  const root = { owner: 'root', group: 'root', concern: Concern.BARMAN_SERVER };
  const barman = { owner: st.barmanUser, group: st.barmanGroup, concern: Concern.BARMAN_SERVER };
  const edges = graph.edgesOnServer(s);
  const sshDir = `${st.barmanHome}/.ssh`;
  const files: HostFile[] = [
    { ...root, path: BARMAN_CONF_PATH, mode: '0644', kind: FileKind.FILE, content: renderBarmanConf(s) },
    { ...root, path: BARMAN_CONF_DIR, mode: '0755', kind: FileKind.DIRECTORY },
    { ...root, path: GUARD_DIR, mode: '0755', kind: FileKind.DIRECTORY },
    { ...root, path: GUARD_SCRIPT_PATH, mode: '0755', kind: FileKind.FILE, content: renderGuardScript(s) },
    // the forced command of the postgres keys in authorized_keys, written whether or not they use it
    { ...root, path: WAL_GATE_PATH, mode: '0755', kind: FileKind.FILE, content: renderWalGate() },
    { ...root, path: BARMAN_CRON_PATH, mode: '0644', kind: FileKind.FILE, content: renderBarmanCron(s) },
    { ...barman, path: st.barmanHome, mode: '0750', kind: FileKind.DIRECTORY },
    { ...barman, path: st.logFile, mode: '0640', kind: FileKind.LOG_FILE },
  ];
  const rotate = renderLogrotate(s);
  if (rotate !== undefined) files.push({ ...root, path: LOGROTATE_PATH, mode: '0644', kind: FileKind.FILE, content: rotate });
  const keyFile = `${sshDir}/${privateKeyFileName(keys.algorithm)}`;
  files.push(
    { ...barman, path: sshDir, mode: '0700', kind: FileKind.DIRECTORY },
    { ...barman, path: keyFile, mode: '0600', kind: FileKind.PRIVATE_KEY, content: keys.privateKey(SshUser.BARMAN, s) },
    publicKeyFile(`${keyFile}.pub`, barman, { user: SshUser.BARMAN, host: s, comment: `${st.barmanUser}@${graph.clusterName}` }, keys),
    // postgres on the backed-up instances reaches barman here (barman-wal-archive, barman-wal-restore),
    // and so do the replicas whose restore_command fetches WAL from this server
    authorizedKeysFile(`${sshDir}/authorized_keys`, barman, walClients(graph, s, keys), s.settings.sshRestrict, graph.clusterName, keys),
    knownHostsFile(`${sshDir}/known_hosts`, barman, edges.map((e) => e.instance), graph.clusterName, keys),
  );
  // per instance: its Barman section, its cron file and its block of ~barman/.pgpass
  const managed = edges.flatMap((e) => [serverConfPath(e), backupCronPath(e), `pgpass:${e.backupName}`]);
  files.push({ ...root, path: managedListPath(graph.clusterName), mode: '0644', kind: FileKind.MANAGED_LIST, content: lines(managed) });
  for (const e of edges) {
    const markers = pgpassBlockMarkers(graph.clusterName, e.backupName);
    files.push(
      { owner: st.barmanUser, group: st.barmanGroup, path: serverConfPath(e), mode: '0600', kind: FileKind.FILE, content: renderServerConf(e), concern: Concern.BACKUP_EDGE, edge: e },
      { owner: 'root', group: 'root', path: backupCronPath(e), mode: '0644', kind: FileKind.FILE, content: renderBackupCron(e), concern: Concern.BACKUP_EDGE, edge: e },
      {
        owner: st.barmanUser,
        group: st.barmanGroup,
        path: pgpassPath(s),
        mode: '0600',
        kind: FileKind.PASSWORD_BLOCK,
        content: `${markers.begin}\n${renderPgpassBlock(e, PASSWORD_PLACEHOLDERS)}${markers.end}\n`,
        concern: Concern.BACKUP_EDGE,
        edge: e,
        blockMarkers: markers,
      },
    );
  }
  return files;
}

function postgresFiles(graph: BarmanGraph, p: Instance, keys: KeyMaterial): HostFile[] {
  const st = p.settings;
  const pg = { owner: st.postgresUser, group: st.postgresGroup, concern: Concern.POSTGRES_ACCESS };
  const sshDir = `${st.postgresHome}/.ssh`;
  const keyFile = `${sshDir}/${privateKeyFileName(keys.algorithm)}`;
  // its Barman servers, and the one its restore_command (barman-wal-restore) ssh-es to
  const restoreFrom = walRestoreServer(graph, p);
  const servers = [...graph.edgesOfInstance(p).map((e) => e.server), ...(restoreFrom ? [restoreFrom] : [])];
  return [
    { ...pg, path: sshDir, mode: '0700', kind: FileKind.DIRECTORY },
    { ...pg, path: keyFile, mode: '0600', kind: FileKind.PRIVATE_KEY, content: keys.privateKey(SshUser.POSTGRES, p) },
    publicKeyFile(`${keyFile}.pub`, pg, { user: SshUser.POSTGRES, host: p, comment: `${st.postgresUser}@${graph.clusterName}` }, keys),
    // every Barman server may reach every Postgres instance: backups, and restores to replicas
    authorizedKeysFile(`${sshDir}/authorized_keys`, pg, barmanClients(graph, keys), st.sshRestrict, graph.clusterName, keys),
    knownHostsFile(`${sshDir}/known_hosts`, pg, servers, graph.clusterName, keys),
    {
      owner: st.postgresUser,
      group: st.postgresGroup,
      path: hbaPath(p),
      mode: '0640',
      kind: FileKind.MANAGED_BLOCK,
      content: renderHbaBlock(graph, p),
      concern: Concern.POSTGRES_CONFIG,
      blockMarkers: hbaBlockMarkers(graph.clusterName),
    },
  ];
}

/** The Barman server a replica's restore_command fetches WAL from (barman_wal_restore), if any. */
function walRestoreServer(graph: BarmanGraph, p: Instance): Instance | undefined {
  return p.settings.walRestore && p.upstream !== undefined ? graph.walRestoreEdge(p)?.server : undefined;
}

/** The replicas whose restore_command fetches WAL from this Barman server. */
function walRestoreClientsOf(graph: BarmanGraph, s: Instance): Instance[] {
  return graph.postgresInstances.filter((p) => walRestoreServer(graph, p) === s);
}

type Ownership = Pick<HostFile, 'owner' | 'group' | 'concern'>;

function publicKeyFile(path: string, who: Ownership, ref: KeyRef, keys: KeyMaterial): HostFile {
  return { ...who, path, mode: '0644', kind: FileKind.FILE, content: `${keyBody(keys.publicKey(ref.user, ref.host))} ${ref.comment}\n`, publicKey: ref };
}

function authorizedKeysFile(path: string, who: Ownership, clients: KeyClient<KeyRef>[], restrict: boolean, clusterName: string, keys: KeyMaterial): HostFile {
  const byLine = new Map<string, AuthorizedKey>();
  for (const { ref, options } of keyLines(clients, restrict)) {
    const line = authorizedKeyLine(keys.publicKey(ref.user, ref.host), ref.comment, clusterName, options);
    if (!byLine.has(line)) byLine.set(line, { ...ref, options });
  }
  return { ...who, path, mode: '0600', kind: FileKind.MANAGED_LINES, content: lines([...byLine.keys()]), authorizedKeys: [...byLine.values()] };
}

/**
 * The postgres keys a Barman server lets in, and what for: the instances backed up here archive
 * and fetch their own WAL; a replica whose restore_command points here only fetches its tree's.
 */
function walClients(graph: BarmanGraph, s: Instance, keys: KeyMaterial): KeyClient<KeyRef>[] {
  const grants = new Map<Instance, string[]>();
  const grant = (i: Instance, g: string): void => {
    const list = grants.get(i) ?? [];
    if (!list.includes(g)) list.push(g);
    grants.set(i, list);
  };
  for (const e of graph.edgesOnServer(s)) {
    grant(e.instance, walGrant(WalGrant.PUT_WAL, e.backupName));
    grant(e.instance, walGrant(WalGrant.GET_WAL, e.backupName));
  }
  for (const p of walRestoreClientsOf(graph, s)) grant(p, walGrant(WalGrant.GET_WAL, graph.walRestoreEdge(p)!.backupName));
  return [...grants].map(([i, g]) => ({
    ref: { user: SshUser.POSTGRES, host: i, comment: `${i.settings.postgresUser}@${graph.clusterName}` },
    key: keyBody(keys.publicKey(SshUser.POSTGRES, i)),
    addresses: i.clientAddresses,
    grants: g,
  }));
}

/** The barman keys a Postgres instance lets in: every Barman server's (backups, and restores to replicas). */
function barmanClients(graph: BarmanGraph, keys: KeyMaterial): KeyClient<KeyRef>[] {
  return graph.barmanServers.map((s) => ({
    ref: { user: SshUser.BARMAN, host: s, comment: `${s.settings.barmanUser}@${graph.clusterName}` },
    key: keyBody(keys.publicKey(SshUser.BARMAN, s)),
    addresses: s.clientAddresses,
  }));
}

function knownHostsFile(path: string, who: Ownership, hosts: Instance[], clusterName: string, keys: KeyMaterial): HostFile {
  const unique = [...new Set(hosts)];
  const content = lines(uniq(unique.flatMap((h) => keys.hostKeys(h).map((k) => knownHostsLine(h.address, h.settings.sshPort, k, clusterName)))));
  return { ...who, path, mode: '0644', kind: FileKind.MANAGED_LINES, content, knownHosts: unique };
}
