"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BarmanCluster = void 0;
const diagnostics_1 = require("../model/diagnostics");
const enums_1 = require("../model/enums");
const host_files_1 = require("../render/host-files");
const cdktf_1 = require("../platform/cdktf");
const targets_1 = require("../status/targets");
const token_preconditions_1 = require("./token-preconditions");
const backup_edge_config_1 = require("./backup-edge-config");
const barman_server_config_1 = require("./barman-server-config");
const host_provisioner_1 = require("./host-provisioner");
const cluster_dependencies_1 = require("./cluster-dependencies");
const cluster_ids_1 = require("./cluster-ids");
const cluster_source_1 = require("./cluster-source");
const logical_ids_1 = require("./logical-ids");
const postgres_access_1 = require("./postgres-access");
const ssh_key_pairs_1 = require("./ssh-key-pairs");
const barman_activation_1 = require("./barman-activation");
const database_passwords_1 = require("./database-passwords");
const postgres_config_1 = require("./postgres-config");
const postgres_roles_1 = require("./postgres-roles");
/**
 * Barman across a cluster: SSH key pairs, each Barman server's configuration, each backed-up
 * instance on each of its Barman servers, and each Postgres instance's access.
 */
class BarmanCluster extends cdktf_1.Construct {
    /** a cluster from a TPA-style config.yml; throws InvalidConfigError listing every problem */
    static fromConfigFile(scope, id, configFile, options = {}) {
        return new BarmanCluster(scope, id, { ...options, configFile });
    }
    graph;
    /** the prefix of every logical id of this cluster */
    idPrefix;
    keys;
    servers;
    backups;
    postgresAccess;
    /** the database passwords, when the library manages database access */
    databasePasswords;
    postgresConfigs;
    postgresRoles;
    activations;
    /**
     * what `cdktf-barman status` needs to probe this cluster's Barman servers (no secrets):
     * `BarmanStack` puts it in the output `<prefix>_status_targets` as JSON; in a stack of your own,
     * add `new TerraformOutput(stack, 'barman_status_targets', { value: JSON.stringify(cluster.statusTargets) })`
     */
    statusTargets;
    constructor(scope, id, props) {
        super(scope, id);
        const graph = (0, cluster_source_1.graphOfSource)(props);
        this.graph = graph;
        const prefix = (0, logical_ids_1.clusterIdPrefix)(id, props.idPrefix);
        this.idPrefix = prefix;
        const resourceType = props.resourceType ?? host_provisioner_1.ProvisionerResourceType.NULL_RESOURCE;
        const connection = props.connection ?? {};
        for (const w of graph.warnings)
            cdktf_1.Annotations.of(this).addWarning((0, diagnostics_1.formatDiagnostic)(w));
        assertDistinctIds(graph, prefix);
        (0, cluster_ids_1.claimIdPrefix)(this, prefix);
        (0, cluster_dependencies_1.applyClusterDependencies)(this, props.dependsOn ?? []);
        ensureProviders(this, resourceType === host_provisioner_1.ProvisionerResourceType.NULL_RESOURCE, props.suppliedKeys === undefined);
        this.keys = new ssh_key_pairs_1.SshKeyPairs(this, 'keys', {
            graph,
            idPrefix: prefix,
            algorithm: props.keyAlgorithm,
            rsaBits: props.rsaBits,
            ecdsaCurve: props.ecdsaCurve,
            perHostKeys: props.perHostKeys,
            suppliedKeys: props.suppliedKeys,
        });
        const manage = props.manageDatabaseAccess ?? true;
        const activate = props.activate ?? manage;
        const passwords = manage ? new database_passwords_1.DatabasePasswords(this, 'database-passwords', { idPrefix: prefix, supplied: props.databasePasswords }) : undefined;
        this.databasePasswords = passwords;
        const plans = new Map((0, host_files_1.renderHosts)(graph, this.keys).map((p) => [p.instance, p.files]));
        const access = new Map();
        const configs = new Map();
        const roles = new Map();
        for (const p of graph.postgresInstances) {
            const files = plans.get(p) ?? [];
            access.set(p, new postgres_access_1.PostgresAccess(this, `postgres-${p.name}`, { graph, instance: p, files, keys: this.keys, resourceType, connection, logicalId: logical_ids_1.logicalIds.postgresAccess(prefix, p.name) }));
            if (!manage || graph.barmanServers.length === 0)
                continue;
            configs.set(p, new postgres_config_1.PostgresConfig(this, `postgres-config-${p.name}`, { graph, instance: p, files, resourceType, connection, logicalId: logical_ids_1.logicalIds.postgresConfig(prefix, p.name) }));
            // replicas receive the roles from their primary
            if (!p.roles.includes(enums_1.Role.REPLICA)) {
                roles.set(p, new postgres_roles_1.PostgresRoles(this, `postgres-roles-${p.name}`, { primary: p, passwords: passwords, resourceType, connection, logicalId: logical_ids_1.logicalIds.postgresRoles(prefix, p.name) }));
            }
        }
        const servers = [];
        const backups = [];
        const activations = [];
        for (const s of graph.barmanServers) {
            const files = plans.get(s) ?? [];
            const server = new barman_server_config_1.BarmanServerConfig(this, `server-${s.name}`, { graph, server: s, files, keys: this.keys, resourceType, connection, logicalId: logical_ids_1.logicalIds.server(prefix, s.name) });
            servers.push(server);
            for (const e of graph.edgesOnServer(s)) {
                const backup = new backup_edge_config_1.BackupEdgeConfig(this, `backup-${e.instance.name}-on-${s.name}`, {
                    edge: e,
                    files,
                    resourceType,
                    connection,
                    logicalId: logical_ids_1.logicalIds.backup(prefix, e.instance.name, s.name),
                    serverConfig: server.resource,
                    passwords,
                });
                backups.push(backup);
                if (!activate)
                    continue;
                // the roles come from the instance's primary; for a replica whose upstream is not given, from any primary
                const primary = graph.upstreamRoot(e.instance);
                const primaryRoles = roles.has(primary) ? [roles.get(primary).resource] : [...roles.values()].map((r) => r.resource);
                if (manage && primaryRoles.length === 0) {
                    throw new Error(`instance '${e.instance.name}' is a replica with no primary in the graph to create Barman's roles on: add its primary and set upstream: <primary>, or set manageDatabaseAccess: false and create the roles yourself`);
                }
                const before = [backup.resource, server.resource, access.get(e.instance)?.resource, configs.get(e.instance)?.resource, ...primaryRoles];
                activations.push(new barman_activation_1.BarmanActivation(this, `activate-${e.instance.name}-on-${s.name}`, {
                    edge: e,
                    serverConf: backup.serverConf,
                    resourceType,
                    connection,
                    logicalId: logical_ids_1.logicalIds.activation(prefix, e.instance.name, s.name),
                    dependsOn: before.filter((r) => r !== undefined),
                }));
            }
        }
        this.servers = servers;
        this.backups = backups;
        this.postgresAccess = [...access.values()];
        this.postgresConfigs = [...configs.values()];
        this.postgresRoles = [...roles.values()];
        this.activations = activations;
        // a file whose content Terraform knows only at apply time cannot be compared
        this.statusTargets = (0, targets_1.statusTargets)(graph, (s) => (plans.get(s) ?? []).filter((f) => f.content === undefined || !cdktf_1.Token.isUnresolved(f.content)));
        // values given as Terraform tokens are checked at plan/apply time, by every resource using them
        (0, token_preconditions_1.addTokenPreconditions)(this, graph.tokenChecks);
    }
    /** public key (OpenSSH `TYPE BASE64`) of the postgres user's pair on `instanceName` */
    postgresPublicKey(instanceName) {
        return this.keys.publicKey(enums_1.SshUser.POSTGRES, this.graph.instance(instanceName));
    }
    /** public key of the barman user's pair on `instanceName` */
    barmanPublicKey(instanceName) {
        return this.keys.publicKey(enums_1.SshUser.BARMAN, this.graph.instance(instanceName));
    }
}
exports.BarmanCluster = BarmanCluster;
/** Names with dots can map to one id ('a' on 'b.on.c', 'a.on.b' on 'c'): refuse rather than drop one. */
function assertDistinctIds(graph, prefix) {
    // validation reports these already; a graph built by other means still gets a clear error, never a crash
    const collisions = (0, logical_ids_1.logicalIdCollisions)(graph.edges.map((e) => ({ instance: e.instance.name, server: e.server.name })), graph.barmanServers.map((s) => s.name), graph.postgresInstances.map((p) => p.name), prefix);
    if (collisions.length > 0) {
        throw new diagnostics_1.InvalidConfigError(collisions.map((c) => ({ severity: diagnostics_1.Severity.ERROR, message: `${c.second} and ${c.first} would both get the Terraform id '${c.id}': rename one instance` })));
    }
}
/** Adds the null and tls providers only where the stack has none, relaxing the prebuilt pins. */
function ensureProviders(scope, needNull, needTls) {
    const stack = cdktf_1.TerraformStack.of(scope);
    const has = (type) => stack.node.findAll().some((c) => isDefaultProvider(c, type));
    if (needNull && !has('null')) {
        yieldToLaterProvider(stack, new cdktf_1.NullProvider(stack, 'null'));
        // accept the estate's lock file anywhere within the major version
        stack.addOverride('terraform.required_providers.null.version', '>= 3.2, < 4.0');
    }
    if (needTls && !has('tls')) {
        yieldToLaterProvider(stack, new cdktf_1.TlsProvider(stack, 'tls'));
        stack.addOverride('terraform.required_providers.tls.version', '>= 4.0, < 5.0');
    }
}
/** a provider block without alias: the one resources use unless told otherwise */
function isDefaultProvider(c, type) {
    return cdktf_1.TerraformProvider.isTerraformProvider(c) && c.terraformResourceType === type && c.alias === undefined;
}
/** A provider the estate declares after the cluster wins: ours is dropped before synthesis. */
function yieldToLaterProvider(stack, ours) {
    cdktf_1.Aspects.of(stack).add({
        visit(node) {
            if (node !== stack)
                return;
            const others = stack.node.findAll().filter((c) => c !== ours && isDefaultProvider(c, ours.terraformResourceType));
            if (others.length > 0)
                stack.node.tryRemoveChild(ours.node.id);
        },
    });
}
