"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The generated database passwords after a real (offline) `terraform apply`: every way Terraform
 * prints state (`show`, `state show`, `console`, `output`) shows them as "(sensitive value)" only,
 * and a second plan keeps them. Only the two password resources are applied (`-target`), so no host
 * is needed. Under CI a missing terraform fails the run.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const requirements_1 = require("../support/requirements");
const synth_helpers_1 = require("./synth-helpers");
function run(cmd, args, cwd, env = process.env, input) {
    const r = (0, node_child_process_1.spawnSync)(cmd, args, { cwd, env, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}
(0, node_test_1.describe)('generated database passwords in Terraform state', { skip: (0, requirements_1.skipUnless)((0, requirements_1.terraformMissing)()) }, () => {
    (0, node_test_1.test)('apply, then show / state show / console / output print no password', (t) => {
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-pw-'));
        t.after(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'empty.tfrc'), '');
        const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: (0, node_path_1.join)(dir, 'empty.tfrc') };
        const out = (0, node_path_1.join)(dir, 'estate');
        const synth = run(process.execPath, [(0, node_path_1.join)((0, synth_helpers_1.repoRoot)(), 'bin', 'cdktf-barman'), 'synth', (0, synth_helpers_1.SEED_CONFIG)(), '--out', out, '--resource-type', 'terraform_data', '--supplied-keys'], (0, synth_helpers_1.repoRoot)());
        strict_1.default.equal(synth.status, 0, synth.out);
        // an output that hands the password on, as an estate might: it must be declared sensitive
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(out, 'probe.tf.json'), JSON.stringify({ output: { probe: { value: '${sha256(terraform_data.barman_db_secret_barman.triggers_replace)}', sensitive: true } } }));
        strict_1.default.equal(run('terraform', ['init', '-input=false', '-no-color'], out, env).status, 0);
        const vars = ['postgres', 'barman'].flatMap((u) => ['-var', `barman_${u}_ssh_private_key=unused`, '-var', `barman_${u}_ssh_public_key=unused`]);
        const targets = (0, synth_helpers_1.passwordIds)().flatMap((id) => ['-target', `terraform_data.${id}`]);
        const apply = run('terraform', ['apply', '-auto-approve', '-input=false', '-no-color', ...vars, ...targets], out, env);
        strict_1.default.equal(apply.status, 0, apply.out);
        // the values themselves, from the state file (where Terraform keeps every secret)
        const state = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'terraform.tfstate'), 'utf8'));
        const passwords = (0, synth_helpers_1.passwordIds)().map((id) => {
            const inst = state.resources.find((r) => r.name === id).instances[0];
            strict_1.default.equal(inst.attributes.output, null, `${id}: no output copy`);
            strict_1.default.notDeepEqual(inst.sensitive_attributes, [], `${id}: marked sensitive in state`);
            const v = inst.attributes.triggers_replace?.value;
            strict_1.default.match(v, /^[0-9a-f-]{36}$/, `${id} holds a generated password`);
            return v;
        });
        strict_1.default.notEqual(passwords[0], passwords[1]);
        const shown = [
            ['show', run('terraform', ['show', '-no-color'], out, env).out],
            ...(0, synth_helpers_1.passwordIds)().map((id) => [`state show ${id}`, run('terraform', ['state', 'show', '-no-color', `terraform_data.${id}`], out, env).out]),
            ...(0, synth_helpers_1.passwordIds)().flatMap((id) => ['triggers_replace', 'output', 'input'].map((a) => [`console ${id}.${a}`, run('terraform', ['console', ...vars], out, env, `terraform_data.${id}.${a}\n`).out])),
            ['output', run('terraform', ['output', '-no-color'], out, env).out],
        ];
        for (const [what, text] of shown) {
            for (const p of passwords)
                strict_1.default.ok(!text.includes(p), `terraform ${what} prints a password:\n${text}`);
        }
        strict_1.default.match(shown[0][1], /triggers_replace = \(sensitive value\)/);
        strict_1.default.match(shown.find(([w]) => w.endsWith('.triggers_replace'))[1], /\(sensitive value\)/);
        // kept from creation on: a second plan of the same resources changes nothing
        const plan = run('terraform', ['plan', '-input=false', '-no-color', '-detailed-exitcode', ...vars, ...targets], out, env);
        strict_1.default.equal(plan.status, 0, plan.out);
    });
});
