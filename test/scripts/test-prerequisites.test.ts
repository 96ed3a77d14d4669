/**
 * scripts/test-prerequisites.sh, the first step of `npm test`: on a machine that lacks something
 * it cannot install, it stops within seconds with what is missing and the one thing to do. Run
 * for real on copies of the scripts (so that `nobody` can read them), with a package that does not
 * exist (CDKTF_BARMAN_EXTRA_PACKAGES), a terraform that does not run, a PATH without apt-get.
 * Never the install itself: that needs the network (`.ci/run` does it on a bare machine).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { commandMissing, rootMissing, skipUnless, terraformMissing } from '../support/requirements';

const NO_SUCH_PACKAGE = 'cdktf-barman-no-such-package';
const IS_ROOT = process.getuid?.() === 0;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  /** the lines the script said (it says everything on stderr) */
  readonly said: string[];
  readonly ms: number;
}

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-prereq-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'scripts'), { mode: 0o755 });
  for (const f of ['test-prerequisites.sh', 'e2e-setup.sh']) {
    copyFileSync(join(repoRoot(), 'scripts', f), join(dir, 'scripts', f));
    chmodSync(join(dir, 'scripts', f), 0o755);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** the copy of the script, as `nobody` when the tests run as root (else as the user running them) */
function prerequisites(env: NodeJS.ProcessEnv, { unprivileged = false } = {}): Run {
  const script = join(dir, 'scripts', 'test-prerequisites.sh');
  const [cmd, args] = unprivileged && IS_ROOT ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', script]] : [script, []];
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: '/', env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.error, undefined, String(r.error));
  const said = r.stderr.split('\n').filter((l) => l !== '');
  return { status: r.status, stdout: r.stdout, said, ms: Math.round(performance.now() - t0) };
}

/** a directory holding a `terraform` that fails, as one that is broken or half-installed does */
function brokenTerraform(): string {
  const bin = join(dir, 'broken-terraform');
  mkdirSync(bin, { recursive: true, mode: 0o755 });
  writeFileSync(join(bin, 'terraform'), "#!/bin/sh\necho 'terraform: cannot execute binary file' >&2\nexit 126\n", { mode: 0o755 });
  return bin;
}

describe('test-prerequisites.sh stops at once, saying what is missing and the one thing to do', { skip: skipUnless(commandMissing('dpkg-query', 'dpkg'), commandMissing('setpriv', 'util-linux'), terraformMissing()) }, () => {
  test('a missing package, not root: exit 1 within seconds, the package named, "sudo npm test" (as root it installs them)', () => {
    const r = prerequisites({ CDKTF_BARMAN_EXTRA_PACKAGES: NO_SUCH_PACKAGE }, { unprivileged: true });
    assert.equal(r.status, 1, r.said.join('\n'));
    assert.ok(r.ms < 10_000, `stopped after ${r.ms} ms`);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.said, [
      `test-prerequisites: missing: Debian packages ${NO_SUCH_PACKAGE}`,
      'test-prerequisites: missing: not root: the host-script and end-to-end tests start throwaway sshd and PostgreSQL processes in mount namespaces',
      'test-prerequisites: to fix: run the tests as root: sudo npm test',
    ]);
  });

  test('from `npm run test:e2e`, the advice repeats that command', () => {
    const r = prerequisites({ CDKTF_BARMAN_EXTRA_PACKAGES: NO_SUCH_PACKAGE, npm_lifecycle_event: 'test:e2e' }, { unprivileged: true });
    assert.equal(r.status, 1);
    assert.equal(r.said.at(-1), 'test-prerequisites: to fix: run the tests as root: sudo npm run test:e2e');
  });

  test('a terraform that does not run: exit 1, its error shown, how to install it first', () => {
    const r = prerequisites({ PATH: `${brokenTerraform()}:${process.env.PATH}` });
    assert.equal(r.status, 1, r.said.join('\n'));
    assert.ok(r.ms < 10_000, `stopped after ${r.ms} ms`);
    assert.ok(r.said.includes('test-prerequisites: missing: terraform is not on PATH or does not run (terraform: cannot execute binary file)'), r.said.join('\n'));
    const then = IS_ROOT ? 'npm test' : 'run the tests as root: sudo npm test';
    assert.equal(r.said.at(-1), `test-prerequisites: to fix: install Terraform 1.4 or later (https://developer.hashicorp.com/terraform/install) on PATH, then: ${then}`);
  });

  describe('as root', { skip: skipUnless(rootMissing('these run the root branch of the script')) }, () => {
    test('everything there: exit 0, one line', () => {
      const r = prerequisites({});
      assert.equal(r.status, 0, r.said.join('\n'));
      assert.equal(r.said.length, 1, r.said.join('\n'));
      assert.match(r.said[0], /^test-prerequisites: ok \(packages of scripts\/e2e-setup\.sh, terraform \d+\.\d+\.\d+, root\)$/);
    });

    test('a missing package and no apt-get: exit 1, nothing installed, the package manager to use', () => {
      // a PATH with every command the scripts use, but not apt-get
      const bin = join(dir, 'no-apt');
      mkdirSync(bin, { mode: 0o755 });
      for (const c of ['bash', 'dirname', 'id', 'dpkg-query', 'getent', 'unshare', 'timeout', 'sed', 'true', 'terraform']) {
        const found = (process.env.PATH ?? '').split(':').map((d) => join(d, c)).find((f) => existsSync(f));
        assert.ok(found !== undefined, `${c} is on PATH`);
        symlinkSync(found, join(bin, c));
      }
      const r = prerequisites({ PATH: bin, CDKTF_BARMAN_EXTRA_PACKAGES: NO_SUCH_PACKAGE });
      assert.equal(r.status, 1, r.said.join('\n'));
      assert.deepEqual(r.said, [
        `test-prerequisites: missing: Debian packages ${NO_SUCH_PACKAGE}`,
        "test-prerequisites: to fix: no apt-get here: install the Debian packages listed in scripts/e2e-setup.sh (or their equivalents) with this system's package manager, then run npm test again",
      ]);
    });
  });
});
