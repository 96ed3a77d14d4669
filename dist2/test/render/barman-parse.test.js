"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The real Barman (Debian's barman / python3-barman, 3.4 here) reads every rendered Barman
 * configuration: no warning at all, exactly the expected servers, and every key resolves (after
 * Barman's inheritance from [barman] and its own defaults) to the value the model intends.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const node_util_1 = require("node:util");
const build_graph_1 = require("../../lib/model/build-graph");
const tpa_config_1 = require("../../lib/config/tpa-config");
const barman_parse_1 = require("../support/barman-parse");
const paths_1 = require("../support/paths");
const requirements_1 = require("../support/requirements");
const render_tree_1 = require("../support/render-tree");
const PY = (0, barman_parse_1.findBarmanPython)();
/** the python with Barman's modules; undefined: the test is skipped (under CI it fails instead) */
function needBarman(t) {
    if ((0, requirements_1.skipInside)(t, PY.ok ? false : `barman-parse: ${PY.reason}`))
        return undefined;
    return PY.ok ? PY.python : undefined;
}
function tempDir(t, what) {
    // no '%' in the path: it lands in configuration_files_directory, which Barman interpolates
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), `barman-parse-${what}-`));
    t.after(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
    return dir;
}
/** Keys whose effective value differs from the model's: `key: Barman says X, the model says Y`. */
function mismatches(expected, actual) {
    return Object.entries(expected)
        .filter(([k, v]) => !(k in actual) || !(0, node_util_1.isDeepStrictEqual)(actual[k], v))
        .map(([k, v]) => `${k}: Barman reads ${k in actual ? JSON.stringify(actual[k]) : '(no such attribute)'}, the model means ${JSON.stringify(v)}`);
}
/** Parses one Barman server's rendered files with the real Barman. */
function parseHost(python, r, serverName, dir) {
    const copy = (0, barman_parse_1.copyBarmanFiles)((0, node_path_1.join)(r.outDir, serverName), dir);
    const parsed = (0, barman_parse_1.runBarmanParse)(python, copy.barmanConf);
    strict_1.default.equal(parsed.global.configuration_files_directory, copy.confDir);
    return parsed;
}
function checkEdges(parsed, edges, where) {
    for (const e of edges) {
        const server = parsed.servers[e.backupName];
        strict_1.default.ok(server, `${where}: Barman has no server [${e.backupName}]`);
        const wrong = mismatches((0, barman_parse_1.expectedServerConfig)(e), server.config);
        strict_1.default.deepEqual(wrong, [], `${where} [${e.backupName}]: keys Barman resolves differently from the model:\n  ${wrong.join('\n  ')}`);
        // the model's own slot name is the one SPEC 3 defines
        strict_1.default.equal(e.slotName, (0, barman_parse_1.specSlotName)(e.server.name), `${where} [${e.backupName}]: slot name`);
        // Barman's own retention policy parser accepts it and reads it back the same
        strict_1.default.equal(server.retention_policy_object, e.instance.settings.retentionPolicy, `${where} [${e.backupName}]: retention policy as Barman's RetentionPolicyFactory reads it`);
    }
}
for (const name of (0, paths_1.listTopologies)()) {
    (0, node_test_1.test)(`barman-parse: the real Barman reads the files of ${name} without a warning, as intended`, async (t) => {
        const python = needBarman(t);
        if (python === undefined)
            return;
        const r = await (0, render_tree_1.renderTopology)(name);
        t.after(() => r.cleanup());
        strict_1.default.ok(r.graph.barmanServers.length > 0, 'the topology has a Barman server');
        for (const s of r.graph.barmanServers) {
            const where = `${name}/${s.name}`;
            const parsed = parseHost(python, r, s.name, tempDir(t, `${name}-${s.name}`));
            strict_1.default.deepEqual((0, barman_parse_1.barmanProblems)(parsed), [], `${where}: Barman complained`);
            const edges = r.graph.edgesOnServer(s);
            strict_1.default.ok(edges.length > 0, `${where}: nothing is backed up here`);
            strict_1.default.deepEqual(parsed.server_names, edges.map((e) => e.backupName).sort(), `${where}: Barman's servers are exactly the backup_names of the instances backed up here`);
            strict_1.default.deepEqual({ barman_home: parsed.global.barman_home, barman_user: parsed.global.barman_user, log_file: parsed.global.log_file }, { barman_home: s.settings.barmanHome, barman_user: s.settings.barmanUser, log_file: s.settings.logFile }, `${where}: global settings`);
            checkEdges(parsed, edges, where);
            checkPgpass(parsed, r.graph.clusterName, edges, (0, node_fs_1.readFileSync)((0, node_path_1.join)(r.outDir, s.name, s.settings.barmanHome, '.pgpass'), 'utf8'), where);
        }
    });
}
/** libpq's .pgpass escaping of one field */
const pgpassEscape = (v) => v.replace(/[\\:]/g, (c) => `\\${c}`);
/**
 * The rendered ~barman/.pgpass has, in each instance's block, one line for each connection
 * Barman makes (conninfo, streaming_conninfo as Barman itself reads them): same host, port, user.
 */
