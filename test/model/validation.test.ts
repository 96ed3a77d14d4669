/**
 * One small bad input per validation rule (SPEC 2.4, build-graph.ts, value-checks.ts, the loader):
 * each must give exactly one error that names the file, line and column of the bad input, the
 * instance, the key, the bad value, and a fix. Positions are computed from the fixture text.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../lib/model/diagnostics';
import { InvalidConfigError } from '../../lib/model/diagnostics';
import { BackupMethod, Compression, Period, ReuseBackup, Role } from '../../lib/model/enums';
import { MaximumAge, RetentionPolicy } from '../../lib/model/periods';
import { BarmanSettings } from '../../lib/model/settings';
import { ClusterProps, graphFromProps } from '../../lib/model/typed-cluster';
import { FILE, diagnose, errorsOfProps, expectOneError, expectOneWarning, positionIn, show, validGraph } from './diagnostic-helpers';

/**
 * pg1 (primary) backed up to bm1 (barman), with `varLine` in pg1's vars. IP addresses, so that the
 * authorized_keys lines get from= without a warning.
 */
const withVar = (varLine: string): string => `cluster_name: demo
cluster_vars:
  postgres_version: 16
instances:
  - Name: pg1
    node: 1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
    vars:
      ${varLine}
  - Name: bm1
    node: 2
    ip_address: 192.0.2.2
    role: [barman]
`;

describe('YAML and top level', () => {
  test('a YAML syntax error points at the offending character', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
\trole: primary
`;
    const o = diagnose(text);
    assert.equal(o.errors.length, 1, show(o.errors));
    const d = o.errors[0];
    // the tab that starts line 4
    assert.deepEqual(d.position, { file: FILE, line: 4, column: 1 });
    assert.match(d.message, /yaml syntax error/);
    assert.match(d.message, /tab/);
    assert.match(formatDiagnostic(d), new RegExp(`^${FILE}:4:1: error: yaml syntax error: `));
  });

  test('a repeated top-level key is a YAML error at the second occurrence (TPA would silently keep the last)', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
cluster_name: other
`;
    const o = diagnose(text);
    assert.equal(o.errors.length, 1, show(o.errors));
    const p = positionIn(text, 'cluster_name: other');
    assert.deepEqual(o.errors[0].position, { file: FILE, ...p });
    assert.match(o.errors[0].message, /duplicated mapping key/);
  });

  test('missing cluster_name', () => {
    expectOneError(`instances:
  - Name: pg1
    role: primary
`, { token: '', at: { line: 1, column: 1 }, key: 'cluster_name', mentions: ["missing 'cluster_name'"], fix: /add cluster_name: <name>/ });
  });

  test('cluster_name that is not a plain name', () => {
    const text = `cluster_name: "my cluster"
instances:
  - Name: pg1
    role: primary
`;
    expectOneError(text, { token: '"my cluster"', key: 'cluster_name', mentions: ["'my cluster'"], fix: /only letters, digits, '_' and '-'/ });
  });

  test('missing instances', () => {
    expectOneError(`cluster_name: demo
cluster_vars:
  postgres_version: 16
`, { token: '', at: { line: 1, column: 1 }, key: 'instances', mentions: ["missing 'instances'"], fix: /add a list of instances/ });
  });

  test('instances that is an empty list', () => {
    const text = `cluster_name: demo
instances: []
`;
    expectOneError(text, { token: '[]', key: 'instances', mentions: ['[]'], fix: /non-empty list/ });
  });

  test('a document that is not a mapping', () => {
    const o = diagnose('- just\n- a list\n');
    assert.equal(o.errors.length, 1, show(o.errors));
    assert.deepEqual(o.errors[0].position, { file: FILE, line: 1, column: 1 });
    assert.match(o.errors[0].message, /mapping with cluster_name and instances/);
  });

  test('an unknown top-level key is a warning with a did-you-mean, and the config stays valid', () => {
    const text = `cluster_name: demo
cluster_var:
  barman_compression: gzip
instances:
  - Name: pg1
    role: primary
`;
    expectOneWarning(text, { token: 'cluster_var:', key: 'cluster_var', mentions: ["'cluster_var'"], fix: /did you mean 'cluster_vars'\?/ });
  });
});

