import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { HbaMethod, Role } from '../../lib/model/enums';
import { renderHbaBlock } from '../../lib/render/pg-hba';
import { archiveCommand, renderPostgresSettingsSql, restoreCommand } from '../../lib/render/postgres-settings-sql';
import { pgpassField, renderPgpassBlock } from '../../lib/render/pgpass';
import { renderBarmanRolesSql } from '../../lib/render/barman-roles-sql';

const graph = (hostssl = false) =>
  graphFromProps({
    clusterName: 'shop',
    settings: { postgresVersion: 15 },
    instances: [
      { name: 'db-1', roles: [Role.PRIMARY], address: '10.0.0.11', backup: ['bm-1', 'bm-2'], settings: { archiver: true, hbaHostssl: hostssl, hbaMethod: HbaMethod.SCRAM_SHA_256 } },
      { name: 'db-2', roles: [Role.REPLICA], upstream: 'db-1', address: '10.0.0.12', settings: { walRestore: true } },
      { name: 'bm-1', roles: [Role.BARMAN], address: '10.0.0.21' },
      { name: 'bm-2', roles: [Role.BARMAN], address: 'fd00::22', clientAddresses: ['10.1.0.0/24'], settings: { sshPort: 2222 } },
    ],
  });

test('pg_hba.conf block: every Barman server, both users, its client addresses, between markers', () => {
  const g = graph();
  const block = renderHbaBlock(g, g.instance('db-2'));
  assert.equal(
    block,
    [
      "# BEGIN cdktf-barman:shop (Barman's access; replaced on every apply)",
      'host postgres barman 10.0.0.21/32 scram-sha-256',
      'host replication streaming_barman 10.0.0.21/32 scram-sha-256',
      'host postgres barman 10.1.0.0/24 scram-sha-256',
      'host replication streaming_barman 10.1.0.0/24 scram-sha-256',
      '# END cdktf-barman:shop',
      '',
    ].join('\n'),
  );
  assert.match(renderHbaBlock(graph(true), graph(true).instance('db-1')), /^hostssl postgres barman 10\.0\.0\.21\/32 scram-sha-256$/m);
});

test('archive_command goes to every Barman server of the instance; restore_command from the first', () => {
  const g = graph();
  assert.equal(archiveCommand(g, g.instance('db-1')), 'barman-wal-archive -U barman --port 22 10.0.0.21 db-1 %p && barman-wal-archive -U barman --port 2222 fd00::22 db-1 %p');
  assert.equal(archiveCommand(g, g.instance('db-2')), undefined);
  assert.equal(restoreCommand(g, g.instance('db-2')), 'barman-wal-restore -U barman -z -p 8 --port 22 10.0.0.21 db-1 %f %p');
  assert.equal(restoreCommand(g, g.instance('db-1')), undefined);
  const sql = renderPostgresSettingsSql(g, g.instance('db-1'));
  assert.match(sql, /^ALTER SYSTEM SET archive_mode = 'on';$/m);
  assert.match(sql, /^ALTER SYSTEM SET archive_command = 'barman-wal-archive .* %p';$/m);
  // restore_command is not this instance's: reset only when the library had set it
  assert.match(sql, /^SELECT 'ALTER SYSTEM RESET restore_command' WHERE current_setting\('restore_command'\) LIKE 'barman-wal-restore%'\\gexec$/m);
});

test('.pgpass lines escape ":" and "\\\\" and use the conninfo host and port', () => {
  const g = graph();
  const e = g.edgesOfInstance(g.instance('db-1'))[0];
  assert.equal(pgpassField('a:b\\c'), 'a\\:b\\\\c');
  assert.equal(renderPgpassBlock(e, { barman: 'p:w', streamingBarman: 's\\w' }), '10.0.0.11:5432:*:barman:p\\:w\n10.0.0.11:5432:*:streaming_barman:s\\\\w\n');
});

test('roles SQL grants what Barman needs for the PostgreSQL version', () => {
  const g = graph();
  const v15 = renderBarmanRolesSql(g.instance('db-1'));
  assert.match(v15, /GRANT EXECUTE ON FUNCTION pg_catalog\.pg_backup_start\(text, boolean\) TO barman_role;/);
  assert.match(v15, /GRANT pg_checkpoint TO barman_role;/);
  const v13 = renderBarmanRolesSql({ ...g.instance('db-1'), settings: { ...g.instance('db-1').settings, postgresVersion: 13 } });
  assert.match(v13, /pg_catalog\.pg_start_backup\(text, boolean, boolean\)/);
  assert.doesNotMatch(v13, /pg_checkpoint/);
  assert.doesNotMatch(v15 + v13, /PASSWORD '/, 'no password in the SQL text: psql variables carry them');
});

// Runs the roles SQL on a real, throwaway PostgreSQL: twice (idempotent), then with a new password.
test('roles SQL on a real PostgreSQL: idempotent, not superuser, password updates', (t) => {
  const bin = '/usr/lib/postgresql/15/bin';
  const asPostgres = (cmd: string) => spawnSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', cmd], { encoding: 'utf8' });
  if (process.getuid?.() !== 0 || !existsSync(`${bin}/initdb`)) {
    const why = 'needs root and PostgreSQL 15 (scripts/e2e-setup.sh installs it)';
    if (process.env.CI) assert.fail(why);
    console.error(`SKIP roles-sql: ${why}`);
    t.skip(why);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-pg-'));
  chmodSync(dir, 0o777);
  t.after(() => {
    asPostgres(`${bin}/pg_ctl -D ${dir}/data stop -m immediate`);
    rmSync(dir, { recursive: true, force: true });
  });
  const port = 20000 + (process.pid % 20000);
  let r = asPostgres(`${bin}/initdb -D ${dir}/data -A trust >/dev/null && ${bin}/pg_ctl -D ${dir}/data -o "-k ${dir} -p ${port} -c listen_addresses=''" -l ${dir}/log -w start >/dev/null`);
  assert.equal(r.status, 0, r.stderr);
  const g = graph();
  writeFileSync(join(dir, 'roles.sql'), renderBarmanRolesSql(g.instance('db-1')));
  const psql = (args: string) => asPostgres(`${bin}/psql -X -q -At -h ${dir} -p ${port} -d postgres ${args}`);
  for (const pw of ["first'pw%", "first'pw%", 'second']) {
    writeFileSync(join(dir, 'pw'), pw);
    chmodSync(join(dir, 'pw'), 0o644);
    r = psql(`-v barman_password="$(cat ${dir}/pw)" -v streaming_password=s -f ${dir}/roles.sql`);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'no notice on a re-run');
  }
  r = psql(`-c "SELECT rolname, rolsuper, rolcanlogin, rolreplication FROM pg_roles WHERE rolname LIKE '%barman%' ORDER BY 1"`);
  assert.equal(r.stdout, 'barman|f|t|f\nbarman_role|f|f|f\nstreaming_barman|f|t|t\n');
  r = psql(`-c "SELECT pg_has_role('barman', 'pg_checkpoint', 'MEMBER'), has_function_privilege('barman', 'pg_backup_start(text, boolean)', 'EXECUTE'), has_function_privilege('barman', 'pg_switch_wal()', 'EXECUTE')"`);
  assert.equal(r.stdout, 't|t|t\n');
  // the last password is the one that works
  r = psql(`-c "SELECT rolpassword LIKE 'SCRAM-SHA-256%' FROM pg_authid WHERE rolname = 'barman'"`);
  assert.equal(r.stdout, 't\n');
});
