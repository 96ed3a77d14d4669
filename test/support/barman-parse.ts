/**
 * Runs the real Barman's configuration parser (test/support/barman_parse.py, Barman's own Python
 * modules) on rendered files, and computes what each key should read back as from the model.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BackupEdge } from '../../lib/model/graph';
import { clientBinDir } from '../../lib/model/versions';
import { repoRoot } from './paths';

export type BarmanPython = { readonly ok: true; readonly python: string; readonly version: string } | { readonly ok: false; readonly reason: string };

/**
 * The Python that has Barman's modules: the interpreter of the `barman` command (its #! line),
 * then /usr/bin/python3, then python3 on PATH (which may be a pyenv or venv python without them).
 */
export function findBarmanPython(): BarmanPython {
  // BARMAN_PYTHON=/path/to/python3 tries only that one (BARMAN_PYTHON=/nonexistent shows the skip)
  const forced = process.env.BARMAN_PYTHON;
  const candidates = forced !== undefined && forced !== '' ? [forced] : [...barmanShebang(), '/usr/bin/python3', 'python3'];
  const tried: string[] = [];
  for (const python of [...new Set(candidates)]) {
    const r = spawnSync(python, ['-c', 'import barman, barman.config, barman.server; print(barman.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { ok: true, python, version: r.stdout.trim() };
    tried.push(`${python}: ${r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  return { ok: false, reason: `no python3 with Barman's modules (Debian packages barman and python3-barman: sudo scripts/e2e-setup.sh); tried ${tried.join('; ')}` };
}

/** The interpreter named on the #! line of the first `barman` on PATH (or /usr/bin/barman). */
function barmanShebang(): string[] {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/bin']) {
    const barman = join(dir, 'barman');
    if (dir === '' || !existsSync(barman)) continue;
    const m = /^#!\s*(\S+)/.exec(readFileSync(barman, 'utf8').split('\n', 1)[0]);
    return m && !m[1].endsWith('/env') ? [m[1]] : [];
  }
  return [];
}

export interface ParsedServer {
  readonly config: Record<string, unknown>;
  readonly msg_list: string[];
  readonly config_disabled: boolean;
  readonly retention_policy_object?: string | null;
  readonly server_msg_list?: string[];
  readonly server_disabled?: boolean;
  readonly server_error?: string;
}

/** What barman_parse.py prints. */
export interface BarmanParse {
  readonly barman_version: string | null;
  readonly fatal: string | null;
  readonly warnings: string[];
  readonly output_messages: string[];
  readonly servers_msg_list: string[];
  readonly global: { barman_home?: string; barman_user?: string; log_file?: string; configuration_files_directory?: string };
  readonly server_names: string[];
  readonly servers: Record<string, ParsedServer>;
}

export function runBarmanParse(python: string, barmanConf: string): BarmanParse {
  const script = join(repoRoot(), 'test', 'support', 'barman_parse.py');
  // no PostgreSQL connection is made; the timeout only guards against surprises
  const r = spawnSync(python, [script, barmanConf], { encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '2' }, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${python} ${script} ${barmanConf} exited ${r.status}: ${r.error?.message ?? ''}\n${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as BarmanParse;
}

/** runBarmanParse for many files in one python process (Barman is imported once): results in order. */
export function runBarmanParseMany(python: string, barmanConfs: readonly string[]): BarmanParse[] {
  if (barmanConfs.length === 0) return [];
  const script = join(repoRoot(), 'test', 'support', 'barman_parse_many.py');
  const r = spawnSync(python, [script, ...barmanConfs], { encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '2' }, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${python} ${script} (${barmanConfs.length} files) exited ${r.status}: ${r.error?.message ?? ''}\n${r.stderr}`);
  const parsed = JSON.parse(r.stdout) as BarmanParse[];
  if (parsed.length !== barmanConfs.length) throw new Error(`${script}: ${parsed.length} results for ${barmanConfs.length} files`);
  return parsed;
}

/**
 * Everything Barman complained about: a fatal error, warnings it logged or printed, path
 * conflicts, each server's message list, a disabled server. Empty means Barman took the files as
 * they are.
 */
export function barmanProblems(p: BarmanParse): string[] {
  const out: string[] = [];
  if (p.fatal !== null) out.push(`fatal: ${p.fatal}`);
  for (const w of p.warnings) out.push(`logged: ${w}`);
  for (const w of p.output_messages) out.push(`output: ${w}`);
  for (const m of p.servers_msg_list) out.push(`servers_msg_list: ${m}`);
  for (const [name, s] of Object.entries(p.servers)) {
    for (const m of s.msg_list) out.push(`[${name}] msg_list: ${m}`);
    if (s.config_disabled) out.push(`[${name}] disabled by its configuration`);
    if (s.server_error !== undefined) out.push(`[${name}] building the Server failed: ${s.server_error}`);
    for (const m of s.server_msg_list ?? []) out.push(`[${name}] server msg_list: ${m}`);
    if (s.server_disabled) out.push(`[${name}] server disabled`);
  }
  return out;
}

export interface BarmanCopy {
  readonly barmanConf: string;
  readonly confDir: string;
}

export const CONF_DIR_LINE = 'configuration_files_directory = /etc/barman.d';

/**
 * Copies a host's rendered /etc/barman.conf and /etc/barman.d/*.conf into `dir`, pointing
 * configuration_files_directory at the copy. That line is the only change (checked).
 */
export function copyBarmanFiles(hostDir: string, dir: string): BarmanCopy {
  const confDir = join(dir, 'barman.d');
  mkdirSync(confDir, { recursive: true });
  const original = readFileSync(join(hostDir, 'etc', 'barman.conf'), 'utf8');
  const rewritten = original.split('\n').map((l) => (l === CONF_DIR_LINE ? `configuration_files_directory = ${confDir}` : l));
  const changed = original.split('\n').filter((l, i) => l !== rewritten[i]).length;
  if (changed !== 1) throw new Error(`expected exactly one '${CONF_DIR_LINE}' line in ${hostDir}/etc/barman.conf, found ${changed}`);
  const barmanConf = join(dir, 'barman.conf');
  writeFileSync(barmanConf, rewritten.join('\n'));
  const src = join(hostDir, 'etc', 'barman.d');
  if (existsSync(src)) for (const f of readdirSync(src)) copyFileSync(join(src, f), join(confDir, f));
  return { barmanConf, confDir };
}

const DAY = 86_400;
/** Barman's parse_time_interval: a month is 31 days. */
function ageSeconds(age: string): number {
  const m = /^(\d+) (DAY|WEEK|MONTH)S?$/.exec(age);
  if (!m) throw new Error(`unexpected age '${age}' in the model`);
  return Number(m[1]) * { DAY, WEEK: 7 * DAY, MONTH: 31 * DAY }[m[2] as 'DAY' | 'WEEK' | 'MONTH'];
}

/** SPEC 3: `backup_` + S's name up to the first dot, '-' turned to '_'. */
export function specSlotName(serverName: string): string {
  return `backup_${serverName.split('.')[0].replace(/-/g, '_')}`;
}

/**
 * The effective value each ServerConfig attribute must have for one backed-up instance on one
 * Barman server, computed from the model's settings (not from the rendered text), in the form
 * barman_parse.py prints: booleans, integers, CSV options as sorted lists, ages in seconds, unset
 * as null.
 */
export function expectedServerConfig(edge: BackupEdge): Record<string, unknown> {
  const b = edge.instance;
  const s = b.settings;
  const server = edge.server.settings;
  const dsn = (user: string, attributes: string): string => `host=${b.address} port=${s.postgresPort} dbname=postgres user=${user}${attributes === '' ? '' : ` ${attributes}`}`;
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
    path_prefix: clientBinDir(edge.server, s.postgresVersion),
    barman_home: server.barmanHome,
    backup_directory: `${server.barmanHome}/${edge.backupName}`,
    recovery_options: ['get-wal'],
    // nothing this library does not manage sneaks in
    primary_ssh_command: null,
    primary_conninfo: null,
  };
}
