import { KeyAlgorithm } from '../model/enums';
import { BarmanGraph } from '../model/graph';
import { Construct, ITerraformDependable } from '../platform/cdktf';
import { StatusTargets } from '../status/targets';
import { BackupEdgeConfig } from './backup-edge-config';
import { BarmanServerConfig } from './barman-server-config';
import { HostConnectionProps } from './host-connection';
import { ProvisionerResourceType } from './host-provisioner';
import { ClusterSource } from './cluster-source';
import { PostgresAccess } from './postgres-access';
import { SshKeyPairs, SuppliedKeyPairs } from './ssh-key-pairs';
import { BarmanActivation } from './barman-activation';
import { DatabasePasswords, SuppliedDatabasePasswords } from './database-passwords';
import { PostgresConfig } from './postgres-config';
import { PostgresRoles } from './postgres-roles';
/** Everything but the graph: how the graph becomes Terraform. */
export interface BarmanClusterOptions {
    /** @default ProvisionerResourceType.NULL_RESOURCE */
    readonly resourceType?: ProvisionerResourceType;
    /** how Terraform reaches the hosts @default - root, ssh agent, each instance's connection host and port */
    readonly connection?: HostConnectionProps;
    /**
     * prefix of every logical id (a Terraform name); two clusters of one stack must not share one
     * @default - the construct id, lower case, other characters than letters, digits and '_' as '_'
     * ('barman' for the id 'barman')
     */
    readonly idPrefix?: string;
    /**
     * what every resource of the cluster waits for (e.g. the hosts it configures); so does
     * `cluster.node.addDependency(...)` @default - nothing
     */
    readonly dependsOn?: ITerraformDependable[];
    /** @default KeyAlgorithm.ED25519 */
    readonly keyAlgorithm?: KeyAlgorithm;
    /** @default 4096 */
    readonly rsaBits?: number;
    /** curve of ECDSA keys: P224, P256, P384 or P521 @default P256 */
    readonly ecdsaCurve?: string;
    /** one key pair per host and user instead of per cluster and user @default false */
    readonly perHostKeys?: boolean;
    /** bring the key pairs instead of generating them (no private key in state) @default - generated */
    readonly suppliedKeys?: SuppliedKeyPairs;
    /**
     * create Barman's database roles on the primaries, its pg_hba.conf entries on every Postgres
     * instance, the WAL commands, and ~barman/.pgpass on the Barman servers @default true
     */
    readonly manageDatabaseAccess?: boolean;
    /** passwords of the barman and streaming_barman roles @default - generated once, kept in state */
    readonly databasePasswords?: SuppliedDatabasePasswords;
    /**
     * after everything is in place, activate each instance on each Barman server (slot,
     * receive-wal, first WAL segment, optional first backup) and fail the apply unless
     * `barman check` passes @default - same as manageDatabaseAccess
     */
    readonly activate?: boolean;
}
/** The cluster (exactly one of `instances`, `configFile` and `graph`) and how it becomes Terraform. */
export interface BarmanClusterProps extends BarmanClusterOptions, ClusterSource {
}
/**
 * Barman across a cluster: SSH key pairs, each Barman server's configuration, each backed-up
 * instance on each of its Barman servers, and each Postgres instance's access.
 */
export declare class BarmanCluster extends Construct {
    /** a cluster from a TPA-style config.yml; throws InvalidConfigError listing every problem */
    static fromConfigFile(scope: Construct, id: string, configFile: string, options?: BarmanClusterOptions): BarmanCluster;
    readonly graph: BarmanGraph;
    /** the prefix of every logical id of this cluster */
    readonly idPrefix: string;
    readonly keys: SshKeyPairs;
    readonly servers: readonly BarmanServerConfig[];
    readonly backups: readonly BackupEdgeConfig[];
    readonly postgresAccess: readonly PostgresAccess[];
    /** the database passwords, when the library manages database access */
    readonly databasePasswords?: DatabasePasswords;
    readonly postgresConfigs: readonly PostgresConfig[];
    readonly postgresRoles: readonly PostgresRoles[];
    readonly activations: readonly BarmanActivation[];
    /**
     * what `cdktf-barman status` needs to probe this cluster's Barman servers (no secrets):
     * `BarmanStack` puts it in the output `<prefix>_status_targets` as JSON; in a stack of your own,
     * add `new TerraformOutput(stack, 'barman_status_targets', { value: JSON.stringify(cluster.statusTargets) })`
     */
    readonly statusTargets: StatusTargets;
    constructor(scope: Construct, id: string, props: BarmanClusterProps);
    /** public key (OpenSSH `TYPE BASE64`) of the postgres user's pair on `instanceName` */
    postgresPublicKey(instanceName: string): string;
    /** public key of the barman user's pair on `instanceName` */
    barmanPublicKey(instanceName: string): string;
}
