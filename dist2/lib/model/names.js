"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_FILE_NAME_BYTES = exports.isIpv4 = void 0;
exports.isLoginName = isLoginName;
exports.normalizeName = normalizeName;
exports.isHostName = isHostName;
exports.isHostKeyLine = isHostKeyLine;
exports.isAddress = isAddress;
exports.shortName = shortName;
exports.slotName = slotName;
exports.cronFileName = cronFileName;
const ip_patterns_1 = require("./ip-patterns");
Object.defineProperty(exports, "isIpv4", { enumerable: true, get: function () { return ip_patterns_1.isIpv4; } });
/** Linux's NAME_MAX: the bytes of one path component (a file or directory name) */
exports.MAX_FILE_NAME_BYTES = 255;
const LOGIN_NAME = /^[a-z_][a-z0-9_.-]*\$?$/i;
/**
 * A login name as useradd takes it (with Samba's trailing '$'), at most 32 characters: nothing a
 * shell, a path or Terraform reads specially. The rule for every connection user (CLI and props).
 */
function isLoginName(text) {
    return text.length <= 32 && LOGIN_NAME.test(text);
}
/** TPA's normalisation of instance names: lower-case, '_' to '-'. */
function normalizeName(name) {
    return name.toLowerCase().replace(/_/g, '-');
}
const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const HOST_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
/** one part of an address as inet_aton reads it: decimal, octal (leading 0) or hex (0x) */
const INET_ATON_PART = /^(?:0x[0-9a-f]*|\d+)$/i;
/** A host name as DNS and TPA accept it (dotted FQDNs allowed), at most 253 characters. */
function isHostName(name) {
    return name.length <= 253 && HOST_NAME.test(name) && name.split('.').every((l) => l.length <= 63);
}
/** One sshd public key line, `TYPE BASE64`, of a type the library accepts (no comment). */
function isHostKeyLine(text) {
    return /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521)) [A-Za-z0-9+/]+={0,3}$/.test(text);
}
/** What may stand after `host=` in a conninfo and after `user@` in ssh. */
function isAddress(text) {
    // what the resolver would read as an IPv4 address (10.0.0.300, 127.1, 0x7f000001) must be a plain
    // dotted quad: a DNS name's last label is never all-numeric, and the other forms are typos or tricks
    if (looksLikeIpv4(text))
        return (0, ip_patterns_1.isIpv4)(text);
    if (text.includes(':'))
        return (0, ip_patterns_1.isIpv6)(text);
    return isHostName(text.toLowerCase());
}
/** Whether inet_aton (and so ssh, libpq and sshd's from=) would read the text as an IPv4 address. */
function looksLikeIpv4(text) {
    const parts = text.split('.');
    return (parts.length <= 4 && parts.every((p) => INET_ATON_PART.test(p))) || /^[0-9.]+$/.test(text);
}
/** The name up to the first dot. */
function shortName(name) {
    const dot = name.indexOf('.');
    return dot < 0 ? name : name.slice(0, dot);
}
/** Replication slot of a Barman server: `backup_` + its short name with '-' turned to '_'. */
function slotName(barmanServerName) {
    return `backup_${shortName(barmanServerName).replace(/-/g, '_')}`;
}
/** cron ignores /etc/cron.d names with anything outside [A-Za-z0-9_-]. */
function cronFileName(backupName) {
    return backupName.replace(/[^A-Za-z0-9_-]/g, '_');
}
