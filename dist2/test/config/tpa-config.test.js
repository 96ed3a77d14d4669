"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The config.yml loader: TPA's merge order and normalisation (reference §9), addresses (SPEC 2.1),
 * what is accepted and ignored, and real-world layouts in test/fixtures/configs/ that must load and
 * validate as they are.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_path_1 = require("node:path");
const node_fs_1 = require("node:fs");
const tpa_config_1 = require("../../lib/config/tpa-config");
const diagnostics_1 = require("../../lib/model/diagnostics");
const enums_1 = require("../../lib/model/enums");
const diagnostic_helpers_1 = require("../model/diagnostic-helpers");
const FIXTURES = (0, node_path_1.resolve)(__dirname, '..', '..', '..', 'test', 'fixtures', 'configs');
/**
 * Real TPA layouts on cloud platforms name hosts without IPs: sshd's from= cannot use a name, so
 * each instance in a restricted authorized_keys line warns once. Returns the other warnings, and
 * checks the host-name ones are exactly for `instances`.
 */
function otherWarnings(g, instances) {
    const hostNames = g.warnings.filter((w) => w.key === 'barman_client_addresses' && /is a host name, and sshd matches from= against IP addresses only/.test(w.message));
    strict_1.default.deepEqual(hostNames.map((w) => w.instance).sort(), [...instances].sort(), hostNames.map(diagnostics_1.formatDiagnostic).join('\n'));
    return g.warnings.filter((w) => !hostNames.includes(w)).map(diagnostics_1.formatDiagnostic);
}
const edgeList = (g) => g.edges.map((e) => `${e.instance.name} -> ${e.server.name}`);
(0, node_test_1.describe)('merge order: instance > instance_defaults > location; vars one level deep', () => {
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
    const g = (0, diagnostic_helpers_1.validGraph)(text);
    (0, node_test_1.test)('a plain key: the instance wins over instance_defaults, which wins over the location', () => {
        strict_1.default.equal(g.instance('all-three').address, '10.0.3.3');
        strict_1.default.equal(g.instance('no-own').address, '10.0.2.2');
        strict_1.default.equal(g.instance('no-location').address, '10.0.2.2');
    });
    (0, node_test_1.test)('a key only the location sets still reaches the instance', () => {
        strict_1.default.deepEqual([...g.instance('no-own').roles], ['replica', 'postgres']);
        strict_1.default.deepEqual([...g.instance('all-three').roles], ['primary', 'postgres']);
        strict_1.default.deepEqual([...g.instance('no-location').roles], []);
    });
    (0, node_test_1.test)('vars combine key by key, the nearer level winning each key', () => {
        const a = g.instance('all-three').settings;
        strict_1.default.equal(a.compression, enums_1.Compression.BZIP2); // only the location sets it
        strict_1.default.equal(a.parallelJobs, 3); // instance_defaults over location
        strict_1.default.equal(a.backupInterval, '0 3 * * *'); // instance over both
        const b = g.instance('no-own').settings;
        strict_1.default.equal(b.compression, enums_1.Compression.BZIP2);
        strict_1.default.equal(b.parallelJobs, 3);
        strict_1.default.equal(b.backupInterval, '0 2 * * *');
        const c = g.instance('no-location').settings;
        strict_1.default.equal(c.compression, enums_1.Compression.PIGZ); // the default
        strict_1.default.equal(c.parallelJobs, 3);
    });
    (0, node_test_1.test)('an error in a merged var points at the level that wrote it', () => {
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
        const o = (0, diagnostic_helpers_1.diagnose)(bad);
        strict_1.default.deepEqual(o.errors.map((d) => [d.key, d.position?.line, d.position?.column]), [
            ['barman_parallel_jobs', (0, diagnostic_helpers_1.positionIn)(bad, 'many').line, (0, diagnostic_helpers_1.positionIn)(bad, 'many').column],
            ['barman_compression', (0, diagnostic_helpers_1.positionIn)(bad, 'zip').line, (0, diagnostic_helpers_1.positionIn)(bad, 'zip').column],
            ['barman_backup_interval', (0, diagnostic_helpers_1.positionIn)(bad, '"0 4').line, (0, diagnostic_helpers_1.positionIn)(bad, '"0 4').column],
        ], (0, diagnostic_helpers_1.show)(o.errors));
        strict_1.default.ok(o.errors.every((d) => d.instance === 'pg1'));
    });
    (0, node_test_1.test)('an instance whose vars: is empty (every entry commented out) keeps the vars of instance_defaults and its location', () => {
        const g2 = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
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
        strict_1.default.equal(g2.instance('pg1').settings.compression, enums_1.Compression.GZIP);
        strict_1.default.equal(g2.instance('pg1').settings.parallelJobs, 2);
    });
    (0, node_test_1.test)('a legacy integer location index', () => {
        const g2 = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
locations:
  - Name: first
    ip_address: 10.9.0.1
  - Name: second
    ip_address: 10.9.0.2
instances:
  - Name: pg1
    location: 1
`);
        strict_1.default.equal(g2.instance('pg1').address, '10.9.0.2');
    });
});
(0, node_test_1.describe)('cluster_vars sit under instance vars', () => {
    const g = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
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
    (0, node_test_1.test)('an instance var beats the cluster var of the same name', () => {
        strict_1.default.equal(g.instance('pg1').settings.compression, enums_1.Compression.BZIP2);
        strict_1.default.equal(g.instance('pg2').settings.compression, enums_1.Compression.GZIP);
    });
    (0, node_test_1.test)('instance_defaults vars are instance vars, so they beat cluster_vars too', () => {
        strict_1.default.equal(g.instance('pg1').settings.retentionPolicy, 'REDUNDANCY 6');
    });
    (0, node_test_1.test)('string numbers and derived defaults', () => {
        strict_1.default.equal(g.instance('pg2').settings.postgresVersion, 14);
        strict_1.default.equal(g.instance('pg2').settings.postgresBinDir, '/usr/lib/postgresql/14/bin');
        strict_1.default.equal(g.instance('pg2').settings.backupInterval, '0 4 * * wed,sat');
        strict_1.default.equal(g.instance('pg2').settings.lastBackupMaximumAge, '1 WEEK');
    });
});
(0, node_test_1.describe)('role, backup and legacy tags', () => {
    const g = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
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
    (0, node_test_1.test)('role as a comma string, items trimmed; primary and replica imply postgres', () => {
        strict_1.default.deepEqual([...g.instance('pg1').roles], ['primary', 'pgbouncer', 'postgres']);
        strict_1.default.deepEqual([...g.instance('pg2').roles], ['replica', 'postgres']);
        strict_1.default.deepEqual([...g.instance('pg3').roles], ['bdr', 'witness']);
        strict_1.default.deepEqual([...g.instance('bm1').roles], ['barman', 'log-server']);
    });
    (0, node_test_1.test)('bdr and witness make Postgres instances; a barman-only node is not one', () => {
        strict_1.default.equal(g.instance('pg3').isPostgres, true);
        strict_1.default.equal(g.instance('bm1').isPostgres, false);
        strict_1.default.equal(g.instance('bm1').isBarmanServer, true);
        strict_1.default.equal(g.instance('bm2').isBarmanServer, true);
    });
    (0, node_test_1.test)('backup as a string and as a list', () => {
        strict_1.default.deepEqual(edgeList(g), ['pg1 -> bm1', 'pg2 -> bm1', 'pg2 -> bm2', 'legacy-one -> bm2']);
        strict_1.default.deepEqual(g.edgesOfInstance(g.instance('pg2')).map((e) => e.slotName), ['backup_bm1', 'backup_bm2']);
    });
    (0, node_test_1.test)('legacy tags: Name, role and backup; tags.role overrides the top-level role', () => {
        const i = g.instance('legacy-one');
        strict_1.default.deepEqual([...i.roles], ['primary', 'postgres']);
        strict_1.default.deepEqual([...i.backupServers], ['bm2']);
    });
});
(0, node_test_1.describe)('addresses (SPEC 2.1)', () => {
    const g = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
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
    const cases = [
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
        (0, node_test_1.test)(`${name}: address ${address}, connection host ${connectionHost}`, () => {
            strict_1.default.equal(g.instance(name).address, address);
            strict_1.default.equal(g.instance(name).connectionHost, connectionHost);
        });
    }
});
(0, node_test_1.describe)('names', () => {
    (0, node_test_1.test)('Name is lower-cased with _ as -; a node without Name gives <cluster_name>-<node>', () => {
        const g = (0, diagnostic_helpers_1.validGraph)(`cluster_name: Shop_EU
instances:
  - Name: DB_Primary
    role: primary
    backup: shop-eu-2
  - node: 2
    role: barman
`);
        strict_1.default.deepEqual(g.instances.map((i) => i.name), ['db-primary', 'shop-eu-2']);
        const e = g.edges[0];
        strict_1.default.equal(e.backupName, 'db-primary');
        strict_1.default.equal(e.cronFileName, 'db-primary');
        strict_1.default.equal(e.slotName, 'backup_shop_eu_2');
    });
    (0, node_test_1.test)('backup references are not normalised (as in TPA): a mixed-case reference gets a did-you-mean', () => {
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
        (0, diagnostic_helpers_1.expectOneError)(text, { token: 'myBarman', before: 'backup: ', instance: 'myPrimary', key: 'backup', mentions: ["'myBarman'"], fix: /did you mean 'mybarman'\?/ });
    });
    (0, node_test_1.test)('a dotted FQDN Barman server: slot from the part before the first dot', () => {
        const g = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
instances:
  - Name: pg1
    role: primary
    backup: barman-01.db.example.com
  - Name: barman-01.db.example.com
    role: barman
`);
        strict_1.default.equal(g.edges[0].slotName, 'backup_barman_01');
    });
});
(0, node_test_1.describe)('top level', () => {
    (0, node_test_1.test)('cluster_ssh_port at the top level is the cluster default; cluster_vars wins over it', () => {
        const top = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
cluster_ssh_port: 2222
instances:
  - Name: pg1
`);
        strict_1.default.equal(top.instance('pg1').settings.sshPort, 2222);
        const both = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
cluster_ssh_port: 2222
cluster_vars:
  cluster_ssh_port: 2200
instances:
  - Name: pg1
  - Name: pg2
    vars:
      cluster_ssh_port: 22022
`);
        strict_1.default.equal(both.instance('pg1').settings.sshPort, 2200);
        strict_1.default.equal(both.instance('pg2').settings.sshPort, 22022);
    });
    (0, node_test_1.test)('a bad top-level cluster_ssh_port is reported where it is written', () => {
        const text = `cluster_name: demo
cluster_ssh_port: ssh
instances:
  - Name: pg1
`;
        (0, diagnostic_helpers_1.expectOneError)(text, { token: 'ssh', before: 'cluster_ssh_port: ', key: 'cluster_ssh_port', mentions: ["'ssh'"], fix: /between 1 and 65535/ });
    });
    (0, node_test_1.test)('platform keys (aws, docker, bare) are accepted and ignored', () => {
        const g = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
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
        strict_1.default.equal(g.instances.length, 3);
        strict_1.default.deepEqual(g.warnings.map(diagnostics_1.formatDiagnostic), []);
        // ansible_host is where the controller (and so Terraform) connects
        strict_1.default.equal(g.instance('bare-node').connectionHost, '192.0.2.3');
        strict_1.default.equal(g.instance('bare-node').address, 'bare-node');
    });
    (0, node_test_1.test)('an unknown top-level key is a warning', () => {
        (0, diagnostic_helpers_1.expectOneWarning)(`cluster_name: demo
instances:
  - Name: pg1
hostnames_from: names.txt
`, { token: 'hostnames_from', key: 'hostnames_from', mentions: ["'hostnames_from'"], fix: /is ignored/ });
    });
    (0, node_test_1.test)('barman_shared in cluster_vars is a warning', () => {
        (0, diagnostic_helpers_1.expectOneWarning)(`cluster_name: demo
cluster_vars:
  barman_shared: false
instances:
  - Name: pg1
`, { token: 'barman_shared', key: 'barman_shared', mentions: ['barman_shared'], fix: /it is ignored/ });
    });
    (0, node_test_1.test)('empty cluster_vars and vars are fine', () => {
        const g = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
cluster_vars:
instances:
  - Name: pg1
    vars:
`);
        strict_1.default.equal(g.instances.length, 1);
    });
    (0, node_test_1.test)('cluster_vars that is not a mapping', () => {
        const text = `cluster_name: demo
cluster_vars: [barman_compression]
instances:
  - Name: pg1
`;
        (0, diagnostic_helpers_1.expectOneError)(text, { token: '[barman_compression]', key: 'cluster_vars', mentions: ['["barman_compression"]'], fix: /must be a mapping of name: value/ });
    });
    (0, node_test_1.test)('a YAML anchor and merge key in instances', () => {
        const g = (0, diagnostic_helpers_1.validGraph)(`cluster_name: demo
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
        strict_1.default.deepEqual(edgeList(g), ['pg1 -> bm1', 'pg2 -> bm1']);
        strict_1.default.equal(g.instance('pg2').settings.compression, enums_1.Compression.GZIP);
    });
});
(0, node_test_1.describe)('files', () => {
    (0, node_test_1.test)('loadTpaConfigFile: a missing file is an InvalidConfigError naming it', () => {
        const path = (0, node_path_1.join)(FIXTURES, 'does-not-exist.yml');
        strict_1.default.throws(() => (0, tpa_config_1.loadTpaConfigFile)(path), (e) => {
            strict_1.default.ok(e instanceof diagnostics_1.InvalidConfigError);
            strict_1.default.equal(e.diagnostics.length, 1);
            strict_1.default.ok((0, diagnostics_1.formatDiagnostic)(e.diagnostics[0]).startsWith(`${path}: error: cannot read the config file`), (0, diagnostics_1.formatDiagnostic)(e.diagnostics[0]));
            return true;
        });
    });
    (0, node_test_1.test)('positions carry the file name given', () => {
        const spec = (0, tpa_config_1.loadTpaConfig)('cluster_name: demo\ninstances:\n  - Name: pg1\n', 'x/y.yml');
        strict_1.default.deepEqual(spec.instances[0].name.where, { file: 'x/y.yml', line: 3, column: 11 });
    });
});
(0, node_test_1.describe)('real-world layouts (test/fixtures/configs)', () => {
    const load = (name) => {
        const path = (0, node_path_1.join)(FIXTURES, name);
        return { g: (0, tpa_config_1.loadGraphFromFile)(path), text: (0, node_fs_1.readFileSync)(path, 'utf8'), path };
    };
    (0, node_test_1.test)('M1 on aws (tpaexec configure --architecture M1 --platform aws)', () => {
        const { g } = load('m1-aws.yml');
        strict_1.default.equal(g.clusterName, 'brisk');
        strict_1.default.deepEqual(g.instances.map((i) => i.name), ['tapir', 'tundra', 'karst', 'kelvin']);
        strict_1.default.deepEqual(g.barmanServers.map((i) => i.name), ['karst']);
        strict_1.default.deepEqual(edgeList(g), ['tapir -> karst']);
        // karst is barman + log-server + witness: also a Postgres instance
        strict_1.default.equal(g.instance('karst').isPostgres, true);
        strict_1.default.equal(g.postgresInstances.length, 4);
        const s = g.instance('tapir').settings;
        strict_1.default.equal(s.retentionPolicy, 'RECOVERY WINDOW OF 2 WEEKS');
        strict_1.default.equal(s.backupInterval, '15 2 * * sun,wed');
        strict_1.default.equal(s.postgresVersion, 15);
        strict_1.default.equal(s.backupName, 'tapir');
        // aws instances have no IP in config.yml: they are reached by name
        strict_1.default.equal(g.instance('tapir').address, 'tapir');
        strict_1.default.equal(g.instance('tapir').connectionHost, 'tapir');
        strict_1.default.equal(g.edges[0].slotName, 'backup_karst');
        strict_1.default.deepEqual(otherWarnings(g, ['tapir', 'karst']), []);
    });
    (0, node_test_1.test)('BDR-Always-ON gold: two locations with a Barman server each, a witness location, harp-proxies', () => {
        const { g } = load('bdr-always-on-gold.yml');
        strict_1.default.equal(g.instances.length, 11);
        strict_1.default.deepEqual(g.barmanServers.map((i) => i.name), ['quarry', 'kiln']);
        strict_1.default.deepEqual(edgeList(g), ['quokka -> quarry', 'kiwi -> kiln']);
        strict_1.default.deepEqual(g.postgresInstances.map((i) => i.name), ['quokka', 'quince', 'kestrel', 'kiwi', 'wombat']);
        strict_1.default.equal(g.instance('quiver').isPostgres, false);
        strict_1.default.equal(g.instance('quokka').settings.postgresVersion, 13);
        strict_1.default.deepEqual(otherWarnings(g, ['quokka', 'kiwi', 'quarry', 'kiln']), []);
    });
    (0, node_test_1.test)('PGD-Always-ON: a Barman node per data location, backing up the first data node there', () => {
        const { g } = load('pgd-always-on.yml');
        strict_1.default.equal(g.clusterName, 'pgd_east');
        strict_1.default.equal(g.instances.length, 9);
        strict_1.default.deepEqual(g.barmanServers.map((i) => i.name), ['pgd-east-lantern', 'pgd-east-willow']);
        strict_1.default.deepEqual(edgeList(g), ['pgd-east-harbor -> pgd-east-lantern', 'pgd-east-pebble -> pgd-east-willow']);
        strict_1.default.deepEqual(g.edges.map((e) => e.slotName), ['backup_pgd_east_lantern', 'backup_pgd_east_willow']);
        const harbor = g.instance('pgd-east-harbor').settings;
        strict_1.default.equal(harbor.retentionPolicy, 'RECOVERY WINDOW OF 30 DAYS');
        strict_1.default.equal(harbor.clientDsnAttributes, 'sslmode=verify-full sslrootcert=/etc/tpa/root.crt');
        strict_1.default.equal(harbor.streamingClientDsnAttributes, 'sslmode=verify-full sslrootcert=/etc/tpa/root.crt');
        strict_1.default.equal(harbor.postgresBinDir, '/usr/edb/pge16/bin');
        strict_1.default.equal(harbor.backupMethod, enums_1.BackupMethod.RSYNC);
        const pebble = g.instance('pgd-east-pebble').settings;
        strict_1.default.equal(pebble.retentionPolicy, 'RECOVERY WINDOW OF 8 WEEKS');
        strict_1.default.equal(pebble.backupMethod, enums_1.BackupMethod.POSTGRES);
        strict_1.default.equal(pebble.reuseBackup, enums_1.ReuseBackup.OFF);
        strict_1.default.equal(g.instance('pgd-east-summit').isPostgres, true);
        strict_1.default.deepEqual(otherWarnings(g, ['pgd-east-harbor', 'pgd-east-lantern', 'pgd-east-pebble', 'pgd-east-willow']), []);
    });
    (0, node_test_1.test)('M1 on docker', () => {
        const { g } = load('docker-m1.yml');
        strict_1.default.deepEqual(g.instances.map((i) => i.name), ['dockyard-alpha', 'dockyard-beta', 'dockyard-gamma']);
        strict_1.default.deepEqual(edgeList(g), ['dockyard-alpha -> dockyard-gamma']);
        strict_1.default.equal(g.instance('dockyard-alpha').settings.compression, enums_1.Compression.GZIP);
        strict_1.default.equal(g.instance('dockyard-alpha').settings.backupInterval, '0 1 * * *');
        strict_1.default.equal(g.instance('dockyard-alpha').connectionHost, 'dockyard-alpha');
        strict_1.default.deepEqual(otherWarnings(g, ['dockyard-alpha', 'dockyard-gamma']), []);
    });
    (0, node_test_1.test)('bare, as in the docs: backup_name my_backup, a shared Barman server (barman_shared ignored with a warning)', () => {
        const { g, text, path } = load('bare-docs-backup-name.yml');
        strict_1.default.equal(g.instances.length, 3);
        strict_1.default.deepEqual(g.instances.map((i) => i.name), ['myprimary', 'myreplica', 'myprimary-barman']);
        strict_1.default.deepEqual(edgeList(g), ['myprimary -> myprimary-barman']);
        const e = g.edges[0];
        strict_1.default.equal(e.backupName, 'my_backup');
        strict_1.default.equal(e.cronFileName, 'my_backup');
        strict_1.default.equal(e.slotName, 'backup_myprimary_barman');
        strict_1.default.equal(g.instance('myprimary').address, '192.0.2.10');
        strict_1.default.equal(g.instance('myprimary-barman').connectionHost, '192.0.2.50');
        strict_1.default.equal(g.warnings.length, 1);
        const p = (0, diagnostic_helpers_1.positionIn)(text, 'barman_shared');
        strict_1.default.ok((0, diagnostics_1.formatDiagnostic)(g.warnings[0]).startsWith(`${path}:${p.line}:${p.column}: warning: instance 'myPrimary_Barman', key 'barman_shared': `), (0, diagnostics_1.formatDiagnostic)(g.warnings[0]));
    });
    (0, node_test_1.test)('bare, hand-written: two data centres, FQDN names, one instance backed up to two Barman servers', () => {
        const { g } = load('bare-two-barman.yml');
        strict_1.default.equal(g.instances.length, 5);
        strict_1.default.deepEqual(g.barmanServers.map((i) => i.name), ['backup1.fra.ledger.example', 'backup2.ams.ledger.example']);
        strict_1.default.deepEqual(edgeList(g), [
            'db1.fra.ledger.example -> backup1.fra.ledger.example',
            'db1.fra.ledger.example -> backup2.ams.ledger.example',
            'db3.ams.ledger.example -> backup2.ams.ledger.example',
        ]);
        strict_1.default.deepEqual(g.edges.map((e) => [e.backupName, e.slotName, e.cronFileName]), [
            ['ledger-main', 'backup_backup1', 'ledger-main'],
            ['ledger-main', 'backup_backup2', 'ledger-main'],
            ['ledger-ams-replica', 'backup_backup2', 'ledger-ams-replica'],
        ]);
        const db1 = g.instance('db1.fra.ledger.example');
        strict_1.default.deepEqual([...db1.roles], ['primary', 'pgbouncer', 'postgres']);
        strict_1.default.equal(db1.address, '10.10.0.10');
        strict_1.default.equal(db1.connectionHost, '203.0.113.10');
        strict_1.default.equal(db1.settings.sshPort, 2222);
        strict_1.default.equal(db1.settings.postgresPort, 5433);
        strict_1.default.equal(db1.settings.barmanHome, '/srv/barman');
        strict_1.default.equal(db1.settings.retentionPolicy, 'REDUNDANCY 4');
        strict_1.default.equal(db1.settings.lastBackupMaximumAge, '2 DAYS');
        strict_1.default.equal(db1.settings.parallelJobs, 4); // instance over location fra (2)
        strict_1.default.equal(db1.settings.networkCompression, true); // instance_defaults
        const db2 = g.instance('db2.fra.ledger.example');
        strict_1.default.equal(db2.settings.parallelJobs, 2); // location fra
        strict_1.default.equal(db2.address, '10.10.0.11');
        strict_1.default.equal(db2.connectionHost, '10.10.0.11');
        const db3 = g.instance('db3.ams.ledger.example');
        strict_1.default.equal(db3.settings.parallelJobs, 3); // location ams
        strict_1.default.equal(db3.settings.backupMethod, enums_1.BackupMethod.POSTGRES);
        strict_1.default.equal(db3.settings.reuseBackup, enums_1.ReuseBackup.OFF);
        strict_1.default.equal(db3.settings.backupInterval, '0 5 * * 0');
        const bm2 = g.instance('backup2.ams.ledger.example');
        strict_1.default.equal(bm2.address, '10.20.0.21');
        strict_1.default.equal(bm2.connectionHost, 'bastion-reachable.ams.ledger.example');
        strict_1.default.equal(bm2.settings.logFile, '/srv/barman/log/barman.log');
    });
});
