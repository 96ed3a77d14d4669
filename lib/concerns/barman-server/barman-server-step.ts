import { BarmanGraph, Instance } from '../../model/graph';
import { clientBinDir } from '../../model/versions';
import { FileKind, HostFile, ManagedListFile } from '../../render/host-files';
import { pgpassBlockMarkers, pgpassPath } from '../../render/pgpass';
import { HostScript } from '../../scripts/remote-command';
import { shellFileIn } from '../../scripts/shell-assets';
import { writeFilesArgs } from '../../scripts/write-files-args';
import { removedBackupsArg } from './edge-removal';
import { OWNS_SERVER } from './barman-server-files';
import { BARMAN_CONF_DIR, BARMAN_CONF_PATH, renderBarmanConf } from '../../render/barman-conf';

/** The barman_server step's shell functions (server.sh, beside this module), part of the host program. */
export const BARMAN_SERVER_SHELL = shellFileIn(__dirname, 'server.sh', { BARMAN_CONF_DIR, BARMAN_CONF_PATH, OWNS_SERVER });

/**
 * A Barman server's own configuration (server.sh). Also reconciles: the instances an earlier
 * apply configured and the graph no longer has are retired (their resources are gone, and
 * Terraform runs no destroy provisioner for a resource removed from the configuration).
 */
export function barmanServerScript(graph: BarmanGraph, server: Instance, files: readonly HostFile[]): HostScript {
  const s = server.settings;
  const list = managedList(files);
  const markers = pgpassBlockMarkers(graph.clusterName, '');
  const policy = { host: server.name, owner: server.name, allowOverrides: s.allowOverrides };
  return {
    step: 'barman_server',
    args: [
      server.name,
      s.barmanUser,
      s.barmanGroup,
      s.barmanHome,
      postgresClients(graph, server),
      s.barmanVersion,
      s.logFile,
      removedBackupsArg(server),
      list.path,
      { trigger: list.path, content: list.content },
      pgpassPath(server),
      markers.begin,
      markers.end,
      // a shared server's barman.conf is its owner's: checked against what this cluster would write
      s.barmanShared ? 'shared' : 'owner',
      s.barmanShared ? { trigger: `${BARMAN_CONF_PATH} (the owner's, as this cluster expects it)`, content: renderBarmanConf(server) } : '',
      ...writeFilesArgs(policy, files, graph.clusterName, { barmanHome: s.barmanHome }),
    ],
  };
}

/**
 * The PostgreSQL clients the server needs, `MAJOR BIN-DIR INSTANCE[,INSTANCE...]`
 * entries separated by ';', one per directory its instances' sections use (paths and names hold no
 * space nor ';'); with no instance yet, its own major.
 */
export function postgresClients(graph: BarmanGraph, server: Instance): string {
  const byDir = new Map<string, { major: number; names: string[] }>();
  for (const e of graph.edgesOnServer(server)) {
    const major = e.instance.settings.postgresVersion;
    const dir = clientBinDir(server, major);
    const entry = byDir.get(dir) ?? { major, names: [] };
    entry.names.push(e.instance.name);
    byDir.set(dir, entry);
  }
  if (byDir.size === 0) byDir.set(server.settings.postgresBinDir, { major: server.settings.postgresVersion, names: [server.name] });
  return [...byDir].map(([dir, { major, names }]) => `${major} ${dir} ${names.join(',')}`).join(';');
}

/** the managed list among a Barman server's files (barmanServerFiles always renders one) */
function managedList(files: readonly HostFile[]): ManagedListFile {
  for (const f of files) if (f.kind === FileKind.MANAGED_LIST) return f;
  throw new Error('a Barman server without its managed list');
}
