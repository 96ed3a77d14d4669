import { BackupEdge, Instance } from '../model/graph';
/** The database passwords, or what stands for them where they must not appear. */
export interface DatabasePasswords {
    readonly barman: string;
    readonly streamingBarman: string;
}
export declare const PASSWORD_PLACEHOLDERS: DatabasePasswords;
export declare function pgpassPath(server: Instance): string;
/** One block per backed-up instance, so removing the instance removes exactly its lines. */
export declare function pgpassBlockMarkers(clusterName: string, backupName: string): {
    begin: string;
    end: string;
};
/** libpq's .pgpass escapes '\' and ':' in every field. */
export declare function pgpassField(text: string): string;
/** The .pgpass lines Barman needs for one instance: host and port exactly as in its conninfo. */
export declare function renderPgpassBlock(edge: BackupEdge, passwords: DatabasePasswords): string;
