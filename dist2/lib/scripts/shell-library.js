"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SHELL_LIBRARY = void 0;
const shell_assets_1 = require("./shell-assets");
/**
 * Functions every host step uses, and the setup every step starts with (shell/common.sh): POSIX
 * sh; every write goes to a temp file beside its target and is renamed into place.
 */
exports.SHELL_LIBRARY = (0, shell_assets_1.shellFile)('common.sh');
