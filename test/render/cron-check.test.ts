/**
 * Every cron file the library renders must be one Debian's cron runs; the checker itself must
 * reject each way cron would silently ignore a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CronFile, cronFileProblems, cronLineProblems } from '../support/cron-check';
import { listTopologies } from '../support/paths';
import { renderTopology } from '../support/render-tree';

interface ManifestEntry {
  path: string;
  kind: string;
  owner: string;
  group: string;
  mode: string;
}

for (const name of listTopologies()) {
  test(`cron files of ${name} pass the cron check`, async (t) => {
    const r = await renderTopology(name);
    t.after(() => r.cleanup());
    let checked = 0;
    for (const server of r.graph.barmanServers) {
      const hostDir = join(r.outDir, server.name);
      const manifest = JSON.parse(readFileSync(join(hostDir, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] };
      const cron = manifest.files.filter((f) => f.path.startsWith('/etc/cron.d/'));
      const expected = ['/etc/cron.d/barman', ...r.graph.edgesOnServer(server).map((e) => `/etc/cron.d/${e.cronFileName}`)].sort();
      assert.deepEqual(cron.map((f) => f.path).sort(), expected, `${server.name}: /etc/cron.d/barman and one file per backed-up instance`);
      for (const entry of cron) {
        const file: CronFile = { path: entry.path, content: readFileSync(join(hostDir, entry.path), 'utf8'), owner: entry.owner, group: entry.group, mode: entry.mode };
        assert.deepEqual(cronFileProblems(file, { users: [server.settings.barmanUser] }), [], `${server.name}:${entry.path}\n${file.content}`);
        checked++;
      }
    }
    assert.ok(checked >= 2, `checked only ${checked} cron files`);
  });
}

const GOOD = '# a comment\nMAILTO=root\n0 4 * * wed,sat barman /usr/local/lib/cdktf-barman/barman-home-ok && /usr/bin/barman backup one\n';
const good = (over: Partial<CronFile> = {}): CronFile => ({ path: '/etc/cron.d/one', content: GOOD, owner: 'root', group: 'root', mode: '0644', ...over });
const problems = (over: Partial<CronFile>): string => cronFileProblems(good(over), { users: ['barman'] }).join('\n');

test('the cron check accepts a good file, escaped % and the Debian package style', () => {
  assert.deepEqual(cronFileProblems(good(), { users: ['barman'] }), []);
  assert.deepEqual(cronLineProblems('*/5 0-23/2 1,15 jan-dec 7 barman date +\\%F'), []);
  assert.deepEqual(cronLineProblems('* * * * *\tbarman\t[ -x /usr/bin/barman ] && /usr/bin/barman -q cron'), []);
});

test('the cron check rejects dotted and other bad file names', () => {
  assert.match(problems({ path: '/etc/cron.d/db-1.example.com' }), /file name 'db-1\.example\.com'.*cron ignores the file/);
  assert.match(problems({ path: '/etc/cron.d/backup~' }), /file name/);
  assert.equal(problems({ path: '/etc/cron.d/db-1_example_com' }), '');
});

test('the cron check rejects a file without a trailing newline', () => {
  assert.match(problems({ content: GOOD.slice(0, -1) }), /no newline at the end/);
  assert.match(problems({ content: '' }), /empty/);
  assert.match(problems({ content: '# only a comment\n' }), /no job line/);
});

test('the cron check rejects a wrong mode or owner from the manifest', () => {
  assert.match(problems({ mode: '0664' }), /mode 0664 is not 0644/);
  assert.match(problems({ mode: '0600' }), /mode 0600/);
  assert.match(problems({ owner: 'barman' }), /owner barman is not root/);
  assert.match(problems({ owner: undefined }), /owner \(none in the manifest\)/);
});

test('the cron check rejects bad schedule fields', () => {
  const line = (schedule: string): string => `${schedule} barman /usr/bin/barman backup one`;
  assert.match(cronLineProblems(line('*/0 4 * * *')).join('\n'), /schedule: minute '\*\/0'/);
  assert.match(cronLineProblems(line('0 24 * * *')).join('\n'), /schedule: hour '24'/);
  assert.match(cronLineProblems(line('1/2 4 * * *')).join('\n'), /schedule: minute '1\/2'/);
  assert.match(cronLineProblems(line('0 4 0 * *')).join('\n'), /day of month '0'/);
  assert.match(cronLineProblems(line('0 4 * 13 *')).join('\n'), /month '13'/);
  assert.match(cronLineProblems(line('0, 4 * * *')).join('\n'), /minute '0,'/);
  assert.match(cronLineProblems('@daily barman /usr/bin/barman backup one').join('\n'), /'@daily': @-keywords/);
  // and in a whole file, with the line number
  assert.match(problems({ content: `# header\n${line('0 24 * * *')}\n` }), /line 2: schedule: hour '24'/);
});

test('the cron check rejects a missing or unknown user and a missing command', () => {
  assert.match(cronLineProblems('0 4 * * * barman').join('\n'), /found 6 field|no command/);
  assert.match(cronLineProblems('0 4 * * * barman   ').join('\n'), /no command after the user/);
  assert.match(cronLineProblems('0 4 * * *').join('\n'), /expected 5 schedule fields, a user and a command, found 5/);
  assert.match(cronLineProblems('0 4 * * * Barman /usr/bin/barman cron').join('\n'), /user 'Barman' is not a valid user name/);
  assert.match(problems({ content: '0 4 * * * postgres /usr/bin/barman cron\n' }), /user 'postgres' is not one of barman/);
});

test('the cron check rejects an unescaped % in the command', () => {
  assert.match(cronLineProblems('0 4 * * * barman date +%F').join('\n'), /unescaped '%' at column 7/);
  assert.match(cronLineProblems('0 4 * * * barman echo \\\\%').join('\n'), /unescaped '%'/); // '\\' escapes the backslash, not the %
  assert.deepEqual(cronLineProblems('0 4 * * * barman date +\\%F'), []);
  assert.match(problems({ content: '0 4 * * * barman /usr/bin/barman backup 100%\n' }), /line 1: unescaped '%'/);
});

test('the cron check rejects a CRLF line', () => {
  assert.match(problems({ content: GOOD.replace(/\n/g, '\r\n') }), /carriage return/);
});
