"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The README's HCL estate, run for real: the synth command line and the root module are read from
 * README.md ("An HCL estate"), so the example cannot drift from what is tested. The real CLI writes
 * the module for examples/config.yml, the README's main.tf calls it with two `terraform_data`
 * hosts, and the real `terraform` inits, validates (no diagnostics at all) and plans offline.
 * The module directory planned on its own shows that the inputs' defaults are config.yml's
 * addresses. Needs terraform and ssh-keygen (test/support/requirements.ts).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const requirements_1 = require("../support/requirements");
const synth_helpers_1 = require("./synth-helpers");
const HEADING = '### An HCL estate: the synthesized module';
/** The fenced blocks of the README's HCL estate section, by language. */
function readmeExample() {
    const readme = (0, node_fs_1.readFileSync)((0, node_path_1.join)((0, synth_helpers_1.repoRoot)(), 'README.md'), 'utf8');
    const start = readme.indexOf(`\n${HEADING}\n`);
    strict_1.default.ok(start >= 0, `README.md has the section "${HEADING}"`);
    // up to the next heading of this level or above, outside code blocks ('# ...' is a comment in them)
    const lines = readme.slice(start + HEADING.length + 2).split('\n');
    let fenced = false;
    const end = lines.findIndex((l) => {
        if (l.startsWith('```'))
            fenced = !fenced;
        return !fenced && /^#{1,3} /.test(l);
    });
    const section = lines.slice(0, end < 0 ? undefined : end).join('\n') + '\n';
    const block = (lang) => {
        const blocks = [...section.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]);
        strict_1.default.equal(blocks.length, 1, `one \`\`\`${lang} block in "${HEADING}"`);
        return blocks[0];
    };
    const line = block('sh').trim();
    strict_1.default.match(line, /^cdktf-barman synth config\.yml --out barman --module( [a-z_-]+)*$/, 'the command is one synth line, options without quoting');
    return { command: line.split(' ').slice(1), mainTf: block('hcl') };
}
function run(cmd, args, cwd, env) {
    const r = (0, node_child_process_1.spawnSync)(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180_000 });
    if (r.error)
        throw r.error;
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
(0, node_test_1.describe)("the README's HCL estate: terraform init / validate / plan, offline", { skip: (0, requirements_1.skipUnless)((0, requirements_1.terraformMissing)(), (0, requirements_1.commandMissing)('ssh-keygen', 'openssh-client')) }, () => {
    let dir = '';
    let env = {};
    let privateKey = '';
    let publicKey = '';
    let json = {};
    const graph = (0, synth_helpers_1.seedGraph)();
    (0, node_test_1.before)(() => {
        dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-hcl-'));
        // hermetic: no user CLI config (mirrors, credentials), no checkpoint calls
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'empty.tfrc'), '');
        env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: (0, node_path_1.join)(dir, 'empty.tfrc') };
        const k = run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'throwaway@cdktf-barman-test', '-f', (0, node_path_1.join)(dir, 'id')], dir, env);
        strict_1.default.equal(k.status, 0, k.stderr);
        privateKey = (0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'id'), 'utf8');
        publicKey = (0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'id.pub'), 'utf8');
        const { command, mainTf } = readmeExample();
        const args = command.map((a) => (a === 'config.yml' ? (0, synth_helpers_1.SEED_CONFIG)() : a));
        const synth = run(process.execPath, [(0, node_path_1.join)((0, synth_helpers_1.repoRoot)(), 'bin', 'cdktf-barman'), ...args], dir, env);
        strict_1.default.equal(synth.status, 0, `synth failed:\n${synth.stdout}${synth.stderr}`);
        json = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'barman', 'cdktf-barman.tf.json'), 'utf8'));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'main.tf'), mainTf);
    });
    (0, node_test_1.after)(() => {
        if (dir)
            (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    });
    const validate = (cwd) => {
        const init = run('terraform', ['init', '-input=false', '-no-color'], cwd, env);
        strict_1.default.equal(init.status, 0, `terraform init failed:\n${init.stdout}${init.stderr}`);
        strict_1.default.doesNotMatch(init.stdout + init.stderr, /Warning/, 'terraform init warns');
        const v = run('terraform', ['validate', '-json', '-no-color'], cwd, env);
        strict_1.default.equal(v.status, 0, v.stdout + v.stderr);
        return JSON.parse(v.stdout);
    };
    (0, node_test_1.test)('the module has no provider blocks and needs no provider in this mode', () => {
        strict_1.default.equal(json.provider, undefined);
        strict_1.default.deepEqual(Object.keys(json.resource ?? {}), ['terraform_data'], 'only built-in resources');
    });
    (0, node_test_1.test)('the root module validates with no diagnostics at all, and plans with the hosts known after apply', () => {
        const report = validate(dir);
        strict_1.default.equal(report.valid, true, JSON.stringify(report.diagnostics, null, 2));
        strict_1.default.equal(report.warning_count, 0);
        strict_1.default.deepEqual(report.diagnostics, [], 'no warning (e.g. "Redundant empty provider block")');
        const keys = { postgres_ssh_private_key: privateKey, barman_ssh_private_key: privateKey, postgres_ssh_public_key: publicKey, barman_ssh_public_key: publicKey };
        const tfVars = Object.fromEntries(Object.entries(keys).map(([k, v]) => [`TF_VAR_${k}`, v]));
        const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], dir, { ...env, ...tfVars });
        strict_1.default.equal(plan.status, 0, `terraform plan failed:\n${plan.stdout}${plan.stderr}`);
        const text = plan.stdout + plan.stderr;
        strict_1.default.doesNotMatch(text, /Warning/);
        const ids = [...(0, synth_helpers_1.expectedProvisionerIds)(graph), ...(0, synth_helpers_1.passwordIds)()];
        for (const id of ids)
            strict_1.default.ok(text.includes(`# module.barman.terraform_data.${id} will be created`), `the plan creates module.barman.terraform_data.${id}`);
        // the two hosts, the module's resources, and the resource waiting on barman_ready
        strict_1.default.match(text, new RegExp(`Plan: ${ids.length + 3} to add, 0 to change, 0 to destroy\\.`));
        const lines = text.split('\n').map((l) => l.trim());
        for (const e of graph.edges) {
            // the Barman server's conf of the instance names the host being created: not known yet
            strict_1.default.ok(lines.includes(`+ "/etc/barman.d/${e.backupName}.conf" = (known after apply)`), `barman.d conf of ${e.backupName} is (known after apply)`);
        }
        for (const i of graph.instances)
            strict_1.default.ok(!text.includes(i.address), `config.yml's address ${i.address} of ${i.name} is not used: the input replaces it`);
        const after = text.slice(text.indexOf('# terraform_data.after_barman will be created'));
        strict_1.default.match(after, /\+ input\s+= \(known after apply\)/, 'after_barman waits for module.barman.barman_ready');
        strict_1.default.ok(!/PRIVATE KEY/.test(text), 'no private key in the plan');
    });
    (0, node_test_1.test)("without inputs, the module plans config.yml's addresses", () => {
        const moduleDir = (0, node_path_1.join)(dir, 'barman');
        const report = validate(moduleDir);
        strict_1.default.deepEqual(report.diagnostics, []);
        const vars = Object.keys(json.variable ?? {}).filter((v) => v.endsWith('_key'));
        const tfVars = Object.fromEntries(vars.map((v) => [`TF_VAR_${v}`, v.endsWith('_public_key') ? publicKey : privateKey]));
        const plan = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], moduleDir, { ...env, ...tfVars });
        strict_1.default.equal(plan.status, 0, `terraform plan failed:\n${plan.stdout}${plan.stderr}`);
        const lines = (plan.stdout + plan.stderr).split('\n').map((l) => l.trim());
        for (const e of graph.edges) {
            strict_1.default.ok(lines.includes(`conninfo = "host=${e.instance.address} port=${e.instance.settings.postgresPort} dbname=postgres user=barman"`), `conninfo of ${e.backupName} names ${e.instance.address}`);
            strict_1.default.ok(lines.some((l) => l.startsWith(`ssh_command = "`) && l.includes(`@${e.instance.address} `)), `ssh_command of ${e.backupName}`);
        }
        for (const i of graph.instances) {
            strict_1.default.ok(lines.some((l) => l.startsWith('+ host') && l.endsWith(`= "${i.name} (ssh ${i.connectionHost})"`)), `Terraform connects to ${i.name} at ${i.connectionHost}`);
        }
    });
});
