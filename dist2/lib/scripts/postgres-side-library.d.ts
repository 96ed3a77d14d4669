/**
 * Shell functions for the Postgres side, added after SHELL_LIBRARY: SQL as the postgres user over
 * the local socket, and a marked block at the top of a shared file (pg_hba.conf, where the first
 * matching line wins) or at its end (.pgpass).
 */
export declare const POSTGRES_SIDE_LIBRARY: string;
