/**
 * Golden files of the Terraform JSON synthesized for the seed (examples/config.yml), exactly as
 * `cdktf-barman synth` writes it:
 *   seed.terraform_data.supplied-keys.tf.json   --resource-type terraform_data --supplied-keys
 *   seed.null_resource.generated-keys.tf.json   (defaults)
 * After an intended change, review the diff and regenerate with `UPDATE_GOLDEN=1 npm test`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { terraformJsonText } from '../../lib/cli/terraform-json-text';
import { synthesizeTerraformJson } from '../../lib/constructs/barman-stack';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { SEED_CONFIG, repoRoot } from '../constructs/synth-helpers';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const dir = (): string => join(repoRoot(), 'test', 'golden-synth');

const CASES = [
  {
    file: 'seed.terraform_data.supplied-keys.tf.json',
    props: { resourceType: ProvisionerResourceType.TERRAFORM_DATA, keysFromVariables: true },
    cli: ['--resource-type', 'terraform_data', '--supplied-keys'],
  },
  {
    file: 'seed.null_resource.generated-keys.tf.json',
    props: {},
    cli: [],
  },
];

/** the CLI's serialization */
const serialize = (json: unknown): string => JSON.stringify(json, null, 2) + '\n';

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const show = (s: string | undefined) => (s === undefined ? '<end of file>' : s.length > 300 ? `${s.slice(0, 300)}...` : s);
      return `first difference at line ${i + 1}:\n  golden: ${show(a[i])}\n  now:    ${show(b[i])}\n(${a.length} vs ${b.length} lines; review, then UPDATE_GOLDEN=1 npm test)`;
    }
  }
  return 'identical';
}

describe('golden synth of the seed', () => {
  for (const c of CASES) {
    test(c.file, (t) => {
      const text = serialize(synthesizeTerraformJson({ graph: loadGraphFromFile(SEED_CONFIG()), ...c.props }));
      const path = join(dir(), c.file);
      if (UPDATE) {
        writeFileSync(path, text);
        t.diagnostic(`UPDATE_GOLDEN=1: rewrote ${path}: review it with git diff`);
        return;
      }
      assert.ok(existsSync(path), `no golden file ${path}: run UPDATE_GOLDEN=1 npm test and review it`);
      const golden = readFileSync(path, 'utf8');
      assert.ok(golden === text, firstDifference(golden, text));
    });

    test(`${c.file}: the CLI writes exactly the golden file`, { skip: UPDATE ? 'updating' : false }, async (t) => {
      const out = mkdtempSync(join(tmpdir(), 'cdktf-barman-golden-synth-'));
      t.after(() => rmSync(out, { recursive: true, force: true }));
      const io = { out: () => undefined, err: (s: string) => t.diagnostic(s) };
      assert.equal(await main(['synth', SEED_CONFIG(), '--out', out, ...c.cli], io), 0);
      const written = readFileSync(join(out, 'cdktf-barman.tf.json'), 'utf8');
      // the golden files are indented for review; the CLI writes the same JSON a line per resource
      const golden = terraformJsonText(JSON.parse(readFileSync(join(dir(), c.file), 'utf8')) as Record<string, unknown>);
      assert.ok(golden === written, firstDifference(golden, written));
    });
  }

  test('synthesis is deterministic (same input, same bytes) and carries no absolute path', () => {
    for (const c of CASES) {
      const a = serialize(synthesizeTerraformJson({ graph: loadGraphFromFile(SEED_CONFIG()), ...c.props }));
      const b = serialize(synthesizeTerraformJson({ graph: loadGraphFromFile(SEED_CONFIG()), ...c.props }));
      assert.equal(a, b);
      assert.ok(!a.includes(repoRoot()), 'the repository path leaks into the JSON');
      // a path below it (cdktf's out dir); the host program's comments may name /tmp itself
      assert.ok(!a.includes(join(tmpdir(), '/')), 'the temp directory leaks into the JSON');
    }
  });

  test('the comparison reports a change (control)', () => {
    const golden = '{\n  "a": 1\n}\n';
    const d = firstDifference(golden, '{\n  "a": 2\n}\n');
    assert.ok(d.startsWith('first difference at line 2:'), d);
    assert.ok(d.includes('golden:   "a": 1') && d.includes('now:      "a": 2'), d);
    assert.equal(firstDifference(golden, golden), 'identical');
  });
});
