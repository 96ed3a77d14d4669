"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Concern = exports.FileKind = void 0;
exports.layoutLine = layoutLine;
exports.fileLayout = fileLayout;
exports.managedListPath = managedListPath;
exports.renderHosts = renderHosts;
const enums_1 = require("../model/enums");
const barman_conf_1 = require("./barman-conf");
const cron_entries_1 = require("./cron-entries");
const guard_script_1 = require("./guard-script");
const key_material_1 = require("./key-material");
const logrotate_1 = require("./logrotate");
const server_conf_1 = require("./server-conf");
const ssh_lines_1 = require("./ssh-lines");
const authorized_keys_1 = require("./authorized-keys");
const wal_gate_1 = require("./wal-gate");
const pg_hba_1 = require("./pg-hba");
const pgpass_1 = require("./pgpass");
var FileKind;
(function (FileKind) {
    FileKind["DIRECTORY"] = "directory";
    /** whole file, owned by the library */
    FileKind["FILE"] = "file";
    /** whole file holding a private key: content never in triggers, plans or logs */
    FileKind["PRIVATE_KEY"] = "private-key";
    /** shared file (authorized_keys, known_hosts): only the marked lines are the library's */
    FileKind["MANAGED_LINES"] = "managed-lines";
    /** must exist with owner and mode; its content is Barman's */
    FileKind["LOG_FILE"] = "log-file";
    /** shared file (pg_hba.conf): only the block between the library's markers is its own */
    FileKind["MANAGED_BLOCK"] = "managed-block";
    /** the library's block of ~barman/.pgpass: holds passwords, so never in triggers (placeholders here) */
    FileKind["PASSWORD_BLOCK"] = "password-block";
    /** the list of per-instance files a Barman server manages; written after stale ones are removed */
    FileKind["MANAGED_LIST"] = "managed-list";
})(FileKind || (exports.FileKind = FileKind = {}));
/**
 * A file's line in its resource's `layout` trigger, which the plan shows and the host step
 * (shell/files.sh) follows: "KIND OWNER:GROUP MODE PATH", with the shared-file kinds named for
 * what they hold (public-key, authorized-keys, known-hosts).
 */
