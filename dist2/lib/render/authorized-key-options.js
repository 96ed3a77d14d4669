"use strict";
/**
 * The options in front of a key in authorized_keys (sshd(8), AUTHORIZED_KEYS FILE FORMAT) that
 * limit what the key can do and from where.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.authorizedKeyOptions = authorizedKeyOptions;
const ip_patterns_1 = require("../model/ip-patterns");
const token_aware_1 = require("./token-aware");
/** `restrict` (no pty, no forwarding, no ~/.ssh/rc), then from= and command= when given. */
function authorizedKeyOptions(r) {
    const options = ['restrict'];
    if (r.from !== undefined) {
        const bad = r.from.filter((a) => !(0, ip_patterns_1.isFromPattern)(a) && !(0, token_aware_1.isStringToken)(a));
        if (bad.length > 0 || r.from.length === 0)
            throw new Error(`from= takes IP addresses or CIDRs, got '${r.from.join(',')}'`);
        options.push(`from="${r.from.join(',')}"`);
    }
    if (r.command !== undefined) {
        // inside the option's double quotes sshd unescapes only \" and keeps any other backslash
        if (/[\\\n\r]/.test(r.command))
            throw new Error(`a forced command may not hold a backslash or a newline: ${JSON.stringify(r.command)}`);
        options.push(`command="${r.command.replace(/"/g, '\\"')}"`);
    }
    return options.join(',');
}
