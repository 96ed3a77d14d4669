"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The Postgres side of BarmanCluster (manageDatabaseAccess, activate, databasePasswords): which
 * resources exist, what each activation waits for, where the passwords go. Every expectation is
 * derived from the graph (graph.upstreamRoot, roles, edges), over every topology and both
 * provisioner resource types.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const tpa_config_1 = require("../../lib/config/tpa-config");
const barman_cluster_1 = require("../../lib/constructs/barman-cluster");
const host_provisioner_1 = require("../../lib/constructs/host-provisioner");
const enums_1 = require("../../lib/model/enums");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const cdktf_1 = require("../../lib/platform/cdktf");
const synth_helpers_1 = require("./synth-helpers");
const TYPES = Object.values(host_provisioner_1.ProvisionerResourceType);
const sorted = (xs) => [...xs].sort();
const TOPOLOGIES = [
    { name: 'examples/config.yml', graph: () => (0, tpa_config_1.loadGraphFromFile)((0, synth_helpers_1.SEED_CONFIG)()) },
    ...(0, synth_helpers_1.fixtureConfigs)().map((f) => ({ name: f.name, graph: () => (0, tpa_config_1.loadGraphFromFile)(f.file) })),
    { name: 'typed multi-topology graph', graph: () => (0, synth_helpers_1.multiGraph)() },
];
/** what one edge's activation must wait for, from the graph alone */
function activationNeeds(graph, type, b, s) {
    const instance = graph.instance(b);
    const primary = graph.upstreamRoot(instance);
    const needs = [`barman_backup_${(0, synth_helpers_1.idOf)(b)}_on_${(0, synth_helpers_1.idOf)(s)}`, `barman_server_${(0, synth_helpers_1.idOf)(s)}`, `barman_postgres_access_${(0, synth_helpers_1.idOf)(b)}`, `barman_postgres_config_${(0, synth_helpers_1.idOf)(b)}`];
    // the roles live on the primary of the instance's replication tree (replicas receive them);
    // a replica whose upstream is not given waits for every primary's roles
    if (!primary.roles.includes(enums_1.Role.REPLICA))
        needs.push(`barman_postgres_roles_${(0, synth_helpers_1.idOf)(primary.name)}`);
    else
        for (const p of graph.postgresInstances.filter((x) => !x.roles.includes(enums_1.Role.REPLICA)))
            needs.push(`barman_postgres_roles_${(0, synth_helpers_1.idOf)(p.name)}`);
    return needs.map((id) => `${type}.${id}`).sort();
}
for (const t of TOPOLOGIES) {
    (0, node_test_1.describe)(`Postgres side: ${t.name}`, () => {
        for (const type of TYPES) {
            const graph = t.graph();
            const json = (0, synth_helpers_1.synthCluster)({ graph, resourceType: type });
            (0, node_test_1.test)(`${type}: each activation depends on its backup, its server, the instance's access and config, and the roles of its primary; nothing else`, () => {
                strict_1.default.ok(graph.edges.length > 0);
                for (const e of graph.edges) {
                    const id = `barman_activate_${(0, synth_helpers_1.idOf)(e.instance.name)}_on_${(0, synth_helpers_1.idOf)(e.server.name)}`;
                    strict_1.default.deepEqual(sorted((0, synth_helpers_1.resource)(json, type, id).depends_on ?? []), activationNeeds(graph, type, e.instance.name, e.server.name), id);
                }
            });
            (0, node_test_1.test)(`${type}: a roles resource on each Postgres instance that is not a replica, none on replicas`, () => {
                const ids = new Set((0, synth_helpers_1.provisionerResources)(json).keys());
                for (const p of graph.postgresInstances) {
                    const id = `barman_postgres_roles_${(0, synth_helpers_1.idOf)(p.name)}`;
                    if (p.roles.includes(enums_1.Role.REPLICA))
                        strict_1.default.ok(!ids.has(id), `${p.name} is a replica: it receives the roles from its primary`);
                    else
                        strict_1.default.ok(ids.has(id), `${p.name} needs ${id}`);
                    strict_1.default.ok(ids.has(`barman_postgres_config_${(0, synth_helpers_1.idOf)(p.name)}`), `every Postgres instance gets its pg_hba.conf block: ${p.name}`);
                }
            });
            (0, node_test_1.test)(`${type}: manageDatabaseAccess false gives the resources of before the Postgres side, and the same server and access resources`, () => {
                const off = (0, synth_helpers_1.synthCluster)({ graph, resourceType: type, manageDatabaseAccess: false });
                const keys = sorted(Object.keys(off.resource?.tls_private_key ?? {}));
                strict_1.default.deepEqual(keys, ['barman_ssh_key_barman', 'barman_ssh_key_postgres']);
                strict_1.default.deepEqual(sorted((0, synth_helpers_1.resourcesOf)(off).keys()), sorted([
                    ...graph.barmanServers.map((s) => `${type}.barman_server_${(0, synth_helpers_1.idOf)(s.name)}`),
                    ...graph.edges.map((e) => `${type}.barman_backup_${(0, synth_helpers_1.idOf)(e.instance.name)}_on_${(0, synth_helpers_1.idOf)(e.server.name)}`),
                    ...graph.postgresInstances.map((p) => `${type}.barman_postgres_access_${(0, synth_helpers_1.idOf)(p.name)}`),
                    ...keys.map((k) => `tls_private_key.${k}`),
                ]));
                // no password anywhere, no .pgpass step, no .pgpass in a layout
                strict_1.default.deepEqual((0, synth_helpers_1.passwordResources)(off).size, 0);
                strict_1.default.doesNotMatch(JSON.stringify(off), /db_secret|passwords_sha256/);
                for (const [id, r] of (0, synth_helpers_1.provisionerResources)(off)) {
                    strict_1.default.ok(!(0, synth_helpers_1.stepsOf)(r).some((x) => x.step === 'pgpass_lines'), `${id}: a .pgpass step`);
                    strict_1.default.doesNotMatch(JSON.stringify((0, synth_helpers_1.triggersOf)(r)), /\.pgpass/, `${id}: .pgpass in a trigger`);
                    // .pgpass is named only where a server cleans up the blocks of instances that left the graph
                    // (the same with manageDatabaseAccess true: the server resources are compared below)
                    if (!id.startsWith('barman_server_'))
                        strict_1.default.doesNotMatch(JSON.stringify(r), /\.pgpass/, id);
                }
                for (const e of graph.edges) {
                    const id = `barman_backup_${(0, synth_helpers_1.idOf)(e.instance.name)}_on_${(0, synth_helpers_1.idOf)(e.server.name)}`;
                    strict_1.default.equal((0, synth_helpers_1.inlinesOf)((0, synth_helpers_1.resource)(off, type, id)).length, 1, `${id}: only the main step`);
                    // with the Postgres side on, the backup resource gains exactly the .pgpass step, its hash and its layout line
                    const on = (0, synth_helpers_1.resource)(json, type, id);
                    strict_1.default.deepEqual((0, synth_helpers_1.inlinesOf)(on)[0], (0, synth_helpers_1.inlinesOf)((0, synth_helpers_1.resource)(off, type, id))[0], `${id}: the main step is the same`);
                    strict_1.default.equal((0, synth_helpers_1.inlinesOf)(on).length, 2);
                    const a = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(off, type, id));
                    const b = (0, synth_helpers_1.triggersOf)(on);
                    strict_1.default.deepEqual(sorted(Object.keys(b).filter((k) => a[k] !== b[k])), ['layout', 'passwords_sha256', 'script_sha256'], id);
                    strict_1.default.equal(b.layout, `${a.layout}password-block ${e.server.settings.barmanUser}:${e.server.settings.barmanGroup} 0600 ${e.server.settings.barmanHome}/.pgpass\n`);
                }
                // the other resources are byte for byte those of manageDatabaseAccess true
                for (const [id, body] of (0, synth_helpers_1.provisionerResources)(off)) {
                    if (id.startsWith('barman_backup_'))
                        continue;
                    strict_1.default.deepEqual(body, (0, synth_helpers_1.provisionerResources)(json).get(id), id);
                }
            });
            (0, node_test_1.test)(`${type}: activate false drops the activations only; activate defaults to manageDatabaseAccess`, () => {
                const noActivation = (0, synth_helpers_1.synthCluster)({ graph, resourceType: type, activate: false });
                strict_1.default.deepEqual(sorted((0, synth_helpers_1.provisionerResources)(noActivation).keys()), (0, synth_helpers_1.expectedProvisionerIds)(graph, { activate: false }));
                strict_1.default.ok(![...(0, synth_helpers_1.provisionerResources)(noActivation).keys()].some((id) => id.includes('_activate_')));
                for (const [id, body] of (0, synth_helpers_1.provisionerResources)(noActivation))
                    strict_1.default.deepEqual(body, (0, synth_helpers_1.provisionerResources)(json).get(id), id);
                strict_1.default.deepEqual(sorted((0, synth_helpers_1.provisionerResources)(json).keys()), (0, synth_helpers_1.expectedProvisionerIds)(graph), 'activate is on by default');
                // activation without the library's database access: the user brings roles, pg_hba.conf and .pgpass
                const own = (0, synth_helpers_1.synthCluster)({ graph, resourceType: type, manageDatabaseAccess: false, activate: true });
                strict_1.default.deepEqual(sorted((0, synth_helpers_1.provisionerResources)(own).keys()), (0, synth_helpers_1.expectedProvisionerIds)(graph, { manage: false, activate: true }));
                for (const e of graph.edges) {
                    const id = `barman_activate_${(0, synth_helpers_1.idOf)(e.instance.name)}_on_${(0, synth_helpers_1.idOf)(e.server.name)}`;
                    const needs = activationNeeds(graph, type, e.instance.name, e.server.name).filter((d) => !/_postgres_(config|roles)_/.test(d));
                    strict_1.default.deepEqual(sorted((0, synth_helpers_1.resource)(own, type, id).depends_on ?? []), needs, id);
                }
            });
        }
    });
}
(0, node_test_1.describe)('supplied database passwords', () => {
    const synth = (type, names = ['db_barman', 'db_streaming']) => (0, synth_helpers_1.synthStack)((stack) => {
        const barman = new cdktf_1.TerraformVariable(stack, names[0], { type: 'string', sensitive: true }).stringValue;
        const streamingBarman = new cdktf_1.TerraformVariable(stack, names[1], { type: 'string', sensitive: true }).stringValue;
        new barman_cluster_1.BarmanCluster(stack, 'barman', { graph: (0, synth_helpers_1.multiGraph)(), resourceType: type, databasePasswords: { barman, streamingBarman } });
    });
    for (const type of TYPES) {
        (0, node_test_1.test)(`${type}: no password resource; the secret steps and hashes use the supplied values`, () => {
            const json = synth(type);
            strict_1.default.equal((0, synth_helpers_1.passwordResources)(json).size, 0);
            strict_1.default.doesNotMatch(JSON.stringify(json), /db_secret/);
            strict_1.default.deepEqual(sorted((0, synth_helpers_1.provisionerResources)(json).keys()), (0, synth_helpers_1.expectedProvisionerIds)((0, synth_helpers_1.multiGraph)()), 'the same provisioner resources as with generated passwords');
            const steps = [...(0, synth_helpers_1.provisionerResources)(json)].flatMap(([id, r]) => (0, synth_helpers_1.inlinesOf)(r).filter((i) => synth_helpers_1.PASSWORD_STEP_MARK.test((0, synth_helpers_1.stepLine)(i))).map((i) => ({ id, inline: i })));
            // one per roles resource (one, three, five, db-1) and per backup edge (5)
            strict_1.default.equal(steps.length, 4 + 5);
            for (const { id, inline } of steps) {
                // the barman password the first secret (first file), the streaming_barman one the second; neither anywhere else in the line
                const call = (0, synth_helpers_1.parseStepLine)((0, synth_helpers_1.stepLine)(inline));
                strict_1.default.deepEqual(call.secrets, ['${base64encode(var.db_barman)}', '${base64encode(var.db_streaming)}'], id);
                strict_1.default.ok(![call.step, ...call.args].some((w) => /var\.db_/.test(w)), `${id}: a password as a step argument`);
                strict_1.default.equal((0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, type, id)).passwords_sha256, '${sha256("${var.db_barman}\\n${var.db_streaming}")}', id);
            }
            // referenced nowhere else: each secret step's line (both), each hash
            const refs = (0, synth_helpers_1.stringsIn)(json.resource).filter((s) => /var\.db_(barman|streaming)\b/.test(s.value));
            strict_1.default.equal(refs.length, steps.length * 2, refs.map((r) => r.path).join('\n'));
        });
    }
    (0, node_test_1.test)('other passwords: exactly the roles resources and the backup resources (.pgpass) change', () => {
        const before = (0, synth_helpers_1.provisionerResources)(synth(host_provisioner_1.ProvisionerResourceType.NULL_RESOURCE));
        const after = (0, synth_helpers_1.provisionerResources)(synth(host_provisioner_1.ProvisionerResourceType.NULL_RESOURCE, ['db_barman', 'db_streaming_2']));
        const changed = [...before].filter(([id, body]) => JSON.stringify(body) !== JSON.stringify(after.get(id))).map(([id]) => id);
        strict_1.default.deepEqual(sorted(changed), (0, synth_helpers_1.expectedProvisionerIds)((0, synth_helpers_1.multiGraph)()).filter((id) => /_postgres_roles_|_backup_/.test(id)));
    });
});
(0, node_test_1.describe)('the .pgpass secret step gets the passwords through files only', () => {
    for (const type of TYPES) {
        (0, node_test_1.test)(`${type}: each password lands in its own temp file, the step gets the file names and reads them with base64 -d`, () => {
            const json = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.seedGraph)(), resourceType: type });
            const inline = (0, synth_helpers_1.inlinesOf)((0, synth_helpers_1.resource)(json, type, 'barman_backup_one_on_two'))[1];
            strict_1.default.match((0, synth_helpers_1.stepLine)(inline), synth_helpers_1.PASSWORD_STEP_MARK);
            // the passwords only as the two secrets (base64, each into its own file), in this order; the step's own arguments hold none
            const call = (0, synth_helpers_1.parseStepLine)((0, synth_helpers_1.stepLine)(inline));
            strict_1.default.deepEqual(call.secrets, [
                '${base64encode(sensitive(terraform_data.barman_db_secret_barman.triggers_replace))}',
                '${base64encode(sensitive(terraform_data.barman_db_secret_streaming_barman.triggers_replace))}',
            ]);
            strict_1.default.equal(call.step, 'pgpass_lines');
            strict_1.default.ok(!call.args.some((a) => a.includes('db_secret')));
            // eight arguments of its own: the two files are its $9 and ${10}
            strict_1.default.equal(call.args.length, 8);
            // the prologue: a private umask and a trap removing the files before a secret is written, the
            // uploaded copy (holding the secrets) removed first; the step gets the file names after its own arguments, nothing else
            const prologue = (0, synth_helpers_1.prologueOf)(json).split('\n');
            const at = (l) => prologue.indexOf(l);
            strict_1.default.ok(at('rm -f "$0" 2>/dev/null || true') >= 0 && at('rm -f "$0" 2>/dev/null || true') < at('cdktf_run_secret() { # count(1|2) secret-base64...'));
            const fn = prologue.slice(at('cdktf_run_secret() { # count(1|2) secret-base64...'));
            const i = (l) => fn.indexOf(l);
            strict_1.default.ok(i('  umask 077') > 0 && i('  umask 077') < i('  s1=$(mktemp)'), 'umask 077 before the first temp file');
            strict_1.default.ok(i(`  trap 'rm -f "$f" "$s1" \${s2:+"$s2"}' EXIT`) > 0 && i(`  trap 'rm -f "$f" "$s1" \${s2:+"$s2"}' EXIT`) < i(`  printf '%s' "$2" > "$s1"`), 'the trap before the first secret');
            strict_1.default.ok(i(`    printf '%s' "$3" > "$s2"`) > i('    s2=$(mktemp)'));
            // the step (appended to the program by cdktf_step) gets the file paths as "$@", nothing else
            strict_1.default.ok(i('    cdktf_run "$s1" "$s2"') > i(`    printf '%s' "$3" > "$s2"`));
            strict_1.default.ok(i('    cdktf_run "$s1"') > i(`  printf '%s' "$2" > "$s1"`));
            strict_1.default.deepEqual(fn.filter((l) => /\$[23]\b/.test(l)), [`  printf '%s' "$2" > "$s1"`, `    printf '%s' "$3" > "$s2"`], 'the secrets only into their files');
            // the step (shell/postgres-steps.sh, in the host program): $9 and ${10} only as files to decode
            const program = (0, synth_helpers_1.hostProgramOf)(json).split('\n');
            const start = program.indexOf('pgpass_lines() { # address port begin end path owner group mode barman-password-file streaming-password-file');
            strict_1.default.ok(start >= 0, 'pgpass_lines in the host program');
            const body = program.slice(start + 1, start + program.slice(start).indexOf('}'));
            strict_1.default.deepEqual(body.filter((l) => /\$9|\$\{10\}/.test(l)), ['  password_ok "$9" barman', '  password_ok "${10}" streaming_barman', '  bpw=$(base64 -d < "$9")', '  spw=$(base64 -d < "${10}")']);
            strict_1.default.doesNotMatch((0, synth_helpers_1.hostProgramOf)(json), /<password of/, 'no placeholder in the host program');
        });
    }
});
(0, node_test_1.describe)('known gaps', () => {
    (0, node_test_1.test)('a backed-up replica without upstream: its activation waits for no roles resource, and none creates the roles its barman check needs', () => {
        const graph = (0, typed_cluster_1.graphFromProps)({
            clusterName: 'orphan',
            instances: [
                { name: 'pg', roles: [enums_1.Role.REPLICA], backup: ['bk'] },
                { name: 'bk', roles: [enums_1.Role.BARMAN] },
            ],
        });
        let json;
        try {
            json = (0, synth_helpers_1.synthCluster)({ graph });
        }
        catch (e) {
            // acceptable: refused, naming upstream
            strict_1.default.match(String(e), /upstream/);
            return;
        }
        const deps = (0, synth_helpers_1.resource)(json, 'null_resource', 'barman_activate_pg_on_bk').depends_on ?? [];
        strict_1.default.ok(deps.some((d) => d.includes('_postgres_roles_')), `the activation waits for no roles resource: ${deps.join(', ')}`);
    });
    (0, node_test_1.test)('the roles resource ids: exactly the expected, derived from the graph (control of activationNeeds)', () => {
        // fleet: bravo (replica of alpha) and alpha backed up: both activations wait for alpha's roles
        const graph = (0, tpa_config_1.loadGraphFromFile)((0, synth_helpers_1.fixtureConfigs)().find((f) => f.name === 'topologies/many-to-one').file);
        strict_1.default.deepEqual(activationNeeds(graph, 'x', 'bravo', 'vault'), ['x.barman_backup_bravo_on_vault', 'x.barman_postgres_access_bravo', 'x.barman_postgres_config_bravo', 'x.barman_postgres_roles_alpha', 'x.barman_server_vault']);
        strict_1.default.deepEqual((0, synth_helpers_1.passwordIds)('p'), ['p_db_secret_barman', 'p_db_secret_streaming_barman']);
    });
});
