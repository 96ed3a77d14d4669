import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, SourcePosition, YamlDocument, YamlPath, YamlSyntaxError } from '../../lib/config/yaml-source';

const FILE = 'config.yml';

/** `line:column` of a position, or undefined. */
function lc(position: SourcePosition | undefined): string | undefined {
  if (position === undefined) return undefined;
  assert.equal(position.file, FILE);
  return `${position.line}:${position.column}`;
}

function val(doc: YamlDocument, path: YamlPath): string | undefined {
  return lc(doc.positionOf(path));
}

function key(doc: YamlDocument, path: YamlPath): string | undefined {
  return lc(doc.keyPositionOf(path));
}

function near(doc: YamlDocument, path: YamlPath): string | undefined {
  return lc(doc.nearestPositionOf(path));
}

function syntaxError(text: string): YamlSyntaxError {
  try {
    parseYaml(text, FILE);
  } catch (e) {
    assert.ok(e instanceof YamlSyntaxError, `expected a YamlSyntaxError, got ${String(e)}`);
    assert.ok(e instanceof Error);
    assert.match(e.message, /^yaml syntax error: /);
    return e;
  }
  assert.fail('expected a syntax error');
}

test('nested mappings: values and keys', () => {
  const text = [
    'server:', //              line 1
    '  name: alpha', //        line 2: key col 3, value col 9
    '  network:', //           line 3: key col 3
    '    port: 5432', //       line 4: key col 5, value col 11
    '    host: db.local', //   line 5: key col 5, value col 11
  ].join('\n');
  const doc = parseYaml(text, FILE);
  assert.equal(doc.file, FILE);
  assert.deepEqual(doc.value, { server: { name: 'alpha', network: { port: 5432, host: 'db.local' } } });

  assert.equal(val(doc, []), '1:1');
  assert.equal(val(doc, ['server']), '2:3'); // a nested mapping starts at its first key
  assert.equal(key(doc, ['server']), '1:1');
  assert.equal(val(doc, ['server', 'name']), '2:9');
  assert.equal(key(doc, ['server', 'name']), '2:3');
  assert.equal(val(doc, ['server', 'network']), '4:5');
  assert.equal(key(doc, ['server', 'network']), '3:3');
  assert.equal(val(doc, ['server', 'network', 'port']), '4:11');
  assert.equal(key(doc, ['server', 'network', 'port']), '4:5');
  assert.equal(val(doc, ['server', 'network', 'host']), '5:11');
  assert.equal(key(doc, ['server', 'network', 'host']), '5:5');
  assert.equal(key(doc, []), undefined);
});

test('block and flow sequences', () => {
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
  const doc = parseYaml(text, FILE);
  assert.deepEqual(doc.value, {
    items: ['first', { name: 'second', size: 2 }, null, [10, 20, { x: 30 }]],
    flow: ['a', 'b', 'c'],
    matrix: [[1, 2], []],
  });

  assert.equal(val(doc, ['items']), '2:3');
  assert.equal(val(doc, ['items', 0]), '2:5');
  assert.equal(val(doc, ['items', 1]), '3:5');
  assert.equal(val(doc, ['items', 1, 'name']), '3:11');
  assert.equal(key(doc, ['items', 1, 'name']), '3:5');
  assert.equal(val(doc, ['items', 1, 'size']), '4:11');
  assert.equal(val(doc, ['items', 2]), '5:4');
  assert.equal(val(doc, ['items', 3]), '6:5');
  assert.equal(val(doc, ['items', 3, 0]), '6:6');
  assert.equal(val(doc, ['items', 3, 1]), '6:10');
  assert.equal(val(doc, ['items', 3, 2]), '6:14');
  assert.equal(key(doc, ['items', 3, 2, 'x']), '6:15');
  assert.equal(val(doc, ['items', 3, 2, 'x']), '6:18');
  assert.equal(key(doc, ['items', 0]), undefined); // sequence items have no key

  assert.equal(val(doc, ['flow']), '7:7');
  assert.equal(val(doc, ['flow', 0]), '7:8');
  assert.equal(val(doc, ['flow', 1]), '7:11');
  assert.equal(val(doc, ['flow', 2]), '7:16');

  assert.equal(val(doc, ['matrix']), '9:1'); // sequence at the same indentation as its key
  assert.equal(val(doc, ['matrix', 0]), '9:3');
  assert.equal(val(doc, ['matrix', 0, 0]), '9:5');
  assert.equal(val(doc, ['matrix', 0, 1]), '10:5');
  assert.equal(val(doc, ['matrix', 1]), '11:3');
});

