import { BackupEdge } from '../model/graph';
import { Rendering, SETTING_DEFINITIONS } from '../model/settings';
import { BARMAN_CONF_DIR, renderSettingValue } from './barman-conf';
import { GLOBAL_DEFAULTS } from './global-defaults';
import { iniLine, iniValue, quotedIniValue } from './ini-value';
import { managedHeader } from './managed-header';
import { clientBinDir } from '../model/versions';

/** Free-text settings written quoted after the differing defaults, in the settings table's order. */
const QUOTED_SETTINGS = SETTING_DEFINITIONS.filter((def) => def.rendering === Rendering.QUOTED_IN_SECTION);

export function serverConfPath(edge: BackupEdge): string {
  return `${BARMAN_CONF_DIR}/${edge.backupName}.conf`;
}

function conninfo(edge: BackupEdge, user: string, attributes: string): string {
  const b = edge.instance;
  const base = `host=${b.address} port=${b.settings.postgresPort} dbname=postgres user=${user}`;
  return attributes === '' ? base : `${base} ${attributes}`;
}

/** /etc/barman.d/<backup_name>.conf: one backed-up instance on one Barman server. */
export function renderServerConf(edge: BackupEdge): string {
  const b = edge.instance;
  const s = b.settings;
  // Barman appends StrictHostKeyChecking=no; ssh keeps the first value, so ours wins
  const ssh = `ssh -q -o StrictHostKeyChecking=yes ${s.postgresUser}@${b.address} -p ${s.sshPort}`;
  const lines = [
    `[${edge.backupName}]`,
    iniLine('description', quotedIniValue(`Backups from ${b.name}`)),
    ...(s.archiver ? [iniLine('archiver', 'on')] : []),
    iniLine('ssh_command', quotedIniValue(ssh)),
    iniLine('conninfo', quotedIniValue(conninfo(edge, 'barman', s.clientDsnAttributes))),
    iniLine('streaming_conninfo', quotedIniValue(conninfo(edge, 'streaming_barman', s.streamingClientDsnAttributes))),
    iniLine('streaming_archiver', 'on'),
    iniLine('slot_name', quotedIniValue(edge.slotName)),
  ];
  for (const d of GLOBAL_DEFAULTS) {
    const value = s[d.def.prop] as string | number | boolean;
    if (value !== d.value) lines.push(iniLine(d.key, renderSettingValue(value)));
  }
  // the client binaries of the instance's major on this server; the global file has the server's own
  const binDir = clientBinDir(edge.server, s.postgresVersion);
  if (binDir !== edge.server.settings.postgresBinDir) lines.push(iniLine('path_prefix', iniValue(binDir)));
  for (const def of QUOTED_SETTINGS) {
    const value = s[def.prop];
    if (value !== undefined) lines.push(iniLine(def.barmanKey!, quotedIniValue(String(value))));
  }
  lines.push(iniLine('active', 'true'));
  return managedHeader(';', `backups of ${b.name} on ${edge.server.name}`) + lines.join('\n') + '\n';
}
