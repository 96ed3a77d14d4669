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
 * End-to-end (issue 13): Barman inside an estate whose hosts are created by the same `terraform
 * apply`. The stack is written with the typed API in TypeScript, no config.yml: two
 * `terraform_data` "hosts" whose output is the address of a sandboxed host (test/e2e/harness), and
 * a BarmanCluster whose instances' addresses are those outputs (string tokens) and which depends
 * on both. A real cloud module would hand over an instance's private IP the same way.
 *
 * Sandbox: `barman` (the Barman server) and `db1` (a fresh initdb primary, only `local` lines in
 * pg_hba.conf, no Barman role), backed up with backup_method postgres (no archive_mode restart).
 *
 *  1. the plan made before anything exists: the connection hosts and the barman.d file are unknown
 *     (derived from the host resources), every Barman resource depends on both hosts; ONE apply
 *     creates the hosts and configures Barman on them
 *  2. the real Barman takes a backup (DONE), `barman check` passes
 *  3. a second `terraform plan -detailed-exitcode` shows no changes
 *
 * Needs root, the packages of scripts/e2e-setup.sh and `terraform`: otherwise skipped with the
 * reason, unless CI is set, where it fails (test/support/requirements.ts).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const fs = __importStar(require("node:fs"));
const path = __importStar(require("node:path"));
const hosts_1 = require("./harness/hosts");
const terraform_cli_1 = require("./terraform-cli");
const barman_ops_1 = require("./barman-ops");
const requirements_1 = require("../support/requirements");
const cdktf_1 = require("../../lib/platform/cdktf");
const barman_cluster_1 = require("../../lib/constructs/barman-cluster");
const host_provisioner_1 = require("../../lib/constructs/host-provisioner");
const terraform_data_1 = require("../../lib/constructs/terraform-data");
const enums_1 = require("../../lib/model/enums");
const harnessMissing = (0, hosts_1.missingPrerequisites)();
const missing = (0, requirements_1.skipUnless)(harnessMissing.length === 0 ? false : `${harnessMissing.join('; ')} (install with scripts/e2e-setup.sh; run the e2e tests as root)`, (0, requirements_1.terraformMissing)());
/** distinct from the harness's own test (127.0.0.11-13) and the main e2e (127.0.0.41-44) */
const HOSTS = [
    { name: 'barman', address: '127.0.0.51' },
    { name: 'db1', address: '127.0.0.52' },
];
const STOCK_HBA = ['local   all          all                                 peer', 'local   replication  all                                 peer'];
/** the host resources, as an estate's own module would declare them */
const HOST_RESOURCES = ['terraform_data.barman_host', 'terraform_data.db_host'];
const BARMAND_DB1 = '/etc/barman.d/db1.conf';
const timings = [];
async function step(name, fn) {
    const t0 = performance.now();
    try {
        return await fn();
    }
    finally {
        const ms = Math.round(performance.now() - t0);
        timings.push({ step: name, ms });
        console.error(`[estate-e2e] ${name}: ${ms} ms`);
    }
}
/**
 * The estate: two host resources and the cluster on their outputs, with the key pairs and
 * Terraform's own connection key as sensitive variables (no private key in the synthesized JSON).
 */
