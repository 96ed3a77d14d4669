"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Retiring a Barman server that left the graph (shell/server.sh's retire_removed, shell/edge-removal.sh),
 * run for real: the functions of the host program against the real Barman 3.4 (its own `-c`
 * configuration in a temp directory, so the machine's /etc is untouched) and a throwaway cluster of
 * the machine's PostgreSQL (test/support/postgres.ts) it streams from. barman_server sets BM_* and
 * defines bm for the machine's Barman; these tests set them as it does, with bm pointed at the
 * throwaway Barman. Needs root, barman and PostgreSQL (test/support/requirements.ts); the checks of
 * the reconciliation's order run everywhere.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const enums_1 = require("../../lib/model/enums");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const barman_conf_1 = require("../../lib/render/barman-conf");
const cron_entries_1 = require("../../lib/render/cron-entries");
const host_files_1 = require("../../lib/render/host-files");
const key_material_1 = require("../../lib/render/key-material");
const shell_quote_1 = require("../../lib/render/shell-quote");
const concern_scripts_1 = require("../../lib/scripts/concern-scripts");
const remote_command_1 = require("../../lib/scripts/remote-command");
const shell_assets_1 = require("../../lib/scripts/shell-assets");
const host_step_1 = require("../support/host-step");
const postgres_1 = require("../support/postgres");
const requirements_1 = require("../support/requirements");
const PG_BIN = postgres_1.TEST_POSTGRES.bin;
function serverScript(removedBackups) {
    const graph = (0, typed_cluster_1.graphFromProps)({
        clusterName: 'rm',
        instances: [
            { name: 'pg', roles: [enums_1.Role.PRIMARY], backup: ['bk'] },
            { name: 'bk', roles: [enums_1.Role.BARMAN], settings: removedBackups ? { removedBackups } : {} },
        ],
    });
    const plan = (0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys()).find((p) => p.instance.name === 'bk');
    return (0, concern_scripts_1.barmanServerScript)(graph, plan.instance, plan.files.filter((f) => f.concern === host_files_1.Concern.BARMAN_SERVER));
}
/** the body of a function of a shell file, from its `name() {` line to its closing `}` */
function functionBody(text, name) {
    const from = text.indexOf(`\n${name}() {`);
    strict_1.default.ok(from >= 0, `${name} is defined`);
    return text.slice(from, text.indexOf('\n}\n', from) + 2);
}
const SERVER_SH = (0, shell_assets_1.shellFile)('server.sh', { BARMAN_CONF_DIR: barman_conf_1.BARMAN_CONF_DIR });
const EDGE_REMOVAL_SH = (0, shell_assets_1.shellFile)('edge-removal.sh', { BACKUP_LOCK_PREFIX: cron_entries_1.BACKUP_LOCK_PREFIX });
(0, node_test_1.describe)('the Barman server step retires what left the graph', () => {
    (0, node_test_1.test)('stop and drop come before any file or .pgpass removal, under the cron lock of the name, backups kept by default', () => {
        const s = serverScript();
        strict_1.default.equal(s.step, 'barman_server');
        strict_1.default.equal(s.args[3], '/var/lib/barman', 'barman_home: BM_HOME');
        strict_1.default.equal(s.args[7], 'keep', 'backups kept by default');
        const server = functionBody(SERVER_SH, 'barman_server');
        strict_1.default.ok(server.includes('BM_USER=$2 BM_HOME=$4 BM_CONF_DIR=/etc/barman.d BM_LOG=$7'), 'the BM_* that retire_server reads, from the step arguments');
        strict_1.default.ok(server.indexOf('write_files "$@"') < server.indexOf('retire_removed '), 'the files first, then the reconciliation');
        const r = functionBody(SERVER_SH, 'retire_removed');
        const retire = r.indexOf('retire_server "$n" "$6"');
        strict_1.default.ok(retire > 0, 'each removed name is retired, with keep|delete');
        strict_1.default.ok(retire < r.indexOf('remove_block '), 'before its .pgpass lines go (the drop connects with them)');
        strict_1.default.ok(retire < r.indexOf('install_from "$wanted"'), 'before the list is rewritten (a failure retries next time)');
        strict_1.default.ok(EDGE_REMOVAL_SH.includes('f="$BM_HOME/.$1-$2.lock"'), "Barman 3.4's per-server lock files");
        const rs = functionBody(EDGE_REMOVAL_SH, 'retire_server');
        strict_1.default.ok(rs.indexOf('lock=$(barman_lock "$1" cron)') < rs.indexOf('backup_lock=$(barman_lock "$1" backup)'), 'the cron lock, then the backup lock');
        strict_1.default.ok(rs.indexOf('backup_lock=$(barman_lock "$1" backup)') < rs.indexOf('receive-wal --stop'), 'both locks before receive-wal stops');
        strict_1.default.ok(rs.includes('[ "$2" != delete ] || delete_backups_of "$1"'), 'deletion only when asked');
    });
    (0, node_test_1.test)('barman_removed_backups = delete is the step argument every retirement gets', () => {
        strict_1.default.equal(serverScript(enums_1.RemovedBackups.DELETE).args[7], 'delete');
        strict_1.default.equal(serverScript(enums_1.RemovedBackups.KEEP).args[7], 'keep');
    });
    for (const removed of [enums_1.RemovedBackups.KEEP, enums_1.RemovedBackups.DELETE]) {
        (0, node_test_1.test)(`the names that left, read from a list an earlier apply wrote (paths and pgpass:NAME): each once, in order, the wanted ones never (${removed})`, () => {
            const s = serverScript(removed);
            const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-list-'));
            try {
                const list = (0, node_path_1.join)(dir, 'rm.managed');
                const pgpass = (0, node_path_1.join)(dir, '.pgpass');
                (0, node_fs_1.writeFileSync)(list, ['/etc/barman.d/pg.conf', '/etc/cron.d/pg', 'pgpass:pg', '/etc/barman.d/old.conf', '/etc/cron.d/old', 'pgpass:old', 'pgpass:only-pgpass', '/etc/barman.d/only.conf', ''].join('\n'));
                const [begin, end] = [s.args[11], s.args[12]];
                const block = (n) => `${begin}${n}\nh:5432:*:barman:x\n${end}${n}\n`;
                (0, node_fs_1.writeFileSync)(pgpass, `foreign:1:*:u:p\n${block('pg')}${block('old')}${block('only-pgpass')}`);
                const wanted = s.args[9].content;
                strict_1.default.equal(wanted, '/etc/barman.d/pg.conf\n/etc/cron.d/pg\npgpass:pg\n');
                // retire_removed as barman_server calls it, with a retire_server that only says what it got
                const call = ['retire_removed', list, (0, remote_command_1.toBase64)(wanted), pgpass, begin, end, s.args[7]].map(shell_quote_1.shellQuote).join(' ');
                const r = (0, host_step_1.runInProgram)(`retire_server() { echo "retire $1 $2"; }\n${call}`, { env: { ...process.env, CDKTF_BARMAN_STATE_DIR: (0, node_path_1.join)(dir, 'state') } });
                strict_1.default.equal(r.status, 0, r.stderr);
                const retired = r.stdout.split('\n').filter((l) => l.startsWith('retire '));
                strict_1.default.deepEqual(retired, [`retire old ${removed}`, `retire only-pgpass ${removed}`, `retire only ${removed}`]);
                strict_1.default.ok(r.stdout.indexOf('retire only ') < r.stdout.indexOf('removed the .pgpass lines of old'), 'every retirement before the .pgpass lines go');
                strict_1.default.equal((0, node_fs_1.readFileSync)(pgpass, 'utf8'), `foreign:1:*:u:p\n${block('pg')}`, "the .pgpass lines of the names that left, only theirs");
                strict_1.default.equal((0, node_fs_1.readFileSync)(list, 'utf8'), wanted, 'the list rewritten last');
            }
            finally {
                (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
            }
        });
    }
    (0, node_test_1.test)('a retirement that fails stops the step before the list is rewritten (the next apply retries)', () => {
        const s = serverScript();
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-list-fail-'));
        try {
            const list = (0, node_path_1.join)(dir, 'rm.managed');
            const pgpass = (0, node_path_1.join)(dir, '.pgpass');
            const old = '/etc/barman.d/pg.conf\n/etc/barman.d/old.conf\npgpass:old\n';
            (0, node_fs_1.writeFileSync)(list, old);
            (0, node_fs_1.writeFileSync)(pgpass, `${s.args[11]}old\nx\n${s.args[12]}old\n`);
            const wanted = s.args[9].content;
            const call = ['retire_removed', list, (0, remote_command_1.toBase64)(wanted), pgpass, s.args[11], s.args[12], 'keep'].map(shell_quote_1.shellQuote).join(' ');
            const r = (0, host_step_1.runInProgram)(`retire_server() { die "cannot retire $1"; }\n${call}`, { env: { ...process.env, CDKTF_BARMAN_STATE_DIR: (0, node_path_1.join)(dir, 'state') } });
            strict_1.default.equal(r.status, 1);
            strict_1.default.match(r.stderr, /error: cannot retire old/);
            strict_1.default.equal((0, node_fs_1.readFileSync)(list, 'utf8'), old, 'the list is as before');
            strict_1.default.ok((0, node_fs_1.readFileSync)(pgpass, 'utf8').includes('old'), 'the .pgpass lines are kept for the next try');
        }
        finally {
            (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
        }
    });
});
(0, node_test_1.describe)('retire_server against the real Barman and PostgreSQL', { skip: (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('Barman and PostgreSQL run as their own users'), postgres_1.TEST_POSTGRES.missing, (0, requirements_1.commandMissing)('barman', 'barman'), (0, requirements_1.userMissing)('barman', 'barman')) }, () => {
    let dir = '';
    let home = '';
    let confDir = '';
    let data = '';
    let port = 0;
    const asPostgres = (cmd) => (0, node_child_process_1.spawnSync)('runuser', ['-u', 'postgres', '--', 'sh', '-c', `cd / && ${cmd}`], { encoding: 'utf8', timeout: 60_000 });
    const psql = (sql) => asPostgres(`${PG_BIN}/psql -X -q -At -h 127.0.0.1 -p ${port} -d postgres -c ${(0, shell_quote_1.shellQuote)(sql)}`).stdout.trim();
    const slots = () => psql('SELECT slot_name || \'|\' || active FROM pg_replication_slots ORDER BY 1');
    const barman = (args) => (0, node_child_process_1.spawnSync)('sh', ['-c', `cd / && runuser -u barman -- env PGCONNECT_TIMEOUT=5 /usr/bin/barman -c ${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(dir, 'barman.conf'))} ${args}`], { encoding: 'utf8', timeout: 120_000 });
    const receivers = (name) => (0, node_child_process_1.spawnSync)('pgrep', ['-f', `pg_receivewal.*${(0, node_path_1.join)(home, name)}/streaming`], { encoding: 'utf8' }).stdout.trim();
    const startPg = () => strict_1.default.equal(asPostgres(`${PG_BIN}/pg_ctl -D ${data} -o "-p ${port} -c listen_addresses=127.0.0.1" -l ${dir}/pglog/log -w start >/dev/null`).status, 0);
    /** a Barman server conf as the library writes it (trust auth here: no .pgpass needed) */
    function addServer(name, slot, atPort = port) {
        const ci = (user) => `host=127.0.0.1 port=${atPort} dbname=postgres user=${user}`;
        const conf = (0, node_path_1.join)(confDir, `${name}.conf`);
        (0, node_fs_1.writeFileSync)(conf, [`[${name}]`, 'description = "test"', `conninfo = "${ci('postgres')}"`, `streaming_conninfo = "${ci('postgres')}"`, 'streaming_archiver = on', `slot_name = "${slot}"`, 'backup_method = postgres', 'active = true', ''].join('\n'));
        (0, node_child_process_1.spawnSync)('sh', ['-c', `chown barman:barman ${(0, shell_quote_1.shellQuote)(conf)} && chmod 0600 ${(0, shell_quote_1.shellQuote)(conf)}`]);
        return conf;
    }
    /** streaming as cron starts it: slot, then receive-wal through `barman cron` */
    async function streaming(name) {
        const c = barman(`receive-wal --create-slot ${name}`);
        strict_1.default.equal(c.status, 0, `create-slot ${name}: ${c.stdout}${c.stderr}`);
        barman('cron');
        for (let i = 0; i < 50 && !(receivers(name) !== '' && slots().includes('|t')); i++)
            await new Promise((r) => setTimeout(r, 200));
        strict_1.default.notEqual(receivers(name), '', `receive-wal of ${name} runs`);
    }
    /** retire_server of the host program, with BM_* set and bm defined as barman_server does, bm pointed at the throwaway Barman */
    function retire(name, mode) {
        return (0, host_step_1.runInProgram)([
            `BM_USER=barman BM_HOME=${(0, shell_quote_1.shellQuote)(home)} BM_CONF_DIR=${(0, shell_quote_1.shellQuote)(confDir)} BM_LOG=${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(home, 'barman.log'))} BM_SLOT_TRIES=3`,
            `bm() { (cd / && runuser -u barman -- env PGCONNECT_TIMEOUT=5 /usr/bin/barman -c ${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(dir, 'barman.conf'))} "$@"); }`,
            `retire_server ${(0, shell_quote_1.shellQuote)(name)} ${mode}`,
        ].join('\n'));
    }
    (0, node_test_1.before)(() => {
        dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-retire-'));
        home = (0, node_path_1.join)(dir, 'home');
        confDir = (0, node_path_1.join)(dir, 'barman.d');
        data = (0, node_path_1.join)(dir, 'data');
        for (const d of [home, confDir, data, (0, node_path_1.join)(dir, 'pglog')])
            (0, node_fs_1.mkdirSync)(d);
        (0, node_child_process_1.spawnSync)('sh', ['-c', `chmod 0755 ${dir} ${confDir} && chown barman:barman ${home} && chown postgres:postgres ${data} ${dir}/pglog && chmod 0700 ${data}`]);
        for (let i = 0; i < 20 && port === 0; i++) {
            const p = 41000 + Math.floor(Math.random() * 8000);
            if (!(0, node_fs_1.existsSync)(`/var/run/postgresql/.s.PGSQL.${p}`))
                port = p;
        }
        const init = asPostgres(`${PG_BIN}/initdb -D ${data} -A trust >/dev/null && echo 'host replication all 127.0.0.1/32 trust' >> ${data}/pg_hba.conf`);
        strict_1.default.equal(init.status, 0, init.stderr);
        startPg();
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'barman.conf'), ['[barman]', `barman_home = ${home}`, 'barman_user = barman', `log_file = ${home}/barman.log`, `configuration_files_directory = ${confDir}`, `path_prefix = ${PG_BIN}`, ''].join('\n'));
    });
    (0, node_test_1.after)(() => {
        // whatever a failed test left streaming
        for (const f of (0, node_fs_1.existsSync)(confDir) ? (0, node_child_process_1.spawnSync)('ls', [confDir], { encoding: 'utf8' }).stdout.split('\n').filter((x) => x.endsWith('.conf')) : [])
            barman(`receive-wal --stop ${f.replace(/\.conf$/, '')}`);
        for (const pid of (0, node_child_process_1.spawnSync)('pgrep', ['-f', `pg_receivewal.*${dir}/`], { encoding: 'utf8' }).stdout.split('\n').filter((x) => x !== ''))
            process.kill(Number(pid), 'SIGINT');
        if ((0, node_fs_1.existsSync)((0, node_path_1.join)(data, 'postmaster.pid')))
            asPostgres(`${PG_BIN}/pg_ctl -D ${data} -m immediate stop >/dev/null`);
        (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    });
    (0, node_test_1.test)('Barman 3.4 skips a server whose cron lock someone holds: what retire_server relies on', () => {
        addServer('locked', 'slot_locked');
        const lock = (0, node_path_1.join)(home, '.locked-cron.lock');
        const r = (0, node_child_process_1.spawnSync)('sh', ['-c', `: > ${lock}; chown barman: ${lock}; flock ${lock} runuser -u barman -- /usr/bin/barman -c ${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(dir, 'barman.conf'))} cron`], { encoding: 'utf8' });
        strict_1.default.match(r.stdout + r.stderr, /Another cron process is already running on server locked/);
        strict_1.default.equal(receivers('locked'), '', 'no receive-wal started');
        (0, node_fs_1.rmSync)((0, node_path_1.join)(confDir, 'locked.conf'));
    });
    (0, node_test_1.test)('a streaming server: receive-wal stopped, slot dropped on PostgreSQL, conf removed, backups kept; a second run does nothing', async () => {
        const conf = addServer('one', 'backup_one');
        await streaming('one');
        strict_1.default.match(slots(), /^backup_one\|true$/m, 'the slot is active');
        const r = retire('one', 'keep');
        strict_1.default.equal(r.status, 0, r.stdout + r.stderr);
        strict_1.default.match(r.stdout, /stopped receive-wal of one/);
        strict_1.default.match(r.stdout, /dropped the replication slot backup_one of one/);
        strict_1.default.equal(receivers('one'), '', 'no pg_receivewal left');
        strict_1.default.doesNotMatch(slots(), /backup_one/, 'the slot is gone from pg_replication_slots');
        strict_1.default.equal((0, node_fs_1.existsSync)(conf), false, 'conf removed');
        strict_1.default.ok((0, node_fs_1.existsSync)((0, node_path_1.join)(home, 'one', 'streaming')), 'the server directory (its WAL and backups) is kept');
        // cron cannot bring it back: Barman no longer knows the server
        barman('cron');
        strict_1.default.equal(receivers('one'), '');
        const again = retire('one', 'keep');
        strict_1.default.equal(again.status, 0, again.stderr);
        strict_1.default.equal(again.stdout, '', 'nothing to do once the conf is gone');
    });
    (0, node_test_1.test)('nothing running and the slot already gone (a partial earlier run): success, the conf goes, and the lock of its backup cron line', () => {
        const conf = addServer('two.x', 'backup_two');
        const backupLock = (0, node_path_1.join)(home, '.cdktf-barman-backup-two_x.lock');
        (0, node_fs_1.writeFileSync)(backupLock, '');
        const r = retire('two.x', 'keep');
        strict_1.default.equal(r.status, 0, r.stdout + r.stderr);
        strict_1.default.match(r.stdout, /the replication slot backup_two of two\.x was already gone/);
        strict_1.default.equal((0, node_fs_1.existsSync)(conf), false);
        strict_1.default.equal((0, node_fs_1.existsSync)(backupLock), false, 'the flock file of /etc/cron.d/two_x');
    });
    (0, node_test_1.test)('a backup still running (its lock held, as barman backup holds it while copying): the apply fails saying so, nothing changes; once it finished, the removal goes on', async () => {
        const conf = addServer('copying', 'backup_copying');
        const lock = (0, node_path_1.join)(home, '.copying-backup.lock');
        (0, node_fs_1.writeFileSync)(lock, '');
        // Barman holds it with fcntl.flock, the same flock(2) lock util-linux flock takes
        const holder = (0, node_child_process_1.spawn)('flock', [lock, 'sleep', '120'], { detached: true, stdio: 'ignore' });
        try {
            const until = Date.now() + 10_000;
            while ((0, node_child_process_1.spawnSync)('flock', ['-n', lock, 'true']).status === 0 && Date.now() < until)
                await new Promise((r) => setTimeout(r, 50));
            const r = retire('copying', 'keep');
            strict_1.default.notEqual(r.status, 0, r.stdout);
            strict_1.default.match(r.stderr, /a backup of copying is running \(barman backup holds \S+\/\.copying-backup\.lock\): nothing of copying was removed; apply again when it has finished/);
            strict_1.default.equal(r.stdout, '', 'nothing stopped, dropped or removed');
            strict_1.default.ok((0, node_fs_1.existsSync)(conf), 'the conf stays for the next apply');
        }
        finally {
            process.kill(-holder.pid);
        }
        const again = retire('copying', 'keep');
        strict_1.default.equal(again.status, 0, again.stdout + again.stderr);
        strict_1.default.equal((0, node_fs_1.existsSync)(conf), false);
    });
    (0, node_test_1.test)('a PostgreSQL that does not answer: a loud warning with the SQL to run there, the conf goes, the apply goes on', () => {
        const conf = addServer('down', 'backup_down', 1); // nothing listens on port 1
        const r = retire('down', 'keep');
        strict_1.default.equal(r.status, 0, r.stdout + r.stderr);
        strict_1.default.match(r.stderr, /WARNING: the PostgreSQL of down \(host=127\.0\.0\.1 port=1 dbname=postgres user=postgres\) does not answer/);
        strict_1.default.ok(r.stderr.includes("SELECT pg_drop_replication_slot('backup_down');"), r.stderr);
        strict_1.default.match(r.stderr, /\(Cannot connect to server 'down': .*Connection refused\)/, `libpq's reason, from Barman's log: ${r.stderr}`);
        console.log(`[edge removal] ${r.stderr.trim()}`);
        strict_1.default.equal((0, node_fs_1.existsSync)(conf), false);
    });
    (0, node_test_1.test)('a slot someone else streams from: the apply fails saying so, the conf stays for the next apply', async () => {
        const conf = addServer('busy', 'backup_busy');
        strict_1.default.equal(barman('receive-wal --create-slot busy').status, 0);
        const wal = (0, node_path_1.join)(dir, 'foreign-wal');
        (0, node_fs_1.mkdirSync)(wal);
        (0, node_child_process_1.spawnSync)('chown', ['postgres', wal]);
        const id = (flag) => Number((0, node_child_process_1.spawnSync)('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
        const foreign = (0, node_child_process_1.spawn)(`${PG_BIN}/pg_receivewal`, ['-h', '127.0.0.1', '-p', String(port), '-D', wal, '--slot=backup_busy', '--no-loop'], { stdio: 'ignore', cwd: '/', uid: id('-u'), gid: id('-g') });
        try {
            for (let i = 0; i < 50 && !slots().includes('backup_busy|t'); i++)
                await new Promise((r) => setTimeout(r, 200));
            strict_1.default.match(slots(), /backup_busy\|t/);
            const r = retire('busy', 'keep');
            strict_1.default.equal(r.status, 1, r.stdout);
            strict_1.default.match(r.stderr, /the replication slot backup_busy of busy is still in use .*another pg_receivewal or standby streams from it/);
            strict_1.default.ok((0, node_fs_1.existsSync)(conf), 'the conf stays: the next apply retries');
        }
        finally {
            foreign.kill('SIGINT');
            await new Promise((r) => foreign.once('exit', r));
        }
        for (let i = 0; i < 50 && slots().includes('backup_busy|t'); i++)
            await new Promise((r) => setTimeout(r, 100));
        const again = retire('busy', 'keep');
        strict_1.default.equal(again.status, 0, again.stderr);
        strict_1.default.doesNotMatch(slots(), /backup_busy/);
        strict_1.default.equal((0, node_fs_1.existsSync)(conf), false);
    });
    (0, node_test_1.test)('barman_removed_backups = delete: the server directory goes after the slot, and only a real Barman directory of the barman user', async () => {
        addServer('gone', 'backup_gone');
        await streaming('gone');
        const r = retire('gone', 'delete');
        strict_1.default.equal(r.status, 0, `${r.stdout}${r.stderr}`);
        strict_1.default.doesNotMatch(slots(), /backup_gone/);
        strict_1.default.equal((0, node_fs_1.existsSync)((0, node_path_1.join)(home, 'gone')), false, 'deleted');
        strict_1.default.match(r.stdout, /deleted the backups of gone/);
        // a symlink in its place (pointing at data that is not Barman's) is refused, the target untouched
        const precious = (0, node_path_1.join)(dir, 'precious');
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(precious, 'wals'), { recursive: true });
        (0, node_fs_1.symlinkSync)(precious, (0, node_path_1.join)(home, 'link'));
        const conf = addServer('link', 'backup_link');
        const l = retire('link', 'delete');
        strict_1.default.equal(l.status, 1, l.stdout);
        strict_1.default.match(l.stderr, /refusing to delete the backups of link: .* is a symbolic link/);
        strict_1.default.ok((0, node_fs_1.existsSync)((0, node_path_1.join)(precious, 'wals')) && (0, node_fs_1.existsSync)(conf));
        // a directory that is not a Barman server directory, or not the barman user's
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(home, 'odd', 'stuff'), { recursive: true });
        (0, node_child_process_1.spawnSync)('chown', ['-R', 'barman', (0, node_path_1.join)(home, 'odd')]);
        addServer('odd', 'backup_odd');
        const o = retire('odd', 'delete');
        strict_1.default.equal(o.status, 1, o.stdout);
        strict_1.default.match(o.stderr, /has none of base\/, wals\/, streaming\/, incoming\/, so it is not a Barman server directory/);
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(home, 'rootdir', 'wals'), { recursive: true });
        addServer('rootdir', 'backup_rootdir');
        const d = retire('rootdir', 'delete');
        strict_1.default.equal(d.status, 1, d.stdout);
        strict_1.default.match(d.stderr, /is not owned by barman/);
        strict_1.default.ok((0, node_fs_1.existsSync)((0, node_path_1.join)(home, 'odd', 'stuff')) && (0, node_fs_1.existsSync)((0, node_path_1.join)(home, 'rootdir', 'wals')));
        strict_1.default.ok(!(0, node_fs_1.readFileSync)((0, node_path_1.join)(home, 'barman.log'), 'utf8').includes('Traceback'), 'Barman stayed healthy');
    });
});
// the rendered list stays what the reconcile reads: paths and pgpass:NAME, one a line
(0, node_test_1.test)('the managed list names each instance by its conf path and its pgpass entry', () => {
    const graph = (0, typed_cluster_1.graphFromProps)({ clusterName: 'rm', instances: [{ name: 'pg', roles: [enums_1.Role.PRIMARY], backup: ['bk'] }, { name: 'bk', roles: [enums_1.Role.BARMAN] }] });
    const list = (0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys()).find((p) => p.instance.name === 'bk').files.find((f) => f.kind === host_files_1.FileKind.MANAGED_LIST);
    strict_1.default.equal(list.content, '/etc/barman.d/pg.conf\n/etc/cron.d/pg\npgpass:pg\n');
});