describe('instance names and keys', () => {
  test('duplicate names after normalisation (DB_1 and db-1), without follow-on errors', () => {
    const text = `cluster_name: demo
instances:
  - Name: DB_1
    node: 1
    role: primary
    backup: bm1
  - Name: bm1
    node: 2
    role: barman
  - Name: db-1
    node: 3
    role: [barman]
`;
    const d = expectOneError(text, { token: 'db-1', before: 'Name: ', instance: 'db-1', key: 'Name', mentions: ["'db-1'"], fix: /rename one/ });
    // names the first one's line
    assert.match(d.message, new RegExp(`first at line ${positionIn(text, 'DB_1').line}\\b`));
  });

  for (const [name, why] of [
    ['-pg1', 'starts with a hyphen'],
    ['pg1..example.com', 'has an empty label'],
    ['pg 1', 'has a space'],
    ['pg1.', 'ends with a dot'],
    ['a'.repeat(64), 'has a 64-character label'],
  ] as const) {
    test(`a name that is not a host name (${why})`, () => {
      const text = `cluster_name: demo
instances:
  - Name: "${name}"
    role: primary
`;
      expectOneError(text, { token: `"${name}"`, instance: name, key: 'Name', mentions: [`'${name}'`], fix: /use lower-case letters, digits and '-'/ });
    });
  }

  test('a Name that is not a string', () => {
    const text = `cluster_name: demo
instances:
  - Name: [pg1]
    role: primary
`;
    // and no follow-on error about the stand-in name 'instances[0]'
    expectOneError(text, { token: '[pg1]', instance: 'instances[0]', key: 'Name', mentions: ['["pg1"]'], fix: /must be a string/ });
  });

  test('an instance with neither Name nor node', () => {
    const text = `cluster_name: demo
instances:
  - role: primary
`;
    // the position of the instance's entry; and no follow-on error about the stand-in name 'instances[0]'
    expectOneError(text, { token: 'role: primary', instance: 'instances[0]', key: 'Name', mentions: ['no Name'], fix: /add Name: <host name>/ });
  });

  test('an instance that is not a mapping', () => {
    const text = `cluster_name: demo
instances:
  - pg1
`;
    expectOneError(text, { token: 'pg1', key: 'instances', mentions: ["'pg1'"], fix: /must be a mapping/ });
  });

  test('an unknown instance key gets a did-you-mean', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    ip_adress: 10.0.0.1
`;
    expectOneError(text, { token: 'ip_adress', instance: 'pg1', key: 'ip_adress', mentions: ["'ip_adress'"], fix: /did you mean 'ip_address'\? \(should it be under vars\?\)/ });
  });

  test('a Barman setting written next to vars instead of under it', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup_name: main_db
    vars:
      barman_compression: gzip
`;
    expectOneError(text, { token: 'backup_name', instance: 'pg1', key: 'backup_name', mentions: ["'backup_name'"], fix: /should it be under vars\?/ });
  });

  test('an unknown key in instance_defaults', () => {
    const text = `cluster_name: demo
instance_defaults:
  platform: aws
  barman_compression: gzip
instances:
  - Name: pg1
    role: primary
`;
    expectOneError(text, { token: 'barman_compression', key: 'barman_compression', mentions: ["'barman_compression'"], fix: /should it be under vars\?/ });
  });

  test('an unknown key in a location', () => {
    const text = `cluster_name: demo
locations:
  - Name: main
    regoin: eu-west-1
instances:
  - Name: pg1
    role: primary
    location: main
`;
    expectOneError(text, { token: 'regoin', key: 'regoin', mentions: ["'regoin'"], fix: /did you mean 'region'\?/ });
  });

  test('an unknown location gets a did-you-mean', () => {
    const text = `cluster_name: demo
locations:
  - Name: main
  - Name: dr
instances:
  - Name: pg1
    role: primary
    location: mian
`;
    expectOneError(text, { token: 'mian', instance: 'pg1', key: 'location', mentions: ["'mian'"], fix: /did you mean 'main'\?/ });
  });

  test('an unknown location without a close match says where to add it', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    location: frankfurt
`;
    expectOneError(text, { token: 'frankfurt', instance: 'pg1', key: 'location', mentions: ["'frankfurt'"], fix: /add it under locations/ });
  });

  test('two locations with one Name', () => {
    const text = `cluster_name: demo
locations:
  - Name: main
  - Name: main
    region: eu-west-2
instances:
  - Name: pg1
    role: primary
`;
    expectOneError(text, { token: 'main', before: '  - Name: main\n  - Name: ', key: 'Name', mentions: ["'main'"], fix: /rename one/ });
  });

  test('role that is neither a list nor a string', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: {primary: true}
`;
    expectOneError(text, { token: '{primary: true}', instance: 'pg1', key: 'role', mentions: ['{"primary":true}'], fix: /a list or a comma-separated string/ });
  });

  test('a role name with a control character', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: [primary, "bar\\nman"]
`;
    expectOneError(text, { token: '[primary', instance: 'pg1', key: 'role', mentions: ["'bar\\x0aman'"], fix: /is not a role name/ });
  });

  test('vars that is not a mapping', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    vars: [barman_compression, gzip]
`;
    expectOneError(text, { token: '[barman_compression', instance: 'pg1', key: 'vars', mentions: ['["barman_compression","gzip"]'], fix: /must be a mapping/ });
  });
});

describe('addresses and host keys', () => {
  for (const [key, value] of [
    ['ip_address', '10.0.0.300'],
    ['private_ip', '10.0.0.1 '],
    ['public_ip', 'db@example.com'],
  ] as const) {
    test(`${key} ${JSON.stringify(value)} is neither a host name nor an IP address`, () => {
      const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    ${key}: "${value}"
`;
      expectOneError(text, { token: `"${value}"`, instance: 'pg1', key, mentions: [`'${value}'`], fix: /is not a host name or IP address/ });
    });
  }

  test('vars.address that is not an address', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    vars:
      address: "10.0.0.1; rm -rf /"
`;
    expectOneError(text, { token: '"10.0.0.1; rm', instance: 'pg1', key: 'vars.address', mentions: ["'10.0.0.1; rm -rf /'"], fix: /not a host name or IP address/ });
  });

  test('ip_address that is not a string', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    ip_address: [10.0.0.1]
`;
    expectOneError(text, { token: '[10.0.0.1]', instance: 'pg1', key: 'ip_address', mentions: ['["10.0.0.1"]'], fix: /must be a string/ });
  });

  test('a pinned host key that is not a public key', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    vars:
      ssh_host_keys:
        - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDn0RKbkwbcwoZ8u2QkBdGmyGr2E3t2Ti1r6qDGw2cGn
        - "ssh-dss AAAAB3NzaC1kc3M="
`;
    // the position is that of the list (its first item): Located keeps one position per var
    expectOneError(text, { token: '- ssh-ed25519', instance: 'pg1', key: 'ssh_host_keys', mentions: ["'ssh-dss AAAAB3NzaC1kc3M='"], fix: /give 'TYPE BASE64'/ });
  });

  for (const [label, brk] of [['a newline', '\\n'], ['a carriage return', '\\r'], ['U+2028', '\\u2028'], ['U+0085', '\\x85']]) {
    test(`a pinned host key with ${label} in it (known_hosts would silently drop what follows)`, () => {
      const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    vars:
      ssh_host_keys:
        - "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDn0RKbkwbcwoZ8u2QkBdGmyGr2E3t2Ti1r6qDGw2cGn${brk}x"
`;
      expectOneError(text, { token: '- "ssh-ed25519', instance: 'pg1', key: 'ssh_host_keys', mentions: ['ssh-ed25519 AAAAC3'], fix: /a host key is one line/ });
    });
  }
});

describe('backup references', () => {
  test('backup naming an instance that does not exist gets a did-you-mean', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm2
  - Name: bm1
    role: barman
`;
    expectOneError(text, { token: 'bm2', instance: 'pg1', key: 'backup', mentions: ["'bm2'"], fix: /did you mean 'bm1'\?/ });
  });

  test('backup naming an unknown instance without a close match lists the Barman servers', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: [backupserver]
  - Name: bm1
    role: barman
  - Name: bm2
    role: barman
`;
    expectOneError(text, { token: 'backupserver', instance: 'pg1', key: 'backup', mentions: ["'backupserver'"], fix: /Barman servers are bm1, bm2/ });
  });

  test('backup naming an instance without the barman role', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: pg2
  - Name: pg2
    role: replica
  - Name: bm1
    role: barman
`;
    expectOneError(text, { token: 'pg2', before: 'backup: ', instance: 'pg1', key: 'backup', mentions: ["'pg2'"], fix: /add 'barman' to its roles, or name one of bm1/ });
  });

  test('an instance backing itself up', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: [primary, barman]
    backup: pg1
`;
    expectOneError(text, { token: 'pg1', before: 'backup: ', instance: 'pg1', key: 'backup', mentions: ['itself'], fix: /name a separate Barman server/ });
  });

  test('the same Barman server twice in one backup list', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup:
      - bm1
      - bm2
      - bm1
  - Name: bm1
    role: barman
  - Name: bm2
    role: barman
`;
    expectOneError(text, { token: 'bm1', before: '- bm2\n      - ', instance: 'pg1', key: 'backup', mentions: ["'bm1'"], fix: /list each Barman server once/ });
  });

  test('backup on an instance that is not a Postgres instance', () => {
    const text = `cluster_name: demo
instances:
  - Name: logs
    role: [log-server]
    backup: bm1
  - Name: bm1
    role: barman
`;
    expectOneError(text, { token: 'bm1', before: 'backup: ', instance: 'logs', key: 'backup', mentions: ['log-server'], fix: /add a primary or replica role, or remove 'backup'/ });
  });

  test('a backup entry that is not a name', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: [bm1, {name: bm2}]
  - Name: bm1
    role: barman
`;
    expectOneError(text, { token: '{name: bm2}', instance: 'pg1', key: 'backup', mentions: ['{"name":"bm2"}'], fix: /must be instance names/ });
  });

  test('backup that is neither a name nor a list', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: {bm1: true}
  - Name: bm1
    role: barman
`;
    expectOneError(text, { token: '{bm1: true}', instance: 'pg1', key: 'backup', mentions: ['{"bm1":true}'], fix: /a Barman server's name or a list of them/ });
  });
});

