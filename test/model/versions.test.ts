/**
 * PostgreSQL majors and the Barman version (lib/model/versions.ts): the supported range of
 * postgres_version, barman_version and the values it gates, and each backed-up instance's client
 * binaries on its Barman server (path_prefix, the server step's pg_receivewal check, activation's
 * psql), in the model, the rendered files and the synthesized stack.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Compression, Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { BarmanSettings } from '../../lib/model/settings';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { clientBinDir, compareVersions } from '../../lib/model/versions';
import { renderBarmanConf } from '../../lib/render/barman-conf';
import { renderServerConf } from '../../lib/render/server-conf';
import { barmanServerScript, postgresClients } from '../../lib/concerns/barman-server/barman-server-step';
import { activationScript } from '../../lib/concerns/activation/activation-step';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { Concern } from '../../lib/render/host-files';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { resource, stepOf, synthCluster, triggersOf } from '../constructs/synth-helpers';
import { diagnose, errorsOfProps, expectOneError, expectOneWarning, show } from './diagnostic-helpers';

const yaml = (pgVars: string, bmVars = '', cluster = ''): string => `cluster_name: demo
cluster_vars:
  postgres_version: 16${cluster}
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
    vars:
      ${pgVars}
  - Name: bm1
    ip_address: 192.0.2.2
    role: [barman]
    vars:
      ${bmVars || 'barman_home: /var/lib/barman'}
`;

/** pg16 and pg17 (and pg14 on /usr/pgsql layouts when asked) backed up to bk, of `server` settings */
function mixed(server: BarmanSettings = {}, extra: BarmanSettings = {}): BarmanGraph {
  return graphFromProps({
    clusterName: 'mix',
    settings: { postgresVersion: 16 },
    instances: [
      { name: 'pg16', roles: [Role.PRIMARY], backup: ['bk'], address: '192.0.2.16' },
      { name: 'pg17', roles: [Role.PRIMARY], backup: ['bk'], address: '192.0.2.17', settings: { postgresVersion: 17, ...extra } },
      { name: 'pg17b', roles: [Role.PRIMARY], backup: ['bk'], address: '192.0.2.18', settings: { postgresVersion: 17 } },
      { name: 'bk', roles: [Role.BARMAN], address: '192.0.2.20', settings: server },
    ],
  });
}

describe('postgres_version: the majors Barman 3 supports', () => {
  test('9 is an error at the key, naming the oldest supported major; 10 and 18 are fine, with no warning', () => {
    expectOneError(yaml('postgres_version: 9'), { token: '9', before: 'postgres_version: ', instance: 'pg1', key: 'postgres_version', mentions: ['postgres_version 9'], fix: /PostgreSQL 10 and later.*upgrade PostgreSQL/ });
    for (const v of ['10', "'18'"]) {
      const o = diagnose(yaml(`postgres_version: ${v}`));
      assert.deepEqual([...o.errors, ...o.warnings.filter((w) => w.key === 'postgres_version')], [], show([...o.errors, ...o.warnings]));
    }
  });

  test('19 is a warning at the key: not known to this release', () => {
    expectOneWarning(yaml('postgres_version: 19'), { token: '19', before: 'postgres_version: ', instance: 'pg1', key: 'postgres_version', mentions: ['postgres_version 19'], fix: /not known to this release \(the newest it knows is 18\).*postgresql-client-19/ });
  });

  test('the typed API says the same', () => {
    const errors = errorsOfProps({ clusterName: 'd', instances: [{ name: 'p', roles: [Role.PRIMARY], settings: { postgresVersion: 9 } }] });
    assert.equal(errors.length, 1, show(errors));
    assert.match(errors[0].message, /postgres_version 9 is not supported: Barman 3 backs up PostgreSQL 10 and later/);
  });
});

