"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Golden files: what `cdktf-barman render` writes for each topology fixture, byte for byte, kept in
 * test/golden/<topology>/<instance>/<absolute path on the host> (+ manifest.json per instance).
 * Compared both ways (no missing, no extra, no changed file). After an intended change, review
 * the diff and regenerate with `UPDATE_GOLDEN=1 npm test`.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const main_1 = require("../../lib/cli/main");
const paths_1 = require("../support/paths");
const render_tree_1 = require("../support/render-tree");
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const REQUIRED = ['fqdn', 'm1-witness', 'many-to-one', 'one-to-two-servers', 'overrides', 'seed'];
(0, node_test_1.test)('the topology fixtures are all there, and each has a golden tree (and no golden tree is stale)', () => {
    const topologies = (0, paths_1.listTopologies)();
    for (const name of REQUIRED)
        strict_1.default.ok(topologies.includes(name), `missing fixture test/fixtures/topologies/${name}/config.yml`);
    if (UPDATE)
        return;
    const golden = (0, node_fs_1.existsSync)((0, paths_1.goldenRoot)()) ? (0, node_fs_1.readdirSync)((0, paths_1.goldenRoot)()).sort() : [];
    strict_1.default.deepEqual(golden, topologies, 'test/golden/<topology> must exist exactly for each fixture: run UPDATE_GOLDEN=1 npm test for a new one, delete the golden tree of a removed one');
});
for (const name of (0, paths_1.listTopologies)()) {
    (0, node_test_1.test)(`golden: ${name}`, async (t) => {
        const r = await (0, render_tree_1.renderTopology)(name);
        t.after(() => r.cleanup());
        const rendered = (0, render_tree_1.readTree)(r.outDir);
        strict_1.default.ok(rendered.size > 0, 'render wrote no file');
        const dir = (0, node_path_1.join)((0, paths_1.goldenRoot)(), name);
        if (UPDATE) {
            (0, render_tree_1.writeTree)(dir, rendered);
            t.diagnostic(`UPDATE_GOLDEN=1: rewrote ${dir} (${rendered.size} files): review it with git diff`);
            return;
        }
        strict_1.default.ok((0, node_fs_1.existsSync)(dir), `no golden tree ${dir}: run UPDATE_GOLDEN=1 npm test, then review every file it wrote`);
        const golden = (0, render_tree_1.readTree)(dir);
        const diff = (0, render_tree_1.compareTrees)(golden, rendered);
        strict_1.default.ok((0, render_tree_1.isSameTree)(diff), (0, render_tree_1.formatTreeDiff)(`topology ${name}`, diff, golden, rendered));
    });
}
(0, node_test_1.test)('the golden comparison reports missing, extra and changed files with a line diff', async (t) => {
    const r = await (0, render_tree_1.renderTopology)('seed');
    t.after(() => r.cleanup());
    const golden = (0, render_tree_1.readTree)(r.outDir);
    const tampered = new Map(golden);
    const conf = 'two/etc/barman.d/one.conf';
    const cron = 'two/etc/cron.d/one';
    strict_1.default.ok(tampered.has(conf) && tampered.has(cron), 'the seed renders two/etc/barman.d/one.conf and two/etc/cron.d/one');
    tampered.set(conf, Buffer.from(tampered.get(conf).toString('utf8').replace('slot_name = "backup_two"', 'slot_name = "backup_other"')));
    tampered.delete(cron);
    tampered.set('two/etc/cron.d/stray', Buffer.from('x\n'));
    strict_1.default.ok((0, render_tree_1.isSameTree)((0, render_tree_1.compareTrees)(golden, golden)), 'a tree equals itself');
    const diff = (0, render_tree_1.compareTrees)(golden, tampered);
    strict_1.default.deepEqual(diff, { missing: [cron], extra: ['two/etc/cron.d/stray'], changed: [conf] });
    const message = (0, render_tree_1.formatTreeDiff)('seed', diff, golden, tampered);
    strict_1.default.match(message, /missing \(in golden, not rendered\): two\/etc\/cron\.d\/one/);
    strict_1.default.match(message, /extra \(rendered, not in golden\): +two\/etc\/cron\.d\/stray/);
    strict_1.default.match(message, /- +\d+: "slot_name = \\"backup_two\\""/);
    strict_1.default.match(message, /\+ +\d+: "slot_name = \\"backup_other\\""/);
    // a lost trailing newline or a changed mode in the manifest is a difference too
    const noNewline = new Map(golden);
    noNewline.set(cron, Buffer.from(golden.get(cron).toString('utf8').replace(/\n$/, '')));
    strict_1.default.deepEqual((0, render_tree_1.compareTrees)(golden, noNewline).changed, [cron]);
    const manifest = new Map(golden);
    manifest.set('two/manifest.json', Buffer.from(golden.get('two/manifest.json').toString('utf8').replace('"0600"', '"0644"')));
    strict_1.default.deepEqual((0, render_tree_1.compareTrees)(golden, manifest).changed, ['two/manifest.json']);
});
(0, node_test_1.test)('lineDiff shows only the changed lines and their context', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', ''].join('\n');
    const b = ['1', '2', '3', '4', 'five', '6', '7', '8', ''].join('\n');
    strict_1.default.deepEqual((0, render_tree_1.lineDiff)(a, b), ['  ...', '    3: "3"', '    4: "4"', '-   5: "5"', '+   5: "five"', '    6: "6"', '    7: "7"', '  ...']);
});
(0, node_test_1.test)('the seed fixture is the example: both render the same files', async (t) => {
    const seed = await (0, render_tree_1.renderTopology)('seed');
    t.after(() => seed.cleanup());
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-example-'));
    t.after(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
    let err = '';
    const code = await (0, main_1.main)(['render', (0, node_path_1.join)((0, paths_1.repoRoot)(), 'examples', 'config.yml'), '--out', (0, node_path_1.join)(dir, 'out')], { out: () => undefined, err: (s) => (err += s) });
    strict_1.default.equal(code, 0, err);
    const example = (0, render_tree_1.readTree)((0, node_path_1.join)(dir, 'out'));
    const rendered = (0, render_tree_1.readTree)(seed.outDir);
    const diff = (0, render_tree_1.compareTrees)(example, rendered);
    strict_1.default.ok((0, render_tree_1.isSameTree)(diff), (0, render_tree_1.formatTreeDiff)('seed fixture vs examples/config.yml', diff, example, rendered));
});
