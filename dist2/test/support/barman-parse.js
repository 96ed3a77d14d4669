"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONF_DIR_LINE = void 0;
exports.findBarmanPython = findBarmanPython;
exports.runBarmanParse = runBarmanParse;
exports.runBarmanParseMany = runBarmanParseMany;
exports.barmanProblems = barmanProblems;
exports.copyBarmanFiles = copyBarmanFiles;
exports.specSlotName = specSlotName;
exports.expectedServerConfig = expectedServerConfig;
/**
 * Runs the real Barman's configuration parser (test/support/barman_parse.py, Barman's own Python
 * modules) on rendered files, and computes what each key should read back as from the model.
 */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const paths_1 = require("./paths");
/**
 * The Python that has Barman's modules: the interpreter of the `barman` command (its #! line),
 * then /usr/bin/python3, then python3 on PATH (which may be a pyenv or venv python without them).
 */
function findBarmanPython() {
    // BARMAN_PYTHON=/path/to/python3 tries only that one (BARMAN_PYTHON=/nonexistent shows the skip)
    const forced = process.env.BARMAN_PYTHON;
    const candidates = forced !== undefined && forced !== '' ? [forced] : [...barmanShebang(), '/usr/bin/python3', 'python3'];
    const tried = [];
    for (const python of [...new Set(candidates)]) {
        const r = (0, node_child_process_1.spawnSync)(python, ['-c', 'import barman, barman.config, barman.server; print(barman.__version__)'], { encoding: 'utf8' });
        if (r.status === 0)
            return { ok: true, python, version: r.stdout.trim() };
        tried.push(`${python}: ${r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
    }
    return { ok: false, reason: `no python3 with Barman's modules (Debian packages barman and python3-barman: sudo scripts/e2e-setup.sh); tried ${tried.join('; ')}` };
}
/** The interpreter named on the #! line of the first `barman` on PATH (or /usr/bin/barman). */
function barmanShebang() {
    for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin']) {
        const barman = (0, node_path_1.join)(dir, 'barman');
        if (dir === '' || !(0, node_fs_1.existsSync)(barman))
            continue;
        const m = /^#!\s*(\S+)/.exec((0, node_fs_1.readFileSync)(barman, 'utf8').split('\n', 1)[0]);
        return m && !m[1].endsWith('/env') ? [m[1]] : [];
    }
    return [];
}
function runBarmanParse(python, barmanConf) {
    const script = (0, node_path_1.join)((0, paths_1.repoRoot)(), 'test', 'support', 'barman_parse.py');
    // no PostgreSQL connection is made; the timeout only guards against surprises
    const r = (0, node_child_process_1.spawnSync)(python, [script, barmanConf], { encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '2' }, timeout: 60_000 });
    if (r.status !== 0)
        throw new Error(`${python} ${script} ${barmanConf} exited ${r.status}: ${r.error?.message ?? ''}\n${r.stderr}${r.stdout}`);
    return JSON.parse(r.stdout);
}
/** runBarmanParse for many files in one python process (Barman is imported once): results in order. */
function runBarmanParseMany(python, barmanConfs) {
    if (barmanConfs.length === 0)
        return [];
    const script = (0, node_path_1.join)((0, paths_1.repoRoot)(), 'test', 'support', 'barman_parse_many.py');
    const r = (0, node_child_process_1.spawnSync)(python, [script, ...barmanConfs], { encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '2' }, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0)
        throw new Error(`${python} ${script} (${barmanConfs.length} files) exited ${r.status}: ${r.error?.message ?? ''}\n${r.stderr}`);
    const parsed = JSON.parse(r.stdout);
    if (parsed.length !== barmanConfs.length)
        throw new Error(`${script}: ${parsed.length} results for ${barmanConfs.length} files`);
    return parsed;
}
/**
 * Everything Barman complained about: a fatal error, warnings it logged or printed, path
 * conflicts, each server's message list, a disabled server. Empty means Barman took the files as
 * they are.
 */
function barmanProblems(p) {
    const out = [];
    if (p.fatal !== null)
        out.push(`fatal: ${p.fatal}`);
    for (const w of p.warnings)
        out.push(`logged: ${w}`);
    for (const w of p.output_messages)
        out.push(`output: ${w}`);
    for (const m of p.servers_msg_list)
        out.push(`servers_msg_list: ${m}`);
    for (const [name, s] of Object.entries(p.servers)) {
        for (const m of s.msg_list)
            out.push(`[${name}] msg_list: ${m}`);
        if (s.config_disabled)
            out.push(`[${name}] disabled by its configuration`);
        if (s.server_error !== undefined)
            out.push(`[${name}] building the Server failed: ${s.server_error}`);
        for (const m of s.server_msg_list ?? [])
            out.push(`[${name}] server msg_list: ${m}`);
        if (s.server_disabled)
            out.push(`[${name}] server disabled`);
    }
    return out;
}
exports.CONF_DIR_LINE = 'configuration_files_directory = /etc/barman.d';
/**
 * Copies a host's rendered /etc/barman.conf and /etc/barman.d/*.conf into `dir`, pointing
 * configuration_files_directory at the copy. That line is the only change (checked).
 */