function estateJson(sb, pg) {
    const app = cdktf_1.Testing.app();
    const stack = new cdktf_1.TerraformStack(app, 'estate');
    const dbHost = new terraform_data_1.TerraformData(stack, 'db_host', { input: sb.host('db1').address });
    const barmanHost = new terraform_data_1.TerraformData(stack, 'barman_host', { input: sb.host('barman').address });
    const secret = (name) => new cdktf_1.TerraformVariable(stack, name, { type: 'string', sensitive: true }).stringValue;
    const plain = (name) => new cdktf_1.TerraformVariable(stack, name, { type: 'string' }).stringValue;
    new barman_cluster_1.BarmanCluster(stack, 'estate', {
        clusterName: 'estate',
        settings: {
            postgresVersion: hosts_1.PG_MAJOR,
            // the harness's data directory holds pg_hba.conf (not Debian's /etc/postgresql/...)
            postgresConfDir: '/srv/postgresql/data',
            sshPort: sb.host('barman').sshPort,
            // one backup is enough for `minimum redundancy requirements` to pass after it
            minimumRedundancy: 1,
        },
        instances: [
            { name: 'db1', roles: [enums_1.Role.PRIMARY], address: dbHost.output, backup: ['barman'], settings: { postgresPort: pg.port, backupMethod: enums_1.BackupMethod.POSTGRES } },
            // libpq cannot bind a source address in the sandbox: PostgreSQL sees Barman as 127.0.0.1
            // (harness README, "Source addresses"); ssh logins come from the host's own address
            { name: 'barman', roles: [enums_1.Role.BARMAN], address: barmanHost.output, clientAddresses: ['127.0.0.1', barmanHost.output] },
        ],
        resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA,
        suppliedKeys: {
            postgres: { privateKey: secret('postgres_ssh_private_key'), publicKey: plain('postgres_ssh_public_key') },
            barman: { privateKey: secret('barman_ssh_private_key'), publicKey: plain('barman_ssh_public_key') },
        },
        connection: { agent: false, privateKey: secret('connection_private_key') },
        dependsOn: [dbHost, barmanHost],
    });
    return cdktf_1.Testing.synth(stack, true);
}
// under CI a missing prerequisite is the failing test skipUnless added, not a skipped suite besides
if (!(missing && requirements_1.IN_CI)) {
    (0, node_test_1.describe)('estate e2e: hosts and Barman in one terraform apply (typed API)', { skip: missing || undefined, concurrency: false }, () => {
        let sb;
        let tf;
        let pg;
        let barman;
        const t0 = performance.now();
        (0, node_test_1.before)(async () => {
            sb = await step('start 2 sandboxed hosts', () => (0, hosts_1.startHosts)(HOSTS, { sshPort: 'auto', hostKeyAlias: false }));
            const work = path.join(sb.root, 'work');
            fs.mkdirSync(work, { mode: 0o700 });
            tf = new terraform_cli_1.TerraformDir(path.join(work, 'terraform'), path.join(work, 'tmp'));
            barman = new barman_ops_1.BarmanCli(sb.host('barman'));
            pg = await step(`PostgreSQL ${hosts_1.PG_MAJOR} on db1 (initdb, start)`, () => sb.startPostgres('db1', { port: 'auto', hba: STOCK_HBA }));
            await pg.psql("CREATE TABLE e2e_marker (note text); INSERT INTO e2e_marker VALUES ('before-backup'); CREATE TABLE e2e_tick (at timestamptz DEFAULT now());");
            const fresh = await pg.psql("SELECT (SELECT count(*) FROM pg_roles WHERE rolname IN ('barman', 'streaming_barman')), (SELECT count(*) FROM pg_hba_file_rules WHERE type <> 'local')");
            strict_1.default.equal(fresh.trim(), '0|0', 'a fresh cluster: no Barman role, no pg_hba line for it');
            const keyDir = path.join(work, 'keys');
            fs.mkdirSync(keyDir, { mode: 0o700 });
            const keygen = async (name) => {
                const r = await (0, terraform_cli_1.exec)('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@estate`, '-f', path.join(keyDir, name)]);
                strict_1.default.equal(r.code, 0, r.stderr);
                return { privateKey: fs.readFileSync(path.join(keyDir, name), 'utf8'), publicKey: fs.readFileSync(path.join(keyDir, `${name}.pub`), 'utf8').trim() };
            };
            const [postgresPair, barmanPair] = [await keygen('postgres'), await keygen('barman')];
            tf.writeVariables({
                connection_private_key: sb.clientKey.privateKey,
                postgres_ssh_private_key: postgresPair.privateKey,
                postgres_ssh_public_key: postgresPair.publicKey,
                barman_ssh_private_key: barmanPair.privateKey,
                barman_ssh_public_key: barmanPair.publicKey,
            });
            const text = await step('synthesize the typed stack', async () => estateJson(sb, pg));
            strict_1.default.doesNotMatch(text, /PRIVATE KEY/, 'no private key in the synthesized JSON');
            fs.writeFileSync(tf.synthFile, text);
            await step('terraform init', () => tf.init());
        });
        (0, node_test_1.after)(async () => {
            let stopNote = '';
            if (sb) {
                try {
                    const r = await sb.stop();
                    stopNote = `sandbox stopped in ${r.ms} ms (${r.pids.length} PIDs, ${r.killed.length} SIGKILLed), temp dir removed: ${r.removedRoot}`;
                }
                catch (e) {
                    stopNote = `sandbox stop FAILED: ${String(e)}`;
                }
            }
            const width = Math.max(...timings.map((t) => t.step.length), 10);
            const rows = timings.map((t) => `${t.step.padEnd(width)} ${String(t.ms).padStart(8)} ms`);
            console.error(['', '=== estate e2e: timings ===', ...rows, `${'total'.padEnd(width)} ${String(Math.round(performance.now() - t0)).padStart(8)} ms`, stopNote, ''].join('\n'));
            strict_1.default.ok(!stopNote.includes('FAILED'), stopNote);
        });
        (0, node_test_1.it)('1. the plan derives the Barman configuration from the host resources; one apply creates the hosts and configures Barman', { timeout: 600_000 }, async () => {
            const planFile = path.join(tf.dir, 'first.plan');
            await step('terraform plan (nothing exists yet)', () => tf.plan([`-out=${planFile}`]));
            const plan = (await tf.showPlanJson(planFile));
            const changes = plan.resource_changes ?? [];
            const created = changes.filter((c) => c.change.actions.join(',') === 'create').map((c) => c.address);
            for (const h of HOST_RESOURCES)
                strict_1.default.ok(created.includes(h), `the plan creates ${h}: ${created.join(', ')}`);
            const barmanResources = created.filter((a) => a.startsWith('terraform_data.estate_'));
            strict_1.default.ok(barmanResources.length >= 6, `the cluster's resources: ${barmanResources.join(', ')}`);
            // the files Barman reads name db1 by the host resource's output: unknown until it exists
            const unknownIn = (address, key) => {
                const u = changes.find((c) => c.address === address)?.change.after_unknown?.triggers_replace;
                return u === true || u?.[key] === true;
            };
            const backup = changes.find((c) => c.address === 'terraform_data.estate_backup_db1_on_barman');
            strict_1.default.ok(backup, `a backup edge db1 -> barman in ${barmanResources.join(', ')}`);
            strict_1.default.ok(unknownIn(backup.address, BARMAND_DB1), `${BARMAND_DB1} is known after apply only: ${JSON.stringify(backup.change.after_unknown)}`);
            strict_1.default.equal(backup.change.after?.triggers_replace?.[BARMAND_DB1], undefined, `no literal ${BARMAND_DB1} in the plan`);
            // every resource of the cluster connects to a host resource's output and waits for both
            const config = plan.configuration?.root_module?.resources ?? [];
            const synth = tf.readSynth();
            let connecting = 0;
            for (const address of barmanResources) {
                const r = config.find((c) => c.address === address);
                for (const h of HOST_RESOURCES)
                    strict_1.default.ok(r?.depends_on?.includes(h), `${address} depends on ${h}: ${JSON.stringify(r?.depends_on)}`);
                // the password holders (db_secret) run nothing on a host: no connection
                const connection = synth.resource.terraform_data[address.split('.')[1]].connection;
                if (connection === undefined)
                    continue;
                strict_1.default.match(String(connection.host), /^\$\{terraform_data\.(db|barman)_host\.output\}$/, `${address} connects to a host resource's output`);
                strict_1.default.ok(unknownIn(address, 'host'), `${address}: the host it connects to is known after apply only`);
                connecting++;
            }
            strict_1.default.ok(connecting >= 6, `${connecting} resources run on a host`);
            const r = await step('terraform apply (hosts + Barman, one apply)', () => tf.apply());
            strict_1.default.match(r.stdout, new RegExp(`Apply complete! Resources: ${created.length} added, 0 changed, 0 destroyed\\.`), r.stdout);
            // the host resources were created before any Barman resource started
            const order = [...r.stdout.matchAll(/^(terraform_data\.\w+): Creat(ing|ion complete)/gm)].map((m) => `${m[1]} ${m[2]}`);
            const lastHost = Math.max(...HOST_RESOURCES.map((h) => order.indexOf(`${h} ion complete`)));
            const firstBarman = order.findIndex((o) => o.startsWith('terraform_data.estate_'));
            strict_1.default.ok(lastHost >= 0 && lastHost < firstBarman, `hosts complete before Barman starts:\n${order.join('\n')}`);
            const conf = await sb.host('barman').readFile(BARMAND_DB1);
            strict_1.default.match(conf, new RegExp(`^conninfo = "host=${sb.host('db1').address.replace(/\./g, '\\.')} port=${pg.port} `, 'm'), `the apply wrote db1's address from the host resource:\n${conf}`);
            console.error(`[estate-e2e] apply: ${created.length} resources (${barmanResources.length} of the cluster)`);
        });
        (0, node_test_1.it)('2. the real Barman takes a backup of db1 (DONE) and barman check passes', { timeout: 600_000 }, async () => {
            const out = await step('barman backup db1 --wait', () => (0, barman_ops_1.withWalTraffic)([pg], () => barman.must('backup --wait db1', 300_000)));
            const ids = await barman.backupIds('db1');
            strict_1.default.equal(ids.length, 1, `one backup of db1:\n${out}`);
            strict_1.default.equal(await barman.backupStatus('db1', ids[0]), 'DONE');
            const check = await step('barman check db1', () => (0, barman_ops_1.withWalTraffic)([pg], () => barman.check('db1')));
            strict_1.default.equal(check.code, 0, check.output);
            strict_1.default.ok(check.lines.length >= 10 && check.lines.every((l) => l.ok), `every check OK:\n${check.output}`);
        });
        (0, node_test_1.it)('3. a second plan shows no changes', { timeout: 300_000 }, async () => {
            const r = await step('terraform plan -detailed-exitcode (second)', () => tf.plan());
            strict_1.default.equal(r.code, 0, `no changes expected:\n${r.stdout}`);
            strict_1.default.match(r.stdout, /No changes\./);
            const planFile = path.join(tf.dir, 'second.plan');
            await tf.plan([`-out=${planFile}`]);
            strict_1.default.deepEqual([...(0, terraform_cli_1.plannedChanges)(await tf.showPlanJson(planFile))], []);
        });
    });
}
