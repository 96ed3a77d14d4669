"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.logicalIds = void 0;
exports.idPart = idPart;
exports.clusterIdPrefix = clusterIdPrefix;
exports.logicalIdCollisions = logicalIdCollisions;
/**
 * Readable, deterministic logical ids from the graph. They are the state contract: changing one
 * destroys and recreates the resource, so they depend only on names, never on order or hashes.
 */
function idPart(name) {
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
function clusterIdPrefix(constructId, idPrefix) {
    if (idPrefix !== undefined) {
        if (!TERRAFORM_NAME.test(idPrefix)) {
            throw new Error(`idPrefix ${JSON.stringify(idPrefix)} is not a terraform name: use letters, digits, '_' and '-', starting with a letter or '_'`);
        }
        return idPrefix;
    }
    const safe = constructId.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    return /^[a-z_]/.test(safe) ? safe : `_${safe}`;
}
exports.logicalIds = {
    sshKey: (prefix, user, host) => `${prefix}_ssh_key_${user}${host ? `_${idPart(host)}` : ''}`,
    server: (prefix, server) => `${prefix}_server_${idPart(server)}`,
    backup: (prefix, instance, server) => `${prefix}_backup_${idPart(instance)}_on_${idPart(server)}`,
    postgresAccess: (prefix, instance) => `${prefix}_postgres_access_${idPart(instance)}`,
    postgresConfig: (prefix, instance) => `${prefix}_postgres_config_${idPart(instance)}`,
    postgresRoles: (prefix, instance) => `${prefix}_postgres_roles_${idPart(instance)}`,
    activation: (prefix, instance, server) => `${prefix}_activate_${idPart(instance)}_on_${idPart(server)}`,
};
/**
 * Every collision of the ids that names alone decide ('a' on 'b.on.c' and 'a.on.b' on 'c' are both
 * ..._backup_a_on_b_on_c). The prefix is the same for every id, so the answer does not depend on it.
 */
function logicalIdCollisions(edges, servers, postgresInstances, prefix = 'barman') {
    const seen = new Map();
    const out = [];
    const claim = (id, what, edge) => {
        const other = seen.get(id);
        if (other !== undefined)
            out.push({ id, first: other, second: what, edge });
        else
            seen.set(id, what);
    };
    for (const e of edges)
        claim(exports.logicalIds.backup(prefix, e.instance, e.server), `backups of '${e.instance}' on '${e.server}'`, e);
    for (const s of servers)
        claim(exports.logicalIds.server(prefix, s), `Barman server '${s}'`);
    for (const p of postgresInstances)
        claim(exports.logicalIds.postgresAccess(prefix, p), `Postgres instance '${p}'`);
    return out;
}