test('flow mappings and single-pair mappings in flow sequences', () => {
  const text = [
    'm: {a, b: 1, "c": [x]}', // "{" col 4, a col 5, b col 8, 1 col 11, "c" col 14, "[" col 19, x col 20
    's: [k: v, plain]', //       "[" col 4, k col 5, v col 8, plain col 11
  ].join('\n');
  const doc = parseYaml(text, FILE);
  assert.deepEqual(doc.value, { m: { a: null, b: 1, c: ['x'] }, s: [{ k: 'v' }, 'plain'] });

  assert.equal(val(doc, ['m']), '1:4');
  assert.equal(key(doc, ['m', 'a']), '1:5');
  assert.equal(val(doc, ['m', 'a']), '1:5'); // no value written: the key's position
  assert.equal(key(doc, ['m', 'b']), '1:8');
  assert.equal(val(doc, ['m', 'b']), '1:11');
  assert.equal(key(doc, ['m', 'c']), '1:14');
  assert.equal(val(doc, ['m', 'c']), '1:19');
  assert.equal(val(doc, ['m', 'c', 0]), '1:20');

  assert.equal(val(doc, ['s', 0]), '2:5');
  assert.equal(key(doc, ['s', 0, 'k']), '2:5');
  assert.equal(val(doc, ['s', 0, 'k']), '2:8');
  assert.equal(val(doc, ['s', 1]), '2:11');
});

