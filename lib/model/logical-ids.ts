/**
 * Readable, deterministic logical ids from the graph. They are the state contract: changing one
 * destroys and recreates the resource, so they depend only on names, never on order or hashes.
 */
export function idPart(name: string): string {
  // instance names are [a-z0-9.-]; '.' is the only character Terraform ids do not allow
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** What Terraform accepts as a resource, variable or output name. */
const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * The prefix of a cluster's logical ids: `idPrefix` when given, else the construct id made safe
 * for Terraform (lower case, anything but letters, digits and '_' as '_'). The id 'barman', which
 * BarmanStack and the CLI use, gives 'barman': the ids of earlier releases.
 */
export function clusterIdPrefix(constructId: string, idPrefix?: string): string {
  if (idPrefix !== undefined) {
    if (!TERRAFORM_NAME.test(idPrefix)) {
      throw new Error(`idPrefix ${JSON.stringify(idPrefix)} is not a terraform name: use letters, digits, '_' and '-', starting with a letter or '_'`);
    }
    return idPrefix;
  }
  const safe = constructId.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return /^[a-z_]/.test(safe) ? safe : `_${safe}`;
}

export const logicalIds = {
  sshKey: (prefix: string, user: string, host?: string) => `${prefix}_ssh_key_${user}${host ? `_${idPart(host)}` : ''}`,
  server: (prefix: string, server: string) => `${prefix}_server_${idPart(server)}`,
  backup: (prefix: string, instance: string, server: string) => `${prefix}_backup_${idPart(instance)}_on_${idPart(server)}`,
  postgresAccess: (prefix: string, instance: string) => `${prefix}_postgres_access_${idPart(instance)}`,
  postgresConfig: (prefix: string, instance: string) => `${prefix}_postgres_config_${idPart(instance)}`,
  postgresRoles: (prefix: string, instance: string) => `${prefix}_postgres_roles_${idPart(instance)}`,
  activation: (prefix: string, instance: string, server: string) => `${prefix}_activate_${idPart(instance)}_on_${idPart(server)}`,
  retirement: (prefix: string, instance: string) => `${prefix}_retire_${idPart(instance)}`,
  preflight: (prefix: string, host: string) => `${prefix}_preflight_${idPart(host)}`,
};

/** Two things of the graph that would get one Terraform id. */
export interface IdCollision {
  readonly id: string;
  readonly first: string;
  readonly second: string;
  /** the edge (instance on server) of the second claim, when it is one */
  readonly edge?: { readonly instance: string; readonly server: string };
}

/**
 * Every collision of the ids that names alone decide ('a' on 'b.on.c' and 'a.on.b' on 'c' are both
 * ..._backup_a_on_b_on_c). The prefix is the same for every id, so the answer does not depend on it.
 */
export function logicalIdCollisions(
  edges: readonly { readonly instance: string; readonly server: string }[],
  servers: readonly string[],
  postgresInstances: readonly string[],
  prefix = 'barman',
): IdCollision[] {
  const seen = new Map<string, string>();
  const out: IdCollision[] = [];
  const claim = (id: string, what: string, edge?: { instance: string; server: string }) => {
    const other = seen.get(id);
    if (other !== undefined) out.push({ id, first: other, second: what, edge });
    else seen.set(id, what);
  };
  for (const e of edges) claim(logicalIds.backup(prefix, e.instance, e.server), `backups of '${e.instance}' on '${e.server}'`, e);
  for (const s of servers) claim(logicalIds.server(prefix, s), `Barman server '${s}'`);
  for (const p of postgresInstances) claim(logicalIds.postgresAccess(prefix, p), `Postgres instance '${p}'`);
  return out;
}
