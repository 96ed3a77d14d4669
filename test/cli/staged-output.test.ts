/**
 * writeStaged: the new output appears whole or not at all, and never over an entry it does not own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputError, writeStaged } from '../../lib/cli/staged-output';
import { snapshot } from './cli-harness';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdktf-barman-staged-'));
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function oldOutput(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'own'), { recursive: true });
  writeFileSync(join(dir, 'own', 'a'), 'old a');
  writeFileSync(join(dir, 'list'), 'old list');
  writeFileSync(join(dir, 'theirs'), 'keep');
  return dir;
}

test('a fill that fails halfway leaves the old output as it was and no staging directory', () => {
  const dir = oldOutput('fails');
  const before = snapshot(dir);
  assert.throws(() => writeStaged(dir, (s) => {
    writeFileSync(join(s, 'list'), 'new list');
    throw new TypeError('halfway');
  }, ['own', 'list']), TypeError);
  assert.deepEqual(snapshot(dir), before);
});

test('a success replaces the listed entries, removes the listed ones not written again, keeps the rest', () => {
  const dir = oldOutput('succeeds');
  writeStaged(dir, (s) => writeFileSync(join(s, 'list'), 'new list'), ['own', 'list']);
  assert.deepEqual(readdirSync(dir).sort(), ['list', 'theirs']);
  assert.equal(readFileSync(join(dir, 'list'), 'utf8'), 'new list');
  assert.equal(readFileSync(join(dir, 'theirs'), 'utf8'), 'keep');
});

test('a new entry named like one it may not replace: OutputError, nothing changed', () => {
  const dir = oldOutput('clash');
  const before = snapshot(dir);
  assert.throws(() => writeStaged(dir, (s) => writeFileSync(join(s, 'theirs'), 'overwritten'), ['own', 'list']), (e: unknown) => e instanceof OutputError && /already holds theirs/.test(e.message));
  assert.deepEqual(snapshot(dir), before);
});

test('a missing target appears whole (its missing parents included)', () => {
  const dir = join(tmp, 'new', 'deeper', 'out');
  writeStaged(dir, (s) => writeFileSync(join(s, 'x'), 'x'));
  assert.deepEqual(readdirSync(dir), ['x']);
  assert.deepEqual(readdirSync(join(tmp, 'new', 'deeper')), ['out']);
});
