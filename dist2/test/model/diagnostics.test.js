"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Messages show input as inert text (issue 12, item 10): besides C0 controls, the characters that
 * break a line (U+0085, U+2028, U+2029), C1 controls (U+009B is a terminal's CSI) and the bidi
 * overrides that reorder what a terminal shows are escaped, so one diagnostic is one plain line.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const diagnostics_1 = require("../../lib/model/diagnostics");
const diagnostic_helpers_1 = require("./diagnostic-helpers");
/** Everything a terminal or a line-based reader could take as a line break, control or reordering. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const LINE_BREAKS = /\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]/;
const PAYLOADS = [
    ['NEL (U+0085)', 'a\u0085b', 'a\\x85b'],
    ['LINE SEPARATOR (U+2028)', 'a\u2028b', 'a\\u2028b'],
    ['PARAGRAPH SEPARATOR (U+2029)', 'a\u2029b', 'a\\u2029b'],
    ['CSI (U+009B)', 'a\u009b31mb', 'a\\x9b31mb'],
    ['RIGHT-TO-LEFT OVERRIDE (U+202E)', 'a\u202eb', 'a\\u202eb'],
    ['LEFT-TO-RIGHT EMBEDDING (U+202A)', 'a\u202ab', 'a\\u202ab'],
    ['RIGHT-TO-LEFT ISOLATE (U+2067)', 'a\u2067b', 'a\\u2067b'],
    ['POP DIRECTIONAL ISOLATE (U+2069)', 'a\u2069b', 'a\\u2069b'],
    ['RIGHT-TO-LEFT MARK (U+200F)', 'a\u200fb', 'a\\u200fb'],
    ['ESC (U+001B)', 'a\u001b[2Jb', 'a\\x1b[2Jb'],
    ['a newline', 'a\nb', 'a\\x0ab'],
];
for (const [what, raw, escaped] of PAYLOADS) {
    (0, node_test_1.test)(`showValue and formatDiagnostic escape ${what}`, () => {
        strict_1.default.equal((0, diagnostics_1.showValue)(raw), `'${escaped}'`);
        const inList = (0, diagnostics_1.showValue)([raw]); // JSON escapes C0 controls itself, the rest is escaped after it
        strict_1.default.ok(!UNSAFE.test(inList) && inList.startsWith('["a\\'), inList);
        const line = (0, diagnostics_1.formatDiagnostic)({ severity: diagnostics_1.Severity.ERROR, message: `bad ${raw}`, instance: raw, key: raw, position: { file: `dir${raw}/config.yml`, line: 1, column: 2 } });
        strict_1.default.ok(!UNSAFE.test(line), JSON.stringify(line));
        strict_1.default.equal(line.split(LINE_BREAKS).length, 1);
        strict_1.default.ok(line.includes(escaped), line);
    });
}
(0, node_test_1.test)('letters of other scripts are shown as they are', () => {
    strict_1.default.equal((0, diagnostics_1.showValue)('caf\u00e9 \u05e9\u05dc\u05d5\u05dd \u4e2d'), "'caf\u00e9 \u05e9\u05dc\u05d5\u05dd \u4e2d'");
});
(0, node_test_1.test)('a config value holding a line separator or a bidi override gives a one-line error', () => {
    for (const raw of ['\u2028', '\u0085', '\u202e']) {
        const text = `cluster_name: demo\ninstances:\n  - Name: one\n    role: [primary]\n    vars:\n      barman_compression: "gzip${raw === '\u0085' ? '\\N' : raw === '\u2028' ? '\\L' : raw}"\n`;
        const o = (0, diagnostic_helpers_1.diagnose)(text);
        strict_1.default.equal(o.errors.length, 1, (0, diagnostic_helpers_1.show)(o.errors));
        const line = (0, diagnostics_1.formatDiagnostic)(o.errors[0]);
        strict_1.default.ok(!UNSAFE.test(line), JSON.stringify(line));
        strict_1.default.ok(line.includes(`'gzip\\${raw.charCodeAt(0) <= 0xff ? 'x' : 'u'}${raw.charCodeAt(0).toString(16)}'`), line);
    }
});
(0, node_test_1.test)('numbers JSON cannot show are shown as they are, not as null', () => {
    strict_1.default.equal((0, diagnostics_1.showValue)(Infinity), 'Infinity');
    strict_1.default.equal((0, diagnostics_1.showValue)(-Infinity), '-Infinity');
    strict_1.default.equal((0, diagnostics_1.showValue)(NaN), 'NaN');
    strict_1.default.equal((0, diagnostics_1.showValue)(5432), '5432');
});
(0, node_test_1.test)('a huge list or mapping is shown by its start and its length', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => `host-${i}`);
    const json = JSON.stringify(big);
    const shown = (0, diagnostics_1.showValue)(big);
    strict_1.default.ok(shown.startsWith(json.slice(0, 100)), shown);
    strict_1.default.ok(shown.endsWith(`... (${json.length} characters in all)`), shown);
    strict_1.default.ok(shown.length < 300, `${shown.length} characters`);
    strict_1.default.equal((0, diagnostics_1.showValue)(['a', 'b']), '["a","b"]');
});
