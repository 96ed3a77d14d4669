import { shellFile } from './shell-assets';

/**
 * Shell functions for the Postgres side (shell/postgres-side.sh, part of the host program): SQL as the postgres user over
 * the local socket, and a marked block at the top of a shared file (pg_hba.conf, where the first
 * matching line wins) or at its end (.pgpass).
 */
export const POSTGRES_SIDE_LIBRARY = shellFile('postgres-side.sh');
