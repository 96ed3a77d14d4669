"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SETUP_COMMAND = exports.IN_CI = void 0;
exports.skipUnless = skipUnless;
exports.skipInside = skipInside;
exports.skipOptional = skipOptional;
exports.rootMissing = rootMissing;
exports.commandMissing = commandMissing;
exports.terraformMissing = terraformMissing;
exports.shellcheckMissing = shellcheckMissing;
exports.barmanPythonMissing = barmanPythonMissing;
exports.userMissing = userMissing;
/**
 * What a test needs from the machine (root, terraform, shellcheck, Barman, PostgreSQL, ...), and
 * the one way a test that lacks it stops: outside CI it is skipped with the reason, which the
 * skip-summary reporter (skip-summary-reporter.ts) lists at the end of the run; under CI=true it
 * FAILS with the reason, so a green CI run means every check ran. `npm test` checks all of these
 * first (scripts/test-prerequisites.sh), so they only show when a test file is run on its own.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const barman_parse_1 = require("./barman-parse");
/** CI is set (to anything but '' or 'false'): a missing requirement fails there. */
exports.IN_CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
/** how the Debian packages the tests use get installed */
exports.SETUP_COMMAND = 'sudo scripts/e2e-setup.sh';
function reasonOf(missing) {
    const reasons = missing.filter((m) => m !== false);
    return reasons.length === 0 ? false : reasons.join('; ');
}
/**
 * The `skip` option of a test or a suite that needs all of `missing`: false when nothing is
 * missing. Otherwise the reason; under CI a test that fails with that reason is also added
 * where this is called (next to the skipped one), so the run fails.
 *
 *   describe('...', { skip: skipUnless(terraformMissing()) }, () => { ... });
 */
function skipUnless(...missing) {
    const reason = reasonOf(missing);
    if (reason === false)
        return false;
    if (exports.IN_CI) {
        (0, node_test_1.test)(`required under CI: ${reason}`, () => {
            strict_1.default.fail(`CI is set, so every test must run, but: ${reason}`);
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
function skipInside(t, ...missing) {
    const reason = reasonOf(missing);
    if (reason === false)
        return false;
    if (exports.IN_CI)
        strict_1.default.fail(`CI is set, so every test must run, but: ${reason}`);
    t.skip(reason);
    return true;
}
/**
 * A platform feature that a machine may rightly lack (not a tool anyone can install): skipped
 * with the reason even under CI. Every caller says in a comment why the feature is optional.
 */
function skipOptional(t, reason) {
    t.skip(`optional platform feature: ${reason}`);
}
// ---------------------------------------------------------------------------------------------
// the requirements
/** root, for `why` */
function rootMissing(why) {
    return process.getuid?.() === 0 ? false : `not root: ${why} (run the tests as root)`;
}
/**
 * `command` is on PATH, and when `args` are given, `command ...args` exits 0; `pkg`: the Debian
 * package that has it
 */
function commandMissing(command, pkg, args) {
    const dirs = (process.env.PATH ?? '').split(':').filter((d) => d !== '');
    if (!dirs.some((d) => isExecutable((0, node_path_1.join)(d, command))))
        return `${command} is not on PATH: Debian package ${pkg} (${exports.SETUP_COMMAND})`;
    if (args === undefined)
        return false;
    const r = (0, node_child_process_1.spawnSync)(command, args, { encoding: 'utf8', timeout: 30_000 });
    if (r.error === undefined && r.status === 0)
        return false;
    const why = r.error !== undefined ? r.error.message : `exit ${r.status}: ${(r.stderr ?? '').trim().split('\n').pop()}`;
    return `${command} ${args.join(' ')} does not work (${why}): Debian package ${pkg} (${exports.SETUP_COMMAND})`;
}
function isExecutable(path) {
    try {
        (0, node_fs_1.accessSync)(path, node_fs_1.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/** a working `terraform` on PATH (no package for it: installed by hand) */
function terraformMissing() {
    const r = (0, node_child_process_1.spawnSync)('terraform', ['version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
    if (r.error === undefined && r.status === 0)
        return false;
    const why = r.error !== undefined ? r.error.message : (r.stderr ?? '').trim();
    return `terraform is not on PATH or does not run (${why}): install Terraform 1.4 or later (https://developer.hashicorp.com/terraform/install)`;
}
function shellcheckMissing() {
    return commandMissing('shellcheck', 'shellcheck', ['--version']);
}
/** a python3 that imports Barman's own modules (Debian packages barman and python3-barman) */
function barmanPythonMissing() {
    const py = (0, barman_parse_1.findBarmanPython)();
    return py.ok ? false : py.reason;
}
/** an OS user (made by a package: barman, postgres, ...) */
function userMissing(name, pkg) {
    return (0, node_child_process_1.spawnSync)('id', ['-u', name]).status === 0 ? false : `no OS user ${name}: Debian package ${pkg} makes it (${exports.SETUP_COMMAND})`;
}
