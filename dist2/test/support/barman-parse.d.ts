import { BackupEdge } from '../../lib/model/graph';
export type BarmanPython = {
    readonly ok: true;
    readonly python: string;
    readonly version: string;
} | {
    readonly ok: false;
    readonly reason: string;
};
/**
 * The Python that has Barman's modules: the interpreter of the `barman` command (its #! line),
 * then /usr/bin/python3, then python3 on PATH (which may be a pyenv or venv python without them).
 */
export declare function findBarmanPython(): BarmanPython;
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
    readonly global: {
        barman_home?: string;
        barman_user?: string;
        log_file?: string;
        configuration_files_directory?: string;
    };
    readonly server_names: string[];
    readonly servers: Record<string, ParsedServer>;
}
export declare function runBarmanParse(python: string, barmanConf: string): BarmanParse;
/** runBarmanParse for many files in one python process (Barman is imported once): results in order. */
export declare function runBarmanParseMany(python: string, barmanConfs: readonly string[]): BarmanParse[];
/**
 * Everything Barman complained about: a fatal error, warnings it logged or printed, path
 * conflicts, each server's message list, a disabled server. Empty means Barman took the files as
 * they are.
 */
export declare function barmanProblems(p: BarmanParse): string[];
export interface BarmanCopy {
    readonly barmanConf: string;
    readonly confDir: string;
}
export declare const CONF_DIR_LINE = "configuration_files_directory = /etc/barman.d";
/**
 * Copies a host's rendered /etc/barman.conf and /etc/barman.d/*.conf into `dir`, pointing
 * configuration_files_directory at the copy. That line is the only change (checked).
 */
export declare function copyBarmanFiles(hostDir: string, dir: string): BarmanCopy;
/** SPEC 3: `backup_` + S's name up to the first dot, '-' turned to '_'. */
export declare function specSlotName(serverName: string): string;
/**
 * The effective value each ServerConfig attribute must have for one backed-up instance on one
 * Barman server, computed from the model's settings (not from the rendered text), in the form
 * barman_parse.py prints: booleans, integers, CSV options as sorted lists, ages in seconds, unset
 * as null.
 */
export declare function expectedServerConfig(edge: BackupEdge): Record<string, unknown>;
