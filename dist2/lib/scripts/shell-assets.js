"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SHELL_DIR = void 0;
exports.shellFile = shellFile;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** where the host shell files live: lib/scripts/shell in the sources, copied beside this module by the build */
exports.SHELL_DIR = (0, node_path_1.join)(__dirname, 'shell');
/**
 * One host shell file (lib/scripts/shell/NAME, shellchecked as a file by the tests), with its
 * `@NAME@` placeholders replaced by the library's own constants, so a path or a role name lives in
 * one place. A placeholder without a value is a programming error.
 */
function shellFile(name, values = {}) {
    const path = (0, node_path_1.join)(exports.SHELL_DIR, name);
    let text;
    try {
        text = (0, node_fs_1.readFileSync)(path, 'utf8');
    }
    catch {
        throw new Error(`${path} is missing: the build copies lib/scripts/shell/*.sh beside the compiled library (npm run build)`);
    }
    return text.replace(/@([A-Z][A-Z0-9_]*)@/g, (_, key) => {
        const value = values[key];
        if (value === undefined)
            throw new Error(`${name}: no value for the placeholder @${key}@`);
        return value;
    });
}
