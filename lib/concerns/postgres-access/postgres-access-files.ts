import { SshUser } from '../../model/enums';
import { BarmanGraph, Instance } from '../../model/graph';
import { KeyClient } from '../../render/authorized-keys';
import { Concern, FileKind, HostFile, KeyRef } from '../../render/host-files';
import { KeyMaterial, privateKeyFileName } from '../../render/key-material';
import { authorizedKeysFile, knownHostsFile, publicKeyFile, walRestoreServer } from '../../render/ssh-files';
import { keyBody } from '../../render/ssh-lines';

/** A Postgres instance's ssh files: the postgres user's keys, authorized_keys and known_hosts. */
export function postgresAccessFiles(graph: BarmanGraph, p: Instance, keys: KeyMaterial): HostFile[] {
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
  ];
}

/** The barman keys a Postgres instance lets in: every Barman server's (backups, and restores to replicas). */
function barmanClients(graph: BarmanGraph, keys: KeyMaterial): KeyClient<KeyRef>[] {
  return graph.barmanServers.map((s) => ({
    ref: { user: SshUser.BARMAN, host: s, comment: `${s.settings.barmanUser}@${graph.clusterName}` },
    key: keyBody(keys.publicKey(SshUser.BARMAN, s)),
    addresses: s.clientAddresses,
  }));
}
