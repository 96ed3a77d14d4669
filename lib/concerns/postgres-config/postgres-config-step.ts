import { BarmanGraph, Instance } from '../../model/graph';
import { ManagedBlockFile } from '../../render/host-files';
import { renderPostgresSettingsSql } from '../../render/postgres-settings-sql';
import { onPostgres } from '../../scripts/on-postgres';
import { HostScript } from '../../scripts/remote-command';

/** the trigger that shows the ALTER SYSTEM statements of a Postgres instance in the plan */
export const SETTINGS_SQL_TRIGGER = 'ALTER SYSTEM (postgresql.auto.conf)';

/**
 * A Postgres instance's side (shell/postgres-steps.sh): the pg_hba.conf block first in the file
 * (checked with pg_hba_file_rules after a reload; the old file comes back on error), then the WAL
 * commands.
 */
export function postgresConfigScript(graph: BarmanGraph, p: Instance, hba: ManagedBlockFile): HostScript {
  const m = hba.blockMarkers;
  return onPostgres(p, 'postgres_config', [
    p.name,
    hba.path,
    hba.owner,
    hba.group,
    hba.mode,
    m.begin,
    m.end,
    { trigger: hba.path, content: hba.content },
    { trigger: SETTINGS_SQL_TRIGGER, content: renderPostgresSettingsSql(graph, p) },
  ]);
}
