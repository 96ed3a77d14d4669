"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The roles step and the .pgpass step take the passwords as base64 files and run one check on the
 * decoded bytes before changing anything: a password .pgpass cannot hold (a newline anywhere, a
 * trailing one included, a control character, nothing at all) stops both, with the same message.
 * Run with the real sh.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const shell_quote_1 = require("../../lib/render/shell-quote");
const shell_assets_1 = require("../../lib/scripts/shell-assets");
const host_step_1 = require("../support/host-step");
function check(password) {
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-pw-'));
    try {
        const file = (0, node_path_1.join)(dir, 'pw');
        (0, node_fs_1.writeFileSync)(file, Buffer.from(password, 'utf8').toString('base64'));
        // password_ok of the host program, as the secret steps call it
        const r = (0, host_step_1.runInProgram)(`password_ok ${(0, shell_quote_1.shellQuote)(file)} barman\necho accepted`);
        return { status: r.status, stderr: r.stderr + r.stdout };
    }
    finally {
        (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    }
}
(0, node_test_1.describe)('database passwords as the secret steps check them', () => {
    for (const [label, pw] of [['an embedded newline', 'abc\ndef'], ['a trailing newline', 'abcdef\n'], ['a carriage return', 'abc\rdef'], ['a tab', 'abc\tdef'], ['an escape character', 'abc\x1bdef']]) {
        (0, node_test_1.test)(`refused: ${label}`, () => {
            const r = check(pw);
            strict_1.default.notEqual(r.status, 0);
            strict_1.default.match(r.stderr, /the barman password holds a newline or control character, which \.pgpass cannot hold/);
            strict_1.default.doesNotMatch(r.stderr, /accepted/);
        });
    }
    (0, node_test_1.test)('refused: empty', () => {
        const r = check('');
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.match(r.stderr, /the barman password is empty/);
    });
    for (const pw of ["p:w\\d'\"$(x)`y`;%{a}${b}", 'é ü 中 ' + 'x'.repeat(500)]) {
        (0, node_test_1.test)(`accepted: ${JSON.stringify(pw.slice(0, 30))}`, () => {
            const r = check(pw);
            strict_1.default.equal(r.status, 0, r.stderr);
            strict_1.default.match(r.stderr, /accepted/);
        });
    }
    (0, node_test_1.test)('both steps check both passwords before they change anything', () => {
        // the step functions of shell/postgres-steps.sh (the assembled program has the role names filled in)
        const text = (0, shell_assets_1.shellFile)('postgres-steps.sh', { BARMAN_DB_USER: 'barman', STREAMING_DB_USER: 'streaming_barman' });
        const body = (fn) => {
            const from = text.indexOf(`\n${fn}() {`);
            strict_1.default.ok(from >= 0, `${fn} is defined`);
            return text.slice(from, text.indexOf('\n}\n', from)).split('\n');
        };
        const first = (ls, re) => ls.findIndex((l) => re.test(l));
        const roles = body('roles_create');
        const pgpass = body('pgpass_lines');
        for (const [name, ls, checks, change] of [
            ['roles', roles, ['password_ok "$3" barman', 'password_ok "$4" streaming_barman'], /pg_sql -f/],
            ['.pgpass', pgpass, ['password_ok "$9" barman', 'password_ok "${10}" streaming_barman'], /^\s*merge_block /],
        ]) {
            const changeAt = first(ls, change);
            strict_1.default.ok(changeAt > 0, `${name}: the change`);
            for (const c of checks) {
                const at = ls.findIndex((l) => l.trim() === c);
                strict_1.default.ok(at > 0 && at < changeAt, `${name}: ${c} before the change`);
            }
            // nothing written before the checks (the secret files are only read)
            strict_1.default.ok(first(ls.slice(0, changeAt), /^\s*(merge_block|install_from|put_file|pg_sql -f) /) < 0, `${name}: no write before the checks`);
        }
    });
});
