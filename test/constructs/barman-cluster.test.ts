/**
 * Synthesis of BarmanCluster: resources and their readable logical ids, ordering, connections,
 * triggers per concern, providers, key modes and id prefixes. Every expectation is derived from
 * the input graph written in this file (or examples/config.yml), not copied from the output.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BarmanCluster } from '../../lib/constructs/barman-cluster';
import { synthesizeTerraformJson } from '../../lib/constructs/barman-stack';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { KeyAlgorithm, Role } from '../../lib/model/enums';
import { InvalidConfigError } from '../../lib/model/diagnostics';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { BarmanGraph } from '../../lib/model/graph';
import { Concern, FileKind } from '../../lib/render/host-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { NullProvider, TlsProvider } from '../../lib/platform/cdktf';
import {
  PASSWORD_STEP_MARK,
  stepLine,
  HOST_KEY_ONE,
  HOST_KEY_TWO_ED25519,
  HOST_KEY_TWO_RSA,
  TfJson,
  TfResource,
  expectedProvisionerIds,
  inlinesOf,
  multiGraph,
  passwordResources,
  provisionerResources,
  repoRoot,
  resource,
  resourcesOf,
  seedGraph,
  stepOf,
  stepsOf,
  synthCluster,
  synthConfig,
  synthStack,
  triggerArg,
  triggerPaths,
  triggersOf,
  preflightIds,
  withoutPreflights,
  preflightOf,
  waitsFor,
} from './synth-helpers';

const NR = 'null_resource';
const TD = 'terraform_data';
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

/** the literal Terraform reference text of a generated public key, as the library trims it */
const publicKeyRef = (id: string): string => `\${trimspace(tls_private_key.${id}.public_key_openssh)}`;

