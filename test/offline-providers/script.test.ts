/**
 * scripts/offline-providers, which writes the filesystem mirror of the test-only stand-in
 * providers and the Terraform CLI configuration that uses it: prints only the configuration's
 * path (given directory or the default under TMPDIR), is idempotent (a second run leaves every
 * file as it was), writes wrappers that run the compiled stand-ins with an absolute node path,
 * refuses without a compiled tree; and passes shellcheck. The wrappers refuse to run by hand.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROVIDERS } from '../support/offline-providers/providers';
import { repoRoot } from '../support/paths';
import { shellcheckMissing, skipUnless } from '../support/requirements';
import { offlineProviders, scratchDir } from './terraform-run';

const SCRIPT = join(repoRoot(), 'scripts', 'offline-providers');
const PLATFORM = `linux_${process.arch === 'x64' ? 'amd64' : process.arch}`;

/** every file below dir: relative path -> contents, mode and mtime */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        out.set(relative(dir, p), `${s.mode.toString(8)} ${s.mtimeMs} ${readFileSync(p, 'utf8')}`);
      }
    }
  };
  walk(dir);
  return out;
}

describe('scripts/offline-providers', () => {
  const scratch = scratchDir('standin-script');

  test('prints only the CLI configuration path; the mirror holds one wrapper per provider', () => {
    const dir = join(scratch, 'given');
    const r = offlineProviders(dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${join(dir, 'terraform.rc')}\n`);
    assert.equal(r.stderr, '');
    const rc = readFileSync(join(dir, 'terraform.rc'), 'utf8');
    const sources = Object.keys(PROVIDERS).map((n) => `"registry.terraform.io/hashicorp/${n}"`).join(', ');
    assert.match(rc, new RegExp(`filesystem_mirror \\{\\n\\s+path\\s+= "${join(dir, 'mirror')}"\\n\\s+include = \\[${sources}\\]`));
    assert.match(rc, new RegExp(`direct \\{\\n\\s+exclude = \\[${sources}\\]`));
    for (const p of Object.values(PROVIDERS)) {
      const wrapper = join(dir, 'mirror', 'registry.terraform.io', 'hashicorp', p.name, p.version, PLATFORM, `terraform-provider-${p.name}_v${p.version}_x5`);
      assert.ok(existsSync(wrapper), wrapper);
      assert.equal(statSync(wrapper).mode & 0o777, 0o755);
      const text = readFileSync(wrapper, 'utf8');
      const m = /^exec '([^']+)' '([^']+)' (\w+) "\$@"$/m.exec(text);
      assert.ok(m !== null, text);
      assert.equal(m[1], spawnSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).stdout.trim());
      assert.equal(m[2], join(repoRoot(), 'dist', 'test', 'support', 'offline-providers', 'main.js'));
      assert.equal(m[3], p.name);
      const byHand = spawnSync(wrapper, [], { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30_000 });
      assert.equal(byHand.status, 1);
      assert.match(byHand.stderr, new RegExp(`test-only stand-in of the Terraform provider hashicorp/${p.name}`));
      assert.equal(byHand.stdout, '');
    }
  });

  test('idempotent: a second run prints the same and leaves every file as it was', () => {
    const dir = join(scratch, 'twice');
    const first = offlineProviders(dir);
    assert.equal(first.status, 0, first.stderr);
    const before = snapshot(dir);
    const second = offlineProviders(dir);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.deepEqual(snapshot(dir), before);
  });

  test('without a directory: ${TMPDIR}/cdktf-barman-offline-providers', () => {
    const tmp = join(scratch, 'tmp');
    mkdirSync(tmp);
    const r = spawnSync(SCRIPT, [], { encoding: 'utf8', env: { PATH: process.env.PATH, TMPDIR: tmp }, timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${join(tmp, 'cdktf-barman-offline-providers', 'terraform.rc')}\n`);
  });

  test('without the compiled stand-ins: exit 1, saying how to build, nothing on stdout', () => {
    const root = join(scratch, 'unbuilt');
    mkdirSync(join(root, 'scripts'), { recursive: true });
    copyFileSync(SCRIPT, join(root, 'scripts', 'offline-providers'));
    const r = spawnSync('bash', [join(root, 'scripts', 'offline-providers'), join(root, 'out')], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /is not built: run npx tsc -p tsconfig.json && node scripts\/copy-shell.js first/);
    assert.ok(!existsSync(join(root, 'out')));
  });

  test('shellcheck -x', { skip: skipUnless(shellcheckMissing()) }, () => {
    const r = spawnSync('shellcheck', ['-x', '-f', 'gcc', SCRIPT], { encoding: 'utf8' });
    assert.equal(r.stdout, '', r.stdout);
    assert.equal(r.status, 0, r.stderr);
  });
});
