"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Command-line arguments: '--' ends the options in every command (issue 12 item 10); synth's
 * --connection-user is validated and --script-path sets where secret scripts are uploaded (item 9).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const cli_harness_1 = require("./cli-harness");
let tmp;
(0, node_test_1.before)(() => {
    tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-args-'));
});
(0, node_test_1.after)(() => {
    (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true });
});
function file(name, text) {
    const path = (0, node_path_1.join)(tmp, name);
    (0, node_fs_1.writeFileSync)(path, text);
    return path;
}
(0, node_test_1.describe)("'--' ends the options", () => {
    (0, node_test_1.test)('validate -- CONFIG, also for a CONFIG whose name starts with a dash', () => {
        const plain = file('plain.yml', cli_harness_1.VALID);
        const r = (0, cli_harness_1.run)(['validate', '--', plain]);
        strict_1.default.equal(r.code, 0, (0, cli_harness_1.outputOf)(r));
        strict_1.default.match(r.stdout, /ok: cluster 'shop'/);
        file('-dashed.yml', cli_harness_1.VALID);
        const dashed = (0, cli_harness_1.run)(['validate', '--', '-dashed.yml'], { cwd: tmp });
        strict_1.default.equal(dashed.code, 0, (0, cli_harness_1.outputOf)(dashed));
        strict_1.default.match(dashed.stdout, /^-dashed\.yml: ok/);
    });
    (0, node_test_1.test)('render and synth take options before --', () => {
        const config = file('both.yml', cli_harness_1.VALID);
        for (const command of ['render', 'synth']) {
            const out = (0, node_path_1.join)(tmp, `dashdash-${command}`);
            const r = (0, cli_harness_1.run)([command, '--out', out, '--', config]);
            strict_1.default.equal(r.code, 0, (0, cli_harness_1.outputOf)(r));
            strict_1.default.ok((0, node_fs_1.existsSync)(out), out);
        }
    });
    (0, node_test_1.test)('status -- CONFIG reads CONFIG (a missing one is exit 1, not a usage error)', () => {
        const r = (0, cli_harness_1.run)(['status', '--', (0, node_path_1.join)(tmp, 'missing.yml')]);
        strict_1.default.equal(r.code, 1, (0, cli_harness_1.outputOf)(r));
        strict_1.default.match(r.stderr, /missing\.yml/);
    });
    (0, node_test_1.test)('after --, an option-looking argument is a CONFIG, not an option', () => {
        const r = (0, cli_harness_1.run)(['validate', '--', file('x.yml', cli_harness_1.VALID), '--force']);
        strict_1.default.equal(r.code, 2, (0, cli_harness_1.outputOf)(r));
        strict_1.default.match(r.stderr, /expected exactly one CONFIG file/);
    });
});
(0, node_test_1.describe)('synth --connection-user and --script-path', () => {
    const synth = (name, extra) => {
        const out = (0, node_path_1.join)(tmp, name);
        return { out, r: (0, cli_harness_1.run)(['synth', file(`${name}.yml`, cli_harness_1.VALID), '--out', out, ...extra]) };
    };
    for (const user of ['${file("/etc/hostname")}', 'de ploy', '-oProxyCommand=x', 'a\nb', '%{if true}x%{endif}']) {
        (0, node_test_1.test)(`--connection-user ${JSON.stringify(user)}: usage error showing the value, nothing written`, () => {
            const { out, r } = synth(`bad-user-${user.length}`, ['--connection-user', user]);
            strict_1.default.equal(r.code, 2, (0, cli_harness_1.outputOf)(r));
            strict_1.default.match(r.stderr.split('\n')[0], /^cdktf-barman synth: --connection-user '.*' is not a user name/);
            strict_1.default.ok(r.stderr.split('\n')[0].includes(user.replace('\n', '\\x0a')), (0, cli_harness_1.outputOf)(r));
            strict_1.default.equal((0, node_fs_1.existsSync)(out), false);
        });
    }
    (0, node_test_1.test)('a valid user and --script-path reach the connection of the secret-carrying provisioners', () => {
        const path = '/home/deploy/.cdktf-barman/secret-%RAND%.sh';
        const { out, r } = synth('script-path', ['--connection-user', 'deploy', '--script-path', path]);
        strict_1.default.equal(r.code, 0, (0, cli_harness_1.outputOf)(r));
        const json = (0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'cdktf-barman.tf.json'), 'utf8');
        const scriptPaths = [...json.matchAll(/"script_path": "([^"]*)"/g)].map((m) => m[1]);
        strict_1.default.ok(scriptPaths.length > 0, 'some provisioner carries a secret');
        strict_1.default.deepEqual([...new Set(scriptPaths)], [path]);
        strict_1.default.match(json, /"user": "deploy"/);
        strict_1.default.doesNotMatch(json, /"user": "root"/);
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
    ]) {
        (0, node_test_1.test)(`--script-path ${path}: usage error, nothing written`, () => {
            const { out, r } = synth(`bad-script-${path.length}`, ['--script-path', path]);
            strict_1.default.equal(r.code, 2, (0, cli_harness_1.outputOf)(r));
            strict_1.default.match(r.stderr.split('\n')[0], why);
            strict_1.default.ok(r.stderr.split('\n')[0].includes(`'${path}'`), (0, cli_harness_1.outputOf)(r));
            strict_1.default.equal((0, node_fs_1.existsSync)(out), false);
        });
    }
    (0, node_test_1.test)('synth --help documents --script-path and --; --help the exit codes 1, 2 and 70', () => {
        const r = (0, cli_harness_1.run)(['synth', '--help']);
        strict_1.default.equal(r.code, 0);
        strict_1.default.match(r.stdout, /^ {2}--script-path PATH/m);
        strict_1.default.match(r.stdout, /A '--' ends the options/);
        const g = (0, cli_harness_1.run)(['--help']);
        strict_1.default.match(g.stdout, /^ {2}1 +invalid input, or output that cannot be written/m);
        strict_1.default.match(g.stdout, /^ {2}2 +usage error/m);
        strict_1.default.match(g.stdout, /^ {2}70 +an unexpected exception/m);
    });
});
