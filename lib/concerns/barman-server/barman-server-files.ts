import { SshUser } from '../../model/enums';
import { BarmanGraph, Instance } from '../../model/graph';
import { KeyClient } from '../../render/authorized-keys';
import { BARMAN_CONF_DIR, BARMAN_CONF_PATH, renderBarmanConf } from '../../render/barman-conf';
import { BARMAN_CRON_PATH, backupCronPath, renderBarmanCron } from '../../render/cron-entries';
import { GUARD_DIR, GUARD_SCRIPT_PATH, renderGuardScript } from '../../render/guard-script';
import { Concern, FileKind, HostFile, KeyRef } from '../../render/host-files';
import { KeyMaterial, privateKeyFileName } from '../../render/key-material';
import { LOGROTATE_PATH, renderLogrotate } from '../../render/logrotate';
import { serverConfPath } from '../../render/server-conf';
import { authorizedKeysFile, knownHostsFile, lines, publicKeyFile, walRestoreServer } from '../../render/ssh-files';
import { keyBody } from '../../render/ssh-lines';
import { DRILL_SCRIPT_PATH, drillCronPath, renderDrillScript } from '../restore-drill/restore-drill-script';
import { WAL_GATE_PATH, WalGrant, renderWalGate, walGrant } from '../../render/wal-gate';

/** Where a Barman server remembers which per-instance files it manages, to remove stale ones. */
export function managedListPath(clusterName: string): string {
  return `/usr/local/lib/cdktf-barman/${clusterName}.managed`;
}

/**
 * A Barman server's own files: /etc/barman.conf, the guard script, the WAL gate, /etc/cron.d/barman,
 * barman_home, the log file and its rotation, the barman user's keys, authorized_keys and
 * known_hosts, and the list of per-instance files it manages (each backup edge's own files are
 * the backup edge's).
 */
export function barmanServerFiles(graph: BarmanGraph, s: Instance, keys: KeyMaterial): HostFile[] {
  const st = s.settings;
  const root = { owner: 'root', group: 'root', concern: Concern.BARMAN_SERVER };
  const barman = { owner: st.barmanUser, group: st.barmanGroup, concern: Concern.BARMAN_SERVER };
  const edges = graph.edgesOnServer(s);
  const sshDir = `${st.barmanHome}/.ssh`;
  // a shared server's server-wide files are its owner's (another cluster): only this cluster's lines
  const files: HostFile[] = st.barmanShared ? [] : serverWideFiles(graph, s, keys);
  files.push(
    // postgres on the backed-up instances reaches barman here (barman-wal-archive, barman-wal-restore),
    // and so do the replicas whose restore_command fetches WAL from this server
    authorizedKeysFile(`${sshDir}/authorized_keys`, barman, walClients(graph, s, keys), s.settings.sshRestrict, graph.clusterName, keys),
    knownHostsFile(`${sshDir}/known_hosts`, barman, edges.map((e) => e.instance), graph.clusterName, keys),
  );
  // per instance: its Barman section, its cron file and its block of ~barman/.pgpass; and the
  // owner's claim on the server-wide files, which a second owner (or a sharer without one) meets
  const managed = edges.flatMap((e) => [serverConfPath(e), backupCronPath(e), ...(e.instance.settings.drillSchedule === undefined ? [] : [drillCronPath(e)]), `pgpass:${e.backupName}`]);
  if (!st.barmanShared) managed.push(OWNS_SERVER);
  files.push({ ...root, path: managedListPath(graph.clusterName), mode: '0644', kind: FileKind.MANAGED_LIST, content: lines(managed) });
  return files;
}

/** The line of a cluster's managed list saying it owns the server-wide files of that Barman server. */
export const OWNS_SERVER = 'owns:/etc/barman.conf';

/**
 * What one owner writes for the whole Barman server: barman.conf, barman.d, the guard, the WAL
 * gate, /etc/cron.d/barman, barman_home, the log and its rotation, the barman user's key pair.
 */
function serverWideFiles(graph: BarmanGraph, s: Instance, keys: KeyMaterial): HostFile[] {
  const st = s.settings;
  const root = { owner: 'root', group: 'root', concern: Concern.BARMAN_SERVER };
  const barman = { owner: st.barmanUser, group: st.barmanGroup, concern: Concern.BARMAN_SERVER };
  const sshDir = `${st.barmanHome}/.ssh`;
  const files: HostFile[] = [
    { ...root, path: BARMAN_CONF_PATH, mode: '0644', kind: FileKind.FILE, content: renderBarmanConf(s) },
    { ...root, path: BARMAN_CONF_DIR, mode: '0755', kind: FileKind.DIRECTORY },
    { ...root, path: GUARD_DIR, mode: '0755', kind: FileKind.DIRECTORY },
    { ...root, path: GUARD_SCRIPT_PATH, mode: '0755', kind: FileKind.FILE, content: renderGuardScript(s) },
    // proves backups restore: `cdktf-barman drill` runs it (restore-drill.sh)
    { ...root, path: DRILL_SCRIPT_PATH, mode: '0755', kind: FileKind.FILE, content: renderDrillScript(s) },
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
  );
  return files;
}

/** The replicas whose restore_command fetches WAL from this Barman server. */
function walRestoreClientsOf(graph: BarmanGraph, s: Instance): Instance[] {
  return graph.postgresInstances.filter((p) => walRestoreServer(graph, p) === s);
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
