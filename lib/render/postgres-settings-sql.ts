import { BarmanGraph, Instance } from '../model/graph';

const sqlLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** archive_command of a backed-up instance with barman_archiver: one barman-wal-archive per server. */
export function archiveCommand(graph: BarmanGraph, b: Instance): string | undefined {
  if (!b.settings.archiver) return undefined;
  const edges = graph.edgesOfInstance(b);
  if (edges.length === 0) return undefined;
  return edges
    .map((e) => `barman-wal-archive -U ${e.server.settings.barmanUser} --port ${e.server.settings.sshPort} ${e.server.address} ${e.backupName} %p`)
    .join(' && ');
}

/** restore_command of a replica with barman_wal_restore. */
export function restoreCommand(graph: BarmanGraph, r: Instance): string | undefined {
  if (!r.settings.walRestore || r.upstream === undefined) return undefined;
  const e = graph.walRestoreEdge(r);
  if (!e) return undefined;
  return `barman-wal-restore -U ${e.server.settings.barmanUser} -z -p 8 --port ${e.server.settings.sshPort} ${e.server.address} ${e.backupName} %f %p`;
}

const HEADER = ['\\set ON_ERROR_STOP on', "SET client_min_messages = 'warning';"];

/** what ALTER SYSTEM wrote: current_setting() would show '(disabled)' while archive_mode is off */
const ours = (name: string, prefix: string) => `EXISTS (SELECT FROM pg_file_settings WHERE name = '${name}' AND setting LIKE '${prefix}%' AND sourcefile LIKE '%postgresql.auto.conf')`;

/** archive_mode on with no command would keep every WAL segment: it goes with the library's command */
const RESET_ARCHIVE = [
  `SELECT 'ALTER SYSTEM RESET archive_mode' WHERE ${ours('archive_command', 'barman-wal-archive')}\\gexec`,
  `SELECT 'ALTER SYSTEM RESET archive_command' WHERE ${ours('archive_command', 'barman-wal-archive')}\\gexec`,
];
const RESET_RESTORE = `SELECT 'ALTER SYSTEM RESET restore_command' WHERE ${ours('restore_command', 'barman-wal-restore')}\\gexec`;

/**
 * ALTER SYSTEM statements for the WAL commands the library owns. A command it set earlier and no
 * longer wants is reset; one set by someone else (not starting with barman-wal-) is left alone.
 */
export function renderPostgresSettingsSql(graph: BarmanGraph, p: Instance): string {
  const lines = [...HEADER];
  const archive = archiveCommand(graph, p);
  if (archive !== undefined) lines.push("ALTER SYSTEM SET archive_mode = 'on';", `ALTER SYSTEM SET archive_command = ${sqlLiteral(archive)};`);
  else lines.push(...RESET_ARCHIVE);
  const restore = restoreCommand(graph, p);
  lines.push(restore !== undefined ? `ALTER SYSTEM SET restore_command = ${sqlLiteral(restore)};` : RESET_RESTORE);
  lines.push('SELECT pg_reload_conf();', '');
  return lines.join('\n');
}

/** Every WAL command the library set, reset (an instance leaving Barman). */
export function renderWalCommandsResetSql(): string {
  return [...HEADER, ...RESET_ARCHIVE, RESET_RESTORE, 'SELECT pg_reload_conf();', ''].join('\n');
}