describe('names on a Barman server', () => {
  test('two instances with the same backup_name on one Barman server', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm1
    vars:
      backup_name: orders
  - Name: pg2
    role: primary
    backup: bm1
    vars:
      backup_name: Orders
  - Name: bm1
    role: barman
`;
    expectOneError(text, { token: 'Orders', instance: 'pg2', key: 'backup_name', mentions: ["'Orders'", "'pg1'", "'bm1'"], fix: /set a distinct backup_name/ });
  });

  test('one backup_name on two different Barman servers is fine', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm1
    vars:
      backup_name: orders
  - Name: pg2
    role: primary
    backup: bm2
    vars:
      backup_name: orders
  - Name: bm1
    role: barman
  - Name: bm2
    role: barman
`;
    const o = diagnose(text);
    assert.deepEqual(o.errors.map(formatDiagnostic), []);
  });

  test('two Barman servers whose slot names collide on one instance', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: [bm-1.a.example, bm-1.b.example]
  - Name: bm-1.a.example
    role: barman
  - Name: bm-1.b.example
    role: barman
`;
    expectOneError(text, { token: 'bm-1.b.example', before: ', ', instance: 'pg1', key: 'backup', mentions: ["'backup_bm_1'", "'bm-1.a.example'", "'bm-1.b.example'"], fix: /rename one server/ });
  });

  test('BM_1 and bm-1 are one name, not a slot collision', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm-1
  - Name: BM_1
    role: barman
  - Name: bm-1
    role: barman
`;
    const o = diagnose(text);
    assert.equal(o.errors.length, 1, show(o.errors));
    assert.equal(o.errors[0].key, 'Name');
  });

  test('a slot name longer than PostgreSQL allows', () => {
    const label = 'b'.repeat(60);
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: ${label}.example.com
  - Name: ${label}.example.com
    role: barman
`;
    expectOneError(text, { token: `${label}.example.com`, before: 'backup: ', instance: 'pg1', key: 'backup', mentions: [`'backup_${label}'`], fix: /shorten the name of Barman server/ });
  });

  test('cron file names that collide on one Barman server (a.b and a_b)', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm1
    vars:
      backup_name: a.b
  - Name: pg2
    role: primary
    backup: bm1
    vars:
      backup_name: a_b
  - Name: bm1
    role: barman
`;
    expectOneError(text, { token: 'a_b', instance: 'pg2', key: 'backup_name', mentions: ["'a_b'", '/etc/cron.d/a_b', "'a.b'"], fix: /choose a backup_name that differs/ });
  });

  test('a backup_name clash with an instance name, reported at the instance that has no backup_name (at its backup entry)', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg2
    role: primary
    backup: bm1
    vars:
      backup_name: pg1
  - Name: pg1
    role: primary
    backup: bm1
  - Name: bm1
    role: barman
`;
    expectOneError(text, { token: 'bm1', before: '  - Name: pg1\n    role: primary\n    backup: ', instance: 'pg1', key: 'backup_name', mentions: ["'pg1'", "'pg2'"], fix: /set a distinct backup_name/ });
  });

  for (const [value, fix] of [
    ['barman', /reserved by Barman/],
    ['all', /reserved by Barman/],
    ['ALL', /reserved by Barman/],
    ['db/main', /no '\/' or '\.\.'/],
    ['..', /no '\/' or '\.\.'/],
    ['main..old', /no '\/' or '\.\.'/],
    ['.hidden', /starting with a letter or digit/],
    ['main db', /letters, digits, '\.', '_' and '-'/],
    ['x'.repeat(101), /at most 100 characters/],
  ] as const) {
    test(`backup_name ${JSON.stringify(value.length > 20 ? `${value.slice(0, 5)}… (${value.length})` : value)} is rejected`, () => {
      const text = withVar(`backup_name: "${value}"`);
      expectOneError(text, { token: `"${value}"`, instance: 'pg1', key: 'backup_name', mentions: [`'${value}'`], fix });
    });
  }

  test('backup_name in cluster_vars', () => {
    const text = `cluster_name: demo
cluster_vars:
  backup_name: shared
instances:
  - Name: pg1
    role: primary
`;
    expectOneError(text, { token: 'shared', key: 'backup_name', mentions: ['backup_name'], fix: /set it in the instance's vars/ });
  });
});

describe('the barman account must be the same on B and S', () => {
  test('barman_user set on the instance but not on its Barman server', () => {
    const text = withVar('barman_user: backup');
    expectOneError(text, { token: 'backup', before: 'barman_user: ', instance: 'pg1', key: 'barman_user', mentions: ["'backup'", "'barman'", "'bm1'"], fix: /set barman_user once in cluster_vars/ });
  });

  test('barman_home set on the Barman server only: reported at the backup entry', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm1
  - Name: bm1
    role: barman
    vars:
      barman_home: /srv/barman
`;
    expectOneError(text, { token: 'bm1', before: 'backup: ', instance: 'pg1', key: 'barman_home', mentions: ["'/var/lib/barman'", "'/srv/barman'"], fix: /set barman_home once in cluster_vars/ });
  });

  test('the same setting in cluster_vars is fine', () => {
    const text = `cluster_name: demo
cluster_vars:
  barman_user: backup
  barman_group: backup
  barman_home: /srv/barman
instances:
  - Name: pg1
    role: primary
    backup: bm1
  - Name: bm1
    role: barman
`;
    assert.deepEqual(diagnose(text).errors.map(formatDiagnostic), []);
  });
});

