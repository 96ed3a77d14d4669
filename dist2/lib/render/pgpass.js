"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PASSWORD_PLACEHOLDERS = void 0;
exports.pgpassPath = pgpassPath;
exports.pgpassBlockMarkers = pgpassBlockMarkers;
exports.pgpassField = pgpassField;
exports.renderPgpassBlock = renderPgpassBlock;
const barman_roles_sql_1 = require("./barman-roles-sql");
exports.PASSWORD_PLACEHOLDERS = {
    barman: '<password of barman, generated or supplied, written at apply time>',
    streamingBarman: '<password of streaming_barman, generated or supplied, written at apply time>',
};
function pgpassPath(server) {
    return `${server.settings.barmanHome}/.pgpass`;
}
/** One block per backed-up instance, so removing the instance removes exactly its lines. */
function pgpassBlockMarkers(clusterName, backupName) {
    return { begin: `# BEGIN cdktf-barman:${clusterName}:${backupName}`, end: `# END cdktf-barman:${clusterName}:${backupName}` };
}
/** libpq's .pgpass escapes '\' and ':' in every field. */
function pgpassField(text) {
    return text.replace(/[\\:]/g, (c) => `\\${c}`);
}
/** The .pgpass lines Barman needs for one instance: host and port exactly as in its conninfo. */
function renderPgpassBlock(edge, passwords) {
    const b = edge.instance;
    const host = pgpassField(b.address);
    const port = b.settings.postgresPort;
    return [
        `${host}:${port}:*:${barman_roles_sql_1.BARMAN_DB_USER}:${pgpassField(passwords.barman)}`,
        `${host}:${port}:*:${barman_roles_sql_1.STREAMING_DB_USER}:${pgpassField(passwords.streamingBarman)}`,
    ]
        .map((l) => `${l}\n`)
        .join('');
}
