/** A dotted-quad IPv4 address, each part 0-255 in plain decimal (no 127.1, 0x7f000001 or 010.0.0.1). */
export declare function isIpv4(text: string): boolean;
/** An IPv6 address without a zone id (`%eth0` means nothing to pg_hba.conf or from=). */
export declare function isIpv6(text: string): boolean;
/**
 * sshd compares from= with the client's IP address only (it resolves names only with UseDNS yes,
 * off by default): a host name there would never match and lock the key out.
 */
export declare function isFromPattern(address: string): boolean;
/** Whether a connection could come from an address both lists allow (host names: assume yes). */
export declare function addressListsOverlap(a: readonly string[], b: readonly string[]): boolean;