function layoutLine(f) {
    const kind = f.publicKey ? 'public-key' : f.authorizedKeys ? 'authorized-keys' : f.knownHosts ? 'known-hosts' : f.kind;
    return `${kind} ${f.owner}:${f.group} ${f.mode} ${f.path}\n`;
}
/** The `layout` trigger of a resource writing these files. */
function fileLayout(files) {
    return files.map(layoutLine).join('');
}
/** Where a Barman server remembers which per-instance files it manages, to remove stale ones. */
function managedListPath(clusterName) {
    return `/usr/local/lib/cdktf-barman/${clusterName}.managed`;
}
/** Which provisioner resource a file belongs to. */
var Concern;
(function (Concern) {
    /** a Barman server's own configuration and keys */
    Concern["BARMAN_SERVER"] = "barman-server";
    /** one backed-up instance on one Barman server */
    Concern["BACKUP_EDGE"] = "backup-edge";
    /** a Postgres instance's keys and authorized_keys */
    Concern["POSTGRES_ACCESS"] = "postgres-access";
    /** a Postgres instance's pg_hba.conf block and WAL commands */
    Concern["POSTGRES_CONFIG"] = "postgres-config";
})(Concern || (exports.Concern = Concern = {}));
const uniq = (xs) => [...new Set(xs)];
const lines = (xs) => xs.map((x) => `${x}\n`).join('');
/** Every file the library puts on every host, in a stable order. */
function renderHosts(graph, keys) {
    return graph.instances
        .map((i) => ({ instance: i, files: [...(i.isBarmanServer ? barmanServerFiles(graph, i, keys) : []), ...(i.isPostgres ? postgresFiles(graph, i, keys) : [])] }))
        .filter((p) => p.files.length > 0);
}
function barmanServerFiles(graph, s, keys) {
    const st = s.settings;
    const root = { owner: 'root', group: 'root', concern: Concern.BARMAN_SERVER };
    const barman = { owner: st.barmanUser, group: st.barmanGroup, concern: Concern.BARMAN_SERVER };
    const edges = graph.edgesOnServer(s);
    const sshDir = `${st.barmanHome}/.ssh`;
    const files = [
        { ...root, path: barman_conf_1.BARMAN_CONF_PATH, mode: '0644', kind: FileKind.FILE, content: (0, barman_conf_1.renderBarmanConf)(s) },
        { ...root, path: barman_conf_1.BARMAN_CONF_DIR, mode: '0755', kind: FileKind.DIRECTORY },
        { ...root, path: guard_script_1.GUARD_DIR, mode: '0755', kind: FileKind.DIRECTORY },
        { ...root, path: guard_script_1.GUARD_SCRIPT_PATH, mode: '0755', kind: FileKind.FILE, content: (0, guard_script_1.renderGuardScript)(s) },
        // the forced command of the postgres keys in authorized_keys, written whether or not they use it
        { ...root, path: wal_gate_1.WAL_GATE_PATH, mode: '0755', kind: FileKind.FILE, content: (0, wal_gate_1.renderWalGate)() },
        { ...root, path: cron_entries_1.BARMAN_CRON_PATH, mode: '0644', kind: FileKind.FILE, content: (0, cron_entries_1.renderBarmanCron)(s) },
        { ...barman, path: st.barmanHome, mode: '0750', kind: FileKind.DIRECTORY },
        { ...barman, path: st.logFile, mode: '0640', kind: FileKind.LOG_FILE },
    ];
    const rotate = (0, logrotate_1.renderLogrotate)(s);
    if (rotate !== undefined)
        files.push({ ...root, path: logrotate_1.LOGROTATE_PATH, mode: '0644', kind: FileKind.FILE, content: rotate });
    const keyFile = `${sshDir}/${(0, key_material_1.privateKeyFileName)(keys.algorithm)}`;
    files.push({ ...barman, path: sshDir, mode: '0700', kind: FileKind.DIRECTORY }, { ...barman, path: keyFile, mode: '0600', kind: FileKind.PRIVATE_KEY, content: keys.privateKey(enums_1.SshUser.BARMAN, s) }, publicKeyFile(`${keyFile}.pub`, barman, { user: enums_1.SshUser.BARMAN, host: s, comment: `${st.barmanUser}@${graph.clusterName}` }, keys), 
    // postgres on the backed-up instances reaches barman here (barman-wal-archive, barman-wal-restore),
    // and so do the replicas whose restore_command fetches WAL from this server
    authorizedKeysFile(`${sshDir}/authorized_keys`, barman, walClients(graph, s, keys), s.settings.sshRestrict, graph.clusterName, keys), knownHostsFile(`${sshDir}/known_hosts`, barman, edges.map((e) => e.instance), graph.clusterName, keys));
    // per instance: its Barman section, its cron file and its block of ~barman/.pgpass
    const managed = edges.flatMap((e) => [(0, server_conf_1.serverConfPath)(e), (0, cron_entries_1.backupCronPath)(e), `pgpass:${e.backupName}`]);
    files.push({ ...root, path: managedListPath(graph.clusterName), mode: '0644', kind: FileKind.MANAGED_LIST, content: lines(managed) });
    for (const e of edges) {
        const markers = (0, pgpass_1.pgpassBlockMarkers)(graph.clusterName, e.backupName);
        files.push({ owner: st.barmanUser, group: st.barmanGroup, path: (0, server_conf_1.serverConfPath)(e), mode: '0600', kind: FileKind.FILE, content: (0, server_conf_1.renderServerConf)(e), concern: Concern.BACKUP_EDGE, edge: e }, { owner: 'root', group: 'root', path: (0, cron_entries_1.backupCronPath)(e), mode: '0644', kind: FileKind.FILE, content: (0, cron_entries_1.renderBackupCron)(e), concern: Concern.BACKUP_EDGE, edge: e }, {
            owner: st.barmanUser,
            group: st.barmanGroup,
            path: (0, pgpass_1.pgpassPath)(s),
            mode: '0600',
            kind: FileKind.PASSWORD_BLOCK,
            content: `${markers.begin}\n${(0, pgpass_1.renderPgpassBlock)(e, pgpass_1.PASSWORD_PLACEHOLDERS)}${markers.end}\n`,
            concern: Concern.BACKUP_EDGE,
            edge: e,
            blockMarkers: markers,
        });
    }
    return files;
}
function postgresFiles(graph, p, keys) {
    const st = p.settings;
    const pg = { owner: st.postgresUser, group: st.postgresGroup, concern: Concern.POSTGRES_ACCESS };
    const sshDir = `${st.postgresHome}/.ssh`;
    const keyFile = `${sshDir}/${(0, key_material_1.privateKeyFileName)(keys.algorithm)}`;
    // its Barman servers, and the one its restore_command (barman-wal-restore) ssh-es to
    const restoreFrom = walRestoreServer(graph, p);
    const servers = [...graph.edgesOfInstance(p).map((e) => e.server), ...(restoreFrom ? [restoreFrom] : [])];
    return [
        { ...pg, path: sshDir, mode: '0700', kind: FileKind.DIRECTORY },
        { ...pg, path: keyFile, mode: '0600', kind: FileKind.PRIVATE_KEY, content: keys.privateKey(enums_1.SshUser.POSTGRES, p) },
        publicKeyFile(`${keyFile}.pub`, pg, { user: enums_1.SshUser.POSTGRES, host: p, comment: `${st.postgresUser}@${graph.clusterName}` }, keys),
        // every Barman server may reach every Postgres instance: backups, and restores to replicas
        authorizedKeysFile(`${sshDir}/authorized_keys`, pg, barmanClients(graph, keys), st.sshRestrict, graph.clusterName, keys),
        knownHostsFile(`${sshDir}/known_hosts`, pg, servers, graph.clusterName, keys),
        {
            owner: st.postgresUser,
            group: st.postgresGroup,
            path: (0, pg_hba_1.hbaPath)(p),
            mode: '0640',
            kind: FileKind.MANAGED_BLOCK,
            content: (0, pg_hba_1.renderHbaBlock)(graph, p),
            concern: Concern.POSTGRES_CONFIG,
            blockMarkers: (0, pg_hba_1.hbaBlockMarkers)(graph.clusterName),
        },
    ];
}
/** The Barman server a replica's restore_command fetches WAL from (barman_wal_restore), if any. */
function walRestoreServer(graph, p) {
    return p.settings.walRestore && p.upstream !== undefined ? graph.walRestoreEdge(p)?.server : undefined;
}
/** The replicas whose restore_command fetches WAL from this Barman server. */
function walRestoreClientsOf(graph, s) {
    return graph.postgresInstances.filter((p) => walRestoreServer(graph, p) === s);
}
function publicKeyFile(path, who, ref, keys) {
    return { ...who, path, mode: '0644', kind: FileKind.FILE, content: `${(0, ssh_lines_1.keyBody)(keys.publicKey(ref.user, ref.host))} ${ref.comment}\n`, publicKey: ref };
}
function authorizedKeysFile(path, who, clients, restrict, clusterName, keys) {
    const byLine = new Map();
    for (const { ref, options } of (0, authorized_keys_1.keyLines)(clients, restrict)) {
        const line = (0, ssh_lines_1.authorizedKeyLine)(keys.publicKey(ref.user, ref.host), ref.comment, clusterName, options);
        if (!byLine.has(line))
            byLine.set(line, { ...ref, options });
    }
    return { ...who, path, mode: '0600', kind: FileKind.MANAGED_LINES, content: lines([...byLine.keys()]), authorizedKeys: [...byLine.values()] };
}
/**
 * The postgres keys a Barman server lets in, and what for: the instances backed up here archive
 * and fetch their own WAL; a replica whose restore_command points here only fetches its tree's.
 */
