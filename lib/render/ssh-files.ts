import { BarmanGraph, Instance } from '../model/graph';
import { KeyClient, keyLines } from './authorized-keys';
import { AuthorizedKey, AuthorizedKeysFile, FileKind, KeyRef, KnownHostsFile, Ownership, PublicKeyFile } from './host-files';
import { KeyMaterial } from './key-material';
import { authorizedKeyLine, keyBody, knownHostsLine } from './ssh-lines';

/**
 * The ssh files a Barman server and a Postgres instance both have (a .pub file, authorized_keys,
 * known_hosts), each concern with its own owner and its own lists.
 */

const uniq = (xs: string[]): string[] => [...new Set(xs)];

/** one text line per item */
export const lines = (xs: string[]): string => xs.map((x) => `${x}\n`).join('');

export function publicKeyFile(path: string, who: Ownership, ref: KeyRef, keys: KeyMaterial): PublicKeyFile {
  return { ...who, path, mode: '0644', kind: FileKind.PUBLIC_KEY, content: `${keyBody(keys.publicKey(ref.user, ref.host))} ${ref.comment}\n`, publicKey: ref };
}

export function authorizedKeysFile(path: string, who: Ownership, clients: KeyClient<KeyRef>[], restrict: boolean, clusterName: string, keys: KeyMaterial): AuthorizedKeysFile {
  const byLine = new Map<string, AuthorizedKey>();
  for (const { ref, options } of keyLines(clients, restrict)) {
    const line = authorizedKeyLine(keys.publicKey(ref.user, ref.host), ref.comment, clusterName, options);
    if (!byLine.has(line)) byLine.set(line, { ...ref, options });
  }
  return { ...who, path, mode: '0600', kind: FileKind.AUTHORIZED_KEYS, content: lines([...byLine.keys()]), authorizedKeys: [...byLine.values()] };
}

export function knownHostsFile(path: string, who: Ownership, hosts: Instance[], clusterName: string, keys: KeyMaterial): KnownHostsFile {
  const unique = [...new Set(hosts)];
  const content = lines(uniq(unique.flatMap((h) => keys.hostKeys(h).map((k) => knownHostsLine(h.address, h.settings.sshPort, k, clusterName)))));
  return { ...who, path, mode: '0644', kind: FileKind.KNOWN_HOSTS, content, knownHosts: unique };
}

/** The Barman server a replica's restore_command fetches WAL from (barman_wal_restore), if any. */
export function walRestoreServer(graph: BarmanGraph, p: Instance): Instance | undefined {
  return p.settings.walRestore && p.upstream !== undefined ? graph.walRestoreEdge(p)?.server : undefined;
}
