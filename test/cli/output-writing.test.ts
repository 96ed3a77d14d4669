/**
 * render and synth: output that cannot be written is one line and exit 1, nothing of the new
 * output is left and an earlier output is intact (issue 12 items 6, 7); --force only replaces
 * what render wrote (item 10); an unexpected exception is one line and exit 70 (item 7).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VALID, assertOneLineError, canDropRoot, outputOf, run, snapshot } from './cli-harness';
import { SETUP_COMMAND, commandMissing, skipInside, skipOptional, skipUnless } from '../support/requirements';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdktf-barman-output-'));
  chmodSync(tmp, 0o755); // nobody must reach the directories made below
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  chmodSync(path, 0o644);
  return path;
}

/** a directory nobody owns (so that nobody can write it) */
function nobodysDir(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  if (process.getuid?.() === 0) chownSync(dir, 65534, 65534);
  return dir;
}

describe('output that cannot be written', () => {
  test('render and synth with --out under a regular file: exit 1, one line naming the path and the reason', () => {
    const config = file('under-file.yml', VALID);
    const blocker = file('a-file', 'x');
    for (const command of ['render', 'synth']) {
      const out = join(blocker, 'sub', 'out');
      const r = run([command, config, '--out', out]);
      assertOneLineError(r, 1, new RegExp(`^cdktf-barman ${command}: cannot write ${out}: .*not a directory.*; nothing written$`));
      assert.equal(readFileSync(blocker, 'utf8'), 'x');
    }
  });

  test('render and synth as a user who may not write the parent of DIR (EACCES): exit 1, nothing written', { skip: skipUnless(canDropRoot ? false : `root cannot drop its powers: setpriv is missing (Debian package util-linux, ${SETUP_COMMAND})`) }, () => {
    const config = file('eacces.yml', VALID);
    const parent = join(tmp, 'root-only');
    mkdirSync(parent, { mode: 0o755 });
    for (const command of ['render', 'synth']) {
      const r = run([command, config, '--out', join(parent, 'out')], { unprivileged: true });
      assertOneLineError(r, 1, /cannot write .*: permission denied: .*nothing written$/);
      assert.deepEqual(readdirSync(parent), []);
    }
  });

  test('render whose paths grow too long (ENAMETOOLONG) halfway: exit 1, no half-written DIR, an earlier render intact', () => {
    // measure the longest path render writes for VALID, then nest DIR so that those paths fit
    // but the same config with 60-character instance names does not (PATH_MAX is 4096)
    const config = file('short-names.yml', VALID);
    const probe = join(tmp, 'probe');
    assert.equal(run(['render', config, '--out', probe]).code, 0);
    const longest = Math.max(...[...snapshot(probe).keys()].map((p) => p.length));
    const outLength = 4095 - longest - 1 - '.cdktf-barman-tmp-XXXXXX/'.length - 10;
    let parent = join(tmp, 'deep');
    while (parent.length + 1 + 200 < outLength - 4) parent = join(parent, 'd'.repeat(200));
    parent = join(parent, 'e'.repeat(outLength - 4 - parent.length - 1));
    mkdirSync(parent, { recursive: true });
    const out = join(parent, 'out');

    // (the Barman server keeps its name: it becomes a replication slot name, at most 63 characters)
    const longNames = file('long-names.yml', VALID.replace(/shop-(db1|db2)/g, (_, n: string) => `shop-${'x'.repeat(50)}-${n}`));
    const longestDb = Math.max(...[...snapshot(probe).keys()].filter((p) => p.startsWith('shop-db')).map((p) => p.length));
    assert.ok(out.length + 1 + longestDb + 51 > 4095, 'the long names overflow PATH_MAX');
    const fresh = run(['render', longNames, '--out', out]);
    assertOneLineError(fresh, 1, /^cdktf-barman render: cannot write .*too long.*nothing written$/);
    assert.deepEqual(readdirSync(parent), [], 'nothing of the new output is left');

    assert.equal(run(['render', config, '--out', out]).code, 0, 'the short names fit');
    const before = snapshot(out);
    const forced = run(['render', longNames, '--out', out, '--force']);
    assertOneLineError(forced, 1, /too long/);
    assert.deepEqual(snapshot(out), before, 'the earlier render is intact');
    assert.deepEqual(readdirSync(parent), ['out']);
  });

  test('render --force over a read-only subtree (as nobody): exit 1, the earlier render intact', { skip: skipUnless(canDropRoot ? false : `root cannot drop its powers: setpriv is missing (Debian package util-linux, ${SETUP_COMMAND})`) }, () => {
    const config = file('read-only.yml', VALID);
    const out = join(nobodysDir('read-only'), 'out');
    assert.equal(run(['render', config, '--out', out], { unprivileged: true }).code, 0);
    chmodSync(join(out, 'shop-backup', 'etc'), 0o555);
    const before = snapshot(out);
    const r = run(['render', config, '--out', out, '--force'], { unprivileged: true });
    assertOneLineError(r, 1, new RegExp(`cannot write ${out}: ${join(out, 'shop-backup', 'etc')}: permission denied`));
    assert.deepEqual(snapshot(out), before);
    chmodSync(join(out, 'shop-backup', 'etc'), 0o755);
  });

  test('render --force over an immutable instance directory (chattr +i): exit 1, the earlier render intact', (t) => {
    const config = file('immutable.yml', VALID);
    const out = join(tmp, 'immutable');
    assert.equal(run(['render', config, '--out', out]).code, 0);
    const locked = join(out, 'shop-db2');
    if (skipInside(t, commandMissing('chattr', 'e2fsprogs'))) return;
    // optional even under CI: the immutable flag is a filesystem feature (ext4 and xfs have it,
    // tmpfs and overlayfs do not), not a tool a package installs
    if (spawnSync('chattr', ['+i', locked]).status !== 0) return skipOptional(t, `chattr +i does not work on ${out} (the filesystem has no immutable flag)`);
    try {
      const before = snapshot(out);
      const r = run(['render', config, '--out', out, '--force']);
      assertOneLineError(r, 1, /operation not permitted/);
      assert.deepEqual(snapshot(out), before);
    } finally {
      spawnSync('chattr', ['-i', locked]);
    }
  });
});

