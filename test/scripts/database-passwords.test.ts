/**
 * The roles step and the .pgpass step take the passwords as base64 files and run one check on the
 * decoded bytes before changing anything: a password .pgpass cannot hold (a newline anywhere, a
 * trailing one included, a control character, nothing at all) stops both, with the same message.
 * Run with the real sh.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellQuote } from '../../lib/render/shell-quote';
import { shellFile } from '../../lib/scripts/shell-assets';
import { runInProgram } from '../support/host-step';

function check(password: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-pw-'));
  try {
    const file = join(dir, 'pw');
    writeFileSync(file, Buffer.from(password, 'utf8').toString('base64'));
    // password_ok of the host program, as the secret steps call it
    const r = runInProgram(`password_ok ${shellQuote(file)} barman\necho accepted`);
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
    // the step functions of shell/postgres-steps.sh (the assembled program has the role names filled in)
    const text = shellFile('postgres-steps.sh', { BARMAN_DB_USER: 'barman', STREAMING_DB_USER: 'streaming_barman' });
    const body = (fn: string) => {
      const from = text.indexOf(`\n${fn}() {`);
      assert.ok(from >= 0, `${fn} is defined`);
      return text.slice(from, text.indexOf('\n}\n', from)).split('\n');
    };
    const first = (ls: string[], re: RegExp) => ls.findIndex((l) => re.test(l));
    const roles = body('roles_create');
    const pgpass = body('pgpass_lines');
    for (const [name, ls, checks, change] of [
      ['roles', roles, ['password_ok "$3" barman', 'password_ok "$4" streaming_barman'], /pg_sql -f/],
      ['.pgpass', pgpass, ['password_ok "$9" barman', 'password_ok "${10}" streaming_barman'], /^\s*merge_block /],
    ] as const) {
      const changeAt = first(ls, change);
      assert.ok(changeAt > 0, `${name}: the change`);
      for (const c of checks) {
        const at = ls.findIndex((l) => l.trim() === c);
        assert.ok(at > 0 && at < changeAt, `${name}: ${c} before the change`);
      }
      // nothing written before the checks (the secret files are only read)
      assert.ok(first(ls.slice(0, changeAt), /^\s*(merge_block|install_from|put_file|pg_sql -f) /) < 0, `${name}: no write before the checks`);
    }
  });
});