describe('the seed (examples/config.yml: one backed up to two)', () => {
  const json = synthCluster({ graph: seedGraph() });

  test('exactly the twelve resources, with readable logical ids', () => {
    assert.deepEqual(
      sorted(resourcesOf(json).keys()),
      sorted([
        'null_resource.barman_server_two',
        'null_resource.barman_backup_one_on_two',
        'null_resource.barman_postgres_access_one',
        // the Postgres side: one's pg_hba.conf block and WAL commands, Barman's roles on the primary one,
        // then one activated on two; the two database passwords, generated once
        'null_resource.barman_postgres_config_one',
        'null_resource.barman_postgres_roles_one',
        'null_resource.barman_activate_one_on_two',
        // first, on each host, what its roles need (preflight)
        'null_resource.barman_preflight_one',
        'null_resource.barman_preflight_two',
        'terraform_data.barman_db_secret_barman',
        'terraform_data.barman_db_secret_streaming_barman',
        'tls_private_key.barman_ssh_key_postgres',
        'tls_private_key.barman_ssh_key_barman',
      ]),
    );
  });

  test('the backup resource depends on its server resource and one\'s preflight; the activation on everything one on two needs; the others on their own host\'s preflight', () => {
    const preflights = [preflightOf(NR, 'one'), preflightOf(NR, 'two')];
    // the backup edge waits for two's preflight through its server, the activation for both through its edge
    assert.deepEqual(resource(json, NR, 'barman_backup_one_on_two').depends_on, ['null_resource.barman_server_two', preflightOf(NR, 'one')]);
    assert.deepEqual(
      sorted(resource(json, NR, 'barman_activate_one_on_two').depends_on ?? []),
      sorted(['barman_backup_one_on_two', 'barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one'].map((id) => `null_resource.${id}`)),
    );
    for (const id of ['barman_backup_one_on_two', 'barman_activate_one_on_two']) {
      const all = waitsFor(json, `null_resource.${id}`);
      for (const d of ['null_resource.barman_server_two', ...preflights]) assert.ok(all.has(d), `${id} waits for ${d}`);
    }
    assert.deepEqual(resource(json, NR, 'barman_server_two').depends_on, [preflightOf(NR, 'two')]);
    for (const id of ['barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one']) assert.deepEqual(resource(json, NR, id).depends_on, [preflightOf(NR, 'one')], id);
    for (const id of ['barman_preflight_one', 'barman_preflight_two']) assert.equal(resource(json, NR, id).depends_on, undefined, id);
  });

  test('the passwords: built-in terraform_data, a sensitive random UUID kept in triggers_replace from creation on (no input, so no unmarked output copy); no provisioners', () => {
    for (const id of ['barman_db_secret_barman', 'barman_db_secret_streaming_barman']) {
      assert.deepEqual(resource(json, TD, id), { triggers_replace: '${sensitive(uuid())}', lifecycle: { ignore_changes: ['triggers_replace'] } }, id);
    }
  });

  test('connections: ip_address of the host the resource writes to, root, port 22, the ssh agent, no key pinned', () => {
    // examples/config.yml: one has ip_address 192.0.2.11, two 192.0.2.12; no public/private ip, no host keys
    // every step (secret ones too) uploads under /root (the prologue removes it at once), not world-readable /tmp
    const expected = (host: string) => ({ type: 'ssh', host, user: 'root', port: 22, agent: true, script_path: '/root/.cdktf-barman-%RAND%.sh' });
    for (const id of ['barman_server_two', 'barman_backup_one_on_two', 'barman_activate_one_on_two']) assert.deepEqual(resource(json, NR, id).connection, expected('192.0.2.12'), id);
    for (const id of ['barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one']) assert.deepEqual(resource(json, NR, id).connection, expected('192.0.2.11'), id);
    // the resource's connection is the only one: no provisioner has its own
    for (const [id, r] of provisionerResources(json)) {
      for (const p of r.provisioner ?? []) assert.equal((p['remote-exec'] as { connection?: object }).connection, undefined, `${id}: a provisioner's own connection`);
    }
    for (const id of ['barman_postgres_roles_one', 'barman_backup_one_on_two']) {
      assert.equal(inlinesOf(resource(json, NR, id)).filter((i) => PASSWORD_STEP_MARK.test(stepLine(i))).length, 1, `${id}: one secret step`);
    }
  });

  test('the backup resource triggers hold /etc/barman.d/one.conf and /etc/cron.d/one and no file of the server itself', () => {
    const r = resource(json, NR, 'barman_backup_one_on_two');
    assert.deepEqual(triggerPaths(r), ['/etc/barman.d/one.conf', '/etc/cron.d/one']);
    const t = triggersOf(r);
    // its block of ~barman/.pgpass is in the layout, not its content; the passwords only as a hash
    assert.deepEqual(sorted(Object.keys(t)), ['/etc/barman.d/one.conf', '/etc/cron.d/one', 'host', 'layout', 'passwords_sha256', 'script_sha256']);
    assert.equal(t.layout, 'file barman:barman 0600 /etc/barman.d/one.conf\nfile root:root 0644 /etc/cron.d/one\npassword-block barman:barman 0600 /var/lib/barman/.pgpass\n');
    assert.match(t.passwords_sha256, /^\$\{sha256\(.*terraform_data\.barman_db_secret_barman\.triggers_replace.*terraform_data\.barman_db_secret_streaming_barman\.triggers_replace.*\)\}$/);
    assert.equal(inlinesOf(r).length, 2, 'the main step, then the .pgpass secret step');
    // the main step writes the files from the triggers (the layout says where, whose and which mode)
    assert.deepEqual(stepsOf(r)[0].secrets, []);
    assert.equal(stepsOf(r)[0].step, 'backup_edge');
    assert.deepEqual(stepsOf(r)[0].args.slice(-3), [triggerArg('triggers', 'layout', triggersOf(r)), triggerArg('triggers', '/etc/barman.d/one.conf', triggersOf(r)), triggerArg('triggers', '/etc/cron.d/one', triggersOf(r))]);
    // the .pgpass lines of one on two: the two passwords as the secrets (files), then where the block goes, whose and which mode
    assert.match(stepLine(inlinesOf(r)[1]), PASSWORD_STEP_MARK);
    assert.deepEqual(stepsOf(r)[1], {
      secrets: ['barman', 'streaming_barman'].map((n) => `\${base64encode(sensitive(terraform_data.barman_db_secret_${n}.triggers_replace))}`),
      step: 'pgpass_lines',
      args: ['192.0.2.11', '5432', '# BEGIN cdktf-barman:seed:one', '# END cdktf-barman:seed:one', '/var/lib/barman/.pgpass', 'barman', 'barman', '0600'],
    });
    const conf = t['/etc/barman.d/one.conf'];
    assert.match(conf, /^\[one\]$/m);
    assert.match(conf, /^ssh_command = "ssh -q -o StrictHostKeyChecking=yes postgres@192\.0\.2\.11 -p 22"$/m);
    assert.match(conf, /^conninfo = "host=192\.0\.2\.11 port=5432 dbname=postgres user=barman"$/m);
    assert.match(conf, /^streaming_conninfo = "host=192\.0\.2\.11 port=5432 dbname=postgres user=streaming_barman"$/m);
    assert.match(conf, /^slot_name = "backup_two"$/m);
    assert.match(conf, /^active = true$/m);
    assert.match(t["/etc/cron.d/one"], /^0 4 \* \* wed,sat barman \S+ && \/usr\/bin\/flock -n \/var\/lib\/barman\/\.cdktf-barman-backup-one\.lock \/usr\/bin\/barman backup one$/m);
    assert.match(t.host, /\btwo\b.*192\.0\.2\.12/);
    assert.ok(!Object.values(t).some((v) => v.includes('[barman]')), 'the global file is the server resource\'s');
  });

  test('the server resource triggers hold the server\'s own files and no per-instance file', () => {
    const r = resource(json, NR, 'barman_server_two');
    const paths = triggerPaths(r);
    for (const p of ['/etc/barman.conf', '/etc/cron.d/barman', '/var/lib/barman/.ssh/id_ed25519.pub', '/var/lib/barman/.ssh/authorized_keys', '/var/lib/barman/.ssh/known_hosts']) {
      assert.ok(paths.includes(p), `${p} missing from the server's triggers: ${paths.join(', ')}`);
    }
    assert.ok(!paths.some((p) => p.startsWith('/etc/barman.d/') || p === '/etc/cron.d/one'), `per-instance files in the server's triggers: ${paths.join(', ')}`);
    assert.ok(!paths.includes('/var/lib/barman/.ssh/id_ed25519'), 'the private key is never a trigger');
    const t = triggersOf(r);
    assert.match(t['/etc/barman.conf'], /^\[barman\]$/m);
    assert.match(t['/etc/barman.conf'], /^log_file = \/var\/log\/barman\.log$/m);
    assert.match(t['/etc/barman.conf'], /^barman_home = \/var\/lib\/barman$/m);
    assert.match(t['/etc/cron.d/barman'], /^\* \* \* \* \* barman \S+ && \/usr\/bin\/barman -q cron$/m);
    // the per-instance files it manages, to remove them once one leaves the graph
    assert.equal(t['/usr/local/lib/cdktf-barman/seed.managed'], '/etc/barman.d/one.conf\n/etc/cron.d/one\npgpass:one\nowns:/etc/barman.conf\n');
    assert.ok(!paths.includes('/var/lib/barman/.pgpass'), '.pgpass blocks are the backup resources\' (and secret)');
    // postgres on `one` reaches barman here, only from one's address and only for its WAL; Barman
    // reaches one's sshd (scanned at apply: none pinned)
    assert.equal(t['/var/lib/barman/.ssh/authorized_keys'], `restrict,from="192.0.2.11",command="/usr/local/lib/cdktf-barman/barman-wal-gate 'put-wal:one' 'get-wal:one'" ${publicKeyRef('barman_ssh_key_postgres')} postgres@seed cdktf-barman:seed\n`);
    assert.equal(t['/var/lib/barman/.ssh/id_ed25519.pub'], `${publicKeyRef('barman_ssh_key_barman')} barman@seed\n`);
    assert.match(t['/var/lib/barman/.ssh/known_hosts'], /^192\.0\.2\.11 \S+ cdktf-barman:seed$/m);
  });

  test('the Postgres access resource triggers hold the postgres user\'s ssh files only', () => {
    const r = resource(json, NR, 'barman_postgres_access_one');
    assert.deepEqual(triggerPaths(r), ['/var/lib/postgresql/.ssh/authorized_keys', '/var/lib/postgresql/.ssh/id_ed25519.pub', '/var/lib/postgresql/.ssh/known_hosts']);
    const t = triggersOf(r);
    assert.equal(t['/var/lib/postgresql/.ssh/authorized_keys'], `restrict,from="192.0.2.12" ${publicKeyRef('barman_ssh_key_barman')} barman@seed cdktf-barman:seed\n`);
    assert.equal(t['/var/lib/postgresql/.ssh/id_ed25519.pub'], `${publicKeyRef('barman_ssh_key_postgres')} postgres@seed\n`);
    assert.match(t['/var/lib/postgresql/.ssh/known_hosts'], /^192\.0\.2\.12 \S+ cdktf-barman:seed$/m);
  });

  test('the Postgres config resource: one\'s pg_hba.conf block for two, first in the file, and the WAL commands it resets', () => {
    const r = resource(json, NR, 'barman_postgres_config_one');
    assert.deepEqual(triggerPaths(r), ['/etc/postgresql/16/main/pg_hba.conf']);
    const t = triggersOf(r);
    assert.deepEqual(sorted(Object.keys(t)), ['/etc/postgresql/16/main/pg_hba.conf', 'ALTER SYSTEM (postgresql.auto.conf)', 'host', 'layout', 'script_sha256']);
    assert.equal(t.layout, 'managed-block postgres:postgres 0640 /etc/postgresql/16/main/pg_hba.conf\n');
    assert.equal(
      t['/etc/postgresql/16/main/pg_hba.conf'],
      "# BEGIN cdktf-barman:seed (Barman's access; replaced on every apply)\nhost postgres barman 192.0.2.12/32 scram-sha-256\nhost replication streaming_barman 192.0.2.12/32 scram-sha-256\n# END cdktf-barman:seed\n",
    );
    // no barman_archiver, no barman_wal_restore: both commands are reset if (and only if) the library had set them
    const sql = t['ALTER SYSTEM (postgresql.auto.conf)'];
    assert.doesNotMatch(sql, /ALTER SYSTEM SET/);
    assert.match(sql, /^SELECT 'ALTER SYSTEM RESET archive_command' WHERE EXISTS \(SELECT FROM pg_file_settings WHERE name = 'archive_command' AND setting LIKE 'barman-wal-archive%' AND sourcefile LIKE '%postgresql\.auto\.conf'\)\\gexec$/m);
    assert.match(sql, /^SELECT 'ALTER SYSTEM RESET restore_command' WHERE EXISTS \(SELECT FROM pg_file_settings WHERE name = 'restore_command' AND setting LIKE 'barman-wal-restore%' AND sourcefile LIKE '%postgresql\.auto\.conf'\)\\gexec$/m);
    assert.equal(inlinesOf(r).length, 1, 'no secret');
  });

  test('the roles resource: the roles SQL in clear, the passwords only in its secret step and as a hash', () => {
    const r = resource(json, NR, 'barman_postgres_roles_one');
    const t = triggersOf(r);
    assert.deepEqual(sorted(Object.keys(t)), ['host', 'layout', 'passwords_sha256', 'roles.sql', 'script_sha256']);
    assert.equal(t.layout, '', 'it writes no file');
    assert.match(t['roles.sql'], /^ALTER ROLE barman WITH LOGIN NOSUPERUSER .* PASSWORD :'barman_password';$/m);
    assert.match(t['roles.sql'], /^ALTER ROLE streaming_barman WITH LOGIN REPLICATION .* PASSWORD :'streaming_password';$/m);
    assert.match(t['roles.sql'], /^GRANT EXECUTE ON FUNCTION pg_catalog\.pg_backup_start\(text, boolean\) TO barman_role;$/m, 'PostgreSQL 16 (cluster_vars of the seed)');
    assert.equal(t.passwords_sha256, triggersOf(resource(json, NR, 'barman_backup_one_on_two')).passwords_sha256);
    // a visible step may check first (Terraform hides all output of the secret step); exactly one secret step, last
    const inlines = inlinesOf(r);
    assert.deepEqual(inlines.map((i) => PASSWORD_STEP_MARK.test(stepLine(i))), [...inlines.slice(1).map(() => false), true], 'the secret step comes last, and alone');
    for (const i of inlines.slice(0, -1)) assert.ok(!JSON.stringify(i).includes('db_secret'), 'no password in a visible step');
    // the roles are checked in the visible step, created in the secret one, which reads roles.sql from the triggers
    assert.deepEqual(stepsOf(r).map((x) => [x.step, x.args[4]]), [['on_postgres', 'roles_check'], ['on_postgres', 'roles_create']]);
    assert.deepEqual(stepsOf(r)[1].args.slice(-1), [triggerArg('triggers', 'roles.sql', triggersOf(r))]);
    assert.equal(stepsOf(r)[1].secrets.length, 2);
  });

  test('the activation resource re-runs when one\'s Barman configuration or first-backup choice changes', () => {
    const r = resource(json, NR, 'barman_activate_one_on_two');
    const t = triggersOf(r);
    assert.deepEqual(sorted(Object.keys(t)), ['/etc/barman.d/one.conf', 'first_backup', 'host', 'layout', 'script_sha256']);
    assert.equal(t['/etc/barman.d/one.conf'], triggersOf(resource(json, NR, 'barman_backup_one_on_two'))['/etc/barman.d/one.conf']);
    assert.equal(t.first_backup, 'false');
    assert.match(t.host, /^two \(ssh 192\.0\.2\.12\)$/);
    // backup name, server, instance, barman user, psql, archiver (0|1), first backup (0|1)
    assert.deepEqual(inlinesOf(r).length, 1);
    assert.deepEqual(stepOf(r, 'activate_edge'), { secrets: [], step: 'activate_edge', args: ['one', 'two', 'one', 'barman', '/usr/lib/postgresql/16/bin/psql', '0', '0'] });
    // what the step does with them (lib/concerns/activation/activation.sh; runs are test/scripts'): Barman
    // run as that user, the slot created, `barman check`, a first backup only when asked for
    const sh = readFileSync(join(repoRoot(), 'lib', 'concerns', 'activation', 'activation.sh'), 'utf8');
    assert.match(sh, /^act_barman\(\) \{\n  runuser -u "\$act_user" -- \/usr\/bin\/barman "\$@"\n\}$/m);
    assert.match(sh, /^  act_user=\$4$/m);
    assert.match(sh, /\bact_barman receive-wal --create-slot "\$act_name" /);
    assert.match(sh, /^  report=\$\(act_barman check "\$act_name" 2>&1\)/m);
    assert.match(sh, /^  if \[ "\$7" = 1 \] && \[ "\$backups" -eq 0 \]; then\n    act_barman backup --wait "\$act_name"/m, 'a first backup only with its flag');
  });

  test('null_resource by default, with the null and tls providers, their versions relaxed to the major', () => {
    assert.deepEqual(sorted(Object.keys(json.resource ?? {})), ['null_resource', 'terraform_data', 'tls_private_key']);
    assert.equal(json.provider?.null?.length, 1);
    assert.equal(json.provider?.tls?.length, 1);
    assert.equal(json.terraform?.required_providers?.null?.version, '>= 3.2, < 4.0');
    assert.equal(json.terraform?.required_providers?.tls?.version, '>= 4.0, < 5.0');
    for (const r of provisionerResources(json).values()) assert.ok(r.triggers && !r.triggers_replace, 'null_resource carries `triggers`');
  });

  test('generated keys are ED25519 by default, one per user for the cluster', () => {
    assert.deepEqual(resource(json, 'tls_private_key', 'barman_ssh_key_postgres'), { algorithm: 'ED25519' });
    assert.deepEqual(resource(json, 'tls_private_key', 'barman_ssh_key_barman'), { algorithm: 'ED25519' });
  });

  test('no backend: neither in Testing.synth nor in synthesizeTerraformJson (what the CLI writes)', () => {
    assert.equal(json.terraform?.backend, undefined);
    for (const keysFromVariables of [false, true]) {
      const full = synthesizeTerraformJson({ graph: seedGraph(), keysFromVariables }) as TfJson;
      assert.ok(full.resource, 'synthesizeTerraformJson returned resources');
      assert.equal(full.terraform?.backend, undefined, `a backend was added (keysFromVariables ${keysFromVariables})`);
    }
  });
});

