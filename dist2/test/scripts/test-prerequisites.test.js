"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * scripts/test-prerequisites.sh, the first step of `npm test`: on a machine that lacks something
 * it cannot install, it stops within seconds with what is missing and the one thing to do. Run
 * for real on copies of the scripts (so that `nobody` can read them), with a package that does not
 * exist (CDKTF_BARMAN_EXTRA_PACKAGES), a terraform that does not run, a PATH without apt-get.
 * Never the install itself: that needs the network (`.ci/run` does it on a bare machine).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const paths_1 = require("../support/paths");
const requirements_1 = require("../support/requirements");
const NO_SUCH_PACKAGE = 'cdktf-barman-no-such-package';
const IS_ROOT = process.getuid?.() === 0;
let dir = '';
(0, node_test_1.before)(() => {
    dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-prereq-'));
    (0, node_fs_1.chmodSync)(dir, 0o755);
    (0, node_fs_1.mkdirSync)((0, node_path_1.join)(dir, 'scripts'), { mode: 0o755 });
    for (const f of ['test-prerequisites.sh', 'e2e-setup.sh']) {
        (0, node_fs_1.copyFileSync)((0, node_path_1.join)((0, paths_1.repoRoot)(), 'scripts', f), (0, node_path_1.join)(dir, 'scripts', f));
        (0, node_fs_1.chmodSync)((0, node_path_1.join)(dir, 'scripts', f), 0o755);
    }
});
(0, node_test_1.after)(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
/** the copy of the script, as `nobody` when the tests run as root (else as the user running them) */
function prerequisites(env, { unprivileged = false } = {}) {
    const script = (0, node_path_1.join)(dir, 'scripts', 'test-prerequisites.sh');
    const [cmd, args] = unprivileged && IS_ROOT ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', script]] : [script, []];
    const t0 = performance.now();
    const r = (0, node_child_process_1.spawnSync)(cmd, args, { cwd: '/', env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 60_000 });
    strict_1.default.equal(r.error, undefined, String(r.error));
    const said = r.stderr.split('\n').filter((l) => l !== '');
    return { status: r.status, stdout: r.stdout, said, ms: Math.round(performance.now() - t0) };
}
/** a directory holding a `terraform` that fails, as one that is broken or half-installed does */
function brokenTerraform() {
    const bin = (0, node_path_1.join)(dir, 'broken-terraform');
    (0, node_fs_1.mkdirSync)(bin, { recursive: true, mode: 0o755 });
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)(bin, 'terraform'), "#!/bin/sh\necho 'terraform: cannot execute binary file' >&2\nexit 126\n", { mode: 0o755 });
    return bin;
}
(0, node_test_1.describe)('test-prerequisites.sh stops at once, saying what is missing and the one thing to do', { skip: (0, requirements_1.skipUnless)((0, requirements_1.commandMissing)('dpkg-query', 'dpkg'), (0, requirements_1.commandMissing)('setpriv', 'util-linux'), (0, requirements_1.terraformMissing)()) }, () => {
    (0, node_test_1.test)('a missing package, not root: exit 1 within seconds, the package named, "sudo npm test" (as root it installs them)', () => {
        const r = prerequisites({ CDKTF_BARMAN_EXTRA_PACKAGES: NO_SUCH_PACKAGE }, { unprivileged: true });
        strict_1.default.equal(r.status, 1, r.said.join('\n'));
        strict_1.default.ok(r.ms < 10_000, `stopped after ${r.ms} ms`);
        strict_1.default.equal(r.stdout, '');
        strict_1.default.deepEqual(r.said, [
            `test-prerequisites: missing: Debian packages ${NO_SUCH_PACKAGE}`,
            'test-prerequisites: missing: not root: the host-script and end-to-end tests start throwaway sshd and PostgreSQL processes in mount namespaces',
            'test-prerequisites: to fix: run the tests as root: sudo npm test',
        ]);
    });
    (0, node_test_1.test)('from `npm run test:e2e`, the advice repeats that command', () => {
        const r = prerequisites({ CDKTF_BARMAN_EXTRA_PACKAGES: NO_SUCH_PACKAGE, npm_lifecycle_event: 'test:e2e' }, { unprivileged: true });
        strict_1.default.equal(r.status, 1);
        strict_1.default.equal(r.said.at(-1), 'test-prerequisites: to fix: run the tests as root: sudo npm run test:e2e');
    });
    (0, node_test_1.test)('a terraform that does not run: exit 1, its error shown, how to install it first', () => {
        const r = prerequisites({ PATH: `${brokenTerraform()}:${process.env.PATH}` });
        strict_1.default.equal(r.status, 1, r.said.join('\n'));
        strict_1.default.ok(r.ms < 10_000, `stopped after ${r.ms} ms`);
        strict_1.default.ok(r.said.includes('test-prerequisites: missing: terraform is not on PATH or does not run (terraform: cannot execute binary file)'), r.said.join('\n'));
        const then = IS_ROOT ? 'npm test' : 'run the tests as root: sudo npm test';
        strict_1.default.equal(r.said.at(-1), `test-prerequisites: to fix: install Terraform 1.4 or later (https://developer.hashicorp.com/terraform/install) on PATH, then: ${then}`);
    });
    (0, node_test_1.describe)('as root', { skip: (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('these run the root branch of the script')) }, () => {
        (0, node_test_1.test)('everything there: exit 0, one line', () => {
            const r = prerequisites({});
            strict_1.default.equal(r.status, 0, r.said.join('\n'));
            strict_1.default.equal(r.said.length, 1, r.said.join('\n'));
            strict_1.default.match(r.said[0], /^test-prerequisites: ok \(packages of scripts\/e2e-setup\.sh, terraform \d+\.\d+\.\d+, root\)$/);
        });
        (0, node_test_1.test)('a missing package and no apt-get: exit 1, nothing installed, the package manager to use', () => {
            // a PATH with every command the scripts use, but not apt-get
            const bin = (0, node_path_1.join)(dir, 'no-apt');
            (0, node_fs_1.mkdirSync)(bin, { mode: 0o755 });
            for (const c of ['bash', 'dirname', 'id', 'dpkg-query', 'getent', 'unshare', 'timeout', 'sed', 'true', 'terraform']) {
                const found = (process.env.PATH ?? '').split(':').map((d) => (0, node_path_1.join)(d, c)).find((f) => (0, node_fs_1.existsSync)(f));
                strict_1.default.ok(found !== undefined, `${c} is on PATH`);
                (0, node_fs_1.symlinkSync)(found, (0, node_path_1.join)(bin, c));
            }
            const r = prerequisites({ PATH: bin, CDKTF_BARMAN_EXTRA_PACKAGES: NO_SUCH_PACKAGE });
            strict_1.default.equal(r.status, 1, r.said.join('\n'));
            strict_1.default.deepEqual(r.said, [
                `test-prerequisites: missing: Debian packages ${NO_SUCH_PACKAGE}`,
                "test-prerequisites: to fix: no apt-get here: install the Debian packages listed in scripts/e2e-setup.sh (or their equivalents) with this system's package manager, then run npm test again",
            ]);
        });
    });
});
