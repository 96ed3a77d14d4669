"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.USAGE = exports.EXIT_USAGE = exports.EXIT_OK = exports.EXIT_INVALID = exports.EXIT_INTERNAL = void 0;
exports.version = version;
exports.main = main;
exports.runCli = runCli;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const diagnostics_1 = require("../model/diagnostics");
const command_line_1 = require("./command-line");
const staged_output_1 = require("./staged-output");
const render_command_1 = require("./render-command");
const status_1 = require("./status");
const synth_command_1 = require("./synth-command");
const validate_command_1 = require("./validate-command");
var command_line_2 = require("./command-line");
Object.defineProperty(exports, "EXIT_INTERNAL", { enumerable: true, get: function () { return command_line_2.EXIT_INTERNAL; } });
Object.defineProperty(exports, "EXIT_INVALID", { enumerable: true, get: function () { return command_line_2.EXIT_INVALID; } });
Object.defineProperty(exports, "EXIT_OK", { enumerable: true, get: function () { return command_line_2.EXIT_OK; } });
Object.defineProperty(exports, "EXIT_USAGE", { enumerable: true, get: function () { return command_line_2.EXIT_USAGE; } });
const COMMANDS = [
    { spec: validate_command_1.VALIDATE, run: validate_command_1.validateCommand },
    { spec: render_command_1.RENDER, run: render_command_1.renderCommand },
    { spec: synth_command_1.SYNTH, run: synth_command_1.synthCommand },
    { spec: status_1.STATUS, run: (args, io) => (0, status_1.statusCommand)(args, io) },
];
/** `cdktf-barman --help` */
exports.USAGE = (0, command_line_1.globalHelp)(COMMANDS.map((c) => c.spec));
const stdio = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
/** The package's version, from its package.json (dist/lib/cli -> the package root). */
function version() {
    const pkg = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    return pkg.version;
}
/** Runs one command; returns the exit code. Usage errors are one line on stderr. */
async function main(args, io = stdio, commands = COMMANDS) {
    const [name, ...rest] = args;
    if (name === undefined) {
        io.err("usage: cdktf-barman <command> [options]: see 'cdktf-barman --help' for the commands\n");
        return command_line_1.EXIT_USAGE;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
        const topic = name === 'help' ? rest[0] : undefined;
        const c = commands.find((x) => x.spec.name === topic);
        if (topic !== undefined && c === undefined) {
            io.err(`cdktf-barman help: unknown command ${(0, diagnostics_1.showValue)(topic)}: see 'cdktf-barman --help'\n`);
            return command_line_1.EXIT_USAGE;
        }
        io.out(c === undefined ? exports.USAGE : (0, command_line_1.commandHelp)(c.spec));
        return command_line_1.EXIT_OK;
    }
    if (name === '--version' || name === 'version') {
        io.out(`cdktf-barman ${version()}\n`);
        return command_line_1.EXIT_OK;
    }
    const command = commands.find((c) => c.spec.name === name);
    if (command === undefined) {
        io.err(`cdktf-barman: unknown command ${(0, diagnostics_1.showValue)(name)}: see 'cdktf-barman --help' (commands: ${commands.map((c) => c.spec.name).join(', ')})\n`);
        return command_line_1.EXIT_USAGE;
    }
    try {
        const parsed = (0, command_line_1.parseArgs)(rest, command.spec.options);
        if (parsed.options.has('help')) {
            io.out((0, command_line_1.commandHelp)(command.spec));
            return command_line_1.EXIT_OK;
        }
        return await command.run(parsed, io);
    }
    catch (e) {
        if (e instanceof command_line_1.UsageError) {
            io.err(`cdktf-barman ${name}: ${e.message} (see 'cdktf-barman ${name} --help')\n`);
            return command_line_1.EXIT_USAGE;
        }
        if (e instanceof staged_output_1.OutputError) {
            io.err(`cdktf-barman ${name}: ${e.message}\n`);
            return command_line_1.EXIT_INVALID;
        }
        throw e;
    }
}
/**
 * main, with every unexpected exception turned into one line and exit 70 (the stack only with
 * CDKTF_BARMAN_DEBUG=1); a system error still escaping (e.g. DIR unreadable) is exit 1.
 */
async function runCli(args, io = stdio, command = main) {
    try {
        return await command(args, io);
    }
    catch (e) {
        const debug = process.env.CDKTF_BARMAN_DEBUG === '1';
        let code = command_line_1.EXIT_INTERNAL;
        if ((0, staged_output_1.isSystemError)(e)) {
            io.err(`cdktf-barman: ${(0, staged_output_1.describeSystemError)(e)}: fix that and run again; nothing written\n`);
            code = command_line_1.EXIT_INVALID;
        }
        else {
            const message = e instanceof Error ? e.message : String(e);
            io.err(`cdktf-barman: internal error: ${(0, diagnostics_1.showValue)(message.split('\n')[0])}: this is a bug, please report it with the command line and config (set CDKTF_BARMAN_DEBUG=1 for the stack trace)\n`);
        }
        if (debug)
            io.err(`${e instanceof Error ? e.stack : String(e)}\n`);
        return code;
    }
}
