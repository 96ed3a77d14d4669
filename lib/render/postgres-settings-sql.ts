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

/**
 * ALTER SYSTEM statements for the WAL commands the library owns. A command it set earlier and no
 * longer wants is reset; one set by someone else (not starting with barman-wal-) is left alone.
 */
export function renderPostgresSettingsSql(graph: BarmanGraph, p: Instance): string {
  const lines = ['\\set ON_ERROR_STOP on', "SET client_min_messages = 'warning';"];
  const manage = (name: string, prefix: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`ALTER SYSTEM SET ${name} = ${sqlLiteral(value)};`);
    else lines.push(`SELECT 'ALTER SYSTEM RESET ${name}' WHERE current_setting('${name}') LIKE '${prefix}%'\\gexec`);
  };
  const archive = archiveCommand(graph, p);
  if (archive !== undefined) lines.push("ALTER SYSTEM SET archive_mode = 'on';");
  manage('archive_command', 'barman-wal-archive', archive);
  manage('restore_command', 'barman-wal-restore', restoreCommand(graph, p));
  lines.push('SELECT pg_reload_conf();', '');
  return lines.join('\n');
}
