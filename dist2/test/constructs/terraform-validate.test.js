"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The real CLI synthesizes (terraform_data, supplied keys, connection key from a variable: only
 * Terraform built-ins, so nothing needs downloading), then the real `terraform` inits, validates
 * and plans it offline. The plan must show the file contents (plan review) and never a private key.
 * Needs terraform and ssh-keygen (test/support/requirements.ts: skipped with the reason, under CI a
 * failure).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const tpa_config_1 = require("../../lib/config/tpa-config");
const requirements_1 = require("../support/requirements");
const synth_helpers_1 = require("./synth-helpers");
function run(cmd, args, cwd, env = process.env) {
    const r = (0, node_child_process_1.spawnSync)(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}
const CONFIGS = [{ name: 'examples/config.yml', file: (0, synth_helpers_1.SEED_CONFIG)() }, ...(0, synth_helpers_1.fixtureConfigs)()];
(0, node_test_1.describe)('terraform init / validate / plan, offline, of what `cdktf-barman synth` writes', { skip: (0, requirements_1.skipUnless)((0, requirements_1.terraformMissing)(), (0, requirements_1.commandMissing)('ssh-keygen', 'openssh-client')) }, () => {
    let keysDir = '';
    let privateKey = '';
    let publicKey = '';
    (0, node_test_1.before)(() => {
        keysDir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-keys-'));
        const k = run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'throwaway@cdktf-barman-test', '-f', (0, node_path_1.join)(keysDir, 'id')], keysDir);
        strict_1.default.equal(k.status, 0, k.stderr);
        privateKey = (0, node_fs_1.readFileSync)((0, node_path_1.join)(keysDir, 'id'), 'utf8');
        publicKey = (0, node_fs_1.readFileSync)((0, node_path_1.join)(keysDir, 'id.pub'), 'utf8');
    });
    (0, node_test_1.after)(() => {
        if (keysDir)
            (0, node_fs_1.rmSync)(keysDir, { recursive: true, force: true });
    });
    for (const c of CONFIGS) {
        (0, node_test_1.test)(`${c.name}`, (t) => {
            const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-tf-'));
            t.after(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
            // hermetic: no user CLI config (mirrors, credentials), no checkpoint calls
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'empty.tfrc'), '');
            const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: (0, node_path_1.join)(dir, 'empty.tfrc') };
            const out = (0, node_path_1.join)(dir, 'estate');
            const synth = run(process.execPath, [(0, node_path_1.join)((0, synth_helpers_1.repoRoot)(), 'bin', 'cdktf-barman'), 'synth', c.file, '--out', out, '--resource-type', 'terraform_data', '--supplied-keys', '--connection-key-variable'], (0, synth_helpers_1.repoRoot)());
            strict_1.default.equal(synth.status, 0, `synth failed:\n${synth.stdout}${synth.stderr}`);
            const json = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'cdktf-barman.tf.json'), 'utf8'));
            strict_1.default.deepEqual(Object.keys(json.resource ?? {}), ['terraform_data'], 'only built-in resources');
            const init = run('terraform', ['init', '-input=false', '-no-color'], out, env);
            strict_1.default.equal(init.status, 0, `terraform init failed:\n${init.stdout}${init.stderr}`);
            const validate = run('terraform', ['validate', '-json', '-no-color'], out, env);
            const report = JSON.parse(validate.stdout || '{}');
            strict_1.default.equal(report.valid, true, `terraform validate: ${JSON.stringify(report.diagnostics, null, 2)}\n${validate.stderr}`);
            strict_1.default.equal(validate.status, 0);
            const variables = Object.keys(json.variable ?? {}).sort();
            strict_1.default.deepEqual(variables, ['barman_barman_ssh_private_key', 'barman_barman_ssh_public_key', 'barman_connection_private_key', 'barman_postgres_ssh_private_key', 'barman_postgres_ssh_public_key']);
            const vars = variables.flatMap((v) => ['-var', `${v}=${v.endsWith('_public_key') ? publicKey : privateKey}`]);
            const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false', ...vars], out, env);
            strict_1.default.equal(plan.status, 0, `terraform plan failed:\n${plan.stdout}${plan.stderr}`);
            const text = plan.stdout + plan.stderr;
            // expectations from the config itself
            const graph = (0, tpa_config_1.loadGraphFromFile)(c.file);
            const ids = [...(0, synth_helpers_1.expectedProvisionerIds)(graph), ...(0, synth_helpers_1.passwordIds)()];
            strict_1.default.match(text, new RegExp(`Plan: ${ids.length} to add, 0 to change, 0 to destroy\\.`), `one resource per server, backup edge, Postgres instance (access, config), primary (roles), activation, and two passwords: ${ids.join(', ')}`);
            for (const id of ids)
                strict_1.default.ok(text.includes(`# terraform_data.${id} will be created`), `the plan creates terraform_data.${id}`);
            const planLines = text.split('\n').map((l) => l.trim());
            for (const s of graph.barmanServers) {
                // a line of /etc/barman.conf, straight from the server's settings
                strict_1.default.ok(planLines.includes(`log_file = ${s.settings.logFile}`), `the plan shows /etc/barman.conf of ${s.name} (log_file = ${s.settings.logFile})`);
                strict_1.default.ok(planLines.includes(`barman_home = ${s.settings.barmanHome}`), `barman_home of ${s.name}`);
            }
            for (const e of graph.edges) {
                strict_1.default.ok(planLines.includes(`[${e.backupName}]`), `the plan shows the section [${e.backupName}] of ${e.instance.name} on ${e.server.name}`);
                strict_1.default.ok(planLines.includes(`slot_name = "${e.slotName}"`), `slot ${e.slotName}`);
            }
            for (const p of graph.postgresInstances) {
                // the pg_hba.conf block of each Postgres instance, a line per Barman server's address
                for (const srv of graph.barmanServers) {
                    for (const a of srv.clientAddresses)
                        strict_1.default.ok(planLines.some((l) => l.startsWith(`host postgres barman ${a}`)), `the plan shows ${p.name}'s pg_hba.conf line for ${srv.name} (${a})`);
                }
            }
            // the passwords never: the generated values and their hashes are sensitive
            const sensitiveInputs = planLines.filter((l) => /^\+ triggers_replace\s+= \(sensitive value\)$/.test(l)).length;
            strict_1.default.equal(sensitiveInputs, 2, 'both generated passwords are shown as (sensitive value)');
            const hashes = planLines.filter((l) => /^\+ "?passwords_sha256"?\s+= \(sensitive value\)$/.test(l)).length;
            strict_1.default.equal(hashes, ids.filter((id) => /_postgres_roles_|_backup_/.test(id)).length, 'every passwords_sha256 trigger is (sensitive value)');
            // the supplied public key reaches the files without its comment
            strict_1.default.ok(text.includes(publicKey.trim().split(' ').slice(0, 2).join(' ')), 'the public key is shown');
            strict_1.default.ok(!text.includes('throwaway@cdktf-barman-test'), 'the public key comment is dropped');
            // never the private key
            strict_1.default.ok(!/PRIVATE KEY/.test(text), 'no private key armour in the plan');
            const body = privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
            strict_1.default.ok(body.length > 0);
            for (const l of body)
                strict_1.default.ok(!text.includes(l), 'a line of the private key is in the plan');
            strict_1.default.ok(!text.includes(Buffer.from(privateKey).toString('base64').slice(0, 40)), 'the base64 of the private key is in the plan');
        });
    }
});
