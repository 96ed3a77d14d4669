"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hbaPath = hbaPath;
exports.hbaBlockMarkers = hbaBlockMarkers;
exports.renderHbaBlock = renderHbaBlock;
const barman_roles_sql_1 = require("./barman-roles-sql");
const token_aware_1 = require("./token-aware");
/** pg_hba.conf of a Postgres instance, in its configuration directory. */
function hbaPath(p) {
    return `${p.settings.postgresConfDir}/pg_hba.conf`;
}
/** a single host as pg_hba.conf wants it: with a prefix length, unless it is a name or a CIDR */
function hbaAddress(a) {
    // known only to Terraform: it appends the prefix length by the same rule
    if ((0, token_aware_1.isStringToken)(a))
        return `${a}${(0, token_aware_1.tokenText)().hbaPrefixLength(a)}`;
    if (a.includes('/'))
        return a;
    if (/^\d+\.\d+\.\d+\.\d+$/.test(a))
        return `${a}/32`;
    if (a.includes(':'))
        return `${a}/128`;
    return a;
}
/** The marker lines around the library's block; per cluster, so two clusters keep their own. */
function hbaBlockMarkers(clusterName) {
    return { begin: `# BEGIN cdktf-barman:${clusterName}`, end: `# END cdktf-barman:${clusterName}` };
}
/**
 * The block of pg_hba.conf that lets every Barman server in: `barman` to the postgres database and
 * `streaming_barman` for replication, from each server's client addresses. Every Postgres instance
 * gets it (restores and backups of replicas too). It goes first in the file: the first match wins.
 */
function renderHbaBlock(graph, p) {
    const s = p.settings;
    const type = s.hbaHostssl ? 'hostssl' : 'host';
    const { begin, end } = hbaBlockMarkers(graph.clusterName);
    const lines = [`${begin} (Barman's access; replaced on every apply)`];
    for (const server of graph.barmanServers) {
        for (const a of server.clientAddresses) {
            lines.push(`${type} postgres ${barman_roles_sql_1.BARMAN_DB_USER} ${hbaAddress(a)} ${s.hbaMethod}`);
            lines.push(`${type} replication ${barman_roles_sql_1.STREAMING_DB_USER} ${hbaAddress(a)} ${s.hbaMethod}`);
        }
    }
    lines.push(end);
    return lines.map((l) => `${l}\n`).join('');
}
