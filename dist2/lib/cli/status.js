"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATUS = void 0;
exports.statusCommand = statusCommand;
const node_fs_1 = require("node:fs");
const collect_1 = require("../status/collect");
const format_1 = require("../status/format");
const ssh_runner_1 = require("../status/ssh-runner");
const targets_from_outputs_1 = require("../status/targets-from-outputs");
const command_line_1 = require("./command-line");
const load_config_1 = require("./load-config");
const option_checks_1 = require("./option-checks");
exports.STATUS = {
    name: 'status',
    synopsis: 'CONFIG [options]\n       cdktf-barman status --outputs FILE [options]',
    summary: 'health of every Barman server: receive-wal, slot, WAL, backups, drift',
    details: `One ssh session per Barman server runs barman diagnose and barman check (read only); prints
per instance receive-wal, slot, WAL archive, last backup and its age against
last_backup_maximum_age, backups against minimum_redundancy, and every failure. A server that
cannot be reached is reported UNREACHABLE, its instances 'unreachable' (nothing is known of their
backups). Exit 1 on any failure: usable as a monitoring probe.

The servers come from CONFIG, or with --outputs from a deployed stack's outputs (the
<prefix>_status_targets output), where the addresses Terraform learnt at apply time are known:
  terraform output -json > outputs.json && cdktf-barman status --outputs outputs.json`,
    options: [
        { name: 'outputs', value: 'FILE', help: 'read the servers from `terraform output -json` or\n`cdktf output --outputs-file` instead of CONFIG (- reads stdin)' },
        { name: 'cluster', value: 'NAME', help: 'with --outputs holding several clusters: the one to check' },
        { name: 'json', help: 'one JSON document (formatVersion 2) instead of the table' },
        { name: 'connection-user', value: 'USER', help: 'root (default) or a user with passwordless sudo (sudo -n)' },
        { name: 'ssh-port', value: 'N', help: "default: each server's ansible_port, else cluster_ssh_port" },
        { name: 'identity-file', value: 'FILE', help: "ssh private key (default: ssh's agent and ~/.ssh)" },
        { name: 'known-hosts', value: 'FILE', help: 'known_hosts to check host keys against (always strict)' },
        { name: 'bastion-host', value: 'HOST', help: 'jump host ([user@]host[:port], ssh -J)' },
        { name: 'timeout', value: 'SECONDS', help: `ssh connect timeout (default ${collect_1.DEFAULT_TIMEOUT_SECONDS}); a server is given up after\n10 times this` },
    ],
};
function connectionOf(args) {
    const user = (0, command_line_1.valueOf)(args, 'connection-user');
    const problem = user === undefined ? undefined : (0, option_checks_1.connectionUserProblem)(user);
    if (problem !== undefined)
        throw new command_line_1.UsageError(problem);
    const port = (0, command_line_1.wholeNumber)(args, 'ssh-port', 1, 65535);
    const timeout = (0, command_line_1.wholeNumber)(args, 'timeout', 1, 3600);
    for (const name of ['identity-file', 'known-hosts', 'bastion-host']) {
        const v = (0, command_line_1.valueOf)(args, name);
        // ssh would read a leading '-' as an option, and a newline would break its -o line
        if (v !== undefined && (v.startsWith('-') || /[\0-\x1f]/.test(v)))
            throw new command_line_1.UsageError(`--${name} '${v}' must not start with '-' or hold control characters`);
    }
    return { user, port, identityFile: (0, command_line_1.valueOf)(args, 'identity-file'), knownHostsFile: (0, command_line_1.valueOf)(args, 'known-hosts'), bastionHost: (0, command_line_1.valueOf)(args, 'bastion-host'), timeout };
}
/** The targets from CONFIG or --outputs; undefined (after printing why) when they cannot be read. */
function targetsOf(args, io) {
    const outputs = (0, command_line_1.valueOf)(args, 'outputs');
    if (outputs === undefined) {
        if (args.options.has('cluster'))
            throw new command_line_1.UsageError('--cluster only chooses among the clusters of --outputs');
        if (args.positional.length !== 1)
            throw new command_line_1.UsageError(`expected exactly one CONFIG file (or --outputs FILE), got ${args.positional.length}`);
        const g = (0, load_config_1.load)(args.positional[0], io);
        return g === undefined ? undefined : (0, collect_1.statusTargetsOf)(g);
    }
    if (args.positional.length !== 0)
        throw new command_line_1.UsageError('give CONFIG or --outputs FILE, not both');
    const source = outputs === '-' ? 'stdin' : outputs;
    try {
        return (0, targets_from_outputs_1.readStatusTargets)((0, node_fs_1.readFileSync)(outputs === '-' ? 0 : outputs, 'utf8'), source, (0, command_line_1.valueOf)(args, 'cluster'));
    }
    catch (e) {
        if (!(e instanceof targets_from_outputs_1.StatusTargetsError))
            throw e;
        io.err(`cdktf-barman status: ${e.message}\n`);
        return undefined;
    }
}
/** `status`: 0 all OK, 1 any failure (or unreadable input), 2 usage error. */
async function statusCommand(args, io, run = ssh_runner_1.runOverSsh) {
    const connection = connectionOf(args);
    const targets = targetsOf(args, io);
    if (targets === undefined)
        return command_line_1.EXIT_INVALID;
    const report = await (0, collect_1.collectStatusFromTargets)(targets, connection, run);
    io.out(args.options.has('json') ? JSON.stringify(report, null, 2) + '\n' : (0, format_1.formatReport)(report));
    return report.ok ? command_line_1.EXIT_OK : command_line_1.EXIT_INVALID;
}
