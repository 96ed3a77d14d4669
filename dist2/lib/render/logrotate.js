"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PACKAGE_ROTATED_LOG = exports.LOGROTATE_PATH = void 0;
exports.renderLogrotate = renderLogrotate;
const managed_header_1 = require("./managed-header");
exports.LOGROTATE_PATH = '/etc/logrotate.d/cdktf-barman';
/** the only file the Debian package's own logrotate rule covers */
exports.PACKAGE_ROTATED_LOG = '/var/log/barman/barman.log';
/** A logrotate rule for Barman's log file, or undefined when the package already rotates it. */
function renderLogrotate(server) {
    const s = server.settings;
    if (s.logFile === exports.PACKAGE_ROTATED_LOG)
        return undefined;
    return ((0, managed_header_1.managedHeader)('#', `rotates Barman's log file on ${server.name}`) +
        [`${s.logFile} {`, '\tweekly', '\trotate 4', '\tcompress', '\tdelaycompress', '\tmissingok', '\tnotifempty', `\tcreate 0640 ${s.barmanUser} ${s.barmanGroup}`, '}', ''].join('\n'));
}