describe('the one --out policy: --force replaces only what the same command wrote', () => {
  test('render --out . --force next to config.yml and notes.txt: they stay byte for byte', () => {
    const dir = join(tmp, 'project');
    mkdirSync(dir);
    writeFileSync(join(dir, 'config.yml'), VALID);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const before = snapshot(dir);
    assertOneLineError(run(['render', 'config.yml', '--out', '.'], { cwd: dir }), 2, /^cdktf-barman render: '\.' is not empty: .*give --force/);
    assert.deepEqual(snapshot(dir), before);
    const r = run(['render', 'config.yml', '--out', '.', '--force'], { cwd: dir });
    assert.equal(r.code, 0, outputOf(r));
    for (const [path, content] of before) assert.equal(snapshot(dir).get(path), content, path);
    assert.ok(existsSync(join(dir, 'shop-db1', 'manifest.json')));
  });

  test('a later render --force removes instances no longer in the config; a foreign entry in the way is refused', () => {
    const out = join(tmp, 'rerender');
    const first = file('first.yml', VALID);
    assert.equal(run(['render', first, '--out', out]).code, 0);
    const renamed = file('renamed.yml', VALID.replace(/shop-db2/g, 'shop-db3'));
    const r = run(['render', renamed, '--out', out, '--force']);
    assert.equal(r.code, 0, outputOf(r));
    assert.deepEqual(readdirSync(out).sort(), ['.cdktf-barman-render.json', 'shop-backup', 'shop-db1', 'shop-db3']);
    assert.deepEqual(JSON.parse(readFileSync(join(out, '.cdktf-barman-render.json'), 'utf8')).entries.sort(), ['shop-backup', 'shop-db1', 'shop-db3']);

    // a directory named like an instance that render did not write: never replaced
    mkdirSync(join(out, 'shop-db2'));
    writeFileSync(join(out, 'shop-db2', 'notes.txt'), 'mine');
    const before = snapshot(out);
    assertOneLineError(run(['render', first, '--out', out, '--force']), 1, /already holds shop-db2, which this run did not write/);
    assert.deepEqual(snapshot(out), before);
  });

  test('synth into a Terraform directory: refused without --force; --force leaves main.tf and replaces only its own file', () => {
    const config = file('synth.yml', VALID);
    const out = join(tmp, 'terraform');
    mkdirSync(out);
    writeFileSync(join(out, 'main.tf'), '# mine\n');
    assertOneLineError(run(['synth', config, '--out', out]), 2, /^cdktf-barman synth: '.*terraform' is not empty: .*give --force/);
    for (let i = 0; i < 2; i++) {
      const r = run(['synth', config, '--out', out, '--force']);
      assert.equal(r.code, 0, outputOf(r));
      assert.deepEqual(readdirSync(out).sort(), ['.cdktf-barman-synth.json', 'cdktf-barman.tf.json', 'main.tf']);
      assert.equal(readFileSync(join(out, 'main.tf'), 'utf8'), '# mine\n');
      assert.ok(Object.keys(JSON.parse(readFileSync(join(out, 'cdktf-barman.tf.json'), 'utf8'))).includes('resource'));
    }
  });

  test("an earlier version's render manifest (its list called `instances`) is still honoured by --force", () => {
    const out = join(tmp, 'legacy-manifest');
    const config = file('legacy.yml', VALID);
    assert.equal(run(['render', config, '--out', out]).code, 0);
    const path = join(out, '.cdktf-barman-render.json');
    const m = JSON.parse(readFileSync(path, 'utf8')) as { entries: string[] };
    writeFileSync(path, JSON.stringify({ formatVersion: 1, instances: m.entries }));
    const r = run(['render', config, '--out', out, '--force']);
    assert.equal(r.code, 0, outputOf(r));
    assert.deepEqual(readdirSync(out).sort(), ['.cdktf-barman-render.json', 'shop-backup', 'shop-db1', 'shop-db2']);
  });

  test('synth --force refuses a cdktf-barman.tf.json it did not write (no manifest lists it)', () => {
    const config = file('synth-foreign.yml', VALID);
    const out = join(tmp, 'terraform-foreign');
    mkdirSync(out);
    writeFileSync(join(out, 'cdktf-barman.tf.json'), '{}\n');
    const before = snapshot(out);
    assertOneLineError(run(['synth', config, '--out', out, '--force']), 1, /already holds cdktf-barman\.tf\.json, which this run did not write/);
    assert.deepEqual(snapshot(out), before);
  });
});

