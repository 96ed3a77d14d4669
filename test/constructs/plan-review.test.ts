/**
 * The plan-review property (SPEC section 4): a change to one backed-up instance's setting replaces
 * exactly the resource(s) of that instance's backups and touches no other resource. Two syntheses
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
import { Compression, Period } from '../../lib/model/enums';
import { RetentionPolicy } from '../../lib/model/periods';
import { BarmanSettings } from '../../lib/model/settings';
import { BarmanGraph } from '../../lib/model/graph';
import { TfJson, multiGraph, repoRoot, resourcesOf, synthCluster, triggersOf } from './synth-helpers';

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

const CASES: { what: string; one: BarmanSettings; files: string[]; added: RegExp[] }[] = [
  { what: 'retention policy', one: { retentionPolicy: RetentionPolicy.recoveryWindow(9, Period.DAYS) }, files: ['/etc/barman.d/one.conf'], added: [/^retention_policy = RECOVERY WINDOW OF 9 DAYS$/] },
  { what: 'backup schedule', one: { backupInterval: '17 3 * * *' }, files: ['/etc/cron.d/one'], added: [/^17 3 \* \* \* barman .*\/usr\/bin\/barman backup one$/] },
  { what: 'compression', one: { compression: Compression.BZIP2 }, files: ['/etc/barman.d/one.conf'], added: [/^compression = bzip2$/] },
  { what: 'postgres port', one: { postgresPort: 6543 }, files: ['/etc/barman.d/one.conf'], added: [/^conninfo = "host=10\.1\.0\.1 port=6543 /, /^streaming_conninfo = "host=10\.1\.0\.1 port=6543 /] },
];

describe('a change to one backed-up instance replaces exactly its backup resources', () => {
  for (const resourceType of Object.values(ProvisionerResourceType)) {
    for (const c of CASES) {
      test(`${c.what} of one (${resourceType}): only one's backups on two and on three change`, () => {
        const before = synthCluster({ graph: multiGraph(), resourceType });
        const after = synthCluster({ graph: multiGraph({ one: c.one }), resourceType });
        const diff = compare(before, after);
        const expected = [`${resourceType}.barman_backup_one_on_three`, `${resourceType}.barman_backup_one_on_two`];
        assert.deepEqual(diff.changed, expected, 'resources that changed');
        for (const address of expected) {
          // the file's content and the script that writes it; nothing else (host, layout stay)
          assert.deepEqual(diff.triggerKeys[address], [...c.files, 'script_sha256'].sort(), `${address}: changed trigger keys`);
          const a = triggersOf(resourcesOf(before).get(address)!);
          const b = triggersOf(resourcesOf(after).get(address)!);
          for (const file of c.files) {
            const { added } = lineDiff(a[file], b[file]);
            assert.ok(added.length > 0 && added.length <= c.added.length, `${address} ${file}: added lines ${JSON.stringify(added)}`);
            for (const l of added) assert.ok(c.added.some((re) => re.test(l)), `${address} ${file}: unexpected new line ${JSON.stringify(l)}`);
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
    assert.deepEqual(diff.changed, ['null_resource.barman_backup_alpha_on_vault']);
    assert.deepEqual(diff.triggerKeys['null_resource.barman_backup_alpha_on_vault'], ['/etc/barman.d/alpha.conf', 'script_sha256']);
    const a = triggersOf(resourcesOf(before).get('null_resource.barman_backup_alpha_on_vault')!)['/etc/barman.d/alpha.conf'];
    const b = triggersOf(resourcesOf(after).get('null_resource.barman_backup_alpha_on_vault')!)['/etc/barman.d/alpha.conf'];
    assert.deepEqual(lineDiff(a, b), { removed: [], added: ['retention_policy = REDUNDANCY 4'] });
  });

  test('the comparison itself notices a change anywhere (control)', () => {
    const before = synthCluster({ graph: multiGraph() });
    const after = synthCluster({ graph: multiGraph(), connection: { user: 'deploy' } });
    assert.equal(compare(before, after).changed.length, 13, 'a connection change touches every provisioner resource');
  });
});
