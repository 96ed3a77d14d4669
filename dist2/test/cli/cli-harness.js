"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.VALID = exports.outputOf = exports.canDropRoot = exports.BIN = exports.ROOT = void 0;
exports.run = run;
exports.snapshot = snapshot;
exports.errorLines = errorLines;
exports.assertOneLineError = assertOneLineError;
/**
 * Runs the real ./bin/cdktf-barman as a child process, optionally as the unprivileged `nobody`
 * (the tests run as root, whom permission bits do not stop).
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
exports.ROOT = (0, node_path_1.resolve)(__dirname, '..', '..', '..');
exports.BIN = (0, node_path_1.join)(exports.ROOT, 'bin', 'cdktf-barman');
/** true when runs with `unprivileged` really lack root's powers */
exports.canDropRoot = process.getuid?.() !== 0 || (0, node_child_process_1.spawnSync)('setpriv', ['--version']).status === 0;
function run(args, options = {}) {
    const asNobody = options.unprivileged === true && process.getuid?.() === 0;
    const [cmd, argv] = asNobody
        ? ['setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, exports.BIN, ...args]]
        : [process.execPath, [exports.BIN, ...args]];
    const r = (0, node_child_process_1.spawnSync)(cmd, argv, { cwd: options.cwd ?? exports.ROOT, env: options.env ?? process.env, encoding: 'utf8', timeout: 60_000 });
    strict_1.default.equal(r.error, undefined, String(r.error));
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const outputOf = (r) => `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
exports.outputOf = outputOf;
/** Every path under dir with its content (files) or '<dir>': to show a tree was left as it was. */
function snapshot(dir) {
    const out = new Map();
    if (!(0, node_fs_1.existsSync)(dir))
        return out;
    const walk = (abs, rel) => {
        for (const name of (0, node_fs_1.readdirSync)(abs).sort()) {
            const a = (0, node_path_1.join)(abs, name);
            const r = rel === '' ? name : `${rel}/${name}`;
            if ((0, node_fs_1.lstatSync)(a).isDirectory()) {
                out.set(r, '<dir>');
                walk(a, r);
            }
            else {
                out.set(r, (0, node_fs_1.readFileSync)(a, 'utf8'));
            }
        }
    };
    walk(dir, '');
    return out;
}
/** The error lines of a run that are not the config's warnings. */
function errorLines(r) {
    return r.stderr.split('\n').filter((l) => l !== '' && !/:\d+:\d+: warning: /.test(l));
}
/** A failure reported as one line, with no stack trace. */
function assertOneLineError(r, code, pattern) {
    strict_1.default.equal(r.code, code, (0, exports.outputOf)(r));
    const lines = errorLines(r);
    strict_1.default.equal(lines.length, 1, (0, exports.outputOf)(r));
    strict_1.default.match(lines[0], pattern, (0, exports.outputOf)(r));
    strict_1.default.doesNotMatch(r.stderr, /^\s+at /m, `no stack trace\n${(0, exports.outputOf)(r)}`);
}
exports.VALID = `cluster_name: shop
instances:
  - Name: shop-db1
    node: 1
    role: primary
    backup: shop-backup
    private_ip: 10.1.0.11
    vars:
      backup_name: shop.main
  - Name: shop-db2
    node: 2
    role: replica
    upstream: shop-db1
    private_ip: 10.1.0.12
  - Name: shop-backup
    node: 3
    role: [barman]
    private_ip: 10.1.0.20
`;
