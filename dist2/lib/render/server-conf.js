"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serverConfPath = serverConfPath;
exports.renderServerConf = renderServerConf;
const settings_1 = require("../model/settings");
const barman_conf_1 = require("./barman-conf");
const global_defaults_1 = require("./global-defaults");
const ini_value_1 = require("./ini-value");
const managed_header_1 = require("./managed-header");
/** Free-text settings written quoted after the differing defaults, in the settings table's order. */
const QUOTED_SETTINGS = settings_1.SETTING_DEFINITIONS.filter((def) => def.rendering === settings_1.Rendering.QUOTED_IN_SECTION);
function serverConfPath(edge) {
    return `${barman_conf_1.BARMAN_CONF_DIR}/${edge.backupName}.conf`;
}
function conninfo(edge, user, attributes) {
    const b = edge.instance;
    const base = `host=${b.address} port=${b.settings.postgresPort} dbname=postgres user=${user}`;
    return attributes === '' ? base : `${base} ${attributes}`;
}
/** /etc/barman.d/<backup_name>.conf: one backed-up instance on one Barman server. */
function renderServerConf(edge) {
    const b = edge.instance;
    const s = b.settings;
    // Barman appends StrictHostKeyChecking=no; ssh keeps the first value, so ours wins
    const ssh = `ssh -q -o StrictHostKeyChecking=yes ${s.postgresUser}@${b.address} -p ${s.sshPort}`;
    const lines = [
        `[${edge.backupName}]`,
        (0, ini_value_1.iniLine)('description', (0, ini_value_1.quotedIniValue)(`Backups from ${b.name}`)),
        ...(s.archiver ? [(0, ini_value_1.iniLine)('archiver', 'on')] : []),
        (0, ini_value_1.iniLine)('ssh_command', (0, ini_value_1.quotedIniValue)(ssh)),
        (0, ini_value_1.iniLine)('conninfo', (0, ini_value_1.quotedIniValue)(conninfo(edge, 'barman', s.clientDsnAttributes))),
        (0, ini_value_1.iniLine)('streaming_conninfo', (0, ini_value_1.quotedIniValue)(conninfo(edge, 'streaming_barman', s.streamingClientDsnAttributes))),
        (0, ini_value_1.iniLine)('streaming_archiver', 'on'),
        (0, ini_value_1.iniLine)('slot_name', (0, ini_value_1.quotedIniValue)(edge.slotName)),
    ];
    for (const d of global_defaults_1.GLOBAL_DEFAULTS) {
        const value = s[d.def.prop];
        if (value !== d.value)
            lines.push((0, ini_value_1.iniLine)(d.key, (0, barman_conf_1.renderSettingValue)(value)));
    }
    for (const def of QUOTED_SETTINGS) {
        const value = s[def.prop];
        if (value !== undefined)
            lines.push((0, ini_value_1.iniLine)(def.barmanKey, (0, ini_value_1.quotedIniValue)(String(value))));
    }
    lines.push((0, ini_value_1.iniLine)('active', 'true'));
    return (0, managed_header_1.managedHeader)(';', `backups of ${b.name} on ${edge.server.name}`) + lines.join('\n') + '\n';
}
