"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Synthesis of BarmanCluster: resources and their readable logical ids, ordering, connections,
 * triggers per concern, providers, key modes and id prefixes. Every expectation is derived from
 * the input graph written in this file (or examples/config.yml), not copied from the output.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const barman_cluster_1 = require("../../lib/constructs/barman-cluster");
const barman_stack_1 = require("../../lib/constructs/barman-stack");
const host_provisioner_1 = require("../../lib/constructs/host-provisioner");
const enums_1 = require("../../lib/model/enums");
const diagnostics_1 = require("../../lib/model/diagnostics");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const tpa_config_1 = require("../../lib/config/tpa-config");
const host_files_1 = require("../../lib/render/host-files");
const key_material_1 = require("../../lib/render/key-material");
const cdktf_1 = require("../../lib/platform/cdktf");
const synth_helpers_1 = require("./synth-helpers");
const NR = 'null_resource';
const TD = 'terraform_data';
const sorted = (xs) => [...xs].sort();
/** the literal Terraform reference text of a generated public key, as the library trims it */
const publicKeyRef = (id) => `\${trimspace(tls_private_key.${id}.public_key_openssh)}`;
(0, node_test_1.describe)('the seed (examples/config.yml: one backed up to two)', () => {
    const json = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.seedGraph)() });
    (0, node_test_1.test)('exactly the ten resources, with readable logical ids', () => {
        strict_1.default.deepEqual(sorted((0, synth_helpers_1.resourcesOf)(json).keys()), sorted([
            'null_resource.barman_server_two',
            'null_resource.barman_backup_one_on_two',
            'null_resource.barman_postgres_access_one',
            // the Postgres side: one's pg_hba.conf block and WAL commands, Barman's roles on the primary one,
            // then one activated on two; the two database passwords, generated once
            'null_resource.barman_postgres_config_one',
            'null_resource.barman_postgres_roles_one',
            'null_resource.barman_activate_one_on_two',
            'terraform_data.barman_db_secret_barman',
            'terraform_data.barman_db_secret_streaming_barman',
            'tls_private_key.barman_ssh_key_postgres',
            'tls_private_key.barman_ssh_key_barman',
        ]));
    });
    (0, node_test_1.test)('the backup resource depends on its server resource; the activation on everything one on two needs; the others on nothing', () => {
        strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, NR, 'barman_backup_one_on_two').depends_on, ['null_resource.barman_server_two']);
        strict_1.default.deepEqual(sorted((0, synth_helpers_1.resource)(json, NR, 'barman_activate_one_on_two').depends_on ?? []), sorted(['barman_backup_one_on_two', 'barman_server_two', 'barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one'].map((id) => `null_resource.${id}`)));
        for (const id of ['barman_server_two', 'barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one'])
            strict_1.default.equal((0, synth_helpers_1.resource)(json, NR, id).depends_on, undefined, id);
    });
    (0, node_test_1.test)('the passwords: built-in terraform_data, a sensitive random UUID kept in triggers_replace from creation on (no input, so no unmarked output copy); no provisioners', () => {
        for (const id of ['barman_db_secret_barman', 'barman_db_secret_streaming_barman']) {
            strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, TD, id), { triggers_replace: '${sensitive(uuid())}', lifecycle: { ignore_changes: ['triggers_replace'] } }, id);
        }
    });
    (0, node_test_1.test)('connections: ip_address of the host the resource writes to, root, port 22, the ssh agent, no key pinned', () => {
        // examples/config.yml: one has ip_address 192.0.2.11, two 192.0.2.12; no public/private ip, no host keys
        // every step (secret ones too) uploads under /root (the prologue removes it at once), not world-readable /tmp
        const expected = (host) => ({ type: 'ssh', host, user: 'root', port: 22, agent: true, script_path: '/root/.cdktf-barman-%RAND%.sh' });
        for (const id of ['barman_server_two', 'barman_backup_one_on_two', 'barman_activate_one_on_two'])
            strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, NR, id).connection, expected('192.0.2.12'), id);
        for (const id of ['barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one'])
            strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, NR, id).connection, expected('192.0.2.11'), id);
        // the resource's connection is the only one: no provisioner has its own
        for (const [id, r] of (0, synth_helpers_1.provisionerResources)(json)) {
            for (const p of r.provisioner ?? [])
                strict_1.default.equal(p['remote-exec'].connection, undefined, `${id}: a provisioner's own connection`);
        }
        for (const id of ['barman_postgres_roles_one', 'barman_backup_one_on_two']) {
            strict_1.default.equal((0, synth_helpers_1.inlinesOf)((0, synth_helpers_1.resource)(json, NR, id)).filter((i) => synth_helpers_1.PASSWORD_STEP_MARK.test((0, synth_helpers_1.stepLine)(i))).length, 1, `${id}: one secret step`);
        }
    });
    (0, node_test_1.test)('the backup resource triggers hold /etc/barman.d/one.conf and /etc/cron.d/one and no file of the server itself', () => {
        const r = (0, synth_helpers_1.resource)(json, NR, 'barman_backup_one_on_two');
        strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)(r), ['/etc/barman.d/one.conf', '/etc/cron.d/one']);
        const t = (0, synth_helpers_1.triggersOf)(r);
        // its block of ~barman/.pgpass is in the layout, not its content; the passwords only as a hash
        strict_1.default.deepEqual(sorted(Object.keys(t)), ['/etc/barman.d/one.conf', '/etc/cron.d/one', 'host', 'layout', 'passwords_sha256', 'script_sha256']);
        strict_1.default.equal(t.layout, 'file barman:barman 0600 /etc/barman.d/one.conf\nfile root:root 0644 /etc/cron.d/one\npassword-block barman:barman 0600 /var/lib/barman/.pgpass\n');
        strict_1.default.match(t.passwords_sha256, /^\$\{sha256\(.*terraform_data\.barman_db_secret_barman\.triggers_replace.*terraform_data\.barman_db_secret_streaming_barman\.triggers_replace.*\)\}$/);
        strict_1.default.equal((0, synth_helpers_1.inlinesOf)(r).length, 2, 'the main step, then the .pgpass secret step');
        // the main step writes the files from the triggers (the layout says where, whose and which mode)
        strict_1.default.deepEqual((0, synth_helpers_1.stepsOf)(r)[0].secrets, []);
        strict_1.default.equal((0, synth_helpers_1.stepsOf)(r)[0].step, 'backup_edge');
        strict_1.default.deepEqual((0, synth_helpers_1.stepsOf)(r)[0].args.slice(-3), [(0, synth_helpers_1.triggerArg)('triggers', 'layout', (0, synth_helpers_1.triggersOf)(r)), (0, synth_helpers_1.triggerArg)('triggers', '/etc/barman.d/one.conf', (0, synth_helpers_1.triggersOf)(r)), (0, synth_helpers_1.triggerArg)('triggers', '/etc/cron.d/one', (0, synth_helpers_1.triggersOf)(r))]);
        // the .pgpass lines of one on two: the two passwords as the secrets (files), then where the block goes, whose and which mode
        strict_1.default.match((0, synth_helpers_1.stepLine)((0, synth_helpers_1.inlinesOf)(r)[1]), synth_helpers_1.PASSWORD_STEP_MARK);
        strict_1.default.deepEqual((0, synth_helpers_1.stepsOf)(r)[1], {
            secrets: ['barman', 'streaming_barman'].map((n) => `\${base64encode(sensitive(terraform_data.barman_db_secret_${n}.triggers_replace))}`),
            step: 'pgpass_lines',
            args: ['192.0.2.11', '5432', '# BEGIN cdktf-barman:seed:one', '# END cdktf-barman:seed:one', '/var/lib/barman/.pgpass', 'barman', 'barman', '0600'],
        });
        const conf = t['/etc/barman.d/one.conf'];
        strict_1.default.match(conf, /^\[one\]$/m);
        strict_1.default.match(conf, /^ssh_command = "ssh -q -o StrictHostKeyChecking=yes postgres@192\.0\.2\.11 -p 22"$/m);
        strict_1.default.match(conf, /^conninfo = "host=192\.0\.2\.11 port=5432 dbname=postgres user=barman"$/m);
        strict_1.default.match(conf, /^streaming_conninfo = "host=192\.0\.2\.11 port=5432 dbname=postgres user=streaming_barman"$/m);
        strict_1.default.match(conf, /^slot_name = "backup_two"$/m);
        strict_1.default.match(conf, /^active = true$/m);
        strict_1.default.match(t["/etc/cron.d/one"], /^0 4 \* \* wed,sat barman \S+ && \/usr\/bin\/flock -n \/var\/lib\/barman\/\.cdktf-barman-backup-one\.lock \/usr\/bin\/barman backup one$/m);
        strict_1.default.match(t.host, /\btwo\b.*192\.0\.2\.12/);
        strict_1.default.ok(!Object.values(t).some((v) => v.includes('[barman]')), 'the global file is the server resource\'s');
    });
    (0, node_test_1.test)('the server resource triggers hold the server\'s own files and no per-instance file', () => {
        const r = (0, synth_helpers_1.resource)(json, NR, 'barman_server_two');
        const paths = (0, synth_helpers_1.triggerPaths)(r);
        for (const p of ['/etc/barman.conf', '/etc/cron.d/barman', '/var/lib/barman/.ssh/id_ed25519.pub', '/var/lib/barman/.ssh/authorized_keys', '/var/lib/barman/.ssh/known_hosts']) {
            strict_1.default.ok(paths.includes(p), `${p} missing from the server's triggers: ${paths.join(', ')}`);
        }
        strict_1.default.ok(!paths.some((p) => p.startsWith('/etc/barman.d/') || p === '/etc/cron.d/one'), `per-instance files in the server's triggers: ${paths.join(', ')}`);
        strict_1.default.ok(!paths.includes('/var/lib/barman/.ssh/id_ed25519'), 'the private key is never a trigger');
        const t = (0, synth_helpers_1.triggersOf)(r);
        strict_1.default.match(t['/etc/barman.conf'], /^\[barman\]$/m);
        strict_1.default.match(t['/etc/barman.conf'], /^log_file = \/var\/log\/barman\.log$/m);
        strict_1.default.match(t['/etc/barman.conf'], /^barman_home = \/var\/lib\/barman$/m);
        strict_1.default.match(t['/etc/cron.d/barman'], /^\* \* \* \* \* barman \S+ && \/usr\/bin\/barman -q cron$/m);
        // the per-instance files it manages, to remove them once one leaves the graph
        strict_1.default.equal(t['/usr/local/lib/cdktf-barman/seed.managed'], '/etc/barman.d/one.conf\n/etc/cron.d/one\npgpass:one\n');
        strict_1.default.ok(!paths.includes('/var/lib/barman/.pgpass'), '.pgpass blocks are the backup resources\' (and secret)');
        // postgres on `one` reaches barman here, only from one's address and only for its WAL; Barman
        // reaches one's sshd (scanned at apply: none pinned)
        strict_1.default.equal(t['/var/lib/barman/.ssh/authorized_keys'], `restrict,from="192.0.2.11",command="/usr/local/lib/cdktf-barman/barman-wal-gate 'put-wal:one' 'get-wal:one'" ${publicKeyRef('barman_ssh_key_postgres')} postgres@seed cdktf-barman:seed\n`);
        strict_1.default.equal(t['/var/lib/barman/.ssh/id_ed25519.pub'], `${publicKeyRef('barman_ssh_key_barman')} barman@seed\n`);
        strict_1.default.match(t['/var/lib/barman/.ssh/known_hosts'], /^192\.0\.2\.11 \S+ cdktf-barman:seed$/m);
    });
    (0, node_test_1.test)('the Postgres access resource triggers hold the postgres user\'s ssh files only', () => {
        const r = (0, synth_helpers_1.resource)(json, NR, 'barman_postgres_access_one');
        strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)(r), ['/var/lib/postgresql/.ssh/authorized_keys', '/var/lib/postgresql/.ssh/id_ed25519.pub', '/var/lib/postgresql/.ssh/known_hosts']);
        const t = (0, synth_helpers_1.triggersOf)(r);
        strict_1.default.equal(t['/var/lib/postgresql/.ssh/authorized_keys'], `restrict,from="192.0.2.12" ${publicKeyRef('barman_ssh_key_barman')} barman@seed cdktf-barman:seed\n`);
        strict_1.default.equal(t['/var/lib/postgresql/.ssh/id_ed25519.pub'], `${publicKeyRef('barman_ssh_key_postgres')} postgres@seed\n`);
        strict_1.default.match(t['/var/lib/postgresql/.ssh/known_hosts'], /^192\.0\.2\.12 \S+ cdktf-barman:seed$/m);
    });
    (0, node_test_1.test)('the Postgres config resource: one\'s pg_hba.conf block for two, first in the file, and the WAL commands it resets', () => {
        const r = (0, synth_helpers_1.resource)(json, NR, 'barman_postgres_config_one');
        strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)(r), ['/etc/postgresql/16/main/pg_hba.conf']);
        const t = (0, synth_helpers_1.triggersOf)(r);
        strict_1.default.deepEqual(sorted(Object.keys(t)), ['/etc/postgresql/16/main/pg_hba.conf', 'ALTER SYSTEM (postgresql.auto.conf)', 'host', 'layout', 'script_sha256']);
        strict_1.default.equal(t.layout, 'managed-block postgres:postgres 0640 /etc/postgresql/16/main/pg_hba.conf\n');
        strict_1.default.equal(t['/etc/postgresql/16/main/pg_hba.conf'], "# BEGIN cdktf-barman:seed (Barman's access; replaced on every apply)\nhost postgres barman 192.0.2.12/32 scram-sha-256\nhost replication streaming_barman 192.0.2.12/32 scram-sha-256\n# END cdktf-barman:seed\n");
        // no barman_archiver, no barman_wal_restore: both commands are reset if (and only if) the library had set them
        const sql = t['ALTER SYSTEM (postgresql.auto.conf)'];
        strict_1.default.doesNotMatch(sql, /ALTER SYSTEM SET/);
        strict_1.default.match(sql, /^SELECT 'ALTER SYSTEM RESET archive_command' WHERE EXISTS \(SELECT FROM pg_file_settings WHERE name = 'archive_command' AND setting LIKE 'barman-wal-archive%' AND sourcefile LIKE '%postgresql\.auto\.conf'\)\\gexec$/m);
        strict_1.default.match(sql, /^SELECT 'ALTER SYSTEM RESET restore_command' WHERE EXISTS \(SELECT FROM pg_file_settings WHERE name = 'restore_command' AND setting LIKE 'barman-wal-restore%' AND sourcefile LIKE '%postgresql\.auto\.conf'\)\\gexec$/m);
        strict_1.default.equal((0, synth_helpers_1.inlinesOf)(r).length, 1, 'no secret');
    });
    (0, node_test_1.test)('the roles resource: the roles SQL in clear, the passwords only in its secret step and as a hash', () => {
        const r = (0, synth_helpers_1.resource)(json, NR, 'barman_postgres_roles_one');
        const t = (0, synth_helpers_1.triggersOf)(r);
        strict_1.default.deepEqual(sorted(Object.keys(t)), ['host', 'layout', 'passwords_sha256', 'roles.sql', 'script_sha256']);
        strict_1.default.equal(t.layout, '', 'it writes no file');
        strict_1.default.match(t['roles.sql'], /^ALTER ROLE barman WITH LOGIN NOSUPERUSER .* PASSWORD :'barman_password';$/m);
        strict_1.default.match(t['roles.sql'], /^ALTER ROLE streaming_barman WITH LOGIN REPLICATION .* PASSWORD :'streaming_password';$/m);
        strict_1.default.match(t['roles.sql'], /^GRANT EXECUTE ON FUNCTION pg_catalog\.pg_backup_start\(text, boolean\) TO barman_role;$/m, 'PostgreSQL 16 (cluster_vars of the seed)');
        strict_1.default.equal(t.passwords_sha256, (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_backup_one_on_two')).passwords_sha256);
        // a visible step may check first (Terraform hides all output of the secret step); exactly one secret step, last
        const inlines = (0, synth_helpers_1.inlinesOf)(r);
        strict_1.default.deepEqual(inlines.map((i) => synth_helpers_1.PASSWORD_STEP_MARK.test((0, synth_helpers_1.stepLine)(i))), [...inlines.slice(1).map(() => false), true], 'the secret step comes last, and alone');
        for (const i of inlines.slice(0, -1))
            strict_1.default.ok(!JSON.stringify(i).includes('db_secret'), 'no password in a visible step');
        // the roles are checked in the visible step, created in the secret one, which reads roles.sql from the triggers
        strict_1.default.deepEqual((0, synth_helpers_1.stepsOf)(r).map((x) => [x.step, x.args[4]]), [['on_postgres', 'roles_check'], ['on_postgres', 'roles_create']]);
        strict_1.default.deepEqual((0, synth_helpers_1.stepsOf)(r)[1].args.slice(-1), [(0, synth_helpers_1.triggerArg)('triggers', 'roles.sql', (0, synth_helpers_1.triggersOf)(r))]);
        strict_1.default.equal((0, synth_helpers_1.stepsOf)(r)[1].secrets.length, 2);
    });
    (0, node_test_1.test)('the activation resource re-runs when one\'s Barman configuration or first-backup choice changes', () => {
        const r = (0, synth_helpers_1.resource)(json, NR, 'barman_activate_one_on_two');
        const t = (0, synth_helpers_1.triggersOf)(r);
        strict_1.default.deepEqual(sorted(Object.keys(t)), ['/etc/barman.d/one.conf', 'first_backup', 'host', 'layout', 'script_sha256']);
        strict_1.default.equal(t['/etc/barman.d/one.conf'], (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_backup_one_on_two'))['/etc/barman.d/one.conf']);
        strict_1.default.equal(t.first_backup, 'false');
        strict_1.default.match(t.host, /^two \(ssh 192\.0\.2\.12\)$/);
        // backup name, server, instance, barman user, psql, archiver (0|1), first backup (0|1)
        strict_1.default.deepEqual((0, synth_helpers_1.inlinesOf)(r).length, 1);
        strict_1.default.deepEqual((0, synth_helpers_1.stepOf)(r, 'activate_edge'), { secrets: [], step: 'activate_edge', args: ['one', 'two', 'one', 'barman', '/usr/lib/postgresql/16/bin/psql', '0', '0'] });
        // what the step does with them (lib/scripts/shell/activation.sh; runs are test/scripts'): Barman
        // run as that user, the slot created, `barman check`, a first backup only when asked for
        const sh = (0, node_fs_1.readFileSync)((0, node_path_1.join)((0, synth_helpers_1.repoRoot)(), 'lib', 'scripts', 'shell', 'activation.sh'), 'utf8');
        strict_1.default.match(sh, /^act_barman\(\) \{\n  runuser -u "\$act_user" -- \/usr\/bin\/barman "\$@"\n\}$/m);
        strict_1.default.match(sh, /^  act_user=\$4$/m);
        strict_1.default.match(sh, /\bact_barman receive-wal --create-slot "\$act_name" /);
        strict_1.default.match(sh, /^  report=\$\(act_barman check "\$act_name" 2>&1\)/m);
        strict_1.default.match(sh, /^  if \[ "\$7" = 1 \] && \[ "\$backups" -eq 0 \]; then\n    act_barman backup --wait "\$act_name"/m, 'a first backup only with its flag');
    });
    (0, node_test_1.test)('null_resource by default, with the null and tls providers, their versions relaxed to the major', () => {
        strict_1.default.deepEqual(sorted(Object.keys(json.resource ?? {})), ['null_resource', 'terraform_data', 'tls_private_key']);
        strict_1.default.equal(json.provider?.null?.length, 1);
        strict_1.default.equal(json.provider?.tls?.length, 1);
        strict_1.default.equal(json.terraform?.required_providers?.null?.version, '>= 3.2, < 4.0');
        strict_1.default.equal(json.terraform?.required_providers?.tls?.version, '>= 4.0, < 5.0');
        for (const r of (0, synth_helpers_1.provisionerResources)(json).values())
            strict_1.default.ok(r.triggers && !r.triggers_replace, 'null_resource carries `triggers`');
    });
    (0, node_test_1.test)('generated keys are ED25519 by default, one per user for the cluster', () => {
        strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, 'tls_private_key', 'barman_ssh_key_postgres'), { algorithm: 'ED25519' });
        strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, 'tls_private_key', 'barman_ssh_key_barman'), { algorithm: 'ED25519' });
    });
    (0, node_test_1.test)('no backend: neither in Testing.synth nor in synthesizeTerraformJson (what the CLI writes)', () => {
        strict_1.default.equal(json.terraform?.backend, undefined);
        for (const keysFromVariables of [false, true]) {
            const full = (0, barman_stack_1.synthesizeTerraformJson)({ graph: (0, synth_helpers_1.seedGraph)(), keysFromVariables });
            strict_1.default.ok(full.resource, 'synthesizeTerraformJson returned resources');
            strict_1.default.equal(full.terraform?.backend, undefined, `a backend was added (keysFromVariables ${keysFromVariables})`);
        }
    });
});
(0, node_test_1.describe)('terraform_data mode', () => {
    (0, node_test_1.test)('the same resources as terraform_data with triggers_replace; no null provider, tls still there', () => {
        const json = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.seedGraph)(), resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA });
        strict_1.default.deepEqual(sorted((0, synth_helpers_1.resourcesOf)(json).keys()), sorted([
            ...['server_two', 'backup_one_on_two', 'postgres_access_one', 'postgres_config_one', 'postgres_roles_one', 'activate_one_on_two', 'db_secret_barman', 'db_secret_streaming_barman'].map((id) => `terraform_data.barman_${id}`),
            'tls_private_key.barman_ssh_key_postgres',
            'tls_private_key.barman_ssh_key_barman',
        ]));
        for (const r of (0, synth_helpers_1.provisionerResources)(json).values())
            strict_1.default.ok(r.triggers_replace && !r.triggers, 'terraform_data carries `triggers_replace` (a change replaces it and re-runs the provisioners)');
        strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, TD, 'barman_backup_one_on_two').depends_on, ['terraform_data.barman_server_two']);
        strict_1.default.equal(json.provider?.null, undefined);
        strict_1.default.equal(json.terraform?.required_providers?.null, undefined);
        strict_1.default.equal(json.provider?.tls?.length, 1);
    });
    (0, node_test_1.test)('with supplied keys it needs no provider at all', () => {
        const json = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.seedGraph)(), resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA, suppliedKeys: SUPPLIED });
        strict_1.default.equal(json.provider, undefined);
        strict_1.default.deepEqual(json.terraform?.required_providers ?? {}, {});
        strict_1.default.deepEqual(sorted(Object.keys(json.resource ?? {})), ['terraform_data']);
    });
});
const SUPPLIED = {
    postgres: { privateKey: 'PRIVATE-POSTGRES', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBvc3RncmVz someone@laptop' },
    barman: { privateKey: 'PRIVATE-BARMAN', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJhcm1hbg== barman@vault\n' },
};
(0, node_test_1.describe)('key modes', () => {
    (0, node_test_1.test)('supplied keys: no tls_private_key, no tls provider; the public keys land in the files without their comments', () => {
        const json = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.seedGraph)(), suppliedKeys: SUPPLIED });
        strict_1.default.deepEqual(sorted(Object.keys(json.resource ?? {})), ['null_resource', 'terraform_data'], 'terraform_data: the generated database passwords');
        strict_1.default.equal(json.provider?.tls, undefined);
        strict_1.default.equal(json.terraform?.required_providers?.tls, undefined);
        strict_1.default.equal(json.provider?.null?.length, 1);
        const pg = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_access_one'));
        strict_1.default.equal(pg['/var/lib/postgresql/.ssh/id_ed25519.pub'], 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBvc3RncmVz postgres@seed\n');
        strict_1.default.equal(pg['/var/lib/postgresql/.ssh/authorized_keys'], 'restrict,from="192.0.2.12" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJhcm1hbg== barman@seed cdktf-barman:seed\n');
        const srv = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_server_two'));
        strict_1.default.equal(srv['/var/lib/barman/.ssh/authorized_keys'], `restrict,from="192.0.2.11",command="/usr/local/lib/cdktf-barman/barman-wal-gate 'put-wal:one' 'get-wal:one'" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBvc3RncmVz postgres@seed cdktf-barman:seed\n`);
    });
    (0, node_test_1.test)('supplied keys and per-host keys exclude each other', () => {
        strict_1.default.throws(() => (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.seedGraph)(), suppliedKeys: SUPPLIED, perHostKeys: true }), /perHostKeys/);
    });
    (0, node_test_1.test)('per-host keys: one tls_private_key per Postgres instance (postgres) and per Barman server (barman)', () => {
        const json = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.multiGraph)(), perHostKeys: true });
        // Postgres instances: one, three (witness), four, five, db-1.example.com; Barman servers: two, three, backup-1.example.com
        strict_1.default.deepEqual(sorted(Object.keys(json.resource?.tls_private_key ?? {})), sorted([
            'barman_ssh_key_postgres_one',
            'barman_ssh_key_postgres_three',
            'barman_ssh_key_postgres_four',
            'barman_ssh_key_postgres_five',
            'barman_ssh_key_postgres_db-1_example_com',
            'barman_ssh_key_barman_two',
            'barman_ssh_key_barman_three',
            'barman_ssh_key_barman_backup-1_example_com',
        ]));
        // two authorizes the postgres keys of the instances it backs up: one, four, five, each from its address, for its own WAL
        const auth2 = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_server_two'))['/var/lib/barman/.ssh/authorized_keys'];
        strict_1.default.deepEqual(auth2.trimEnd().split('\n').sort(), [['one', '10.1.0.1'], ['four', '10.1.0.4'], ['five', '10.1.0.5']].map(([i, a]) => `restrict,from="${a}",command="/usr/local/lib/cdktf-barman/barman-wal-gate 'put-wal:${i}' 'get-wal:${i}'" ${publicKeyRef(`barman_ssh_key_postgres_${i}`)} postgres@multi cdktf-barman:multi`).sort());
        // three (barman + witness) authorizes, as a Postgres instance, every Barman server's barman key (its own too)
        const auth3 = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_access_three'))['/var/lib/postgresql/.ssh/authorized_keys'];
        strict_1.default.deepEqual(auth3.trimEnd().split('\n').sort(), [['two', '10.1.0.2'], ['three', '10.1.0.3'], ['backup-1_example_com', '10.2.0.20']].map(([s, a]) => `restrict,from="${a}" ${publicKeyRef(`barman_ssh_key_barman_${s}`)} barman@multi cdktf-barman:multi`).sort());
        // each host installs its own pair
        strict_1.default.equal((0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_access_four'))['/var/lib/postgresql/.ssh/id_ed25519.pub'], `${publicKeyRef('barman_ssh_key_postgres_four')} postgres@multi\n`);
        const keyLine = (id) => inlineWith((0, synth_helpers_1.resource)(json, NR, id), 'private_key_openssh');
        strict_1.default.match(keyLine('barman_server_three'), /tls_private_key\.barman_ssh_key_barman_three\.private_key_openssh/);
        strict_1.default.match(keyLine('barman_postgres_access_three'), /tls_private_key\.barman_ssh_key_postgres_three\.private_key_openssh/);
    });
    for (const [algorithm, rsaBits, expected, file] of [
        [enums_1.KeyAlgorithm.RSA, undefined, { algorithm: 'RSA', rsa_bits: 4096 }, 'id_rsa'],
        [enums_1.KeyAlgorithm.RSA, 3072, { algorithm: 'RSA', rsa_bits: 3072 }, 'id_rsa'],
        [enums_1.KeyAlgorithm.ECDSA, undefined, { algorithm: 'ECDSA', ecdsa_curve: 'P256' }, 'id_ecdsa'],
        [enums_1.KeyAlgorithm.ED25519, undefined, { algorithm: 'ED25519' }, 'id_ed25519'],
    ]) {
        (0, node_test_1.test)(`keyAlgorithm ${algorithm}${rsaBits ? ` (${rsaBits} bits)` : ''}: ${JSON.stringify(expected)}, key files named ${file}`, () => {
            const json = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.seedGraph)(), keyAlgorithm: algorithm, rsaBits });
            strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, 'tls_private_key', 'barman_ssh_key_postgres'), expected);
            strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, 'tls_private_key', 'barman_ssh_key_barman'), expected);
            strict_1.default.ok((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_access_one')).includes(`/var/lib/postgresql/.ssh/${file}.pub`));
            strict_1.default.ok((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, 'barman_server_two')).includes(`/var/lib/barman/.ssh/${file}.pub`));
            strict_1.default.match((0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_server_two')).layout, new RegExp(`^private-key barman:barman 0600 /var/lib/barman/\\.ssh/${file}$`, 'm'));
        });
    }
});
function inlineWith(r, needle) {
    const lines = (r.provisioner ?? []).flatMap((p) => p['remote-exec'].inline).filter((l) => l.includes(needle));
    strict_1.default.equal(lines.length, 1, `expected one inline line with ${needle}, got ${lines.length}`);
    return lines[0];
}
(0, node_test_1.describe)('the multi-topology graph (one to two servers, several to one, M1 barman+witness, FQDNs)', () => {
    const graph = (0, synth_helpers_1.multiGraph)();
    const json = (0, synth_helpers_1.synthCluster)({ graph });
    const EXPECTED_PROVISIONERS = [
        'barman_server_two',
        'barman_server_three',
        'barman_server_backup-1_example_com',
        'barman_backup_one_on_two',
        'barman_backup_one_on_three',
        'barman_backup_four_on_two',
        'barman_backup_five_on_two',
        'barman_backup_db-1_example_com_on_backup-1_example_com',
        'barman_postgres_access_one',
        'barman_postgres_access_three',
        'barman_postgres_access_four',
        'barman_postgres_access_five',
        'barman_postgres_access_db-1_example_com',
        // every Postgres instance (the witness three too) lets every Barman server in
        'barman_postgres_config_one',
        'barman_postgres_config_three',
        'barman_postgres_config_four',
        'barman_postgres_config_five',
        'barman_postgres_config_db-1_example_com',
        // roles on every Postgres instance that is not a replica: not on four
        'barman_postgres_roles_one',
        'barman_postgres_roles_three',
        'barman_postgres_roles_five',
        'barman_postgres_roles_db-1_example_com',
        // one activation per backup edge
        'barman_activate_one_on_two',
        'barman_activate_one_on_three',
        'barman_activate_four_on_two',
        'barman_activate_five_on_two',
        'barman_activate_db-1_example_com_on_backup-1_example_com',
    ];
    (0, node_test_1.test)('exactly the expected resources; dots in FQDNs become _', () => {
        strict_1.default.deepEqual(sorted((0, synth_helpers_1.resourcesOf)(json).keys()), sorted([
            ...EXPECTED_PROVISIONERS.map((id) => `null_resource.${id}`),
            'terraform_data.barman_db_secret_barman',
            'terraform_data.barman_db_secret_streaming_barman',
            'tls_private_key.barman_ssh_key_postgres',
            'tls_private_key.barman_ssh_key_barman',
        ]));
    });
    (0, node_test_1.test)('each backup resource depends on exactly its server\'s resource, each activation on what its edge needs; nothing else depends on anything', () => {
        const expected = {
            barman_backup_one_on_two: ['barman_server_two'],
            barman_backup_one_on_three: ['barman_server_three'],
            barman_backup_four_on_two: ['barman_server_two'],
            barman_backup_five_on_two: ['barman_server_two'],
            'barman_backup_db-1_example_com_on_backup-1_example_com': ['barman_server_backup-1_example_com'],
            barman_activate_one_on_two: ['barman_backup_one_on_two', 'barman_server_two', 'barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one'],
            barman_activate_one_on_three: ['barman_backup_one_on_three', 'barman_server_three', 'barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one'],
            // four: a replica without upstream, so it waits for the roles of every primary
            barman_activate_four_on_two: [
                'barman_backup_four_on_two',
                'barman_server_two',
                'barman_postgres_access_four',
                'barman_postgres_config_four',
                'barman_postgres_roles_one',
                'barman_postgres_roles_three',
                'barman_postgres_roles_five',
                'barman_postgres_roles_db-1_example_com',
            ],
            barman_activate_five_on_two: ['barman_backup_five_on_two', 'barman_server_two', 'barman_postgres_access_five', 'barman_postgres_config_five', 'barman_postgres_roles_five'],
            'barman_activate_db-1_example_com_on_backup-1_example_com': [
                'barman_backup_db-1_example_com_on_backup-1_example_com',
                'barman_server_backup-1_example_com',
                'barman_postgres_access_db-1_example_com',
                'barman_postgres_config_db-1_example_com',
                'barman_postgres_roles_db-1_example_com',
            ],
        };
        for (const [id, body] of (0, synth_helpers_1.provisionerResources)(json)) {
            if (id in expected)
                strict_1.default.deepEqual(sorted(body.depends_on ?? []), sorted(expected[id].map((d) => `null_resource.${d}`)), id);
            else
                strict_1.default.equal(body.depends_on, undefined, `${id} should not depend on anything`);
        }
    });
    (0, node_test_1.test)('connections: the connection host and ssh port of the host written to, its first pinned host key', () => {
        const conn = (host, port, hostKey) => ({ type: 'ssh', host, user: 'root', port, agent: true, ...(hostKey ? { host_key: hostKey } : {}), script_path: '/root/.cdktf-barman-%RAND%.sh' });
        const onTwo = conn('198.51.100.2', 2222, synth_helpers_1.HOST_KEY_TWO_ED25519);
        const onThree = conn('10.1.0.3', 22);
        const onBackup1 = conn('203.0.113.20', 22);
        const onOne = conn('198.51.100.1', 22, synth_helpers_1.HOST_KEY_ONE);
        // no address at all: the name is the address and the connection host
        const onDb1 = conn('db-1.example.com', 22);
        const expected = {
            barman_server_two: onTwo,
            barman_backup_one_on_two: onTwo,
            barman_backup_four_on_two: onTwo,
            barman_backup_five_on_two: onTwo,
            barman_activate_one_on_two: onTwo,
            barman_activate_four_on_two: onTwo,
            barman_activate_five_on_two: onTwo,
            barman_server_three: onThree,
            barman_backup_one_on_three: onThree,
            barman_activate_one_on_three: onThree,
            barman_postgres_access_three: onThree,
            barman_postgres_config_three: onThree,
            barman_postgres_roles_three: onThree,
            'barman_server_backup-1_example_com': onBackup1,
            'barman_backup_db-1_example_com_on_backup-1_example_com': onBackup1,
            'barman_activate_db-1_example_com_on_backup-1_example_com': onBackup1,
            barman_postgres_access_one: onOne,
            barman_postgres_config_one: onOne,
            barman_postgres_roles_one: onOne,
            barman_postgres_access_four: conn('10.1.0.4', 22),
            barman_postgres_config_four: conn('10.1.0.4', 22),
            barman_postgres_access_five: conn('10.1.0.5', 22),
            barman_postgres_config_five: conn('10.1.0.5', 22),
            barman_postgres_roles_five: conn('10.1.0.5', 22),
            'barman_postgres_access_db-1_example_com': onDb1,
            'barman_postgres_config_db-1_example_com': onDb1,
            'barman_postgres_roles_db-1_example_com': onDb1,
        };
        strict_1.default.deepEqual(sorted(Object.keys(expected)), sorted(EXPECTED_PROVISIONERS));
        for (const id of EXPECTED_PROVISIONERS)
            strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, NR, id).connection, expected[id], id);
    });
    (0, node_test_1.test)('connection options reach every resource: user, port, private key (agent off), bastion, timeout', () => {
        const bastionKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJhc3Rpb24=';
        const j = (0, synth_helpers_1.synthCluster)({
            graph,
            connection: { user: 'deploy', port: 2200, privateKey: 'CONNECTION-KEY', bastionHost: 'bastion.example.com', bastionUser: 'jump', bastionPort: 2022, bastionPrivateKey: 'BASTION-KEY', bastionHostKey: bastionKey, timeout: '2m' },
        });
        for (const id of EXPECTED_PROVISIONERS) {
            const c = (0, synth_helpers_1.resource)(j, NR, id).connection;
            strict_1.default.equal(c.user, 'deploy', id);
            strict_1.default.equal(c.port, 2200, `${id}: the connection's port wins over cluster_ssh_port`);
            strict_1.default.equal(c.agent, false, `${id}: a private key turns the agent off`);
            strict_1.default.equal(c.private_key, 'CONNECTION-KEY', id);
            strict_1.default.equal(c.bastion_host, 'bastion.example.com', id);
            strict_1.default.equal(c.bastion_user, 'jump', id);
            strict_1.default.equal(c.bastion_port, 2022, id);
            strict_1.default.equal(c.bastion_private_key, 'BASTION-KEY', id);
            strict_1.default.equal(c.bastion_host_key, bastionKey, id);
            strict_1.default.equal(c.timeout, '2m', id);
        }
        strict_1.default.equal((0, synth_helpers_1.resource)(j, NR, 'barman_server_two').connection.host_key, synth_helpers_1.HOST_KEY_TWO_ED25519);
        // explicit agent with a key
        const withAgent = (0, synth_helpers_1.synthCluster)({ graph, connection: { privateKey: 'K', agent: true } });
        strict_1.default.equal((0, synth_helpers_1.resource)(withAgent, NR, 'barman_server_two').connection.agent, true);
    });
    (0, node_test_1.test)('steps of a non-root connection upload to its home, never to /tmp; an explicit path wins', () => {
        // every resource's connection (provisioners have none of their own: secret steps are uploaded like any)
        const scriptPaths = (j) => [
            ...new Set(EXPECTED_PROVISIONERS.map((id) => {
                const r = (0, synth_helpers_1.resource)(j, NR, id);
                for (const p of r.provisioner ?? [])
                    strict_1.default.equal(p['remote-exec'].connection, undefined, id);
                return String(r.connection?.script_path);
            })),
        ];
        strict_1.default.deepEqual(scriptPaths((0, synth_helpers_1.synthCluster)({ graph, connection: { user: 'deploy' } })), ['/home/deploy/.cdktf-barman-%RAND%.sh']);
        strict_1.default.deepEqual(scriptPaths((0, synth_helpers_1.synthCluster)({ graph })), ['/root/.cdktf-barman-%RAND%.sh']);
        strict_1.default.deepEqual(scriptPaths((0, synth_helpers_1.synthCluster)({ graph, connection: { user: 'deploy', secretScriptPath: '/srv/deploy/s-%RAND%.sh' } })), ['/srv/deploy/s-%RAND%.sh']);
        // one login-name rule for the CLI and the props: what `synth --connection-user` takes synthesizes
        strict_1.default.deepEqual(scriptPaths((0, synth_helpers_1.synthCluster)({ graph, connection: { user: 'svc.deploy' } })), ['/home/svc.deploy/.cdktf-barman-%RAND%.sh']);
    });
    (0, node_test_1.test)('literal connection values stay literal text for Terraform; a user that is not an os user name is refused', () => {
        strict_1.default.throws(() => (0, synth_helpers_1.synthCluster)({ graph, connection: { user: '${file("/etc/hostname")}' } }), /connection user "\$\{file\(\\"\/etc\/hostname\\"\)\}" is not an os user name/);
        const j = (0, synth_helpers_1.synthCluster)({ graph, connection: { bastionHost: 'b${x}', bastionUser: 'j%{if}', timeout: '1m${y}', secretScriptPath: '/srv/${z}/s.sh' } });
        const c = (0, synth_helpers_1.resource)(j, NR, 'barman_server_two').connection;
        strict_1.default.equal(c.bastion_host, 'b$${x}');
        strict_1.default.equal(c.bastion_user, 'j%%{if}');
        strict_1.default.equal(c.timeout, '1m$${y}');
        strict_1.default.equal((0, synth_helpers_1.resource)(j, NR, 'barman_postgres_roles_one').connection.script_path, '/srv/$${z}/s.sh');
    });
    (0, node_test_1.test)('backup resources carry exactly their own instance\'s files on their own server', () => {
        const expected = {
            barman_backup_one_on_two: { paths: ['/etc/barman.d/one.conf', '/etc/cron.d/one'], section: 'one', slot: 'backup_two', host: '10.1.0.1', absent: ['four', 'five', 'db-1', '10.1.0.4', '10.1.0.5'] },
            barman_backup_one_on_three: { paths: ['/etc/barman.d/one.conf', '/etc/cron.d/one'], section: 'one', slot: 'backup_three', host: '10.1.0.1', absent: ['four', 'five', 'db-1'] },
            barman_backup_four_on_two: { paths: ['/etc/barman.d/four.conf', '/etc/cron.d/four'], section: 'four', slot: 'backup_two', host: '10.1.0.4', absent: ['[one]', 'five', '10.1.0.1', '10.1.0.5'] },
            barman_backup_five_on_two: { paths: ['/etc/barman.d/five.conf', '/etc/cron.d/five'], section: 'five', slot: 'backup_two', host: '10.1.0.5', absent: ['[one]', 'four', '10.1.0.1', '10.1.0.4'] },
            'barman_backup_db-1_example_com_on_backup-1_example_com': {
                paths: ['/etc/barman.d/db-1.example.com.conf', '/etc/cron.d/db-1_example_com'],
                section: 'db-1.example.com',
                slot: 'backup_backup_1',
                host: 'db-1.example.com',
                absent: ['[one]', 'four', 'five'],
            },
        };
        for (const [id, e] of Object.entries(expected)) {
            const r = (0, synth_helpers_1.resource)(json, NR, id);
            strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)(r), e.paths, id);
            const t = (0, synth_helpers_1.triggersOf)(r);
            const conf = t[e.paths[0]];
            strict_1.default.ok(conf.split('\n').includes(`[${e.section}]`), `${id}: section [${e.section}]`);
            strict_1.default.ok(conf.split('\n').includes(`slot_name = "${e.slot}"`), `${id}: slot ${e.slot}`);
            strict_1.default.ok(conf.includes(`conninfo = "host=${e.host} port=5432 `), `${id}: conninfo to ${e.host}`);
            strict_1.default.ok(t[e.paths[1]].includes(`/usr/bin/barman backup ${e.section}\n`), `${id}: cron backs up ${e.section}`);
            const all = JSON.stringify(t);
            for (const a of e.absent)
                strict_1.default.ok(!all.includes(a), `${id}: triggers mention ${a}`);
        }
    });
    (0, node_test_1.test)('every resource\'s trigger files are exactly the non-secret files of its concern on its host', () => {
        // the renderer's plan of each host (placeholder keys; only paths and concerns are compared here)
        const plans = new Map((0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys()).map((p) => [p.instance.name, p.files]));
        const written = (host, keep) => (plans.get(host) ?? [])
            .filter((f) => keep(f) && f.kind !== host_files_1.FileKind.DIRECTORY && f.kind !== host_files_1.FileKind.LOG_FILE && f.kind !== host_files_1.FileKind.PRIVATE_KEY && f.kind !== host_files_1.FileKind.PASSWORD_BLOCK)
            .map((f) => f.path)
            .sort();
        // the secret kinds really are in the plans (the filter above is not idle)
        strict_1.default.ok((plans.get('two') ?? []).some((f) => f.kind === host_files_1.FileKind.PASSWORD_BLOCK && f.edge?.instance.name === 'one'), 'two has one\'s .pgpass block');
        for (const s of graph.barmanServers) {
            const id = s.name.replace(/\./g, '_');
            strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, `barman_server_${id}`)), written(s.name, (f) => f.concern === host_files_1.Concern.BARMAN_SERVER), s.name);
            for (const e of graph.edgesOnServer(s)) {
                const b = e.instance.name;
                strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, `barman_backup_${b.replace(/\./g, '_')}_on_${id}`)), written(s.name, (f) => f.concern === host_files_1.Concern.BACKUP_EDGE && f.edge?.instance.name === b), `${b} on ${s.name}`);
            }
        }
        for (const p of graph.postgresInstances) {
            const id = p.name.replace(/\./g, '_');
            strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, `barman_postgres_access_${id}`)), written(p.name, (f) => f.concern === host_files_1.Concern.POSTGRES_ACCESS), p.name);
            strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, `barman_postgres_config_${id}`)), written(p.name, (f) => f.concern === host_files_1.Concern.POSTGRES_CONFIG), p.name);
            strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, `barman_postgres_config_${id}`)), [`/etc/postgresql/16/main/pg_hba.conf`], `${p.name}: pg_hba.conf only`);
        }
        for (const e of graph.edges) {
            // the activation re-runs on a change of the Barman section it activates, and no other file
            const id = `barman_activate_${e.instance.name.replace(/\./g, '_')}_on_${e.server.name.replace(/\./g, '_')}`;
            strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, id)), [`/etc/barman.d/${e.backupName}.conf`], id);
        }
        for (const p of graph.postgresInstances.filter((x) => !x.roles.includes(enums_1.Role.REPLICA))) {
            strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, `barman_postgres_roles_${p.name.replace(/\./g, '_')}`)), [], `${p.name}: the roles resource writes no file`);
        }
    });
    (0, node_test_1.test)('the M1 barman+witness node gets a server resource and the Postgres resources, each with its own files', () => {
        const server = (0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, 'barman_server_three'));
        const access = (0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_access_three'));
        const config = (0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_config_three'));
        strict_1.default.ok(server.includes('/etc/barman.conf') && server.includes('/var/lib/barman/.ssh/authorized_keys'));
        strict_1.default.deepEqual(access, ['/var/lib/postgresql/.ssh/authorized_keys', '/var/lib/postgresql/.ssh/id_ed25519.pub', '/var/lib/postgresql/.ssh/known_hosts']);
        strict_1.default.deepEqual(config, ['/etc/postgresql/16/main/pg_hba.conf']);
        strict_1.default.deepEqual(server.filter((p) => access.includes(p) || config.includes(p)), []);
        // its pg_hba.conf block lets in every Barman server: two, itself, backup-1.example.com
        const hba = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_config_three'))['/etc/postgresql/16/main/pg_hba.conf'];
        strict_1.default.deepEqual(hba.split('\n').filter((l) => l.startsWith('host ')), ['10.1.0.2/32', '10.1.0.3/32', '10.2.0.20/32'].flatMap((a) => [`host postgres barman ${a} scram-sha-256`, `host replication streaming_barman ${a} scram-sha-256`]));
    });
    (0, node_test_1.test)('known_hosts: pinned host keys of the Barman servers on port 2222 in [host]:port form, scanned otherwise', () => {
        const kh = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_access_one'))['/var/lib/postgresql/.ssh/known_hosts'].trimEnd().split('\n');
        strict_1.default.ok(kh.includes(`[10.1.0.2]:2222 ${synth_helpers_1.HOST_KEY_TWO_ED25519} cdktf-barman:multi`), kh.join('\n'));
        strict_1.default.ok(kh.includes(`[10.1.0.2]:2222 ${synth_helpers_1.HOST_KEY_TWO_RSA} cdktf-barman:multi`), kh.join('\n'));
        strict_1.default.ok(kh.some((l) => /^10\.1\.0\.3 \S+ cdktf-barman:multi$/.test(l) && !l.includes('AAAA')), `three is scanned at apply: ${kh.join('\n')}`);
        strict_1.default.equal(kh.length, 3);
        const onTwo = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_server_two'))['/var/lib/barman/.ssh/known_hosts'].trimEnd().split('\n');
        strict_1.default.ok(onTwo.includes(`10.1.0.1 ${synth_helpers_1.HOST_KEY_ONE} cdktf-barman:multi`), onTwo.join('\n'));
        strict_1.default.equal(onTwo.filter((l) => /^10\.1\.0\.[45] /.test(l)).length, 2, 'four and five are known on two');
    });
});
(0, node_test_1.describe)('from config.yml: addresses, ssh port and pinned host keys (test/fixtures/synth/pinned-keys)', () => {
    const graph = (0, tpa_config_1.loadGraphFromFile)((0, synth_helpers_1.synthConfig)('pinned-keys'));
    const json = (0, synth_helpers_1.synthCluster)({ graph });
    // pg.example.net: public_ip 203.0.113.61, private_ip 10.61.0.1, two host keys (the first with a comment)
    // bk.example.net: public_ip 203.0.113.62, private_ip 10.61.0.2, one host key; cluster_ssh_port 2200
    const PG_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBnLmV4YW1wbGUubmV0IGhvc3Qga2V5IGZvciB0';
    const BK_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJrLmV4YW1wbGUubmV0IGhvc3Qga2V5IGZvciB0';
    (0, node_test_1.test)('public_ip is the connection host, cluster_ssh_port the port, the first ssh_host_keys entry (without comment) is pinned', () => {
        const on = (host, key) => ({ type: 'ssh', host, user: 'root', port: 2200, agent: true, host_key: key, script_path: '/root/.cdktf-barman-%RAND%.sh' });
        strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_access_pg_example_net').connection, on('203.0.113.61', PG_KEY));
        strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, NR, 'barman_server_bk_example_net').connection, on('203.0.113.62', BK_KEY));
        strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, NR, 'barman_backup_pg_example_net_on_bk_example_net').connection, on('203.0.113.62', BK_KEY));
    });
    (0, node_test_1.test)('private_ip is what the other hosts use: conninfo, ssh_command and known_hosts ([host]:2200)', () => {
        const t = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_backup_pg_example_net_on_bk_example_net'));
        strict_1.default.deepEqual((0, synth_helpers_1.triggerPaths)((0, synth_helpers_1.resource)(json, NR, 'barman_backup_pg_example_net_on_bk_example_net')), ['/etc/barman.d/pg.example.net.conf', '/etc/cron.d/pg_example_net']);
        strict_1.default.match(t['/etc/barman.d/pg.example.net.conf'], /^ssh_command = "ssh -q -o StrictHostKeyChecking=yes postgres@10\.61\.0\.1 -p 2200"$/m);
        strict_1.default.match(t['/etc/barman.d/pg.example.net.conf'], /^conninfo = "host=10\.61\.0\.1 port=5432 /m);
        const onBk = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_server_bk_example_net'))['/var/lib/barman/.ssh/known_hosts'];
        strict_1.default.equal(onBk, `[10.61.0.1]:2200 ${PG_KEY} cdktf-barman:pinned\n[10.61.0.1]:2200 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTZwZw== cdktf-barman:pinned\n`);
        const onPg = (0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'barman_postgres_access_pg_example_net'))['/var/lib/postgresql/.ssh/known_hosts'];
        strict_1.default.equal(onPg, `[10.61.0.2]:2200 ${BK_KEY} cdktf-barman:pinned\n`);
    });
});
(0, node_test_1.describe)('idPrefix and embedding in an existing stack', () => {
    (0, node_test_1.test)('idPrefix prefixes every logical id and every reference', () => {
        const json = (0, synth_helpers_1.synthCluster)({ graph: (0, synth_helpers_1.seedGraph)(), idPrefix: 'pgb' });
        strict_1.default.deepEqual(sorted((0, synth_helpers_1.resourcesOf)(json).keys()), sorted([
            ...['server_two', 'backup_one_on_two', 'postgres_access_one', 'postgres_config_one', 'postgres_roles_one', 'activate_one_on_two'].map((id) => `null_resource.pgb_${id}`),
            'terraform_data.pgb_db_secret_barman',
            'terraform_data.pgb_db_secret_streaming_barman',
            'tls_private_key.pgb_ssh_key_postgres',
            'tls_private_key.pgb_ssh_key_barman',
        ]));
        strict_1.default.deepEqual((0, synth_helpers_1.resource)(json, NR, 'pgb_backup_one_on_two').depends_on, ['null_resource.pgb_server_two']);
        strict_1.default.ok(((0, synth_helpers_1.resource)(json, NR, 'pgb_activate_one_on_two').depends_on ?? []).includes('null_resource.pgb_postgres_roles_one'));
        strict_1.default.equal((0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'pgb_postgres_access_one'))['/var/lib/postgresql/.ssh/id_ed25519.pub'], `${publicKeyRef('pgb_ssh_key_postgres')} postgres@seed\n`);
        strict_1.default.match((0, synth_helpers_1.triggersOf)((0, synth_helpers_1.resource)(json, NR, 'pgb_postgres_roles_one')).passwords_sha256, /terraform_data\.pgb_db_secret_barman\.triggers_replace/);
        strict_1.default.ok(!JSON.stringify(json).includes('barman_ssh_key'), 'no reference to the default prefix is left');
        strict_1.default.ok(!JSON.stringify(json).includes('barman_db_secret'), 'no reference to the default prefix\'s passwords is left');
    });
    (0, node_test_1.test)('two clusters with their own prefixes share a stack and one pair of providers', () => {
        const json = (0, synth_helpers_1.synthStack)((stack) => {
            new barman_cluster_1.BarmanCluster(stack, 'east', { graph: (0, synth_helpers_1.seedGraph)(), idPrefix: 'east' });
            new barman_cluster_1.BarmanCluster(stack, 'west', { graph: (0, synth_helpers_1.multiGraph)(), idPrefix: 'west' });
        });
        const ids = [...(0, synth_helpers_1.provisionerResources)(json).keys()];
        strict_1.default.ok(ids.includes('east_server_two') && ids.includes('west_server_two') && ids.includes('west_backup_four_on_two'));
        strict_1.default.deepEqual(sorted(ids), sorted([...(0, synth_helpers_1.expectedProvisionerIds)((0, synth_helpers_1.seedGraph)(), { prefix: 'east' }), ...(0, synth_helpers_1.expectedProvisionerIds)((0, synth_helpers_1.multiGraph)(), { prefix: 'west' })]));
        strict_1.default.equal(ids.length, 6 + 27);
        // each cluster its own passwords
        strict_1.default.deepEqual(sorted((0, synth_helpers_1.passwordResources)(json).keys()), ['east_db_secret_barman', 'east_db_secret_streaming_barman', 'west_db_secret_barman', 'west_db_secret_streaming_barman']);
        strict_1.default.equal(json.provider?.null?.length, 1);
        strict_1.default.equal(json.provider?.tls?.length, 1);
    });
    (0, node_test_1.test)('a stack that already declares NullProvider and TlsProvider gets no second one', () => {
        const json = (0, synth_helpers_1.synthStack)((stack) => {
            new cdktf_1.NullProvider(stack, 'estate-null', {});
            new cdktf_1.TlsProvider(stack, 'estate-tls', {});
            new barman_cluster_1.BarmanCluster(stack, 'barman', { graph: (0, synth_helpers_1.seedGraph)() });
        }, true);
        strict_1.default.equal(json.provider?.null?.length, 1);
        strict_1.default.equal(json.provider?.tls?.length, 1);
    });
    (0, node_test_1.test)('a stack declaring only TlsProvider gets the null provider added, not a second tls', () => {
        const json = (0, synth_helpers_1.synthStack)((stack) => {
            new cdktf_1.TlsProvider(stack, 'estate-tls', {});
            new barman_cluster_1.BarmanCluster(stack, 'barman', { graph: (0, synth_helpers_1.seedGraph)() });
        }, true);
        strict_1.default.equal(json.provider?.null?.length, 1);
        strict_1.default.equal(json.provider?.tls?.length, 1);
    });
    (0, node_test_1.test)('a provider the stack declares after the cluster still leaves exactly one of each', () => {
        const json = (0, synth_helpers_1.synthStack)((stack) => {
            new barman_cluster_1.BarmanCluster(stack, 'barman', { graph: (0, synth_helpers_1.seedGraph)() });
            new cdktf_1.NullProvider(stack, 'estate-null', {});
        });
        strict_1.default.equal(json.provider?.null?.length, 1);
    });
});
(0, node_test_1.describe)('logical ids are unique per concern', () => {
    (0, node_test_1.test)('two edges whose names join to the same id never share one resource', () => {
        let json;
        try {
            // validation (graphFromProps) refuses it now, naming the id
            const graph = (0, typed_cluster_1.graphFromProps)({
                clusterName: 'clash',
                instances: [
                    { name: 'a', roles: [enums_1.Role.PRIMARY], backup: ['b.on.c'] },
                    { name: 'a.on.b', roles: [enums_1.Role.PRIMARY], backup: ['c'] },
                    { name: 'b.on.c', roles: [enums_1.Role.BARMAN] },
                    { name: 'c', roles: [enums_1.Role.BARMAN] },
                ],
            });
            strict_1.default.equal(graph.edges.length, 2, 'the graph has two edges');
            json = (0, synth_helpers_1.synthCluster)({ graph });
        }
        catch (e) {
            // acceptable fix: refuse, naming the id
            strict_1.default.match(String(e), /barman_backup_a_on_b_on_c/);
            return;
        }
        const backups = [...(0, synth_helpers_1.provisionerResources)(json).keys()].filter((id) => id.startsWith('barman_backup_'));
        strict_1.default.equal(backups.length, 2, `each edge needs its own resource, got ${backups.join(', ')}`);
    });
});
(0, node_test_1.describe)('config values are literal text, never Terraform references (issue 12)', () => {
    (0, node_test_1.test)('a cdktf token marker in config.yml fails validation and nothing is synthesized', async () => {
        const { mkdtempSync, writeFileSync, rmSync } = await Promise.resolve().then(() => __importStar(require('node:fs')));
        const { join } = await Promise.resolve().then(() => __importStar(require('node:path')));
        const { tmpdir } = await Promise.resolve().then(() => __importStar(require('node:os')));
        const dir = mkdtempSync(join(tmpdir(), 'token-config-'));
        try {
            const file = join(dir, 'config.yml');
            const markers = Array.from({ length: 12 }, (_, n) => `\${TfToken[TOKEN.${n}]}`).join(' ');
            writeFileSync(file, `cluster_name: demo
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
    vars:
      barman_post_backup_script: 'echo ${markers}'
  - Name: bm1
    ip_address: 192.0.2.2
    role: [barman]
`);
            let json;
            strict_1.default.throws(() => {
                json = (0, synth_helpers_1.synthStack)((stack) => {
                    barman_cluster_1.BarmanCluster.fromConfigFile(stack, 'barman', file, { resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA, suppliedKeys: SUPPLIED });
                });
            }, (e) => e instanceof diagnostics_1.InvalidConfigError && /barman_post_backup_script/.test(e.message) && /literal text/.test(e.message));
            // the old code synthesized here, with ${var.…} / ${tls_private_key.…} in the triggers
            strict_1.default.equal(json, undefined);
        }
        finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
