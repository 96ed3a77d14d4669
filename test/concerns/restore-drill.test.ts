/**
 * Scheduled restore drills (barman_drill_schedule): a cron file per backed-up instance and Barman
 * server running the drill script with the instance's values, listed for removal like the backup
 * cron file, and refused when it would start with a backup.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { drillCommandWords } from '../../lib/concerns/restore-drill/restore-drill-script';
import { Role } from '../../lib/model/enums';
import { BarmanSettings } from '../../lib/model/settings';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { shellWords } from '../constructs/synth-helpers';
import { errorsOfProps } from '../model/diagnostic-helpers';

const props = (pg: BarmanSettings, bm: BarmanSettings = {}) => ({
  clusterName: 'c',
  instances: [
    { name: 'pg1', roles: [Role.PRIMARY], address: '10.7.0.1', backup: ['bm'], settings: pg },
    { name: 'bm', roles: [Role.BARMAN], address: '10.7.0.2', settings: bm },
  ],
});
const serverFiles = (pg: BarmanSettings, bm: BarmanSettings = {}) => renderHosts(graphFromProps(props(pg, bm)), new PlaceholderKeys()).find((h) => h.instance.name === 'bm')!.files;
const DRILL_CRON = '/etc/cron.d/cdktf-barman-drill-pg1';

describe('barman_drill_schedule', () => {
  test('unset: no drill cron file, none in the managed list (drills are off by default)', () => {
    const files = serverFiles({});
    assert.ok(!files.some((f) => f.path === DRILL_CRON));
    assert.ok(!files.find((f) => f.path.endsWith('.managed'))!.content!.includes('drill'));
  });

  test("set: root runs the guard, then the drill with the instance's values and the server's scratch and port; the managed list holds it", () => {
    const files = serverFiles({ drillSchedule: '0 6 * * sun', postgresVersion: 17 }, { drillScratch: '/srv/drills', drillPort: 55432 });
    const cron = files.find((f) => f.path === DRILL_CRON);
    assert.ok(cron, files.map((f) => f.path).join(', '));
    assert.deepEqual([cron.owner, cron.group, cron.mode], ['root', 'root', '0644']);
    const line = cron.content!.split('\n').find((l) => l.startsWith('0 6 * * sun '))!;
    const [, command] = line.split(' && ');
    assert.equal(line.split(' && ')[0], '0 6 * * sun root /usr/local/lib/cdktf-barman/barman-home-ok');
    assert.deepEqual(shellWords(command), ['/usr/local/lib/cdktf-barman/restore-drill', 'pg1', '/usr/lib/postgresql/17/bin', '/srv/drills', '55432', '/var/lib/barman/cdktf-barman-drills/pg1.json', 'postgres', '/var/lib/barman/.cdktf-barman-backup-pg1.lock', 'latest']);
    assert.ok(files.find((f) => f.path.endsWith('.managed'))!.content!.split('\n').includes(DRILL_CRON));
  });

  test('the CLI and cron run the same words; the CLI may add a backup id and a check', () => {
    const e = graphFromProps(props({})).edges[0];
    assert.deepEqual(drillCommandWords(e, { backup: '20261204T010203', check: { sql: 'SELECT 1', expected: '1' } }).slice(-3), ['20261204T010203', 'SELECT 1', '1']);
  });

  for (const [drill, clash] of [
    ['0 4 * * sat', true],
    ['0 4 * * *', true],
    ['0 4 * * mon', false],
    ['30 4 * * *', false],
  ] as const) {
    test(`'${drill}' beside the default backups '0 4 * * wed,sat': ${clash ? 'an error naming both and the first shared minute' : 'accepted'}`, () => {
      const errors = errorsOfProps(props({ drillSchedule: drill }));
      if (!clash) return assert.deepEqual(errors.map((d) => d.message), []);
      assert.equal(errors.length, 1, errors.map((d) => d.message).join('\n'));
      assert.equal(errors[0].key, 'barman_drill_schedule');
      assert.match(errors[0].message, new RegExp(`barman_drill_schedule '${drill.replace(/\*/g, '\\*')}' starts in the same minute as barman_backup_interval '0 4 \\* \\* wed,sat' \\(first on (Wed|Sat) \\d{4}-\\d\\d-\\d\\d 04:00\\)`));
    });
  }
});
