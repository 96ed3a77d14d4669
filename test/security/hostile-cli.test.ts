/**
 * The real ./bin/cdktf-barman on one hostile config per category (a file path, a command, a cron
 * line, pg_hba.conf, authorized_keys, SQL, a name that becomes a path, an error message): exit 1,
 * a FILE:LINE:COL error line, and nothing in --out. The in-process matrix is hostile-input.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { HOSTILE_KEYS, HostileKey, Place, configText } from './hostile-cases';
import { filesUnder } from './hostile-run';

const BIN = join(repoRoot(), 'bin', 'cdktf-barman');

function keyNamed(key: string, target?: string): HostileKey {
  const k = HOSTILE_KEYS.find((x) => x.key === key && (target === undefined || x.targets.includes(target as never) || x.place === Place.TOP));
  assert.ok(k, `no key ${key} in the matrix`);
  return k;
}

/** category, key, the hostile value, the command run on it */
const CASES: readonly { what: string; key: HostileKey; value: string; command: 'validate' | 'render' | 'synth' }[] = [
  { what: 'a path with a newline (files, scripts)', key: keyNamed('barman_home'), value: '/var/lib/barman\n/etc', command: 'render' },
  { what: 'a command substitution in an OS user (commands)', key: keyNamed('postgres_user'), value: 'postgres$(id)', command: 'synth' },
  { what: "an unescaped '%' in the schedule (cron)", key: keyNamed('barman_backup_interval'), value: '0 4 * * wed%x', command: 'render' },
  { what: 'a pg_hba keyword as the Barman server name (pg_hba)', key: keyNamed('Name', 'two'), value: 'samenet', command: 'render' },
  { what: 'a pg_hba keyword as client address (pg_hba, from=)', key: keyNamed('barman_client_addresses'), value: 'all', command: 'synth' },
  { what: 'a second line in a host key (authorized_keys, known_hosts)', key: keyNamed('ssh_host_keys'), value: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n* ssh-rsa AAAA', command: 'validate' },
  { what: 'a quote in the backup name (SQL, slot, archive_command)', key: keyNamed('backup_name'), value: "one'; drop role barman; --", command: 'synth' },
  { what: 'a 5,000-character cluster name (path components)', key: keyNamed('cluster_name'), value: 'seed'.repeat(1250), command: 'render' },
  { what: 'U+2028 in an address (the error line itself)', key: keyNamed('ip_address', 'two'), value: '192.0.2.12\u2028x', command: 'validate' },
];

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdktf-barman-hostile-cli-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('cdktf-barman on hostile configs', () => {
  CASES.forEach((c, i) => {
    test(`${c.command}: ${c.what}`, () => {
      const file = join(tmp, `hostile-${i}.yml`);
      writeFileSync(file, configText(c.key, c.value));
      const out = join(tmp, `out-${i}`);
      const args = c.command === 'validate' ? [c.command, file] : [c.command, file, '--out', out];
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
      const shown = `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
      assert.equal(r.status, 1, shown);
      assert.equal(r.stdout, '', shown);
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      const errors = lines.filter((l) => new RegExp(`^${escapeRegExp(file)}:\\d+:\\d+: error: `).test(l));
      assert.ok(errors.length > 0, `no FILE:LINE:COL: error: line\n${shown}`);
      assert.ok(errors.some((l) => c.key.diagnosticKeys.some((k) => l.includes(`key '${k}'`))), `no error names ${c.key.key}\n${shown}`);
      for (const l of lines) assert.ok(!/[\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029]/.test(l), `raw control or line-break character on stderr: ${JSON.stringify(l)}`);
      assert.ok(!r.stderr.includes('    at '), `stack trace on stderr\n${shown}`);
      assert.deepEqual(filesUnder(out), [], `${c.command} wrote into --out`);
    });
  });
});

test("synth --connection-user with a Terraform expression: a usage error, nothing written", () => {
  const file = join(tmp, 'seed.yml');
  writeFileSync(file, configText(undefined, undefined));
  const out = join(tmp, 'out-connection-user');
  const r = spawnSync(process.execPath, [BIN, 'synth', file, '--out', out, '--connection-user', '${file("/etc/hostname")}'], { encoding: 'utf8', timeout: 60_000 });
  const shown = `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
  assert.equal(r.status, 2, shown);
  assert.match(r.stderr, /connection-user/, shown);
  assert.deepEqual(filesUnder(out), [], `synth wrote into --out\n${shown}`);
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
