/**
 * `cdktf-barman drill` with a stand-in for ssh: what it runs on which Barman server, how it reads
 * and prints the drill script's result, its exit codes and usage errors. The script itself runs for
 * real in test/e2e/restore-drill-e2e.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DRILL, drillCommand } from '../../lib/cli/drill-command';
import { SshResult } from '../../lib/status/ssh-runner';
import { withStandInSsh } from '../support/stand-in-ssh';
import { shellWords } from '../constructs/synth-helpers';
import { statusConfigPath } from '../status/status-fixtures';

const PASS = '{"instance":"pg1","startedAt":"2026-12-04T19:00:00Z","durationSeconds":4,"backupId":"20261204T185900","recoveredLsn":"0/50000A0","result":"pass","reason":"recovered, replayed its WAL and answered (414 catalogue entries)"}';
const FAIL = '{"instance":"pg1","startedAt":"2026-12-04T19:00:00Z","durationSeconds":3,"backupId":"20261204T185900","recoveredLsn":"0/50000A0","result":"fail","reason":"the check query failed: ERROR:  could not open file"}';

const drill = (args: string[], answer: Partial<SshResult>) => withStandInSsh(DRILL, drillCommand, args, answer);

describe('drill', () => {
  test("runs the installed drill script on the instance's Barman server with the instance's values, and prints its pass", async () => {
    const r = await drill([statusConfigPath(), 'pg1', '--scratch', '/srv/drills', '--check-sql', "SELECT 'it''s'", '--expect', "it's", '--identity-file', '/k'], { stdout: `${PASS}\n` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.calls.length, 1);
    const { target, script } = r.calls[0];
    assert.deepEqual([target.host, target.port, target.user, target.identityFile], ['127.0.0.41', 24632, 'root', '/k']);
    assert.deepEqual(shellWords(script.trim()), ['exec', '/usr/local/lib/cdktf-barman/restore-drill', 'pg1', '/usr/lib/postgresql/15/bin', '/srv/drills', '54329', '/var/lib/barman/cdktf-barman-drills/pg1.json', 'postgres', '/var/lib/barman/.cdktf-barman-backup-pg1.lock', 'latest', "SELECT 'it''s'", "it's"]);
    assert.equal(r.stdout, 'pg1 on barman: PASS (backup 20261204T185900, 4 s, recovered to 0/50000A0): recovered, replayed its WAL and answered (414 catalogue entries)\n');
  });

  test('a failed drill: exit 1, the reason printed; --json gives the documents with their server', async () => {
    const r = await drill([statusConfigPath(), '--json'], { stdout: `${FAIL}\n`, code: 1 });
    assert.equal(r.code, 1);
    const docs = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(docs.map((d) => [d.instance, d.server, d.result]), [['pg1', 'barman', 'fail']]);
    assert.match(String(docs[0].reason), /could not open file/);
  });

  test('no drill script on the server (never applied), or ssh failing: an error naming it, exit 1', async () => {
    const missing = await drill([statusConfigPath()], { code: 127, stderr: 'sh: 1: exec: /usr/local/lib/cdktf-barman/restore-drill: not found' });
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /^pg1 on barman: ERROR: \/usr\/local\/lib\/cdktf-barman\/restore-drill is not on barman: apply the stack first$/m);
    const down = await drill([statusConfigPath()], { code: 255, stderr: 'ssh: connect to host 127.0.0.41 port 24632: Connection refused' });
    assert.match(down.stdout, /ERROR: the drill did not run on barman: ssh: connect to host 127\.0\.0\.41 port 24632: Connection refused/);
  });

  for (const [args, message] of [
    [[], 'expected CONFIG and at most one INSTANCE'],
    [['--check-sql', 'SELECT 1'], '--check-sql and --expect go together'],
    [['pg9'], "no instance 'pg9' in e2e"],
    [['pg3'], "'pg3' is not backed up to any Barman server"],
  ] as const) {
    test(`usage: ${message}`, async () => {
      const r = await drill(args.length === 0 ? [] : [statusConfigPath(), ...args], {});
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, new RegExp(message.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')));
      assert.equal(r.calls.length, 0, 'nothing ran');
    });
  }
});
