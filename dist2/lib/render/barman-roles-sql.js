"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STREAMING_DB_USER = exports.BARMAN_DB_USER = exports.BARMAN_ROLE = void 0;
exports.renderBarmanRolesSql = renderBarmanRolesSql;
exports.BARMAN_ROLE = 'barman_role';
exports.BARMAN_DB_USER = 'barman';
exports.STREAMING_DB_USER = 'streaming_barman';
/** The functions Barman runs, by PostgreSQL version (Barman's manual, TPA's barman_role). */
function executeGrants(version) {
    const always = ['pg_catalog.pg_switch_wal()', 'pg_catalog.pg_create_restore_point(text)'];
    if (version >= 15)
        return [...always, 'pg_catalog.pg_backup_start(text, boolean)', 'pg_catalog.pg_backup_stop(boolean)'];
    return [...always, 'pg_catalog.pg_start_backup(text, boolean, boolean)', 'pg_catalog.pg_stop_backup()', 'pg_catalog.pg_stop_backup(boolean, boolean)'];
}
function memberships(version) {
    return ['pg_read_all_settings', 'pg_read_all_stats', ...(version >= 15 ? ['pg_checkpoint'] : [])];
}
/**
 * Idempotent SQL that creates or corrects Barman's roles on a primary: `barman_role` holding exactly
 * the grants Barman needs, `barman` (LOGIN, not superuser, member of it) and `streaming_barman`
 * (LOGIN, REPLICATION). Passwords are not in it: psql variables :'barman_password' and
 * :'streaming_password' carry them, set from a file, never on a command line.
 */
function renderBarmanRolesSql(primary) {
    const v = primary.settings.postgresVersion;
    const ensure = (role, attrs) => `SELECT format('CREATE ROLE %I', '${role}') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}')\\gexec\nALTER ROLE ${role} WITH ${attrs};`;
    return [
        '-- Managed by cdktf-barman: the roles Barman connects as. Safe to run again.',
        '\\set ON_ERROR_STOP on',
        // keep passwords out of the server log whatever log_statement says
        "SET log_statement = 'none';",
        "SET log_min_error_statement = 'panic';",
        "SET client_min_messages = 'warning';",
        'BEGIN;',
        ensure(exports.BARMAN_ROLE, 'NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION'),
        ensure(exports.BARMAN_DB_USER, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'barman_password'"),
        ensure(exports.STREAMING_DB_USER, "LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'streaming_password'"),
        ...executeGrants(v).map((f) => `GRANT EXECUTE ON FUNCTION ${f} TO ${exports.BARMAN_ROLE};`),
        ...memberships(v).map((r) => `GRANT ${r} TO ${exports.BARMAN_ROLE};`),
        `GRANT ${exports.BARMAN_ROLE} TO ${exports.BARMAN_DB_USER};`,
        'COMMIT;',
        '',
    ].join('\n');
}