describe('terraform_data mode', () => {
  test('the same resources as terraform_data with triggers_replace; no null provider, tls still there', () => {
    const json = synthCluster({ graph: seedGraph(), resourceType: ProvisionerResourceType.TERRAFORM_DATA });
    assert.deepEqual(
      sorted(resourcesOf(json).keys()),
      sorted([
        ...['server_two', 'backup_one_on_two', 'postgres_access_one', 'postgres_config_one', 'postgres_roles_one', 'activate_one_on_two', 'preflight_one', 'preflight_two', 'db_secret_barman', 'db_secret_streaming_barman'].map((id) => `terraform_data.barman_${id}`),
        'tls_private_key.barman_ssh_key_postgres',
        'tls_private_key.barman_ssh_key_barman',
      ]),
    );
    for (const r of provisionerResources(json).values()) assert.ok(r.triggers_replace && !r.triggers, 'terraform_data carries `triggers_replace` (a change replaces it and re-runs the provisioners)');
    assert.deepEqual(withoutPreflights(resource(json, TD, 'barman_backup_one_on_two').depends_on ?? []), ['terraform_data.barman_server_two']);
    assert.equal(json.provider?.null, undefined);
    assert.equal(json.terraform?.required_providers?.null, undefined);
    assert.equal(json.provider?.tls?.length, 1);
  });

  test('with supplied keys it needs no provider at all', () => {
    const json = synthCluster({ graph: seedGraph(), resourceType: ProvisionerResourceType.TERRAFORM_DATA, suppliedKeys: SUPPLIED });
    assert.equal(json.provider, undefined);
    assert.deepEqual(json.terraform?.required_providers ?? {}, {});
    assert.deepEqual(sorted(Object.keys(json.resource ?? {})), ['terraform_data']);
  });
});

