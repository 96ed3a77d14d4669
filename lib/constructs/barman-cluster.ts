import { InvalidConfigError, Severity, formatDiagnostic } from '../model/diagnostics';
import { KeyAlgorithm, Role, SshUser } from '../model/enums';
import { BarmanGraph, Instance } from '../model/graph';
import { HostFile } from '../render/host-files';
import { Annotations, Aspects, Construct, IConstruct, ITerraformDependable, TerraformResource, NullProvider, TerraformProvider, TerraformStack, TlsProvider, Token, dependable } from '../platform/cdktf';
import { StatusTargets, statusTargets } from '../status/targets';
import { addTokenPreconditions } from './token-preconditions';
import { sharedServersOf } from './shared-servers';
import { BackupEdgeConfig } from '../concerns/backup-edge/backup-edge-config';
import { BarmanServerConfig } from '../concerns/barman-server/barman-server-config';
import { HostConnectionProps } from './host-connection';
import { ProvisionerResourceType } from './host-provisioner';
import { applyClusterDependencies } from './cluster-dependencies';
import { claimIdPrefix } from './cluster-ids';
import { ClusterSource, graphOfSource } from './cluster-source';
import { clusterIdPrefix, logicalIdCollisions, logicalIds } from './logical-ids';
import { PostgresAccess } from '../concerns/postgres-access/postgres-access';
import { SshKeyPairs, SuppliedKeyPairs } from './ssh-key-pairs';
import { BarmanActivation } from '../concerns/activation/barman-activation';
import { DatabasePasswords, SuppliedDatabasePasswords } from './database-passwords';
import { PostgresConfig } from '../concerns/postgres-config/postgres-config';
import { PostgresRoles } from '../concerns/postgres-roles/postgres-roles';
import { PostgresRetirement } from '../concerns/postgres-retirement/postgres-retirement';
import { Preflight } from '../concerns/preflight/preflight';

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
  /**
   * the cluster of this stack that owns the Barman servers this one marks barman_shared (same
   * address): this cluster's Postgres instances authorize the owner's barman key, its resources on
   * those servers wait for the owner's, and conflicting Barman-server settings or backup names are
   * an error naming both clusters at synth
   * @default - none: a barman_shared server's owner is in another stack, so suppliedKeys must carry
   * the owner's barman key pair (as TPA's shared Barman copies `id_barman`)
   */
  readonly serverOwner?: BarmanCluster;
  /**
   * let each host's preflight install the packages its roles need and lacks (TPA-like): apt-get
   * on Debian/Ubuntu (barman, barman-cli, postgresql-client-<major>, rsync, cron, ...), dnf or yum
   * on the RHEL family (barman, barman-cli, postgresql<major> from PGDG, rsync, cronie, ...),
   * without questions; an unknown OS family fails. PostgreSQL itself is never installed. Off, the
   * preflight only reports what is missing, with the package names, and fails the apply
   * @default false
   */
  readonly installPackages?: boolean;
}

/** The cluster (exactly one of `instances`, `configFile` and `graph`) and how it becomes Terraform. */
export interface BarmanClusterProps extends BarmanClusterOptions, ClusterSource {}

/**
 * Barman across a cluster: SSH key pairs, each Barman server's configuration, each backed-up
 * instance on each of its Barman servers, and each Postgres instance's access.
 */
export class BarmanCluster extends Construct {
  /** a cluster from a TPA-style config.yml; throws InvalidConfigError listing every problem */
  public static fromConfigFile(scope: Construct, id: string, configFile: string, options: BarmanClusterOptions = {}): BarmanCluster {
    return new BarmanCluster(scope, id, { ...options, configFile });
  }

