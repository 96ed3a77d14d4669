"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.VALIDATE = void 0;
exports.validateCommand = validateCommand;
const command_line_1 = require("./command-line");
const load_config_1 = require("./load-config");
exports.VALIDATE = {
    name: 'validate',
    synopsis: 'CONFIG',
    summary: 'check a TPA-style config.yml: a one-line summary, or every error as CONFIG:LINE:COL',
    details: 'Prints each error as CONFIG:LINE:COL: error: MESSAGE (instance, key and the fix), warnings\nthe same way; exit 1 when there is an error.',
    options: [],
};
function validateCommand(args, io) {
    const file = (0, load_config_1.configArgument)(args);
    const g = (0, load_config_1.load)(file, io);
    if (!g)
        return command_line_1.EXIT_INVALID;
    io.out((0, load_config_1.summary)(file, g) + '\n');
    return command_line_1.EXIT_OK;
}