describe('an unexpected exception', () => {
  // a preloaded module makes writing an instance's manifest.json throw a plain TypeError: a bug
  const preload = (): string => file('throw-on-manifest.js', `const fs = require('node:fs');
const write = fs.writeFileSync;
fs.writeFileSync = function (path, ...rest) {
  if (String(path).endsWith('manifest.json')) throw new TypeError('simulated bug');
  return write.call(this, path, ...rest);
};
`);

  test('exit 70, one line with a hint to report it, no stack, nothing written', () => {
    const config = file('bug.yml', VALID);
    const out = join(tmp, 'bug-out');
    const r = run(['render', config, '--out', out], { env: { ...process.env, NODE_OPTIONS: `--require ${preload()}` } });
    assertOneLineError(r, 70, /^cdktf-barman: internal error: 'simulated bug': this is a bug, please report it .*CDKTF_BARMAN_DEBUG=1/);
    assert.equal(existsSync(out), false);
    assert.deepEqual(readdirSync(tmp).filter((n) => n.includes('cdktf-barman-tmp')), [], 'no staging directory left');
  });

  test('CDKTF_BARMAN_DEBUG=1 adds the stack trace', () => {
    const config = file('bug-debug.yml', VALID);
    const r = run(['render', config, '--out', join(tmp, 'bug-debug-out')], { env: { ...process.env, NODE_OPTIONS: `--require ${preload()}`, CDKTF_BARMAN_DEBUG: '1' } });
    assert.equal(r.code, 70, outputOf(r));
    assert.match(r.stderr, /internal error: 'simulated bug'/);
    assert.match(r.stderr, /^TypeError: simulated bug\n\s+at /m);
  });
});
