/** TPA's normalisation of instance names: lower-case, '_' to '-'. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

const LABEL = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const HOST_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9a-fA-F:]+(?:%[A-Za-z0-9]+)?$/;

/** A dotted-quad IPv4 address, each part 0-255. */
export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** A host name as DNS and TPA accept it (dotted FQDNs allowed), at most 253 characters. */
export function isHostName(name: string): boolean {
  return name.length <= 253 && HOST_NAME.test(name) && name.split('.').every((l) => l.length <= 63);
}

/** What may stand after `host=` in a conninfo and after `user@` in ssh. */
export function isAddress(text: string): boolean {
  // all digits and dots is meant as an IPv4 address (a DNS name's last label is never all-numeric): 10.0.0.300 is a typo
  if (/^[0-9.]+$/.test(text)) return IPV4.test(text);
  return isHostName(text.toLowerCase()) || IPV4.test(text) || (text.includes(':') && IPV6.test(text));
}

/** The name up to the first dot. */
export function shortName(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
}

/** Replication slot of a Barman server: `backup_` + its short name with '-' turned to '_'. */
export function slotName(barmanServerName: string): string {
  return `backup_${shortName(barmanServerName).replace(/-/g, '_')}`;
}

/** cron ignores /etc/cron.d names with anything outside [A-Za-z0-9_-]. */
export function cronFileName(backupName: string): string {
  return backupName.replace(/[^A-Za-z0-9_-]/g, '_');
}
