"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GUARD_SCRIPT_PATH = exports.GUARD_DIR = void 0;
exports.renderGuardScript = renderGuardScript;
const managed_header_1 = require("./managed-header");
const shell_quote_1 = require("./shell-quote");
exports.GUARD_DIR = '/usr/local/lib/cdktf-barman';
exports.GUARD_SCRIPT_PATH = `${exports.GUARD_DIR}/barman-home-ok`;
/** Exits non-zero on a half-built host so the cron entries stay quiet instead of mailing errors. */
function renderGuardScript(server) {
    return [
        '#!/bin/sh',
        (0, managed_header_1.managedHeader)('#', 'lets cron run Barman only once Barman and its home exist').trimEnd(),
        '[ -x /usr/bin/barman ] || exit 1',
        `[ -d ${(0, shell_quote_1.shellQuote)(server.settings.barmanHome)} ] || exit 1`,
        'exit 0',
        '',
    ].join('\n');
}
