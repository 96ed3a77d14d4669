"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.iniValue = iniValue;
exports.quotedIniValue = quotedIniValue;
exports.iniBoolean = iniBoolean;
exports.iniLine = iniLine;
/**
 * Barman reads its files with Python's ConfigParser (basic interpolation): a lone '%' aborts Barman
 * for every server, so it is doubled. Barman strips one pair of outer quotes, so a double-quoted
 * value keeps spaces, '$', '${...}' and single quotes literally. Newlines and double quotes inside
 * quoted values are rejected by validation before anything is rendered.
 */
function iniValue(text) {
    return text.replace(/%/g, '%%');
}
function quotedIniValue(text) {
    return `"${iniValue(text)}"`;
}
/** Barman accepts true/false in any case; lower-case reads best. */
function iniBoolean(value) {
    return value ? 'true' : 'false';
}
function iniLine(key, value) {
    return `${key} = ${value}`;
}
