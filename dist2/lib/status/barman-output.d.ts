import { CheckResult } from './report';
/** One backup as `barman diagnose` lists it. */
export interface DiagnosedBackup {
    readonly id: string;
    /** DONE, WAITING_FOR_WALS, FAILED, STARTED, ... */
    readonly status: string;
    /** seconds since the epoch; null while it runs */
    readonly endTime: number | null;
}
/** What Barman 3.4's `barman diagnose` says of one server (only what status reports). */
export interface DiagnosedServer {
    readonly backups: readonly DiagnosedBackup[];
    /** Barman's `replication_slot` of the server's remote status: null when unknown or missing */
    readonly slot: {
        readonly name: string;
        readonly active: boolean | null;
        readonly restartLsn: string | null;
    } | null;
    /** PostgreSQL answered (the remote status has a server version) */
    readonly postgresReachable: boolean;
    readonly connectionError: string | null;
    /** the newest archived WAL file over every timeline */
    readonly lastArchivedWal: string | null;
}
export interface Diagnosis {
    readonly barmanVersion: string | null;
    /** configuration errors Barman collected */
    readonly errors: readonly string[];
    readonly servers: ReadonlyMap<string, DiagnosedServer>;
}
/** Parses `barman diagnose` (Barman 3.4 prints one JSON document). */
export declare function parseDiagnose(text: string): Diagnosis;
export interface CheckOutput {
    /** server name -> its checks in Barman's order */
    readonly servers: ReadonlyMap<string, readonly CheckResult[]>;
    /** Barman's `_ERROR` messages (e.g. `Unknown server 'pg2'`) */
    readonly errors: readonly string[];
}
/** Parses `barman -f json check NAME...`: `{NAME: {check_key: {status, hint}}, _ERROR: [...]}`. */
export declare function parseCheckJson(text: string): CheckOutput;
