"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.load = load;
exports.configArgument = configArgument;
exports.summary = summary;
const tpa_config_1 = require("../config/tpa-config");
const diagnostics_1 = require("../model/diagnostics");
const command_line_1 = require("./command-line");
function printDiagnostics(ds, io) {
    for (const d of ds)
        io.err((0, diagnostics_1.formatDiagnostic)(d) + '\n');
}
/** Loads and validates, printing warnings or every error; undefined when invalid. */
function load(file, io) {
    try {
        const g = (0, tpa_config_1.loadGraphFromFile)(file);
        printDiagnostics(g.warnings, io);
        return g;
    }
    catch (e) {
        if (e instanceof diagnostics_1.InvalidConfigError) {
            printDiagnostics(e.diagnostics, io);
            const n = e.diagnostics.filter((d) => d.severity === diagnostics_1.Severity.ERROR).length;
            io.err(`${file}: ${n} error${n === 1 ? '' : 's'}, nothing written\n`);
            return undefined;
        }
        throw e;
    }
}
/** The one CONFIG argument of a command. */
function configArgument(args) {
    if (args.positional.length !== 1)
        throw new command_line_1.UsageError(`expected exactly one CONFIG file, got ${args.positional.length}`);
    return args.positional[0];
}
/** `FILE: ok: cluster 'x', 2 instances, ...` */
function summary(file, g) {
    const servers = g.barmanServers.length;
    const backedUp = new Set(g.edges.map((e) => e.instance)).size;
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return `${file}: ok: cluster '${g.clusterName}', ${plural(g.instances.length, 'instance')}, ${plural(servers, 'Barman server')}, ${plural(backedUp, 'backed-up instance')}, ${plural(g.edges.length, 'backup edge')}`;
}
