/**
 * Retiring a Barman server that left the graph (server.sh's retire_removed, edge-removal.sh, both in lib/concerns/barman-server),
 * run for real: the functions of the host program against the real Barman 3.4 (its own `-c`
 * configuration in a temp directory, so the machine's /etc is untouched) and a throwaway cluster of
 * the machine's PostgreSQL (test/support/postgres.ts) it streams from. barman_server sets BM_* and
 * defines bm for the machine's Barman; these tests set them as it does, with bm pointed at the
 * throwaway Barman. Needs root, barman and PostgreSQL (test/support/requirements.ts); the checks of
 * the reconciliation's order run everywhere.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RemovedBackups, Role } from '../../lib/model/enums';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { Concern, FileKind } from '../../lib/render/host-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { shellQuote } from '../../lib/render/shell-quote';
import { barmanServerScript } from '../../lib/concerns/barman-server/barman-server-step';
import { HostScript, TriggerArg, toBase64 } from '../../lib/scripts/remote-command';
import { BARMAN_SERVER_SHELL } from '../../lib/concerns/barman-server/barman-server-step';
import { EDGE_REMOVAL_LIBRARY } from '../../lib/concerns/barman-server/edge-removal';
import { runInProgram } from '../support/host-step';
import { TEST_POSTGRES } from '../support/postgres';
import { commandMissing, rootMissing, skipUnless, userMissing } from '../support/requirements';

const PG_BIN = TEST_POSTGRES.bin;

function serverScript(removedBackups?: RemovedBackups): HostScript {
  const graph = graphFromProps({
    clusterName: 'rm',
    instances: [
      { name: 'pg', roles: [Role.PRIMARY], backup: ['bk'] },
      { name: 'bk', roles: [Role.BARMAN], settings: removedBackups ? { removedBackups } : {} },
    ],
  });
  const plan = renderHosts(graph, new PlaceholderKeys()).find((p) => p.instance.name === 'bk')!;
  return barmanServerScript(graph, plan.instance, plan.files.filter((f) => f.concern === Concern.BARMAN_SERVER));
}

/** the body of a function of a shell file, from its `name() {` line to its closing `}` */
function functionBody(text: string, name: string): string {
  const from = text.indexOf(`\n${name}() {`);
  assert.ok(from >= 0, `${name} is defined`);
  return text.slice(from, text.indexOf('\n}\n', from) + 2);
}

const SERVER_SH = BARMAN_SERVER_SHELL;
const EDGE_REMOVAL_SH = EDGE_REMOVAL_LIBRARY;