describe('barman_version: what the declared Barman accepts', () => {
  test('compareVersions: numeric parts, missing parts are 0', () => {
    assert.ok(compareVersions('3.4', '3.12') < 0);
    assert.ok(compareVersions('3.12.1', '3.12') > 0);
    assert.equal(compareVersions('3.4.0', '3.4'), 0);
    assert.ok(compareVersions('4', '3.99') > 0);
  });

  test('zstd, lz4 and xz: an error at the instance\'s barman_compression with the default 3.4, naming 3.12 and the fix', () => {
    for (const c of ['zstd', 'lz4', 'xz']) {
      expectOneError(yaml(`barman_compression: ${c}`), { token: c, before: 'barman_compression: ', instance: 'pg1', key: 'barman_compression', mentions: [`'${c}'`, "'3.4'"], fix: /was added in Barman 3\.12.*raise its barman_version to at least '3\.12'/ });
    }
  });

  test('accepted when the Barman server declares 3.12 or newer, in its vars or in cluster_vars', () => {
    for (const [bm, cluster] of [["barman_version: '3.12'", ''], ["barman_version: '4.0.1'", ''], ['', "\n  barman_version: '3.12.0'"]] as const) {
      const o = diagnose(yaml('barman_compression: zstd', bm, cluster));
      assert.deepEqual(o.errors, [], show(o.errors));
      assert.equal(o.graph!.instance('pg1').settings.compression, Compression.ZSTD);
    }
  });

  test('on an instance that is no Barman server it has no effect: a warning, and the server\'s 3.4 still refuses zstd', () => {
    const o = diagnose(yaml("barman_compression: zstd\n      barman_version: '3.12'"));
    assert.equal(o.errors.length, 1, show(o.errors));
    assert.match(o.errors[0].message, /Barman server 'bm1' declares barman_version '3\.4'/);
    assert.ok(o.warnings.some((w) => w.key === 'barman_version' && /has no effect here/.test(w.message)), show(o.warnings));
  });

  test('the older of two servers counts for each: one error per server that cannot', () => {
    const errors = errorsOfProps({
      clusterName: 'd',
      settings: { compression: Compression.LZ4 },
      instances: [
        { name: 'p', roles: [Role.PRIMARY], backup: ['old', 'new'] },
        { name: 'old', roles: [Role.BARMAN] },
        { name: 'new', roles: [Role.BARMAN], settings: { barmanVersion: '3.12' } },
      ],
    });
    assert.equal(errors.length, 1, show(errors));
    assert.match(errors[0].message, /Barman server 'old' declares/);
  });
});