test('scalars of every style', () => {
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
  const doc = parseYaml(text, FILE);
  assert.deepEqual(doc.value, {
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

  assert.equal(val(doc, ['plain']), '1:8');
  assert.equal(val(doc, ['single']), '2:9');
  assert.equal(val(doc, ['double']), '3:9');
  assert.equal(val(doc, ['literal']), '4:10');
  assert.equal(val(doc, ['folded']), '7:9');
  assert.equal(key(doc, ['after']), '10:1');
  assert.equal(val(doc, ['after']), '10:8');
  assert.equal(val(doc, ['multi']), '11:8');
  assert.equal(val(doc, ['quoted']), '13:9');
  assert.equal(key(doc, ['tail']), '15:1');
  assert.equal(val(doc, ['tail']), '15:7');
});

test('keys versus values: quoted, spaced, explicit and empty', () => {
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
  const doc = parseYaml(text, FILE);
  assert.deepEqual(doc.value, {
    'quoted key': 1,
    single: 2,
    'spaced key': 3,
    explicit: 4,
    nokey: null,
    '8080': 'web',
    tagged: '42',
    anchored: 7,
  });

  assert.equal(key(doc, ['quoted key']), '1:1');
  assert.equal(val(doc, ['quoted key']), '1:15');
  assert.equal(key(doc, ['single']), '2:1');
  assert.equal(val(doc, ['single']), '2:11');
  assert.equal(key(doc, ['spaced key']), '3:1');
  assert.equal(val(doc, ['spaced key']), '3:18');
  assert.equal(key(doc, ['explicit']), '4:3');
  assert.equal(val(doc, ['explicit']), '5:3');
  assert.equal(key(doc, ['nokey']), '6:1');
  assert.equal(val(doc, ['nokey']), '6:7');
  assert.equal(key(doc, [8080]), '7:1'); // numbers are accepted for mapping keys
  assert.equal(val(doc, ['8080']), '7:7');
  assert.equal(val(doc, ['tagged']), '8:9');
  assert.equal(val(doc, ['anchored']), '9:11');
});

test('comments and blank lines are skipped', () => {
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
  const doc = parseYaml(text, FILE);
  assert.deepEqual(doc.value, { top: { child: 1 }, list: ['a', 'b'] });

  assert.equal(val(doc, []), '3:1');
  assert.equal(key(doc, ['top']), '3:1');
  assert.equal(val(doc, ['top']), '6:3');
  assert.equal(key(doc, ['top', 'child']), '6:3');
  assert.equal(val(doc, ['top', 'child']), '6:10');
  assert.equal(key(doc, ['list']), '7:1');
  assert.equal(val(doc, ['list']), '9:3');
  assert.equal(val(doc, ['list', 0]), '9:5');
  assert.equal(val(doc, ['list', 1]), '11:5');
});

test('documents with a directive, "---" and "..."', () => {
  const text = [
    '%YAML 1.2', //             line 1
    '--- # start', //           line 2
    'name: x', //               line 3: key col 1, value col 7
    'list: [1]', //             line 4: "[" col 7, 1 col 8
    '...', //                   line 5
  ].join('\n');
  const doc = parseYaml(text, FILE);
  assert.deepEqual(doc.value, { name: 'x', list: [1] });
  assert.equal(val(doc, []), '3:1');
  assert.equal(val(doc, ['name']), '3:7');
  assert.equal(val(doc, ['list']), '4:7');
  assert.equal(val(doc, ['list', 0]), '4:8');

  const inline = parseYaml('--- hello\n', FILE); // scalar at col 5
  assert.equal(inline.value, 'hello');
  assert.equal(val(inline, []), '1:5');

  const seq = parseYaml('---\n- a\n- b\n', FILE); // items on lines 2 and 3, col 3
  assert.deepEqual(seq.value, ['a', 'b']);
  assert.equal(val(seq, []), '2:1');
  assert.equal(val(seq, [1]), '3:3');
});

test('CRLF, lone CR and a byte order mark', () => {
  const crlf = parseYaml('a: 1\r\nb:\r\n  - x\r\n  - "y"\r\nc: |\r\n  t\r\nd: end\r\n', FILE);
  assert.deepEqual(crlf.value, { a: 1, b: ['x', 'y'], c: 't\n', d: 'end' });
  assert.equal(val(crlf, ['a']), '1:4');
  assert.equal(key(crlf, ['b']), '2:1');
  assert.equal(val(crlf, ['b']), '3:3');
  assert.equal(val(crlf, ['b', 0]), '3:5');
  assert.equal(val(crlf, ['b', 1]), '4:5');
  assert.equal(val(crlf, ['c']), '5:4');
  assert.equal(key(crlf, ['d']), '7:1'); // "\r\n" counts as one line break
  assert.equal(val(crlf, ['d']), '7:4');

  const cr = parseYaml('a: 1\rb: 2\r', FILE);
  assert.deepEqual(cr.value, { a: 1, b: 2 });
  assert.equal(val(cr, ['b']), '2:4');

  const bom = parseYaml('\ufeffa: 1\nb: 2\n', FILE); // the BOM is not a column
  assert.equal(key(bom, ['a']), '1:1');
  assert.equal(val(bom, ['a']), '1:4');
  assert.equal(val(bom, ['b']), '2:4');
});

test('anchors, aliases and merge keys do not crash and stay consistent', () => {
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
  const doc = parseYaml(text, FILE);
  const value = doc.value as Record<string, Record<string, unknown>>;
  assert.deepEqual(value.prod, { host: 'db', port: 6432 });
  assert.deepEqual(value.copy, { host: 'db', port: 5432 });
  assert.deepEqual(value.multi, { host: 'db', port: 5432, extra: true });

  assert.equal(val(doc, ['base']), '1:7');
  assert.equal(val(doc, ['base', 'host']), '2:9');
  // An explicit key wins over a merged one...
  assert.equal(key(doc, ['prod', 'port']), '6:3');
  assert.equal(val(doc, ['prod', 'port']), '6:9');
  // ...and merged keys point at their definition in the anchored mapping.
  assert.equal(key(doc, ['prod', 'host']), '2:3');
  assert.equal(val(doc, ['prod', 'host']), '2:9');
  // "<<" itself is not part of the loaded value.
  assert.equal(val(doc, ['prod', '<<']), undefined);
  assert.equal(near(doc, ['prod', '<<']), '5:3');
  // An alias is positioned where it is written; paths through it lead into the anchor.
  assert.equal(val(doc, ['copy']), '7:7');
  assert.equal(val(doc, ['copy', 'port']), '3:9');
  assert.equal(val(doc, ['multi', 'host']), '2:9');
  assert.equal(key(doc, ['multi', 'extra']), '9:16');
  assert.equal(val(doc, ['multi', 'extra']), '9:23');
});

// Was: circular aliases loaded as a circular structure (with positions through the cycle).  Such a
// value expands forever, and showing it in a message crashed, so it is now rejected at the alias.
test('an alias used inside the value it refers to is rejected where it is written', () => {
  const text = ['ok: 1', 'self: &self [1, *self]'].join('\n'); // "*self" at 2:17
  assert.throws(
    () => parseYaml(text, FILE),
    (e: unknown) => e instanceof YamlSyntaxError && lc(e.position) === '2:17' && /alias \*self is used inside the value it refers to/.test(e.message),
  );
});

test('tags that change the shape of a value never yield a wrong-shaped position', () => {
  const text = [
    'pairs: !!pairs', //  line 1: value col 8
    '  - a: 1', //        line 2: item col 5
    'set: !!set', //      line 3
    '  ? x', //           line 4: key col 5
  ].join('\n');
  const doc = parseYaml(text, FILE);
  assert.deepEqual(doc.value, { pairs: [['a', 1]], set: { x: null } });
  assert.equal(val(doc, ['pairs']), '1:8');
  assert.equal(val(doc, ['pairs', 0]), '2:5');
  assert.equal(val(doc, ['pairs', 0, 'a']), undefined); // the loaded item is ['a', 1], not a mapping
  assert.equal(val(doc, ['pairs', 0, 0]), undefined);
  assert.equal(key(doc, ['set', 'x']), '4:5');
});

test('missing paths', () => {
  const text = [
    'server:', //           line 1
    '  name: alpha', //     line 2: value col 9
    '  network:', //        line 3
    '    port: 5432', //    line 4: key col 5
    'items: [1, 2]', //     line 5: "[" col 8
  ].join('\n');
  const doc = parseYaml(text, FILE);
  assert.equal(val(doc, ['nope']), undefined);
  assert.equal(key(doc, ['nope']), undefined);
  assert.equal(val(doc, ['server', 'nope']), undefined);
  assert.equal(val(doc, ['server', 'name', 'x']), undefined); // through a scalar
  assert.equal(val(doc, ['server', 0]), undefined); // index into a mapping
  assert.equal(val(doc, ['items', 2]), undefined); // out of range
  assert.equal(val(doc, ['items', -1]), undefined);
  assert.equal(val(doc, ['items', 'x']), undefined); // key into a sequence
  assert.equal(val(doc, ['items', '1']), '5:12'); // a numeric string is an index
  assert.equal(val(doc, ['toString']), undefined); // no prototype lookups
  assert.equal(val(doc, ['__proto__']), undefined);

  assert.equal(near(doc, ['server', 'network', 'nope', 'deeper']), '4:5');
  assert.equal(near(doc, ['server', 'name', 'x']), '2:9');
  assert.equal(near(doc, ['items', 7]), '5:8');
  assert.equal(near(doc, ['zzz']), '1:1');
  assert.equal(near(doc, ['items', 1]), '5:12'); // existing path: its own position

  const empty = parseYaml('', FILE);
  assert.equal(empty.value, undefined);
  assert.equal(val(empty, []), undefined);
  assert.equal(near(empty, ['a']), '1:1');

  const comments = parseYaml('# only a comment\n', FILE);
  assert.equal(comments.value, null);
  assert.equal(near(comments, ['a', 0]), '2:1');
});

test('syntax errors carry the position js-yaml reports, 1-based', () => {
  // The third line is indented by one space: neither part of "server" nor a top-level key.
  const bad = syntaxError('server:\n  name: alpha\n port: 5432\n');
  assert.equal(bad.message, 'yaml syntax error: bad indentation of a mapping entry');
  assert.deepEqual(bad.position, { file: FILE, line: 3, column: 2 });

  const dup = syntaxError('x: 1\ny: 2\nx: 3\n');
  assert.equal(dup.message, 'yaml syntax error: duplicated mapping key');
  assert.deepEqual(dup.position, { file: FILE, line: 3, column: 1 });

  // js-yaml's own mark has column -5 here (line 0 is falsy in its bookkeeping);
  // the position is derived from the mark's offset instead: the second "a".
  const dupFlow = syntaxError('{a: 1, a: [\n1]}\n');
  assert.deepEqual(dupFlow.position, { file: FILE, line: 1, column: 8 });

  const tab = syntaxError('a:\n\tb: 1\n');
  assert.equal(tab.message, 'yaml syntax error: tab characters must not be used in indentation');
  assert.deepEqual(tab.position, { file: FILE, line: 2, column: 1 });

  const unclosed = syntaxError('a: [1, 2\n'); // the stream ends at the start of line 2
  assert.equal(unclosed.message, 'yaml syntax error: unexpected end of the stream within a flow collection');
  assert.deepEqual(unclosed.position, { file: FILE, line: 2, column: 1 });

  const crlf = syntaxError('a: 1\r\nb: *nope\r\n');
  assert.equal(crlf.message, 'yaml syntax error: unidentified alias "nope"');
  assert.deepEqual(crlf.position, { file: FILE, line: 2, column: 9 });

  // load() rejects several documents without a mark: point at the second one.
  const two = syntaxError('a: 1\n---\nb: 2\n');
  assert.equal(two.message, 'yaml syntax error: expected a single document in the stream, but found more');
  assert.deepEqual(two.position, { file: FILE, line: 3, column: 1 });
});

test('a large document (1,000 instances, 20,000 lines) is parsed quickly', () => {
  const LINES_PER_INSTANCE = 20;
  const COUNT = 1000;
  const lines = ['instances:'];
  for (let i = 0; i < COUNT; i++) {
    lines.push(
      `  - name: pg-${i}`, //                    +0: value col 11
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
      `        -----BEGIN ${i}-----`, //         +19
    );
  }
  const text = lines.join('\n') + '\n';
  assert.equal(lines.length, 1 + COUNT * LINES_PER_INSTANCE);

  const started = process.hrtime.bigint();
  const doc = parseYaml(text, FILE);
  const instances = (doc.value as { instances: Array<Record<string, unknown>> }).instances;
  assert.equal(instances.length, COUNT);
  for (let i = 0; i < COUNT; i++) {
    const first = 2 + i * LINES_PER_INSTANCE; // line of "  - name: ..."
    assert.equal(val(doc, ['instances', i]), `${first}:5`);
    assert.equal(val(doc, ['instances', i, 'name']), `${first}:11`);
    assert.equal(val(doc, ['instances', i, 'backup', 'targets', 1]), `${first + 9}:11`);
    assert.equal(val(doc, ['instances', i, 'tags', 1]), `${first + 10}:21`);
    assert.equal(key(doc, ['instances', i, 'ssh', 'user']), `${first + 17}:7`);
    assert.equal(val(doc, ['instances', i, 'ssh', 'key']), `${first + 18}:12`);
  }
  assert.equal(val(doc, ['instances', 999, 'options', 'max_connections']), `${2 + 999 * 20 + 12}:24`);
  assert.equal(val(doc, ['instances', 500, 'backup', 'schedule']), `${2 + 500 * 20 + 5}:17`);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(elapsedMs < 3000, `parsing and 6,000 lookups took ${elapsedMs.toFixed(0)} ms`);
});
