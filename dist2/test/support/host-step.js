"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HOST_PROGRAM = void 0;
exports.runStep = runStep;
exports.runInProgram = runInProgram;
exports.runInline = runInline;
/**
 * Running steps of the host program (lib/scripts/shell/*.sh, assembled in HOST_PROGRAM) for real
 * with sh, as the test suites of test/scripts do: a step with its arguments (standaloneCommand),
 * the remote-exec inline lines written to a file and run with `sh FILE` as Terraform runs them, or
 * a body of shell evaluated after the host program's functions are defined (to call one function
 * with test doubles in place).
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const host_program_1 = require("../../lib/scripts/host-program");
Object.defineProperty(exports, "HOST_PROGRAM", { enumerable: true, get: function () { return host_program_1.HOST_PROGRAM; } });
const remote_command_1 = require("../../lib/scripts/remote-command");
function result(r) {
    return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}
/** runs one step as standaloneCommand makes it: `sh -c 'HOST_PROGRAM\nSTEP ARG... "$@"' cdktf-barman EXTRA...` */
function runStep(s, o = {}) {
    const [cmd, ...args] = (0, remote_command_1.standaloneCommand)(s);
    return result((0, node_child_process_1.spawnSync)(cmd, [...args, ...(o.extraArgs ?? [])], { cwd: o.cwd, env: o.env ?? process.env, encoding: 'utf8', timeout: 120_000 }));
}
/** the host program's functions defined (its setup done), then `body` evaluated as one step: `eval BODY` */
function runInProgram(body, o = {}) {
    return runStep({ step: 'eval', args: [body] }, o);
}
/** inline lines as Terraform uploads them: one file, run with `sh FILE` (the file removes itself) */
function runInline(file, lines, o = {}) {
    (0, node_fs_1.writeFileSync)(file, lines.join('\n') + '\n');
    return result((0, node_child_process_1.spawnSync)('sh', [file], { cwd: o.cwd, env: o.env ?? process.env, encoding: 'utf8', timeout: 120_000 }));
}
