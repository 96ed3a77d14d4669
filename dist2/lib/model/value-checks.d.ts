import { SettingDefinition } from './settings';
export type Checked = {
    readonly ok: true;
    readonly value: string | number | boolean;
} | {
    readonly ok: false;
    readonly problem: string;
};
/** Whether a path (absolute, no '..') is a system directory or lies in a tree of system files. */
export declare function isSystemPath(path: string): boolean;
/** Whether text holds a control character or a line break of any reader (one rule for every text value). */
export declare function hasControlCharacter(text: string): boolean;
/**
 * Validates one var's value against its definition: the text or number config.yml gives, or the
 * typed API's value as it is (a RetentionPolicy, a MaximumAge, a list of backup options).
 */
export declare function checkValue(def: SettingDefinition, raw: unknown): Checked;
/** A TCP port: an integer 1..65535 (or its decimal digits as text). */
export declare function checkPort(raw: unknown): Checked;
