/**
 * authorized_keys and known_hosts are shared with whoever else manages the host: the library marks
 * its own lines with a trailing comment so that an apply replaces exactly them and nothing else.
 */
/** Comment that ends every managed line; per cluster, so clusters sharing a host keep their own. */
export declare function managedMarker(clusterName: string): string;
/** `TYPE BASE64` of an OpenSSH public key line (drops any comment and trailing newline). */
export declare function keyBody(publicKey: string): string;
/**
 * `comment` is `user@cluster`: who the key belongs to, for a person reading the file; `options`
 * (restrict, from=, command=) go in front, the marker stays last.
 */
export declare function authorizedKeyLine(publicKey: string, comment: string, clusterName: string, options?: string): string;
/** ssh writes non-default ports as [host]:port in known_hosts. */
export declare function knownHostsPattern(address: string, port: number): string;
export declare function knownHostsLine(address: string, port: number, hostKey: string, clusterName: string): string;
/** The lines to keep when re-applying: everything not carrying this cluster's marker. */
export declare function isManagedLine(line: string, clusterName: string): boolean;
