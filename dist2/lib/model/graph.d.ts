import { Diagnostic } from './diagnostics';
import { EffectiveSettings } from './settings';
import { TokenCheck } from './token-checks';
/** An instance after validation, with its addresses and effective settings. */
export interface Instance {
    readonly name: string;
    readonly roles: readonly string[];
    /** roles contain `barman` */
    readonly isBarmanServer: boolean;
    /** roles make it a PostgreSQL instance (primary, replica, postgres, witness, bdr) */
    readonly isPostgres: boolean;
    /** what other hosts use to reach it (conninfo, ssh_command, known_hosts) */
    readonly address: string;
    /** what Terraform's SSH connection uses */
    readonly connectionHost: string;
    /**
     * the ssh user Terraform connects as, when the config names one (vars ansible_user): it wins over
     * the construct-wide connection user @default - the construct's connection user (root)
     */
    readonly connectionUser?: string;
    /**
     * the port Terraform connects to, when the config names one (vars ansible_port): it wins over the
     * construct-wide port; cluster_ssh_port stays the port the hosts use among themselves
     * @default - the construct's connection port, else cluster_ssh_port
     */
    readonly connectionPort?: number;
    readonly settings: EffectiveSettings;
    /** the Barman servers it is backed up to, in the order given */
    readonly backupServers: readonly string[];
    /** pinned sshd host public keys (`type base64`); empty: scanned at apply time */
    readonly sshHostKeys: readonly string[];
    /** the instance it replicates from, when it is a replica (TPA's `upstream`) */
    readonly upstream?: string;
    /**
     * the addresses or CIDRs this host's connections come from: pg_hba.conf (a Barman server's) and
     * from= in authorized_keys (either side); default its address
     */
    readonly clientAddresses: readonly string[];
}
/** One backed-up instance (B) on one Barman server (S). */
export interface BackupEdge {
    readonly instance: Instance;
    readonly server: Instance;
    /** Barman server name of B on S: section, /etc/barman.d file and directory under barman_home */
    readonly backupName: string;
    readonly slotName: string;
    /** file name under /etc/cron.d */
    readonly cronFileName: string;
    /** when its full backups run on this server: barman_backup_interval, staggered if the server staggers */
    readonly backupSchedule: string;
}
/** The validated instance graph: the only thing renderers and constructs see. */
export declare class BarmanGraph {
    readonly clusterName: string;
    readonly instances: readonly Instance[];
    readonly edges: readonly BackupEdge[];
    /** warnings found while building it (errors throw instead) */
    readonly warnings: readonly Diagnostic[];
    /** rules for values given as Terraform tokens, checked at plan/apply time (see token-checks.ts) */
    readonly tokenChecks: readonly TokenCheck[];
    private readonly byName;
    private readonly byServer;
    private readonly byInstance;
    constructor(clusterName: string, instances: readonly Instance[], edges: readonly BackupEdge[], 
    /** warnings found while building it (errors throw instead) */
    warnings?: readonly Diagnostic[], 
    /** rules for values given as Terraform tokens, checked at plan/apply time (see token-checks.ts) */
    tokenChecks?: readonly TokenCheck[]);
    get barmanServers(): Instance[];
    get postgresInstances(): Instance[];
    instance(name: string): Instance;
    /** the instances backed up to this Barman server */
    edgesOnServer(server: Instance): BackupEdge[];
    /** where the instance's own data comes from: following `upstream` to an instance that has none */
    upstreamRoot(instance: Instance): Instance;
    /**
     * Where a replica's restore_command fetches WAL: the first backed-up instance of its replication
     * tree (its upstream root first), on that instance's first Barman server.
     */
    walRestoreEdge(instance: Instance): BackupEdge | undefined;
    /** the Barman servers this instance is backed up to */
    edgesOfInstance(instance: Instance): BackupEdge[];
}
