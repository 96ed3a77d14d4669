/**
 * The config.yml loader: TPA's merge order and normalisation (reference §9), addresses (SPEC 2.1),
 * what is accepted and ignored, and real-world layouts in test/fixtures/configs/ that must load and
 * validate as they are.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadGraphFromFile, loadTpaConfig, loadTpaConfigFile } from '../../lib/config/tpa-config';
import { InvalidConfigError, formatDiagnostic } from '../../lib/model/diagnostics';
import { BackupMethod, Compression, ReuseBackup } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { diagnose, expectOneError, expectOneWarning, positionIn, show, validGraph } from '../model/diagnostic-helpers';

const FIXTURES = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'configs');

/**
 * Real TPA layouts on cloud platforms name hosts without IPs: sshd's from= cannot use a name, so
 * each instance in a restricted authorized_keys line warns once. Returns the other warnings, and
 * checks the host-name ones are exactly for `instances`.
 */
function otherWarnings(g: BarmanGraph, instances: readonly string[]): string[] {
  const hostNames = g.warnings.filter((w) => w.key === 'barman_client_addresses' && /is a host name, and sshd matches from= against IP addresses only/.test(w.message));
  assert.deepEqual(hostNames.map((w) => w.instance).sort(), [...instances].sort(), hostNames.map(formatDiagnostic).join('\n'));
  return g.warnings.filter((w) => !hostNames.includes(w)).map(formatDiagnostic);
}

const edgeList = (g: BarmanGraph): string[] => g.edges.map((e) => `${e.instance.name} -> ${e.server.name}`);

describe('merge order: instance > instance_defaults > location; vars one level deep', () => {
  const text = `cluster_name: demo
locations:
  - Name: main
    ip_address: 10.0.1.1
    role: [replica]
    vars:
      barman_compression: bzip2
      barman_parallel_jobs: 2
      barman_backup_interval: "0 1 * * *"
instance_defaults:
  ip_address: 10.0.2.2
  vars:
    barman_parallel_jobs: 3
    barman_backup_interval: "0 2 * * *"
instances:
  - Name: all-three
    location: main
    ip_address: 10.0.3.3
    role: primary
    vars:
      barman_backup_interval: "0 3 * * *"
  - Name: no-own
    location: main
  - Name: no-location
`;
  const g = validGraph(text);

  test('a plain key: the instance wins over instance_defaults, which wins over the location', () => {
    assert.equal(g.instance('all-three').address, '10.0.3.3');
    assert.equal(g.instance('no-own').address, '10.0.2.2');
    assert.equal(g.instance('no-location').address, '10.0.2.2');
  });

  test('a key only the location sets still reaches the instance', () => {
    assert.deepEqual([...g.instance('no-own').roles], ['replica', 'postgres']);
    assert.deepEqual([...g.instance('all-three').roles], ['primary', 'postgres']);
    assert.deepEqual([...g.instance('no-location').roles], []);
  });

  test('vars combine key by key, the nearer level winning each key', () => {
    const a = g.instance('all-three').settings;
    assert.equal(a.compression, Compression.BZIP2); // only the location sets it
    assert.equal(a.parallelJobs, 3); // instance_defaults over location
    assert.equal(a.backupInterval, '0 3 * * *'); // instance over both
    const b = g.instance('no-own').settings;
    assert.equal(b.compression, Compression.BZIP2);
    assert.equal(b.parallelJobs, 3);
    assert.equal(b.backupInterval, '0 2 * * *');
    const c = g.instance('no-location').settings;
    assert.equal(c.compression, Compression.PIGZ); // the default
    assert.equal(c.parallelJobs, 3);
  });

  test('an error in a merged var points at the level that wrote it', () => {
    const bad = `cluster_name: demo
locations:
  - Name: main
    vars:
      barman_parallel_jobs: many
instance_defaults:
  vars:
    barman_compression: zip
instances:
  - Name: pg1
    location: main
    vars:
      barman_backup_interval: "0 4 * * 9"
`;
    const o = diagnose(bad);
    assert.deepEqual(
      o.errors.map((d) => [d.key, d.position?.line, d.position?.column]),
      [
        ['barman_parallel_jobs', positionIn(bad, 'many').line, positionIn(bad, 'many').column],
        ['barman_compression', positionIn(bad, 'zip').line, positionIn(bad, 'zip').column],
        ['barman_backup_interval', positionIn(bad, '"0 4').line, positionIn(bad, '"0 4').column],
      ],
      show(o.errors),
    );
    assert.ok(o.errors.every((d) => d.instance === 'pg1'));
  });

  test('an instance whose vars: is empty (every entry commented out) keeps the vars of instance_defaults and its location', () => {
    const g2 = validGraph(`cluster_name: demo
locations:
  - Name: main
    vars:
      barman_parallel_jobs: 2
instance_defaults:
  vars:
    barman_compression: gzip
instances:
  - Name: pg1
    location: main
    vars:
      # barman_compression: bzip2
`);
    assert.equal(g2.instance('pg1').settings.compression, Compression.GZIP);
    assert.equal(g2.instance('pg1').settings.parallelJobs, 2);
  });

  test('a legacy integer location index', () => {
    const g2 = validGraph(`cluster_name: demo
locations:
  - Name: first
    ip_address: 10.9.0.1
  - Name: second
    ip_address: 10.9.0.2
instances:
  - Name: pg1
    location: 1
`);
    assert.equal(g2.instance('pg1').address, '10.9.0.2');
  });
});

