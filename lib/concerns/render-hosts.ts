import { BarmanGraph } from '../model/graph';
import { HostPlan } from '../render/host-files';
import { KeyMaterial } from '../render/key-material';
import { backupEdgeFileList, backupEdgeFiles } from './backup-edge/backup-edge-files';
import { barmanServerFiles } from './barman-server/barman-server-files';
import { postgresAccessFiles } from './postgres-access/postgres-access-files';
import { postgresConfigFiles } from './postgres-config/postgres-config-files';

/**
 * Every file the library puts on every host, in a stable order (what `render` writes and `status`
 * compares): the union of the concerns' files, each rendered once by its own concern.
 */
export function renderHosts(graph: BarmanGraph, keys: KeyMaterial): HostPlan[] {
  return graph.instances
    .map((i) => ({
      instance: i,
      files: [
        ...(i.isBarmanServer ? barmanServerFiles(graph, i, keys) : []),
        ...(i.isBarmanServer ? graph.edgesOnServer(i).flatMap((e) => backupEdgeFileList(backupEdgeFiles(graph.clusterName, e))) : []),
        ...(i.isPostgres ? [...postgresAccessFiles(graph, i, keys), ...postgresConfigFiles(graph, i)] : []),
      ],
    }))
    .filter((p) => p.files.length > 0);
}
