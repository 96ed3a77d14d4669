"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const enums_1 = require("../../lib/model/enums");
const tpa_config_1 = require("../../lib/config/tpa-config");
const host_files_1 = require("../../lib/render/host-files");
const key_material_1 = require("../../lib/render/key-material");
const pg_hba_1 = require("../../lib/render/pg-hba");
const pgpass_1 = require("../../lib/render/pgpass");
const paths_1 = require("../support/paths");
const render_tree_1 = require("../support/render-tree");
const postgres_settings_sql_1 = require("../../lib/render/postgres-settings-sql");
const pgpass_2 = require("../../lib/render/pgpass");
const node_fs_2 = require("node:fs");
const barman_roles_sql_1 = require("../../lib/render/barman-roles-sql");
const postgres_1 = require("../support/postgres");
const requirements_1 = require("../support/requirements");
const graph = (hostssl = false) => (0, typed_cluster_1.graphFromProps)({
    clusterName: 'shop',
    settings: { postgresVersion: 15 },
    instances: [
        { name: 'db-1', roles: [enums_1.Role.PRIMARY], address: '10.0.0.11', backup: ['bm-1', 'bm-2'], settings: { archiver: true, hbaHostssl: hostssl, hbaMethod: enums_1.HbaMethod.SCRAM_SHA_256 } },
        { name: 'db-2', roles: [enums_1.Role.REPLICA], upstream: 'db-1', address: '10.0.0.12', settings: { walRestore: true } },
        { name: 'bm-1', roles: [enums_1.Role.BARMAN], address: '10.0.0.21' },
        { name: 'bm-2', roles: [enums_1.Role.BARMAN], address: 'fd00::22', clientAddresses: ['10.1.0.0/24'], settings: { sshPort: 2222 } },
    ],
});
(0, node_test_1.test)('pg_hba.conf block: every Barman server, both users, its client addresses, between markers', () => {
    const g = graph();
    const block = (0, pg_hba_1.renderHbaBlock)(g, g.instance('db-2'));
    strict_1.default.equal(block, [
        "# BEGIN cdktf-barman:shop (Barman's access; replaced on every apply)",
        'host postgres barman 10.0.0.21/32 scram-sha-256',
        'host replication streaming_barman 10.0.0.21/32 scram-sha-256',
        'host postgres barman 10.1.0.0/24 scram-sha-256',
        'host replication streaming_barman 10.1.0.0/24 scram-sha-256',
        '# END cdktf-barman:shop',
        '',
    ].join('\n'));
    strict_1.default.match((0, pg_hba_1.renderHbaBlock)(graph(true), graph(true).instance('db-1')), /^hostssl postgres barman 10\.0\.0\.21\/32 scram-sha-256$/m);
});
(0, node_test_1.test)('archive_command goes to every Barman server of the instance; restore_command from the first', () => {
    const g = graph();
    strict_1.default.equal((0, postgres_settings_sql_1.archiveCommand)(g, g.instance('db-1')), 'barman-wal-archive -U barman --port 22 10.0.0.21 db-1 %p && barman-wal-archive -U barman --port 2222 fd00::22 db-1 %p');
    strict_1.default.equal((0, postgres_settings_sql_1.archiveCommand)(g, g.instance('db-2')), undefined);
    strict_1.default.equal((0, postgres_settings_sql_1.restoreCommand)(g, g.instance('db-2')), 'barman-wal-restore -U barman -z -p 8 --port 22 10.0.0.21 db-1 %f %p');
    strict_1.default.equal((0, postgres_settings_sql_1.restoreCommand)(g, g.instance('db-1')), undefined);
    const sql = (0, postgres_settings_sql_1.renderPostgresSettingsSql)(g, g.instance('db-1'));
    strict_1.default.match(sql, /^ALTER SYSTEM SET archive_mode = 'on';$/m);
    strict_1.default.match(sql, /^ALTER SYSTEM SET archive_command = 'barman-wal-archive .* %p';$/m);
    // restore_command is not this instance's: reset only when the library had set it
    strict_1.default.match(sql, /^SELECT 'ALTER SYSTEM RESET restore_command' WHERE EXISTS \(SELECT FROM pg_file_settings WHERE name = 'restore_command' AND setting LIKE 'barman-wal-restore%' AND sourcefile LIKE '%postgresql\.auto\.conf'\)\\gexec$/m);
});
(0, node_test_1.test)('.pgpass lines escape ":" and "\\\\" and use the conninfo host and port', () => {
    const g = graph();
    const e = g.edgesOfInstance(g.instance('db-1'))[0];
    strict_1.default.equal((0, pgpass_2.pgpassField)('a:b\\c'), 'a\\:b\\\\c');
    strict_1.default.equal((0, pgpass_2.renderPgpassBlock)(e, { barman: 'p:w', streamingBarman: 's\\w' }), '10.0.0.11:5432:*:barman:p\\:w\n10.0.0.11:5432:*:streaming_barman:s\\\\w\n');
});
(0, node_test_1.test)('roles SQL grants what Barman needs for the PostgreSQL version', () => {
    const g = graph();
    const v15 = (0, barman_roles_sql_1.renderBarmanRolesSql)(g.instance('db-1'));
    strict_1.default.match(v15, /GRANT EXECUTE ON FUNCTION pg_catalog\.pg_backup_start\(text, boolean\) TO barman_role;/);
    strict_1.default.match(v15, /GRANT pg_checkpoint TO barman_role;/);
    const v13 = (0, barman_roles_sql_1.renderBarmanRolesSql)({ ...g.instance('db-1'), settings: { ...g.instance('db-1').settings, postgresVersion: 13 } });
    strict_1.default.match(v13, /pg_catalog\.pg_start_backup\(text, boolean, boolean\)/);
    strict_1.default.doesNotMatch(v13, /pg_checkpoint/);
    strict_1.default.doesNotMatch(v15 + v13, /PASSWORD '/, 'no password in the SQL text: psql variables carry them');
});
// Runs the roles SQL on a real, throwaway cluster of the machine's PostgreSQL (its major, as the
// config would say): twice (idempotent), then with a new password.
(0, node_test_1.test)('roles SQL on a real PostgreSQL: idempotent, not superuser, password updates', { skip: (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('the cluster runs as the postgres user'), postgres_1.TEST_POSTGRES.missing) }, (t) => {
    const { bin, major } = postgres_1.TEST_POSTGRES;
    const asPostgres = (cmd) => (0, node_child_process_1.spawnSync)('runuser', ['-u', 'postgres', '--', 'sh', '-c', cmd], { encoding: 'utf8' });
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-pg-'));
    (0, node_fs_1.chmodSync)(dir, 0o777);
    t.after(() => {
        asPostgres(`${bin}/pg_ctl -D ${dir}/data stop -m immediate`);
        (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    });
    const port = 20000 + (process.pid % 20000);
    let r = asPostgres(`${bin}/initdb -D ${dir}/data -A trust >/dev/null && ${bin}/pg_ctl -D ${dir}/data -o "-k ${dir} -p ${port} -c listen_addresses=''" -l ${dir}/log -w start >/dev/null`);
    strict_1.default.equal(r.status, 0, r.stderr);
    const db1 = graph().instance('db-1');
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'roles.sql'), (0, barman_roles_sql_1.renderBarmanRolesSql)({ ...db1, settings: { ...db1.settings, postgresVersion: major } }));
    const psql = (args) => asPostgres(`${bin}/psql -X -q -At -h ${dir} -p ${port} -d postgres ${args}`);
    for (const pw of ["first'pw%", "first'pw%", 'second']) {
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'pw'), pw);
        (0, node_fs_1.chmodSync)((0, node_path_1.join)(dir, 'pw'), 0o644);
        r = psql(`-v barman_password="$(cat ${dir}/pw)" -v streaming_password=s -f ${dir}/roles.sql`);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal(r.stderr, '', 'no notice on a re-run');
    }
    r = psql(`-c "SELECT rolname, rolsuper, rolcanlogin, rolreplication FROM pg_roles WHERE rolname LIKE '%barman%' ORDER BY 1"`);
    strict_1.default.equal(r.stdout, 'barman|f|t|f\nbarman_role|f|f|f\nstreaming_barman|f|t|t\n');
    // what Barman needs on this major: pg_checkpoint and pg_backup_start from 15, pg_start_backup before
    const needs = major >= 15
        ? "pg_has_role('barman', 'pg_checkpoint', 'MEMBER'), has_function_privilege('barman', 'pg_backup_start(text, boolean)', 'EXECUTE')"
        : "has_function_privilege('barman', 'pg_start_backup(text, boolean, boolean)', 'EXECUTE'), has_function_privilege('barman', 'pg_stop_backup()', 'EXECUTE')";
    r = psql(`-c "SELECT ${needs}, has_function_privilege('barman', 'pg_switch_wal()', 'EXECUTE')"`);
    strict_1.default.equal(r.stdout, 't|t|t\n', r.stderr);
    // the last password is the one that works
    r = psql(`-c "SELECT rolpassword LIKE 'SCRAM-SHA-256%' FROM pg_authid WHERE rolname = 'barman'"`);
    strict_1.default.equal(r.stdout, 't\n');
});
// ---------------------------------------------------------------------------------------------
// What renderHosts plans on each host for the Postgres side, over every topology fixture and the
// graph above: derived from the graph, not from the output.
const GRAPHS = [
    ...(0, paths_1.listTopologies)().map((t) => ({ name: t, graph: () => (0, tpa_config_1.loadGraphFromFile)((0, paths_1.topologyConfig)(t)) })),
    { name: 'shop (typed)', graph: () => graph() },
];
for (const g of GRAPHS) {
    (0, node_test_1.test)(`${g.name}: every Postgres instance, one pg_hba.conf block with every Barman server's client addresses`, () => {
        const gr = g.graph();
        const plans = (0, host_files_1.renderHosts)(gr, new key_material_1.PlaceholderKeys());
        for (const p of gr.postgresInstances) {
            const files = plans.find((x) => x.instance === p).files.filter((f) => f.kind === host_files_1.FileKind.MANAGED_BLOCK);
            strict_1.default.equal(files.length, 1, p.name);
            const f = files[0];
            strict_1.default.deepEqual({ path: f.path, owner: f.owner, group: f.group, mode: f.mode, concern: f.concern }, { path: `${p.settings.postgresConfDir}/pg_hba.conf`, owner: p.settings.postgresUser, group: p.settings.postgresGroup, mode: '0640', concern: host_files_1.Concern.POSTGRES_CONFIG });
            strict_1.default.deepEqual(f.blockMarkers, { begin: `# BEGIN cdktf-barman:${gr.clusterName}`, end: `# END cdktf-barman:${gr.clusterName}` });
            const lines = f.content.split('\n');
            strict_1.default.ok(lines[0].startsWith(`${f.blockMarkers.begin} `), lines[0]);
            strict_1.default.deepEqual(lines.slice(-2), [f.blockMarkers.end, '']);
            const rules = lines.slice(1, -2);
            const addresses = gr.barmanServers.flatMap((s) => s.clientAddresses);
            strict_1.default.equal(rules.length, 2 * addresses.length, `${p.name}: two rules per client address`);
            for (const r of rules)
                strict_1.default.match(r, new RegExp(`^(host|hostssl) (postgres barman|replication streaming_barman) \\S+ ${p.settings.hbaMethod}$`), r);
            // no line between the markers may look like a marker
            strict_1.default.ok(!rules.some((r) => r.startsWith('#')), `${p.name}: a comment inside the block`);
        }
        // a Barman server that is no Postgres instance gets no pg_hba.conf
        for (const s of gr.barmanServers.filter((x) => !x.isPostgres))
            strict_1.default.ok(!plans.find((x) => x.instance === s).files.some((f) => f.kind === host_files_1.FileKind.MANAGED_BLOCK), s.name);
    });
    (0, node_test_1.test)(`${g.name}: every Barman server, a .pgpass block per instance it backs up (placeholders only) and the list of its per-instance files`, () => {
        const gr = g.graph();
        const plans = (0, host_files_1.renderHosts)(gr, new key_material_1.PlaceholderKeys());
        for (const s of gr.barmanServers) {
            const files = plans.find((x) => x.instance === s).files;
            const edges = gr.edgesOnServer(s);
            const blocks = files.filter((f) => f.kind === host_files_1.FileKind.PASSWORD_BLOCK);
            strict_1.default.deepEqual(blocks.map((b) => b.edge), edges, `${s.name}: one block per edge, in order`);
            for (const b of blocks) {
                const e = b.edge;
                const begin = `# BEGIN cdktf-barman:${gr.clusterName}:${e.backupName}`;
                const end = `# END cdktf-barman:${gr.clusterName}:${e.backupName}`;
                strict_1.default.deepEqual({ path: b.path, owner: b.owner, group: b.group, mode: b.mode, concern: b.concern, markers: b.blockMarkers }, { path: `${s.settings.barmanHome}/.pgpass`, owner: s.settings.barmanUser, group: s.settings.barmanGroup, mode: '0600', concern: host_files_1.Concern.BACKUP_EDGE, markers: { begin, end } });
                strict_1.default.equal(b.content, `${begin}\n${(0, pgpass_2.renderPgpassBlock)(e, pgpass_1.PASSWORD_PLACEHOLDERS)}${end}\n`);
                // host and port exactly as in the instance's conninfo
                strict_1.default.match(b.content, new RegExp(`^${(0, pgpass_2.pgpassField)(e.instance.address).replace(/[.\\]/g, '\\$&')}:${e.instance.settings.postgresPort}:\\*:barman:<password of barman`, 'm'));
            }
            // markers: no begin line is another's begin followed by a space (merge_block's match)
            const begins = blocks.map((b) => b.blockMarkers.begin);
            for (const a of begins)
                for (const b of begins)
                    if (a !== b)
                        strict_1.default.ok(!b.startsWith(`${a} `), `${a} / ${b}`);
            const list = files.filter((f) => f.kind === host_files_1.FileKind.MANAGED_LIST);
            strict_1.default.equal(list.length, 1);
            strict_1.default.deepEqual({ path: list[0].path, owner: list[0].owner, mode: list[0].mode, concern: list[0].concern }, { path: (0, host_files_1.managedListPath)(gr.clusterName), owner: 'root', mode: '0644', concern: host_files_1.Concern.BARMAN_SERVER });
            strict_1.default.equal(list[0].content, edges.flatMap((e) => [`/etc/barman.d/${e.backupName}.conf`, `/etc/cron.d/${e.cronFileName}`, `pgpass:${e.backupName}`]).map((l) => `${l}\n`).join(''));
        }
        // no password file anywhere but on Barman servers
        for (const p of plans.filter((x) => !x.instance.isBarmanServer))
            strict_1.default.ok(!p.files.some((f) => f.kind === host_files_1.FileKind.PASSWORD_BLOCK || f.kind === host_files_1.FileKind.MANAGED_LIST), p.instance.name);
    });
}
(0, node_test_1.test)('render: the .pgpass blocks of one server are one file, in order; the manifest lists it once', async (t) => {
    const r = await (0, render_tree_1.renderTopology)('many-to-one');
    t.after(() => r.cleanup());
    const vault = r.graph.instance('vault');
    const blocks = (0, host_files_1.renderHosts)(r.graph, new key_material_1.PlaceholderKeys()).find((p) => p.instance === vault).files.filter((f) => f.kind === host_files_1.FileKind.PASSWORD_BLOCK);
    strict_1.default.equal(blocks.length, 3, 'alpha, bravo (bravo.standby) and charlie');
    const tree = (0, render_tree_1.readTree)(r.outDir);
    strict_1.default.equal(tree.get('vault/var/lib/barman/.pgpass').toString('utf8'), blocks.map((b) => b.content).join(''));
    const manifest = JSON.parse((0, node_fs_2.readFileSync)(`${r.outDir}/vault/manifest.json`, 'utf8'));
    strict_1.default.deepEqual(manifest.files.filter((f) => f.path === '/var/lib/barman/.pgpass'), [{ path: '/var/lib/barman/.pgpass', kind: 'password-block', owner: 'barman', group: 'barman', mode: '0600' }]);
    // no password, only placeholders
    strict_1.default.doesNotMatch(tree.get('vault/var/lib/barman/.pgpass').toString('utf8'), /:(barman|streaming_barman):(?!<password of )/);
});
(0, node_test_1.test)('barman_hba_method cert is only valid on hostssl lines: refused, or written as hostssl', () => {
    let g;
    try {
        g = (0, typed_cluster_1.graphFromProps)({
            clusterName: 'tls',
            instances: [
                { name: 'db', roles: [enums_1.Role.PRIMARY], address: '10.0.0.1', backup: ['bm'], settings: { hbaMethod: enums_1.HbaMethod.CERT } },
                { name: 'bm', roles: [enums_1.Role.BARMAN], address: '10.0.0.2' },
            ],
        });
    }
    catch (e) {
        strict_1.default.match(String(e), /hostssl/);
        return;
    }
    for (const l of (0, pg_hba_1.renderHbaBlock)(g, g.instance('db')).split('\n').filter((x) => x.endsWith(' cert')))
        strict_1.default.match(l, /^hostssl /);
});