const SUPPLIED = {
  postgres: { privateKey: 'PRIVATE-POSTGRES', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBvc3RncmVz someone@laptop' },
  barman: { privateKey: 'PRIVATE-BARMAN', publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJhcm1hbg== barman@vault\n' },
};

describe('key modes', () => {
  test('supplied keys: no tls_private_key, no tls provider; the public keys land in the files without their comments', () => {
    const json = synthCluster({ graph: seedGraph(), suppliedKeys: SUPPLIED });
    assert.deepEqual(sorted(Object.keys(json.resource ?? {})), ['null_resource', 'terraform_data'], 'terraform_data: the generated database passwords');
    assert.equal(json.provider?.tls, undefined);
    assert.equal(json.terraform?.required_providers?.tls, undefined);
    assert.equal(json.provider?.null?.length, 1);
    const pg = triggersOf(resource(json, NR, 'barman_postgres_access_one'));
    assert.equal(pg['/var/lib/postgresql/.ssh/id_ed25519.pub'], 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBvc3RncmVz postgres@seed\n');
    assert.equal(pg['/var/lib/postgresql/.ssh/authorized_keys'], 'restrict,from="192.0.2.12" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJhcm1hbg== barman@seed cdktf-barman:seed\n');
    const srv = triggersOf(resource(json, NR, 'barman_server_two'));
    assert.equal(srv['/var/lib/barman/.ssh/authorized_keys'], `restrict,from="192.0.2.11",command="/usr/local/lib/cdktf-barman/barman-wal-gate 'put-wal:one' 'get-wal:one'" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBvc3RncmVz postgres@seed cdktf-barman:seed\n`);
  });

  test('supplied keys and per-host keys exclude each other', () => {
    assert.throws(() => synthCluster({ graph: seedGraph(), suppliedKeys: SUPPLIED, perHostKeys: true }), /perHostKeys/);
  });

  test('per-host keys: one tls_private_key per Postgres instance (postgres) and per Barman server (barman)', () => {
    const json = synthCluster({ graph: multiGraph(), perHostKeys: true });
    // Postgres instances: one, three (witness), four, five, db-1.example.com; Barman servers: two, three, backup-1.example.com
    assert.deepEqual(
      sorted(Object.keys(json.resource?.tls_private_key ?? {})),
      sorted([
        'barman_ssh_key_postgres_one',
        'barman_ssh_key_postgres_three',
        'barman_ssh_key_postgres_four',
        'barman_ssh_key_postgres_five',
        'barman_ssh_key_postgres_db-1_example_com',
        'barman_ssh_key_barman_two',
        'barman_ssh_key_barman_three',
        'barman_ssh_key_barman_backup-1_example_com',
      ]),
    );
    // two authorizes the postgres keys of the instances it backs up: one, four, five, each from its address, for its own WAL
    const auth2 = triggersOf(resource(json, NR, 'barman_server_two'))['/var/lib/barman/.ssh/authorized_keys'];
    assert.deepEqual(
      auth2.trimEnd().split('\n').sort(),
      [['one', '10.1.0.1'], ['four', '10.1.0.4'], ['five', '10.1.0.5']].map(([i, a]) => `restrict,from="${a}",command="/usr/local/lib/cdktf-barman/barman-wal-gate 'put-wal:${i}' 'get-wal:${i}'" ${publicKeyRef(`barman_ssh_key_postgres_${i}`)} postgres@multi cdktf-barman:multi`).sort(),
    );
    // three (barman + witness) authorizes, as a Postgres instance, every Barman server's barman key (its own too)
    const auth3 = triggersOf(resource(json, NR, 'barman_postgres_access_three'))['/var/lib/postgresql/.ssh/authorized_keys'];
    assert.deepEqual(
      auth3.trimEnd().split('\n').sort(),
      [['two', '10.1.0.2'], ['three', '10.1.0.3'], ['backup-1_example_com', '10.2.0.20']].map(([s, a]) => `restrict,from="${a}" ${publicKeyRef(`barman_ssh_key_barman_${s}`)} barman@multi cdktf-barman:multi`).sort(),
    );
    // each host installs its own pair
    assert.equal(triggersOf(resource(json, NR, 'barman_postgres_access_four'))['/var/lib/postgresql/.ssh/id_ed25519.pub'], `${publicKeyRef('barman_ssh_key_postgres_four')} postgres@multi\n`);
    const keyLine = (id: string) => inlineWith(resource(json, NR, id), 'private_key_openssh');
    assert.match(keyLine('barman_server_three'), /tls_private_key\.barman_ssh_key_barman_three\.private_key_openssh/);
    assert.match(keyLine('barman_postgres_access_three'), /tls_private_key\.barman_ssh_key_postgres_three\.private_key_openssh/);
  });

  for (const [algorithm, rsaBits, expected, file] of [
    [KeyAlgorithm.RSA, undefined, { algorithm: 'RSA', rsa_bits: 4096 }, 'id_rsa'],
    [KeyAlgorithm.RSA, 3072, { algorithm: 'RSA', rsa_bits: 3072 }, 'id_rsa'],
    [KeyAlgorithm.ECDSA, undefined, { algorithm: 'ECDSA', ecdsa_curve: 'P256' }, 'id_ecdsa'],
    [KeyAlgorithm.ED25519, undefined, { algorithm: 'ED25519' }, 'id_ed25519'],
  ] as const) {
    test(`keyAlgorithm ${algorithm}${rsaBits ? ` (${rsaBits} bits)` : ''}: ${JSON.stringify(expected)}, key files named ${file}`, () => {
      const json = synthCluster({ graph: seedGraph(), keyAlgorithm: algorithm, rsaBits });
      assert.deepEqual(resource(json, 'tls_private_key', 'barman_ssh_key_postgres'), expected);
      assert.deepEqual(resource(json, 'tls_private_key', 'barman_ssh_key_barman'), expected);
      assert.ok(triggerPaths(resource(json, NR, 'barman_postgres_access_one')).includes(`/var/lib/postgresql/.ssh/${file}.pub`));
      assert.ok(triggerPaths(resource(json, NR, 'barman_server_two')).includes(`/var/lib/barman/.ssh/${file}.pub`));
      assert.match(triggersOf(resource(json, NR, 'barman_server_two')).layout, new RegExp(`^private-key barman:barman 0600 /var/lib/barman/\\.ssh/${file}$`, 'm'));
    });
  }
});

function inlineWith(r: TfResource, needle: string): string {
  const lines = (r.provisioner ?? []).flatMap((p) => p['remote-exec'].inline).filter((l) => l.includes(needle));
  assert.equal(lines.length, 1, `expected one inline line with ${needle}, got ${lines.length}`);
  return lines[0];
}

describe('the multi-topology graph (one to two servers, several to one, M1 barman+witness, FQDNs)', () => {
  const graph = multiGraph();
  const json = synthCluster({ graph });
  const EXPECTED_PROVISIONERS = [
    'barman_server_two',
    'barman_server_three',
    'barman_server_backup-1_example_com',
    'barman_backup_one_on_two',
    'barman_backup_one_on_three',
    'barman_backup_four_on_two',
    'barman_backup_five_on_two',
    'barman_backup_db-1_example_com_on_backup-1_example_com',
    'barman_postgres_access_one',
    'barman_postgres_access_three',
    'barman_postgres_access_four',
    'barman_postgres_access_five',
    'barman_postgres_access_db-1_example_com',
    // every Postgres instance (the witness three too) lets every Barman server in
    'barman_postgres_config_one',
    'barman_postgres_config_three',
    'barman_postgres_config_four',
    'barman_postgres_config_five',
    'barman_postgres_config_db-1_example_com',
    // roles on every Postgres instance that is not a replica: not on four
    'barman_postgres_roles_one',
    'barman_postgres_roles_three',
    'barman_postgres_roles_five',
    'barman_postgres_roles_db-1_example_com',
    // one activation per backup edge
    'barman_activate_one_on_two',
    'barman_activate_one_on_three',
    'barman_activate_four_on_two',
    'barman_activate_five_on_two',
    'barman_activate_db-1_example_com_on_backup-1_example_com',
  ];

  test('exactly the expected resources; dots in FQDNs become _', () => {
    assert.deepEqual(
      sorted(resourcesOf(json).keys()),
      sorted([
        ...EXPECTED_PROVISIONERS.map((id) => `null_resource.${id}`),
        // and one preflight per host
        ...preflightIds(graph).map((id) => `null_resource.${id}`),
        'terraform_data.barman_db_secret_barman',
        'terraform_data.barman_db_secret_streaming_barman',
        'tls_private_key.barman_ssh_key_postgres',
        'tls_private_key.barman_ssh_key_barman',
      ]),
    );
  });

  test('each backup resource depends on exactly its server\'s resource and its instance\'s preflight, each activation on what its edge needs; the others on their own host\'s preflight alone', () => {
    const expected: Record<string, string[]> = {
      barman_backup_one_on_two: ['barman_server_two', 'barman_preflight_one'],
      barman_backup_one_on_three: ['barman_server_three', 'barman_preflight_one'],
      barman_backup_four_on_two: ['barman_server_two', 'barman_preflight_four'],
      barman_backup_five_on_two: ['barman_server_two', 'barman_preflight_five'],
      'barman_backup_db-1_example_com_on_backup-1_example_com': ['barman_server_backup-1_example_com', 'barman_preflight_db-1_example_com'],
      barman_activate_one_on_two: ['barman_backup_one_on_two', 'barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one'],
      barman_activate_one_on_three: ['barman_backup_one_on_three', 'barman_postgres_access_one', 'barman_postgres_config_one', 'barman_postgres_roles_one'],
      // four: a replica without upstream, so it waits for the roles of every primary
      barman_activate_four_on_two: [
        'barman_backup_four_on_two',
        'barman_postgres_access_four',
        'barman_postgres_config_four',
        'barman_postgres_roles_one',
        'barman_postgres_roles_three',
        'barman_postgres_roles_five',
        'barman_postgres_roles_db-1_example_com',
      ],
      barman_activate_five_on_two: ['barman_backup_five_on_two', 'barman_postgres_access_five', 'barman_postgres_config_five', 'barman_postgres_roles_five'],
      'barman_activate_db-1_example_com_on_backup-1_example_com': [
        'barman_backup_db-1_example_com_on_backup-1_example_com',
        'barman_postgres_access_db-1_example_com',
        'barman_postgres_config_db-1_example_com',
        'barman_postgres_roles_db-1_example_com',
      ],
    };
    for (const [id, body] of provisionerResources(json)) {
      if (id.includes('_preflight_')) {
        assert.equal(body.depends_on, undefined, `${id} should not depend on anything`);
        continue;
      }
      // the others (server, access, config, roles) wait for their own host's preflight
      const host = /^barman_(?:server|postgres_access|postgres_config|postgres_roles)_(.+)$/.exec(id)?.[1];
      const direct = expected[id] ?? [`barman_preflight_${host}`];
      assert.deepEqual(sorted(body.depends_on ?? []), sorted(direct.map((d) => `null_resource.${d}`)), id);
    }
  });

  test('connections: the connection host and ssh port of the host written to, its first pinned host key', () => {
    const conn = (host: string, port: number, hostKey?: string) => ({ type: 'ssh', host, user: 'root', port, agent: true, ...(hostKey ? { host_key: hostKey } : {}), script_path: '/root/.cdktf-barman-%RAND%.sh' });
    const onTwo = conn('198.51.100.2', 2222, HOST_KEY_TWO_ED25519);
    const onThree = conn('10.1.0.3', 22);
    const onBackup1 = conn('203.0.113.20', 22);
    const onOne = conn('198.51.100.1', 22, HOST_KEY_ONE);
    // no address at all: the name is the address and the connection host
    const onDb1 = conn('db-1.example.com', 22);
    const expected: Record<string, object> = {
      barman_server_two: onTwo,
      barman_backup_one_on_two: onTwo,
      barman_backup_four_on_two: onTwo,
      barman_backup_five_on_two: onTwo,
      barman_activate_one_on_two: onTwo,
      barman_activate_four_on_two: onTwo,
      barman_activate_five_on_two: onTwo,
      barman_server_three: onThree,
      barman_backup_one_on_three: onThree,
      barman_activate_one_on_three: onThree,
      barman_postgres_access_three: onThree,
      barman_postgres_config_three: onThree,
      barman_postgres_roles_three: onThree,
      'barman_server_backup-1_example_com': onBackup1,
      'barman_backup_db-1_example_com_on_backup-1_example_com': onBackup1,
      'barman_activate_db-1_example_com_on_backup-1_example_com': onBackup1,
      barman_postgres_access_one: onOne,
      barman_postgres_config_one: onOne,
      barman_postgres_roles_one: onOne,
      barman_postgres_access_four: conn('10.1.0.4', 22),
      barman_postgres_config_four: conn('10.1.0.4', 22),
      barman_postgres_access_five: conn('10.1.0.5', 22),
      barman_postgres_config_five: conn('10.1.0.5', 22),
      barman_postgres_roles_five: conn('10.1.0.5', 22),
      'barman_postgres_access_db-1_example_com': onDb1,
      'barman_postgres_config_db-1_example_com': onDb1,
      'barman_postgres_roles_db-1_example_com': onDb1,
    };
    assert.deepEqual(sorted(Object.keys(expected)), sorted(EXPECTED_PROVISIONERS));
    for (const id of EXPECTED_PROVISIONERS) assert.deepEqual(resource(json, NR, id).connection, expected[id], id);
  });

  test('connection options reach every resource: user, port, private key (agent off), bastion, timeout', () => {
    const bastionKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJhc3Rpb24=';
    const j = synthCluster({
      graph,
      connection: { user: 'deploy', port: 2200, privateKey: 'CONNECTION-KEY', bastionHost: 'bastion.example.com', bastionUser: 'jump', bastionPort: 2022, bastionPrivateKey: 'BASTION-KEY', bastionHostKey: bastionKey, timeout: '2m' },
    });
    for (const id of EXPECTED_PROVISIONERS) {
      const c = resource(j, NR, id).connection!;
      assert.equal(c.user, 'deploy', id);
      assert.equal(c.port, 2200, `${id}: the connection's port wins over cluster_ssh_port`);
      assert.equal(c.agent, false, `${id}: a private key turns the agent off`);
      assert.equal(c.private_key, 'CONNECTION-KEY', id);
      assert.equal(c.bastion_host, 'bastion.example.com', id);
      assert.equal(c.bastion_user, 'jump', id);
      assert.equal(c.bastion_port, 2022, id);
      assert.equal(c.bastion_private_key, 'BASTION-KEY', id);
      assert.equal(c.bastion_host_key, bastionKey, id);
      assert.equal(c.timeout, '2m', id);
    }
    assert.equal(resource(j, NR, 'barman_server_two').connection!.host_key, HOST_KEY_TWO_ED25519);
    // explicit agent with a key
    const withAgent = synthCluster({ graph, connection: { privateKey: 'K', agent: true } });
    assert.equal(resource(withAgent, NR, 'barman_server_two').connection!.agent, true);
  });

  test('steps of a non-root connection upload to its home, never to /tmp; an explicit path wins', () => {
    // every resource's connection (provisioners have none of their own: secret steps are uploaded like any)
    const scriptPaths = (j: ReturnType<typeof synthCluster>) =>
      [
        ...new Set(
          EXPECTED_PROVISIONERS.map((id) => {
            const r = resource(j, NR, id);
            for (const p of r.provisioner ?? []) assert.equal((p['remote-exec'] as { connection?: object }).connection, undefined, id);
            return String(r.connection?.script_path);
          }),
        ),
      ];
    assert.deepEqual(scriptPaths(synthCluster({ graph, connection: { user: 'deploy' } })), ['/home/deploy/.cdktf-barman-%RAND%.sh']);
    assert.deepEqual(scriptPaths(synthCluster({ graph })), ['/root/.cdktf-barman-%RAND%.sh']);
    assert.deepEqual(scriptPaths(synthCluster({ graph, connection: { user: 'deploy', secretScriptPath: '/srv/deploy/s-%RAND%.sh' } })), ['/srv/deploy/s-%RAND%.sh']);
    // one login-name rule for the CLI and the props: what `synth --connection-user` takes synthesizes
    assert.deepEqual(scriptPaths(synthCluster({ graph, connection: { user: 'svc.deploy' } })), ['/home/svc.deploy/.cdktf-barman-%RAND%.sh']);
  });

  test('literal connection values stay literal text for Terraform; a user that is not an os user name is refused', () => {
    assert.throws(() => synthCluster({ graph, connection: { user: '${file("/etc/hostname")}' } }), /connection user "\$\{file\(\\"\/etc\/hostname\\"\)\}" is not an os user name/);
    const j = synthCluster({ graph, connection: { bastionHost: 'b${x}', bastionUser: 'j%{if}', timeout: '1m${y}', secretScriptPath: '/srv/${z}/s.sh' } });
    const c = resource(j, NR, 'barman_server_two').connection!;
    assert.equal(c.bastion_host, 'b$${x}');
    assert.equal(c.bastion_user, 'j%%{if}');
    assert.equal(c.timeout, '1m$${y}');
    assert.equal(resource(j, NR, 'barman_postgres_roles_one').connection!.script_path, '/srv/$${z}/s.sh');
  });

  test('backup resources carry exactly their own instance\'s files on their own server', () => {
    const expected: Record<string, { paths: string[]; section: string; slot: string; host: string; absent: string[] }> = {
      barman_backup_one_on_two: { paths: ['/etc/barman.d/one.conf', '/etc/cron.d/one'], section: 'one', slot: 'backup_two', host: '10.1.0.1', absent: ['four', 'five', 'db-1', '10.1.0.4', '10.1.0.5'] },
      barman_backup_one_on_three: { paths: ['/etc/barman.d/one.conf', '/etc/cron.d/one'], section: 'one', slot: 'backup_three', host: '10.1.0.1', absent: ['four', 'five', 'db-1'] },
      barman_backup_four_on_two: { paths: ['/etc/barman.d/four.conf', '/etc/cron.d/four'], section: 'four', slot: 'backup_two', host: '10.1.0.4', absent: ['[one]', 'five', '10.1.0.1', '10.1.0.5'] },
      barman_backup_five_on_two: { paths: ['/etc/barman.d/five.conf', '/etc/cron.d/five'], section: 'five', slot: 'backup_two', host: '10.1.0.5', absent: ['[one]', 'four', '10.1.0.1', '10.1.0.4'] },
      'barman_backup_db-1_example_com_on_backup-1_example_com': {
        paths: ['/etc/barman.d/db-1.example.com.conf', '/etc/cron.d/db-1_example_com'],
        section: 'db-1.example.com',
        slot: 'backup_backup_1',
        host: 'db-1.example.com',
        absent: ['[one]', 'four', 'five'],
      },
    };
    for (const [id, e] of Object.entries(expected)) {
      const r = resource(json, NR, id);
      assert.deepEqual(triggerPaths(r), e.paths, id);
      const t = triggersOf(r);
      const conf = t[e.paths[0]];
      assert.ok(conf.split('\n').includes(`[${e.section}]`), `${id}: section [${e.section}]`);
      assert.ok(conf.split('\n').includes(`slot_name = "${e.slot}"`), `${id}: slot ${e.slot}`);
      assert.ok(conf.includes(`conninfo = "host=${e.host} port=5432 `), `${id}: conninfo to ${e.host}`);
      assert.ok(t[e.paths[1]].includes(`/usr/bin/barman backup ${e.section}\n`), `${id}: cron backs up ${e.section}`);
      const all = JSON.stringify(t);
      for (const a of e.absent) assert.ok(!all.includes(a), `${id}: triggers mention ${a}`);
    }
  });

  test('every resource\'s trigger files are exactly the non-secret files of its concern on its host', () => {
    // the renderer's plan of each host (placeholder keys; only paths and concerns are compared here)
    const plans = new Map(renderHosts(graph, new PlaceholderKeys()).map((p) => [p.instance.name, p.files]));
    const written = (host: string, keep: (f: { concern: Concern; edge?: { instance: { name: string } } }) => boolean) =>
      (plans.get(host) ?? [])
        .filter((f) => keep(f) && f.kind !== FileKind.DIRECTORY && f.kind !== FileKind.LOG_FILE && f.kind !== FileKind.PRIVATE_KEY && f.kind !== FileKind.PASSWORD_BLOCK)
        .map((f) => f.path)
        .sort();
    // the secret kinds really are in the plans (the filter above is not idle)
    assert.ok((plans.get('two') ?? []).some((f) => f.kind === FileKind.PASSWORD_BLOCK && f.edge?.instance.name === 'one'), 'two has one\'s .pgpass block');
    for (const s of graph.barmanServers) {
      const id = s.name.replace(/\./g, '_');
      assert.deepEqual(triggerPaths(resource(json, NR, `barman_server_${id}`)), written(s.name, (f) => f.concern === Concern.BARMAN_SERVER), s.name);
      for (const e of graph.edgesOnServer(s)) {
        const b = e.instance.name;
        assert.deepEqual(
          triggerPaths(resource(json, NR, `barman_backup_${b.replace(/\./g, '_')}_on_${id}`)),
          written(s.name, (f) => f.concern === Concern.BACKUP_EDGE && f.edge?.instance.name === b),
          `${b} on ${s.name}`,
        );
      }
    }
    for (const p of graph.postgresInstances) {
      const id = p.name.replace(/\./g, '_');
      assert.deepEqual(triggerPaths(resource(json, NR, `barman_postgres_access_${id}`)), written(p.name, (f) => f.concern === Concern.POSTGRES_ACCESS), p.name);
      assert.deepEqual(triggerPaths(resource(json, NR, `barman_postgres_config_${id}`)), written(p.name, (f) => f.concern === Concern.POSTGRES_CONFIG), p.name);
      assert.deepEqual(triggerPaths(resource(json, NR, `barman_postgres_config_${id}`)), [`/etc/postgresql/16/main/pg_hba.conf`], `${p.name}: pg_hba.conf only`);
    }
    for (const e of graph.edges) {
      // the activation re-runs on a change of the Barman section it activates, and no other file
      const id = `barman_activate_${e.instance.name.replace(/\./g, '_')}_on_${e.server.name.replace(/\./g, '_')}`;
      assert.deepEqual(triggerPaths(resource(json, NR, id)), [`/etc/barman.d/${e.backupName}.conf`], id);
    }
    for (const p of graph.postgresInstances.filter((x) => !x.roles.includes(Role.REPLICA))) {
      assert.deepEqual(triggerPaths(resource(json, NR, `barman_postgres_roles_${p.name.replace(/\./g, '_')}`)), [], `${p.name}: the roles resource writes no file`);
    }
  });

  test('the M1 barman+witness node gets a server resource and the Postgres resources, each with its own files', () => {
    const server = triggerPaths(resource(json, NR, 'barman_server_three'));
    const access = triggerPaths(resource(json, NR, 'barman_postgres_access_three'));
    const config = triggerPaths(resource(json, NR, 'barman_postgres_config_three'));
    assert.ok(server.includes('/etc/barman.conf') && server.includes('/var/lib/barman/.ssh/authorized_keys'));
    assert.deepEqual(access, ['/var/lib/postgresql/.ssh/authorized_keys', '/var/lib/postgresql/.ssh/id_ed25519.pub', '/var/lib/postgresql/.ssh/known_hosts']);
    assert.deepEqual(config, ['/etc/postgresql/16/main/pg_hba.conf']);
    assert.deepEqual(server.filter((p) => access.includes(p) || config.includes(p)), []);
    // its pg_hba.conf block lets in every Barman server: two, itself, backup-1.example.com
    const hba = triggersOf(resource(json, NR, 'barman_postgres_config_three'))['/etc/postgresql/16/main/pg_hba.conf'];
    assert.deepEqual(
      hba.split('\n').filter((l) => l.startsWith('host ')),
      ['10.1.0.2/32', '10.1.0.3/32', '10.2.0.20/32'].flatMap((a) => [`host postgres barman ${a} scram-sha-256`, `host replication streaming_barman ${a} scram-sha-256`]),
    );
  });

  test('known_hosts: pinned host keys of the Barman servers on port 2222 in [host]:port form, scanned otherwise', () => {
    const kh = triggersOf(resource(json, NR, 'barman_postgres_access_one'))['/var/lib/postgresql/.ssh/known_hosts'].trimEnd().split('\n');
    assert.ok(kh.includes(`[10.1.0.2]:2222 ${HOST_KEY_TWO_ED25519} cdktf-barman:multi`), kh.join('\n'));
    assert.ok(kh.includes(`[10.1.0.2]:2222 ${HOST_KEY_TWO_RSA} cdktf-barman:multi`), kh.join('\n'));
    assert.ok(kh.some((l) => /^10\.1\.0\.3 \S+ cdktf-barman:multi$/.test(l) && !l.includes('AAAA')), `three is scanned at apply: ${kh.join('\n')}`);
    assert.equal(kh.length, 3);
    const onTwo = triggersOf(resource(json, NR, 'barman_server_two'))['/var/lib/barman/.ssh/known_hosts'].trimEnd().split('\n');
    assert.ok(onTwo.includes(`10.1.0.1 ${HOST_KEY_ONE} cdktf-barman:multi`), onTwo.join('\n'));
    assert.equal(onTwo.filter((l) => /^10\.1\.0\.[45] /.test(l)).length, 2, 'four and five are known on two');
  });
});

describe('from config.yml: addresses, ssh port and pinned host keys (test/fixtures/synth/pinned-keys)', () => {
  const graph = loadGraphFromFile(synthConfig('pinned-keys'));
  const json = synthCluster({ graph });
  // pg.example.net: public_ip 203.0.113.61, private_ip 10.61.0.1, two host keys (the first with a comment)
  // bk.example.net: public_ip 203.0.113.62, private_ip 10.61.0.2, one host key; cluster_ssh_port 2200
  const PG_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBnLmV4YW1wbGUubmV0IGhvc3Qga2V5IGZvciB0';
  const BK_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJrLmV4YW1wbGUubmV0IGhvc3Qga2V5IGZvciB0';

  test('public_ip is the connection host, cluster_ssh_port the port, the first ssh_host_keys entry (without comment) is pinned', () => {
    const on = (host: string, key: string) => ({ type: 'ssh', host, user: 'root', port: 2200, agent: true, host_key: key, script_path: '/root/.cdktf-barman-%RAND%.sh' });
    assert.deepEqual(resource(json, NR, 'barman_postgres_access_pg_example_net').connection, on('203.0.113.61', PG_KEY));
    assert.deepEqual(resource(json, NR, 'barman_server_bk_example_net').connection, on('203.0.113.62', BK_KEY));
    assert.deepEqual(resource(json, NR, 'barman_backup_pg_example_net_on_bk_example_net').connection, on('203.0.113.62', BK_KEY));
  });

  test('private_ip is what the other hosts use: conninfo, ssh_command and known_hosts ([host]:2200)', () => {
    const t = triggersOf(resource(json, NR, 'barman_backup_pg_example_net_on_bk_example_net'));
    assert.deepEqual(triggerPaths(resource(json, NR, 'barman_backup_pg_example_net_on_bk_example_net')), ['/etc/barman.d/pg.example.net.conf', '/etc/cron.d/pg_example_net']);
    assert.match(t['/etc/barman.d/pg.example.net.conf'], /^ssh_command = "ssh -q -o StrictHostKeyChecking=yes postgres@10\.61\.0\.1 -p 2200"$/m);
    assert.match(t['/etc/barman.d/pg.example.net.conf'], /^conninfo = "host=10\.61\.0\.1 port=5432 /m);
    const onBk = triggersOf(resource(json, NR, 'barman_server_bk_example_net'))['/var/lib/barman/.ssh/known_hosts'];
    assert.equal(onBk, `[10.61.0.1]:2200 ${PG_KEY} cdktf-barman:pinned\n[10.61.0.1]:2200 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTZwZw== cdktf-barman:pinned\n`);
    const onPg = triggersOf(resource(json, NR, 'barman_postgres_access_pg_example_net'))['/var/lib/postgresql/.ssh/known_hosts'];
    assert.equal(onPg, `[10.61.0.2]:2200 ${BK_KEY} cdktf-barman:pinned\n`);
  });
});

describe('idPrefix and embedding in an existing stack', () => {
  test('idPrefix prefixes every logical id and every reference', () => {
    const json = synthCluster({ graph: seedGraph(), idPrefix: 'pgb' });
    assert.deepEqual(
      sorted(resourcesOf(json).keys()),
      sorted([
        ...['server_two', 'backup_one_on_two', 'postgres_access_one', 'postgres_config_one', 'postgres_roles_one', 'activate_one_on_two', 'preflight_one', 'preflight_two'].map((id) => `null_resource.pgb_${id}`),
        'terraform_data.pgb_db_secret_barman',
        'terraform_data.pgb_db_secret_streaming_barman',
        'tls_private_key.pgb_ssh_key_postgres',
        'tls_private_key.pgb_ssh_key_barman',
      ]),
    );
    assert.deepEqual(resource(json, NR, 'pgb_backup_one_on_two').depends_on, ['null_resource.pgb_server_two', preflightOf(NR, 'one', 'pgb')]);
    assert.deepEqual(resource(json, NR, 'pgb_server_two').depends_on, [preflightOf(NR, 'two', 'pgb')]);
    assert.ok((resource(json, NR, 'pgb_activate_one_on_two').depends_on ?? []).includes('null_resource.pgb_postgres_roles_one'));
    assert.equal(triggersOf(resource(json, NR, 'pgb_postgres_access_one'))['/var/lib/postgresql/.ssh/id_ed25519.pub'], `${publicKeyRef('pgb_ssh_key_postgres')} postgres@seed\n`);
    assert.match(triggersOf(resource(json, NR, 'pgb_postgres_roles_one')).passwords_sha256, /terraform_data\.pgb_db_secret_barman\.triggers_replace/);
    assert.ok(!JSON.stringify(json).includes('barman_ssh_key'), 'no reference to the default prefix is left');
    assert.ok(!JSON.stringify(json).includes('barman_db_secret'), 'no reference to the default prefix\'s passwords is left');
  });

  test('two clusters with their own prefixes share a stack and one pair of providers', () => {
    const json = synthStack((stack) => {
      new BarmanCluster(stack, 'east', { graph: seedGraph(), idPrefix: 'east' });
      new BarmanCluster(stack, 'west', { graph: multiGraph(), idPrefix: 'west' });
    });
    const ids = [...provisionerResources(json).keys()];
    assert.ok(ids.includes('east_server_two') && ids.includes('west_server_two') && ids.includes('west_backup_four_on_two'));
    assert.deepEqual(sorted(ids), sorted([...expectedProvisionerIds(seedGraph(), { prefix: 'east' }), ...expectedProvisionerIds(multiGraph(), { prefix: 'west' })]));
    assert.equal(ids.length, 6 + 2 + 27 + 7, 'the writing resources and one preflight per host of each');
    // each cluster its own passwords
    assert.deepEqual(sorted(passwordResources(json).keys()), ['east_db_secret_barman', 'east_db_secret_streaming_barman', 'west_db_secret_barman', 'west_db_secret_streaming_barman']);
    assert.equal(json.provider?.null?.length, 1);
    assert.equal(json.provider?.tls?.length, 1);
  });

  test('a stack that already declares NullProvider and TlsProvider gets no second one', () => {
    const json = synthStack((stack) => {
      new NullProvider(stack, 'estate-null', {});
      new TlsProvider(stack, 'estate-tls', {});
      new BarmanCluster(stack, 'barman', { graph: seedGraph() });
    }, true);
    assert.equal(json.provider?.null?.length, 1);
    assert.equal(json.provider?.tls?.length, 1);
  });

  test('a stack declaring only TlsProvider gets the null provider added, not a second tls', () => {
    const json = synthStack((stack) => {
      new TlsProvider(stack, 'estate-tls', {});
      new BarmanCluster(stack, 'barman', { graph: seedGraph() });
    }, true);
    assert.equal(json.provider?.null?.length, 1);
    assert.equal(json.provider?.tls?.length, 1);
  });

  test(
    'a provider the stack declares after the cluster still leaves exactly one of each',
    () => {
      const json = synthStack((stack) => {
        new BarmanCluster(stack, 'barman', { graph: seedGraph() });
        new NullProvider(stack, 'estate-null', {});
      });
      assert.equal(json.provider?.null?.length, 1);
    },
  );
});

describe('logical ids are unique per concern', () => {
  test(
    'two edges whose names join to the same id never share one resource',
    () => {
      let json: TfJson;
      try {
        // validation (graphFromProps) refuses it now, naming the id
        const graph: BarmanGraph = graphFromProps({
          clusterName: 'clash',
          instances: [
            { name: 'a', roles: [Role.PRIMARY], backup: ['b.on.c'] },
            { name: 'a.on.b', roles: [Role.PRIMARY], backup: ['c'] },
            { name: 'b.on.c', roles: [Role.BARMAN] },
            { name: 'c', roles: [Role.BARMAN] },
          ],
        });
        assert.equal(graph.edges.length, 2, 'the graph has two edges');
        json = synthCluster({ graph });
      } catch (e) {
        // acceptable fix: refuse, naming the id
        assert.match(String(e), /barman_backup_a_on_b_on_c/);
        return;
      }
      const backups = [...provisionerResources(json).keys()].filter((id) => id.startsWith('barman_backup_'));
      assert.equal(backups.length, 2, `each edge needs its own resource, got ${backups.join(', ')}`);
    },
  );
});

describe('config values are literal text, never Terraform references (issue 12)', () => {
  test('a cdktf token marker in config.yml fails validation and nothing is synthesized', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'token-config-'));
    try {
      const file = join(dir, 'config.yml');
      const markers = Array.from({ length: 12 }, (_, n) => `\${TfToken[TOKEN.${n}]}`).join(' ');
      writeFileSync(file, `cluster_name: demo
instances:
  - Name: pg1
    ip_address: 192.0.2.1
    role: primary
    backup: bm1
    vars:
      barman_post_backup_script: 'echo ${markers}'
  - Name: bm1
    ip_address: 192.0.2.2
    role: [barman]
`);
      let json: TfJson | undefined;
      assert.throws(() => {
        json = synthStack((stack) => {
          BarmanCluster.fromConfigFile(stack, 'barman', file, { resourceType: ProvisionerResourceType.TERRAFORM_DATA, suppliedKeys: SUPPLIED });
        });
      }, (e: unknown) => e instanceof InvalidConfigError && /barman_post_backup_script/.test(e.message) && /literal text/.test(e.message));
      // the old code synthesized here, with ${var.…} / ${tls_private_key.…} in the triggers
      assert.equal(json, undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