describe('path_prefix: the client binaries of each instance\'s own major on its Barman server', () => {
  test('clientBinDir: the server\'s own for its major; its layout with the major replaced for another; Debian\'s when its path holds no major', () => {
    const server = (settings: BarmanSettings) => graphFromProps({ clusterName: 'd', instances: [{ name: 's', roles: [Role.BARMAN], settings }] }).instance('s');
    assert.equal(clientBinDir(server({}), 16), '/usr/lib/postgresql/16/bin');
    assert.equal(clientBinDir(server({}), 17), '/usr/lib/postgresql/17/bin');
    assert.equal(clientBinDir(server({ postgresBinDir: '/usr/pgsql-16/bin' }), 13), '/usr/pgsql-13/bin');
    assert.equal(clientBinDir(server({ postgresVersion: 15, postgresBinDir: '/usr/edb/as15/bin' }), 17), '/usr/edb/as17/bin');
    assert.equal(clientBinDir(server({ postgresBinDir: '/opt/pg/bin' }), 17), '/usr/lib/postgresql/17/bin');
    assert.equal(clientBinDir(server({ postgresBinDir: '/opt/pg/bin' }), 16), '/opt/pg/bin', "the server's own major: its own path, whatever it is");
    // 16 twice: which one is the major is a guess, so Debian's layout
    assert.equal(clientBinDir(server({ postgresBinDir: '/opt/16/pg16/bin' }), 17), '/usr/lib/postgresql/17/bin');
    // 116 is not 16
    assert.equal(clientBinDir(server({ postgresBinDir: '/opt/pg116/16/bin' }), 17), '/opt/pg116/17/bin');
  });

  test("a section of another major than the server's gets its own path_prefix; the server's major inherits the global one", () => {
    const g = mixed();
    const bk = g.instance('bk');
    assert.match(renderBarmanConf(bk), /^path_prefix = \/usr\/lib\/postgresql\/16\/bin$/m);
    const conf = (name: string) => renderServerConf(g.edgesOnServer(bk).find((e) => e.instance.name === name)!);
    assert.doesNotMatch(conf('pg16'), /path_prefix/);
    assert.match(conf('pg17'), /^path_prefix = \/usr\/lib\/postgresql\/17\/bin$/m);
    assert.match(conf('pg17b'), /^path_prefix = \/usr\/lib\/postgresql\/17\/bin$/m);
  });

  test("the backed-up host's own postgres_bin_dir (its layout) is not the server's", () => {
    const g = mixed({}, { postgresBinDir: '/usr/pgsql-17/bin' });
    const e = g.edges.find((x) => x.instance.name === 'pg17')!;
    assert.match(renderServerConf(e), /^path_prefix = \/usr\/lib\/postgresql\/17\/bin$/m);
  });

  test('the server step checks pg_receivewal of each major once, naming the instances that need it; activation runs the psql of the instance\'s major', () => {
    const g = mixed();
    const bk = g.instance('bk');
    assert.equal(postgresClients(g, bk), '16 /usr/lib/postgresql/16/bin pg16;17 /usr/lib/postgresql/17/bin pg17,pg17b');
    const plan = renderHosts(g, new PlaceholderKeys()).find((p) => p.instance === bk)!;
    const step = barmanServerScript(g, bk, plan.files.filter((f) => f.concern === Concern.BARMAN_SERVER));
    assert.equal(step.args[4], postgresClients(g, bk));
    assert.equal(step.args[5], '3.4', 'the declared barman_version');
    const psql = (name: string) => activationScript(g.edges.find((x) => x.instance.name === name)!).args[4];
    assert.equal(psql('pg16'), '/usr/lib/postgresql/16/bin/psql');
    assert.equal(psql('pg17'), '/usr/lib/postgresql/17/bin/psql');
  });

  test('a server nobody backs up to yet checks its own major', () => {
    const g = graphFromProps({ clusterName: 'd', instances: [{ name: 's', roles: [Role.BARMAN], settings: { postgresVersion: 15 } }] });
    assert.equal(postgresClients(g, g.instance('s')), '15 /usr/lib/postgresql/15/bin s');
  });

  test('synthesized: the server resource checks both majors, the 17 section carries its path_prefix, activation its psql', () => {
    const json = synthCluster({
      clusterName: 'mix',
      settings: { postgresVersion: 16, barmanVersion: '3.12' },
      instances: [
        { name: 'pg16', roles: [Role.PRIMARY], backup: ['bk'], address: '192.0.2.16' },
        { name: 'pg17', roles: [Role.PRIMARY], backup: ['bk'], address: '192.0.2.17', settings: { postgresVersion: 17, compression: Compression.ZSTD } },
        { name: 'bk', roles: [Role.BARMAN], address: '192.0.2.20' },
      ],
    });
    const server = stepOf(resource(json, 'null_resource', 'barman_server_bk'), 'barman_server');
    assert.equal(server.args[4], '16 /usr/lib/postgresql/16/bin pg16;17 /usr/lib/postgresql/17/bin pg17');
    assert.equal(server.args[5], '3.12');
    const sections = (name: string) => Object.values(triggersOf(resource(json, 'null_resource', `barman_backup_${name}_on_bk`))).join('\n');
    assert.match(sections('pg17'), /path_prefix = \/usr\/lib\/postgresql\/17\/bin\n/);
    assert.match(sections('pg17'), /compression = zstd\n/);
    assert.doesNotMatch(sections('pg16'), /path_prefix/);
    assert.equal(stepOf(resource(json, 'null_resource', 'barman_activate_pg17_on_bk'), 'activate_edge').args[4], '/usr/lib/postgresql/17/bin/psql');
  });
});
