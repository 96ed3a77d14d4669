"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Reading config.yml (issue 12, item 10): the file must be UTF-8. A byte that is not used to turn
 * silently into U+FFFD; now the file is rejected at the line and column of the first bad byte.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const config_file_1 = require("../../lib/config/config-file");
const tpa_config_1 = require("../../lib/config/tpa-config");
const diagnostics_1 = require("../../lib/model/diagnostics");
function withFile(bytes, use) {
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'config-file-'));
    try {
        const path = (0, node_path_1.join)(dir, 'config.yml');
        (0, node_fs_1.writeFileSync)(path, bytes);
        return use(path);
    }
    finally {
        (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    }
}
const HEAD = 'cluster_name: demo\ninstances:\n  - Name: one\n    vars:\n      barman_backup_directory: /var/lib/';
for (const [what, bad] of [
    ['a Latin-1 byte', [0xe9]],
    ['a stray continuation byte', [0x80]],
    ['an overlong encoding of "/"', [0xc0, 0xaf]],
    ['an encoded UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['0xff', [0xff]],
]) {
    (0, node_test_1.test)(`${what} is rejected at the line and column of its first byte`, () => {
        // "é" before the bad byte counts as one column, as in every other position
        const before = Buffer.from(`${HEAD}caf\u00e9-`, 'utf8');
        const bytes = Buffer.concat([before, Buffer.from(bad), Buffer.from('x\n')]);
        const lastLine = `${HEAD}caf\u00e9-`.split('\n').pop();
        withFile(bytes, (path) => {
            strict_1.default.throws(() => (0, tpa_config_1.loadTpaConfigFile)(path), (e) => {
                strict_1.default.ok(e instanceof diagnostics_1.InvalidConfigError, String(e));
                strict_1.default.equal(e.diagnostics.length, 1);
                const d = e.diagnostics[0];
                strict_1.default.deepEqual(d.position, { file: path, line: 5, column: lastLine.length + 1 }, (0, diagnostics_1.formatDiagnostic)(d));
                strict_1.default.ok(d.message.includes(`not valid UTF-8 (byte 0x${bad[0].toString(16)} here): save it as UTF-8`), (0, diagnostics_1.formatDiagnostic)(d));
                return true;
            });
        });
    });
}
(0, node_test_1.test)('a truncated sequence at the very end of the file is rejected', () => {
    const bytes = Buffer.concat([Buffer.from('cluster_name: demo\n# \u20ac'), Buffer.from([0xe2, 0x82])]);
    withFile(bytes, (path) => {
        strict_1.default.throws(() => (0, tpa_config_1.loadTpaConfigFile)(path), (e) => e instanceof diagnostics_1.InvalidConfigError && e.diagnostics[0].position?.line === 2 && e.diagnostics[0].position?.column === 4);
    });
});
(0, node_test_1.test)('valid UTF-8, with a byte order mark and characters of every length, loads', () => {
    const text = '\ufeffcluster_name: demo\n# caf\u00e9 \u20ac \ud83d\ude00\ninstances:\n  - Name: one\n';
    withFile(Buffer.from(text, 'utf8'), (path) => {
        const spec = (0, tpa_config_1.loadTpaConfigFile)(path);
        strict_1.default.equal(spec.clusterName.value, 'demo');
        strict_1.default.equal(spec.instances.length, 1);
    });
});
(0, node_test_1.test)('firstInvalidUtf8 agrees with a strict UTF-8 decoder on random bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const decodes = (b) => {
        try {
            strict.decode(b);
            return true;
        }
        catch {
            return false;
        }
    };
    let seed = 12;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // bytes weighted towards the interesting ranges: ASCII, continuation bytes and lead bytes
    const pick = () => [0x41, 0x80 + Math.floor(random() * 64), 0xc0 + Math.floor(random() * 64)][Math.floor(random() * 3)];
    for (let n = 0; n < 5000; n++) {
        const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 8) }, pick);
        const bad = (0, config_file_1.firstInvalidUtf8)(bytes);
        strict_1.default.equal(bad === -1, decodes(bytes), `bytes ${Buffer.from(bytes).toString('hex')}`);
        if (bad >= 0) {
            strict_1.default.ok(decodes(bytes.subarray(0, bad)), `everything before ${bad} decodes: ${Buffer.from(bytes).toString('hex')}`);
        }
    }
});
