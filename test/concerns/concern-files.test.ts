/**
 * The concern-shaped layout (issue 15 item 1): renderHosts, what `render` and `status` use, is
 * exactly the union of the concerns' files functions, and each concern's function returns exactly
 * the files renderHosts attributes to that concern (no concern renders another's files).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { backupEdgeFileList, backupEdgeFiles } from '../../lib/concerns/backup-edge/backup-edge-files';
import { barmanServerFiles } from '../../lib/concerns/barman-server/barman-server-files';
import { postgresAccessFiles } from '../../lib/concerns/postgres-access/postgres-access-files';
import { postgresConfigFiles } from '../../lib/concerns/postgres-config/postgres-config-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { Concern, HostFile } from '../../lib/render/host-files';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { listTopologies, topologyConfig } from '../support/paths';

for (const name of listTopologies()) {
  test(`${name}: each concern's files function returns exactly the files renderHosts attributes to it`, () => {
    const graph = loadGraphFromFile(topologyConfig(name));
    const keys = new PlaceholderKeys();
    const plans = renderHosts(graph, keys);
    assert.ok(plans.length > 0);
    for (const { instance, files } of plans) {
      const of = (c: Concern, edgeIs?: (f: HostFile) => boolean) => files.filter((f) => f.concern === c && (edgeIs === undefined || edgeIs(f)));
      const server = instance.isBarmanServer ? barmanServerFiles(graph, instance, keys) : [];
      const edges = instance.isBarmanServer ? graph.edgesOnServer(instance) : [];
      const access = instance.isPostgres ? postgresAccessFiles(graph, instance, keys) : [];
      const config = instance.isPostgres ? postgresConfigFiles(graph, instance) : [];
      assert.deepEqual(of(Concern.BARMAN_SERVER), server, `${instance.name}: barman server`);
      for (const e of edges) assert.deepEqual(of(Concern.BACKUP_EDGE, (f) => f.edge === e), backupEdgeFileList(backupEdgeFiles(graph.clusterName, e)), `${instance.name}: ${e.backupName}`);
      assert.deepEqual(of(Concern.POSTGRES_ACCESS), access, `${instance.name}: postgres access`);
      assert.deepEqual(of(Concern.POSTGRES_CONFIG), config, `${instance.name}: postgres config`);
      // the union, in order, and nothing else
      const union = [...server, ...edges.flatMap((e) => backupEdgeFileList(backupEdgeFiles(graph.clusterName, e))), ...access, ...config];
      assert.deepEqual(files, union, `${instance.name}: renderHosts is the union of the concerns' files`);
    }
  });
}
