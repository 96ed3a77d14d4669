/**
 * Golden files: what `cdktf-barman render` writes for each topology fixture, byte for byte, kept in
 * test/golden/<topology>/<instance>/<absolute path on the host> (+ manifest.json per instance).
 * Compared both ways (no missing, no extra, no changed file). After an intended change, review
 * the diff and regenerate with `UPDATE_GOLDEN=1 npm test`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { goldenRoot, listTopologies, repoRoot } from '../support/paths';
import { Tree, compareTrees, formatTreeDiff, isSameTree, lineDiff, readTree, renderTopology, writeTree } from '../support/render-tree';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const REQUIRED = ['fqdn', 'm1-witness', 'many-to-one', 'one-to-two-servers', 'overrides', 'seed'];

test('the topology fixtures are all there, and each has a golden tree (and no golden tree is stale)', () => {
  const topologies = listTopologies();
  for (const name of REQUIRED) assert.ok(topologies.includes(name), `missing fixture test/fixtures/topologies/${name}/config.yml`);
  if (UPDATE) return;
  const golden = existsSync(goldenRoot()) ? readdirSync(goldenRoot()).sort() : [];
  assert.deepEqual(golden, topologies, 'test/golden/<topology> must exist exactly for each fixture: run UPDATE_GOLDEN=1 npm test for a new one, delete the golden tree of a removed one');
});

for (const name of listTopologies()) {
  test(`golden: ${name}`, async (t) => {
    const r = await renderTopology(name);
    t.after(() => r.cleanup());
    const rendered = readTree(r.outDir);
    assert.ok(rendered.size > 0, 'render wrote no file');
    const dir = join(goldenRoot(), name);
    if (UPDATE) {
      writeTree(dir, rendered);
      t.diagnostic(`UPDATE_GOLDEN=1: rewrote ${dir} (${rendered.size} files): review it with git diff`);
      return;
    }
    assert.ok(existsSync(dir), `no golden tree ${dir}: run UPDATE_GOLDEN=1 npm test, then review every file it wrote`);
    const golden = readTree(dir);
    const diff = compareTrees(golden, rendered);
    assert.ok(isSameTree(diff), formatTreeDiff(`topology ${name}`, diff, golden, rendered));
  });
}

test('the golden comparison reports missing, extra and changed files with a line diff', async (t) => {
  const r = await renderTopology('seed');
  t.after(() => r.cleanup());
  const golden = readTree(r.outDir);
  const tampered: Tree = new Map(golden);
  const conf = 'two/etc/barman.d/one.conf';
  const cron = 'two/etc/cron.d/one';
  assert.ok(tampered.has(conf) && tampered.has(cron), 'the seed renders two/etc/barman.d/one.conf and two/etc/cron.d/one');
  tampered.set(conf, Buffer.from(tampered.get(conf)!.toString('utf8').replace('slot_name = "backup_two"', 'slot_name = "backup_other"')));
  tampered.delete(cron);
  tampered.set('two/etc/cron.d/stray', Buffer.from('x\n'));

  assert.ok(isSameTree(compareTrees(golden, golden)), 'a tree equals itself');
  const diff = compareTrees(golden, tampered);
  assert.deepEqual(diff, { missing: [cron], extra: ['two/etc/cron.d/stray'], changed: [conf] });
  const message = formatTreeDiff('seed', diff, golden, tampered);
  assert.match(message, /missing \(in golden, not rendered\): two\/etc\/cron\.d\/one/);
  assert.match(message, /extra \(rendered, not in golden\): +two\/etc\/cron\.d\/stray/);
  assert.match(message, /- +\d+: "slot_name = \\"backup_two\\""/);
  assert.match(message, /\+ +\d+: "slot_name = \\"backup_other\\""/);

  // a lost trailing newline or a changed mode in the manifest is a difference too
  const noNewline: Tree = new Map(golden);
  noNewline.set(cron, Buffer.from(golden.get(cron)!.toString('utf8').replace(/\n$/, '')));
  assert.deepEqual(compareTrees(golden, noNewline).changed, [cron]);
  const manifest: Tree = new Map(golden);
  manifest.set('two/manifest.json', Buffer.from(golden.get('two/manifest.json')!.toString('utf8').replace('"0600"', '"0644"')));
  assert.deepEqual(compareTrees(golden, manifest).changed, ['two/manifest.json']);
});

test('lineDiff shows only the changed lines and their context', () => {
  const a = ['1', '2', '3', '4', '5', '6', '7', '8', ''].join('\n');
  const b = ['1', '2', '3', '4', 'five', '6', '7', '8', ''].join('\n');
  assert.deepEqual(lineDiff(a, b), ['  ...', '    3: "3"', '    4: "4"', '-   5: "5"', '+   5: "five"', '    6: "6"', '    7: "7"', '  ...']);
});

test('the seed fixture is the example: both render the same files', async (t) => {
  const seed = await renderTopology('seed');
  t.after(() => seed.cleanup());
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-example-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let err = '';
  const code = await main(['render', join(repoRoot(), 'examples', 'config.yml'), '--out', join(dir, 'out')], { out: () => undefined, err: (s) => (err += s) });
  assert.equal(code, 0, err);
  const example = readTree(join(dir, 'out'));
  const rendered = readTree(seed.outDir);
  const diff = compareTrees(example, rendered);
  assert.ok(isSameTree(diff), formatTreeDiff('seed fixture vs examples/config.yml', diff, example, rendered));
});