/** [var, value as written in YAML, text the message must show, fix] */
const BAD_VALUES: ReadonlyArray<readonly [string, string, string, RegExp]> = [
  // enums
  ['barman_compression', 'lzo', "'lzo'", /not one of pigz, gzip, bzip2, pygzip, pybzip2, zstd, lz4, xz, none/],
  ['barman_compression', 'lz4', "'lz4'", /was added in Barman 3\.12, and Barman server 'bm1' declares barman_version '3\.4': upgrade Barman there and raise its barman_version to at least '3\.12'/],
  ['barman_backup_method', 'pg_basebackup', "'pg_basebackup'", /not one of rsync, postgres, local-rsync/],
  ['barman_reuse_backup', 'yes', "'yes'", /not one of off, link, copy/],
  ['barman_compression', '5', '5', /write it as a string/],
  // integers
  ['barman_parallel_jobs', '0', '0', /not an integer >= 1/],
  ['barman_minimum_redundancy', '-1', '-1', /not an integer >= 0/],
  ['barman_basebackup_retry_times', 'three', "'three'", /not an integer >= 0/],
  ['barman_basebackup_retry_sleep', '1.5', '1.5', /not an integer >= 0/],
  ['barman_basebackup_retry_sleep', '"-30"', "'-30'", /not an integer >= 0/],
  ['postgres_port', '70000', '70000', /between 1 and 65535/],
  ['cluster_ssh_port', '0', '0', /between 1 and 65535/],
  ['postgres_version', '"9.6"', "'9.6'", /not an integer >= 10/],
  ['postgres_version', '9', 'postgres_version 9', /is not supported: Barman 3 backs up PostgreSQL 10 and later/],
  ['barman_version', '2', "'2'", /older than 3\.0, the oldest Barman this library writes for: upgrade Barman to 3\.x/],
  ['barman_version', '"3.x"', "'3.x'", /is not a Barman version/],
  ['barman_version', '"2.19"', "'2.19'", /older than 3\.0/],
  // booleans
  ['barman_archiver', 'maybe', "'maybe'", /use true or false/],
  ['barman_immediate_checkpoint', '2', '2', /use true or false/],
  // retention policies and ages
  ['barman_retention_policy', 'REDUNDANCY 0', "'REDUNDANCY 0'", /use 'REDUNDANCY n' or 'RECOVERY WINDOW OF n DAYS\|WEEKS\|MONTHS'/],
  ['barman_retention_policy', 'RECOVERY WINDOW OF 1 YEAR', "'RECOVERY WINDOW OF 1 YEAR'", /use 'REDUNDANCY n'/],
  ['barman_retention_policy', '4 WEEKS', "'4 WEEKS'", /use 'REDUNDANCY n'/],
  ['barman_last_backup_maximum_age', '1 YEAR', "'1 YEAR'", /use 'n DAYS', 'n WEEKS' or 'n MONTHS'/],
  ['barman_last_backup_maximum_age', '0 DAYS', "'0 DAYS'", /\(n >= 1\)/],
  ['barman_last_backup_maximum_age', 'a week', "'a week'", /use 'n DAYS'/],
  // cron schedules
  ['barman_backup_interval', '"*/0 4 * * *"', "'*/0'", /step '0' must be a positive number.*example: '0 4 \* \* wed,sat'/],
  ['barman_backup_interval', '"0 24 * * *"', "hour '24'", /\(0-23\).*example: '0 4 \* \* wed,sat'/],
  ['barman_backup_interval', '"0 4 * * 1/2"', "'1/2'", /a step needs '\*' or a range before it/],
  ['barman_backup_interval', '"@daily"', "'@daily'", /expected 5 fields.*found 1.*example: '0 4 \* \* wed,sat'/],
  ['barman_backup_interval', '"0 4 * *"', "'0 4 * *'", /expected 5 fields.*found 4/],
  ['barman_backup_interval', '"0  4 * * *"', "'0  4 * * *'", /separated by single spaces/],
  ['barman_backup_interval', '"0 4 * * sat-mon"', "'sat-mon'", /reverse range.*write it from low to high/],
  ['barman_backup_interval', '"0 4 * * fri,"', "'fri,'", /empty list item/],
  ['barman_backup_interval', '"60 4 * * *"', "minute '60'", /\(0-59\)/],
  ['barman_backup_interval', '"0 4 0 * *"', "day of month '0'", /\(1-31\)/],
  ['barman_backup_interval', '"0 4 * 13 *"', "month '13'", /1-12 or jan\.\.dec/],
  // backup_options
  ['barman_backup_options', 'concurrent_backup,exclusive_backup', "'concurrent_backup,exclusive_backup'", /exclude each other: keep one/],
  ['barman_backup_options', 'concurrent', "'concurrent'", /not one of concurrent_backup, exclusive_backup, external_configuration/],
  // paths
  ['barman_home', 'var/lib/barman', "'var/lib/barman'", /must be an absolute path/],
  ['barman_log_file', '/var/log/../../etc/passwd', "'/var/log/../../etc/passwd'", /no '\.\.'/],
  ['barman_streaming_wals_directory', '"/srv/wal dir"', "'/srv/wal dir'", /must be an absolute path of letters, digits/],
  ['postgres_bin_dir', '"/usr/lib/postgresql/$(id)/bin"', "'/usr/lib/postgresql/$(id)/bin'", /must be an absolute path of letters, digits/],
  // quoted values
  ['barman_post_backup_script', `'/usr/local/bin/notify "done"'`, `'/usr/local/bin/notify "done"'`, /contains a double quote.*use single quotes/],
  ['barman_pre_archive_retry_script', `'echo "retry"'`, `'echo "retry"'`, /contains a double quote.*use single quotes/],
  // dsn attributes
  ['barman_client_dsn_attributes', '"sslmode=require host=evil.example.com"', "'sslmode=require host=evil.example.com'", /sets host, which the library sets itself.*remove it/],
  ['streaming_barman_client_dsn_attributes', '"user=postgres"', "'user=postgres'", /sets user, which the library sets itself.*remove it/],
  ['barman_client_dsn_attributes', '"sslmode=require dbname=template1 port=6432"', "'sslmode=require dbname=template1 port=6432'", /sets dbname, port, which the library sets itself/],
  ['barman_client_dsn_attributes', '"sslmode"', "'sslmode'", /not a list of libpq key=value attributes.*example: 'sslmode=verify-full/],
  ['barman_client_dsn_attributes', `"sslmode=verify-full sslrootcert='/etc/ssl/my root.crt'"`, `'sslmode=verify-full sslrootcert='/etc/ssl/my root.crt''`, /no space inside a value/],
  ['barman_client_dsn_attributes', `'sslrootcert="/etc/ssl/root.crt"'`, `'sslrootcert="/etc/ssl/root.crt"'`, /double quote.*quote libpq values with single quotes/],
  // OS user names
  ['barman_user', '"Barman User"', "'Barman User'", /not a valid user or group name: lower-case letters/],
  ['postgres_user', '"postgres;id"', "'postgres;id'", /not a valid user or group name/],
  // newlines and other control characters, in any kind of value
  ['barman_post_backup_script', '"/usr/local/bin/notify\\nrm -rf /"', "'/usr/local/bin/notify\\x0arm -rf /'", /newline or control character.*remove it/],
  ['barman_retention_policy', '"REDUNDANCY\\t3"', "'REDUNDANCY\\x093'", /newline or control character.*remove it/],
  ['barman_compression', '"gzip\\r"', "'gzip\\x0d'", /newline or control character.*remove it/],
  ['barman_client_dsn_attributes', '"sslmode=require\\u001b[2J"', "'sslmode=require\\x1b[2J'", /newline or control character.*remove it/],
  ['backup_name', '"main\\n"', "'main\\x0a'", /newline or control character.*remove it/],
];

describe('bad values', () => {
  for (const [name, written, shown, fix] of BAD_VALUES) {
    test(`${name}: ${written}`, () => {
      const text = withVar(`${name}: ${written}`);
      expectOneError(text, { token: written, before: `${name}: `, instance: 'pg1', key: name, mentions: [shown], fix });
    });
  }

  test('a bad value in cluster_vars is reported there, without an instance', () => {
    const text = `cluster_name: demo
cluster_vars:
  barman_compression: lzo
instances:
  - Name: pg1
    role: primary
`;
    expectOneError(text, { token: 'lzo', key: 'barman_compression', mentions: ["'lzo'"], fix: /not one of pigz/ });
  });

  test('a bad value merged in from instance_defaults is reported where it is written', () => {
    const text = `cluster_name: demo
instance_defaults:
  vars:
    barman_parallel_jobs: none
instances:
  - Name: pg1
    role: primary
`;
    expectOneError(text, { token: 'none', instance: 'pg1', key: 'barman_parallel_jobs', mentions: ["'none'"], fix: /not an integer >= 1/ });
  });

  test('valid spellings are accepted (control for the table above)', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm1
    vars:
      barman_compression: gzip
      barman_backup_method: postgres
      barman_reuse_backup: "off"
      barman_parallel_jobs: "4"
      barman_minimum_redundancy: 0
      barman_archiver: "yes"
      barman_retention_policy: recovery window of 14 days
      barman_last_backup_maximum_age: 1 week
      barman_backup_interval: "30 1 1-31/2 jan-dec mon-fri"
      barman_backup_options: concurrent_backup, external_configuration
      barman_streaming_wals_directory: /srv/barman/wals/
      barman_post_backup_script: "/usr/local/bin/notify 'done'"
      barman_client_dsn_attributes: "sslmode=verify-full sslrootcert='/etc/ssl/root.crt' application_name=barman"
      backup_name: main-db.v2
  - Name: bm1
    role: barman
`;
    const o = diagnose(text);
    assert.deepEqual(o.errors.map(formatDiagnostic), []);
  });
});

describe('unknown and ignored vars', () => {
  test('an unknown barman_* var in an instance gets a did-you-mean, at the key', () => {
    const text = withVar('barman_retention_polcy: REDUNDANCY 3');
    expectOneError(text, { token: 'barman_retention_polcy', instance: 'pg1', key: 'barman_retention_polcy', mentions: ['unknown Barman setting'], fix: /did you mean 'barman_retention_policy'\?/ });
  });

  test('an unknown barman_* var in cluster_vars gets a did-you-mean', () => {
    const text = `cluster_name: demo
cluster_vars:
  barman_backup_intervall: "0 3 * * *"
instances:
  - Name: pg1
    role: primary
`;
    expectOneError(text, { token: 'barman_backup_intervall', key: 'barman_backup_intervall', mentions: ['unknown Barman setting'], fix: /did you mean 'barman_backup_interval'\?/ });
  });

  test('an unknown barman_* var with no close match lists the known ones', () => {
    const text = withVar('barman_frobnicate: true');
    expectOneError(text, { token: 'barman_frobnicate', instance: 'pg1', key: 'barman_frobnicate', mentions: ['unknown Barman setting'], fix: /known ones are .*barman_retention_policy/ });
  });

  test('an unknown streaming_barman_* var', () => {
    const text = withVar('streaming_barman_client_dsn_attribute: sslmode=require');
    expectOneError(text, { token: 'streaming_barman_client_dsn_attribute', instance: 'pg1', key: 'streaming_barman_client_dsn_attribute', mentions: ['unknown Barman setting'], fix: /did you mean 'streaming_barman_client_dsn_attributes'\?/ });
  });

  test('TPA barman vars the library does not act on are a warning, not an error', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
  - Name: bm1
    ip_address: 192.0.2.2
    role: barman
    vars:
      barman_package_version: '3.4*'
`;
    expectOneWarning(text, { token: 'barman_package_version', instance: 'bm1', key: 'barman_package_version', mentions: ['barman_package_version'], fix: /it is ignored/ });
  });

  test('vars that are not Barman settings are left alone', () => {
    const text = withVar('ansible_user: rocky');
    assert.deepEqual(diagnose(text).errors, []);
  });

  test('reuse_backup with a non-rsync backup method is a warning and becomes off', () => {
    const text = `cluster_name: demo
cluster_vars:
  barman_backup_method: postgres
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
    vars:
      barman_reuse_backup: copy
  - Name: bm1
    ip_address: 192.0.2.2
    role: barman
`;
    expectOneWarning(text, { token: 'copy', instance: 'pg1', key: 'barman_reuse_backup', mentions: ["'copy'", "'postgres'"], fix: /it is written as 'off'/ });
    assert.equal(diagnose(text).graph!.instance('pg1').settings.reuseBackup, ReuseBackup.OFF);
  });

  test('a per-server Barman setting on a Barman server is a warning (it belongs to the backed-up instance)', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
  - Name: bm1
    ip_address: 192.0.2.2
    role: barman
    vars:
      barman_retention_policy: REDUNDANCY 2
`;
    expectOneWarning(text, { token: 'REDUNDANCY 2', instance: 'bm1', key: 'barman_retention_policy', mentions: ['barman_retention_policy'], fix: /set it there or in cluster_vars/ });
  });
});

describe('every error at once', () => {
  test('a config with 5 different errors yields those 5 errors, in file order', () => {
    const text = `cluster_name: demo
cluster_vars:
  barman_retention_polcy: REDUNDANCY 3
instances:
  - Name: pg1
    role: primary
    backup: bm2
    vars:
      barman_parallel_jobs: 0
  - Name: pg2
    role: primary
    backup: bm1
    vars:
      barman_backup_interval: "0 4 * * 8"
  - Name: bm1
    role: barman
    typo_key: 1
`;
    const o = diagnose(text);
    const expected = [
      { key: 'barman_retention_polcy', at: positionIn(text, 'barman_retention_polcy') },
      { key: 'backup', at: positionIn(text, 'bm2') },
      { key: 'barman_parallel_jobs', at: positionIn(text, '0', 'barman_parallel_jobs: ') },
      { key: 'barman_backup_interval', at: positionIn(text, '"0 4 * * 8"') },
      { key: 'typo_key', at: positionIn(text, 'typo_key') },
    ];
    assert.deepEqual(
      o.errors.map((d) => ({ key: d.key, at: d.position && { line: d.position.line, column: d.position.column } })),
      expected,
      show(o.errors),
    );
  });

  test('exactly 5 errors for 5 problems, each printed on its own line', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm1
    vars:
      barman_compression: lz4
      barman_backup_interval: "@weekly"
  - Name: pg2
    role: primary
    backup: [bm1, bm1]
  - Name: bm1
    role: barman
    location: nowhere
  - Name: "pg 3"
    role: replica
`;
    const o = diagnose(text);
    assert.equal(o.errors.length, 5, show(o.errors));
    const lines = o.errors.map(formatDiagnostic);
    const at = (token: string, before = ''): string => {
      const p = positionIn(text, token, before);
      return `${FILE}:${p.line}:${p.column}: error: `;
    };
    assert.ok(lines[0].startsWith(at('lz4')), lines[0]);
    assert.ok(lines[1].startsWith(at('"@weekly"')), lines[1]);
    assert.ok(lines[2].startsWith(at('bm1', 'backup: [bm1, ')), lines[2]);
    assert.ok(lines[3].startsWith(at('nowhere')), lines[3]);
    assert.ok(lines[4].startsWith(at('"pg 3"')), lines[4]);
    assert.equal(new Set(o.errors.map((d) => d.key)).size, 5);
  });

  test('InvalidConfigError carries every error and prints them all', () => {
    const text = withVar('barman_parallel_jobs: 0\n      barman_archiver: maybe');
    const o = diagnose(text);
    assert.equal(o.errors.length, 2, show(o.errors));
    const err = new InvalidConfigError(o.errors);
    assert.match(err.message, /\(2 errors\)/);
    for (const d of o.errors) assert.ok(err.message.includes(formatDiagnostic(d)));
  });

  test('names and keys with control characters still print one line per error', () => {
    const text = `cluster_name: demo
instances:
  - Name: "pg\\n1"
    role: primary
    "ip\\u001baddr": x
`;
    const o = diagnose(text);
    assert.equal(o.errors.length, 2, show(o.errors));
    for (const d of o.errors) {
      const line = formatDiagnostic(d);
      assert.ok(!/[\x00-\x1f\x7f]/.test(line), JSON.stringify(line));
      assert.match(line, /instance 'pg\\x0a1'/);
    }
    assert.match(formatDiagnostic(o.errors[1]), /key 'ip\\x1baddr'/);
  });
});