function checkPgpass(parsed, clusterName, edges, pgpass, where) {
    for (const e of edges) {
        const lines = pgpass.split('\n');
        const from = lines.indexOf(`# BEGIN cdktf-barman:${clusterName}:${e.backupName}`);
        const to = lines.indexOf(`# END cdktf-barman:${clusterName}:${e.backupName}`);
        strict_1.default.ok(from >= 0 && to > from, `${where}: a .pgpass block for ${e.backupName}`);
        const block = lines.slice(from + 1, to);
        for (const key of ['conninfo', 'streaming_conninfo']) {
            const dsn = String(parsed.servers[e.backupName].config[key]);
            const attrs = new Map(dsn.split(/\s+/).map((kv) => kv.split('=', 2)));
            const prefix = `${pgpassEscape(attrs.get('host'))}:${attrs.get('port')}:*:${attrs.get('user')}:`;
            strict_1.default.equal(block.filter((l) => l.startsWith(prefix)).length, 1, `${where} [${e.backupName}]: .pgpass line for Barman's ${key} (${dsn}): ${prefix}...\n${block.join('\n')}`);
        }
        strict_1.default.equal(block.length, 2, `${where} [${e.backupName}]: two lines`);
    }
}
(0, node_test_1.test)('barman-parse: the seed streams through slot backup_two, rsync backups, 4 weeks of recovery window', async (t) => {
    const python = needBarman(t);
    if (python === undefined)
        return;
    const r = await (0, render_tree_1.renderTopology)('seed');
    t.after(() => r.cleanup());
    const parsed = parseHost(python, r, 'two', tempDir(t, 'seed'));
    strict_1.default.deepEqual((0, barman_parse_1.barmanProblems)(parsed), []);
    strict_1.default.deepEqual(parsed.server_names, ['one']);
    const one = parsed.servers.one.config;
    strict_1.default.equal(one.streaming_archiver, true);
    strict_1.default.equal(one.slot_name, 'backup_two');
    strict_1.default.equal(one.backup_method, 'rsync');
    strict_1.default.equal(one.retention_policy, 'RECOVERY WINDOW OF 4 WEEKS');
    strict_1.default.equal(parsed.servers.one.retention_policy_object, 'RECOVERY WINDOW OF 4 WEEKS');
    strict_1.default.equal(one.archiver, false);
    strict_1.default.equal(one.conninfo, 'host=192.0.2.11 port=5432 dbname=postgres user=barman');
    strict_1.default.equal(one.ssh_command, 'ssh -q -o StrictHostKeyChecking=yes postgres@192.0.2.11 -p 22');
    strict_1.default.equal(parsed.global.log_file, '/var/log/barman.log');
});
(0, node_test_1.test)('barman-parse: literal ${HOME}, %{x}, $, quotes and % reach Barman unchanged (overrides)', async (t) => {
    const python = needBarman(t);
    if (python === undefined)
        return;
    const r = await (0, render_tree_1.renderTopology)('overrides');
    t.after(() => r.cleanup());
    const parsed = parseHost(python, r, 'bkp', tempDir(t, 'overrides'));
    strict_1.default.deepEqual((0, barman_parse_1.barmanProblems)(parsed), []);
    const main = parsed.servers['pg-main'].config;
    strict_1.default.equal(main.post_backup_retry_script, "/usr/local/bin/notify 'backup of ${BARMAN_SERVER} is 100% done' --cost $5 %d");
    strict_1.default.equal(main.pre_archive_retry_script, '/usr/local/bin/wal-check --dir ${HOME}/wals --tag %{x} $1');
    strict_1.default.match(String(main.conninfo), / application_name='barman-\$\{HOME\}-%\{x\}-\$PGHOST-it\\'s-100%'$/);
    strict_1.default.equal(main.archiver, true);
    const stream = parsed.servers['pg-stream-basebackup'].config;
    strict_1.default.equal(stream.backup_method, 'postgres');
    strict_1.default.equal(stream.reuse_backup, 'off', 'a postgres backup inheriting reuse_backup = link is disabled by Barman');
    strict_1.default.equal(stream.compression, null, '`compression = none` turns WAL compression off instead of inheriting pigz');
});
// ---- negative controls: the harness must be able to fail ----
/** Renders the seed, applies `tamper` to two's one.conf, and parses it with the real Barman. */
async function tamperedSeed(t, python, tamper) {
    const r = await (0, render_tree_1.renderTopology)('seed');
    t.after(() => r.cleanup());
    const file = (0, node_path_1.join)(r.outDir, 'two', 'etc', 'barman.d', 'one.conf');
    const before = (0, node_fs_1.readFileSync)(file, 'utf8');
    const after = tamper(before);
    strict_1.default.notEqual(after, before, 'the tamper changed nothing');
    (0, node_fs_1.writeFileSync)(file, after);
    return parseHost(python, r, 'two', tempDir(t, 'tampered'));
}
(0, node_test_1.test)('barman-parse control: a lone % in a value is fatal for Barman, and the harness says so', async (t) => {
    const python = needBarman(t);
    if (python === undefined)
        return;
    const parsed = await tamperedSeed(t, python, (s) => s.replace('description = "Backups from one"', 'description = "Backups from one, 100% sure"'));
    const problems = (0, barman_parse_1.barmanProblems)(parsed);
    strict_1.default.ok(problems.length > 0, 'the harness reported nothing');
    strict_1.default.match(problems.join('\n'), /fatal: .*'%' must be followed by '%' or '\('/);
});
(0, node_test_1.test)('barman-parse control: backup_method = postgress is only a warning in Barman, and the harness fails on it', async (t) => {
    const python = needBarman(t);
    if (python === undefined)
        return;
    const parsed = await tamperedSeed(t, python, (s) => s.replace('active = true', 'backup_method = postgress\nactive = true'));
    strict_1.default.match((0, barman_parse_1.barmanProblems)(parsed).join('\n'), /Ignoring invalid configuration value 'postgress' for key backup_method/);
    // Barman silently falls back to the global value: only the warning tells
    strict_1.default.equal(parsed.servers.one.config.backup_method, 'rsync');
});
(0, node_test_1.test)('barman-parse control: an unknown key, a bad boolean and a bad slot name are reported', async (t) => {
    const python = needBarman(t);
    if (python === undefined)
        return;
    const parsed = await tamperedSeed(t, python, (s) => s.replace('active = true', 'wal_conninfo = "host=x"\nimmediate_checkpoint = perhaps\nactive = true').replace('slot_name = "backup_two"', 'slot_name = "backup-two"'));
    const text = (0, barman_parse_1.barmanProblems)(parsed).join('\n');
    strict_1.default.match(text, /Invalid configuration option "wal_conninfo"/);
    strict_1.default.match(text, /'perhaps' for key immediate_checkpoint/);
    strict_1.default.match(text, /'backup-two' for key slot_name/);
});
(0, node_test_1.test)('barman-parse control: a conninfo value with a space disables the server (Barman 3.4 splits conninfo on whitespace)', async (t) => {
    const python = needBarman(t);
    if (python === undefined)
        return;
    const parsed = await tamperedSeed(t, python, (s) => s.replace('user=barman"', "user=barman application_name='nightly backup'\""));
    strict_1.default.match((0, barman_parse_1.barmanProblems)(parsed).join('\n'), /\[one\] server msg_list: PostgreSQL connection: .* is not a valid connection string/);
});
(0, node_test_1.test)('barman-parse control: a value the model does not intend is reported as a mismatch', async (t) => {
    const python = needBarman(t);
    if (python === undefined)
        return;
    const r = await (0, render_tree_1.renderTopology)('seed');
    t.after(() => r.cleanup());
    const parsed = await tamperedSeed(t, python, (s) => s.replace('slot_name = "backup_two"', 'slot_name = "backup_other"').replace('active = true', 'compression = gzip\nactive = true'));
    strict_1.default.deepEqual((0, barman_parse_1.barmanProblems)(parsed), [], 'valid values: Barman itself is happy');
    const wrong = mismatches((0, barman_parse_1.expectedServerConfig)(r.graph.edges[0]), parsed.servers.one.config);
    strict_1.default.deepEqual(wrong, [
        'compression: Barman reads "gzip", the model means "pigz"',
        'slot_name: Barman reads "backup_other", the model means "backup_two"',
    ]);
    strict_1.default.throws(() => checkEdges(parsed, r.graph.edges, 'seed/two'), /slot_name: Barman reads "backup_other"/);
});
(0, node_test_1.test)('barman-parse control: the copy rewrites exactly the configuration_files_directory line', async (t) => {
    const r = await (0, render_tree_1.renderTopology)('seed');
    t.after(() => r.cleanup());
    const dir = tempDir(t, 'copy');
    const copy = (0, barman_parse_1.copyBarmanFiles)((0, node_path_1.join)(r.outDir, 'two'), dir);
    const original = (0, node_fs_1.readFileSync)((0, node_path_1.join)(r.outDir, 'two', 'etc', 'barman.conf'), 'utf8').split('\n');
    const copied = (0, node_fs_1.readFileSync)(copy.barmanConf, 'utf8').split('\n');
    strict_1.default.equal(copied.length, original.length);
    strict_1.default.deepEqual(copied.map((l, i) => [l, original[i]]).filter(([a, b]) => a !== b), [[`configuration_files_directory = ${copy.confDir}`, 'configuration_files_directory = /etc/barman.d']]);
    strict_1.default.deepEqual((0, node_fs_1.readFileSync)((0, node_path_1.join)(copy.confDir, 'one.conf')), (0, node_fs_1.readFileSync)((0, node_path_1.join)(r.outDir, 'two', 'etc', 'barman.d', 'one.conf')));
    // a barman.conf without that line cannot be redirected: the harness refuses instead of reading /etc
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)(r.outDir, 'two', 'etc', 'barman.conf'), original.filter((l) => !l.startsWith('configuration_files_directory')).join('\n'));
    strict_1.default.throws(() => (0, barman_parse_1.copyBarmanFiles)((0, node_path_1.join)(r.outDir, 'two'), tempDir(t, 'copy2')), /expected exactly one/);
});
(0, node_test_1.test)('barman-parse control: a .pgpass line whose port differs from Barman\'s conninfo is reported', async (t) => {
    const python = needBarman(t);
    if (python === undefined)
        return;
    const r = await (0, render_tree_1.renderTopology)('seed');
    t.after(() => r.cleanup());
    const parsed = parseHost(python, r, 'two', tempDir(t, 'pgpass'));
    const pgpass = (0, node_fs_1.readFileSync)((0, node_path_1.join)(r.outDir, 'two', 'var', 'lib', 'barman', '.pgpass'), 'utf8');
    checkPgpass(parsed, 'seed', r.graph.edges, pgpass, 'seed/two');
    strict_1.default.throws(() => checkPgpass(parsed, 'seed', r.graph.edges, pgpass.replace('192.0.2.11:5432:*:streaming_barman', '192.0.2.11:5433:*:streaming_barman'), 'seed/two'), /\.pgpass line for Barman's streaming_conninfo/);
    strict_1.default.throws(() => checkPgpass(parsed, 'seed', r.graph.edges, pgpass.replace('# END cdktf-barman:seed:one', ''), 'seed/two'), /a \.pgpass block for one/);
});
// Barman 3.4 cannot read libpq attribute values with whitespace, even quoted (see the control
// above): validation rejects them before anything is written.
(0, node_test_1.test)('barman_client_dsn_attributes with a quoted space is rejected before anything is written', () => {
    const config = [
        'cluster_name: dsn',
        'instances:',
        '  - Name: one',
        '    role: [primary]',
        '    backup: two',
        '    vars:',
        "      barman_client_dsn_attributes: \"application_name='nightly backup'\"",
        '  - Name: two',
        '    role: [barman]',
        '',
    ].join('\n');
    strict_1.default.throws(() => (0, build_graph_1.buildGraph)((0, tpa_config_1.loadTpaConfig)(config, 'config.yml')), /barman_client_dsn_attributes/);
});