describe('cluster_vars sit under instance vars', () => {
  const g = validGraph(`cluster_name: demo
cluster_vars:
  barman_compression: gzip
  barman_retention_policy: redundancy 5
  postgres_version: '14'
instance_defaults:
  vars:
    barman_retention_policy: REDUNDANCY 6
instances:
  - Name: pg1
    role: primary
    backup: bm1
    vars:
      barman_compression: bzip2
  - Name: pg2
    role: primary
    backup: bm1
  - Name: bm1
    role: barman
`);

  test('an instance var beats the cluster var of the same name', () => {
    assert.equal(g.instance('pg1').settings.compression, Compression.BZIP2);
    assert.equal(g.instance('pg2').settings.compression, Compression.GZIP);
  });

  test('instance_defaults vars are instance vars, so they beat cluster_vars too', () => {
    assert.equal(g.instance('pg1').settings.retentionPolicy, 'REDUNDANCY 6');
  });

  test('string numbers and derived defaults', () => {
    assert.equal(g.instance('pg2').settings.postgresVersion, 14);
    assert.equal(g.instance('pg2').settings.postgresBinDir, '/usr/lib/postgresql/14/bin');
    assert.equal(g.instance('pg2').settings.backupInterval, '0 4 * * wed,sat');
    assert.equal(g.instance('pg2').settings.lastBackupMaximumAge, '1 WEEK');
  });
});

describe('role, backup and legacy tags', () => {
  const g = validGraph(`cluster_name: demo
instances:
  - Name: pg1
    role: primary, pgbouncer
    backup: bm1
  - Name: pg2
    role: [replica]
    backup: [bm1, bm2]
  - Name: pg3
    role: "  bdr ,witness  "
  - Name: bm1
    role: barman,log-server
  - Name: bm2
    role:
      - barman
  - tags:
      Name: Legacy_One
      role: primary
      backup: bm2
    role: replica
`);

  test('role as a comma string, items trimmed; primary and replica imply postgres', () => {
    assert.deepEqual([...g.instance('pg1').roles], ['primary', 'pgbouncer', 'postgres']);
    assert.deepEqual([...g.instance('pg2').roles], ['replica', 'postgres']);
    assert.deepEqual([...g.instance('pg3').roles], ['bdr', 'witness']);
    assert.deepEqual([...g.instance('bm1').roles], ['barman', 'log-server']);
  });

  test('bdr and witness make Postgres instances; a barman-only node is not one', () => {
    assert.equal(g.instance('pg3').isPostgres, true);
    assert.equal(g.instance('bm1').isPostgres, false);
    assert.equal(g.instance('bm1').isBarmanServer, true);
    assert.equal(g.instance('bm2').isBarmanServer, true);
  });

  test('backup as a string and as a list', () => {
    assert.deepEqual(edgeList(g), ['pg1 -> bm1', 'pg2 -> bm1', 'pg2 -> bm2', 'legacy-one -> bm2']);
    assert.deepEqual(g.edgesOfInstance(g.instance('pg2')).map((e) => e.slotName), ['backup_bm1', 'backup_bm2']);
  });

  test('legacy tags: Name, role and backup; tags.role overrides the top-level role', () => {
    const i = g.instance('legacy-one');
    assert.deepEqual([...i.roles], ['primary', 'postgres']);
    assert.deepEqual([...i.backupServers], ['bm2']);
  });
});

