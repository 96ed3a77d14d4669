import { BarmanGraph, Instance } from '../../model/graph';
import { Concern, FileKind, ManagedBlockFile } from '../../render/host-files';
import { hbaBlockMarkers, hbaPath, renderHbaBlock } from '../../render/pg-hba';

/** A Postgres instance's block of pg_hba.conf: every Barman server's lines. */
export function postgresConfigFiles(graph: BarmanGraph, p: Instance): [ManagedBlockFile] {
  const st = p.settings;
  return [
    {
      owner: st.postgresUser,
      group: st.postgresGroup,
      path: hbaPath(p),
      mode: '0640',
      kind: FileKind.MANAGED_BLOCK,
      content: renderHbaBlock(graph, p),
      concern: Concern.POSTGRES_CONFIG,
      blockMarkers: hbaBlockMarkers(graph.clusterName),
    },
  ];
}
