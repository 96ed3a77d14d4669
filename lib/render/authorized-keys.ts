import { addressListsOverlap, isFromPattern } from '../model/ip-patterns';
import { authorizedKeyOptions } from './authorized-key-options';
import { isStringToken } from './token-aware';
import { walGateCommand } from './wal-gate';

/**
 * Who may log in with one key, as the graph says: the host it belongs to, the addresses its
 * connections come from, and (on a Barman server) what the WAL gate grants it.
 */
export interface KeyClient<R> {
  readonly ref: R;
  /** the key itself, to group clients that share one (cluster keys) */
  readonly key: string;
  readonly addresses: readonly string[];
  /** WAL gate grants (`put-wal:NAME`); undefined: no forced command */
  readonly grants?: readonly string[];
}

export interface KeyLine<R> {
  readonly ref: R;
  /** authorized_keys options; undefined: an unrestricted line */
  readonly options?: string;
}

const uniq = (xs: readonly string[]): string[] => [...new Set(xs)];

/**
 * The authorized_keys lines for these clients. Unrestricted: one line per key. Restricted: sshd
 * takes the FIRST line whose key and from= both match (measured with OpenSSH 9.2), so a key shared
 * by several hosts gets one line per group of hosts whose addresses can overlap, each with its own
 * from= and grants. A host name in any address drops from= for that key (it could never match) and
 * merges its lines into one, so no client is ever locked out.
 */
export function keyLines<R>(clients: readonly KeyClient<R>[], restrict: boolean): KeyLine<R>[] {
  const byKey = new Map<string, KeyClient<R>[]>();
  for (const c of clients) {
    const list = byKey.get(c.key);
    if (list) list.push(c);
    else byKey.set(c.key, [c]);
  }
  const out: KeyLine<R>[] = [];
  for (const group of byKey.values()) {
    if (!restrict) {
      out.push({ ref: group[0].ref });
      continue;
    }
    // a token stays in from=: its value must be an IP address or CIDR (a precondition checks it)
    if (group.some((c) => !c.addresses.every((a) => isFromPattern(a) || isStringToken(a)))) {
      out.push(line(group, false));
      continue;
    }
    // without a forced command, separate lines would grant the same: one line, every address
    if (group.every((c) => c.grants === undefined)) out.push(line(group, true));
    else for (const merged of overlapping(group)) out.push(line(merged, true));
  }
  return out;
}

function line<R>(clients: readonly KeyClient<R>[], withFrom: boolean): KeyLine<R> {
  const grants = clients.some((c) => c.grants !== undefined) ? uniq(clients.flatMap((c) => c.grants ?? [])) : undefined;
  const options = authorizedKeyOptions({
    from: withFrom ? uniq(clients.flatMap((c) => c.addresses)) : undefined,
    command: grants === undefined ? undefined : walGateCommand(grants),
  });
  return { ref: clients[0].ref, options };
}

/** Clients joined (transitively) when a connection could match the addresses of both. */
function overlapping<R>(group: readonly KeyClient<R>[]): KeyClient<R>[][] {
  const sets: KeyClient<R>[][] = [];
  for (const c of group) {
    const hit = sets.filter((s) => s.some((o) => addressListsOverlap(o.addresses, c.addresses)));
    const joined = [...hit.flat(), c];
    for (const h of hit) sets.splice(sets.indexOf(h), 1);
    sets.push(joined);
  }
  // in the order of each set's first client, so the file is stable
  const order = (c: KeyClient<R>): number => group.indexOf(c);
  return sets.map((s) => [...s].sort((a, b) => order(a) - order(b))).sort((a, b) => order(a[0]) - order(b[0]));
}