describe('addresses (SPEC 2.1)', () => {
  const g = validGraph(`cluster_name: demo
instances:
  - Name: all-three
    public_ip: 203.0.113.1
    ip_address: 198.51.100.1
    private_ip: 10.0.0.1
  - Name: public-and-ip
    public_ip: 203.0.113.2
    ip_address: 198.51.100.2
  - Name: ip-and-private
    ip_address: 198.51.100.3
    private_ip: 10.0.0.3
  - Name: public-only
    public_ip: 203.0.113.4
  - Name: private-only
    private_ip: 10.0.0.5
  - Name: nothing
  - Name: overridden
    public_ip: 203.0.113.7
    private_ip: 10.0.0.7
    vars:
      address: db7.internal.example
      connection_host: jump-7.example.com
  - Name: ipv6
    ip_address: "2001:db8::8"
`);
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    // name, address = private_ip ?? ip_address ?? public_ip ?? name, connectionHost = public_ip ?? ip_address ?? private_ip
    ['all-three', '10.0.0.1', '203.0.113.1'],
    ['public-and-ip', '198.51.100.2', '203.0.113.2'],
    ['ip-and-private', '10.0.0.3', '198.51.100.3'],
    ['public-only', '203.0.113.4', '203.0.113.4'],
    ['private-only', '10.0.0.5', '10.0.0.5'],
    ['nothing', 'nothing', 'nothing'],
    ['overridden', 'db7.internal.example', 'jump-7.example.com'],
    ['ipv6', '2001:db8::8', '2001:db8::8'],
  ];
  for (const [name, address, connectionHost] of cases) {
    test(`${name}: address ${address}, connection host ${connectionHost}`, () => {
      assert.equal(g.instance(name).address, address);
      assert.equal(g.instance(name).connectionHost, connectionHost);
    });
  }
});

describe('names', () => {
  test('Name is lower-cased with _ as -; a node without Name gives <cluster_name>-<node>', () => {
    const g = validGraph(`cluster_name: Shop_EU
instances:
  - Name: DB_Primary
    role: primary
    backup: shop-eu-2
  - node: 2
    role: barman
`);
    assert.deepEqual(g.instances.map((i) => i.name), ['db-primary', 'shop-eu-2']);
    const e = g.edges[0];
    assert.equal(e.backupName, 'db-primary');
    assert.equal(e.cronFileName, 'db-primary');
    assert.equal(e.slotName, 'backup_shop_eu_2');
  });

  test('backup references are not normalised (as in TPA): a mixed-case reference gets a did-you-mean', () => {
    // the docs' barman.md snippet writes backup: myBarman with Name: myBarman
    const text = `cluster_name: second-cluster
instances:
  - Name: myPrimary
    role: [primary]
    backup: myBarman
    ip_address: 192.0.2.10
  - Name: myBarman
    role: [barman]
    ip_address: 192.0.2.50
`;
    expectOneError(text, { token: 'myBarman', before: 'backup: ', instance: 'myPrimary', key: 'backup', mentions: ["'myBarman'"], fix: /did you mean 'mybarman'\?/ });
  });

  test('a dotted FQDN Barman server: slot from the part before the first dot', () => {
    const g = validGraph(`cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: barman-01.db.example.com
  - Name: barman-01.db.example.com
    role: barman
`);
    assert.equal(g.edges[0].slotName, 'backup_barman_01');
  });
});

