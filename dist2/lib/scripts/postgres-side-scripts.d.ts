import { BackupEdge, BarmanGraph, Instance } from '../model/graph';
import { HostFile } from '../render/host-files';
import { HostScript } from './remote-command';
/** the trigger that shows the ALTER SYSTEM statements of a Postgres instance in the plan */
export declare const SETTINGS_SQL_TRIGGER = "ALTER SYSTEM (postgresql.auto.conf)";
/** the trigger that shows the roles' SQL in the plan */
export declare const ROLES_SQL_TRIGGER = "roles.sql";
/**
 * A Postgres instance's side: the pg_hba.conf block first in the file (checked with
 * pg_hba_file_rules after a reload; the old file comes back on error), then the WAL commands.
 */
export declare function postgresConfigScript(graph: BarmanGraph, p: Instance, hba: HostFile): HostScript;
/**
 * The visible half of the roles step. Terraform hides all output of a provisioner that carries a
 * sensitive value (the secret step below), so what is likely to go wrong (PostgreSQL down, a
 * standby) is checked first here, where the operator reads the message.
 */
export declare function postgresRolesCheckScript(primary: Instance): HostScript;
/** Barman's roles on a primary; the barman and streaming_barman passwords come as secret files after these arguments. */
export declare function postgresRolesScript(primary: Instance): HostScript;
/** One instance's lines in ~barman/.pgpass on its Barman server; the two passwords come as secret files. */
export declare function pgpassScript(edge: BackupEdge, pgpass: HostFile): HostScript;
/**
 * Activation of one instance on one Barman server, after its roles, pg_hba.conf and .pgpass exist
 * (shell/activation.sh): slot, receive-wal, one archived WAL segment, an optional first backup,
 * then `barman check`, whose real failures fail the apply with Barman's own words.
 */
export declare function activationScript(edge: BackupEdge): HostScript;
