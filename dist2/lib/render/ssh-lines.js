"use strict";
/**
 * authorized_keys and known_hosts are shared with whoever else manages the host: the library marks
 * its own lines with a trailing comment so that an apply replaces exactly them and nothing else.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.managedMarker = managedMarker;
exports.keyBody = keyBody;
exports.authorizedKeyLine = authorizedKeyLine;
exports.knownHostsPattern = knownHostsPattern;
exports.knownHostsLine = knownHostsLine;
exports.isManagedLine = isManagedLine;
/** Comment that ends every managed line; per cluster, so clusters sharing a host keep their own. */
function managedMarker(clusterName) {
    return `cdktf-barman:${clusterName}`;
}
/** `TYPE BASE64` of an OpenSSH public key line (drops any comment and trailing newline). */
function keyBody(publicKey) {
    // a Terraform reference (known at apply time) is kept whole
    if (publicKey.includes('${'))
        return publicKey.trim();
    return publicKey.trim().split(/\s+/).slice(0, 2).join(' ');
}
/**
 * `comment` is `user@cluster`: who the key belongs to, for a person reading the file; `options`
 * (restrict, from=, command=) go in front, the marker stays last.
 */
function authorizedKeyLine(publicKey, comment, clusterName, options) {
    return `${options === undefined ? '' : `${options} `}${keyBody(publicKey)} ${comment} ${managedMarker(clusterName)}`;
}
/** ssh writes non-default ports as [host]:port in known_hosts. */
function knownHostsPattern(address, port) {
    return port === 22 ? address : `[${address}]:${port}`;
}
function knownHostsLine(address, port, hostKey, clusterName) {
    return `${knownHostsPattern(address, port)} ${keyBody(hostKey)} ${managedMarker(clusterName)}`;
}
/** The lines to keep when re-applying: everything not carrying this cluster's marker. */
function isManagedLine(line, clusterName) {
    return line.trimEnd().endsWith(` ${managedMarker(clusterName)}`);
}
