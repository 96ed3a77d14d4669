/**
 * The plan-review property (SPEC section 4): a change to one backed-up instance's setting replaces
 * exactly that instance's own resources (its backups, their activations when the Barman section
 * changes, its Postgres side when that is concerned) and touches no other resource. Two syntheses
 * are compared resource by resource, in both provisioner resource modes and from both input paths
 * (typed props and config.yml).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { Compression, HbaMethod, Period } from '../../lib/model/enums';
import { RetentionPolicy } from '../../lib/model/periods';
import { BarmanSettings } from '../../lib/model/settings';
import { BarmanGraph } from '../../lib/model/graph';
import { TfJson, multiGraph, provisionerResources, repoRoot, resourcesOf, synthCluster, triggersOf } from './synth-helpers';

interface Change {
  /** addresses whose body differs */
  readonly changed: string[];
  /** per changed address, the trigger keys whose value differs */
  readonly triggerKeys: Record<string, string[]>;
}

function compare(before: TfJson, after: TfJson): Change {
  const a = resourcesOf(before);
  const b = resourcesOf(after);
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort(), 'the same resources on both sides');
  const changed: string[] = [];
  const triggerKeys: Record<string, string[]> = {};
  for (const [address, body] of a) {
    const other = b.get(address)!;
    if (isDeepStrictEqual(body, other)) continue;
    changed.push(address);
    if (body.triggers || body.triggers_replace) {
      const ta = triggersOf(body);
      const tb = triggersOf(other);
      triggerKeys[address] = [...new Set([...Object.keys(ta), ...Object.keys(tb)])].filter((k) => ta[k] !== tb[k]).sort();
    }
  }
  return { changed: changed.sort(), triggerKeys };
}

/** lines of `after` that are not in `before` and the other way round */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((l) => !b.includes(l)), added: b.filter((l) => !a.includes(l)) };
}

const CONF = '/etc/barman.d/one.conf';
const CRON = '/etc/cron.d/one';
const HBA = '/etc/postgresql/16/main/pg_hba.conf';
const SQL = 'ALTER SYSTEM (postgresql.auto.conf)';
/**
 * one's backup resources (on two and three). Their steps read the files from the triggers, so a
 * file's change leaves the steps (and script_sha256) as they are; a setting that is also a step
 * argument (compression, the port) changes script_sha256 too.
 */
const BACKUPS = (...keys: string[]) => ({ barman_backup_one_on_two: keys, barman_backup_one_on_three: keys });
/** one's activations: they re-run when the Barman section they activate changes */
const ACTIVATIONS = (...keys: string[]) => ({ barman_activate_one_on_two: keys, barman_activate_one_on_three: keys });

interface Case {
  readonly what: string;
  readonly one: BarmanSettings;
  /** logical id -> the trigger keys that change; every other resource stays as it is */
  readonly changed: Record<string, string[]>;
  /** per file trigger, the lines it gains */
  readonly added: Record<string, RegExp[]>;
}

const CASES: Case[] = [
  {
    what: 'retention policy',
    one: { retentionPolicy: RetentionPolicy.recoveryWindow(9, Period.DAYS) },
    changed: { ...BACKUPS(CONF), ...ACTIVATIONS(CONF) },
    added: { [CONF]: [/^retention_policy = RECOVERY WINDOW OF 9 DAYS$/] },
  },
  {
    // the cron schedule is not Barman's configuration: nothing to activate again
    what: 'backup schedule',
    one: { backupInterval: '17 3 * * *' },
    changed: BACKUPS(CRON),
    added: { [CRON]: [/^17 3 \* \* \* barman .*\/usr\/bin\/barman backup one$/] },
  },
  {
    what: 'compression',
    one: { compression: Compression.BZIP2 },
    // the backup step checks the compression program is installed; so do the preflights of its Barman servers (bzip2 now)
    changed: { ...BACKUPS(CONF, 'script_sha256'), ...ACTIVATIONS(CONF), barman_preflight_two: ['preflight'], barman_preflight_three: ['preflight'] },
    added: { [CONF]: [/^compression = bzip2$/] },
  },
  {
    // the port is also where one's own steps reach PostgreSQL (psql), and .pgpass's port (an argument of the secret step)
    what: 'postgres port',
    one: { postgresPort: 6543 },
    changed: { ...BACKUPS(CONF, 'script_sha256'), ...ACTIVATIONS(CONF), barman_postgres_config_one: ['script_sha256'], barman_postgres_roles_one: ['script_sha256'] },
    added: { [CONF]: [/^conninfo = "host=10\.1\.0\.1 port=6543 /, /^streaming_conninfo = "host=10\.1\.0\.1 port=6543 /] },
  },
  {
    // the activation also checks that archive_mode is live (it waits for a restart)
    what: 'WAL archiving (barman_archiver)',
    one: { archiver: true },
    // one's preflight now checks barman-wal-archive and ssh
    changed: { ...BACKUPS(CONF), ...ACTIVATIONS(CONF, 'script_sha256'), barman_postgres_config_one: [SQL], barman_preflight_one: ['preflight'] },
    added: {
      [CONF]: [/^archiver = on$/],
      [SQL]: [/^ALTER SYSTEM SET archive_mode = 'on';$/, /^ALTER SYSTEM SET archive_command = 'barman-wal-archive -U barman --port 2222 10\.1\.0\.2 one %p && barman-wal-archive -U barman --port 22 10\.1\.0\.3 one %p';$/],
    },
  },
  {
    what: 'pg_hba.conf method',
    one: { hbaMethod: HbaMethod.MD5 },
    changed: { barman_postgres_config_one: [HBA] },
    added: { [HBA]: ['10.1.0.2', '10.1.0.3', '10.2.0.20'].flatMap((a) => [new RegExp(`^host postgres barman ${a.replace(/\./g, '\\.')}/32 md5$`), new RegExp(`^host replication streaming_barman ${a.replace(/\./g, '\\.')}/32 md5$`)]) },
  },
  {
    what: 'first backup at activation',
    one: { firstBackup: true },
    changed: ACTIVATIONS('first_backup', 'script_sha256'),
    added: {},
  },
];

