"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BARMAN_CONF_DIR = exports.BARMAN_CONF_PATH = void 0;
exports.renderSettingValue = renderSettingValue;
exports.renderBarmanConf = renderBarmanConf;
const global_defaults_1 = require("./global-defaults");
const ini_value_1 = require("./ini-value");
const managed_header_1 = require("./managed-header");
exports.BARMAN_CONF_PATH = '/etc/barman.conf';
exports.BARMAN_CONF_DIR = '/etc/barman.d';
/** Renders a setting value the way the global and the per-server files write it. */
function renderSettingValue(value) {
    return typeof value === 'boolean' ? (0, ini_value_1.iniBoolean)(value) : (0, ini_value_1.iniValue)(String(value));
}
/** /etc/barman.conf of a Barman server: one [barman] section of defaults. */
function renderBarmanConf(server) {
    const s = server.settings;
    const lines = [
        '[barman]',
        (0, ini_value_1.iniLine)('barman_home', (0, ini_value_1.iniValue)(s.barmanHome)),
        (0, ini_value_1.iniLine)('barman_user', (0, ini_value_1.iniValue)(s.barmanUser)),
        (0, ini_value_1.iniLine)('log_file', (0, ini_value_1.iniValue)(s.logFile)),
        '',
        ...global_defaults_1.GLOBAL_DEFAULTS.map((d) => (0, ini_value_1.iniLine)(d.key, renderSettingValue(d.value))),
        '',
        (0, ini_value_1.iniLine)('recovery_options', "'get-wal'"),
        (0, ini_value_1.iniLine)('configuration_files_directory', exports.BARMAN_CONF_DIR),
        (0, ini_value_1.iniLine)('path_prefix', (0, ini_value_1.iniValue)(s.postgresBinDir)),
    ];
    return (0, managed_header_1.managedHeader)(';', `Barman's global settings on ${server.name}`) + lines.join('\n') + '\n';
}
