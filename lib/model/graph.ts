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
export class BarmanGraph {
  private readonly byName: ReadonlyMap<string, Instance>;
  private readonly byServer = new Map<Instance, BackupEdge[]>();
  private readonly byInstance = new Map<Instance, BackupEdge[]>();

  constructor(
    public readonly clusterName: string,
    public readonly instances: readonly Instance[],
    public readonly edges: readonly BackupEdge[],
    /** warnings found while building it (errors throw instead) */
    public readonly warnings: readonly Diagnostic[] = [],
    /** rules for values given as Terraform tokens, checked at plan/apply time (see token-checks.ts) */
    public readonly tokenChecks: readonly TokenCheck[] = [],
    /**
     * Postgres instances leaving Barman (barman_retired): in none of the lists above, only here,
     * so that the library can clean their hosts once
     */
    public readonly retiredInstances: readonly Instance[] = [],
  ) {
    this.byName = new Map(instances.map((i) => [i.name, i]));
    for (const e of edges) {
      pushTo(this.byServer, e.server, e);
      pushTo(this.byInstance, e.instance, e);
    }
  }

  get barmanServers(): Instance[] {
    return this.instances.filter((i) => i.isBarmanServer);
  }

  get postgresInstances(): Instance[] {
    return this.instances.filter((i) => i.isPostgres);
  }

  instance(name: string): Instance {
    const i = this.byName.get(name);
    if (!i) throw new Error(`no instance named '${name}' in cluster '${this.clusterName}'`);
    return i;
  }

  /** the instances backed up to this Barman server */
  edgesOnServer(server: Instance): BackupEdge[] {
    return this.byServer.get(server) ?? [];
  }

  /** where the instance's own data comes from: following `upstream` to an instance that has none */
  upstreamRoot(instance: Instance): Instance {
    let current = instance;
    const seen = new Set<Instance>();
    while (current.upstream !== undefined && !seen.has(current)) {
      seen.add(current);
      const next = this.byName.get(current.upstream);
      if (!next) break;
      current = next;
    }
    return current;
  }

  /**
   * Where a replica's restore_command fetches WAL: the first backed-up instance of its replication
   * tree (its upstream root first), on that instance's first Barman server.
   */
  walRestoreEdge(instance: Instance): BackupEdge | undefined {
    const root = this.upstreamRoot(instance);
    const own = this.edgesOfInstance(root)[0];
    if (own) return own;
    return this.edges.find((e) => e.instance !== instance && this.upstreamRoot(e.instance) === root);
  }

  /** the Barman servers this instance is backed up to */
  edgesOfInstance(instance: Instance): BackupEdge[] {
    return this.byInstance.get(instance) ?? [];
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
