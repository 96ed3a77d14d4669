import { Instance } from '../model/graph';
export declare const BARMAN_ROLE = "barman_role";
export declare const BARMAN_DB_USER = "barman";
export declare const STREAMING_DB_USER = "streaming_barman";
/**
 * Idempotent SQL that creates or corrects Barman's roles on a primary: `barman_role` holding exactly
 * the grants Barman needs, `barman` (LOGIN, not superuser, member of it) and `streaming_barman`
 * (LOGIN, REPLICATION). Passwords are not in it: psql variables :'barman_password' and
 * :'streaming_password' carry them, set from a file, never on a command line.
 */
export declare function renderBarmanRolesSql(primary: Instance): string;
