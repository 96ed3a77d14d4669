import { BackupEdge } from '../../model/graph';
import { backupCronPath, renderBackupCron } from '../../render/cron-entries';
import { Concern, FileKind, PasswordBlockFile, WholeFile } from '../../render/host-files';
import { PASSWORD_PLACEHOLDERS, pgpassBlockMarkers, pgpassPath, renderPgpassBlock } from '../../render/pgpass';
import { renderServerConf, serverConfPath } from '../../render/server-conf';
import { drillCronPath, renderDrillCron } from '../restore-drill/restore-drill-script';

/** One backed-up instance's files on its Barman server. */
export interface BackupEdgeFiles {
  /** /etc/barman.d/<backup_name>.conf */
  readonly serverConf: WholeFile;
  /** /etc/cron.d/<its cron file> */
  readonly cron: WholeFile;
  /** its block of ~barman/.pgpass, passwords as placeholders */
  readonly pgpass: PasswordBlockFile;
  /** /etc/cron.d/cdktf-barman-drill-<its cron file name>, when its drills are scheduled */
  readonly drillCron?: WholeFile;
}

/** One backed-up instance on one Barman server: its Barman section, its cron file and its .pgpass block. */
export function backupEdgeFiles(clusterName: string, e: BackupEdge): BackupEdgeFiles {
  const st = e.server.settings;
  const markers = pgpassBlockMarkers(clusterName, e.backupName);
  const attribution = { concern: Concern.BACKUP_EDGE, edge: e };
  const drill = renderDrillCron(e);
  return {
    ...(drill === undefined ? {} : { drillCron: { owner: 'root', group: 'root', path: drillCronPath(e), mode: '0644', kind: FileKind.FILE, content: drill, ...attribution } }),
    serverConf: { owner: st.barmanUser, group: st.barmanGroup, path: serverConfPath(e), mode: '0600', kind: FileKind.FILE, content: renderServerConf(e), ...attribution },
    cron: { owner: 'root', group: 'root', path: backupCronPath(e), mode: '0644', kind: FileKind.FILE, content: renderBackupCron(e), ...attribution },
    pgpass: {
      owner: st.barmanUser,
      group: st.barmanGroup,
      path: pgpassPath(e.server),
      mode: '0600',
      kind: FileKind.PASSWORD_BLOCK,
      content: `${markers.begin}\n${renderPgpassBlock(e, PASSWORD_PLACEHOLDERS)}${markers.end}\n`,
      ...attribution,
      blockMarkers: markers,
    },
  };
}

/** The edge's files in layout order. */
export function backupEdgeFileList(f: BackupEdgeFiles): (WholeFile | PasswordBlockFile)[] {
  return [f.serverConf, f.cron, ...(f.drillCron ? [f.drillCron] : []), f.pgpass];
}
