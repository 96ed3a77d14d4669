/**
 * Barman as an operator (or cron) runs it on the Barman server: always as the barman OS user,
 * inside that host, with the configuration the apply wrote. Plus recovery of a backup into a
 * directory and starting it as a PostgreSQL instance.
 */
import type { PostgresInstance, RunResult, SandboxHost } from './harness/hosts';
export interface CheckLine {
    readonly name: string;
    readonly ok: boolean;
    readonly detail: string;
}
/**
 * The checks that fail on a correctly configured server before its first backup (barman-facts.md):
 * no backup yet is not a configuration error.
 */
export declare const EXPECTED_BEFORE_FIRST_BACKUP: string[];
/** `barman check` output: "\tNAME: OK" / "\tNAME: FAILED (detail)". */
export declare function parseCheck(stdout: string): CheckLine[];
export declare class BarmanCli {
    readonly host: SandboxHost;
    readonly user: string;
    constructor(host: SandboxHost, user?: string);
    /** runs `barman ARGS` as the barman user inside the Barman host */
    run(args: string, timeoutMs?: number): Promise<RunResult>;
    must(args: string, timeoutMs?: number): Promise<string>;
    check(server: string): Promise<{
        code: number | null;
        lines: CheckLine[];
        output: string;
    }>;
    /** backup ids, newest first */
    backupIds(server: string): Promise<string[]>;
    /** "DONE", "WAITING_FOR_WALS", "FAILED", ... */
    backupStatus(server: string, id: string): Promise<string>;
    /** a `barman show-server` value, e.g. retention_policy */
    showServerValue(server: string, key: string): Promise<string | undefined>;
}
export interface RecoveredInstance {
    readonly dataDir: string;
    readonly socketDir: string;
    readonly port: number;
    /** psql as the barman role (peer authentication of the recovered pg_hba) */
    psql(sql: string): Promise<string>;
    stop(): Promise<void>;
}
/**
 * Starts a recovered data directory as a PostgreSQL instance of its own, as the user who owns it
 * (barman for a local recovery on the Barman host, postgres for a remote one), on another port and
 * without TCP; waits until recovery has finished.
 */
export declare function startRecovered(host: SandboxHost, binDir: string, dataDir: string, socketDir: string, port: number, user?: string): Promise<RecoveredInstance>;
/**
 * Runs `fn` while the instances see a light write load (one small INSERT every 300 ms into
 * e2e_tick). An idle PostgreSQL writes WAL only every 15 s (running-xacts snapshots), and
 * pg_receivewal closes a switched segment only when WAL of the next one arrives: without any
 * traffic every `switch-wal --archive` and `backup --wait` waits for that. A production server
 * has traffic; Barman does the same work either way.
 */
export declare function withWalTraffic<T>(pgs: readonly PostgresInstance[], fn: () => Promise<T>): Promise<T>;
