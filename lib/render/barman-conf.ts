import { Instance } from '../model/graph';
import { GLOBAL_DEFAULTS } from './global-defaults';
import { iniBoolean, iniLine, iniValue } from './ini-value';
import { managedHeader } from './managed-header';

export const BARMAN_CONF_PATH = '/etc/barman.conf';
export const BARMAN_CONF_DIR = '/etc/barman.d';

/** Renders a setting value the way the global and the per-server files write it. */
export function renderSettingValue(value: string | number | boolean): string {
  return typeof value === 'boolean' ? iniBoolean(value) : iniValue(String(value));
}

/** /etc/barman.conf of a Barman server: one [barman] section of defaults. */
export function renderBarmanConf(server: Instance): string {
  const s = server.settings;
  const lines = [
    '[barman]',
    iniLine('barman_home', iniValue(s.barmanHome)),
    iniLine('barman_user', iniValue(s.barmanUser)),
    iniLine('log_file', iniValue(s.logFile)),
    '',
    ...GLOBAL_DEFAULTS.map((d) => iniLine(d.key, renderSettingValue(d.value))),
    '',
    iniLine('recovery_options', "'get-wal'"),
    iniLine('configuration_files_directory', BARMAN_CONF_DIR),
    iniLine('path_prefix', iniValue(s.postgresBinDir)),
  ];
  return managedHeader(';', `Barman's global settings on ${server.name}`) + lines.join('\n') + '\n';
}
