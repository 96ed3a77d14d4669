/**
 * authorized_keys and known_hosts are shared with whoever else manages the host: the library marks
 * its own lines with a trailing comment so that an apply replaces exactly them and nothing else.
 */

/** Comment that ends every managed line; per cluster, so clusters sharing a host keep their own. */
export function managedMarker(clusterName: string): string {
  return `cdktf-barman:${clusterName}`;
}

/** `TYPE BASE64` of an OpenSSH public key line (drops any comment and trailing newline). */
export function keyBody(publicKey: string): string {
  // a Terraform reference (known at apply time) is kept whole
  if (publicKey.includes('${')) return publicKey.trim();
  return publicKey.trim().split(/\s+/).slice(0, 2).join(' ');
}

/**
 * `comment` is `user@cluster`: who the key belongs to, for a person reading the file; `options`
 * (restrict, from=, command=) go in front, the marker stays last.
 */
export function authorizedKeyLine(publicKey: string, comment: string, clusterName: string, options?: string): string {
  return `${options === undefined ? '' : `${options} `}${keyBody(publicKey)} ${comment} ${managedMarker(clusterName)}`;
}

/** ssh writes non-default ports as [host]:port in known_hosts. */
export function knownHostsPattern(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

export function knownHostsLine(address: string, port: number, hostKey: string, clusterName: string): string {
  return `${knownHostsPattern(address, port)} ${keyBody(hostKey)} ${managedMarker(clusterName)}`;
}

/** The lines to keep when re-applying: everything not carrying this cluster's marker. */
export function isManagedLine(line: string, clusterName: string): boolean {
  return line.trimEnd().endsWith(` ${managedMarker(clusterName)}`);
}
