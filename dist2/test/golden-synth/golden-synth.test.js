"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Golden files of the Terraform JSON synthesized for the seed (examples/config.yml), exactly as
 * `cdktf-barman synth` writes it:
 *   seed.terraform_data.supplied-keys.tf.json   --resource-type terraform_data --supplied-keys
 *   seed.null_resource.generated-keys.tf.json   (defaults)
 * After an intended change, review the diff and regenerate with `UPDATE_GOLDEN=1 npm test`.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const main_1 = require("../../lib/cli/main");
const barman_stack_1 = require("../../lib/constructs/barman-stack");
const host_provisioner_1 = require("../../lib/constructs/host-provisioner");
const tpa_config_1 = require("../../lib/config/tpa-config");
const synth_helpers_1 = require("../constructs/synth-helpers");
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const dir = () => (0, node_path_1.join)((0, synth_helpers_1.repoRoot)(), 'test', 'golden-synth');
const CASES = [
    {
        file: 'seed.terraform_data.supplied-keys.tf.json',
        props: { resourceType: host_provisioner_1.ProvisionerResourceType.TERRAFORM_DATA, keysFromVariables: true },
        cli: ['--resource-type', 'terraform_data', '--supplied-keys'],
    },
    {
        file: 'seed.null_resource.generated-keys.tf.json',
        props: {},
        cli: [],
    },
];
/** the CLI's serialization */
const serialize = (json) => JSON.stringify(json, null, 2) + '\n';
function firstDifference(expected, actual) {
    const a = expected.split('\n');
    const b = actual.split('\n');
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (a[i] !== b[i]) {
            const show = (s) => (s === undefined ? '<end of file>' : s.length > 300 ? `${s.slice(0, 300)}...` : s);
            return `first difference at line ${i + 1}:\n  golden: ${show(a[i])}\n  now:    ${show(b[i])}\n(${a.length} vs ${b.length} lines; review, then UPDATE_GOLDEN=1 npm test)`;
        }
    }
    return 'identical';
}
(0, node_test_1.describe)('golden synth of the seed', () => {
    for (const c of CASES) {
        (0, node_test_1.test)(c.file, (t) => {
            const text = serialize((0, barman_stack_1.synthesizeTerraformJson)({ graph: (0, tpa_config_1.loadGraphFromFile)((0, synth_helpers_1.SEED_CONFIG)()), ...c.props }));
            const path = (0, node_path_1.join)(dir(), c.file);
            if (UPDATE) {
                (0, node_fs_1.writeFileSync)(path, text);
                t.diagnostic(`UPDATE_GOLDEN=1: rewrote ${path}: review it with git diff`);
                return;
            }
            strict_1.default.ok((0, node_fs_1.existsSync)(path), `no golden file ${path}: run UPDATE_GOLDEN=1 npm test and review it`);
            const golden = (0, node_fs_1.readFileSync)(path, 'utf8');
            strict_1.default.ok(golden === text, firstDifference(golden, text));
        });
        (0, node_test_1.test)(`${c.file}: the CLI writes exactly the golden file`, { skip: UPDATE ? 'updating' : false }, async (t) => {
            const out = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-golden-synth-'));
            t.after(() => (0, node_fs_1.rmSync)(out, { recursive: true, force: true }));
            const io = { out: () => undefined, err: (s) => t.diagnostic(s) };
            strict_1.default.equal(await (0, main_1.main)(['synth', (0, synth_helpers_1.SEED_CONFIG)(), '--out', out, ...c.cli], io), 0);
            const written = (0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'cdktf-barman.tf.json'), 'utf8');
            const golden = (0, node_fs_1.readFileSync)((0, node_path_1.join)(dir(), c.file), 'utf8');
            strict_1.default.ok(golden === written, firstDifference(golden, written));
        });
    }
    (0, node_test_1.test)('synthesis is deterministic (same input, same bytes) and carries no absolute path', () => {
        for (const c of CASES) {
            const a = serialize((0, barman_stack_1.synthesizeTerraformJson)({ graph: (0, tpa_config_1.loadGraphFromFile)((0, synth_helpers_1.SEED_CONFIG)()), ...c.props }));
            const b = serialize((0, barman_stack_1.synthesizeTerraformJson)({ graph: (0, tpa_config_1.loadGraphFromFile)((0, synth_helpers_1.SEED_CONFIG)()), ...c.props }));
            strict_1.default.equal(a, b);
            strict_1.default.ok(!a.includes((0, synth_helpers_1.repoRoot)()), 'the repository path leaks into the JSON');
            strict_1.default.ok(!a.includes((0, node_os_1.tmpdir)()), 'the temp directory leaks into the JSON');
        }
    });
    (0, node_test_1.test)('the comparison reports a change (control)', () => {
        const golden = '{\n  "a": 1\n}\n';
        const d = firstDifference(golden, '{\n  "a": 2\n}\n');
        strict_1.default.ok(d.startsWith('first difference at line 2:'), d);
        strict_1.default.ok(d.includes('golden:   "a": 1') && d.includes('now:      "a": 2'), d);
        strict_1.default.equal(firstDifference(golden, golden), 'identical');
    });
});