describe('typed API (graphFromProps) rejects the same bad values', () => {
  const base = (pg: BarmanSettings, extra: Partial<ClusterProps> = {}): ClusterProps => ({
    clusterName: 'demo',
    instances: [
      { name: 'pg1', roles: [Role.PRIMARY], backup: ['bm1'], settings: pg },
      { name: 'bm1', roles: [Role.BARMAN] },
    ],
    ...extra,
  });

  const errorsOf = errorsOfProps;

  const cases: ReadonlyArray<readonly [string, BarmanSettings, string, string, RegExp]> = [
    ['parallel jobs 0', { parallelJobs: 0 }, 'barman_parallel_jobs', '0', /not an integer >= 1/],
    ['negative redundancy', { minimumRedundancy: -1 }, 'barman_minimum_redundancy', '-1', /not an integer >= 0/],
    ['fractional retry sleep', { basebackupRetrySleep: 0.5 }, 'barman_basebackup_retry_sleep', '0.5', /not an integer/],
    ['REDUNDANCY 0', { retentionPolicy: RetentionPolicy.redundancy(0) }, 'barman_retention_policy', "'REDUNDANCY 0'", /use 'REDUNDANCY n'/],
    ['window of 0 weeks', { retentionPolicy: RetentionPolicy.recoveryWindow(0, Period.WEEKS) }, 'barman_retention_policy', "'RECOVERY WINDOW OF 0 WEEKS'", /n >= 1/],
    ['age of 0 days', { lastBackupMaximumAge: MaximumAge.of(0, Period.DAYS) }, 'barman_last_backup_maximum_age', "'0 DAYS'", /use 'n DAYS'/],
    ['cron */0', { backupInterval: '*/0 4 * * *' }, 'barman_backup_interval', "'*/0'", /positive number/],
    ['cron hour 24', { backupInterval: '0 24 * * *' }, 'barman_backup_interval', "'24'", /0-23/],
    ['cron @daily', { backupInterval: '@daily' }, 'barman_backup_interval', "'@daily'", /expected 5 fields/],
    ['compression outside the enum', { compression: 'lzo' as Compression }, 'barman_compression', "'lzo'", /not one of/],
    ['backup method outside the enum', { backupMethod: 'snapshot' as BackupMethod }, 'barman_backup_method', "'snapshot'", /not one of/],
    ['backup_name all', { backupName: 'all' }, 'backup_name', "'all'", /reserved by Barman/],
    ['backup_name with a slash', { backupName: 'a/b' }, 'backup_name', "'a/b'", /no '\/'/],
    ['newline in a script', { postBackupScript: 'notify\nreboot' }, 'barman_post_backup_script', "'notify\\x0areboot'", /newline or control character/],
    ['double quote in a script', { postBackupRetryScript: 'say "hi"' }, 'barman_post_backup_retry_script', `'say "hi"'`, /use single quotes/],
    ['dsn setting host', { clientDsnAttributes: 'host=other sslmode=require' }, 'barman_client_dsn_attributes', "'host=other sslmode=require'", /sets host/],
    ['dsn setting user', { streamingClientDsnAttributes: 'user=postgres' }, 'streaming_barman_client_dsn_attributes', "'user=postgres'", /sets user/],
    ['relative barman home', { barmanHome: 'barman' }, 'barman_home', "'barman'", /absolute path/],
    ['port 0', { postgresPort: 0 }, 'postgres_port', '0', /between 1 and 65535/],
  ];
  for (const [what, settings, key, shown, fix] of cases) {
    test(what, () => {
      const errors = errorsOf(base(settings));
      assert.equal(errors.length, 1, show(errors));
      const d = errors[0];
      assert.equal(d.instance, 'pg1');
      assert.equal(d.key, key);
      assert.equal(d.position, undefined, 'no positions without a file');
      assert.ok(d.message.includes(shown), d.message);
      assert.match(d.message, fix);
      assert.ok(formatDiagnostic(d).startsWith(`error: instance 'pg1', key '${key}': `), formatDiagnostic(d));
    });
  }

  test('the graph rules apply too: duplicate names, unknown server, self-backup, duplicate entry, no barman role', () => {
    const errors = errorsOf({
      clusterName: 'demo',
      instances: [
        { name: 'pg1', roles: [Role.PRIMARY], backup: ['bm2', 'pg2', 'bm1', 'bm1'] },
        { name: 'pg2', roles: [Role.REPLICA, Role.BARMAN], backup: ['pg2'] },
        { name: 'bm1', roles: [Role.BARMAN] },
        { name: 'BM1', roles: [Role.BARMAN] },
        { name: 'logs', roles: [], backup: ['bm1'] },
      ],
    });
    const got = errors.map((d) => `${d.instance}/${d.key}: ${d.message}`);
    assert.equal(errors.length, 5, got.join('\n'));
    assert.ok(got.some((m) => /^pg1\/backup: no instance is named 'bm2': did you mean 'bm1'\?/.test(m)), got.join('\n'));
    assert.ok(got.some((m) => /^pg1\/backup: 'bm1' is listed twice/.test(m)), got.join('\n'));
    assert.ok(got.some((m) => /^pg2\/backup: an instance cannot back itself up/.test(m)), got.join('\n'));
    assert.ok(got.some((m) => /^BM1\/Name: duplicate instance name 'bm1'/.test(m)), got.join('\n'));
    assert.ok(got.some((m) => /^logs\/backup: instance has 'backup' but is not a PostgreSQL instance/.test(m)), got.join('\n'));
    // pg1 -> pg2 is fine: pg2 has the barman role (a Barman server that is also a replica)
  });

  test('bad cluster name, bad address, same backup_name twice on one server', () => {
    const errors = errorsOf({
      clusterName: 'demo cluster',
      instances: [
        { name: 'pg1', roles: [Role.PRIMARY], backup: ['bm1'], address: '10.1.2.256', settings: { backupName: 'db' } },
        { name: 'pg2', roles: [Role.PRIMARY], backup: ['bm1'], settings: { backupName: 'db' } },
        { name: 'bm1', roles: [Role.BARMAN] },
      ],
    });
    const got = errors.map((d) => `${d.instance ?? '-'}/${d.key}: ${d.message}`);
    assert.equal(errors.length, 3, got.join('\n'));
    assert.ok(got.some((m) => /^-\/cluster_name: cluster name 'demo cluster'/.test(m)), got.join('\n'));
    assert.ok(got.some((m) => /^pg1\/vars.address: '10.1.2.256' is not a host name or IP address/.test(m)), got.join('\n'));
    assert.ok(got.some((m) => /^pg2\/backup_name: backup_name 'db' is also used by instance 'pg1'/.test(m)), got.join('\n'));
  });

  test('typed and YAML input give the same errors for the same bad value', () => {
    const typed = errorsOf(base({ compression: 'zstd' as Compression }));
    const yaml = diagnose(withVar('barman_compression: zstd')).errors;
    assert.deepEqual(typed.map((d) => [d.instance, d.key, d.message]), yaml.map((d) => [d.instance, d.key, d.message]));
  });

  test('valid typed props build a graph', () => {
    const g = graphFromProps(base({ compression: Compression.GZIP, retentionPolicy: RetentionPolicy.redundancy(2), lastBackupMaximumAge: MaximumAge.of(2, Period.DAYS) }));
    assert.equal(g.edges.length, 1);
    assert.equal(g.instance('pg1').settings.retentionPolicy, 'REDUNDANCY 2');
    assert.equal(g.instance('pg1').settings.lastBackupMaximumAge, '2 DAYS');
  });
});

