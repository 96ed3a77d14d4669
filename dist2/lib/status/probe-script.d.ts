/** Marks the start of each section of the probe's output: `@@cdktf-barman-status NAME`. */
export declare const SECTION_MARK = "@@cdktf-barman-status";
export interface ProbeInput {
    /** Barman server names (`backup_name`) the config puts on this host */
    readonly backupNames: readonly string[];
    /** whole files the stack writes there, to hash (sha256) for drift */
    readonly files: readonly string[];
    readonly barmanHome: string;
    /** seconds; PGCONNECT_TIMEOUT of Barman's connections to PostgreSQL */
    readonly connectTimeout: number;
}
/**
 * The POSIX sh script one ssh session runs on a Barman server (sent on stdin to `sh -s`, as root
 * or through `sudo -n`). It only reads: Barman as root (Barman drops to barman_user itself),
 * `barman diagnose` (JSON) and `barman -f json check`, the clock, cron, and the sha256 of the
 * stack's whole files. It never reads keys or ~barman/.pgpass (Barman's libpq does, for its own
 * connections). Output: sections, each introduced by a SECTION_MARK line; each command gives
 * `NAME.rc`, `NAME.out` and `NAME.err`. No `set -e`: `barman check` exits 1 on a failed check,
 * and the probe must report it rather than stop.
 */
export declare function probeScript(input: ProbeInput): string;
