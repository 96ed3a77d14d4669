"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.archiveCommand = archiveCommand;
exports.restoreCommand = restoreCommand;
exports.renderPostgresSettingsSql = renderPostgresSettingsSql;
const sqlLiteral = (text) => `'${text.replace(/'/g, "''")}'`;
/** archive_command of a backed-up instance with barman_archiver: one barman-wal-archive per server. */
function archiveCommand(graph, b) {
    if (!b.settings.archiver)
        return undefined;
    const edges = graph.edgesOfInstance(b);
    if (edges.length === 0)
        return undefined;
    return edges
        .map((e) => `barman-wal-archive -U ${e.server.settings.barmanUser} --port ${e.server.settings.sshPort} ${e.server.address} ${e.backupName} %p`)
        .join(' && ');
}
/** restore_command of a replica with barman_wal_restore. */
function restoreCommand(graph, r) {
    if (!r.settings.walRestore || r.upstream === undefined)
        return undefined;
    const e = graph.walRestoreEdge(r);
    if (!e)
        return undefined;
    return `barman-wal-restore -U ${e.server.settings.barmanUser} -z -p 8 --port ${e.server.settings.sshPort} ${e.server.address} ${e.backupName} %f %p`;
}
/**
 * ALTER SYSTEM statements for the WAL commands the library owns. A command it set earlier and no
 * longer wants is reset; one set by someone else (not starting with barman-wal-) is left alone.
 */
function renderPostgresSettingsSql(graph, p) {
    const lines = ['\\set ON_ERROR_STOP on', "SET client_min_messages = 'warning';"];
    // what ALTER SYSTEM wrote: current_setting() would show '(disabled)' while archive_mode is off
    const ours = (name, prefix) => `EXISTS (SELECT FROM pg_file_settings WHERE name = '${name}' AND setting LIKE '${prefix}%' AND sourcefile LIKE '%postgresql.auto.conf')`;
    const archive = archiveCommand(graph, p);
    if (archive !== undefined) {
        lines.push("ALTER SYSTEM SET archive_mode = 'on';", `ALTER SYSTEM SET archive_command = ${sqlLiteral(archive)};`);
    }
    else {
        // archive_mode on with no command would keep every WAL segment: it goes with the library's command
        lines.push(`SELECT 'ALTER SYSTEM RESET archive_mode' WHERE ${ours('archive_command', 'barman-wal-archive')}\\gexec`);
        lines.push(`SELECT 'ALTER SYSTEM RESET archive_command' WHERE ${ours('archive_command', 'barman-wal-archive')}\\gexec`);
    }
    const restore = restoreCommand(graph, p);
    if (restore !== undefined)
        lines.push(`ALTER SYSTEM SET restore_command = ${sqlLiteral(restore)};`);
    else
        lines.push(`SELECT 'ALTER SYSTEM RESET restore_command' WHERE ${ours('restore_command', 'barman-wal-restore')}\\gexec`);
    lines.push('SELECT pg_reload_conf();', '');
    return lines.join('\n');
}