describe('settings that do not work together', () => {
  test('exclusive_backup with PostgreSQL 15 or later is an error', () => {
    const text = withVar('barman_backup_options: exclusive_backup');
    expectOneError(text, { token: 'exclusive_backup', instance: 'pg1', key: 'barman_backup_options', mentions: ['exclusive_backup', 'PostgreSQL 15', '16'], fix: /use concurrent_backup/ });
  });

  test('exclusive_backup with PostgreSQL 14 is accepted', () => {
    const g = validGraph(withVar('barman_backup_options: exclusive_backup').replace('postgres_version: 16', 'postgres_version: 14'));
    assert.equal(g.instance('pg1').settings.backupOptions, 'exclusive_backup');
  });

  test('a redundancy below minimum_redundancy is a warning', () => {
    const text = withVar('barman_retention_policy: REDUNDANCY 2');
    expectOneWarning(text, { token: 'REDUNDANCY 2', instance: 'pg1', key: 'barman_retention_policy', mentions: ["'REDUNDANCY 2'", 'minimum_redundancy 3'], fix: /lower barman_minimum_redundancy/ });
  });

  test('a backup_name that takes a distribution cron file name is a warning', () => {
    const o = diagnose(withVar('backup_name: sysstat'));
    assert.deepEqual(o.errors, []);
    assert.equal(o.warnings.length, 1);
    assert.match(o.warnings[0].message, /\/etc\/cron\.d\/sysstat/);
    assert.equal(o.warnings[0].key, 'backup_name');
  });
});

