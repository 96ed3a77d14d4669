/**
 * The roles step and the .pgpass step take the passwords as base64 files and run one check on the
 * decoded bytes before changing anything: a password .pgpass cannot hold (a newline anywhere, a
 * trailing one included, a control character, nothing at all) stops both, with the same message.
 * Run with the real sh.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHELL_LIBRARY } from '../../lib/scripts/shell-library';
import { POSTGRES_SIDE_LIBRARY } from '../../lib/scripts/postgres-side-library';
import { pgpassScript, postgresRolesScript } from '../../lib/scripts/postgres-side-scripts';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { FileKind, renderHosts } from '../../lib/render/host-files';
import { seedGraph } from '../constructs/synth-helpers';

function check(password: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-pw-'));
  try {
    const file = join(dir, 'pw');
    writeFileSync(file, Buffer.from(password, 'utf8').toString('base64'));
    const r = spawnSync('sh', ['-c', `set -eu\n${SHELL_LIBRARY}\n${POSTGRES_SIDE_LIBRARY}\npassword_ok "$1" barman\necho accepted`, 'sh', file], { encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr + r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('database passwords as the secret steps check them', () => {
  for (const [label, pw] of [['an embedded newline', 'abc\ndef'], ['a trailing newline', 'abcdef\n'], ['a carriage return', 'abc\rdef'], ['a tab', 'abc\tdef'], ['an escape character', 'abc\x1bdef']]) {
    test(`refused: ${label}`, () => {
      const r = check(pw);
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /the barman password holds a newline or control character, which \.pgpass cannot hold/);
      assert.doesNotMatch(r.stderr, /accepted/);
    });
  }
  test('refused: empty', () => {
    const r = check('');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /the barman password is empty/);
  });
  for (const pw of ["p:w\\d'\"$(x)`y`;%{a}${b}", 'é ü 中 ' + 'x'.repeat(500)]) {
    test(`accepted: ${JSON.stringify(pw.slice(0, 30))}`, () => {
      const r = check(pw);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /accepted/);
    });
  }
  test('both steps check both passwords before they change anything', () => {
    const graph = seedGraph();
    const roles = postgresRolesScript(graph.postgresInstances[0]).split('\n');
    const edge = graph.edges[0];
    const pgpass = renderHosts(graph, new PlaceholderKeys()).flatMap((h) => h.files).find((f) => f.kind === FileKind.PASSWORD_BLOCK)!;
    const lines = pgpassScript(edge, pgpass).split('\n');
    const first = (ls: string[], re: RegExp) => ls.findIndex((l) => re.test(l));
    const checkLine = 'password_ok "$1" barman; password_ok "$2" streaming_barman';
    assert.ok(roles.includes(checkLine) && roles.indexOf(checkLine) < first(roles, /pg_sql -f/), 'roles: checked before psql');
    assert.ok(lines.includes(checkLine) && lines.indexOf(checkLine) < first(lines, /^merge_block /), '.pgpass: checked before the file changes');
  });
});
