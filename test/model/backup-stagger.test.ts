/**
 * barman_backup_stagger: deterministic, per-server start minutes that do not move when other
 * instances come and go.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BarmanGraph } from '../../lib/model/graph';
import { validGraph } from './diagnostic-helpers';
import { renderBackupCron } from '../../lib/render/cron-entries';

/** `count` primaries pg0.. backed up to bm1 (and the first two also to bm2), bm1 staggering. */
function estate(count: number, extra = '', serverVars = '      barman_backup_stagger: true'): string {
  const pgs = Array.from({ length: count }, (_, i) => `  - Name: pg${i}
    role: primary
    backup: [bm1${i < 2 ? ', bm2' : ''}]
${extra}`).join('');
  return `cluster_name: demo
instances:
${pgs}  - Name: bm1
    role: barman
    vars:
${serverVars}
  - Name: bm2
    role: barman
`;
}

function schedules(g: BarmanGraph, server: string): Map<string, string> {
  return new Map(g.edgesOnServer(g.instance(server)!).map((e) => [e.backupName, e.backupSchedule]));
}

describe('barman_backup_stagger', () => {
  test('instances on a staggering server start at distinct minutes; the rest of the schedule is kept', () => {
    const s = schedules(validGraph(estate(12)), 'bm1');
    const minutes = [...s.values()].map((x) => x.split(' ')[0]);
    assert.equal(new Set(minutes).size, 12, [...s.values()].join('\n'));
    for (const x of s.values()) assert.match(x, /^\d{1,2} 4 \* \* wed,sat$/);
  });

  test('a server that does not stagger keeps the given minute', () => {
    const s = schedules(validGraph(estate(12)), 'bm2');
    assert.deepEqual([...s.values()], ['0 4 * * wed,sat', '0 4 * * wed,sat']);
  });

  test('the same input gives the same minutes; adding instances moves none of the existing ones', () => {
    const before = schedules(validGraph(estate(5)), 'bm1');
    assert.deepEqual(schedules(validGraph(estate(5)), 'bm1'), before);
    const after = schedules(validGraph(estate(6)), 'bm1');
    for (const [name, schedule] of before) assert.equal(after.get(name), schedule, name);
  });

  test('more instances than minutes share minutes evenly, none is left out', () => {
    const s = schedules(validGraph(estate(130)), 'bm1');
    const perMinute = new Map<string, number>();
    for (const x of s.values()) perMinute.set(x.split(' ')[0], (perMinute.get(x.split(' ')[0]) ?? 0) + 1);
    assert.equal(perMinute.size, 60);
    assert.ok(Math.max(...perMinute.values()) <= 3, JSON.stringify([...perMinute]));
  });

  test('a schedule whose minute is not one number (*/15, 0,30) is not staggered', () => {
    const s = schedules(validGraph(estate(3, '    vars:\n      barman_backup_interval: "*/15 * * * *"\n')), 'bm1');
    assert.deepEqual([...new Set(s.values())], ['*/15 * * * *']);
  });

  test('the cron file uses the staggered schedule', () => {
    const g = validGraph(estate(3));
    for (const e of g.edgesOnServer(g.instance('bm1')!)) {
      assert.ok(renderBackupCron(e).includes(`\n${e.backupSchedule} barman `), renderBackupCron(e));
    }
  });
});
