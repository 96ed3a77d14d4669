import { Instance } from '../model/graph';

export const BARMAN_ROLE = 'barman_role';
export const BARMAN_DB_USER = 'barman';
export const STREAMING_DB_USER = 'streaming_barman';

/** The functions Barman runs, by PostgreSQL version (Barman's manual, TPA's barman_role). */
function executeGrants(version: number): string[] {
  const always = ['pg_catalog.pg_switch_wal()', 'pg_catalog.pg_create_restore_point(text)'];
  if (version >= 15) return [...always, 'pg_catalog.pg_backup_start(text, boolean)', 'pg_catalog.pg_backup_stop(boolean)'];
  return [...always, 'pg_catalog.pg_start_backup(text, boolean, boolean)', 'pg_catalog.pg_stop_backup()', 'pg_catalog.pg_stop_backup(boolean, boolean)'];
}

function memberships(version: number): string[] {
  return ['pg_read_all_settings', 'pg_read_all_stats', ...(version >= 15 ? ['pg_checkpoint'] : [])];
}

/**
 * Idempotent SQL that creates or corrects Barman's roles on a primary: `barman_role` holding exactly
 * the grants Barman needs, `barman` (LOGIN, not superuser, member of it) and `streaming_barman`
 * (LOGIN, REPLICATION). Passwords are not in it: psql variables :'barman_password' and
 * :'streaming_password' carry them, set from a file, never on a command line.
 */
export function renderBarmanRolesSql(primary: Instance): string {
  const v = primary.settings.postgresVersion;
  const ensure = (role: string, attrs: string) =>
    `SELECT format('CREATE ROLE %I', '${role}') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}')\\gexec\nALTER ROLE ${role} WITH ${attrs};`;
  return [
    '-- Managed by cdktf-barman: the roles Barman connects as. Safe to run again.',
    '\\set ON_ERROR_STOP on',
    // keep passwords out of the server log whatever log_statement says
    "SET log_statement = 'none';",
    "SET log_min_error_statement = 'panic';",
    "SET client_min_messages = 'warning';",
    'BEGIN;',
    ensure(BARMAN_ROLE, 'NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION'),
    ensure(BARMAN_DB_USER, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'barman_password'"),
    ensure(STREAMING_DB_USER, "LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'streaming_password'"),
    ...executeGrants(v).map((f) => `GRANT EXECUTE ON FUNCTION ${f} TO ${BARMAN_ROLE};`),
    ...memberships(v).map((r) => `GRANT ${r} TO ${BARMAN_ROLE};`),
    `GRANT ${BARMAN_ROLE} TO ${BARMAN_DB_USER};`,
    'COMMIT;',
    '',
  ].join('\n');
}

/**
 * SQL that drops Barman's roles from a primary leaving Barman: their sessions ended, the grants
 * they hold in this database revoked (DROP OWNED BY), then the roles; a role already gone is fine.
 */
export function renderDropBarmanRolesSql(): string {
  const roles = [BARMAN_DB_USER, STREAMING_DB_USER, BARMAN_ROLE];
  const list = roles.map((r) => `'${r}'`).join(', ');
  return [
    '-- Managed by cdktf-barman: Barman leaves this primary. Safe to run again.',
    '\\set ON_ERROR_STOP on',
    "SET client_min_messages = 'warning';",
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename IN (${list}) \\g /dev/null`,
    `SELECT format('DROP OWNED BY %I', rolname) FROM pg_roles WHERE rolname IN (${list})\\gexec`,
    ...roles.map((r) => `DROP ROLE IF EXISTS ${r};`),
    '',
  ].join('\n');
}
