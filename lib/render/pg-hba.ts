import { BarmanGraph, Instance } from '../model/graph';
import { BARMAN_DB_USER, STREAMING_DB_USER } from './barman-roles-sql';
import { isStringToken, tokenText } from './token-aware';

/** pg_hba.conf of a Postgres instance, in its configuration directory. */
export function hbaPath(p: Instance): string {
  return `${p.settings.postgresConfDir}/pg_hba.conf`;
}

/** a single host as pg_hba.conf wants it: with a prefix length, unless it is a name or a CIDR */
function hbaAddress(a: string): string {
  // known only to Terraform: it appends the prefix length by the same rule
  if (isStringToken(a)) return `${a}${tokenText().hbaPrefixLength(a)}`;
  if (a.includes('/')) return a;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(a)) return `${a}/32`;
  if (a.includes(':')) return `${a}/128`;
  return a;
}

/** The marker lines around the library's block; per cluster, so two clusters keep their own. */
export function hbaBlockMarkers(clusterName: string): { begin: string; end: string } {
  return { begin: `# BEGIN cdktf-barman:${clusterName}`, end: `# END cdktf-barman:${clusterName}` };
}

/**
 * The block of pg_hba.conf that lets every Barman server in: `barman` to the postgres database and
 * `streaming_barman` for replication, from each server's client addresses. Every Postgres instance
 * gets it (restores and backups of replicas too). It goes first in the file: the first match wins.
 */
export function renderHbaBlock(graph: BarmanGraph, p: Instance): string {
  const s = p.settings;
  const type = s.hbaHostssl ? 'hostssl' : 'host';
  const { begin, end } = hbaBlockMarkers(graph.clusterName);
  const lines = [`${begin} (Barman's access; replaced on every apply)`];
  for (const server of graph.barmanServers) {
    for (const a of server.clientAddresses) {
      lines.push(`${type} postgres ${BARMAN_DB_USER} ${hbaAddress(a)} ${s.hbaMethod}`);
      lines.push(`${type} replication ${STREAMING_DB_USER} ${hbaAddress(a)} ${s.hbaMethod}`);
    }
  }
  lines.push(end);
  return lines.map((l) => `${l}\n`).join('');
}
