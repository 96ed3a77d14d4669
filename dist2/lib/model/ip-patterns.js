"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isIpv4 = isIpv4;
exports.isIpv6 = isIpv6;
exports.isFromPattern = isFromPattern;
exports.addressListsOverlap = addressListsOverlap;
/**
 * IP addresses and CIDRs as sshd's from= and pg_hba.conf match them (never host names): the one
 * strict parser for every address that reaches either file.
 */
const node_net_1 = require("node:net");
const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
/** A dotted-quad IPv4 address, each part 0-255 in plain decimal (no 127.1, 0x7f000001 or 010.0.0.1). */
function isIpv4(text) {
    return DOTTED_QUAD.test(text) && (0, node_net_1.isIPv4)(text);
}
/** An IPv6 address without a zone id (`%eth0` means nothing to pg_hba.conf or from=). */
function isIpv6(text) {
    return !text.includes('%') && (0, node_net_1.isIPv6)(text);
}
/** An IP address or CIDR (prefix 0-32 / 0-128); undefined for anything else, host names included. */
function parse(pattern) {
    const [address, len, ...rest] = pattern.split('/');
    if (rest.length > 0)
        return undefined;
    const v6 = isIpv6(address);
    if (!v6 && !isIpv4(address))
        return undefined;
    const max = v6 ? 128 : 32;
    const bits = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
    return Number.isInteger(bits) && bits >= 0 && bits <= max ? { v6, address, bits } : undefined;
}
/**
 * sshd compares from= with the client's IP address only (it resolves names only with UseDNS yes,
 * off by default): a host name there would never match and lock the key out.
 */
function isFromPattern(address) {
    return parse(address) !== undefined;
}
const v4Number = (a) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
/** Whether one connection could match both patterns (IPv6 CIDRs are assumed to overlap any IPv6). */
function overlaps(a, b) {
    if (a.v6 !== b.v6)
        return false;
    if (a.v6)
        return a.bits < 128 || b.bits < 128 || a.address.toLowerCase() === b.address.toLowerCase();
    const bits = Math.min(a.bits, b.bits);
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return ((v4Number(a.address) & mask) >>> 0) === ((v4Number(b.address) & mask) >>> 0);
}
/** Whether a connection could come from an address both lists allow (host names: assume yes). */
function addressListsOverlap(a, b) {
    return a.some((x) => b.some((y) => {
        const px = parse(x);
        const py = parse(y);
        return px === undefined || py === undefined ? true : overlaps(px, py);
    }));
}