describe('schedule against age and retention (warnings)', () => {
  test('a weekly schedule with last_backup_maximum_age 1 WEEK leaves no margin: a warning at the schedule', () => {
    const text = withVar('barman_backup_interval: "0 4 * * sun"');
    expectOneWarning(text, { token: '"0 4 * * sun"', instance: 'pg1', key: 'barman_backup_interval', mentions: ["'0 4 * * sun'", '7 days', "'1 WEEK'", 'backup maximum age: FAILED'], fix: /schedule backups more often or raise barman_last_backup_maximum_age/ });
  });

  test('a monthly schedule is longer than the default 4-week recovery window too: two warnings', () => {
    const o = diagnose(withVar('barman_backup_interval: "0 4 1 * *"'));
    assert.deepEqual(o.errors, []);
    assert.equal(o.warnings.length, 2, show(o.warnings));
    assert.match(o.warnings[1].message, /31 days between full backups, longer than the retention window 'RECOVERY WINDOW OF 4 WEEKS'.*widen barman_retention_policy/);
  });

  test('the default schedule, and a weekly one with a 2-week maximum age, give no warning', () => {
    assert.deepEqual(diagnose(withVar('postgres_port: 5432')).warnings, []);
    assert.deepEqual(diagnose(withVar('barman_backup_interval: "0 4 * * sun"\n      barman_last_backup_maximum_age: 2 WEEKS')).warnings, []);
  });

  test('a REDUNDANCY policy has no window to compare with', () => {
    const o = diagnose(withVar('barman_backup_interval: "0 4 1 * *"\n      barman_last_backup_maximum_age: 5 WEEKS\n      barman_retention_policy: REDUNDANCY 3'));
    assert.deepEqual(o.warnings, []);
  });

  test('a schedule that never runs is a warning', () => {
    const text = withVar('barman_backup_interval: "0 4 30 2 *"');
    expectOneWarning(text, { token: '"0 4 30 2 *"', instance: 'pg1', key: 'barman_backup_interval', mentions: ["'0 4 30 2 *'", 'never runs'], fix: /fix the day and month fields/ });
  });

  test('barman_backup_stagger on an instance that is not a Barman server is a warning', () => {
    const text = withVar('barman_backup_stagger: true');
    expectOneWarning(text, { token: 'true', before: 'barman_backup_stagger: ', instance: 'pg1', key: 'barman_backup_stagger', mentions: [], fix: /set it on the Barman server or in cluster_vars/ });
  });
});

