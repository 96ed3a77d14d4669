/**
 * Who may log in with one key, as the graph says: the host it belongs to, the addresses its
 * connections come from, and (on a Barman server) what the WAL gate grants it.
 */
export interface KeyClient<R> {
    readonly ref: R;
    /** the key itself, to group clients that share one (cluster keys) */
    readonly key: string;
    readonly addresses: readonly string[];
    /** WAL gate grants (`put-wal:NAME`); undefined: no forced command */
    readonly grants?: readonly string[];
}
export interface KeyLine<R> {
    readonly ref: R;
    /** authorized_keys options; undefined: an unrestricted line */
    readonly options?: string;
}
/**
 * The authorized_keys lines for these clients. Unrestricted: one line per key. Restricted: sshd
 * takes the FIRST line whose key and from= both match (measured with OpenSSH 9.2), so a key shared
 * by several hosts gets one line per group of hosts whose addresses can overlap, each with its own
 * from= and grants. A host name in any address drops from= for that key (it could never match) and
 * merges its lines into one, so no client is ever locked out.
 */
export declare function keyLines<R>(clients: readonly KeyClient<R>[], restrict: boolean): KeyLine<R>[];
