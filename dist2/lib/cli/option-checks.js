"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.connectionUserProblem = connectionUserProblem;
exports.scriptPathProblem = scriptPathProblem;
const diagnostics_1 = require("../model/diagnostics");
const names_1 = require("../model/names");
/** the characters of a safe absolute path; Terraform replaces %RAND% in a script path */
const SAFE_SCRIPT_PATH = /^\/[A-Za-z0-9._/+@-]+$/;
const RAND = /%RAND%/g;
/** world-writable directories: another user could swap the script before it runs */
const SHARED_DIRS = ['/tmp', '/var/tmp', '/dev/shm'];
/** Why `--connection-user` cannot be used, or undefined. */
function connectionUserProblem(user) {
    return (0, names_1.isLoginName)(user) ? undefined : `--connection-user ${(0, diagnostics_1.showValue)(user)} is not a user name: letters, digits, '_', '.' and '-', starting with a letter or '_'`;
}
/** Why `--script-path` cannot be used, or undefined. */
function scriptPathProblem(path) {
    const plain = path.replace(RAND, 'x');
    const parts = path.split('/').slice(1);
    if (!SAFE_SCRIPT_PATH.test(plain) || path.endsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..')) {
        return `--script-path ${(0, diagnostics_1.showValue)(path)} must be an absolute file path of letters, digits and . _ / + @ - (plus %RAND%), without '.', '..' or empty parts`;
    }
    const shared = SHARED_DIRS.find((d) => path === d || path.startsWith(`${d}/`));
    if (shared !== undefined)
        return `--script-path ${(0, diagnostics_1.showValue)(path)} is under ${shared}, where other users can replace the script: use a directory only the connection user can enter, e.g. /home/USER/.cdktf-barman-%RAND%.sh`;
    return undefined;
}
