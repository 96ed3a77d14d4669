"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.writeFilesArgs = writeFilesArgs;
exports.barmanServerScript = barmanServerScript;
exports.backupEdgeScript = backupEdgeScript;
exports.postgresAccessScript = postgresAccessScript;
const settings_1 = require("../model/settings");
const host_files_1 = require("../render/host-files");
const ssh_lines_1 = require("../render/ssh-lines");
const pgpass_1 = require("../render/pgpass");
const edge_removal_1 = require("./edge-removal");
/** the kinds whose content shell/files.sh takes as an argument, in layout order */
const hasContent = (f) => f.kind === host_files_1.FileKind.FILE || (f.kind === host_files_1.FileKind.MANAGED_LINES && (f.authorizedKeys !== undefined || f.knownHosts !== undefined));
/**
 * The arguments of shell/files.sh's write_files: the drift policy, the layout and the content of
 * each file that has one, all from the resource's triggers (the same text the plan shows).
 */
function writeFilesArgs(policy, files, clusterName, overrides) {
    return [
        policy.host,
        policy.owner,
        policy.allowOverrides ? '1' : '0',
        overrides?.barmanHome ?? '',
        overrides?.server ?? '',
        clusterName === '' ? '' : (0, ssh_lines_1.managedMarker)(clusterName),
        { trigger: 'layout', content: (0, host_files_1.fileLayout)(files) },
        ...files.filter(hasContent).map((f) => ({ trigger: f.path, content: f.content ?? '' })),
    ];
}
/**
 * A Barman server's own configuration (shell/server.sh). Also reconciles: the instances an earlier
 * apply configured and the graph no longer has are retired (their resources are gone, and
 * Terraform runs no destroy provisioner for a resource removed from the configuration).
 */
function barmanServerScript(graph, server, files) {
    const s = server.settings;
    const list = files.find((f) => f.kind === host_files_1.FileKind.MANAGED_LIST);
    const markers = (0, pgpass_1.pgpassBlockMarkers)(graph.clusterName, '');
    const policy = { host: server.name, owner: server.name, allowOverrides: s.allowOverrides };
    return {
        step: 'barman_server',
        args: [
            server.name,
            s.barmanUser,
            s.barmanGroup,
            s.barmanHome,
            s.postgresBinDir,
            String(s.postgresVersion),
            s.logFile,
            (0, edge_removal_1.removedBackupsArg)(server),
            list.path,
            { trigger: list.path, content: list.content ?? '' },
            (0, pgpass_1.pgpassPath)(server),
            markers.begin,
            markers.end,
            ...writeFilesArgs(policy, files, graph.clusterName, { barmanHome: s.barmanHome }),
        ],
    };
}
/** One backed-up instance on one Barman server: its Barman section and its cron file (shell/backup-edge.sh). */
function backupEdgeScript(edge, files) {
    const s = edge.instance.settings;
    // the instance's own setting decides for its section and cron file on the Barman server
    const policy = { host: edge.server.name, owner: edge.instance.name, allowOverrides: s.allowOverrides };
    const overrides = { barmanHome: edge.server.settings.barmanHome, server: edge.backupName };
    return {
        step: 'backup_edge',
        args: [edge.server.name, edge.instance.name, settings_1.COMPRESSOR_PROGRAMS.get(s.compression) ?? '', ...writeFilesArgs(policy, files, '', overrides)],
    };
}
/** A Postgres instance's side: the postgres user's keys, barman's key authorized, Barman hosts known (shell/postgres-access.sh). */
function postgresAccessScript(graph, p, files) {
    const s = p.settings;
    const policy = { host: p.name, owner: p.name, allowOverrides: s.allowOverrides };
    return { step: 'postgres_access', args: [s.postgresUser, s.postgresGroup, s.postgresHome, ...writeFilesArgs(policy, files, graph.clusterName)] };
}
