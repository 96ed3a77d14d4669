/**
 * Readable, deterministic logical ids from the graph. They are the state contract: changing one
 * destroys and recreates the resource, so they depend only on names, never on order or hashes.
 */
export function idPart(name: string): string {
  // instance names are [a-z0-9.-]; '.' is the only character Terraform ids do not allow
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

export const logicalIds = {
  sshKey: (prefix: string, user: string, host?: string) => `${prefix}_ssh_key_${user}${host ? `_${idPart(host)}` : ''}`,
  server: (prefix: string, server: string) => `${prefix}_server_${idPart(server)}`,
  backup: (prefix: string, instance: string, server: string) => `${prefix}_backup_${idPart(instance)}_on_${idPart(server)}`,
  postgresAccess: (prefix: string, instance: string) => `${prefix}_postgres_access_${idPart(instance)}`,
  postgresConfig: (prefix: string, instance: string) => `${prefix}_postgres_config_${idPart(instance)}`,
  postgresRoles: (prefix: string, instance: string) => `${prefix}_postgres_roles_${idPart(instance)}`,
  activation: (prefix: string, instance: string, server: string) => `${prefix}_activate_${idPart(instance)}_on_${idPart(server)}`,
};
