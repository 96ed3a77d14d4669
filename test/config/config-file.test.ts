/**
 * Reading config.yml (issue 12, item 10): the file must be UTF-8. A byte that is not used to turn
 * silently into U+FFFD; now the file is rejected at the line and column of the first bad byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstInvalidUtf8 } from '../../lib/config/config-file';
import { loadTpaConfigFile } from '../../lib/config/tpa-config';
import { InvalidConfigError, formatDiagnostic } from '../../lib/model/diagnostics';

function withFile<T>(bytes: Buffer, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'config-file-'));
  try {
    const path = join(dir, 'config.yml');
    writeFileSync(path, bytes);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEAD = 'cluster_name: demo\ninstances:\n  - Name: one\n    vars:\n      barman_backup_directory: /var/lib/';

for (const [what, bad] of [
  ['a Latin-1 byte', [0xe9]],
  ['a stray continuation byte', [0x80]],
  ['an overlong encoding of "/"', [0xc0, 0xaf]],
  ['an encoded UTF-16 surrogate', [0xed, 0xa0, 0x80]],
  ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ['0xff', [0xff]],
] as const) {
  test(`${what} is rejected at the line and column of its first byte`, () => {
    // "é" before the bad byte counts as one column, as in every other position
    const before = Buffer.from(`${HEAD}caf\u00e9-`, 'utf8');
    const bytes = Buffer.concat([before, Buffer.from(bad), Buffer.from('x\n')]);
    const lastLine = `${HEAD}caf\u00e9-`.split('\n').pop()!;
    withFile(bytes, (path) => {
      assert.throws(
        () => loadTpaConfigFile(path),
        (e: unknown) => {
          assert.ok(e instanceof InvalidConfigError, String(e));
          assert.equal(e.diagnostics.length, 1);
          const d = e.diagnostics[0];
          assert.deepEqual(d.position, { file: path, line: 5, column: lastLine.length + 1 }, formatDiagnostic(d));
          assert.ok(d.message.includes(`not valid UTF-8 (byte 0x${bad[0].toString(16)} here): save it as UTF-8`), formatDiagnostic(d));
          return true;
        },
      );
    });
  });
}

test('a truncated sequence at the very end of the file is rejected', () => {
  const bytes = Buffer.concat([Buffer.from('cluster_name: demo\n# \u20ac'), Buffer.from([0xe2, 0x82])]);
  withFile(bytes, (path) => {
    assert.throws(() => loadTpaConfigFile(path), (e: unknown) => e instanceof InvalidConfigError && e.diagnostics[0].position?.line === 2 && e.diagnostics[0].position?.column === 4);
  });
});

test('valid UTF-8, with a byte order mark and characters of every length, loads', () => {
  const text = '\ufeffcluster_name: demo\n# caf\u00e9 \u20ac \ud83d\ude00\ninstances:\n  - Name: one\n';
  withFile(Buffer.from(text, 'utf8'), (path) => {
    const spec = loadTpaConfigFile(path);
    assert.equal(spec.clusterName.value, 'demo');
    assert.equal(spec.instances.length, 1);
  });
});

test('firstInvalidUtf8 agrees with a strict UTF-8 decoder on random bytes', () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const decodes = (b: Uint8Array) => {
    try {
      strict.decode(b);
      return true;
    } catch {
      return false;
    }
  };
  let seed = 12;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  // bytes weighted towards the interesting ranges: ASCII, continuation bytes and lead bytes
  const pick = () => [0x41, 0x80 + Math.floor(random() * 64), 0xc0 + Math.floor(random() * 64)][Math.floor(random() * 3)];
  for (let n = 0; n < 5000; n++) {
    const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, pick);
    const bad = firstInvalidUtf8(bytes);
    assert.equal(bad === -1, decodes(bytes), `bytes ${Buffer.from(bytes).toString('hex')}`);
    if (bad >= 0) {
      assert.ok(decodes(bytes.subarray(0, bad)), `everything before ${bad} decodes: ${Buffer.from(bytes).toString('hex')}`);
    }
  }
});
