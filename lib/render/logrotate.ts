import { Instance } from '../model/graph';
import { managedHeader } from './managed-header';

export const LOGROTATE_PATH = '/etc/logrotate.d/cdktf-barman';
/** the only file the Debian package's own logrotate rule covers */
export const PACKAGE_ROTATED_LOG = '/var/log/barman/barman.log';

/** A logrotate rule for Barman's log file, or undefined when the package already rotates it. */
export function renderLogrotate(server: Instance): string | undefined {
  const s = server.settings;
  if (s.logFile === PACKAGE_ROTATED_LOG) return undefined;
  return (
    managedHeader('#', `rotates Barman's log file on ${server.name}`) +
    [`${s.logFile} {`, '\tweekly', '\trotate 4', '\tcompress', '\tdelaycompress', '\tmissingok', '\tnotifempty', `\tcreate 0640 ${s.barmanUser} ${s.barmanGroup}`, '}', ''].join('\n')
  );
}
