import { BackupEdge, Instance } from '../model/graph';
import { BARMAN_DB_USER, STREAMING_DB_USER } from './barman-roles-sql';

/** The database passwords, or what stands for them where they must not appear. */
export interface DatabasePasswords {
  readonly barman: string;
  readonly streamingBarman: string;
}

export const PASSWORD_PLACEHOLDERS: DatabasePasswords = {
  barman: '<password of barman, generated or supplied, written at apply time>',
  streamingBarman: '<password of streaming_barman, generated or supplied, written at apply time>',
};

export function pgpassPath(server: Instance): string {
  return `${server.settings.barmanHome}/.pgpass`;
}

/** One block per backed-up instance, so removing the instance removes exactly its lines. */
export function pgpassBlockMarkers(clusterName: string, backupName: string): { begin: string; end: string } {
  return { begin: `# BEGIN cdktf-barman:${clusterName}:${backupName}`, end: `# END cdktf-barman:${clusterName}:${backupName}` };
}

/** libpq's .pgpass escapes '\' and ':' in every field. */
export function pgpassField(text: string): string {
  return text.replace(/[\\:]/g, (c) => `\\${c}`);
}

/** The .pgpass lines Barman needs for one instance: host and port exactly as in its conninfo. */
export function renderPgpassBlock(edge: BackupEdge, passwords: DatabasePasswords): string {
  const b = edge.instance;
  const host = pgpassField(b.address);
  const port = b.settings.postgresPort;
  return [
    `${host}:${port}:*:${BARMAN_DB_USER}:${pgpassField(passwords.barman)}`,
    `${host}:${port}:*:${STREAMING_DB_USER}:${pgpassField(passwords.streamingBarman)}`,
  ]
    .map((l) => `${l}\n`)
    .join('');
}
