import { Diagnostic, InvalidConfigError, Severity } from '../model/diagnostics';
import { BarmanGraph, Instance } from '../model/graph';
import { renderBarmanConf } from '../render/barman-conf';

/**
 * Barman servers that several clusters of one stack back up to (TPA's `barman_shared`): one
 * cluster owns a server's server-wide files, each other one marks it barman_shared and adds only its
 * own backups. In one stack the library checks, before anything is applied and naming both
 * clusters, what the hosts would otherwise check at apply time; and it wires the sharing cluster to
 * its owner (the owner's barman key, the owner's server resource first).
 */
export interface SharedServer {
  /** the server in the sharing cluster's graph (barman_shared) */
  readonly server: Instance;
  /** the same host in the owner's graph */
  readonly ownerServer: Instance;
}

/** One cluster as the checks name it: its construct path and its graph. */
export interface ClusterRef {
  readonly path: string;
  readonly graph: BarmanGraph;
}

/** barman.conf as the two clusters compare it: without its first line (the header names the host as each cluster calls it). */
export function comparableBarmanConf(server: Instance): string {
  return renderBarmanConf(server).split('\n').slice(1).join('\n');
}

/**
 * The sharing cluster's barman_shared servers, each with the same host in the owner's graph (same
 * address). Throws InvalidConfigError listing every problem: no such host in the owner, a host the
 * owner shares too, Barman-server settings that differ, and a backup name or cron file the two
 * clusters both put on the host.
 */
export function sharedServersOf(sharer: ClusterRef, owner: ClusterRef): SharedServer[] {
  const problems: string[] = [];
  const shared = sharer.graph.barmanServers.filter((s) => s.settings.barmanShared);
  if (shared.length === 0) problems.push(`'${sharer.path}' names serverOwner '${owner.path}' but none of its Barman servers is barman_shared: set barman_shared: true on the servers '${owner.path}' owns, or remove serverOwner`);
  const out: SharedServer[] = [];
  for (const s of shared) {
    const ownerServer = owner.graph.barmanServers.find((o) => o.address === s.address);
    if (ownerServer === undefined) {
      problems.push(`'${s.name}' is barman_shared in '${sharer.path}', but '${owner.path}' has no Barman server at its address ${s.address}: give both the same address, or set serverOwner to the cluster that owns it`);
      continue;
    }
    if (ownerServer.settings.barmanShared) {
      problems.push(`'${s.name}' is barman_shared in '${sharer.path}' and in its serverOwner '${owner.path}' (as '${ownerServer.name}'): exactly one cluster owns a Barman server; remove barman_shared from it in '${owner.path}'`);
      continue;
    }
    problems.push(...settingConflicts(s, ownerServer, sharer.path, owner.path), ...nameConflicts(s, ownerServer, sharer, owner));
    out.push({ server: s, ownerServer });
  }
  if (problems.length > 0) throw new InvalidConfigError(problems.map((message): Diagnostic => ({ severity: Severity.ERROR, message })));
  return out;
}

/** barman.conf lines that differ: the owner's count, so the sharer must match them. */
function settingConflicts(s: Instance, o: Instance, sharer: string, owner: string): string[] {
  const mine = comparableBarmanConf(s).split('\n');
  const theirs = comparableBarmanConf(o).split('\n');
  if (mine.join('\n') === theirs.join('\n')) return [];
  const onlyMine = mine.filter((l) => !theirs.includes(l));
  const onlyTheirs = theirs.filter((l) => !mine.includes(l));
  return [`the Barman-server settings of '${s.name}' differ between its owner '${owner}' (${onlyTheirs.join('; ') || 'same lines, another order'}) and '${sharer}', where it is barman_shared (${onlyMine.join('; ') || 'same lines, another order'}): the owner's count; make '${sharer}'s equal`];
}

/** a backup name or cron file both clusters would put on the host */
function nameConflicts(s: Instance, o: Instance, sharer: ClusterRef, owner: ClusterRef): string[] {
  const ownerEdges = owner.graph.edgesOnServer(o);
  const problems: string[] = [];
  for (const e of sharer.graph.edgesOnServer(s)) {
    const sameName = ownerEdges.find((x) => x.backupName === e.backupName);
    if (sameName) problems.push(`'${e.instance.name}' of '${sharer.path}' and '${sameName.instance.name}' of '${owner.path}' are both backed up to '${s.name}' as '${e.backupName}': set a distinct backup_name on one of them`);
    else {
      const sameCron = ownerEdges.find((x) => x.cronFileName === e.cronFileName);
      if (sameCron) problems.push(`'${e.instance.name}' of '${sharer.path}' and '${sameCron.instance.name}' of '${owner.path}' would share the cron file /etc/cron.d/${e.cronFileName} on '${s.name}': set a distinct backup_name on one of them`);
    }
  }
  return problems;
}
