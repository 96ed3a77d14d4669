"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.keyLines = keyLines;
const ip_patterns_1 = require("../model/ip-patterns");
const authorized_key_options_1 = require("./authorized-key-options");
const token_aware_1 = require("./token-aware");
const wal_gate_1 = require("./wal-gate");
const uniq = (xs) => [...new Set(xs)];
/**
 * The authorized_keys lines for these clients. Unrestricted: one line per key. Restricted: sshd
 * takes the FIRST line whose key and from= both match (measured with OpenSSH 9.2), so a key shared
 * by several hosts gets one line per group of hosts whose addresses can overlap, each with its own
 * from= and grants. A host name in any address drops from= for that key (it could never match) and
 * merges its lines into one, so no client is ever locked out.
 */
function keyLines(clients, restrict) {
    const byKey = new Map();
    for (const c of clients) {
        const list = byKey.get(c.key);
        if (list)
            list.push(c);
        else
            byKey.set(c.key, [c]);
    }
    const out = [];
    for (const group of byKey.values()) {
        if (!restrict) {
            out.push({ ref: group[0].ref });
            continue;
        }
        // a token stays in from=: its value must be an IP address or CIDR (a precondition checks it)
        if (group.some((c) => !c.addresses.every((a) => (0, ip_patterns_1.isFromPattern)(a) || (0, token_aware_1.isStringToken)(a)))) {
            out.push(line(group, false));
            continue;
        }
        // without a forced command, separate lines would grant the same: one line, every address
        if (group.every((c) => c.grants === undefined))
            out.push(line(group, true));
        else
            for (const merged of overlapping(group))
                out.push(line(merged, true));
    }
    return out;
}
function line(clients, withFrom) {
    const grants = clients.some((c) => c.grants !== undefined) ? uniq(clients.flatMap((c) => c.grants ?? [])) : undefined;
    const options = (0, authorized_key_options_1.authorizedKeyOptions)({
        from: withFrom ? uniq(clients.flatMap((c) => c.addresses)) : undefined,
        command: grants === undefined ? undefined : (0, wal_gate_1.walGateCommand)(grants),
    });
    return { ref: clients[0].ref, options };
}
/** Clients joined (transitively) when a connection could match the addresses of both. */
function overlapping(group) {
    const sets = [];
    for (const c of group) {
        const hit = sets.filter((s) => s.some((o) => (0, ip_patterns_1.addressListsOverlap)(o.addresses, c.addresses)));
        const joined = [...hit.flat(), c];
        for (const h of hit)
            sets.splice(sets.indexOf(h), 1);
        sets.push(joined);
    }
    // in the order of each set's first client, so the file is stable
    const order = (c) => group.indexOf(c);
    return sets.map((s) => [...s].sort((a, b) => order(a) - order(b))).sort((a, b) => order(a[0]) - order(b[0]));
}