describe('top level', () => {
  test('cluster_ssh_port at the top level is the cluster default; cluster_vars wins over it', () => {
    const top = validGraph(`cluster_name: demo
cluster_ssh_port: 2222
instances:
  - Name: pg1
`);
    assert.equal(top.instance('pg1').settings.sshPort, 2222);
    const both = validGraph(`cluster_name: demo
cluster_ssh_port: 2222
cluster_vars:
  cluster_ssh_port: 2200
instances:
  - Name: pg1
  - Name: pg2
    vars:
      cluster_ssh_port: 22022
`);
    assert.equal(both.instance('pg1').settings.sshPort, 2200);
    assert.equal(both.instance('pg2').settings.sshPort, 22022);
  });

  test('a bad top-level cluster_ssh_port is reported where it is written', () => {
    const text = `cluster_name: demo
cluster_ssh_port: ssh
instances:
  - Name: pg1
`;
    expectOneError(text, { token: 'ssh', before: 'cluster_ssh_port: ', key: 'cluster_ssh_port', mentions: ["'ssh'"], fix: /between 1 and 65535/ });
  });

  test('platform keys (aws, docker, bare) are accepted and ignored', () => {
    const g = validGraph(`cluster_name: demo
architecture: M1
cluster_tags: {Owner: me}
cluster_rules:
  - {cidr_ip: 0.0.0.0/0, from_port: 22, proto: tcp, to_port: 22}
ec2_ami: {Name: some-ami, Owner: '1234'}
ec2_vpc: {eu-west-1: {Name: Test, cidr: 10.33.0.0/16}}
ec2_instance_reachability: public
keyring_backend: legacy
vault_name: 5b6c
instance_defaults:
  platform: aws
  type: t3.micro
  region: eu-west-1
  default_volumes:
    - {device_name: root, volume_size: 16, volume_type: gp2}
instances:
  - Name: aws-node
    node: 1
    role: primary
    az: eu-west-1a
    subnet: 10.33.1.0/28
    assign_public_ip: true
    termination_protection: false
    volumes:
      - {device_name: /dev/sdf, volume_size: 32, vars: {volume_for: postgres_data}}
    provision_only: false
  - Name: docker-node
    node: 2
    platform: docker
    image: tpa/debian:12
    privileged: true
    memory: 1g
    published_ports: ["2222:22"]
    networks: [{name: tpa}]
    ulimits: {nofile: 65536}
  - Name: bare-node
    node: 3
    platform: bare
    ansible_host: 192.0.2.3
    upstream: aws-node
`);
    assert.equal(g.instances.length, 3);
    assert.deepEqual(g.warnings.map(formatDiagnostic), []);
    // ansible_host is where the controller (and so Terraform) connects
    assert.equal(g.instance('bare-node').connectionHost, '192.0.2.3');
    assert.equal(g.instance('bare-node').address, 'bare-node');
  });

  test('an unknown top-level key is a warning', () => {
    expectOneWarning(`cluster_name: demo
instances:
  - Name: pg1
hostnames_from: names.txt
`, { token: 'hostnames_from', key: 'hostnames_from', mentions: ["'hostnames_from'"], fix: /is ignored/ });
  });

  test('barman_shared in cluster_vars makes every Barman server shared, with no warning (TPA reads it as a host var)', () => {
    const g = validGraph(`cluster_name: demo
cluster_vars:
  barman_shared: true
instances:
  - Name: pg1
    role: primary
    ip_address: 192.0.2.1
    backup: bm
  - Name: bm
    role: barman
    ip_address: 192.0.2.2
`);
    assert.equal(g.instance('bm').settings.barmanShared, true);
    assert.deepEqual(g.warnings, []);
  });

  test('empty cluster_vars and vars are fine', () => {
    const g = validGraph(`cluster_name: demo
cluster_vars:
instances:
  - Name: pg1
    vars:
`);
    assert.equal(g.instances.length, 1);
  });

  test('cluster_vars that is not a mapping', () => {
    const text = `cluster_name: demo
cluster_vars: [barman_compression]
instances:
  - Name: pg1
`;
    expectOneError(text, { token: '[barman_compression]', key: 'cluster_vars', mentions: ['["barman_compression"]'], fix: /must be a mapping of name: value/ });
  });

  test('a YAML anchor and merge key in instances', () => {
    const g = validGraph(`cluster_name: demo
instances:
  - &pg
    Name: pg1
    role: primary
    backup: bm1
    vars:
      barman_compression: gzip
  - <<: *pg
    Name: pg2
  - Name: bm1
    role: barman
`);
    assert.deepEqual(edgeList(g), ['pg1 -> bm1', 'pg2 -> bm1']);
    assert.equal(g.instance('pg2').settings.compression, Compression.GZIP);
  });
});

describe('files', () => {
  test('loadTpaConfigFile: a missing file is an InvalidConfigError naming it', () => {
    const path = join(FIXTURES, 'does-not-exist.yml');
    assert.throws(() => loadTpaConfigFile(path), (e: unknown) => {
      assert.ok(e instanceof InvalidConfigError);
      assert.equal(e.diagnostics.length, 1);
      assert.ok(formatDiagnostic(e.diagnostics[0]).startsWith(`${path}: error: cannot read the config file`), formatDiagnostic(e.diagnostics[0]));
      return true;
    });
  });

  test('positions carry the file name given', () => {
    const spec = loadTpaConfig('cluster_name: demo\ninstances:\n  - Name: pg1\n', 'x/y.yml');
    assert.deepEqual(spec.instances[0].name.where, { file: 'x/y.yml', line: 3, column: 11 });
  });
});

