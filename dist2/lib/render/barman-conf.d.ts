import { Instance } from '../model/graph';
export declare const BARMAN_CONF_PATH = "/etc/barman.conf";
export declare const BARMAN_CONF_DIR = "/etc/barman.d";
/** Renders a setting value the way the global and the per-server files write it. */
export declare function renderSettingValue(value: string | number | boolean): string;
/** /etc/barman.conf of a Barman server: one [barman] section of defaults. */
export declare function renderBarmanConf(server: Instance): string;
