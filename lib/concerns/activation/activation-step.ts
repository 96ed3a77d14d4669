import { BackupEdge } from '../../model/graph';
import { clientBinDir } from '../../model/versions';
import { HostScript } from '../../scripts/remote-command';
import { shellFileIn } from '../../scripts/shell-assets';

/** The activate_edge step's shell functions (activation.sh, beside this module), part of the host program. */
export const ACTIVATION_SHELL = shellFileIn(__dirname, 'activation.sh');

/**
 * Activation of one instance on one Barman server, after its roles, pg_hba.conf and .pgpass exist
 * (activation.sh): slot, receive-wal, one archived WAL segment, an optional first backup, then
 * `barman check`, whose real failures fail the apply with Barman's own words.
 */
export function activationScript(edge: BackupEdge): HostScript {
  const s = edge.instance.settings;
  // the client of the instance's major, as its section's path_prefix
  const psql = `${clientBinDir(edge.server, s.postgresVersion)}/psql`;
  return { step: 'activate_edge', args: [edge.backupName, edge.server.name, edge.instance.name, s.barmanUser, psql, s.archiver ? '1' : '0', s.firstBackup ? '1' : '0'] };
}
