"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATUS_TARGETS_KIND = void 0;
exports.comparedFiles = comparedFiles;
exports.statusTargets = statusTargets;
/**
 * What `status` needs to know of a cluster before it looks: its Barman servers, where ssh reaches
 * them, the backups each holds with their thresholds, and the hash of every whole file the stack
 * writes there. Plain data: built from the instance graph, or read back from the stack's
 * `<prefix>_status_targets` output after an apply (where host addresses are known even when the
 * estate made them tokens).
 */
const node_crypto_1 = require("node:crypto");
const host_files_1 = require("../render/host-files");
exports.STATUS_TARGETS_KIND = 'cdktf-barman-status-targets';
/**
 * Whole files whose content status compares: key files (content known only at apply time) and
 * shared files (managed lines, blocks, .pgpass) are left out.
 */
function comparedFiles(files) {
    const out = {};
    for (const f of files) {
        if ((f.kind === host_files_1.FileKind.FILE || f.kind === host_files_1.FileKind.MANAGED_LIST) && f.publicKey === undefined && f.content !== undefined) {
            out[f.path] = (0, node_crypto_1.createHash)('sha256').update(f.content).digest('hex');
        }
    }
    return out;
}
/** The targets of a graph, from each Barman server's rendered files. */
function statusTargets(graph, filesOf) {
    return {
        kind: exports.STATUS_TARGETS_KIND,
        formatVersion: 1,
        cluster: graph.clusterName,
        servers: graph.barmanServers.map((s) => ({
            name: s.name,
            host: s.connectionHost,
            // how the operator reaches it, like Terraform: its ansible_port, else cluster_ssh_port
            port: s.connectionPort ?? s.settings.sshPort,
            barmanUser: s.settings.barmanUser,
            barmanHome: s.settings.barmanHome,
            backups: graph.edgesOnServer(s).map((e) => ({
                instance: e.instance.name,
                backupName: e.backupName,
                slotName: e.slotName,
                lastBackupMaximumAge: e.instance.settings.lastBackupMaximumAge,
                minimumRedundancy: e.instance.settings.minimumRedundancy,
            })),
            files: comparedFiles(filesOf(s)),
        })),
    };
}
