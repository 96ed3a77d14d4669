import { BarmanGraph, Instance } from '../../model/graph';
import { HostFile } from '../../render/host-files';
import { HostScript } from '../../scripts/remote-command';
import { shellFileIn } from '../../scripts/shell-assets';
import { writeFilesArgs } from '../../scripts/write-files-args';

/** The postgres_access step's shell functions (postgres-access.sh, beside this module), part of the host program. */
export const POSTGRES_ACCESS_SHELL = shellFileIn(__dirname, 'postgres-access.sh');

/** A Postgres instance's side: the postgres user's keys, barman's key authorized, Barman hosts known (postgres-access.sh). */
export function postgresAccessScript(graph: BarmanGraph, p: Instance, files: readonly HostFile[]): HostScript {
  const s = p.settings;
  const policy = { host: p.name, owner: p.name, allowOverrides: s.allowOverrides };
  return { step: 'postgres_access', args: [s.postgresUser, s.postgresGroup, s.postgresHome, ...writeFilesArgs(policy, files, graph.clusterName)] };
}
