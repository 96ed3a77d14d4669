/**
 * The README's TypeScript estate example ("Hosts created in the same apply") run as written: its
 * code block is compiled with TypeScript and run against this build of the library, and its
 * synthesized stack must connect to the host resources, name them in the files and wait for them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../support/paths';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdktf-barman-readme-estate-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** the first ts code block after the heading */
function exampleAfter(heading: string): string {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  const at = readme.indexOf(`\n### ${heading}\n`);
  assert.ok(at >= 0, heading);
  const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(m, `a ts block after ${heading}`);
  return m[1];
}

type Json = { resource: Record<string, Record<string, { connection?: { host?: string }; depends_on?: string[]; [k: string]: unknown }>> };

test('the README estate example synthesizes: connections, files and dependencies follow the host resources', () => {
  const source = exampleAfter('Hosts created in the same apply');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText
    .replace(/require\("cdktf-barman"\)/g, JSON.stringify(join(repoRoot(), 'dist', 'lib', 'index.js')).replace(/^/, 'require(') + ')')
    .replace(/require\("cdktf"\)/g, `require(${JSON.stringify(join(repoRoot(), 'node_modules', 'cdktf'))})`);
  assert.match(js, /dist\/lib\/index\.js/, 'the example imports cdktf-barman');
  const file = join(tmp, 'main.js');
  writeFileSync(file, js);
  const r = spawnSync(process.execPath, [file], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(readFileSync(join(tmp, 'cdktf.out', 'stacks', 'estate', 'cdk.tf.json'), 'utf8')) as Json;
  const hosts = ['${terraform_data.db.output.ip}', '${terraform_data.backup.output.ip}'];
  const library = Object.entries(json.resource).flatMap(([type, byName]) => Object.entries(byName).filter(([name]) => name.startsWith('barman_')).map(([name, r]) => ({ id: `${type}.${name}`, r })));
  assert.ok(library.length >= 6, library.map((x) => x.id).join(' '));
  for (const { id, r } of library) {
    assert.ok(['terraform_data.db', 'terraform_data.backup'].every((d) => r.depends_on?.includes(d)), `${id} waits for both hosts: ${JSON.stringify(r.depends_on)}`);
    if (r.connection) assert.ok(hosts.includes(String(r.connection.host)), `${id} connects to ${r.connection.host}`);
  }
  const text = JSON.stringify(json);
  assert.ok(text.includes('host=${terraform_data.db.output.ip}'), 'the conninfo of db1 names the host resource');
  // the literal addresses live in the host resources only: the library's resources name the references
  for (const { id, r } of library) assert.doesNotMatch(JSON.stringify(r), /10\.0\.0\.1[12]/, id);
});
