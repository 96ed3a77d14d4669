/**
 * What a test needs from the machine (root, terraform, shellcheck, Barman, PostgreSQL, ...), and
 * the one way a test that lacks it stops: outside CI it is skipped with the reason, which the
 * skip-summary reporter (skip-summary-reporter.ts) lists at the end of the run; under CI=true it
 * FAILS with the reason, so a green CI run means every check ran. `npm test` checks all of these
 * first (scripts/test-prerequisites.sh), so they only show when a test file is run on its own.
 */
import { TestContext, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { findBarmanPython } from './barman-parse';

/** CI is set (to anything but '' or 'false'): a missing requirement fails there. */
export const IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** false when the requirement is met; otherwise what is missing and how to get it */
export type Missing = string | false;

/** how the Debian packages the tests use get installed */
export const SETUP_COMMAND = 'sudo scripts/e2e-setup.sh';

function reasonOf(missing: readonly Missing[]): string | false {
  const reasons = missing.filter((m): m is string => m !== false);
  return reasons.length === 0 ? false : reasons.join('; ');
}

/**
 * The `skip` option of a test or a suite that needs all of `missing`: false when nothing is
 * missing. Otherwise the reason; under CI a test that fails with that reason is also added
 * where this is called (next to the skipped one), so the run fails.
 *
 *   describe('...', { skip: skipUnless(terraformMissing()) }, () => { ... });
 */
export function skipUnless(...missing: Missing[]): string | false {
  const reason = reasonOf(missing);
  if (reason === false) return false;
  if (IN_CI) {
    test(`required under CI: ${reason}`, () => {
      assert.fail(`CI is set, so every test must run, but: ${reason}`);
    });
  }
  return reason;
}

/**
 * The same, for a need found inside a running test: true when the test must return at once
 * (skipped with the reason); under CI the test fails with the reason instead.
 *
 *   if (skipInside(t, barmanPythonMissing())) return;
 */
export function skipInside(t: TestContext, ...missing: Missing[]): boolean {
  const reason = reasonOf(missing);
  if (reason === false) return false;
  if (IN_CI) assert.fail(`CI is set, so every test must run, but: ${reason}`);
  t.skip(reason);
  return true;
}

/**
 * A platform feature that a machine may rightly lack (not a tool anyone can install): skipped
 * with the reason even under CI. Every caller says in a comment why the feature is optional.
 */
export function skipOptional(t: TestContext, reason: string): void {
  t.skip(`optional platform feature: ${reason}`);
}

// ---------------------------------------------------------------------------------------------
// the requirements

/** root, for `why` */
export function rootMissing(why: string): Missing {
  return process.getuid?.() === 0 ? false : `not root: ${why} (run the tests as root)`;
}

/**
 * `command` is on PATH, and when `args` are given, `command ...args` exits 0; `pkg`: the Debian
 * package that has it
 */
export function commandMissing(command: string, pkg: string, args?: readonly string[]): Missing {
  const dirs = (process.env.PATH ?? '').split(':').filter((d) => d !== '');
  if (!dirs.some((d) => isExecutable(join(d, command)))) return `${command} is not on PATH: Debian package ${pkg} (${SETUP_COMMAND})`;
  if (args === undefined) return false;
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error === undefined && r.status === 0) return false;
  const why = r.error !== undefined ? r.error.message : `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop()}`;
  return `${command} ${args.join(' ')} does not work (${why}): Debian package ${pkg} (${SETUP_COMMAND})`;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** a working `terraform` on PATH (no package for it: installed by hand) */
export function terraformMissing(): Missing {
  const r = spawnSync('terraform', ['version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
  if (r.error === undefined && r.status === 0) return false;
  const why = r.error !== undefined ? r.error.message : (r.stderr ?? '').trim();
  return `terraform is not on PATH or does not run (${why}): install Terraform 1.4 or later (https://developer.hashicorp.com/terraform/install)`;
}

export function shellcheckMissing(): Missing {
  return commandMissing('shellcheck', 'shellcheck', ['--version']);
}

/** a python3 that imports Barman's own modules (Debian packages barman and python3-barman) */
export function barmanPythonMissing(): Missing {
  const py = findBarmanPython();
  return py.ok ? false : py.reason;
}

/** an OS user (made by a package: barman, postgres, ...) */
export function userMissing(name: string, pkg: string): Missing {
  return spawnSync('id', ['-u', name]).status === 0 ? false : `no OS user ${name}: Debian package ${pkg} makes it (${SETUP_COMMAND})`;
}