describe('the Barman server step retires what left the graph', () => {
  test('stop and drop come before any file or .pgpass removal, under the cron lock of the name, backups kept by default', () => {
    const s = serverScript();
    assert.equal(s.step, 'barman_server');
    assert.equal(s.args[3], '/var/lib/barman', 'barman_home: BM_HOME');
    assert.equal(s.args[7], 'keep', 'backups kept by default');
    const server = functionBody(SERVER_SH, 'barman_server');
    assert.ok(server.includes('BM_USER=$2 BM_HOME=$4 BM_CONF_DIR=/etc/barman.d BM_LOG=$7'), 'the BM_* that retire_server reads, from the step arguments');
    assert.ok(server.indexOf('write_files "$@"') < server.indexOf('retire_removed '), 'the files first, then the reconciliation');
    const r = functionBody(SERVER_SH, 'retire_removed');
    const retire = r.indexOf('retire_server "$n" "$6"');
    assert.ok(retire > 0, 'each removed name is retired, with keep|delete');
    assert.ok(retire < r.indexOf('remove_block '), 'before its .pgpass lines go (the drop connects with them)');
    assert.ok(retire < r.indexOf('install_from "$wanted"'), 'before the list is rewritten (a failure retries next time)');
    assert.ok(EDGE_REMOVAL_SH.includes('f="$BM_HOME/.$1-$2.lock"'), "Barman 3.4's per-server lock files");
    const rs = functionBody(EDGE_REMOVAL_SH, 'retire_server');
    assert.ok(rs.indexOf('lock=$(barman_lock "$1" cron)') < rs.indexOf('backup_lock=$(barman_lock "$1" backup)'), 'the cron lock, then the backup lock');
    assert.ok(rs.indexOf('backup_lock=$(barman_lock "$1" backup)') < rs.indexOf('receive-wal --stop'), 'both locks before receive-wal stops');
    assert.ok(rs.includes('[ "$2" != delete ] || delete_backups_of "$1"'), 'deletion only when asked');
  });

  test('barman_removed_backups = delete is the step argument every retirement gets', () => {
    assert.equal(serverScript(RemovedBackups.DELETE).args[7], 'delete');
    assert.equal(serverScript(RemovedBackups.KEEP).args[7], 'keep');
  });

  for (const removed of [RemovedBackups.KEEP, RemovedBackups.DELETE]) {
    test(`the names that left, read from a list an earlier apply wrote (paths and pgpass:NAME): each once, in order, the wanted ones never (${removed})`, () => {
      const s = serverScript(removed);
      const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-list-'));
      try {
        const list = join(dir, 'rm.managed');
        const pgpass = join(dir, '.pgpass');
        writeFileSync(list, ['/etc/barman.d/pg.conf', '/etc/cron.d/pg', 'pgpass:pg', '/etc/barman.d/old.conf', '/etc/cron.d/old', 'pgpass:old', 'pgpass:only-pgpass', '/etc/barman.d/only.conf', ''].join('\n'));
        const [begin, end] = [s.args[11] as string, s.args[12] as string];
        const block = (n: string) => `${begin}${n}\nh:5432:*:barman:x\n${end}${n}\n`;
        writeFileSync(pgpass, `foreign:1:*:u:p\n${block('pg')}${block('old')}${block('only-pgpass')}`);
        const wanted = (s.args[9] as TriggerArg).content;
        assert.equal(wanted, '/etc/barman.d/pg.conf\n/etc/cron.d/pg\npgpass:pg\nowns:/etc/barman.conf\n');
        // retire_removed as barman_server calls it, with a retire_server that only says what it got
        const call = ['retire_removed', list, toBase64(wanted), pgpass, begin, end, s.args[7] as string].map(shellQuote).join(' ');
        const r = runInProgram(`retire_server() { echo "retire $1 $2"; }\n${call}`, { env: { ...process.env, CDKTF_BARMAN_STATE_DIR: join(dir, 'state') } });
        assert.equal(r.status, 0, r.stderr);
        const retired = r.stdout.split('\n').filter((l) => l.startsWith('retire '));
        assert.deepEqual(retired, [`retire old ${removed}`, `retire only-pgpass ${removed}`, `retire only ${removed}`]);
        assert.ok(r.stdout.indexOf('retire only ') < r.stdout.indexOf('removed the .pgpass lines of old'), 'every retirement before the .pgpass lines go');
        assert.equal(readFileSync(pgpass, 'utf8'), `foreign:1:*:u:p\n${block('pg')}`, "the .pgpass lines of the names that left, only theirs");
        assert.equal(readFileSync(list, 'utf8'), wanted, 'the list rewritten last');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test('a retirement that fails stops the step before the list is rewritten (the next apply retries)', () => {
    const s = serverScript();
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-list-fail-'));
    try {
      const list = join(dir, 'rm.managed');
      const pgpass = join(dir, '.pgpass');
      const old = '/etc/barman.d/pg.conf\n/etc/barman.d/old.conf\npgpass:old\n';
      writeFileSync(list, old);
      writeFileSync(pgpass, `${s.args[11]}old\nx\n${s.args[12]}old\n`);
      const wanted = (s.args[9] as TriggerArg).content;
      const call = ['retire_removed', list, toBase64(wanted), pgpass, s.args[11] as string, s.args[12] as string, 'keep'].map(shellQuote).join(' ');
      const r = runInProgram(`retire_server() { die "cannot retire $1"; }\n${call}`, { env: { ...process.env, CDKTF_BARMAN_STATE_DIR: join(dir, 'state') } });
      assert.equal(r.status, 1);
      assert.match(r.stderr, /error: cannot retire old/);
      assert.equal(readFileSync(list, 'utf8'), old, 'the list is as before');
      assert.ok(readFileSync(pgpass, 'utf8').includes('old'), 'the .pgpass lines are kept for the next try');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('retire_server against the real Barman and PostgreSQL', { skip: skipUnless(rootMissing('Barman and PostgreSQL run as their own users'), TEST_POSTGRES.missing, commandMissing('barman', 'barman'), userMissing('barman', 'barman')) }, () => {
  let dir = '';
  let home = '';
  let confDir = '';
  let data = '';
  let port = 0;
  const asPostgres = (cmd: string) => spawnSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', `cd / && ${cmd}`], { encoding: 'utf8', timeout: 60_000 });
  const psql = (sql: string) => asPostgres(`${PG_BIN}/psql -X -q -At -h 127.0.0.1 -p ${port} -d postgres -c ${shellQuote(sql)}`).stdout.trim();
  const slots = () => psql('SELECT slot_name || \'|\' || active FROM pg_replication_slots ORDER BY 1');
  const barman = (args: string) => spawnSync('sh', ['-c', `cd / && runuser -u barman -- env PGCONNECT_TIMEOUT=5 /usr/bin/barman -c ${shellQuote(join(dir, 'barman.conf'))} ${args}`], { encoding: 'utf8', timeout: 120_000 });
  const receivers = (name: string) => spawnSync('pgrep', ['-f', `pg_receivewal.*${join(home, name)}/streaming`], { encoding: 'utf8' }).stdout.trim();
  const startPg = () => assert.equal(asPostgres(`${PG_BIN}/pg_ctl -D ${data} -o "-p ${port} -c listen_addresses=127.0.0.1" -l ${dir}/pglog/log -w start >/dev/null`).status, 0);

  /** a Barman server conf as the library writes it (trust auth here: no .pgpass needed) */
  function addServer(name: string, slot: string, atPort = port): string {
    const ci = (user: string) => `host=127.0.0.1 port=${atPort} dbname=postgres user=${user}`;
    const conf = join(confDir, `${name}.conf`);
    writeFileSync(conf, [`[${name}]`, 'description = "test"', `conninfo = "${ci('postgres')}"`, `streaming_conninfo = "${ci('postgres')}"`, 'streaming_archiver = on', `slot_name = "${slot}"`, 'backup_method = postgres', 'active = true', ''].join('\n'));
    spawnSync('sh', ['-c', `chown barman:barman ${shellQuote(conf)} && chmod 0600 ${shellQuote(conf)}`]);
    return conf;
  }

  /** streaming as cron starts it: slot, then receive-wal through `barman cron` */
  async function streaming(name: string): Promise<void> {
    const c = barman(`receive-wal --create-slot ${name}`);
    assert.equal(c.status, 0, `create-slot ${name}: ${c.stdout}${c.stderr}`);
    barman('cron');
    for (let i = 0; i < 50 && !(receivers(name) !== '' && slots().includes('|t')); i++) await new Promise((r) => setTimeout(r, 200));
    assert.notEqual(receivers(name), '', `receive-wal of ${name} runs`);
  }

  /** retire_server of the host program, with BM_* set and bm defined as barman_server does, bm pointed at the throwaway Barman */
  function retire(name: string, mode: 'keep' | 'delete'): { status: number | null; stdout: string; stderr: string } {
    return runInProgram(
      [
        `BM_USER=barman BM_HOME=${shellQuote(home)} BM_CONF_DIR=${shellQuote(confDir)} BM_LOG=${shellQuote(join(home, 'barman.log'))} BM_SLOT_TRIES=3`,
        `bm() { (cd / && runuser -u barman -- env PGCONNECT_TIMEOUT=5 /usr/bin/barman -c ${shellQuote(join(dir, 'barman.conf'))} "$@"); }`,
        `retire_server ${shellQuote(name)} ${mode}`,
      ].join('\n'),
    );
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-retire-'));
    home = join(dir, 'home');
    confDir = join(dir, 'barman.d');
    data = join(dir, 'data');
    for (const d of [home, confDir, data, join(dir, 'pglog')]) mkdirSync(d);
    spawnSync('sh', ['-c', `chmod 0755 ${dir} ${confDir} && chown barman:barman ${home} && chown postgres:postgres ${data} ${dir}/pglog && chmod 0700 ${data}`]);
    for (let i = 0; i < 20 && port === 0; i++) {
      const p = 41000 + Math.floor(Math.random() * 8000);
      if (!existsSync(`/var/run/postgresql/.s.PGSQL.${p}`)) port = p;
    }
    const init = asPostgres(`${PG_BIN}/initdb -D ${data} -A trust >/dev/null && echo 'host replication all 127.0.0.1/32 trust' >> ${data}/pg_hba.conf`);
    assert.equal(init.status, 0, init.stderr);
    startPg();
    writeFileSync(join(dir, 'barman.conf'), ['[barman]', `barman_home = ${home}`, 'barman_user = barman', `log_file = ${home}/barman.log`, `configuration_files_directory = ${confDir}`, `path_prefix = ${PG_BIN}`, ''].join('\n'));
  });

  after(() => {
    // whatever a failed test left streaming
    for (const f of existsSync(confDir) ? spawnSync('ls', [confDir], { encoding: 'utf8' }).stdout.split('\n').filter((x) => x.endsWith('.conf')) : []) barman(`receive-wal --stop ${f.replace(/\.conf$/, '')}`);
    for (const pid of spawnSync('pgrep', ['-f', `pg_receivewal.*${dir}/`], { encoding: 'utf8' }).stdout.split('\n').filter((x) => x !== '')) process.kill(Number(pid), 'SIGINT');
    if (existsSync(join(data, 'postmaster.pid'))) asPostgres(`${PG_BIN}/pg_ctl -D ${data} -m immediate stop >/dev/null`);
    rmSync(dir, { recursive: true, force: true });
  });

  test('Barman 3.4 skips a server whose cron lock someone holds: what retire_server relies on', () => {
    addServer('locked', 'slot_locked');
    const lock = join(home, '.locked-cron.lock');
    const r = spawnSync('sh', ['-c', `: > ${lock}; chown barman: ${lock}; flock ${lock} runuser -u barman -- /usr/bin/barman -c ${shellQuote(join(dir, 'barman.conf'))} cron`], { encoding: 'utf8' });
    assert.match(r.stdout + r.stderr, /Another cron process is already running on server locked/);
    assert.equal(receivers('locked'), '', 'no receive-wal started');
    rmSync(join(confDir, 'locked.conf'));
  });

  test('a streaming server: receive-wal stopped, slot dropped on PostgreSQL, conf removed, backups kept; a second run does nothing', async () => {
    const conf = addServer('one', 'backup_one');
    await streaming('one');
    assert.match(slots(), /^backup_one\|true$/m, 'the slot is active');
    const r = retire('one', 'keep');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /stopped receive-wal of one/);
    assert.match(r.stdout, /dropped the replication slot backup_one of one/);
    assert.equal(receivers('one'), '', 'no pg_receivewal left');
    assert.doesNotMatch(slots(), /backup_one/, 'the slot is gone from pg_replication_slots');
    assert.equal(existsSync(conf), false, 'conf removed');
    assert.ok(existsSync(join(home, 'one', 'streaming')), 'the server directory (its WAL and backups) is kept');
    // cron cannot bring it back: Barman no longer knows the server
    barman('cron');
    assert.equal(receivers('one'), '');
    const again = retire('one', 'keep');
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, '', 'nothing to do once the conf is gone');
  });

  test('nothing running and the slot already gone (a partial earlier run): success, the conf goes, and the lock of its backup cron line', () => {
    const conf = addServer('two.x', 'backup_two');
    const backupLock = join(home, '.cdktf-barman-backup-two_x.lock');
    writeFileSync(backupLock, '');
    const r = retire('two.x', 'keep');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /the replication slot backup_two of two\.x was already gone/);
    assert.equal(existsSync(conf), false);
    assert.equal(existsSync(backupLock), false, 'the flock file of /etc/cron.d/two_x');
  });

  test('a backup still running (its lock held, as barman backup holds it while copying): the apply fails saying so, nothing changes; once it finished, the removal goes on', async () => {
    const conf = addServer('copying', 'backup_copying');
    const lock = join(home, '.copying-backup.lock');
    writeFileSync(lock, '');
    // Barman holds it with fcntl.flock, the same flock(2) lock util-linux flock takes
    const holder = spawn('flock', [lock, 'sleep', '120'], { detached: true, stdio: 'ignore' });
    try {
      const until = Date.now() + 10_000;
      while (spawnSync('flock', ['-n', lock, 'true']).status === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      const r = retire('copying', 'keep');
      assert.notEqual(r.status, 0, r.stdout);
      assert.match(r.stderr, /a backup of copying is running \(barman backup holds \S+\/\.copying-backup\.lock\): nothing of copying was removed; apply again when it has finished/);
      assert.equal(r.stdout, '', 'nothing stopped, dropped or removed');
      assert.ok(existsSync(conf), 'the conf stays for the next apply');
    } finally {
      process.kill(-holder.pid!);
    }
    const again = retire('copying', 'keep');
    assert.equal(again.status, 0, again.stdout + again.stderr);
    assert.equal(existsSync(conf), false);
  });

  test('a PostgreSQL that does not answer: a loud warning with the SQL to run there, the conf goes, the apply goes on', () => {
    const conf = addServer('down', 'backup_down', 1); // nothing listens on port 1
    const r = retire('down', 'keep');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /WARNING: the PostgreSQL of down \(host=127\.0\.0\.1 port=1 dbname=postgres user=postgres\) does not answer/);
    assert.ok(r.stderr.includes("SELECT pg_drop_replication_slot('backup_down');"), r.stderr);
    assert.match(r.stderr, /\(Cannot connect to server 'down': .*Connection refused\)/, `libpq's reason, from Barman's log: ${r.stderr}`);
    console.log(`[edge removal] ${r.stderr.trim()}`);
    assert.equal(existsSync(conf), false);
  });

  test('a slot someone else streams from: the apply fails saying so, the conf stays for the next apply', async () => {
    const conf = addServer('busy', 'backup_busy');
    assert.equal(barman('receive-wal --create-slot busy').status, 0);
    const wal = join(dir, 'foreign-wal');
    mkdirSync(wal);
    spawnSync('chown', ['postgres', wal]);
    const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const foreign = spawn(`${PG_BIN}/pg_receivewal`, ['-h', '127.0.0.1', '-p', String(port), '-D', wal, '--slot=backup_busy', '--no-loop'], { stdio: 'ignore', cwd: '/', uid: id('-u'), gid: id('-g') });
    try {
      for (let i = 0; i < 50 && !slots().includes('backup_busy|t'); i++) await new Promise((r) => setTimeout(r, 200));
      assert.match(slots(), /backup_busy\|t/);
      const r = retire('busy', 'keep');
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, /the replication slot backup_busy of busy is still in use .*another pg_receivewal or standby streams from it/);
      assert.ok(existsSync(conf), 'the conf stays: the next apply retries');
    } finally {
      foreign.kill('SIGINT');
      await new Promise((r) => foreign.once('exit', r));
    }
    for (let i = 0; i < 50 && slots().includes('backup_busy|t'); i++) await new Promise((r) => setTimeout(r, 100));
    const again = retire('busy', 'keep');
    assert.equal(again.status, 0, again.stderr);
    assert.doesNotMatch(slots(), /backup_busy/);
    assert.equal(existsSync(conf), false);
  });

  test('barman_removed_backups = delete: the server directory goes after the slot, and only a real Barman directory of the barman user', async () => {
    addServer('gone', 'backup_gone');
    await streaming('gone');
    const r = retire('gone', 'delete');
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.doesNotMatch(slots(), /backup_gone/);
    assert.equal(existsSync(join(home, 'gone')), false, 'deleted');
    assert.match(r.stdout, /deleted the backups of gone/);

    // a symlink in its place (pointing at data that is not Barman's) is refused, the target untouched
    const precious = join(dir, 'precious');
    mkdirSync(join(precious, 'wals'), { recursive: true });
    symlinkSync(precious, join(home, 'link'));
    const conf = addServer('link', 'backup_link');
    const l = retire('link', 'delete');
    assert.equal(l.status, 1, l.stdout);
    assert.match(l.stderr, /refusing to delete the backups of link: .* is a symbolic link/);
    assert.ok(existsSync(join(precious, 'wals')) && existsSync(conf));

    // a directory that is not a Barman server directory, or not the barman user's
    mkdirSync(join(home, 'odd', 'stuff'), { recursive: true });
    spawnSync('chown', ['-R', 'barman', join(home, 'odd')]);
    addServer('odd', 'backup_odd');
    const o = retire('odd', 'delete');
    assert.equal(o.status, 1, o.stdout);
    assert.match(o.stderr, /has none of base\/, wals\/, streaming\/, incoming\/, so it is not a Barman server directory/);
    mkdirSync(join(home, 'rootdir', 'wals'), { recursive: true });
    addServer('rootdir', 'backup_rootdir');
    const d = retire('rootdir', 'delete');
    assert.equal(d.status, 1, d.stdout);
    assert.match(d.stderr, /is not owned by barman/);
    assert.ok(existsSync(join(home, 'odd', 'stuff')) && existsSync(join(home, 'rootdir', 'wals')));
    assert.ok(!readFileSync(join(home, 'barman.log'), 'utf8').includes('Traceback'), 'Barman stayed healthy');
  });
});

// the rendered list stays what the reconcile reads: paths and pgpass:NAME, one a line
test('the managed list names each instance by its conf path and its pgpass entry', () => {
  const graph = graphFromProps({ clusterName: 'rm', instances: [{ name: 'pg', roles: [Role.PRIMARY], backup: ['bk'] }, { name: 'bk', roles: [Role.BARMAN] }] });
  const list = renderHosts(graph, new PlaceholderKeys()).find((p) => p.instance.name === 'bk')!.files.find((f) => f.kind === FileKind.MANAGED_LIST)!;
  assert.equal(list.content, '/etc/barman.d/pg.conf\n/etc/cron.d/pg\npgpass:pg\nowns:/etc/barman.conf\n');
});