describe('a change to one backed-up instance replaces exactly its own resources: its backups and their activations (and re-runs the preflight of a host whose needs it changes)', () => {
  for (const resourceType of Object.values(ProvisionerResourceType)) {
    for (const c of CASES) {
      test(`${c.what} of one (${resourceType}): only ${Object.keys(c.changed).sort().join(', ')} change`, () => {
        const before = synthCluster({ graph: multiGraph(), resourceType });
        const after = synthCluster({ graph: multiGraph({ one: c.one }), resourceType });
        const diff = compare(before, after);
        const expected = Object.keys(c.changed).map((id) => `${resourceType}.${id}`).sort();
        assert.deepEqual(diff.changed, expected, 'resources that changed');
        for (const [id, keys] of Object.entries(c.changed)) {
          const address = `${resourceType}.${id}`;
          // the file's content and the script that writes it; nothing else (host, layout stay)
          assert.deepEqual(diff.triggerKeys[address], [...keys].sort(), `${address}: changed trigger keys`);
          const a = triggersOf(resourcesOf(before).get(address)!);
          const b = triggersOf(resourcesOf(after).get(address)!);
          // the steps change exactly when script_sha256 does: a file or SQL change is a trigger change only
          const sameSteps = isDeepStrictEqual(resourcesOf(before).get(address)!.provisioner, resourcesOf(after).get(address)!.provisioner);
          assert.equal(sameSteps, !keys.includes('script_sha256'), `${address}: the steps change with script_sha256`);
          for (const key of keys.filter((k) => k in c.added)) {
            const { added } = lineDiff(a[key], b[key]);
            assert.ok(added.length > 0 && added.length <= c.added[key].length, `${address} ${key}: added lines ${JSON.stringify(added)}`);
            for (const l of added) assert.ok(c.added[key].some((re) => re.test(l)), `${address} ${key}: unexpected new line ${JSON.stringify(l)}`);
          }
        }
      });
    }
  }

  test('a cluster-wide setting overridden by one instance changes only the others\' backups', () => {
    // four keeps its own retention: a cluster-wide change reaches one and five, not four
    const before = synthCluster({ graph: multiGraph({ four: { retentionPolicy: RetentionPolicy.redundancy(2) } }) });
    const after = synthCluster({ graph: multiGraph({ four: { retentionPolicy: RetentionPolicy.redundancy(2) }, cluster: { retentionPolicy: RetentionPolicy.redundancy(5) } }) });
    assert.deepEqual(compare(before, after).changed, [
      'null_resource.barman_activate_db-1_example_com_on_backup-1_example_com',
      'null_resource.barman_activate_five_on_two',
      'null_resource.barman_activate_one_on_three',
      'null_resource.barman_activate_one_on_two',
      'null_resource.barman_backup_db-1_example_com_on_backup-1_example_com',
      'null_resource.barman_backup_five_on_two',
      'null_resource.barman_backup_one_on_three',
      'null_resource.barman_backup_one_on_two',
    ]);
  });

  test('from config.yml: barman_retention_policy of alpha in a fleet of several instances on one server', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-plan-review-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const text = readFileSync(join(repoRoot(), 'test', 'fixtures', 'synth', 'fleet', 'config.yml'), 'utf8');
    const marker = '    # alpha vars\n';
    assert.ok(text.includes(marker), 'the fixture marks where alpha\'s vars go');
    const write = (name: string, content: string): BarmanGraph => {
      const file = join(dir, name, 'config.yml');
      mkdirSync(join(dir, name));
      writeFileSync(file, content);
      return loadGraphFromFile(file);
    };
    const before = synthCluster({ graph: write('a', text) });
    const after = synthCluster({ graph: write('b', text.replace(marker, `${marker}    vars:\n      barman_retention_policy: REDUNDANCY 4\n`)) });
    const diff = compare(before, after);
    assert.deepEqual(diff.changed, ['null_resource.barman_activate_alpha_on_vault', 'null_resource.barman_backup_alpha_on_vault']);
    assert.deepEqual(diff.triggerKeys['null_resource.barman_backup_alpha_on_vault'], ['/etc/barman.d/alpha.conf']);
    assert.deepEqual(diff.triggerKeys['null_resource.barman_activate_alpha_on_vault'], ['/etc/barman.d/alpha.conf']);
    const a = triggersOf(resourcesOf(before).get('null_resource.barman_backup_alpha_on_vault')!)['/etc/barman.d/alpha.conf'];
    const b = triggersOf(resourcesOf(after).get('null_resource.barman_backup_alpha_on_vault')!)['/etc/barman.d/alpha.conf'];
    assert.deepEqual(lineDiff(a, b), { removed: [], added: ['retention_policy = REDUNDANCY 4'] });
  });

  test('the comparison itself notices a change anywhere (control)', () => {
    const before = synthCluster({ graph: multiGraph() });
    const after = synthCluster({ graph: multiGraph(), connection: { user: 'deploy' } });
    // a connection change touches every provisioner resource (13 + 5 configs + 4 roles + 5 activations + 7 preflights), not the passwords
    const changed = compare(before, after).changed;
    assert.deepEqual(changed, [...provisionerResources(before).keys()].map((id) => `null_resource.${id}`).sort());
    assert.equal(changed.length, 34);
  });
});
