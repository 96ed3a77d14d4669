/**
 * The hostile-input matrix of issue 12: every config.yml key whose value reaches a file, a
 * command, a cron line, pg_hba.conf, authorized_keys or SQL, times a list of payloads. The
 * settings come from the one settings table (lib/model/settings.ts), so a new setting is covered
 * without touching this file; the instance-level keys are listed here.
 */
import { SettingDefinition } from '../../lib/model/settings';
export interface Payload {
    /** short name for test titles and the report */
    readonly name: string;
    readonly text: string;
    /** true: the payload is the whole value; false: it is appended to a valid value of the key */
    readonly whole: boolean;
}
export declare const PAYLOADS: readonly Payload[];
/** The value a case writes: the payload alone, or after a valid value of the key. */
export declare function hostileValue(key: HostileKey, p: Payload): string;
/** Where a key is written in config.yml. */
export declare enum Place {
    TOP = "top level",
    INSTANCE = "instance",
    VARS = "instance vars"
}
/** The three instances of the base config: a primary backed up to a Barman server, and a replica. */
export type Target = 'one' | 'two' | 'three';
export interface HostileKey {
    /** the key as config.yml spells it */
    readonly key: string;
    readonly place: Place;
    /** the instances it is written on (settings: on the backed-up instance and the Barman server) */
    readonly targets: readonly Target[];
    /** written as a one-item list */
    readonly list: boolean;
    /** a valid value, which the payloads are appended to (the base config may leave the key out) */
    readonly valid: string;
    /** keys a diagnostic about this value may name (the key, or the reference it breaks) */
    readonly diagnosticKeys: readonly string[];
    /** the setting, for settings */
    readonly setting?: SettingDefinition;
    /** the value may become a path component, a logical id or a file name */
    readonly nameLike: boolean;
}
/** Every key of the matrix, settings first. */
export declare const HOSTILE_KEYS: readonly HostileKey[];
/** `key (on one)` — the title of a key's group */
export declare function keyTitle(k: HostileKey): string;
/**
 * config.yml text: the seed example (examples/config.yml) plus a replica, with `value` written
 * as `key` (or the key absent, for the baseline, when `value` is undefined).
 */
export declare function configText(k: HostileKey | undefined, value: string | undefined): string;
/**
 * A YAML double-quoted scalar holding exactly `s`: JSON's escapes are YAML's, and everything
 * outside printable ASCII is written as \uXXXX so no reader can take U+2028 or U+0085 for a line break.
 */
export declare function yamlScalar(s: string): string;
/** Payloads that, were they not escaped, Terraform or cdktf would read as an expression. */
export declare function isTerraformPayload(p: Payload): boolean;