  public readonly graph: BarmanGraph;
  /** the prefix of every logical id of this cluster */
  public readonly idPrefix: string;
  public readonly keys: SshKeyPairs;
  public readonly servers: readonly BarmanServerConfig[];
  public readonly backups: readonly BackupEdgeConfig[];
  public readonly postgresAccess: readonly PostgresAccess[];
  /** the database passwords, when the library manages database access */
  public readonly databasePasswords?: DatabasePasswords;
  public readonly postgresConfigs: readonly PostgresConfig[];
  public readonly postgresRoles: readonly PostgresRoles[];
  public readonly activations: readonly BarmanActivation[];
  /** one per instance leaving Barman (barman_retired) */
  public readonly retirements: readonly PostgresRetirement[];
  /** one per host: what its roles need, checked before anything is written on it */
  public readonly preflights: readonly Preflight[];
  /**
   * what `cdktf-barman status` needs to probe this cluster's Barman servers (no secrets):
   * `BarmanStack` puts it in the output `<prefix>_status_targets` as JSON; in a stack of your own,
   * add `new TerraformOutput(stack, 'barman_status_targets', { value: JSON.stringify(cluster.statusTargets) })`
   */
  public readonly statusTargets: StatusTargets;

  constructor(scope: Construct, id: string, props: BarmanClusterProps) {
    super(scope, id);
    const graph = graphOfSource(props);
    this.graph = graph;
    const prefix = clusterIdPrefix(id, props.idPrefix);
    this.idPrefix = prefix;
    const resourceType = props.resourceType ?? ProvisionerResourceType.NULL_RESOURCE;
    const connection = props.connection ?? {};
    for (const w of graph.warnings) Annotations.of(this).addWarning(formatDiagnostic(w));

    assertDistinctIds(graph, prefix);
    claimIdPrefix(this, prefix);
    applyClusterDependencies(this, props.dependsOn ?? []);
    ensureProviders(this, resourceType === ProvisionerResourceType.NULL_RESOURCE, props.suppliedKeys === undefined);
    this.keys = new SshKeyPairs(this, 'keys', {
      graph,
      idPrefix: prefix,
      algorithm: props.keyAlgorithm,
      rsaBits: props.rsaBits,
      ecdsaCurve: props.ecdsaCurve,
      perHostKeys: props.perHostKeys,
      suppliedKeys: props.suppliedKeys,
    });

    const shared = shareServers(this, graph, props);

    const manage = props.manageDatabaseAccess ?? true;
    const activate = props.activate ?? manage;
    const passwords = manage ? new DatabasePasswords(this, 'database-passwords', { idPrefix: prefix, supplied: props.databasePasswords }) : undefined;
    this.databasePasswords = passwords;

    // first, on every host, what its roles need: nothing is written on a host, nor a backup to or
    // from it set up, until it passed (afterPreflights)
    const installPackages = props.installPackages ?? false;
    this.preflights = graph.instances
      .filter((i) => i.isBarmanServer || i.isPostgres)
      .map((i) => new Preflight(this, `preflight-${i.name}`, { graph, host: i, installPackages, resourceType, connection, logicalId: logicalIds.preflight(prefix, i.name) }));
    const preflightOf = new Map(this.preflights.map((p) => [p.host, p]));
    const afterPreflightOf = (r: TerraformResource, ...hosts: Instance[]) => afterPreflights(r, preflightOf, hosts);

    // each concern's construct renders its own files
    const access = new Map<Instance, PostgresAccess>();
    const configs = new Map<Instance, PostgresConfig>();
    const roles = new Map<Instance, PostgresRoles>();
    for (const p of graph.postgresInstances) {
      access.set(p, new PostgresAccess(this, `postgres-${p.name}`, { graph, instance: p, keys: this.keys, resourceType, connection, logicalId: logicalIds.postgresAccess(prefix, p.name) }));
      afterPreflightOf(access.get(p)!.resource, p);
      if (!manage || graph.barmanServers.length === 0) continue;
      configs.set(p, new PostgresConfig(this, `postgres-config-${p.name}`, { graph, instance: p, resourceType, connection, logicalId: logicalIds.postgresConfig(prefix, p.name) }));
      afterPreflightOf(configs.get(p)!.resource, p);
      // replicas receive the roles from their primary
      if (!p.roles.includes(Role.REPLICA)) {
        roles.set(p, new PostgresRoles(this, `postgres-roles-${p.name}`, { primary: p, passwords: passwords!, resourceType, connection, logicalId: logicalIds.postgresRoles(prefix, p.name) }));
        afterPreflightOf(roles.get(p)!.resource, p);
      }
    }

    const servers: BarmanServerConfig[] = [];
    const backups: BackupEdgeConfig[] = [];
    const activations: BarmanActivation[] = [];
    // what status compares on each Barman server: its own files and its backup edges'
    const serverFiles = new Map<Instance, HostFile[]>();
    for (const s of graph.barmanServers) {
      const server = new BarmanServerConfig(this, `server-${s.name}`, { graph, server: s, keys: this.keys, resourceType, connection, logicalId: logicalIds.server(prefix, s.name) });
      servers.push(server);
      afterPreflightOf(server.resource, s);
      // the owner's server step first: this one checks what it wrote
      const owner = shared.get(s);
      if (owner) server.node.addDependency(owner);
      const files = [...server.files];
      serverFiles.set(s, files);
      for (const e of graph.edgesOnServer(s)) {
        const backup = new BackupEdgeConfig(this, `backup-${e.instance.name}-on-${s.name}`, {
          edge: e,
          clusterName: graph.clusterName,
          resourceType,
          connection,
          logicalId: logicalIds.backup(prefix, e.instance.name, s.name),
          serverConfig: server.resource,
          passwords,
        });
        backups.push(backup);
        // its server's preflight comes through the server resource
        afterPreflightOf(backup.resource, e.instance);
        files.push(...backup.files);
        if (!activate) continue;
        // the roles come from the instance's primary; for a replica whose upstream is not given, from any primary
        const primary = graph.upstreamRoot(e.instance);
        const primaryRoles = roles.has(primary) ? [roles.get(primary)!.resource] : [...roles.values()].map((r) => r.resource);
        if (manage && primaryRoles.length === 0) {
          throw new Error(`instance '${e.instance.name}' is a replica with no primary in the graph to create Barman's roles on: add its primary and set upstream: <primary>, or set manageDatabaseAccess: false and create the roles yourself`);
        }
        // the backup edge waits for its server already: Terraform orders by every path, not only direct entries
        const before = [backup.resource, access.get(e.instance)?.resource, configs.get(e.instance)?.resource, ...primaryRoles];
        activations.push(
          new BarmanActivation(this, `activate-${e.instance.name}-on-${s.name}`, {
            edge: e,
            serverConf: backup.serverConf,
            resourceType,
            connection,
            logicalId: logicalIds.activation(prefix, e.instance.name, s.name),
            dependsOn: before.filter((r): r is TerraformResource => r !== undefined),
          }),
        );
      }
    }
    // instances leaving Barman: after their servers retired their backups, their hosts are cleaned
    this.retirements = graph.retiredInstances.map(
      (p) =>
        new PostgresRetirement(this, `retire-${p.name}`, {
          graph,
          instance: p,
          resourceType,
          connection,
          logicalId: logicalIds.retirement(prefix, p.name),
          after: servers.map((s) => s.resource),
          manageDatabaseAccess: manage,
        }),
    );
    this.servers = servers;
    this.backups = backups;
    this.postgresAccess = [...access.values()];
    this.postgresConfigs = [...configs.values()];
    this.postgresRoles = [...roles.values()];
    this.activations = activations;
    // a file whose content Terraform knows only at apply time cannot be compared
    this.statusTargets = statusTargets(graph, (s) => (serverFiles.get(s) ?? []).filter((f) => f.content === undefined || !Token.isUnresolved(f.content)));
    // values given as Terraform tokens are checked at plan/apply time, by every resource using them
    addTokenPreconditions(this, graph.tokenChecks);
  }