function walClients(graph, s, keys) {
    const grants = new Map();
    const grant = (i, g) => {
        const list = grants.get(i) ?? [];
        if (!list.includes(g))
            list.push(g);
        grants.set(i, list);
    };
    for (const e of graph.edgesOnServer(s)) {
        grant(e.instance, (0, wal_gate_1.walGrant)(wal_gate_1.WalGrant.PUT_WAL, e.backupName));
        grant(e.instance, (0, wal_gate_1.walGrant)(wal_gate_1.WalGrant.GET_WAL, e.backupName));
    }
    for (const p of walRestoreClientsOf(graph, s))
        grant(p, (0, wal_gate_1.walGrant)(wal_gate_1.WalGrant.GET_WAL, graph.walRestoreEdge(p).backupName));
    return [...grants].map(([i, g]) => ({
        ref: { user: enums_1.SshUser.POSTGRES, host: i, comment: `${i.settings.postgresUser}@${graph.clusterName}` },
        key: (0, ssh_lines_1.keyBody)(keys.publicKey(enums_1.SshUser.POSTGRES, i)),
        addresses: i.clientAddresses,
        grants: g,
    }));
}
/** The barman keys a Postgres instance lets in: every Barman server's (backups, and restores to replicas). */
function barmanClients(graph, keys) {
    return graph.barmanServers.map((s) => ({
        ref: { user: enums_1.SshUser.BARMAN, host: s, comment: `${s.settings.barmanUser}@${graph.clusterName}` },
        key: (0, ssh_lines_1.keyBody)(keys.publicKey(enums_1.SshUser.BARMAN, s)),
        addresses: s.clientAddresses,
    }));
}
function knownHostsFile(path, who, hosts, clusterName, keys) {
    const unique = [...new Set(hosts)];
    const content = lines(uniq(unique.flatMap((h) => keys.hostKeys(h).map((k) => (0, ssh_lines_1.knownHostsLine)(h.address, h.settings.sshPort, k, clusterName)))));
    return { ...who, path, mode: '0644', kind: FileKind.MANAGED_LINES, content, knownHosts: unique };
}
