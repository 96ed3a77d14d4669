/**
 * The settings /etc/barman.conf holds the defaults of (Rendering.GLOBAL_DEFAULT in the settings
 * table): [barman key, definition, default value] in the order the files list them. A per-server
 * file repeats a key only when its effective value differs, so both files read this one list.
 */
export declare const GLOBAL_DEFAULTS: {
    key: string;
    def: import("../model/settings").SettingDefinition;
    value: string | number | boolean;
}[];
