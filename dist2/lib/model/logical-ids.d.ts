/**
 * Readable, deterministic logical ids from the graph. They are the state contract: changing one
 * destroys and recreates the resource, so they depend only on names, never on order or hashes.
 */
export declare function idPart(name: string): string;
/**
 * The prefix of a cluster's logical ids: `idPrefix` when given, else the construct id made safe
 * for Terraform (lower case, anything but letters, digits and '_' as '_'). The id 'barman', which
 * BarmanStack and the CLI use, gives 'barman': the ids of earlier releases.
 */
export declare function clusterIdPrefix(constructId: string, idPrefix?: string): string;
export declare const logicalIds: {
    sshKey: (prefix: string, user: string, host?: string) => string;
    server: (prefix: string, server: string) => string;
    backup: (prefix: string, instance: string, server: string) => string;
    postgresAccess: (prefix: string, instance: string) => string;
    postgresConfig: (prefix: string, instance: string) => string;
    postgresRoles: (prefix: string, instance: string) => string;
    activation: (prefix: string, instance: string, server: string) => string;
};
/** Two things of the graph that would get one Terraform id. */
export interface IdCollision {
    readonly id: string;
    readonly first: string;
    readonly second: string;
    /** the edge (instance on server) of the second claim, when it is one */
    readonly edge?: {
        readonly instance: string;
        readonly server: string;
    };
}
/**
 * Every collision of the ids that names alone decide ('a' on 'b.on.c' and 'a.on.b' on 'c' are both
 * ..._backup_a_on_b_on_c). The prefix is the same for every id, so the answer does not depend on it.
 */
export declare function logicalIdCollisions(edges: readonly {
    readonly instance: string;
    readonly server: string;
}[], servers: readonly string[], postgresInstances: readonly string[], prefix?: string): IdCollision[];
