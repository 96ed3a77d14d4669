import { BackupEdge } from '../../model/graph';
import { COMPRESSOR_PROGRAMS } from '../../model/settings';
import { BARMAN_CONF_DIR } from '../../render/barman-conf';
import { HostFile, PasswordBlockFile } from '../../render/host-files';
import { HostScript } from '../../scripts/remote-command';
import { shellFileIn } from '../../scripts/shell-assets';
import { writeFilesArgs } from '../../scripts/write-files-args';

/** The backup_edge step's shell functions (backup-edge.sh, beside this module), part of the host program. */
export const BACKUP_EDGE_SHELL = shellFileIn(__dirname, 'backup-edge.sh', { BARMAN_CONF_DIR });

/** One backed-up instance on one Barman server: its Barman section and its cron file (backup-edge.sh). */
export function backupEdgeScript(edge: BackupEdge, files: readonly HostFile[]): HostScript {
  const s = edge.instance.settings;
  // the instance's own setting decides for its section and cron file on the Barman server
  const policy = { host: edge.server.name, owner: edge.instance.name, allowOverrides: s.allowOverrides };
  const overrides = { barmanHome: edge.server.settings.barmanHome, server: edge.backupName };
  return {
    step: 'backup_edge',
    args: [edge.server.name, edge.instance.name, COMPRESSOR_PROGRAMS.get(s.compression) ?? '', ...writeFilesArgs(policy, files, '', overrides)],
  };
}

/** One instance's lines in ~barman/.pgpass on its Barman server (shell/postgres-steps.sh); the two passwords come as secret files. */
export function pgpassScript(edge: BackupEdge, pgpass: PasswordBlockFile): HostScript {
  const b = edge.instance;
  const m = pgpass.blockMarkers;
  return { step: 'pgpass_lines', args: [b.address, String(b.settings.postgresPort), m.begin, m.end, pgpass.path, pgpass.owner, pgpass.group, pgpass.mode] };
}
