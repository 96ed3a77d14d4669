"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ROLES_SQL_TRIGGER = exports.SETTINGS_SQL_TRIGGER = void 0;
exports.postgresConfigScript = postgresConfigScript;
exports.postgresRolesCheckScript = postgresRolesCheckScript;
exports.postgresRolesScript = postgresRolesScript;
exports.pgpassScript = pgpassScript;
exports.activationScript = activationScript;
const barman_roles_sql_1 = require("../render/barman-roles-sql");
const postgres_settings_sql_1 = require("../render/postgres-settings-sql");
/** the trigger that shows the ALTER SYSTEM statements of a Postgres instance in the plan */
exports.SETTINGS_SQL_TRIGGER = 'ALTER SYSTEM (postgresql.auto.conf)';
/** the trigger that shows the roles' SQL in the plan */
exports.ROLES_SQL_TRIGGER = 'roles.sql';
/** A step that talks to PostgreSQL on its host (shell/postgres-steps.sh: on_postgres, then the step). */
function onPostgres(p, step, args) {
    const s = p.settings;
    return { step: 'on_postgres', args: [s.postgresUser, s.postgresBinDir, String(s.postgresPort), String(s.postgresVersion), step, ...args] };
}
/**
 * A Postgres instance's side: the pg_hba.conf block first in the file (checked with
 * pg_hba_file_rules after a reload; the old file comes back on error), then the WAL commands.
 */
function postgresConfigScript(graph, p, hba) {
    const m = hba.blockMarkers;
    return onPostgres(p, 'postgres_config', [
        p.name,
        hba.path,
        hba.owner,
        hba.group,
        hba.mode,
        m.begin,
        m.end,
        { trigger: hba.path, content: hba.content ?? '' },
        { trigger: exports.SETTINGS_SQL_TRIGGER, content: (0, postgres_settings_sql_1.renderPostgresSettingsSql)(graph, p) },
    ]);
}
/**
 * The visible half of the roles step. Terraform hides all output of a provisioner that carries a
 * sensitive value (the secret step below), so what is likely to go wrong (PostgreSQL down, a
 * standby) is checked first here, where the operator reads the message.
 */
function postgresRolesCheckScript(primary) {
    return onPostgres(primary, 'roles_check', [primary.name]);
}
/** Barman's roles on a primary; the barman and streaming_barman passwords come as secret files after these arguments. */
function postgresRolesScript(primary) {
    return onPostgres(primary, 'roles_create', [primary.name, { trigger: exports.ROLES_SQL_TRIGGER, content: (0, barman_roles_sql_1.renderBarmanRolesSql)(primary) }]);
}
/** One instance's lines in ~barman/.pgpass on its Barman server; the two passwords come as secret files. */
function pgpassScript(edge, pgpass) {
    const b = edge.instance;
    const m = pgpass.blockMarkers;
    return { step: 'pgpass_lines', args: [b.address, String(b.settings.postgresPort), m.begin, m.end, pgpass.path, pgpass.owner, pgpass.group, pgpass.mode] };
}
/**
 * Activation of one instance on one Barman server, after its roles, pg_hba.conf and .pgpass exist
 * (shell/activation.sh): slot, receive-wal, one archived WAL segment, an optional first backup,
 * then `barman check`, whose real failures fail the apply with Barman's own words.
 */
function activationScript(edge) {
    const s = edge.instance.settings;
    const psql = `${edge.server.settings.postgresBinDir}/psql`;
    return { step: 'activate_edge', args: [edge.backupName, edge.server.name, edge.instance.name, s.barmanUser, psql, s.archiver ? '1' : '0', s.firstBackup ? '1' : '0'] };
}