describe('real-world layouts (test/fixtures/configs)', () => {
  const load = (name: string): { g: BarmanGraph; text: string; path: string } => {
    const path = join(FIXTURES, name);
    return { g: loadGraphFromFile(path), text: readFileSync(path, 'utf8'), path };
  };

  test('M1 on aws (tpaexec configure --architecture M1 --platform aws)', () => {
    const { g } = load('m1-aws.yml');
    assert.equal(g.clusterName, 'brisk');
    assert.deepEqual(g.instances.map((i) => i.name), ['tapir', 'tundra', 'karst', 'kelvin']);
    assert.deepEqual(g.barmanServers.map((i) => i.name), ['karst']);
    assert.deepEqual(edgeList(g), ['tapir -> karst']);
    // karst is barman + log-server + witness: also a Postgres instance
    assert.equal(g.instance('karst').isPostgres, true);
    assert.equal(g.postgresInstances.length, 4);
    const s = g.instance('tapir').settings;
    assert.equal(s.retentionPolicy, 'RECOVERY WINDOW OF 2 WEEKS');
    assert.equal(s.backupInterval, '15 2 * * sun,wed');
    assert.equal(s.postgresVersion, 15);
    assert.equal(s.backupName, 'tapir');
    // aws instances have no IP in config.yml: they are reached by name
    assert.equal(g.instance('tapir').address, 'tapir');
    assert.equal(g.instance('tapir').connectionHost, 'tapir');
    assert.equal(g.edges[0].slotName, 'backup_karst');
    assert.deepEqual(otherWarnings(g, ['tapir', 'karst']), []);
  });

  test('BDR-Always-ON gold: two locations with a Barman server each, a witness location, harp-proxies', () => {
    const { g } = load('bdr-always-on-gold.yml');
    assert.equal(g.instances.length, 11);
    assert.deepEqual(g.barmanServers.map((i) => i.name), ['quarry', 'kiln']);
    assert.deepEqual(edgeList(g), ['quokka -> quarry', 'kiwi -> kiln']);
    assert.deepEqual(g.postgresInstances.map((i) => i.name), ['quokka', 'quince', 'kestrel', 'kiwi', 'wombat']);
    assert.equal(g.instance('quiver').isPostgres, false);
    assert.equal(g.instance('quokka').settings.postgresVersion, 13);
    assert.deepEqual(otherWarnings(g, ['quokka', 'kiwi', 'quarry', 'kiln']), []);
  });

  test('PGD-Always-ON: a Barman node per data location, backing up the first data node there', () => {
    const { g } = load('pgd-always-on.yml');
    assert.equal(g.clusterName, 'pgd_east');
    assert.equal(g.instances.length, 9);
    assert.deepEqual(g.barmanServers.map((i) => i.name), ['pgd-east-lantern', 'pgd-east-willow']);
    assert.deepEqual(edgeList(g), ['pgd-east-harbor -> pgd-east-lantern', 'pgd-east-pebble -> pgd-east-willow']);
    assert.deepEqual(g.edges.map((e) => e.slotName), ['backup_pgd_east_lantern', 'backup_pgd_east_willow']);
    const harbor = g.instance('pgd-east-harbor').settings;
    assert.equal(harbor.retentionPolicy, 'RECOVERY WINDOW OF 30 DAYS');
    assert.equal(harbor.clientDsnAttributes, 'sslmode=verify-full sslrootcert=/etc/tpa/root.crt');
    assert.equal(harbor.streamingClientDsnAttributes, 'sslmode=verify-full sslrootcert=/etc/tpa/root.crt');
    assert.equal(harbor.postgresBinDir, '/usr/edb/pge16/bin');
    assert.equal(harbor.backupMethod, BackupMethod.RSYNC);
    const pebble = g.instance('pgd-east-pebble').settings;
    assert.equal(pebble.retentionPolicy, 'RECOVERY WINDOW OF 8 WEEKS');
    assert.equal(pebble.backupMethod, BackupMethod.POSTGRES);
    assert.equal(pebble.reuseBackup, ReuseBackup.OFF);
    assert.equal(g.instance('pgd-east-summit').isPostgres, true);
    assert.deepEqual(otherWarnings(g, ['pgd-east-harbor', 'pgd-east-lantern', 'pgd-east-pebble', 'pgd-east-willow']), []);
  });

  test('M1 on docker', () => {
    const { g } = load('docker-m1.yml');
    assert.deepEqual(g.instances.map((i) => i.name), ['dockyard-alpha', 'dockyard-beta', 'dockyard-gamma']);
    assert.deepEqual(edgeList(g), ['dockyard-alpha -> dockyard-gamma']);
    assert.equal(g.instance('dockyard-alpha').settings.compression, Compression.GZIP);
    assert.equal(g.instance('dockyard-alpha').settings.backupInterval, '0 1 * * *');
    assert.equal(g.instance('dockyard-alpha').connectionHost, 'dockyard-alpha');
    assert.deepEqual(otherWarnings(g, ['dockyard-alpha', 'dockyard-gamma']), []);
  });

  test('bare, as in the docs: backup_name my_backup, a shared Barman server (barman_shared: another cluster owns it)', () => {
    const { g, text, path } = load('bare-docs-backup-name.yml');
    assert.equal(g.instances.length, 3);
    assert.deepEqual(g.instances.map((i) => i.name), ['myprimary', 'myreplica', 'myprimary-barman']);
    assert.deepEqual(edgeList(g), ['myprimary -> myprimary-barman']);
    const e = g.edges[0];
    assert.equal(e.backupName, 'my_backup');
    assert.equal(e.cronFileName, 'my_backup');
    assert.equal(e.slotName, 'backup_myprimary_barman');
    assert.equal(g.instance('myprimary').address, '192.0.2.10');
    assert.equal(g.instance('myprimary-barman').connectionHost, '192.0.2.50');
    assert.equal(g.instance('myprimary-barman').settings.barmanShared, true);
    assert.deepEqual(g.warnings.map(formatDiagnostic), [], `no warning in ${path} (${text.length} bytes)`);
  });

  test('bare, hand-written: two data centres, FQDN names, one instance backed up to two Barman servers', () => {
    const { g } = load('bare-two-barman.yml');
    assert.equal(g.instances.length, 5);
    assert.deepEqual(g.barmanServers.map((i) => i.name), ['backup1.fra.ledger.example', 'backup2.ams.ledger.example']);
    assert.deepEqual(edgeList(g), [
      'db1.fra.ledger.example -> backup1.fra.ledger.example',
      'db1.fra.ledger.example -> backup2.ams.ledger.example',
      'db3.ams.ledger.example -> backup2.ams.ledger.example',
    ]);
    assert.deepEqual(g.edges.map((e) => [e.backupName, e.slotName, e.cronFileName]), [
      ['ledger-main', 'backup_backup1', 'ledger-main'],
      ['ledger-main', 'backup_backup2', 'ledger-main'],
      ['ledger-ams-replica', 'backup_backup2', 'ledger-ams-replica'],
    ]);
    const db1 = g.instance('db1.fra.ledger.example');
    assert.deepEqual([...db1.roles], ['primary', 'pgbouncer', 'postgres']);
    assert.equal(db1.address, '10.10.0.10');
    assert.equal(db1.connectionHost, '203.0.113.10');
    assert.equal(db1.settings.sshPort, 2222);
    assert.equal(db1.settings.postgresPort, 5433);
    assert.equal(db1.settings.barmanHome, '/srv/barman');
    assert.equal(db1.settings.retentionPolicy, 'REDUNDANCY 4');
    assert.equal(db1.settings.lastBackupMaximumAge, '2 DAYS');
    assert.equal(db1.settings.parallelJobs, 4); // instance over location fra (2)
    assert.equal(db1.settings.networkCompression, true); // instance_defaults
    const db2 = g.instance('db2.fra.ledger.example');
    assert.equal(db2.settings.parallelJobs, 2); // location fra
    assert.equal(db2.address, '10.10.0.11');
    assert.equal(db2.connectionHost, '10.10.0.11');
    const db3 = g.instance('db3.ams.ledger.example');
    assert.equal(db3.settings.parallelJobs, 3); // location ams
    assert.equal(db3.settings.backupMethod, BackupMethod.POSTGRES);
    assert.equal(db3.settings.reuseBackup, ReuseBackup.OFF);
    assert.equal(db3.settings.backupInterval, '0 5 * * 0');
    const bm2 = g.instance('backup2.ams.ledger.example');
    assert.equal(bm2.address, '10.20.0.21');
    assert.equal(bm2.connectionHost, 'bastion-reachable.ams.ledger.example');
    assert.equal(bm2.settings.logFile, '/srv/barman/log/barman.log');
  });
});
