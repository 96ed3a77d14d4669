/**
 * Issue 12's hostile-input suite: every key that reaches a host file, a command, a cron line,
 * pg_hba.conf, authorized_keys or SQL, times a payload list. Each case must EITHER be rejected
 * (a one-line diagnostic with file:line:col and the key, exit 1, nothing written) OR be accepted
 * with the value read back exactly by the consumer's own parser: Barman's (barman.conf and
 * barman.d), cron's (test/support/cron-check), PostgreSQL's pg_hba fields, sshd's option syntax,
 * and Terraform's interpolation (no expression the payload built, `${`/`%{` escaped).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { formatDiagnostic } from '../../lib/model/diagnostics';
import { FileKind } from '../../lib/render/host-files';
import { ValueKind } from '../../lib/model/settings';
import { BarmanParse, ParsedServer, barmanProblems, expectedServerConfig, findBarmanPython } from '../support/barman-parse';
import { cronFileProblems } from '../support/cron-check';
import { HOSTILE_KEYS, PAYLOADS, Payload, HostileKey, isTerraformPayload, keyTitle } from './hostile-cases';
import { authorizedKeyProblems, fromPatterns, knownHostsProblems, hbaLineProblems, newExpressions, terraformLiteral } from './hostile-checks';
import { CaseResult, SYNTH_MODES, baselineSynth, checkShellSyntax, filesUnder, readBarmanConfigs, runCase } from './hostile-run';

const PY = findBarmanPython();
let base: string;
let baseline: Map<string, Map<string, string>>;
const results = new Map<string, CaseResult>();
const caseId = (k: HostileKey, p: Payload): string => `${keyTitle(k)} × ${p.name}`;

before(async () => {
  base = mkdtempSync(join(tmpdir(), 'cdktf-barman-hostile-'));
  baseline = await baselineSynth(base);
  let n = 0;
  for (const k of HOSTILE_KEYS) for (const p of PAYLOADS) results.set(caseId(k, p), await runCase(join(base, `case-${n++}`), k, p));
  if (PY.ok) readBarmanConfigs(PY.python, [...results.values()]);
  checkShellSyntax(base, baseline.values().next().value!, [...results.values()]);
});
after(() => rmSync(base, { recursive: true, force: true }));

/** a diagnostic printed on one line, no raw control character or Unicode line break */
const LINE_BREAKING = /[\x00-\x1f\x7f\u0085\u2028\u2029]/;

function assertRejected(r: CaseResult): void {
  const shown = r.errors.map(formatDiagnostic).join('\n');
  for (const d of r.errors) {
    const line = formatDiagnostic(d);
    assert.ok(d.position !== undefined && d.position.line >= 1 && d.position.column >= 1, `no line:col: ${JSON.stringify(line)}`);
    assert.ok(line.startsWith(`${r.file}:${d.position.line}:${d.position.column}: error: `), `not FILE:LINE:COL: error: ${JSON.stringify(line)}`);
    assert.ok(d.key !== undefined, `no key: ${JSON.stringify(line)}`);
    assert.ok(!LINE_BREAKING.test(line), `the diagnostic is not one clean line: ${JSON.stringify(line)}`);
  }
  assert.ok(r.errors.some((d) => d.key !== undefined && r.key.diagnosticKeys.includes(d.key)), `no error names ${r.key.diagnosticKeys.join(' or ')}:\n${shown}`);
  // the command line: exit 1, every stderr line a diagnostic or the summary, nothing written
  assert.equal(r.render.crash, undefined, `render crashed: ${r.render.crash}`);
  assert.equal(r.render.code, 1, `render exit ${r.render.code}: ${r.render.stderr}`);
  for (const l of r.render.stderr.split('\n').filter((x) => x !== '')) {
    assert.ok(l.startsWith(`${r.file}:`), `stderr line without the file: ${JSON.stringify(l)}`);
    assert.ok(!LINE_BREAKING.test(l), `stderr line with a raw control or line-break character: ${JSON.stringify(l)}`);
  }
  assert.deepEqual(filesUnder(r.outDir), [], 'render wrote files for an invalid config');
}

/** every file the render wrote for one instance, with its manifest entry */
function renderedFiles(r: CaseResult): { instance: string; path: string; kind: string; owner: string; group: string; mode: string; content: string }[] {
  const out = [];
  for (const rel of filesUnder(r.outDir).filter((f) => f.endsWith('/manifest.json'))) {
    const manifest = JSON.parse(readFileSync(join(r.outDir, rel), 'utf8')) as { instance: string; files: { path: string; kind: string; owner: string; group: string; mode: string }[] };
    for (const f of manifest.files) {
      if (f.kind === FileKind.DIRECTORY || f.kind === FileKind.LOG_FILE) continue;
      out.push({ ...f, instance: manifest.instance, content: readFileSync(join(r.outDir, manifest.instance, f.path), 'utf8') });
    }
  }
  return out;
}

