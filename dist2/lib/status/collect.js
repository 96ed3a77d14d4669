"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_TIMEOUT_SECONDS = void 0;
exports.statusTargetsOf = statusTargetsOf;
exports.probeServer = probeServer;
exports.assembleReport = assembleReport;
exports.collectStatusFromTargets = collectStatusFromTargets;
exports.collectStatus = collectStatus;
const host_files_1 = require("../render/host-files");
const key_material_1 = require("../render/key-material");
const evaluate_1 = require("./evaluate");
const probe_output_1 = require("./probe-output");
const probe_script_1 = require("./probe-script");
const ssh_runner_1 = require("./ssh-runner");
const targets_1 = require("./targets");
exports.DEFAULT_TIMEOUT_SECONDS = 30;
/** The status targets of a graph: the files rendered as the stack renders them (keys left out). */
function statusTargetsOf(graph) {
    const plans = new Map((0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys()).map((p) => [p.instance, p.files]));
    return (0, targets_1.statusTargets)(graph, (s) => plans.get(s) ?? []);
}
/** ssh's reason for failing: its last lines, without blank ones. */
function sshError(r, timeout) {
    if (r.timedOut)
        return `no answer within ${timeout * 10} s (ssh stopped)`;
    const lines = r.stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    return lines.slice(-2).join(' ') || `ssh exited ${r.code}`;
}
/** Probes one server: one ssh session running the probe script. */
async function probeServer(server, connection, run = ssh_runner_1.runOverSsh) {
    const x = connection.port === undefined ? server : { ...server, port: connection.port };
    const timeout = connection.timeout ?? exports.DEFAULT_TIMEOUT_SECONDS;
    const target = { host: x.host, port: x.port, user: connection.user ?? 'root', identityFile: connection.identityFile, knownHostsFile: connection.knownHostsFile, bastionHost: connection.bastionHost, timeout };
    const script = (0, probe_script_1.probeScript)({ backupNames: x.backups.map((e) => e.backupName), files: Object.keys(x.files), barmanHome: x.barmanHome, connectTimeout: Math.min(timeout, 10) });
    const r = await run(target, script);
    const output = (0, probe_output_1.parseProbeOutput)(r.stdout);
    // ssh failed, or sudo refused before the probe printed anything
    const ran = !r.timedOut && r.code !== 255 && output.now !== null;
    const outcome = ran || (r.timedOut && output.now !== null) ? { ran: true, output } : { ran: false, reachable: !r.timedOut && r.code !== 255, error: sshError(r, timeout) };
    return (0, evaluate_1.evaluateServer)(x, outcome);
}
/** The report of every Barman server (probed in parallel). */
function assembleReport(cluster, servers) {
    const failureCount = servers.reduce((n, s) => n + s.failures.length + s.instances.reduce((m, i) => m + i.failures.length, 0), 0);
    return { formatVersion: 2, cluster, ok: failureCount === 0, failureCount, servers };
}
/** The health of every Barman server of a cluster: one ssh session each, in parallel. */
async function collectStatusFromTargets(targets, connection = {}, run = ssh_runner_1.runOverSsh) {
    const servers = await Promise.all(targets.servers.map((x) => probeServer(x, connection, run)));
    return assembleReport(targets.cluster, servers);
}
/** collectStatusFromTargets for a graph (a config.yml, or graphFromProps). */
async function collectStatus(graph, connection = {}, run = ssh_runner_1.runOverSsh) {
    return collectStatusFromTargets(statusTargetsOf(graph), connection, run);
}
