"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GLOBAL_DEFAULTS = void 0;
const settings_1 = require("../model/settings");
/**
 * The settings /etc/barman.conf holds the defaults of (Rendering.GLOBAL_DEFAULT in the settings
 * table): [barman key, definition, default value] in the order the files list them. A per-server
 * file repeats a key only when its effective value differs, so both files read this one list.
 */
exports.GLOBAL_DEFAULTS = settings_1.SETTING_DEFINITIONS.filter((def) => def.rendering === settings_1.Rendering.GLOBAL_DEFAULT).map((def) => {
    if (def.barmanKey === undefined || def.defaultValue === undefined || typeof def.defaultValue === 'function') {
        throw new Error(`setting ${def.varName} is a global default but has no Barman key or no fixed default: give it both in the settings table`);
    }
    return { key: def.barmanKey, def, value: def.defaultValue };
});
