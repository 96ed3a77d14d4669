import { BarmanGraph, Instance } from '../../model/graph';
import { Role } from '../../model/enums';
import { slotName } from '../../model/names';
import { renderDropBarmanRolesSql } from '../../render/barman-roles-sql';
import { hbaBlockMarkers } from '../../render/pg-hba';
import { renderWalCommandsResetSql } from '../../render/postgres-settings-sql';
import { managedMarker } from '../../render/ssh-lines';
import { onPostgres } from '../../scripts/on-postgres';
import { HostScript } from '../../scripts/remote-command';
import { shellFileIn } from '../../scripts/shell-assets';

/** The postgres_retirement step's shell function (postgres-retirement.sh, beside this module), part of the host program. */
export const POSTGRES_RETIREMENT_SHELL = shellFileIn(__dirname, 'postgres-retirement.sh');

/** the triggers that show the retirement's SQL in the plan */
export const CLEANUP_SQL_TRIGGER = 'cleanup.sql (WAL commands, unused slots)';
export const DROP_ROLES_TRIGGER = 'drop-roles.sql';

/** The slots the Barman servers it named in `backup` made on it (unused ones are dropped). */
function slotsOf(p: Instance): string[] {
  return [...new Set(p.backupServers.map(slotName))];
}

/** SQL: the library's WAL commands reset, the unused slots dropped; one line printed per slot in use. */
export function renderRetirementSql(p: Instance): string {
  const slots = slotsOf(p);
  const lines = renderWalCommandsResetSql().split('\n').filter((l) => l !== '');
  if (slots.length > 0) {
    const list = slots.map((s) => `'${s}'`).join(', ');
    lines.push(`SELECT count(pg_drop_replication_slot(slot_name)) FROM pg_replication_slots WHERE slot_name IN (${list}) AND NOT active \\g /dev/null`);
    lines.push(`SELECT format('the replication slot %s is in use (pid %s): it keeps WAL on this host; stop its reader, then SELECT pg_drop_replication_slot(%L)', slot_name, active_pid, slot_name) FROM pg_replication_slots WHERE slot_name IN (${list}) AND active;`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Barman's roles go only from a primary: a replica gets them from its primary. (No live instance
 * follows a retired one: validation refuses an upstream that is barman_retired.)
 */
export function dropsRoles(p: Instance): boolean {
  return !p.roles.includes(Role.REPLICA) && p.upstream === undefined;
}

/**
 * A retired Postgres instance's cleanup on its own host (postgres-retirement.sh); Barman's roles
 * only when the library manages database access (it made them).
 */
export function postgresRetirementScript(graph: BarmanGraph, p: Instance, manageDatabaseAccess: boolean): HostScript {
  const hba = hbaBlockMarkers(graph.clusterName);
  const roles = manageDatabaseAccess && dropsRoles(p) ? { trigger: DROP_ROLES_TRIGGER, content: renderDropBarmanRolesSql() } : '';
  return onPostgres(p, 'postgres_retirement', [
    p.name,
    hba.begin,
    hba.end,
    { trigger: CLEANUP_SQL_TRIGGER, content: renderRetirementSql(p) },
    roles,
    `${p.settings.postgresHome}/.ssh`,
    managedMarker(graph.clusterName),
  ]);
}
