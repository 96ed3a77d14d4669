import { Instance } from '../../model/graph';
import { renderBarmanRolesSql } from '../../render/barman-roles-sql';
import { onPostgres } from '../../scripts/on-postgres';
import { HostScript } from '../../scripts/remote-command';

/** the trigger that shows the roles' SQL in the plan */
export const ROLES_SQL_TRIGGER = 'roles.sql';

/**
 * The visible half of the roles step (shell/postgres-steps.sh). Terraform hides all output of a
 * provisioner that carries a sensitive value (the secret step below), so what is likely to go
 * wrong (PostgreSQL down, a standby) is checked first here, where the operator reads the message.
 */
export function postgresRolesCheckScript(primary: Instance): HostScript {
  return onPostgres(primary, 'roles_check', [primary.name]);
}

/** Barman's roles on a primary; the barman and streaming_barman passwords come as secret files after these arguments. */
export function postgresRolesScript(primary: Instance): HostScript {
  return onPostgres(primary, 'roles_create', [primary.name, { trigger: ROLES_SQL_TRIGGER, content: renderBarmanRolesSql(primary) }]);
}
