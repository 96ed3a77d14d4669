/**
 * The settings table: one entry per setting says how config.yml names it, how its value is checked,
 * whose value counts, its default, how it lands in Barman's files and what the README says of it.
 * Parsing and validation (build-graph.ts, value-checks.ts), the typed API (typed-cluster.ts), the
 * Barman files (render/global-defaults.ts, server-conf.ts) and the README's options table
 * (settings-doc.ts) all read it.
 */
import { BarmanSettings, EffectiveSettings } from './barman-settings';
/** How a var's value is checked and turned into its typed form. */
export declare enum ValueKind {
    BOOLEAN = "boolean",
    INTEGER = "integer",
    PORT = "port",
    ENUM = "enum",
    BACKUP_OPTIONS = "backup options",
    RETENTION = "retention policy",
    AGE = "age",
    SCHEDULE = "cron schedule",
    /** absolute path that also lands in shell scripts: a conservative character set */
    SAFE_PATH = "path",
    /** free text written as a double-quoted Barman value */
    QUOTED_TEXT = "text",
    /** libpq key=value attributes */
    DSN_ATTRIBUTES = "dsn attributes",
    OS_NAME = "user or group name",
    BACKUP_NAME = "backup name"
}
/** Whose value of a setting counts (each instance resolves every setting; this says who reads it). */
export declare enum SettingScope {
    /** the Barman server's own: its global file and what it does for all its instances */
    BARMAN_SERVER = "Barman server",
    /** the backed-up instance's: its section, cron file and activation on each of its Barman servers */
    BACKED_UP_INSTANCE = "backed-up instance",
    /** a Postgres instance's own Postgres side (pg_hba.conf, restore_command, its OS user) */
    POSTGRES_INSTANCE = "Postgres instance",
    /** each host's own, whatever its roles */
    EVERY_HOST = "every host"
}
/** How a setting lands in Barman's configuration files. */
export declare enum Rendering {
    /** /etc/barman.conf holds the default; a server's section repeats its value when it differs */
    GLOBAL_DEFAULT = "global default",
    /** a server's section, double-quoted, when set */
    QUOTED_IN_SECTION = "quoted in the section",
    /** a line the file's own renderer writes (barman-conf.ts, server-conf.ts) */
    OWN_LINE = "own line",
    /** in no Barman file (cron, pg_hba.conf, the scripts) */
    NOT_IN_BARMAN_FILES = "not in Barman files"
}
type DefaultValue = string | number | boolean;
export interface SettingDefinition {
    readonly varName: string;
    readonly prop: keyof EffectiveSettings;
    readonly kind: ValueKind;
    readonly scope: SettingScope;
    readonly rendering: Rendering;
    /** undefined: unset unless given; function: derived from the other settings (of the entries above it) */
    readonly defaultValue?: DefaultValue | ((s: Partial<EffectiveSettings>, instanceName: string) => DefaultValue);
    readonly values?: readonly string[];
    readonly min?: number;
    /** a path the root-run scripts chown to the Barman or postgres user (itself or a file in it): never a system path */
    readonly chowned?: boolean;
    /** set in an instance's vars only: it names that one instance */
    readonly instanceOnly?: boolean;
    /** a backed-up instance and its Barman servers must agree on it (the account owning the files on the server) */
    readonly sameOnBarmanServer?: boolean;
    /** read at the top level of config.yml too, under cluster_vars (as TPA reads it) */
    readonly topLevelToo?: boolean;
    /** the Barman key it lands in, when it lands in a Barman file */
    readonly barmanKey?: string;
    /** the default as the README shows it, when it is not the default value itself */
    readonly shownDefault?: string;
    /** the README's meaning; `{values}` stands for the allowed values */
    readonly description: string;
}
/** The settings in table order (default functions see the entries above them). */
export declare const SETTING_DEFINITIONS: readonly SettingDefinition[];
export declare const SETTING_BY_PROP: ReadonlyMap<string, SettingDefinition>;
export declare const SETTING_BY_VAR: ReadonlyMap<string, SettingDefinition>;
/** The programs Barman runs for each compression (the py* ones are built into Barman). */
export declare const COMPRESSOR_PROGRAMS: ReadonlyMap<string, string>;
/** A var holding a list, read by the graph builder itself (an instance prop in the typed API). */
export interface ListVar {
    readonly varName: string;
    readonly prop: string;
    /** for the README's options table; undefined: documented elsewhere */
    readonly doc?: {
        readonly scope: SettingScope;
        readonly shownDefault: string;
        readonly description: string;
    };
}
export declare const LIST_VAR_DEFINITIONS: readonly ListVar[];
/** vars holding lists, read by the graph builder itself */
export declare const LIST_VARS: readonly string[];
/** TPA vars this library reads no meaning from; accepted so real TPA files load, with a warning. */
export declare const IGNORED_TPA_BARMAN_VARS: readonly string[];
export { type BarmanSettings, type EffectiveSettings };
