/**
 * The last restore drill in `status`: the probe reads each instance's result file, and the report
 * shows it; a drill that did not pass fails the status, so does a scheduled one past its bound.
 * The real probe output of the fixtures gets a drills section as the probe prints it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateServer } from '../../lib/status/evaluate';
import { formatReport } from '../../lib/status/format';
import { parseProbeOutput } from '../../lib/status/probe-output';
import { probeScript } from '../../lib/status/probe-script';
import { assembleReport, statusTargetsOf } from '../../lib/status/collect';
import { ServerTarget } from '../../lib/status/targets';
import { Verdict } from '../../lib/status/report';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { Role } from '../../lib/model/enums';
import { probeFixture, statusGraph } from './status-fixtures';

const probe = probeFixture('healthy');
const now = Number(/@@cdktf-barman-status now\n(\d+)/.exec(probe)![1]);
const at = (secondsAgo: number) => new Date((now - secondsAgo) * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
const doc = (result: string, secondsAgo: number, reason = 'recovered, replayed its WAL and answered (414 catalogue entries)') =>
  JSON.stringify({ instance: 'pg1', startedAt: at(secondsAgo), durationSeconds: 4, backupId: '20261125T035032', recoveredLsn: '0/50000A0', result, reason });
/** the fixture with a drills section before its end, as the probe prints one */
const withDrill = (line: string) => probe.replace('@@cdktf-barman-status end', `@@cdktf-barman-status drills\npg1 ${line}\n\n@@cdktf-barman-status end`);

function evaluate(text: string, drillMaxAgeSeconds?: number) {
  const x = statusTargetsOf(statusGraph()).servers[0];
  const found = parseProbeOutput(text).files;
  const target: ServerTarget = {
    ...x,
    files: Object.fromEntries(Object.keys(x.files).map((p) => [p, found.get(p) ?? 'absent'])),
    backups: x.backups.map((b) => ({ ...b, ...(drillMaxAgeSeconds === undefined ? {} : { drillMaxAgeSeconds }) })),
  };
  return evaluateServer(target, { ran: true, output: parseProbeOutput(text) });
}

describe('the last restore drill in status', () => {
  test('the probe reads each backup name\'s result file, first line only', () => {
    const script = probeScript({ backupNames: ['pg1'], files: [], barmanHome: '/var/lib/barman', connectTimeout: 10 });
    assert.match(script, /section drills\nfor n in 'pg1'; do/);
    assert.match(script, /f="\$home\/cdktf-barman-drills\/\$n\.json"/);
  });

  test('no result (never drilled, or a probe of an older release): no drill, no failure, "-" in the table', () => {
    const s = evaluate(probe);
    assert.equal(s.instances[0].drill, null);
    assert.deepEqual(s.failures.concat(s.instances[0].failures), []);
    assert.match(formatReport(assembleReport('e2e', [s])), /last drill/);
  });

  test('a pass an hour ago: OK, shown with its age', () => {
    const s = evaluate(withDrill(doc('pass', 3600)), 8 * 86_400);
    const d = s.instances[0].drill!;
    assert.deepEqual([d.result, d.backupId, d.ageSeconds, d.status], ['pass', '20261125T035032', 3600, Verdict.OK]);
    assert.deepEqual(s.instances[0].failures, []);
    assert.match(formatReport(assembleReport('e2e', [s])), /pass 1h 0m ago OK/);
  });

  test('a failed drill fails the status with its reason', () => {
    const s = evaluate(withDrill(doc('fail', 60, 'the check query failed: ERROR:  could not open file "base/5/16384"')));
    assert.equal(s.instances[0].drill!.status, Verdict.FAILED);
    assert.deepEqual(s.instances[0].failures, [`the last restore drill (${at(60)}, backup 20261125T035032) did not pass: the check query failed: ERROR:  could not open file "base/5/16384"`]);
    const report = assembleReport('e2e', [s]);
    assert.equal(report.ok, false);
    assert.match(formatReport(report), /FAILED {2}barman\/pg1: the last restore drill .* did not pass/);
  });

  test('a scheduled drill past its bound fails; without a schedule its age is not judged', () => {
    const old = withDrill(doc('pass', 10 * 86_400));
    const overdue = evaluate(old, 8 * 86_400);
    assert.match(overdue.instances[0].failures.join('\n'), /the last restore drill is 1\d\d?h? ?.* old, more than its schedule allows/);
    assert.equal(evaluate(old).instances[0].failures.length, 0);
  });

  test("the bound comes from the schedule: its longest gap plus a day", () => {
    const g = graphFromProps({
      clusterName: 'c',
      instances: [
        { name: 'pg1', roles: [Role.PRIMARY], address: '10.1.1.1', backup: ['bm'], settings: { drillSchedule: '0 6 * * sun' } },
        { name: 'bm', roles: [Role.BARMAN], address: '10.1.1.2' },
      ],
    });
    assert.equal(statusTargetsOf(g).servers[0].backups[0].drillMaxAgeSeconds, 8 * 86_400);
  });
});
