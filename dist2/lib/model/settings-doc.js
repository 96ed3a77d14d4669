"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.settingsTableMarkdown = settingsTableMarkdown;
/**
 * The README's options table, written from the settings table (a test checks the README holds
 * exactly this text, so the docs cannot drift from what the code reads).
 */
const settings_1 = require("./settings");
const HEADER = ['| var | read from | typed | default | meaning |', '|---|---|---|---|---|'];
/** Markdown cell text: a '|' would end the cell. */
const cell = (text) => text.replace(/\|/g, '\\|');
const code = (text) => `\`${text}\``;
/** `a`, `b` or `c` */
function choices(values) {
    const shown = values.map(code);
    return shown.length < 2 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}
function shownDefault(def) {
    if (def.shownDefault !== undefined)
        return def.shownDefault;
    if (def.defaultValue === undefined)
        return '(unset)';
    if (typeof def.defaultValue === 'function') {
        throw new Error(`setting ${def.varName} has a derived default: give it a shownDefault in the settings table (how the README names it)`);
    }
    return String(def.defaultValue);
}
function meaning(def) {
    const notes = [
        ...(def.kind === settings_1.ValueKind.INTEGER && def.min !== undefined ? [`>= ${def.min}`] : []),
        ...(def.sameOnBarmanServer ? ['must match on instance and server: set it in `cluster_vars`'] : []),
        ...(def.topLevelToo ? ['also read at the top level of config.yml'] : []),
    ];
    const text = def.description.replace('{values}', choices(def.values ?? []));
    return notes.length === 0 ? text : `${text} (${notes.join('; ')})`;
}
const row = (cells) => `| ${cells.map(cell).join(' | ')} |`;
/** The options table of README.md's "Settings" section, one row per setting, then the documented list vars. */
function settingsTableMarkdown() {
    const settings = settings_1.SETTING_DEFINITIONS.map((def) => row([code(def.varName), def.scope, code(def.prop), shownDefault(def), meaning(def)]));
    const lists = settings_1.LIST_VAR_DEFINITIONS.flatMap((v) => (v.doc === undefined ? [] : [row([code(v.varName), v.doc.scope, `${code(v.prop)} (instance prop)`, v.doc.shownDefault, v.doc.description])]));
    return [...HEADER, ...settings, ...lists].join('\n') + '\n';
}
