/**
 * Barman reads its files with Python's ConfigParser (basic interpolation): a lone '%' aborts Barman
 * for every server, so it is doubled. Barman strips one pair of outer quotes, so a double-quoted
 * value keeps spaces, '$', '${...}' and single quotes literally. Newlines and double quotes inside
 * quoted values are rejected by validation before anything is rendered.
 */
export declare function iniValue(text: string): string;
export declare function quotedIniValue(text: string): string;
/** Barman accepts true/false in any case; lower-case reads best. */
export declare function iniBoolean(value: boolean): string;
export declare function iniLine(key: string, value: string): string;
