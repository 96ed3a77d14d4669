"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BarmanCli = exports.EXPECTED_BEFORE_FIRST_BACKUP = void 0;
exports.parseCheck = parseCheck;
exports.startRecovered = startRecovered;
exports.withWalTraffic = withWalTraffic;
const hosts_1 = require("./harness/hosts");
/**
 * The checks that fail on a correctly configured server before its first backup (barman-facts.md):
 * no backup yet is not a configuration error.
 */
exports.EXPECTED_BEFORE_FIRST_BACKUP = ['minimum redundancy requirements', 'backup maximum age'];
/** `barman check` output: "\tNAME: OK" / "\tNAME: FAILED (detail)". */
function parseCheck(stdout) {
    const out = [];
    for (const line of stdout.split('\n')) {
        const m = /^\s+(.+?): (OK|FAILED)(?: \((.*)\))?\s*$/.exec(line);
        if (m)
            out.push({ name: m[1], ok: m[2] === 'OK', detail: m[3] ?? '' });
    }
    return out;
}
class BarmanCli {
    host;
    user;
    constructor(host, user = 'barman') {
        this.host = host;
        this.user = user;
    }
    /** runs `barman ARGS` as the barman user inside the Barman host */
    run(args, timeoutMs = 120_000) {
        return this.host.run(`barman ${args}`, { via: 'nsenter', user: this.user, env: { PGCONNECT_TIMEOUT: '10' }, timeoutMs });
    }
    async must(args, timeoutMs = 120_000) {
        const r = await this.run(args, timeoutMs);
        if (r.code !== 0)
            throw new Error(`[${this.host.name}] barman ${args} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
        return r.stdout;
    }
    async check(server) {
        const r = await this.run(`check ${(0, hosts_1.shq)(server)}`);
        return { code: r.code, lines: parseCheck(r.stdout), output: r.stdout + r.stderr };
    }
    /** backup ids, newest first */
    async backupIds(server) {
        const out = await this.must(`list-backups --minimal ${(0, hosts_1.shq)(server)}`);
        return out.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    }
    /** "DONE", "WAITING_FOR_WALS", "FAILED", ... */
    async backupStatus(server, id) {
        const out = await this.must(`show-backup ${(0, hosts_1.shq)(server)} ${(0, hosts_1.shq)(id)}`);
        const m = /^\s*Status\s*:\s*(\S+)/m.exec(out);
        if (!m)
            throw new Error(`no Status in show-backup output:\n${out}`);
        return m[1];
    }
    /** a `barman show-server` value, e.g. retention_policy */
    async showServerValue(server, key) {
        const out = await this.must(`show-server ${(0, hosts_1.shq)(server)}`);
        const m = new RegExp(`^\\s*${key}: (.*)$`, 'm').exec(out);
        return m?.[1].trim();
    }
}
exports.BarmanCli = BarmanCli;
/**
 * Starts a recovered data directory as a PostgreSQL instance of its own, as the user who owns it
 * (barman for a local recovery on the Barman host, postgres for a remote one), on another port and
 * without TCP; waits until recovery has finished.
 */
async function startRecovered(host, binDir, dataDir, socketDir, port, user = 'barman') {
    const pgCtl = `${binDir}/pg_ctl`;
    const opts = `-c port=${port} -c listen_addresses='' -c unix_socket_directories=${socketDir} -c cluster_name=e2e-recovered`;
    const start = await host.run(`${pgCtl} -D ${(0, hosts_1.shq)(dataDir)} -l ${(0, hosts_1.shq)(`${dataDir}.log`)} -w -t 120 -o ${(0, hosts_1.shq)(opts)} start`, { via: 'nsenter', user, timeoutMs: 150_000 });
    if (start.code !== 0) {
        const log = await host.run(`tail -n 40 ${(0, hosts_1.shq)(`${dataDir}.log`)}`, { via: 'nsenter' });
        throw new Error(`recovered instance in ${dataDir} did not start: ${start.stdout}${start.stderr}\n${log.stdout}`);
    }
    const psql = async (sql) => {
        const r = await host.run(`${binDir}/psql -X -At -v ON_ERROR_STOP=1 -h ${socketDir} -p ${port} -d postgres -f -`, { via: 'nsenter', user, input: sql });
        if (r.code !== 0)
            throw new Error(`psql on the recovered instance: ${r.stderr}`);
        return r.stdout.trim();
    };
    // pg_ctl -w returns once connections are accepted, which may be while still replaying WAL
    const deadline = Date.now() + 120_000;
    while ((await psql('select pg_is_in_recovery()')) !== 'f') {
        if (Date.now() > deadline)
            throw new Error(`recovered instance in ${dataDir} still in recovery after 120 s`);
        await new Promise((r) => setTimeout(r, 200));
    }
    return {
        dataDir,
        socketDir,
        port,
        psql,
        stop: async () => {
            await host.check(`${pgCtl} -D ${(0, hosts_1.shq)(dataDir)} -m fast -w -t 60 stop`, { via: 'nsenter', user, timeoutMs: 90_000 });
        },
    };
}
/**
 * Runs `fn` while the instances see a light write load (one small INSERT every 300 ms into
 * e2e_tick). An idle PostgreSQL writes WAL only every 15 s (running-xacts snapshots), and
 * pg_receivewal closes a switched segment only when WAL of the next one arrives: without any
 * traffic every `switch-wal --archive` and `backup --wait` waits for that. A production server
 * has traffic; Barman does the same work either way.
 */
async function withWalTraffic(pgs, fn) {
    let stop = false;
    const loops = pgs.map(async (pg) => {
        while (!stop) {
            await pg.psql('INSERT INTO e2e_tick DEFAULT VALUES');
            await new Promise((r) => setTimeout(r, 300));
        }
    });
    try {
        return await fn();
    }
    finally {
        stop = true;
        await Promise.all(loops);
    }
}
