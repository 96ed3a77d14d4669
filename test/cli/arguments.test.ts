/**
 * Command-line arguments: '--' ends the options in every command (issue 12 item 10); synth's
 * --connection-user is validated and --script-path sets where secret scripts are uploaded (item 9).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VALID, outputOf, run } from './cli-harness';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdktf-barman-args-'));
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe("'--' ends the options", () => {
  test('validate -- CONFIG, also for a CONFIG whose name starts with a dash', () => {
    const plain = file('plain.yml', VALID);
    const r = run(['validate', '--', plain]);
    assert.equal(r.code, 0, outputOf(r));
    assert.match(r.stdout, /ok: cluster 'shop'/);
    file('-dashed.yml', VALID);
    const dashed = run(['validate', '--', '-dashed.yml'], { cwd: tmp });
    assert.equal(dashed.code, 0, outputOf(dashed));
    assert.match(dashed.stdout, /^-dashed\.yml: ok/);
  });

  test('render and synth take options before --', () => {
    const config = file('both.yml', VALID);
    for (const command of ['render', 'synth']) {
      const out = join(tmp, `dashdash-${command}`);
      const r = run([command, '--out', out, '--', config]);
      assert.equal(r.code, 0, outputOf(r));
      assert.ok(existsSync(out), out);
    }
  });

  test('status -- CONFIG reads CONFIG (a missing one is exit 1, not a usage error)', () => {
    const r = run(['status', '--', join(tmp, 'missing.yml')]);
    assert.equal(r.code, 1, outputOf(r));
    assert.match(r.stderr, /missing\.yml/);
  });

  test('after --, an option-looking argument is a CONFIG, not an option', () => {
    const r = run(['validate', '--', file('x.yml', VALID), '--force']);
    assert.equal(r.code, 2, outputOf(r));
    assert.match(r.stderr, /expected exactly one CONFIG file/);
  });
});

describe('synth --connection-user and --script-path', () => {
  const synth = (name: string, extra: readonly string[]) => {
    const out = join(tmp, name);
    return { out, r: run(['synth', file(`${name}.yml`, VALID), '--out', out, ...extra]) };
  };

  for (const user of ['${file("/etc/hostname")}', 'de ploy', '-oProxyCommand=x', 'a\nb', '%{if true}x%{endif}']) {
    test(`--connection-user ${JSON.stringify(user)}: usage error showing the value, nothing written`, () => {
      const { out, r } = synth(`bad-user-${user.length}`, ['--connection-user', user]);
      assert.equal(r.code, 2, outputOf(r));
      assert.match(r.stderr.split('\n')[0], /^cdktf-barman synth: --connection-user '.*' is not a user name/);
      assert.ok(r.stderr.split('\n')[0].includes(user.replace('\n', '\\x0a')), outputOf(r));
      assert.equal(existsSync(out), false);
    });
  }

  test('a valid user and --script-path reach the connection of the secret-carrying provisioners', () => {
    const path = '/home/deploy/.cdktf-barman/secret-%RAND%.sh';
    const { out, r } = synth('script-path', ['--connection-user', 'deploy', '--script-path', path]);
    assert.equal(r.code, 0, outputOf(r));
    const json = readFileSync(join(out, 'cdktf-barman.tf.json'), 'utf8');
    const scriptPaths = [...json.matchAll(/"script_path": ?"([^"]*)"/g)].map((m) => m[1]);
    assert.ok(scriptPaths.length > 0, 'some provisioner carries a secret');
    assert.deepEqual([...new Set(scriptPaths)], [path]);
    assert.match(json, /"user": ?"deploy"/);
    assert.doesNotMatch(json, /"user": ?"root"/);
  });

  for (const [path, why] of [
    ['/tmp/terraform_%RAND%.sh', /under \/tmp, where other users can replace the script/],
    ['/var/tmp/x.sh', /under \/var\/tmp/],
    ['/home/deploy/../../tmp/x.sh', /without '\.', '\.\.' or empty parts/],
    ['relative/x.sh', /must be an absolute file path/],
    ['/home/deploy/${file("/etc/hostname")}.sh', /must be an absolute file path/],
    ['/home/deploy/%{if true}x%{endif}.sh', /must be an absolute file path/],
    ['/home/deploy/a b.sh', /must be an absolute file path/],
    ['/home/deploy/', /must be an absolute file path/],
  ] as const) {
    test(`--script-path ${path}: usage error, nothing written`, () => {
      const { out, r } = synth(`bad-script-${path.length}`, ['--script-path', path]);
      assert.equal(r.code, 2, outputOf(r));
      assert.match(r.stderr.split('\n')[0], why);
      assert.ok(r.stderr.split('\n')[0].includes(`'${path}'`), outputOf(r));
      assert.equal(existsSync(out), false);
    });
  }

  test('synth --help documents --script-path and --; --help the exit codes 1, 2 and 70', () => {
    const r = run(['synth', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^ {2}--script-path PATH/m);
    assert.match(r.stdout, /A '--' ends the options/);
    const g = run(['--help']);
    assert.match(g.stdout, /^ {2}1 +invalid input, or output that cannot be written/m);
    assert.match(g.stdout, /^ {2}2 +usage error/m);
    assert.match(g.stdout, /^ {2}70 +an unexpected exception/m);
  });
});