  /** public key (OpenSSH `TYPE BASE64`) of the postgres user's pair on `instanceName` */
  public postgresPublicKey(instanceName: string): string {
    return this.keys.publicKey(SshUser.POSTGRES, this.graph.instance(instanceName));
  }

  /** public key of the barman user's pair on `instanceName` */
  public barmanPublicKey(instanceName: string): string {
    return this.keys.publicKey(SshUser.BARMAN, this.graph.instance(instanceName));
  }
}

/**
 * The barman_shared servers of the cluster, each with its owner's server construct; their barman
 * key becomes the owner's. Without serverOwner the owner is elsewhere: only supplied keys can carry
 * its barman key.
 */
function shareServers(cluster: BarmanCluster, graph: BarmanGraph, props: BarmanClusterProps): Map<Instance, BarmanServerConfig> {
  const out = new Map<Instance, BarmanServerConfig>();
  const owner = props.serverOwner;
  if (owner === undefined) {
    const shared = graph.barmanServers.filter((s) => s.settings.barmanShared);
    if (shared.length > 0 && props.suppliedKeys === undefined) {
      throw new InvalidConfigError([{ severity: Severity.ERROR, message: `${shared.map((s) => `'${s.name}'`).join(', ')} ${shared.length === 1 ? 'is' : 'are'} barman_shared in '${cluster.node.path}': the barman key there is the owning cluster's, so this cluster cannot generate one; pass serverOwner (the owning BarmanCluster of this stack) or suppliedKeys with the owner's barman key pair` }]);
    }
    return out;
  }
  const pairs = sharedServersOf({ path: cluster.node.path, graph }, { path: owner.node.path, graph: owner.graph });
  for (const { server, ownerServer } of pairs) {
    cluster.keys.useOwnersBarmanKey(server, owner.keys, ownerServer);
    out.set(server, owner.servers.find((c) => c.server === ownerServer)!);
  }
  return out;
}

