/** One command the probe ran: exit code, stdout, stderr. */
export interface CommandOutput {
    readonly rc: number;
    readonly out: string;
    readonly err: string;
}
/** What the probe script printed, by section (see probeScript). */
export interface ProbeOutput {
    /** the server's clock, seconds since the epoch */
    readonly now: number | null;
    /** where `barman` is on the server's PATH; null: not installed */
    readonly barmanPath: string | null;
    readonly version?: CommandOutput;
    readonly diagnose?: CommandOutput;
    readonly check?: CommandOutput;
    /** path -> sha256 hex, or null when the file is missing */
    readonly files: ReadonlyMap<string, string | null>;
    readonly cronFiles: readonly string[];
    readonly cronDaemonRunning: boolean;
    readonly overridesFile: string | null;
    /** the probe ran to its end (a truncated output means it was cut off) */
    readonly complete: boolean;
}
/** Splits the probe's stdout into its sections; lines before the first mark are ignored (motd). */
export declare function splitSections(stdout: string): Map<string, string>;
export declare function parseProbeOutput(stdout: string): ProbeOutput;
