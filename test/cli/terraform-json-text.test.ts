import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformJsonPieces, terraformJsonText, writeTerraformJson } from '../../lib/cli/terraform-json-text';
import { synthesizeTerraformJson } from '../../lib/constructs/barman-stack';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { SEED_CONFIG } from '../constructs/synth-helpers';

describe('the text synth writes', () => {
  const json = synthesizeTerraformJson({ graph: loadGraphFromFile(SEED_CONFIG()) });
  const text = terraformJsonText(json);
  const indented = JSON.stringify(json, null, 2) + '\n';

  test('reads back as the same JSON', () => {
    assert.deepEqual(JSON.parse(text), json);
  });

  test('the lines of indented JSON without their indentation', () => {
    assert.equal(text, indented.replace(/\n +/g, '\n'));
    assert.equal(text.split('\n').length, indented.split('\n').length, 'as many lines: Terraform quotes one element per line');
  });

  test('written piece by piece, the same text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-json-text-'));
    try {
      writeTerraformJson(join(dir, 'x.tf.json'), json);
      assert.equal(readFileSync(join(dir, 'x.tf.json'), 'utf8'), text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // a resource is one piece (with its name's line), never cut inside
    const pieces = [...terraformJsonPieces(json)];
    const resources = json.resource as Record<string, Record<string, unknown>>;
    for (const byName of Object.values(resources)) for (const body of Object.values(byName)) assert.ok(pieces.includes(JSON.stringify(body, null, 1).replace(/\n +/g, '\n')));
  });

  test('JSON.stringify semantics: an undefined property is left out, an undefined item is null, empty containers stay', () => {
    const v = { a: {}, b: [], c: undefined, d: [undefined, 1], e: 'x\ny"', resource: { t: { n: { x: 1 } }, u: {} } };
    assert.equal(terraformJsonText(v), JSON.stringify(v, null, 2).replace(/\n +/g, '\n') + '\n');
  });

  test('smaller than indented JSON by its indentation: a newline and a space after a key over compact JSON', () => {
    const lines = text.split('\n').length;
    assert.ok(text.length < indented.length, `${text.length} against ${indented.length}`);
    assert.ok(text.length - JSON.stringify(json).length <= 2 * lines, 'no more than a newline and a space per line over compact JSON');
  });
});
