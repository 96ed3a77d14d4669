"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * render and synth: output that cannot be written is one line and exit 1, nothing of the new
 * output is left and an earlier output is intact (issue 12 items 6, 7); --force only replaces
 * what render wrote (item 10); an unexpected exception is one line and exit 70 (item 7).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const cli_harness_1 = require("./cli-harness");
const requirements_1 = require("../support/requirements");
let tmp;
(0, node_test_1.before)(() => {
    tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-output-'));
    (0, node_fs_1.chmodSync)(tmp, 0o755); // nobody must reach the directories made below
});
(0, node_test_1.after)(() => {
    (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true });
});
function file(name, text) {
    const path = (0, node_path_1.join)(tmp, name);
    (0, node_fs_1.writeFileSync)(path, text);
    (0, node_fs_1.chmodSync)(path, 0o644);
    return path;
}
/** a directory nobody owns (so that nobody can write it) */
function nobodysDir(name) {
    const dir = (0, node_path_1.join)(tmp, name);
    (0, node_fs_1.mkdirSync)(dir);
    if (process.getuid?.() === 0)
        (0, node_fs_1.chownSync)(dir, 65534, 65534);
    return dir;
}
(0, node_test_1.describe)('output that cannot be written', () => {
    (0, node_test_1.test)('render and synth with --out under a regular file: exit 1, one line naming the path and the reason', () => {
        const config = file('under-file.yml', cli_harness_1.VALID);
        const blocker = file('a-file', 'x');
        for (const command of ['render', 'synth']) {
            const out = (0, node_path_1.join)(blocker, 'sub', 'out');
            const r = (0, cli_harness_1.run)([command, config, '--out', out]);
            (0, cli_harness_1.assertOneLineError)(r, 1, new RegExp(`^cdktf-barman ${command}: cannot write ${out}: .*not a directory.*; nothing written$`));
            strict_1.default.equal((0, node_fs_1.readFileSync)(blocker, 'utf8'), 'x');
        }
    });
    (0, node_test_1.test)('render and synth as a user who may not write the parent of DIR (EACCES): exit 1, nothing written', { skip: (0, requirements_1.skipUnless)(cli_harness_1.canDropRoot ? false : `root cannot drop its powers: setpriv is missing (Debian package util-linux, ${requirements_1.SETUP_COMMAND})`) }, () => {
        const config = file('eacces.yml', cli_harness_1.VALID);
        const parent = (0, node_path_1.join)(tmp, 'root-only');
        (0, node_fs_1.mkdirSync)(parent, { mode: 0o755 });
        for (const command of ['render', 'synth']) {
            const r = (0, cli_harness_1.run)([command, config, '--out', (0, node_path_1.join)(parent, 'out')], { unprivileged: true });
            (0, cli_harness_1.assertOneLineError)(r, 1, /cannot write .*: permission denied: .*nothing written$/);
            strict_1.default.deepEqual((0, node_fs_1.readdirSync)(parent), []);
        }
    });
    (0, node_test_1.test)('render whose paths grow too long (ENAMETOOLONG) halfway: exit 1, no half-written DIR, an earlier render intact', () => {
        // measure the longest path render writes for VALID, then nest DIR so that those paths fit
        // but the same config with 60-character instance names does not (PATH_MAX is 4096)
        const config = file('short-names.yml', cli_harness_1.VALID);
        const probe = (0, node_path_1.join)(tmp, 'probe');
        strict_1.default.equal((0, cli_harness_1.run)(['render', config, '--out', probe]).code, 0);
        const longest = Math.max(...[...(0, cli_harness_1.snapshot)(probe).keys()].map((p) => p.length));
        const outLength = 4095 - longest - 1 - '.cdktf-barman-tmp-XXXXXX/'.length - 10;
        let parent = (0, node_path_1.join)(tmp, 'deep');
        while (parent.length + 1 + 200 < outLength - 4)
            parent = (0, node_path_1.join)(parent, 'd'.repeat(200));
        parent = (0, node_path_1.join)(parent, 'e'.repeat(outLength - 4 - parent.length - 1));
        (0, node_fs_1.mkdirSync)(parent, { recursive: true });
        const out = (0, node_path_1.join)(parent, 'out');
        // (the Barman server keeps its name: it becomes a replication slot name, at most 63 characters)
        const longNames = file('long-names.yml', cli_harness_1.VALID.replace(/shop-(db1|db2)/g, (_, n) => `shop-${'x'.repeat(50)}-${n}`));
        const longestDb = Math.max(...[...(0, cli_harness_1.snapshot)(probe).keys()].filter((p) => p.startsWith('shop-db')).map((p) => p.length));
        strict_1.default.ok(out.length + 1 + longestDb + 51 > 4095, 'the long names overflow PATH_MAX');
        const fresh = (0, cli_harness_1.run)(['render', longNames, '--out', out]);
        (0, cli_harness_1.assertOneLineError)(fresh, 1, /^cdktf-barman render: cannot write .*too long.*nothing written$/);
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(parent), [], 'nothing of the new output is left');
        strict_1.default.equal((0, cli_harness_1.run)(['render', config, '--out', out]).code, 0, 'the short names fit');
        const before = (0, cli_harness_1.snapshot)(out);
        const forced = (0, cli_harness_1.run)(['render', longNames, '--out', out, '--force']);
        (0, cli_harness_1.assertOneLineError)(forced, 1, /too long/);
        strict_1.default.deepEqual((0, cli_harness_1.snapshot)(out), before, 'the earlier render is intact');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(parent), ['out']);
    });
    (0, node_test_1.test)('render --force over a read-only subtree (as nobody): exit 1, the earlier render intact', { skip: (0, requirements_1.skipUnless)(cli_harness_1.canDropRoot ? false : `root cannot drop its powers: setpriv is missing (Debian package util-linux, ${requirements_1.SETUP_COMMAND})`) }, () => {
        const config = file('read-only.yml', cli_harness_1.VALID);
        const out = (0, node_path_1.join)(nobodysDir('read-only'), 'out');
        strict_1.default.equal((0, cli_harness_1.run)(['render', config, '--out', out], { unprivileged: true }).code, 0);
        (0, node_fs_1.chmodSync)((0, node_path_1.join)(out, 'shop-backup', 'etc'), 0o555);
        const before = (0, cli_harness_1.snapshot)(out);
        const r = (0, cli_harness_1.run)(['render', config, '--out', out, '--force'], { unprivileged: true });
        (0, cli_harness_1.assertOneLineError)(r, 1, new RegExp(`cannot write ${out}: ${(0, node_path_1.join)(out, 'shop-backup', 'etc')}: permission denied`));
        strict_1.default.deepEqual((0, cli_harness_1.snapshot)(out), before);
        (0, node_fs_1.chmodSync)((0, node_path_1.join)(out, 'shop-backup', 'etc'), 0o755);
    });
    (0, node_test_1.test)('render --force over an immutable instance directory (chattr +i): exit 1, the earlier render intact', (t) => {
        const config = file('immutable.yml', cli_harness_1.VALID);
        const out = (0, node_path_1.join)(tmp, 'immutable');
        strict_1.default.equal((0, cli_harness_1.run)(['render', config, '--out', out]).code, 0);
        const locked = (0, node_path_1.join)(out, 'shop-db2');
        if ((0, requirements_1.skipInside)(t, (0, requirements_1.commandMissing)('chattr', 'e2fsprogs')))
            return;
        // optional even under CI: the immutable flag is a filesystem feature (ext4 and xfs have it,
        // tmpfs and overlayfs do not), not a tool a package installs
        if ((0, node_child_process_1.spawnSync)('chattr', ['+i', locked]).status !== 0)
            return (0, requirements_1.skipOptional)(t, `chattr +i does not work on ${out} (the filesystem has no immutable flag)`);
        try {
            const before = (0, cli_harness_1.snapshot)(out);
            const r = (0, cli_harness_1.run)(['render', config, '--out', out, '--force']);
            (0, cli_harness_1.assertOneLineError)(r, 1, /operation not permitted/);
            strict_1.default.deepEqual((0, cli_harness_1.snapshot)(out), before);
        }
        finally {
            (0, node_child_process_1.spawnSync)('chattr', ['-i', locked]);
        }
    });
});
(0, node_test_1.describe)('the one --out policy: --force replaces only what the same command wrote', () => {
    (0, node_test_1.test)('render --out . --force next to config.yml and notes.txt: they stay byte for byte', () => {
        const dir = (0, node_path_1.join)(tmp, 'project');
        (0, node_fs_1.mkdirSync)(dir);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'config.yml'), cli_harness_1.VALID);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'notes.txt'), 'mine');
        const before = (0, cli_harness_1.snapshot)(dir);
        (0, cli_harness_1.assertOneLineError)((0, cli_harness_1.run)(['render', 'config.yml', '--out', '.'], { cwd: dir }), 2, /^cdktf-barman render: '\.' is not empty: .*give --force/);
        strict_1.default.deepEqual((0, cli_harness_1.snapshot)(dir), before);
        const r = (0, cli_harness_1.run)(['render', 'config.yml', '--out', '.', '--force'], { cwd: dir });
        strict_1.default.equal(r.code, 0, (0, cli_harness_1.outputOf)(r));
        for (const [path, content] of before)
            strict_1.default.equal((0, cli_harness_1.snapshot)(dir).get(path), content, path);
        strict_1.default.ok((0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'shop-db1', 'manifest.json')));
    });
    (0, node_test_1.test)('a later render --force removes instances no longer in the config; a foreign entry in the way is refused', () => {
        const out = (0, node_path_1.join)(tmp, 'rerender');
        const first = file('first.yml', cli_harness_1.VALID);
        strict_1.default.equal((0, cli_harness_1.run)(['render', first, '--out', out]).code, 0);
        const renamed = file('renamed.yml', cli_harness_1.VALID.replace(/shop-db2/g, 'shop-db3'));
        const r = (0, cli_harness_1.run)(['render', renamed, '--out', out, '--force']);
        strict_1.default.equal(r.code, 0, (0, cli_harness_1.outputOf)(r));
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(out).sort(), ['.cdktf-barman-render.json', 'shop-backup', 'shop-db1', 'shop-db3']);
        strict_1.default.deepEqual(JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(out, '.cdktf-barman-render.json'), 'utf8')).entries.sort(), ['shop-backup', 'shop-db1', 'shop-db3']);
        // a directory named like an instance that render did not write: never replaced
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(out, 'shop-db2'));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(out, 'shop-db2', 'notes.txt'), 'mine');
        const before = (0, cli_harness_1.snapshot)(out);
        (0, cli_harness_1.assertOneLineError)((0, cli_harness_1.run)(['render', first, '--out', out, '--force']), 1, /already holds shop-db2, which this run did not write/);
        strict_1.default.deepEqual((0, cli_harness_1.snapshot)(out), before);
    });
    (0, node_test_1.test)('synth into a Terraform directory: refused without --force; --force leaves main.tf and replaces only its own file', () => {
        const config = file('synth.yml', cli_harness_1.VALID);
        const out = (0, node_path_1.join)(tmp, 'terraform');
        (0, node_fs_1.mkdirSync)(out);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(out, 'main.tf'), '# mine\n');
        (0, cli_harness_1.assertOneLineError)((0, cli_harness_1.run)(['synth', config, '--out', out]), 2, /^cdktf-barman synth: '.*terraform' is not empty: .*give --force/);
        for (let i = 0; i < 2; i++) {
            const r = (0, cli_harness_1.run)(['synth', config, '--out', out, '--force']);
            strict_1.default.equal(r.code, 0, (0, cli_harness_1.outputOf)(r));
            strict_1.default.deepEqual((0, node_fs_1.readdirSync)(out).sort(), ['.cdktf-barman-synth.json', 'cdktf-barman.tf.json', 'main.tf']);
            strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'main.tf'), 'utf8'), '# mine\n');
            strict_1.default.ok(Object.keys(JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'cdktf-barman.tf.json'), 'utf8'))).includes('resource'));
        }
    });
    (0, node_test_1.test)("an earlier version's render manifest (its list called `instances`) is still honoured by --force", () => {
        const out = (0, node_path_1.join)(tmp, 'legacy-manifest');
        const config = file('legacy.yml', cli_harness_1.VALID);
        strict_1.default.equal((0, cli_harness_1.run)(['render', config, '--out', out]).code, 0);
        const path = (0, node_path_1.join)(out, '.cdktf-barman-render.json');
        const m = JSON.parse((0, node_fs_1.readFileSync)(path, 'utf8'));
        (0, node_fs_1.writeFileSync)(path, JSON.stringify({ formatVersion: 1, instances: m.entries }));
        const r = (0, cli_harness_1.run)(['render', config, '--out', out, '--force']);
        strict_1.default.equal(r.code, 0, (0, cli_harness_1.outputOf)(r));
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(out).sort(), ['.cdktf-barman-render.json', 'shop-backup', 'shop-db1', 'shop-db2']);
    });
    (0, node_test_1.test)('synth --force refuses a cdktf-barman.tf.json it did not write (no manifest lists it)', () => {
        const config = file('synth-foreign.yml', cli_harness_1.VALID);
        const out = (0, node_path_1.join)(tmp, 'terraform-foreign');
        (0, node_fs_1.mkdirSync)(out);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(out, 'cdktf-barman.tf.json'), '{}\n');
        const before = (0, cli_harness_1.snapshot)(out);
        (0, cli_harness_1.assertOneLineError)((0, cli_harness_1.run)(['synth', config, '--out', out, '--force']), 1, /already holds cdktf-barman\.tf\.json, which this run did not write/);
        strict_1.default.deepEqual((0, cli_harness_1.snapshot)(out), before);
    });
});
(0, node_test_1.describe)('an unexpected exception', () => {
    // a preloaded module makes writing an instance's manifest.json throw a plain TypeError: a bug
    const preload = () => file('throw-on-manifest.js', `const fs = require('node:fs');
const write = fs.writeFileSync;
fs.writeFileSync = function (path, ...rest) {
  if (String(path).endsWith('manifest.json')) throw new TypeError('simulated bug');
  return write.call(this, path, ...rest);
};
`);
    (0, node_test_1.test)('exit 70, one line with a hint to report it, no stack, nothing written', () => {
        const config = file('bug.yml', cli_harness_1.VALID);
        const out = (0, node_path_1.join)(tmp, 'bug-out');
        const r = (0, cli_harness_1.run)(['render', config, '--out', out], { env: { ...process.env, NODE_OPTIONS: `--require ${preload()}` } });
        (0, cli_harness_1.assertOneLineError)(r, 70, /^cdktf-barman: internal error: 'simulated bug': this is a bug, please report it .*CDKTF_BARMAN_DEBUG=1/);
        strict_1.default.equal((0, node_fs_1.existsSync)(out), false);
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(tmp).filter((n) => n.includes('cdktf-barman-tmp')), [], 'no staging directory left');
    });
    (0, node_test_1.test)('CDKTF_BARMAN_DEBUG=1 adds the stack trace', () => {
        const config = file('bug-debug.yml', cli_harness_1.VALID);
        const r = (0, cli_harness_1.run)(['render', config, '--out', (0, node_path_1.join)(tmp, 'bug-debug-out')], { env: { ...process.env, NODE_OPTIONS: `--require ${preload()}`, CDKTF_BARMAN_DEBUG: '1' } });
        strict_1.default.equal(r.code, 70, (0, cli_harness_1.outputOf)(r));
        strict_1.default.match(r.stderr, /internal error: 'simulated bug'/);
        strict_1.default.match(r.stderr, /^TypeError: simulated bug\n\s+at /m);
    });
});
