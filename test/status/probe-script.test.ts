/**
 * The probe script for real: `sh -n`, shellcheck, and runs of `sh -s` on this machine with a
 * `barman` on PATH that replays real Barman 3.4 output (test/fixtures/status), so that the
 * script's own logic (sections, exit codes, hashes, quoting) runs as it does on a Barman server.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProbeOutput } from '../../lib/status/probe-output';
import { probeScript } from '../../lib/status/probe-script';
import { shellQuote } from '../../lib/render/shell-quote';
import { probeFixture } from './status-fixtures';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-probe-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** a bin directory whose `barman` prints the captured output of `name` */
function replayBarman(name: string): string {
  const o = parseProbeOutput(probeFixture(name));
  const bin = join(dir, `bin-${name}`);
  mkdirSync(bin, { recursive: true });
  const data = join(dir, `data-${name}`);
  mkdirSync(data, { recursive: true });
  for (const [k, c] of Object.entries({ version: o.version!, diagnose: o.diagnose!, check: o.check! })) {
    writeFileSync(join(data, `${k}.out`), c.out);
    writeFileSync(join(data, `${k}.err`), c.err);
    writeFileSync(join(data, `${k}.rc`), String(c.rc));
  }
  writeFileSync(
    join(bin, 'barman'),
    `#!/bin/sh
d=${shellQuote(data)}
case "$*" in
  -v) k=version ;;
  diagnose) k=diagnose ;;
  "-f json check "*) k=check; echo "$*" >"$d/check.args" ;;
  *) echo "unexpected: $*" >&2; exit 9 ;;
esac
cat "$d/$k.out"; cat "$d/$k.err" >&2; exit "$(cat "$d/$k.rc")"
`,
  );
  chmodSync(join(bin, 'barman'), 0o755);
  return bin;
}

function runProbe(script: string, path: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('/bin/sh', ['-s'], { input: script, encoding: 'utf8', env: { PATH: path }, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const input = (files: string[], names = ['pg1', "it's"]) => ({ backupNames: names, files, barmanHome: join(dir, 'home'), connectTimeout: 10 });

describe('probe script', () => {
  test('sh -n and shellcheck accept it', () => {
    const script = probeScript(input(['/etc/barman.conf', '/etc/cron.d/pg1']));
    const file = join(dir, 'probe.sh');
    writeFileSync(file, script);
    assert.equal(spawnSync('/bin/sh', ['-n', file]).status, 0);
    const sc = spawnSync('shellcheck', ['-s', 'sh', file], { encoding: 'utf8' });
    assert.equal(sc.status, 0, sc.stdout);
  });

  test('runs: every section, Barman\'s output and exit codes as they were, hashes of present files, missing ones marked', () => {
    const present = join(dir, 'present file.conf');
    writeFileSync(present, 'x = 1\n');
    const missing = join(dir, 'missing.conf');
    mkdirSync(join(dir, 'home'), { recursive: true });
    writeFileSync(join(dir, 'home', '.barman.auto.conf'), '{}');
    const bin = replayBarman('receive-wal-stopped');
    const r = runProbe(probeScript(input([present, missing])), `${bin}:/usr/bin:/bin`);
    assert.equal(r.code, 0, r.stderr);
    const o = parseProbeOutput(r.stdout);
    const want = parseProbeOutput(probeFixture('receive-wal-stopped'));
    assert.equal(o.complete, true);
    assert.ok(o.now !== null && Math.abs(o.now - Date.now() / 1000) < 60);
    assert.equal(o.barmanPath, join(bin, 'barman'));
    assert.deepEqual(o.check, want.check, 'barman check: stdout, stderr and exit 1 kept');
    assert.deepEqual(o.diagnose, want.diagnose);
    assert.deepEqual(o.version, want.version);
    assert.deepEqual([...o.files], [[present, createHash('sha256').update('x = 1\n').digest('hex')], [missing, null]]);
    assert.equal(o.overridesFile, join(dir, 'home', '.barman.auto.conf'));
    // the server names reach barman as separate, intact arguments
    assert.equal(readFileSync(join(dir, 'data-receive-wal-stopped', 'check.args'), 'utf8'), "-f json check pg1 it's\n");
  });

  test('without barman on PATH: the probe still ends, and says so', () => {
    // only the tools the probe needs besides barman (on merged-/usr Debian, /bin holds barman too)
    const tools = join(dir, 'tools');
    mkdirSync(tools, { recursive: true });
    for (const t of ['date', 'mktemp', 'rm', 'cat', 'sha256sum', 'grep']) symlinkSync(`/usr/bin/${t}`, join(tools, t));
    const r = runProbe(probeScript(input([])), tools);
    const o = parseProbeOutput(r.stdout);
    assert.equal(o.complete, true, r.stdout + r.stderr);
    assert.equal(o.barmanPath, null);
    assert.equal(o.check, undefined);
  });

  test('it never mentions .pgpass or key files', () => {
    const script = probeScript(input(['/etc/barman.conf']));
    assert.doesNotMatch(script, /pgpass|id_ed25519|id_rsa|PRIVATE/);
  });
});