/**
 * Makes `resource` wait for the preflights of `hosts`. Each writing resource waits for its own
 * host's; a backup edge for its Postgres instance's too (its server's comes through the server
 * resource); an activation and a retirement through the resources they follow. Never a barrier
 * over every preflight: Terraform records every resource's dependencies transitively (in the
 * state too), so one resource that every other depends on, depending on every preflight, made
 * every resource depend on every host and the plan quadratic (291 s at 1,000 instances; 45 s with
 * per-host edges).
 */
function afterPreflights(resource: TerraformResource, preflights: ReadonlyMap<Instance, Preflight>, hosts: readonly Instance[]): void {
  const wanted = hosts.map((h) => preflights.get(h)).filter((p): p is Preflight => p !== undefined);
  if (wanted.length > 0) resource.dependsOn = [...(resource.dependsOn ?? []), ...wanted.map((p) => dependable(p.resource))];
}

/** Names with dots can map to one id ('a' on 'b.on.c', 'a.on.b' on 'c'): refuse rather than drop one. */
function assertDistinctIds(graph: BarmanGraph, prefix: string): void {
  // validation reports these already; a graph built by other means still gets a clear error, never a crash
  const collisions = logicalIdCollisions(
    graph.edges.map((e) => ({ instance: e.instance.name, server: e.server.name })),
    graph.barmanServers.map((s) => s.name),
    graph.postgresInstances.map((p) => p.name),
    prefix,
  );
  if (collisions.length > 0) {
    throw new InvalidConfigError(collisions.map((c) => ({ severity: Severity.ERROR, message: `${c.second} and ${c.first} would both get the Terraform id '${c.id}': rename one instance` })));
  }
}

/** Adds the null and tls providers only where the stack has none, relaxing the prebuilt pins. */
function ensureProviders(scope: Construct, needNull: boolean, needTls: boolean): void {
  const stack = TerraformStack.of(scope);
  const has = (type: string) => stack.node.findAll().some((c) => isDefaultProvider(c, type));
  if (needNull && !has('null')) {
    yieldToLaterProvider(stack, new NullProvider(stack, 'null'));
    // accept the estate's lock file anywhere within the major version
    stack.addOverride('terraform.required_providers.null.version', '>= 3.2, < 4.0');
  }
  if (needTls && !has('tls')) {
    yieldToLaterProvider(stack, new TlsProvider(stack, 'tls'));
    stack.addOverride('terraform.required_providers.tls.version', '>= 4.0, < 5.0');
  }
}

/** a provider block without alias: the one resources use unless told otherwise */
function isDefaultProvider(c: IConstruct, type: string): boolean {
  return TerraformProvider.isTerraformProvider(c) && (c as TerraformProvider).terraformResourceType === type && (c as TerraformProvider).alias === undefined;
}

/** A provider the estate declares after the cluster wins: ours is dropped before synthesis. */
function yieldToLaterProvider(stack: TerraformStack, ours: TerraformProvider): void {
  Aspects.of(stack).add({
    visit(node) {
      if (node !== stack) return;
      const others = stack.node.findAll().filter((c) => c !== ours && isDefaultProvider(c, ours.terraformResourceType));
      if (others.length > 0) stack.node.tryRemoveChild(ours.node.id);
    },
  });
}
