/**
 * Issue 12, item 1: cdktf's reference markers typed into a value must never become Terraform
 * references. Before the fix, `barman_post_backup_script: 'echo ${TfToken[TOKEN.0]}'` synthesized
 * (terraform_data, supplied keys) into a trigger holding `${var.barman_postgres_ssh_private_key}`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Fn, Token } from 'cdktf';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { InvalidConfigError } from '../../lib/model/diagnostics';
import { Role } from '../../lib/model/enums';
import { diagnose, assertDiagnostic } from './diagnostic-helpers';

const MARKERS = ['${TfToken[TOKEN.0]}', '#{TfToken[TOKEN.1]}', '&{TfToken[TOKEN.2]}', 'x ${TfToken[TOKEN.9999999]} y'];
const FIX = /literal text; remove the marker/;

const config = (line: string, where: 'cluster' | 'instance' | 'server' = 'cluster'): string => `cluster_name: seed
cluster_vars:
  barman_compression: gzip
${where === 'cluster' ? `  ${line}\n` : ''}instances:
  - Name: one
    ip_address: 192.0.2.11
    role: [primary]
    backup: two
    vars:
      barman_parallel_jobs: 1
${where === 'instance' ? `      ${line}\n` : ''}  - Name: two
    ip_address: 192.0.2.12
    role: [barman]
    vars:
      barman_parallel_jobs: 1
${where === 'server' ? `      ${line}\n` : ''}`;

describe('reference markers in config.yml are refused', () => {
  const cases: [string, string, 'cluster' | 'instance' | 'server', string | undefined][] = [
    ['barman_post_backup_script', "barman_post_backup_script: 'echo %M'", 'cluster', undefined],
    ['barman_log_file', "barman_log_file: '/var/log/%M'", 'server', 'two'],
    ['barman_client_addresses', "barman_client_addresses: ['%M']", 'instance', 'one'],
    ['barman_conninfo_attributes', "barman_conninfo_attributes: 'application_name=%M'", 'instance', 'one'],
    ['ssh_host_keys', "ssh_host_keys: ['ssh-ed25519 %M']", 'server', 'two'],
    ['address', "address: '%M'", 'instance', 'one'],
  ];
  for (const [key, line, where, instance] of cases) {
    for (const m of MARKERS) {
      test(`${key}: ${m}`, () => {
        const text = config(line.replace('%M', m.replace(/'/g, "''")), where);
        const o = diagnose(text);
        const d = o.errors.find((e) => e.key === key && /token marker/.test(e.message));
        assert.ok(d, `no reference-marker error for ${key}: ${o.errors.map((e) => e.message).join(' | ')}`);
        // the position is the value's (a list's opening bracket)
        const [name, value] = [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)];
        assertDiagnostic(text, d, { token: value[0], before: `${name}: `, instance, key, mentions: [m], fix: FIX });
      });
    }
  }
  test('a marker in a key of a nested mapping, and in the cluster name, are refused too', () => {
    const o = diagnose(config('barman_post_backup_script: "ok"').replace('cluster_name: seed', "cluster_name: 'a${TfToken[TOKEN.0]}'"));
    assert.ok(o.errors.some((e) => e.key === 'cluster_name' && /token marker/.test(e.message)));
  });
});

describe('reference markers in typed values meant as text are refused', () => {
  const base = (settings: object, clientAddresses?: string[]) => ({
    clusterName: 'seed',
    settings,
    instances: [
      { name: 'one', roles: [Role.PRIMARY], address: '192.0.2.11', backup: ['two'], clientAddresses },
      { name: 'two', roles: [Role.BARMAN], address: '192.0.2.12' },
    ],
  });
  const refused = (props: ReturnType<typeof base>, key: string) => {
    assert.throws(() => graphFromProps(props as never), (e: unknown) => e instanceof InvalidConfigError && e.diagnostics.some((d) => d.key === key && /token marker/.test(d.message)));
  };
  test('a string token as a hook script', () => refused(base({ postBackupScript: `echo ${Fn.uuid()}` }), 'barman_post_backup_script'));
  test('a number token as a count', () => refused(base({ parallelJobs: Token.asNumber(Fn.uuid()) }), 'barman_parallel_jobs'));
  test('a list token as client addresses', () => refused(base({}, Token.asList(Fn.uuid())), 'barman_client_addresses'));
});

describe('the CLI refuses it and writes nothing', () => {
  test('synth of a hook script holding ${TfToken[TOKEN.0]}: exit 1, file:line:col, no output', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-token-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const text = config("barman_post_backup_script: 'echo ${TfToken[TOKEN.0]}'");
    writeFileSync(join(dir, 'config.yml'), text);
    const out = join(dir, 'out');
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', '..', 'bin', 'cdktf-barman'), 'synth', join(dir, 'config.yml'), '--out', out, '--resource-type', 'terraform_data', '--supplied-keys'], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /config\.yml:4:30: error: key 'barman_post_backup_script': 'echo \$\{TfToken\[TOKEN\.0\]\}' holds a cdktf token marker/);
    assert.ok(!existsSync(join(out, 'cdktf-barman.tf.json')), 'nothing synthesized');
    assert.doesNotMatch(r.stdout, /var\.barman_postgres_ssh_private_key/);
  });
});