function assertAcceptedExactly(r: CaseResult): void {
  assert.equal(r.render.crash, undefined, `validation accepted ${JSON.stringify(r.value.slice(0, 80))}, then render crashed: ${r.render.crash}`);
  assert.equal(r.render.code, 0, `render exit ${r.render.code}: ${r.render.stderr}`);
  const files = renderedFiles(r);
  assert.ok(files.length > 0, 'render wrote no file');

  // cron: Debian's cron runs every line of every file
  for (const f of files.filter((x) => x.path.startsWith('/etc/cron.d/'))) {
    assert.deepEqual(cronFileProblems({ path: f.path, content: f.content, owner: f.owner, group: f.group, mode: f.mode }), [], `${f.instance}:${f.path}`);
  }
  // pg_hba.conf: PostgreSQL reads five fields, the address one host or network
  for (const f of files.filter((x) => x.path.endsWith('/pg_hba.conf'))) {
    for (const l of f.content.split('\n').filter((x) => x !== '' && !x.startsWith('#'))) assert.deepEqual(hbaLineProblems(l), [], `${f.instance}:${f.path}`);
  }
  // authorized_keys: sshd reads the options, and from= holds addresses only
  for (const f of files.filter((x) => x.path.endsWith('/authorized_keys'))) {
    for (const l of f.content.split('\n').filter((x) => x !== '')) {
      assert.deepEqual(authorizedKeyProblems(l), [], `${f.instance}:${f.path}`);
      for (const pattern of fromPatterns(l) ?? []) assert.deepEqual(hbaLineProblems(`host all all ${pattern.includes('/') ? pattern : `${pattern}/32`} trust`).filter((p) => p.includes('keyword')), [], `from= pattern ${pattern}`);
    }
  }
  for (const f of files.filter((x) => x.path.endsWith('/known_hosts'))) {
    for (const l of f.content.split('\n').filter((x) => x !== '')) assert.deepEqual(knownHostsProblems(l), [], `${f.instance}:${f.path}`);
  }
  if (r.key.key === 'ssh_host_keys') {
    // known_hosts keeps TYPE BASE64 of each key: whatever follows a line break would vanish unseen
    assert.ok(!/[\r\n\u2028\u0085]/.test(r.value), `a host key with a line break was accepted: ${JSON.stringify(r.value.slice(0, 120))}`);
    const body = r.value.trim().split(/\s+/).slice(0, 2).join(' ');
    assert.ok(files.some((f) => f.path.endsWith('/known_hosts') && f.content.includes(` ${body} `)), `the host key ${body} is in no known_hosts`);
  }
  // Barman: no complaint, and every key reads back as the model means it
  if (PY.ok) {
    for (const s of r.graph!.barmanServers) {
      const parsed: BarmanParse | undefined = r.barman.get(s.name);
      assert.ok(parsed !== undefined, `Barman could not be run on ${s.name}'s files`);
      assert.deepEqual(barmanProblems(parsed), [], `Barman on ${s.name}'s files`);
      for (const e of r.graph!.edgesOnServer(s)) {
        const server: ParsedServer | undefined = parsed.servers[e.backupName];
        assert.ok(server, `Barman has no server [${e.backupName}]: it has ${parsed.server_names.join(', ')}`);
        const wrong: [string, unknown][] = Object.entries(expectedServerConfig(e)).filter(([k, v]) => !isDeepStrictEqual(server.config[k], v));
        assert.deepEqual(wrong.map(([k, v]) => `${k}: Barman reads ${JSON.stringify(server.config[k])}, the model means ${JSON.stringify(v)}`), []);
        const setting = r.key.setting;
        if (setting?.barmanKey !== undefined && [ValueKind.QUOTED_TEXT, ValueKind.SAFE_PATH].includes(setting.kind)) {
          const read: unknown = setting.barmanKey === 'log_file' ? parsed.global.log_file : server.config[setting.barmanKey];
          assert.equal(read, r.value, `Barman reads ${setting.barmanKey} as ${JSON.stringify(read)}`);
        }
      }
    }
  }
  // the shell: the provisioner scripts the value changed still parse
  assert.deepEqual(r.shellSyntax, [], 'bash -n on the provisioner scripts');
  // Terraform: no expression the payload built, and the value reaches Terraform as written
  for (const [mode, s] of r.synth) {
    assert.equal(s.crash, undefined, `synth (${mode}) crashed: ${s.crash}`);
    assert.equal(s.code, 0, `synth (${mode}) exit ${s.code}: ${s.stderr}`);
    assert.deepEqual(newExpressions(baseline.get(mode)!, s.strings!), [], `synth (${mode}): Terraform expressions the payload built`);
    if (isTerraformPayload(r.payload) && files.some((f) => f.content.includes(r.payload.text))) {
      // replacement functions: in a replacement string '$$' is one '$'
      const escaped = r.payload.text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
      assert.ok([...s.strings!.values()].some((v) => v.includes(escaped) && terraformLiteral(v).includes(r.payload.text)), `synth (${mode}): ${JSON.stringify(r.payload.text)} is in the rendered files but nowhere in the Terraform JSON escaped as ${JSON.stringify(escaped)}`);
    }
  }
}

for (const k of HOSTILE_KEYS) {
  describe(keyTitle(k), () => {
    for (const p of PAYLOADS) {
      test(p.name, () => {
        const r = results.get(caseId(k, p))!;
        assert.equal(r.loadCrash, undefined, `loading crashed instead of reporting: ${r.loadCrash}`);
        if (r.graph === undefined) assertRejected(r);
        else assertAcceptedExactly(r);
      });
    }
  });
}

test('the suite covers every setting of the settings table and every synth mode', () => {
  assert.ok(HOSTILE_KEYS.length > 40, `${HOSTILE_KEYS.length} keys`);
  assert.equal(results.size, HOSTILE_KEYS.length * PAYLOADS.length);
  assert.deepEqual([...baseline.keys()], Object.keys(SYNTH_MODES));
  if (!PY.ok) process.stderr.write(`hostile-input: Barman's parser is not available (${PY.reason}): the Barman read-back is not checked\n`);
});
