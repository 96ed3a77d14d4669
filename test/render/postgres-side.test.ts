import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { HbaMethod, Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { Concern, FileKind } from '../../lib/render/host-files';
import { OWNS_SERVER, managedListPath } from '../../lib/concerns/barman-server/barman-server-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { renderHbaBlock } from '../../lib/render/pg-hba';
import { PASSWORD_PLACEHOLDERS } from '../../lib/render/pgpass';
import { listTopologies, topologyConfig } from '../support/paths';
import { readTree, renderTopology } from '../support/render-tree';
import { archiveCommand, renderPostgresSettingsSql, restoreCommand } from '../../lib/render/postgres-settings-sql';
import { pgpassField, renderPgpassBlock } from '../../lib/render/pgpass';
import { readFileSync } from 'node:fs';
import { renderBarmanRolesSql } from '../../lib/render/barman-roles-sql';
import { TEST_POSTGRES } from '../support/postgres';
import { rootMissing, skipUnless } from '../support/requirements';

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
  assert.match(sql, /^SELECT 'ALTER SYSTEM RESET restore_command' WHERE EXISTS \(SELECT FROM pg_file_settings WHERE name = 'restore_command' AND setting LIKE 'barman-wal-restore%' AND sourcefile LIKE '%postgresql\.auto\.conf'\)\\gexec$/m);
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

// Runs the roles SQL on a real, throwaway cluster of the machine's PostgreSQL (its major, as the
// config would say): twice (idempotent), then with a new password.
test('roles SQL on a real PostgreSQL: idempotent, not superuser, password updates', { skip: skipUnless(rootMissing('the cluster runs as the postgres user'), TEST_POSTGRES.missing) }, (t) => {
  const { bin, major } = TEST_POSTGRES;
  const asPostgres = (cmd: string) => spawnSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', cmd], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-pg-'));
  chmodSync(dir, 0o777);
  t.after(() => {
    asPostgres(`${bin}/pg_ctl -D ${dir}/data stop -m immediate`);
    rmSync(dir, { recursive: true, force: true });
  });
  const port = 20000 + (process.pid % 20000);
  let r = asPostgres(`${bin}/initdb -D ${dir}/data -A trust >/dev/null && ${bin}/pg_ctl -D ${dir}/data -o "-k ${dir} -p ${port} -c listen_addresses=''" -l ${dir}/log -w start >/dev/null`);
  assert.equal(r.status, 0, r.stderr);
  const db1 = graph().instance('db-1');
  writeFileSync(join(dir, 'roles.sql'), renderBarmanRolesSql({ ...db1, settings: { ...db1.settings, postgresVersion: major } }));
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
  // what Barman needs on this major: pg_checkpoint and pg_backup_start from 15, pg_start_backup before
  const needs = major >= 15
    ? "pg_has_role('barman', 'pg_checkpoint', 'MEMBER'), has_function_privilege('barman', 'pg_backup_start(text, boolean)', 'EXECUTE')"
    : "has_function_privilege('barman', 'pg_start_backup(text, boolean, boolean)', 'EXECUTE'), has_function_privilege('barman', 'pg_stop_backup()', 'EXECUTE')";
  r = psql(`-c "SELECT ${needs}, has_function_privilege('barman', 'pg_switch_wal()', 'EXECUTE')"`);
  assert.equal(r.stdout, 't|t|t\n', r.stderr);
  // the last password is the one that works
  r = psql(`-c "SELECT rolpassword LIKE 'SCRAM-SHA-256%' FROM pg_authid WHERE rolname = 'barman'"`);
  assert.equal(r.stdout, 't\n');
});

// ---------------------------------------------------------------------------------------------
// What renderHosts plans on each host for the Postgres side, over every topology fixture and the
// graph above: derived from the graph, not from the output.

const GRAPHS: { name: string; graph: () => BarmanGraph }[] = [
  ...listTopologies().map((t) => ({ name: t, graph: () => loadGraphFromFile(topologyConfig(t)) })),
  { name: 'shop (typed)', graph: () => graph() },
];

