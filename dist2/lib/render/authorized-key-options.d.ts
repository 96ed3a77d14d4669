/**
 * The options in front of a key in authorized_keys (sshd(8), AUTHORIZED_KEYS FILE FORMAT) that
 * limit what the key can do and from where.
 */
export interface KeyRestriction {
    /** addresses or CIDRs the key may come from; omitted: from anywhere */
    readonly from?: readonly string[];
    /** forced command, run by the login shell whatever the client asked ($SSH_ORIGINAL_COMMAND) */
    readonly command?: string;
}
/** `restrict` (no pty, no forwarding, no ~/.ssh/rc), then from= and command= when given. */
export declare function authorizedKeyOptions(r: KeyRestriction): string;
