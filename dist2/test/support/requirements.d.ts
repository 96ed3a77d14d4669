/**
 * What a test needs from the machine (root, terraform, shellcheck, Barman, PostgreSQL, ...), and
 * the one way a test that lacks it stops: outside CI it is skipped with the reason, which the
 * skip-summary reporter (skip-summary-reporter.ts) lists at the end of the run; under CI=true it
 * FAILS with the reason, so a green CI run means every check ran. `npm test` checks all of these
 * first (scripts/test-prerequisites.sh), so they only show when a test file is run on its own.
 */
import { TestContext } from 'node:test';
/** CI is set (to anything but '' or 'false'): a missing requirement fails there. */
export declare const IN_CI: boolean;
/** false when the requirement is met; otherwise what is missing and how to get it */
export type Missing = string | false;
/** how the Debian packages the tests use get installed */
export declare const SETUP_COMMAND = "sudo scripts/e2e-setup.sh";
/**
 * The `skip` option of a test or a suite that needs all of `missing`: false when nothing is
 * missing. Otherwise the reason; under CI a test that fails with that reason is also added
 * where this is called (next to the skipped one), so the run fails.
 *
 *   describe('...', { skip: skipUnless(terraformMissing()) }, () => { ... });
 */
export declare function skipUnless(...missing: Missing[]): string | false;
/**
 * The same, for a need found inside a running test: true when the test must return at once
 * (skipped with the reason); under CI the test fails with the reason instead.
 *
 *   if (skipInside(t, barmanPythonMissing())) return;
 */
export declare function skipInside(t: TestContext, ...missing: Missing[]): boolean;
/**
 * A platform feature that a machine may rightly lack (not a tool anyone can install): skipped
 * with the reason even under CI. Every caller says in a comment why the feature is optional.
 */
export declare function skipOptional(t: TestContext, reason: string): void;
/** root, for `why` */
export declare function rootMissing(why: string): Missing;
/**
 * `command` is on PATH, and when `args` are given, `command ...args` exits 0; `pkg`: the Debian
 * package that has it
 */
export declare function commandMissing(command: string, pkg: string, args?: readonly string[]): Missing;
/** a working `terraform` on PATH (no package for it: installed by hand) */
export declare function terraformMissing(): Missing;
export declare function shellcheckMissing(): Missing;
/** a python3 that imports Barman's own modules (Debian packages barman and python3-barman) */
export declare function barmanPythonMissing(): Missing;
/** an OS user (made by a package: barman, postgres, ...) */
export declare function userMissing(name: string, pkg: string): Missing;
