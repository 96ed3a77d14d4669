"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * `status --outputs`: the servers read back from a stack's `<prefix>_status_targets` output. The
 * output goes through a real (offline) `terraform apply` and `terraform output -json`; the probe
 * answers come from the e2e sandbox's captured output. Under CI a missing terraform fails the run.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const main_1 = require("../../lib/cli/main");
const status_1 = require("../../lib/cli/status");
const barman_stack_1 = require("../../lib/constructs/barman-stack");
const host_provisioner_1 = require("../../lib/constructs/host-provisioner");
const collect_1 = require("../../lib/status/collect");
const targets_from_outputs_1 = require("../../lib/status/targets-from-outputs");
const status_fixtures_1 = require("./status-fixtures");
const requirements_1 = require("../support/requirements");
let tmp;
(0, node_test_1.before)(() => {
    tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-status-outputs-'));
});
(0, node_test_1.after)(() => (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true }));
async function status(args, answer) {
    const out = [];
    const err = [];
    const calls = [];
    const run = async (target) => {
        calls.push(target);
        return { code: 0, stdout: '', stderr: '', timedOut: false, ...answer };
    };
    const io = { out: (t) => out.push(t), err: (t) => err.push(t) };
    const code = await (0, main_1.main)(['status', ...args], io, [{ spec: status_1.STATUS, run: (a, o) => (0, status_1.statusCommand)(a, o, run) }]);
    return { code, stdout: out.join(''), stderr: err.join(''), calls };
}
const stackJson = (prefix) => (0, barman_stack_1.synthesizeTerraformJson)({ graph: (0, status_fixtures_1.statusGraph)(), resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA, keysFromVariables: true, idPrefix: prefix });
(0, node_test_1.describe)('the status targets output', () => {
    (0, node_test_1.test)('carries what status derives from the config (generated and supplied keys alike)', () => {
        const expected = (0, collect_1.statusTargetsOf)((0, status_fixtures_1.statusGraph)());
        for (const props of [{ keysFromVariables: true }, {}]) {
            const json = (0, barman_stack_1.synthesizeTerraformJson)({ graph: (0, status_fixtures_1.statusGraph)(), ...props });
            strict_1.default.deepEqual(JSON.parse(json.output.barman_status_targets.value), JSON.parse(JSON.stringify(expected)));
        }
    });
    (0, node_test_1.test)('holds no secret: no key material, no password, only sha256 sums of whole files', () => {
        const value = stackJson().output.barman_status_targets.value;
        strict_1.default.doesNotMatch(value, /PRIVATE KEY|ssh-ed25519|password|var\.|\$\{/i);
    });
});
(0, node_test_1.describe)('status --outputs after a real terraform apply', { skip: (0, requirements_1.skipUnless)((0, requirements_1.terraformMissing)()) }, () => {
    let outputsFile;
    (0, node_test_1.before)(() => {
        // only the stack's outputs: they need no provider and no host
        const dir = (0, node_path_1.join)(tmp, 'tf');
        (0, node_fs_1.mkdirSync)(dir);
        // without the checks of the supplied keys (output preconditions reading the key variables: see
        // test/constructs/supplied-key-checks.test.ts), which would need the variables and their values
        const output = Object.fromEntries(Object.entries(stackJson().output).map(([name, { precondition: _checks, ...o }]) => [name, o]));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'outputs.tf.json'), JSON.stringify({ output }));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'empty.tfrc'), '');
        const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: (0, node_path_1.join)(dir, 'empty.tfrc') };
        for (const args of [['init', '-input=false'], ['apply', '-auto-approve', '-input=false']]) {
            const r = (0, node_child_process_1.spawnSync)('terraform', args, { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
            strict_1.default.equal(r.status, 0, `terraform ${args.join(' ')}\n${r.stdout}${r.stderr}`);
        }
        const out = (0, node_child_process_1.spawnSync)('terraform', ['output', '-json'], { cwd: dir, env, encoding: 'utf8' });
        strict_1.default.equal(out.status, 0, out.stderr);
        outputsFile = (0, node_path_1.join)(tmp, 'outputs.json');
        (0, node_fs_1.writeFileSync)(outputsFile, out.stdout);
    });
    (0, node_test_1.test)('the same report as from the config, exit 0 when healthy', async () => {
        const fromOutputs = await status(['--outputs', outputsFile, '--json'], { stdout: (0, status_fixtures_1.probeFixture)('healthy') });
        const fromConfig = await status([(0, status_fixtures_1.statusConfigPath)(), '--json'], { stdout: (0, status_fixtures_1.probeFixture)('healthy') });
        strict_1.default.equal(fromOutputs.code, 0, fromOutputs.stdout + fromOutputs.stderr);
        strict_1.default.deepEqual(JSON.parse(fromOutputs.stdout), JSON.parse(fromConfig.stdout));
        strict_1.default.deepEqual(fromOutputs.calls, fromConfig.calls);
    });
    (0, node_test_1.test)('a FAILED check from the outputs: exit 1', async () => {
        const r = await status(['--outputs', outputsFile], { stdout: (0, status_fixtures_1.probeFixture)('receive-wal-stopped') });
        strict_1.default.equal(r.code, 1);
        strict_1.default.match(r.stdout, /check receive wal running: FAILED/);
    });
    (0, node_test_1.test)('an unreachable server: reported unreachable, its instances too, no backup count', async () => {
        const r = await status(['--outputs', outputsFile, '--json'], { code: 255, stderr: 'ssh: connect to host 127.0.0.41 port 22: Connection refused\n' });
        strict_1.default.equal(r.code, 1);
        const rep = JSON.parse(r.stdout);
        strict_1.default.equal(rep.formatVersion, 2);
        strict_1.default.equal(rep.servers[0].reachable, false);
        for (const i of rep.servers[0].instances)
            strict_1.default.deepEqual([i.state, i.backups.count, i.lastBackup], ['unreachable', null, null]);
    });
});
(0, node_test_1.describe)('reading the outputs', () => {
    const value = () => stackJson().output.barman_status_targets.value;
    (0, node_test_1.test)("terraform's `output -json`, cdktf's --outputs-file and the document itself", () => {
        const expected = JSON.parse(value());
        for (const shape of [
            { barman_status_targets: { sensitive: false, type: 'string', value: value() } },
            { 'barman-stack': { barman_status_targets: value() } },
            expected,
        ]) {
            strict_1.default.deepEqual((0, targets_from_outputs_1.readStatusTargets)(JSON.stringify(shape), 'o.json'), expected);
        }
    });
    (0, node_test_1.test)('two clusters: --cluster chooses; without it, an error naming both', async () => {
        const other = value().replace('"cluster":"e2e"', '"cluster":"other"');
        const both = JSON.stringify({ a_status_targets: { value: value() }, b_status_targets: { value: other } });
        strict_1.default.throws(() => (0, targets_from_outputs_1.readStatusTargets)(both, 'o.json'), /^Error: o\.json: 2 clusters in the outputs \('e2e', 'other'\): choose one with --cluster NAME$/);
        strict_1.default.equal((0, targets_from_outputs_1.readStatusTargets)(both, 'o.json', 'other').cluster, 'other');
        const file = (0, node_path_1.join)(tmp, 'both.json');
        (0, node_fs_1.writeFileSync)(file, both);
        const r = await status(['--outputs', file], {});
        strict_1.default.equal(r.code, 1);
        strict_1.default.equal(r.calls.length, 0);
    });
    for (const [name, text, message] of [
        ['not JSON', 'nope', /o\.json: not JSON/],
        ['no targets output', '{"x": {"value": "y"}}', /no <prefix>_status_targets output/],
        ['a host starting with -', () => value().replace('"host":"127.0.0.41"', '"host":"-oProxyCommand=x"'), /host is '-oProxyCommand=x'/],
        ['a newer format', () => value().replace('"formatVersion":1', '"formatVersion":9'), /formatVersion 9, this cdktf-barman reads 1/],
        ['a backup name with a quote', () => value().replace('"backupName":"pg1"', `"backupName":"pg1'x"`), /backupName is 'pg1'x'/],
    ]) {
        (0, node_test_1.test)(`${name}: an error, no ssh`, () => {
            const t = typeof text === 'function' ? text() : text;
            strict_1.default.throws(() => (0, targets_from_outputs_1.readStatusTargets)(t.startsWith('{"kind"') ? JSON.stringify({ o: { value: t } }) : t, 'o.json'), message);
        });
    }
    (0, node_test_1.test)('CONFIG and --outputs together, or --cluster without --outputs: usage errors', async () => {
        strict_1.default.equal((await status([(0, status_fixtures_1.statusConfigPath)(), '--outputs', 'o.json'], {})).code, 2);
        strict_1.default.equal((await status([(0, status_fixtures_1.statusConfigPath)(), '--cluster', 'x'], {})).code, 2);
    });
});
