import { Instance } from '../model/graph';
export declare const LOGROTATE_PATH = "/etc/logrotate.d/cdktf-barman";
/** the only file the Debian package's own logrotate rule covers */
export declare const PACKAGE_ROTATED_LOG = "/var/log/barman/barman.log";
/** A logrotate rule for Barman's log file, or undefined when the package already rotates it. */
export declare function renderLogrotate(server: Instance): string | undefined;
