"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Every cron file the library renders must be one Debian's cron runs; the checker itself must
 * reject each way cron would silently ignore a file.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const cron_check_1 = require("../support/cron-check");
const paths_1 = require("../support/paths");
const render_tree_1 = require("../support/render-tree");
for (const name of (0, paths_1.listTopologies)()) {
    (0, node_test_1.test)(`cron files of ${name} pass the cron check`, async (t) => {
        const r = await (0, render_tree_1.renderTopology)(name);
        t.after(() => r.cleanup());
        let checked = 0;
        for (const server of r.graph.barmanServers) {
            const hostDir = (0, node_path_1.join)(r.outDir, server.name);
            const manifest = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(hostDir, 'manifest.json'), 'utf8'));
            const cron = manifest.files.filter((f) => f.path.startsWith('/etc/cron.d/'));
            const expected = ['/etc/cron.d/barman', ...r.graph.edgesOnServer(server).map((e) => `/etc/cron.d/${e.cronFileName}`)].sort();
            strict_1.default.deepEqual(cron.map((f) => f.path).sort(), expected, `${server.name}: /etc/cron.d/barman and one file per backed-up instance`);
            for (const entry of cron) {
                const file = { path: entry.path, content: (0, node_fs_1.readFileSync)((0, node_path_1.join)(hostDir, entry.path), 'utf8'), owner: entry.owner, group: entry.group, mode: entry.mode };
                strict_1.default.deepEqual((0, cron_check_1.cronFileProblems)(file, { users: [server.settings.barmanUser] }), [], `${server.name}:${entry.path}\n${file.content}`);
                checked++;
            }
        }
        strict_1.default.ok(checked >= 2, `checked only ${checked} cron files`);
    });
}
const GOOD = '# a comment\nMAILTO=root\n0 4 * * wed,sat barman /usr/local/lib/cdktf-barman/barman-home-ok && /usr/bin/barman backup one\n';
const good = (over = {}) => ({ path: '/etc/cron.d/one', content: GOOD, owner: 'root', group: 'root', mode: '0644', ...over });
const problems = (over) => (0, cron_check_1.cronFileProblems)(good(over), { users: ['barman'] }).join('\n');
(0, node_test_1.test)('the cron check accepts a good file, escaped % and the Debian package style', () => {
    strict_1.default.deepEqual((0, cron_check_1.cronFileProblems)(good(), { users: ['barman'] }), []);
    strict_1.default.deepEqual((0, cron_check_1.cronLineProblems)('*/5 0-23/2 1,15 jan-dec 7 barman date +\\%F'), []);
    strict_1.default.deepEqual((0, cron_check_1.cronLineProblems)('* * * * *\tbarman\t[ -x /usr/bin/barman ] && /usr/bin/barman -q cron'), []);
});
(0, node_test_1.test)('the cron check rejects dotted and other bad file names', () => {
    strict_1.default.match(problems({ path: '/etc/cron.d/db-1.example.com' }), /file name 'db-1\.example\.com'.*cron ignores the file/);
    strict_1.default.match(problems({ path: '/etc/cron.d/backup~' }), /file name/);
    strict_1.default.equal(problems({ path: '/etc/cron.d/db-1_example_com' }), '');
});
(0, node_test_1.test)('the cron check rejects a file without a trailing newline', () => {
    strict_1.default.match(problems({ content: GOOD.slice(0, -1) }), /no newline at the end/);
    strict_1.default.match(problems({ content: '' }), /empty/);
    strict_1.default.match(problems({ content: '# only a comment\n' }), /no job line/);
});
(0, node_test_1.test)('the cron check rejects a wrong mode or owner from the manifest', () => {
    strict_1.default.match(problems({ mode: '0664' }), /mode 0664 is not 0644/);
    strict_1.default.match(problems({ mode: '0600' }), /mode 0600/);
    strict_1.default.match(problems({ owner: 'barman' }), /owner barman is not root/);
    strict_1.default.match(problems({ owner: undefined }), /owner \(none in the manifest\)/);
});
(0, node_test_1.test)('the cron check rejects bad schedule fields', () => {
    const line = (schedule) => `${schedule} barman /usr/bin/barman backup one`;
    strict_1.default.match((0, cron_check_1.cronLineProblems)(line('*/0 4 * * *')).join('\n'), /schedule: minute '\*\/0'/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)(line('0 24 * * *')).join('\n'), /schedule: hour '24'/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)(line('1/2 4 * * *')).join('\n'), /schedule: minute '1\/2'/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)(line('0 4 0 * *')).join('\n'), /day of month '0'/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)(line('0 4 * 13 *')).join('\n'), /month '13'/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)(line('0, 4 * * *')).join('\n'), /minute '0,'/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)('@daily barman /usr/bin/barman backup one').join('\n'), /'@daily': @-keywords/);
    // and in a whole file, with the line number
    strict_1.default.match(problems({ content: `# header\n${line('0 24 * * *')}\n` }), /line 2: schedule: hour '24'/);
});
(0, node_test_1.test)('the cron check rejects a missing or unknown user and a missing command', () => {
    strict_1.default.match((0, cron_check_1.cronLineProblems)('0 4 * * * barman').join('\n'), /found 6 field|no command/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)('0 4 * * * barman   ').join('\n'), /no command after the user/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)('0 4 * * *').join('\n'), /expected 5 schedule fields, a user and a command, found 5/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)('0 4 * * * Barman /usr/bin/barman cron').join('\n'), /user 'Barman' is not a valid user name/);
    strict_1.default.match(problems({ content: '0 4 * * * postgres /usr/bin/barman cron\n' }), /user 'postgres' is not one of barman/);
});
(0, node_test_1.test)('the cron check rejects an unescaped % in the command', () => {
    strict_1.default.match((0, cron_check_1.cronLineProblems)('0 4 * * * barman date +%F').join('\n'), /unescaped '%' at column 7/);
    strict_1.default.match((0, cron_check_1.cronLineProblems)('0 4 * * * barman echo \\\\%').join('\n'), /unescaped '%'/); // '\\' escapes the backslash, not the %
    strict_1.default.deepEqual((0, cron_check_1.cronLineProblems)('0 4 * * * barman date +\\%F'), []);
    strict_1.default.match(problems({ content: '0 4 * * * barman /usr/bin/barman backup 100%\n' }), /line 1: unescaped '%'/);
});
(0, node_test_1.test)('the cron check rejects a CRLF line', () => {
    strict_1.default.match(problems({ content: GOOD.replace(/\n/g, '\r\n') }), /carriage return/);
});
