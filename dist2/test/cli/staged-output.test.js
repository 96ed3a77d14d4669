"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * writeStaged: the new output appears whole or not at all, and never over an entry it does not own.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const staged_output_1 = require("../../lib/cli/staged-output");
const cli_harness_1 = require("./cli-harness");
let tmp;
(0, node_test_1.before)(() => {
    tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-staged-'));
});
(0, node_test_1.after)(() => {
    (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true });
});
function oldOutput(name) {
    const dir = (0, node_path_1.join)(tmp, name);
    (0, node_fs_1.mkdirSync)((0, node_path_1.join)(dir, 'own'), { recursive: true });
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'own', 'a'), 'old a');
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'list'), 'old list');
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'theirs'), 'keep');
    return dir;
}
(0, node_test_1.test)('a fill that fails halfway leaves the old output as it was and no staging directory', () => {
    const dir = oldOutput('fails');
    const before = (0, cli_harness_1.snapshot)(dir);
    strict_1.default.throws(() => (0, staged_output_1.writeStaged)(dir, (s) => {
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(s, 'list'), 'new list');
        throw new TypeError('halfway');
    }, ['own', 'list']), TypeError);
    strict_1.default.deepEqual((0, cli_harness_1.snapshot)(dir), before);
});
(0, node_test_1.test)('a success replaces the listed entries, removes the listed ones not written again, keeps the rest', () => {
    const dir = oldOutput('succeeds');
    (0, staged_output_1.writeStaged)(dir, (s) => (0, node_fs_1.writeFileSync)((0, node_path_1.join)(s, 'list'), 'new list'), ['own', 'list']);
    strict_1.default.deepEqual((0, node_fs_1.readdirSync)(dir).sort(), ['list', 'theirs']);
    strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'list'), 'utf8'), 'new list');
    strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'theirs'), 'utf8'), 'keep');
});
(0, node_test_1.test)('a new entry named like one it may not replace: OutputError, nothing changed', () => {
    const dir = oldOutput('clash');
    const before = (0, cli_harness_1.snapshot)(dir);
    strict_1.default.throws(() => (0, staged_output_1.writeStaged)(dir, (s) => (0, node_fs_1.writeFileSync)((0, node_path_1.join)(s, 'theirs'), 'overwritten'), ['own', 'list']), (e) => e instanceof staged_output_1.OutputError && /already holds theirs/.test(e.message));
    strict_1.default.deepEqual((0, cli_harness_1.snapshot)(dir), before);
});
(0, node_test_1.test)('a missing target appears whole (its missing parents included)', () => {
    const dir = (0, node_path_1.join)(tmp, 'new', 'deeper', 'out');
    (0, staged_output_1.writeStaged)(dir, (s) => (0, node_fs_1.writeFileSync)((0, node_path_1.join)(s, 'x'), 'x'));
    strict_1.default.deepEqual((0, node_fs_1.readdirSync)(dir), ['x']);
    strict_1.default.deepEqual((0, node_fs_1.readdirSync)((0, node_path_1.join)(tmp, 'new', 'deeper')), ['out']);
});