describe('least-privilege ssh: addresses sshd cannot match in from=', () => {
  const FIX = /set barman_client_addresses to the IP addresses or CIDRs its connections come from, or barman_ssh_restrict: false/;

  test('a Postgres instance known only by name: one warning at its Name, naming the Barman server file', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm1
  - Name: bm1
    ip_address: 192.0.2.2
    role: barman
`;
    expectOneWarning(text, { token: 'pg1', before: 'Name: ', instance: 'pg1', key: 'barman_client_addresses', mentions: ["'pg1' is a host name", 'bm1:~barman/.ssh/authorized_keys', 'get no from='], fix: FIX });
  });

  test('a host name in barman_client_addresses: the warning points at the list', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
  - Name: bm1
    ip_address: 192.0.2.2
    role: barman
    vars:
      barman_client_addresses: [192.0.2.2, nat-gw.example.com]
`;
    expectOneWarning(text, { token: '[192.0.2.2, nat-gw', instance: 'bm1', key: 'barman_client_addresses', mentions: ["'nat-gw.example.com' is a host name", 'pg1:~postgres/.ssh/authorized_keys'], fix: FIX });
  });

  test('no warning where the file it would land in is not restricted (barman_ssh_restrict: false there)', () => {
    const text = `cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: bm1
    vars:
      barman_ssh_restrict: false
  - Name: bm1
    role: barman
    vars:
      barman_ssh_restrict: false
`;
    assert.deepEqual(diagnose(text).warnings.map(formatDiagnostic), []);
  });

  test('barman_ssh_restrict is a boolean, defaults to true, typed as sshRestrict', () => {
    expectOneError(withVar('barman_ssh_restrict: sometimes'), { token: 'sometimes', instance: 'pg1', key: 'barman_ssh_restrict', mentions: ["'sometimes'"], fix: /true or false/ });
    assert.equal(validGraph(withVar('postgres_port: 5432')).instance('pg1').settings.sshRestrict, true);
    const g = graphFromProps({ clusterName: 'demo', instances: [{ name: 'bm', roles: [Role.BARMAN], address: '10.0.0.1', settings: { sshRestrict: false } }] });
    assert.equal(g.instance('bm').settings.sshRestrict, false);
  });
});