for (const g of GRAPHS) {
  test(`${g.name}: every Postgres instance, one pg_hba.conf block with every Barman server's client addresses`, () => {
    const gr = g.graph();
    const plans = renderHosts(gr, new PlaceholderKeys());
    for (const p of gr.postgresInstances) {
      const files = plans.find((x) => x.instance === p)!.files.filter((f) => f.kind === FileKind.MANAGED_BLOCK);
      assert.equal(files.length, 1, p.name);
      const f = files[0];
      assert.deepEqual(
        { path: f.path, owner: f.owner, group: f.group, mode: f.mode, concern: f.concern },
        { path: `${p.settings.postgresConfDir}/pg_hba.conf`, owner: p.settings.postgresUser, group: p.settings.postgresGroup, mode: '0640', concern: Concern.POSTGRES_CONFIG },
      );
      assert.deepEqual(f.blockMarkers, { begin: `# BEGIN cdktf-barman:${gr.clusterName}`, end: `# END cdktf-barman:${gr.clusterName}` });
      const lines = f.content!.split('\n');
      assert.ok(lines[0].startsWith(`${f.blockMarkers!.begin} `), lines[0]);
      assert.deepEqual(lines.slice(-2), [f.blockMarkers!.end, '']);
      const rules = lines.slice(1, -2);
      const addresses = gr.barmanServers.flatMap((s) => s.clientAddresses);
      assert.equal(rules.length, 2 * addresses.length, `${p.name}: two rules per client address`);
      for (const r of rules) assert.match(r, new RegExp(`^(host|hostssl) (postgres barman|replication streaming_barman) \\S+ ${p.settings.hbaMethod}$`), r);
      // no line between the markers may look like a marker
      assert.ok(!rules.some((r) => r.startsWith('#')), `${p.name}: a comment inside the block`);
    }
    // a Barman server that is no Postgres instance gets no pg_hba.conf
    for (const s of gr.barmanServers.filter((x) => !x.isPostgres)) assert.ok(!plans.find((x) => x.instance === s)!.files.some((f) => f.kind === FileKind.MANAGED_BLOCK), s.name);
  });

  test(`${g.name}: every Barman server, a .pgpass block per instance it backs up (placeholders only) and the list of its per-instance files`, () => {
    const gr = g.graph();
    const plans = renderHosts(gr, new PlaceholderKeys());
    for (const s of gr.barmanServers) {
      const files = plans.find((x) => x.instance === s)!.files;
      const edges = gr.edgesOnServer(s);
      const blocks = files.filter((f) => f.kind === FileKind.PASSWORD_BLOCK);
      assert.deepEqual(blocks.map((b) => b.edge), edges, `${s.name}: one block per edge, in order`);
      for (const b of blocks) {
        const e = b.edge!;
        const begin = `# BEGIN cdktf-barman:${gr.clusterName}:${e.backupName}`;
        const end = `# END cdktf-barman:${gr.clusterName}:${e.backupName}`;
        assert.deepEqual(
          { path: b.path, owner: b.owner, group: b.group, mode: b.mode, concern: b.concern, markers: b.blockMarkers },
          { path: `${s.settings.barmanHome}/.pgpass`, owner: s.settings.barmanUser, group: s.settings.barmanGroup, mode: '0600', concern: Concern.BACKUP_EDGE, markers: { begin, end } },
        );
        assert.equal(b.content, `${begin}\n${renderPgpassBlock(e, PASSWORD_PLACEHOLDERS)}${end}\n`);
        // host and port exactly as in the instance's conninfo
        assert.match(b.content!, new RegExp(`^${pgpassField(e.instance.address).replace(/[.\\]/g, '\\$&')}:${e.instance.settings.postgresPort}:\\*:barman:<password of barman`, 'm'));
      }
      // markers: no begin line is another's begin followed by a space (merge_block's match)
      const begins = blocks.map((b) => b.blockMarkers!.begin);
      for (const a of begins) for (const b of begins) if (a !== b) assert.ok(!b.startsWith(`${a} `), `${a} / ${b}`);
      const list = files.filter((f) => f.kind === FileKind.MANAGED_LIST);
      assert.equal(list.length, 1);
      assert.deepEqual(
        { path: list[0].path, owner: list[0].owner, mode: list[0].mode, concern: list[0].concern },
        { path: managedListPath(gr.clusterName), owner: 'root', mode: '0644', concern: Concern.BARMAN_SERVER },
      );
      // and, from the cluster owning the server (every one here), its claim on the server-wide files
      const claim = s.settings.barmanShared ? [] : [OWNS_SERVER];
      assert.equal(list[0].content, [...edges.flatMap((e) => [`/etc/barman.d/${e.backupName}.conf`, `/etc/cron.d/${e.cronFileName}`, `pgpass:${e.backupName}`]), ...claim].map((l) => `${l}\n`).join(''));
    }
    // no password file anywhere but on Barman servers
    for (const p of plans.filter((x) => !x.instance.isBarmanServer)) assert.ok(!p.files.some((f) => f.kind === FileKind.PASSWORD_BLOCK || f.kind === FileKind.MANAGED_LIST), p.instance.name);
  });
}

test('render: the .pgpass blocks of one server are one file, in order; the manifest lists it once', async (t) => {
  const r = await renderTopology('many-to-one');
  t.after(() => r.cleanup());
  const vault = r.graph.instance('vault');
  const blocks = renderHosts(r.graph, new PlaceholderKeys()).find((p) => p.instance === vault)!.files.filter((f) => f.kind === FileKind.PASSWORD_BLOCK);
  assert.equal(blocks.length, 3, 'alpha, bravo (bravo.standby) and charlie');
  const tree = readTree(r.outDir);
  assert.equal(tree.get('vault/var/lib/barman/.pgpass')!.toString('utf8'), blocks.map((b) => b.content).join(''));
  const manifest = JSON.parse(readFileSync(`${r.outDir}/vault/manifest.json`, 'utf8')) as { files: { path: string; kind: string }[] };
  assert.deepEqual(manifest.files.filter((f) => f.path === '/var/lib/barman/.pgpass'), [{ path: '/var/lib/barman/.pgpass', kind: 'password-block', owner: 'barman', group: 'barman', mode: '0600' }]);
  // no password, only placeholders
  assert.doesNotMatch(tree.get('vault/var/lib/barman/.pgpass')!.toString('utf8'), /:(barman|streaming_barman):(?!<password of )/);
});

test(
  'barman_hba_method cert is only valid on hostssl lines: refused, or written as hostssl',
  () => {
    let g;
    try {
      g = graphFromProps({
        clusterName: 'tls',
        instances: [
          { name: 'db', roles: [Role.PRIMARY], address: '10.0.0.1', backup: ['bm'], settings: { hbaMethod: HbaMethod.CERT } },
          { name: 'bm', roles: [Role.BARMAN], address: '10.0.0.2' },
        ],
      });
    } catch (e) {
      assert.match(String(e), /hostssl/);
      return;
    }
    for (const l of renderHbaBlock(g, g.instance('db')).split('\n').filter((x) => x.endsWith(' cert'))) assert.match(l, /^hostssl /);
  },
);