function copyBarmanFiles(hostDir, dir) {
    const confDir = (0, node_path_1.join)(dir, 'barman.d');
    (0, node_fs_1.mkdirSync)(confDir, { recursive: true });
    const original = (0, node_fs_1.readFileSync)((0, node_path_1.join)(hostDir, 'etc', 'barman.conf'), 'utf8');
    const rewritten = original.split('\n').map((l) => (l === exports.CONF_DIR_LINE ? `configuration_files_directory = ${confDir}` : l));
    const changed = original.split('\n').filter((l, i) => l !== rewritten[i]).length;
    if (changed !== 1)
        throw new Error(`expected exactly one '${exports.CONF_DIR_LINE}' line in ${hostDir}/etc/barman.conf, found ${changed}`);
    const barmanConf = (0, node_path_1.join)(dir, 'barman.conf');
    (0, node_fs_1.writeFileSync)(barmanConf, rewritten.join('\n'));
    const src = (0, node_path_1.join)(hostDir, 'etc', 'barman.d');
    if ((0, node_fs_1.existsSync)(src))
        for (const f of (0, node_fs_1.readdirSync)(src))
            (0, node_fs_1.copyFileSync)((0, node_path_1.join)(src, f), (0, node_path_1.join)(confDir, f));
    return { barmanConf, confDir };
}
const DAY = 86_400;
/** Barman's parse_time_interval: a month is 31 days. */
function ageSeconds(age) {
    const m = /^(\d+) (DAY|WEEK|MONTH)S?$/.exec(age);
    if (!m)
        throw new Error(`unexpected age '${age}' in the model`);
    return Number(m[1]) * { DAY, WEEK: 7 * DAY, MONTH: 31 * DAY }[m[2]];
}
/** SPEC 3: `backup_` + S's name up to the first dot, '-' turned to '_'. */
function specSlotName(serverName) {
    return `backup_${serverName.split('.')[0].replace(/-/g, '_')}`;
}
/**
 * The effective value each ServerConfig attribute must have for one backed-up instance on one
 * Barman server, computed from the model's settings (not from the rendered text), in the form
 * barman_parse.py prints: booleans, integers, CSV options as sorted lists, ages in seconds, unset
 * as null.
 */
function expectedServerConfig(edge) {
    const b = edge.instance;
    const s = b.settings;
    const server = edge.server.settings;
    const dsn = (user, attributes) => `host=${b.address} port=${s.postgresPort} dbname=postgres user=${user}${attributes === '' ? '' : ` ${attributes}`}`;
    return {
        description: `Backups from ${b.name}`,
        active: true,
        disabled: false,
        backup_method: s.backupMethod,
        // `none` means unset in Barman: no WAL compression, not the global value
        compression: s.compression === 'none' ? null : s.compression,
        reuse_backup: s.reuseBackup,
        parallel_jobs: s.parallelJobs,
        backup_options: s.backupOptions.split(',').sort(),
        immediate_checkpoint: s.immediateCheckpoint,
        network_compression: s.networkCompression,
        basebackup_retry_times: s.basebackupRetryTimes,
        basebackup_retry_sleep: s.basebackupRetrySleep,
        // ServerConfig keeps it a string; barman.server.Server makes it an int
        minimum_redundancy: String(s.minimumRedundancy),
        retention_policy: s.retentionPolicy,
        last_backup_maximum_age: { seconds: ageSeconds(s.lastBackupMaximumAge) },
        pre_archive_retry_script: s.preArchiveRetryScript ?? null,
        post_backup_retry_script: s.postBackupRetryScript ?? null,
        post_backup_script: s.postBackupScript ?? null,
        streaming_wals_directory: s.streamingWalsDirectory ?? `${server.barmanHome}/${edge.backupName}/streaming`,
        archiver: s.archiver,
        streaming_archiver: true,
        slot_name: specSlotName(edge.server.name),
        conninfo: dsn('barman', s.clientDsnAttributes),
        streaming_conninfo: dsn('streaming_barman', s.streamingClientDsnAttributes),
        ssh_command: `ssh -q -o StrictHostKeyChecking=yes ${s.postgresUser}@${b.address} -p ${s.sshPort}`,
        // global-only keys: the Barman server's own settings
        path_prefix: server.postgresBinDir,
        barman_home: server.barmanHome,
        backup_directory: `${server.barmanHome}/${edge.backupName}`,
        recovery_options: ['get-wal'],
        // nothing this library does not manage sneaks in
        primary_ssh_command: null,
        primary_conninfo: null,
    };
}
