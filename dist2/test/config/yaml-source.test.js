"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const yaml_source_1 = require("../../lib/config/yaml-source");
const FILE = 'config.yml';
/** `line:column` of a position, or undefined. */
function lc(position) {
    if (position === undefined)
        return undefined;
    strict_1.default.equal(position.file, FILE);
    return `${position.line}:${position.column}`;
}
function val(doc, path) {
    return lc(doc.positionOf(path));
}
function key(doc, path) {
    return lc(doc.keyPositionOf(path));
}
function near(doc, path) {
    return lc(doc.nearestPositionOf(path));
}
function syntaxError(text) {
    try {
        (0, yaml_source_1.parseYaml)(text, FILE);
    }
    catch (e) {
        strict_1.default.ok(e instanceof yaml_source_1.YamlSyntaxError, `expected a YamlSyntaxError, got ${String(e)}`);
        strict_1.default.ok(e instanceof Error);
        strict_1.default.match(e.message, /^yaml syntax error: /);
        return e;
    }
    strict_1.default.fail('expected a syntax error');
}
(0, node_test_1.test)('nested mappings: values and keys', () => {
    const text = [
        'server:', //              line 1
        '  name: alpha', //        line 2: key col 3, value col 9
        '  network:', //           line 3: key col 3
        '    port: 5432', //       line 4: key col 5, value col 11
        '    host: db.local', //   line 5: key col 5, value col 11
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    strict_1.default.equal(doc.file, FILE);
    strict_1.default.deepEqual(doc.value, { server: { name: 'alpha', network: { port: 5432, host: 'db.local' } } });
    strict_1.default.equal(val(doc, []), '1:1');
    strict_1.default.equal(val(doc, ['server']), '2:3'); // a nested mapping starts at its first key
    strict_1.default.equal(key(doc, ['server']), '1:1');
    strict_1.default.equal(val(doc, ['server', 'name']), '2:9');
    strict_1.default.equal(key(doc, ['server', 'name']), '2:3');
    strict_1.default.equal(val(doc, ['server', 'network']), '4:5');
    strict_1.default.equal(key(doc, ['server', 'network']), '3:3');
    strict_1.default.equal(val(doc, ['server', 'network', 'port']), '4:11');
    strict_1.default.equal(key(doc, ['server', 'network', 'port']), '4:5');
    strict_1.default.equal(val(doc, ['server', 'network', 'host']), '5:11');
    strict_1.default.equal(key(doc, ['server', 'network', 'host']), '5:5');
    strict_1.default.equal(key(doc, []), undefined);
});
(0, node_test_1.test)('block and flow sequences', () => {
    const text = [
        'items:', //                     line 1
        '  - first', //                  line 2: "-" col 3, item col 5
        '  - name: second', //           line 3: key col 5, value col 11
        '    size: 2', //                line 4: key col 5, value col 11
        '  -', //                        line 5: empty item, right after the "-" is col 4
        '  - [10, 20, {x: 30}]', //      line 6: "[" col 5, 10 col 6, 20 col 10, "{" col 14, x col 15, 30 col 18
        'flow: [a, "b", c]', //          line 7: "[" col 7, a col 8, "b" col 11, c col 16
        'matrix:', //                    line 8
        '- - 1', //                      line 9: outer "-" col 1, inner "-" col 3, 1 col 5
        '  - 2', //                      line 10: 2 col 5
        '- []', //                       line 11: [] col 3
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    strict_1.default.deepEqual(doc.value, {
        items: ['first', { name: 'second', size: 2 }, null, [10, 20, { x: 30 }]],
        flow: ['a', 'b', 'c'],
        matrix: [[1, 2], []],
    });
    strict_1.default.equal(val(doc, ['items']), '2:3');
    strict_1.default.equal(val(doc, ['items', 0]), '2:5');
    strict_1.default.equal(val(doc, ['items', 1]), '3:5');
    strict_1.default.equal(val(doc, ['items', 1, 'name']), '3:11');
    strict_1.default.equal(key(doc, ['items', 1, 'name']), '3:5');
    strict_1.default.equal(val(doc, ['items', 1, 'size']), '4:11');
    strict_1.default.equal(val(doc, ['items', 2]), '5:4');
    strict_1.default.equal(val(doc, ['items', 3]), '6:5');
    strict_1.default.equal(val(doc, ['items', 3, 0]), '6:6');
    strict_1.default.equal(val(doc, ['items', 3, 1]), '6:10');
    strict_1.default.equal(val(doc, ['items', 3, 2]), '6:14');
    strict_1.default.equal(key(doc, ['items', 3, 2, 'x']), '6:15');
    strict_1.default.equal(val(doc, ['items', 3, 2, 'x']), '6:18');
    strict_1.default.equal(key(doc, ['items', 0]), undefined); // sequence items have no key
    strict_1.default.equal(val(doc, ['flow']), '7:7');
    strict_1.default.equal(val(doc, ['flow', 0]), '7:8');
    strict_1.default.equal(val(doc, ['flow', 1]), '7:11');
    strict_1.default.equal(val(doc, ['flow', 2]), '7:16');
    strict_1.default.equal(val(doc, ['matrix']), '9:1'); // sequence at the same indentation as its key
    strict_1.default.equal(val(doc, ['matrix', 0]), '9:3');
    strict_1.default.equal(val(doc, ['matrix', 0, 0]), '9:5');
    strict_1.default.equal(val(doc, ['matrix', 0, 1]), '10:5');
    strict_1.default.equal(val(doc, ['matrix', 1]), '11:3');
});
(0, node_test_1.test)('flow mappings and single-pair mappings in flow sequences', () => {
    const text = [
        'm: {a, b: 1, "c": [x]}', // "{" col 4, a col 5, b col 8, 1 col 11, "c" col 14, "[" col 19, x col 20
        's: [k: v, plain]', //       "[" col 4, k col 5, v col 8, plain col 11
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    strict_1.default.deepEqual(doc.value, { m: { a: null, b: 1, c: ['x'] }, s: [{ k: 'v' }, 'plain'] });
    strict_1.default.equal(val(doc, ['m']), '1:4');
    strict_1.default.equal(key(doc, ['m', 'a']), '1:5');
    strict_1.default.equal(val(doc, ['m', 'a']), '1:5'); // no value written: the key's position
    strict_1.default.equal(key(doc, ['m', 'b']), '1:8');
    strict_1.default.equal(val(doc, ['m', 'b']), '1:11');
    strict_1.default.equal(key(doc, ['m', 'c']), '1:14');
    strict_1.default.equal(val(doc, ['m', 'c']), '1:19');
    strict_1.default.equal(val(doc, ['m', 'c', 0]), '1:20');
    strict_1.default.equal(val(doc, ['s', 0]), '2:5');
    strict_1.default.equal(key(doc, ['s', 0, 'k']), '2:5');
    strict_1.default.equal(val(doc, ['s', 0, 'k']), '2:8');
    strict_1.default.equal(val(doc, ['s', 1]), '2:11');
});
(0, node_test_1.test)('scalars of every style', () => {
    const text = [
        'plain: hello world', //  line 1: value col 8
        "single: 'it''s'", //     line 2: value col 9
        'double: "a\\tb"', //     line 3: value col 9
        'literal: |', //          line 4: "|" col 10
        '  line one', //          line 5
        '  line two', //          line 6
        'folded: >-', //          line 7: ">" col 9
        '  folded', //            line 8
        '  text', //              line 9
        'after: 1', //            line 10: key col 1, value col 8
        'multi: first', //        line 11: value col 8
        '  continued', //         line 12
        'quoted: "x', //          line 13: value col 9
        '  y"', //                line 14
        'tail: end', //           line 15: value col 7
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    strict_1.default.deepEqual(doc.value, {
        plain: 'hello world',
        single: "it's",
        double: 'a\tb',
        literal: 'line one\nline two\n',
        folded: 'folded text',
        after: 1,
        multi: 'first continued',
        quoted: 'x y',
        tail: 'end',
    });
    strict_1.default.equal(val(doc, ['plain']), '1:8');
    strict_1.default.equal(val(doc, ['single']), '2:9');
    strict_1.default.equal(val(doc, ['double']), '3:9');
    strict_1.default.equal(val(doc, ['literal']), '4:10');
    strict_1.default.equal(val(doc, ['folded']), '7:9');
    strict_1.default.equal(key(doc, ['after']), '10:1');
    strict_1.default.equal(val(doc, ['after']), '10:8');
    strict_1.default.equal(val(doc, ['multi']), '11:8');
    strict_1.default.equal(val(doc, ['quoted']), '13:9');
    strict_1.default.equal(key(doc, ['tail']), '15:1');
    strict_1.default.equal(val(doc, ['tail']), '15:7');
});
(0, node_test_1.test)('keys versus values: quoted, spaced, explicit and empty', () => {
    const text = [
        '"quoted key": 1', //       line 1: key col 1, value col 15
        "'single': 2", //           line 2: key col 1, value col 11
        'spaced key   :   3', //    line 3: key col 1, value col 18
        '? explicit', //            line 4: key col 3
        ': 4', //                   line 5: value col 3
        'nokey:', //                line 6: key col 1; empty value right after ":" is col 7
        '8080: web', //             line 7: key col 1, value col 7
        'tagged: !!str 42', //      line 8: value (starting with its tag) col 9
        'anchored: &a 7', //        line 9: value (starting with its anchor) col 11
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    strict_1.default.deepEqual(doc.value, {
        'quoted key': 1,
        single: 2,
        'spaced key': 3,
        explicit: 4,
        nokey: null,
        '8080': 'web',
        tagged: '42',
        anchored: 7,
    });
    strict_1.default.equal(key(doc, ['quoted key']), '1:1');
    strict_1.default.equal(val(doc, ['quoted key']), '1:15');
    strict_1.default.equal(key(doc, ['single']), '2:1');
    strict_1.default.equal(val(doc, ['single']), '2:11');
    strict_1.default.equal(key(doc, ['spaced key']), '3:1');
    strict_1.default.equal(val(doc, ['spaced key']), '3:18');
    strict_1.default.equal(key(doc, ['explicit']), '4:3');
    strict_1.default.equal(val(doc, ['explicit']), '5:3');
    strict_1.default.equal(key(doc, ['nokey']), '6:1');
    strict_1.default.equal(val(doc, ['nokey']), '6:7');
    strict_1.default.equal(key(doc, [8080]), '7:1'); // numbers are accepted for mapping keys
    strict_1.default.equal(val(doc, ['8080']), '7:7');
    strict_1.default.equal(val(doc, ['tagged']), '8:9');
    strict_1.default.equal(val(doc, ['anchored']), '9:11');
});
(0, node_test_1.test)('comments and blank lines are skipped', () => {
    const text = [
        '# header comment', //      line 1
        '', //                      line 2
        'top:   # trailing', //     line 3: key col 1
        '  # inner comment', //     line 4
        '', //                      line 5
        '  child: 1   # c', //      line 6: key col 3, value col 10
        'list:', //                 line 7
        '  # before item', //       line 8
        '  - a # after', //         line 9: "-" col 3, a col 5
        '', //                      line 10
        '  - b', //                 line 11: b col 5
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    strict_1.default.deepEqual(doc.value, { top: { child: 1 }, list: ['a', 'b'] });
    strict_1.default.equal(val(doc, []), '3:1');
    strict_1.default.equal(key(doc, ['top']), '3:1');
    strict_1.default.equal(val(doc, ['top']), '6:3');
    strict_1.default.equal(key(doc, ['top', 'child']), '6:3');
    strict_1.default.equal(val(doc, ['top', 'child']), '6:10');
    strict_1.default.equal(key(doc, ['list']), '7:1');
    strict_1.default.equal(val(doc, ['list']), '9:3');
    strict_1.default.equal(val(doc, ['list', 0]), '9:5');
    strict_1.default.equal(val(doc, ['list', 1]), '11:5');
});
(0, node_test_1.test)('documents with a directive, "---" and "..."', () => {
    const text = [
        '%YAML 1.2', //             line 1
        '--- # start', //           line 2
        'name: x', //               line 3: key col 1, value col 7
        'list: [1]', //             line 4: "[" col 7, 1 col 8
        '...', //                   line 5
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    strict_1.default.deepEqual(doc.value, { name: 'x', list: [1] });
    strict_1.default.equal(val(doc, []), '3:1');
    strict_1.default.equal(val(doc, ['name']), '3:7');
    strict_1.default.equal(val(doc, ['list']), '4:7');
    strict_1.default.equal(val(doc, ['list', 0]), '4:8');
    const inline = (0, yaml_source_1.parseYaml)('--- hello\n', FILE); // scalar at col 5
    strict_1.default.equal(inline.value, 'hello');
    strict_1.default.equal(val(inline, []), '1:5');
    const seq = (0, yaml_source_1.parseYaml)('---\n- a\n- b\n', FILE); // items on lines 2 and 3, col 3
    strict_1.default.deepEqual(seq.value, ['a', 'b']);
    strict_1.default.equal(val(seq, []), '2:1');
    strict_1.default.equal(val(seq, [1]), '3:3');
});
(0, node_test_1.test)('CRLF, lone CR and a byte order mark', () => {
    const crlf = (0, yaml_source_1.parseYaml)('a: 1\r\nb:\r\n  - x\r\n  - "y"\r\nc: |\r\n  t\r\nd: end\r\n', FILE);
    strict_1.default.deepEqual(crlf.value, { a: 1, b: ['x', 'y'], c: 't\n', d: 'end' });
    strict_1.default.equal(val(crlf, ['a']), '1:4');
    strict_1.default.equal(key(crlf, ['b']), '2:1');
    strict_1.default.equal(val(crlf, ['b']), '3:3');
    strict_1.default.equal(val(crlf, ['b', 0]), '3:5');
    strict_1.default.equal(val(crlf, ['b', 1]), '4:5');
    strict_1.default.equal(val(crlf, ['c']), '5:4');
    strict_1.default.equal(key(crlf, ['d']), '7:1'); // "\r\n" counts as one line break
    strict_1.default.equal(val(crlf, ['d']), '7:4');
    const cr = (0, yaml_source_1.parseYaml)('a: 1\rb: 2\r', FILE);
    strict_1.default.deepEqual(cr.value, { a: 1, b: 2 });
    strict_1.default.equal(val(cr, ['b']), '2:4');
    const bom = (0, yaml_source_1.parseYaml)('\ufeffa: 1\nb: 2\n', FILE); // the BOM is not a column
    strict_1.default.equal(key(bom, ['a']), '1:1');
    strict_1.default.equal(val(bom, ['a']), '1:4');
    strict_1.default.equal(val(bom, ['b']), '2:4');
});
(0, node_test_1.test)('anchors, aliases and merge keys do not crash and stay consistent', () => {
    const text = [
        'base: &base', //                   line 1: anchor col 7
        '  host: db', //                    line 2: key col 3, value col 9
        '  port: 5432', //                  line 3: key col 3, value col 9
        'prod:', //                         line 4
        '  <<: *base', //                   line 5: "<<" col 3, "*base" col 7
        '  port: 6432', //                  line 6: key col 3, value col 9
        'copy: *base', //                   line 7: value col 7
        'multi:', //                        line 8
        '  <<: [*base, {extra: true}]', //  line 9: extra col 16, true col 23
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    const value = doc.value;
    strict_1.default.deepEqual(value.prod, { host: 'db', port: 6432 });
    strict_1.default.deepEqual(value.copy, { host: 'db', port: 5432 });
    strict_1.default.deepEqual(value.multi, { host: 'db', port: 5432, extra: true });
    strict_1.default.equal(val(doc, ['base']), '1:7');
    strict_1.default.equal(val(doc, ['base', 'host']), '2:9');
    // An explicit key wins over a merged one...
    strict_1.default.equal(key(doc, ['prod', 'port']), '6:3');
    strict_1.default.equal(val(doc, ['prod', 'port']), '6:9');
    // ...and merged keys point at their definition in the anchored mapping.
    strict_1.default.equal(key(doc, ['prod', 'host']), '2:3');
    strict_1.default.equal(val(doc, ['prod', 'host']), '2:9');
    // "<<" itself is not part of the loaded value.
    strict_1.default.equal(val(doc, ['prod', '<<']), undefined);
    strict_1.default.equal(near(doc, ['prod', '<<']), '5:3');
    // An alias is positioned where it is written; paths through it lead into the anchor.
    strict_1.default.equal(val(doc, ['copy']), '7:7');
    strict_1.default.equal(val(doc, ['copy', 'port']), '3:9');
    strict_1.default.equal(val(doc, ['multi', 'host']), '2:9');
    strict_1.default.equal(key(doc, ['multi', 'extra']), '9:16');
    strict_1.default.equal(val(doc, ['multi', 'extra']), '9:23');
});
// Was: circular aliases loaded as a circular structure (with positions through the cycle).  Such a
// value expands forever, and showing it in a message crashed, so it is now rejected at the alias.
(0, node_test_1.test)('an alias used inside the value it refers to is rejected where it is written', () => {
    const text = ['ok: 1', 'self: &self [1, *self]'].join('\n'); // "*self" at 2:17
    strict_1.default.throws(() => (0, yaml_source_1.parseYaml)(text, FILE), (e) => e instanceof yaml_source_1.YamlSyntaxError && lc(e.position) === '2:17' && /alias \*self is used inside the value it refers to/.test(e.message));
});
(0, node_test_1.test)('tags that change the shape of a value never yield a wrong-shaped position', () => {
    const text = [
        'pairs: !!pairs', //  line 1: value col 8
        '  - a: 1', //        line 2: item col 5
        'set: !!set', //      line 3
        '  ? x', //           line 4: key col 5
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    strict_1.default.deepEqual(doc.value, { pairs: [['a', 1]], set: { x: null } });
    strict_1.default.equal(val(doc, ['pairs']), '1:8');
    strict_1.default.equal(val(doc, ['pairs', 0]), '2:5');
    strict_1.default.equal(val(doc, ['pairs', 0, 'a']), undefined); // the loaded item is ['a', 1], not a mapping
    strict_1.default.equal(val(doc, ['pairs', 0, 0]), undefined);
    strict_1.default.equal(key(doc, ['set', 'x']), '4:5');
});
(0, node_test_1.test)('missing paths', () => {
    const text = [
        'server:', //           line 1
        '  name: alpha', //     line 2: value col 9
        '  network:', //        line 3
        '    port: 5432', //    line 4: key col 5
        'items: [1, 2]', //     line 5: "[" col 8
    ].join('\n');
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    strict_1.default.equal(val(doc, ['nope']), undefined);
    strict_1.default.equal(key(doc, ['nope']), undefined);
    strict_1.default.equal(val(doc, ['server', 'nope']), undefined);
    strict_1.default.equal(val(doc, ['server', 'name', 'x']), undefined); // through a scalar
    strict_1.default.equal(val(doc, ['server', 0]), undefined); // index into a mapping
    strict_1.default.equal(val(doc, ['items', 2]), undefined); // out of range
    strict_1.default.equal(val(doc, ['items', -1]), undefined);
    strict_1.default.equal(val(doc, ['items', 'x']), undefined); // key into a sequence
    strict_1.default.equal(val(doc, ['items', '1']), '5:12'); // a numeric string is an index
    strict_1.default.equal(val(doc, ['toString']), undefined); // no prototype lookups
    strict_1.default.equal(val(doc, ['__proto__']), undefined);
    strict_1.default.equal(near(doc, ['server', 'network', 'nope', 'deeper']), '4:5');
    strict_1.default.equal(near(doc, ['server', 'name', 'x']), '2:9');
    strict_1.default.equal(near(doc, ['items', 7]), '5:8');
    strict_1.default.equal(near(doc, ['zzz']), '1:1');
    strict_1.default.equal(near(doc, ['items', 1]), '5:12'); // existing path: its own position
    const empty = (0, yaml_source_1.parseYaml)('', FILE);
    strict_1.default.equal(empty.value, undefined);
    strict_1.default.equal(val(empty, []), undefined);
    strict_1.default.equal(near(empty, ['a']), '1:1');
    const comments = (0, yaml_source_1.parseYaml)('# only a comment\n', FILE);
    strict_1.default.equal(comments.value, null);
    strict_1.default.equal(near(comments, ['a', 0]), '2:1');
});
(0, node_test_1.test)('syntax errors carry the position js-yaml reports, 1-based', () => {
    // The third line is indented by one space: neither part of "server" nor a top-level key.
    const bad = syntaxError('server:\n  name: alpha\n port: 5432\n');
    strict_1.default.equal(bad.message, 'yaml syntax error: bad indentation of a mapping entry');
    strict_1.default.deepEqual(bad.position, { file: FILE, line: 3, column: 2 });
    const dup = syntaxError('x: 1\ny: 2\nx: 3\n');
    strict_1.default.equal(dup.message, 'yaml syntax error: duplicated mapping key');
    strict_1.default.deepEqual(dup.position, { file: FILE, line: 3, column: 1 });
    // js-yaml's own mark has column -5 here (line 0 is falsy in its bookkeeping);
    // the position is derived from the mark's offset instead: the second "a".
    const dupFlow = syntaxError('{a: 1, a: [\n1]}\n');
    strict_1.default.deepEqual(dupFlow.position, { file: FILE, line: 1, column: 8 });
    const tab = syntaxError('a:\n\tb: 1\n');
    strict_1.default.equal(tab.message, 'yaml syntax error: tab characters must not be used in indentation');
    strict_1.default.deepEqual(tab.position, { file: FILE, line: 2, column: 1 });
    const unclosed = syntaxError('a: [1, 2\n'); // the stream ends at the start of line 2
    strict_1.default.equal(unclosed.message, 'yaml syntax error: unexpected end of the stream within a flow collection');
    strict_1.default.deepEqual(unclosed.position, { file: FILE, line: 2, column: 1 });
    const crlf = syntaxError('a: 1\r\nb: *nope\r\n');
    strict_1.default.equal(crlf.message, 'yaml syntax error: unidentified alias "nope"');
    strict_1.default.deepEqual(crlf.position, { file: FILE, line: 2, column: 9 });
    // load() rejects several documents without a mark: point at the second one.
    const two = syntaxError('a: 1\n---\nb: 2\n');
    strict_1.default.equal(two.message, 'yaml syntax error: expected a single document in the stream, but found more');
    strict_1.default.deepEqual(two.position, { file: FILE, line: 3, column: 1 });
});
(0, node_test_1.test)('a large document (1,000 instances, 20,000 lines) is parsed quickly', () => {
    const LINES_PER_INSTANCE = 20;
    const COUNT = 1000;
    const lines = ['instances:'];
    for (let i = 0; i < COUNT; i++) {
        lines.push(`  - name: pg-${i}`, //                    +0: value col 11
        `    host: db-${i}.internal`, //           +1: value col 11
        '    port: 5432', //                       +2
        `    # comment ${i}`, //                   +3
        '    backup:', //                          +4: key col 5
        '      schedule: "0 3 * * *"', //          +5: value col 17
        '      retention: 7', //                   +6
        '      targets:', //                       +7
        `        - s3://bucket/${i}`, //           +8: item col 11
        `        - gs://bucket/${i}`, //           +9: item col 11
        `    tags: [primary, "zone-${i % 3}"]`, // +10: "[" col 11, primary col 12, "zone" col 21
        '    options:', //                         +11
        '      max_connections: 100', //           +12: value col 24
        '      shared_buffers: 128MB', //          +13
        '      wal_level: replica', //             +14
        '      archive_mode: "on"', //             +15
        '    ssh:', //                             +16
        '      user: barman', //                   +17: key col 7, value col 13
        '      key: |', //                         +18: value col 12
        `        -----BEGIN ${i}-----`);
    }
    const text = lines.join('\n') + '\n';
    strict_1.default.equal(lines.length, 1 + COUNT * LINES_PER_INSTANCE);
    const started = process.hrtime.bigint();
    const doc = (0, yaml_source_1.parseYaml)(text, FILE);
    const instances = doc.value.instances;
    strict_1.default.equal(instances.length, COUNT);
    for (let i = 0; i < COUNT; i++) {
        const first = 2 + i * LINES_PER_INSTANCE; // line of "  - name: ..."
        strict_1.default.equal(val(doc, ['instances', i]), `${first}:5`);
        strict_1.default.equal(val(doc, ['instances', i, 'name']), `${first}:11`);
        strict_1.default.equal(val(doc, ['instances', i, 'backup', 'targets', 1]), `${first + 9}:11`);
        strict_1.default.equal(val(doc, ['instances', i, 'tags', 1]), `${first + 10}:21`);
        strict_1.default.equal(key(doc, ['instances', i, 'ssh', 'user']), `${first + 17}:7`);
        strict_1.default.equal(val(doc, ['instances', i, 'ssh', 'key']), `${first + 18}:12`);
    }
    strict_1.default.equal(val(doc, ['instances', 999, 'options', 'max_connections']), `${2 + 999 * 20 + 12}:24`);
    strict_1.default.equal(val(doc, ['instances', 500, 'backup', 'schedule']), `${2 + 500 * 20 + 5}:17`);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    strict_1.default.ok(elapsedMs < 3000, `parsing and 6,000 lookups took ${elapsedMs.toFixed(0)} ms`);
});
