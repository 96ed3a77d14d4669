import { ClusterSpec, InstanceSpec, Located } from './cluster-spec';
import { DiagnosticBag, InvalidConfigError, Severity, SourcePosition, didYouMean, showValue, sortDiagnostics } from './diagnostics';
import { BackupMethod, HbaMethod, POSTGRES_ROLES, ReuseBackup, Role } from './enums';
import { BackupEdge, BarmanGraph, Instance } from './graph';
import { MAX_FILE_NAME_BYTES, cronFileName, isAddress, isHostKeyLine, isHostName, slotName } from './names';
import { backupSchedules } from './backup-stagger';
import { drillClash, scheduleWarnings } from './schedule-checks';
import { isFromPattern } from './ip-patterns';
import { EffectiveSettings, IGNORED_TPA_BARMAN_VARS, LIST_VARS, SETTING_BY_VAR, SETTING_DEFINITIONS, SettingDefinition, SettingScope, ValueKind } from './settings';
import { RetentionPolicy } from './periods';
import { checkValue, hasControlCharacter } from './value-checks';
import { NEWEST_POSTGRES_MAJOR, compareVersions } from './versions';
import { checkLiteralValues, containsToken, isStringToken } from './literal-text';
import { TokenCheck, TokenRule } from './token-checks';
import { logicalIdCollisions } from './logical-ids';
import { ConnectionVars, checkConnectionVarNames, connectionVars } from './connection-vars';

const CLUSTER_NAME = /^[_a-zA-Z0-9-]+$/;
const CONTROL = /[\x00-\x1f\x7f]/;
/** settings a Barman server reads from its own vars; the rest only matter on backed-up or Postgres instances */
const READ_ON_BARMAN_SERVERS: readonly SettingScope[] = [SettingScope.BARMAN_SERVER, SettingScope.EVERY_HOST];
/** /etc/cron.d files that common packages ship: a backup cron file of that name would replace theirs */
const DISTRO_CRON_FILES = ['e2scrub_all', 'sysstat', 'php', 'popularity-contest', 'anacron', '0hourly', 'raid-check', 'mdadm', 'certbot', 'zfsutils-linux', 'logrotate', 'apt-compat', 'dpkg', 'man-db'];
/**
 * room kept for what is added to a name in a file name: the library's '.cdktf-barman-backup-NAME.lock'
 * (26 bytes) and 'CLUSTER.managed', Barman's '.NAME-receive-wal.lock' (18)
 */
const FILE_NAME_AFFIXES = 32;
const MAX_NAME_IN_FILE_NAME = MAX_FILE_NAME_BYTES - FILE_NAME_AFFIXES;
/** Linux caps replication slot names at NAMEDATALEN - 1 */
const MAX_SLOT_NAME = 63;

/**
 * Validates the input graph and resolves every instance's settings. Reports every problem at once
 * (throws InvalidConfigError) and never returns a partly valid graph.
 */
export function buildGraph(spec: ClusterSpec): BarmanGraph {
  const bag = new DiagnosticBag(spec.file);
  bag.addAll(spec.diagnostics ?? []);
  checkLiteralValues(spec, bag);
  const clusterName = spec.clusterName.value;
  if (!CLUSTER_NAME.test(clusterName)) {
    bag.error(`cluster name ${showValue(clusterName)} may contain only letters, digits, '_' and '-'`, { key: 'cluster_name', position: spec.clusterName.where });
  }

  checkFileNameLength(clusterName, 'cluster_name', 'it names the list of managed files on every host', bag, { key: 'cluster_name', position: spec.clusterName.where });
  checkVarNames(spec.clusterVars, undefined, bag);
  const clusterValues = checkVars(spec.clusterVars, undefined, bag);
  checkConnectionVarNames(spec.clusterVars, undefined, bag);
  const clusterConnection = connectionVars(spec.clusterVars, undefined, bag);

  const seen = new Map<string, InstanceSpec>();
  const instances: Instance[] = [];
  const tokenChecks: TokenCheck[] = [];
  // the loader already said what is wrong with a missing or non-string Name: no follow-on error about the stand-in
  const badNames = new Set((spec.diagnostics ?? []).filter((d) => d.severity === Severity.ERROR && d.key === 'Name' && d.instance !== undefined).map((d) => d.instance));
  for (const i of spec.instances) {
    const name = i.name.value;
    // the name is the default address: 10.0.0.300 or 127.1 would be one pg_hba.conf reads differently
    if (!badNames.has(i.givenName) && (!isHostName(name) || !isAddress(name))) {
      bag.error(`name ${showValue(i.givenName)} is not a valid host name: use lower-case letters, digits and '-', in dot-separated labels that start and end with a letter or digit`, { instance: i.givenName, key: 'Name', position: i.name.where });
    }
    const twin = seen.get(name);
    if (twin) {
      const at = twin.name.where ? ` (first at line ${twin.name.where.line})` : '';
      bag.error(`duplicate instance name ${showValue(name)}${at}; names are compared lower-cased with '_' as '-': rename one`, { instance: i.givenName, key: 'Name', position: i.name.where });
    }
    seen.set(name, i);
    if (isHbaKeyword(name)) {
      bag.error(`name ${showValue(name)} is a pg_hba.conf keyword (all, samehost, samenet) that would match far more clients than this host wherever the name stands for its address ('all' is also Barman's reserved server name): rename the instance`, { instance: i.givenName, key: 'Name', position: i.name.where });
    }
    const inst = resolveInstance(i, clusterValues, clusterConnection, bag, tokenChecks);
    instances.push(inst);
    if (inst.isPostgres && inst.settings.hbaMethod === HbaMethod.CERT && !inst.settings.hbaHostssl) {
      const at = i.vars.get('barman_hba_method') ?? spec.clusterVars.get('barman_hba_method');
      bag.error("barman_hba_method 'cert' works only on TLS connections (hostssl lines): set barman_hba_hostssl: true, or use scram-sha-256", { instance: i.givenName, key: 'barman_hba_method', position: at?.where });
    }
  }

  // instances leaving Barman (barman_retired) take no further part: the graph keeps them aside
  const retired = retiredInstances(spec, instances, bag);
  const retiredNames = new Set(retired.map((i) => i.name));
  const keep = instances.map((i) => !retiredNames.has(i.name));
  const live: ClusterSpec = { ...spec, instances: spec.instances.filter((_, k) => keep[k]) };
  const liveInstances = instances.filter((_, k) => keep[k]);

  const byName = new Map(liveInstances.map((i) => [i.name, i]));
  warnPackageLogRotation(liveInstances, bag);
  checkUpstreams(live, byName, retiredNames, bag);
  const { edges, origins } = buildEdges(live, liveInstances, byName, retiredNames, bag);
  checkServers(edges, origins, bag);
  checkBarmanVersions(spec, instances, edges, bag);
  checkLogicalIds(edges, origins, instances, bag);
  checkBackupNameLengths(live, liveInstances, bag);
  warnUnusedServerSettings(live, byName, bag);
  warnServerSettingsOutsideServers(live, byName, bag);

  const graph = new BarmanGraph(clusterName, liveInstances, edges, []);
  checkWalRestore(live, graph, bag);
  warnHostNameSources(live, graph, bag, tokenChecks);
  bag.throwIfErrors();
  const schedules = backupSchedules(edges);
  const scheduled = edges.map((e) => ({ ...e, backupSchedule: schedules.get(e)! }));
  const built = new BarmanGraph(clusterName, liveInstances, scheduled, sortDiagnostics(bag.all), tokenChecks, retired);
  SPECS.set(built, spec);
  return built;
}

/** the definition each graph was built from: graphWithHosts builds it again with other host values */
const SPECS = new WeakMap<BarmanGraph, ClusterSpec>();

/** The spec a graph was built from by buildGraph (undefined for a graph made by other means). */
export function specOfGraph(graph: BarmanGraph): ClusterSpec | undefined {
  return SPECS.get(graph);
}

/** Unknown barman_* vars are errors, with a did-you-mean. */
function checkVarNames(vars: ReadonlyMap<string, Located<unknown>>, instance: string | undefined, bag: DiagnosticBag): void {
  const known = [...SETTING_BY_VAR.keys(), ...IGNORED_TPA_BARMAN_VARS, ...LIST_VARS];
  for (const [name, v] of vars) {
    if (LIST_VARS.includes(name) && instance === undefined) {
      bag.error(`${name} describes one host and cannot be shared by a cluster: set it in the vars of each instance it is true of`, { key: name, position: v.keyWhere ?? v.where });
      continue;
    }
    if (SETTING_BY_VAR.has(name) || LIST_VARS.includes(name)) continue;
    if (IGNORED_TPA_BARMAN_VARS.includes(name)) {
      bag.warning(`${name} is a TPA setting this library does not act on; it is ignored`, { instance, key: name, position: v.keyWhere ?? v.where });
      continue;
    }
    if (name.startsWith('barman_') || name.startsWith('streaming_barman_')) {
      const hint = didYouMean(name, known);
      bag.error(`unknown Barman setting${hint ? `: did you mean '${hint}'?` : `; known ones are ${SETTING_DEFINITIONS.map((d) => d.varName).filter((n) => n.startsWith('barman_')).join(', ')}`}`, { instance, key: name, position: v.keyWhere ?? v.where });
    }
  }
}

/** Checks the vars this library reads; returns their typed values (bad ones are left out). */
function checkVars(vars: ReadonlyMap<string, Located<unknown>>, instance: string | undefined, bag: DiagnosticBag): Map<string, Located<unknown>> {
  const out = new Map<string, Located<unknown>>();
  for (const [name, v] of vars) {
    const def = SETTING_BY_VAR.get(name);
    if (!def) continue;
    if (def.instanceOnly && instance === undefined) {
      bag.error(`${name} names one instance and cannot be shared by a cluster: set it in the instance's vars`, { key: name, position: v.where });
      continue;
    }
    const c = checkValue(def, v.value);
    if (c.ok) out.set(name, { value: c.value, where: v.where });
    else bag.error(c.problem, { instance, key: name, position: v.where });
    if (c.ok && def.kind === ValueKind.POSTGRES_MAJOR && (c.value as number) > NEWEST_POSTGRES_MAJOR) {
      bag.warning(`postgres_version ${c.value} is not known to this release (the newest it knows is ${NEWEST_POSTGRES_MAJOR}): check that the Barman server's Barman supports it and that its client package postgresql-client-${c.value} exists`, { instance, key: name, position: v.where });
    }
  }
  return out;
}

function resolveInstance(i: InstanceSpec, clusterValues: Map<string, Located<unknown>>, clusterConnection: ConnectionVars, bag: DiagnosticBag, tokenChecks: TokenCheck[]): Instance {
  const instanceName = i.givenName;
  checkVarNames(i.vars, instanceName, bag);
  checkConnectionVarNames(i.vars, instanceName, bag);
  const connection = connectionVars(i.vars, instanceName, bag);
  const own = checkVars(i.vars, instanceName, bag);
  const settings: Record<string, unknown> = {};
  for (const def of SETTING_DEFINITIONS) {
    const v = own.get(def.varName) ?? clusterValues.get(def.varName);
    settings[def.prop] = v !== undefined ? v.value : defaultOf(def, settings, i.name.value);
  }
  // Barman reuses files only for rsync; other methods must say `off` in their own section
  if (settings.backupMethod !== BackupMethod.RSYNC && settings.reuseBackup !== ReuseBackup.OFF) {
    const given = own.get('barman_reuse_backup') ?? clusterValues.get('barman_reuse_backup');
    if (given) bag.warning(`reuse_backup ${showValue(given.value)} is ignored with backup_method ${showValue(settings.backupMethod)}: it is written as 'off'`, { instance: instanceName, key: 'barman_reuse_backup', position: given.where });
    settings.reuseBackup = ReuseBackup.OFF;
  }

  if (i.roles.value.includes(Role.BARMAN)) checkLogFile(settings as unknown as EffectiveSettings, own.get('barman_log_file') ?? clusterValues.get('barman_log_file'), instanceName, bag);
  if (i.backup.length > 0) checkCombinations(settings as unknown as EffectiveSettings, (name) => own.get(name) ?? clusterValues.get(name), instanceName, bag);

  for (const role of i.roles.value) {
    if (typeof role !== 'string' || CONTROL.test(role) || role.trim() === '') {
      bag.error(`role ${showValue(role)} is not a role name`, { instance: instanceName, key: 'role', position: i.roles.where });
    }
  }

  const addressVar = located(i.vars.get('address'));
  const hostVar = located(i.vars.get('connection_host'));
  for (const [key, v] of [['private_ip', i.privateIp], ['ip_address', i.ipAddress], ['public_ip', i.publicIp], ['ansible_host', i.ansibleHost], ['vars.address', addressVar], ['vars.connection_host', hostVar]] as const) {
    if (v === undefined) continue;
    const problem = `${showValue(v.value)} is not a host name or IP address`;
    // a token (typed API only, see literal-text.ts) is checked when Terraform knows its value
    if (isStringToken(v.value)) tokenChecks.push({ value: v.value, rule: TokenRule.ADDRESS, message: problem, instance: instanceName, key });
    else if (typeof v.value !== 'string' || !isAddress(v.value)) bag.error(problem, { instance: instanceName, key, position: v.where });
  }
  const addressFrom = ([['vars.address', addressVar], ['private_ip', i.privateIp], ['ip_address', i.ipAddress], ['public_ip', i.publicIp]] as const).find(([, v]) => v !== undefined) ?? ['Name', i.name] as const;
  const address = addressFrom[1]!.value;
  // TPA writes the instance's ansible_host key into its host vars, and its vars on top
  const connectionHost = hostVar?.value ?? connection.host?.value ?? i.ansibleHost?.value ?? i.publicIp?.value ?? i.ipAddress?.value ?? i.privateIp?.value ?? address;

  return {
    name: i.name.value,
    roles: i.roles.value,
    isBarmanServer: i.roles.value.includes(Role.BARMAN),
    isPostgres: i.roles.value.some((r) => POSTGRES_ROLES.includes(r)),
    address: String(address),
    connectionHost: String(connectionHost),
    connectionUser: connection.user ?? clusterConnection.user,
    connectionPort: connection.port ?? clusterConnection.port,
    settings: settings as unknown as EffectiveSettings,
    backupServers: i.backup.map((b) => b.value),
    sshHostKeys: hostKeys(i, bag, tokenChecks),
    upstream: i.upstream?.value,
    clientAddresses: clientAddresses(i, { value: String(address), where: addressFrom[1]!.where }, addressFrom[0], bag, tokenChecks),
  };
}

/**
 * The server script (run as root) creates Barman's log file and hands it to the Barman user, with a
 * logrotate rule: only a file under /var/log or Barman's own home may be one (never /etc/shadow).
 */
function checkLogFile(s: EffectiveSettings, given: Located<unknown> | undefined, instance: string, bag: DiagnosticBag): void {
  if (given === undefined) return;
  const inside = (dir: string) => s.logFile.startsWith(`${dir.replace(/\/+$/, '')}/`) && s.logFile.length > dir.length + 1;
  if (s.logFile.split('/').includes('.') || !(inside('/var/log') || inside(s.barmanHome))) {
    bag.error(`barman_log_file ${showValue(s.logFile)} must be a file under /var/log/ (or under barman_home ${showValue(s.barmanHome)}), with no '.' or '..' parts: the setup script gives it to the Barman user; the default is '/var/log/barman.log'`, { instance, key: 'barman_log_file', position: given.where });
  }
}

/** Settings valid one by one that do not work together. */
function checkCombinations(s: EffectiveSettings, given: (name: string) => Located<unknown> | undefined, instance: string, bag: DiagnosticBag): void {
  if (s.backupOptions.split(',').includes('exclusive_backup') && s.postgresVersion >= 15) {
    const at = given('barman_backup_options');
    bag.error(`exclusive_backup was removed in PostgreSQL 15 (postgres_version is ${s.postgresVersion}): use concurrent_backup`, { instance, key: 'barman_backup_options', position: at?.where });
  }
  const policy = RetentionPolicy.parse(s.retentionPolicy);
  if (policy && policy.period === undefined && policy.amount < s.minimumRedundancy) {
    const at = given('barman_retention_policy') ?? given('barman_minimum_redundancy');
    bag.warning(`retention policy ${showValue(s.retentionPolicy)} keeps fewer backups than minimum_redundancy ${s.minimumRedundancy}: Barman keeps ${s.minimumRedundancy}; raise the redundancy or lower barman_minimum_redundancy`, { instance, key: 'barman_retention_policy', position: at?.where });
  }
  for (const w of scheduleWarnings(s)) {
    bag.warning(w, { instance, key: 'barman_backup_interval', position: given('barman_backup_interval')?.where });
  }
  const clash = drillClash(s);
  if (clash !== undefined) bag.error(clash, { instance, key: 'barman_drill_schedule', position: given('barman_drill_schedule')?.where });
}

/** Settings read from the Barman server only: on an instance that is none, nothing reads them. */
function warnServerSettingsOutsideServers(spec: ClusterSpec, byName: Map<string, Instance>, bag: DiagnosticBag): void {
  for (const i of spec.instances) {
    if (byName.get(i.name.value)?.isBarmanServer) continue;
    for (const [name, v] of i.vars) {
      if (SETTING_BY_VAR.get(name)?.scope !== SettingScope.BARMAN_SERVER) continue;
      bag.warning(`${name} has no effect here: it is a setting of the Barman server, and ${i.givenName} is none; set it on the Barman server or in cluster_vars`, { instance: i.givenName, key: name, position: v.where });
    }
  }
}

function located(v: Located<unknown> | undefined): Located<string> | undefined {
  return v === undefined ? undefined : (v as Located<string>);
}

function defaultOf(def: SettingDefinition, settings: Record<string, unknown>, instanceName: string): unknown {
  const d = def.defaultValue;
  return typeof d === 'function' ? d(settings as Partial<EffectiveSettings>, instanceName) : d;
}

function hostKeys(i: InstanceSpec, bag: DiagnosticBag, tokenChecks: TokenCheck[]): string[] {
  const v = i.vars.get('ssh_host_keys');
  if (v === undefined) return [];
  const list = Array.isArray(v.value) ? v.value : [v.value];
  const keys: string[] = [];
  for (const k of list) {
    const text = typeof k === 'string' ? k.trim().split(/\s+/).slice(0, 2).join(' ') : '';
    if (isStringToken(k)) {
      // used as given: the rule at apply time takes 'TYPE BASE64' with nothing around it
      tokenChecks.push({ value: k, rule: TokenRule.HOST_KEY, message: `${showValue(k)} is not an sshd host public key: give 'TYPE BASE64' as in /etc/ssh/ssh_host_*_key.pub (ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521), without a comment`, instance: i.givenName, key: 'ssh_host_keys' });
      keys.push(k);
    } else if (typeof k === 'string' && hasControlCharacter(k.trim())) {
      bag.error(`${showValue(k)} holds a line break or control character: a host key is one line, 'TYPE BASE64 [comment]' as in /etc/ssh/ssh_host_*_key.pub; remove what follows the break`, { instance: i.givenName, key: 'ssh_host_keys', position: v.where });
    } else if (!isHostKeyLine(text)) {
      bag.error(`${showValue(k)} is not an sshd host public key: give 'TYPE BASE64' as in /etc/ssh/ssh_host_*_key.pub (ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521)`, { instance: i.givenName, key: 'ssh_host_keys', position: v.where });
    } else {
      keys.push(text);
    }
  }
  return keys;
}

/** Where an edge came from: for errors about it. */
interface EdgeOrigin {
  readonly instance: string;
  readonly position?: SourcePosition;
}

/** `instances[k]` is the resolved `spec.instances[k]` (names may be duplicated, so never look B up by name). */

/** Where an instance's connections come from, as pg_hba.conf and sshd's from= match them. */
function clientAddresses(i: InstanceSpec, address: Located<string>, addressKey: string, bag: DiagnosticBag, tokenChecks: TokenCheck[]): string[] {
  const v = i.vars.get('barman_client_addresses');
  const notKeyword = (a: string, what: string, key: string): void => {
    tokenChecks.push({ value: a, rule: TokenRule.NOT_HBA_KEYWORD, message: hbaKeywordProblem(a, what), instance: i.givenName, key });
  };
  if (v === undefined) {
    if (isStringToken(address.value)) notKeyword(address.value, 'its address, the default client address', addressKey);
    // a keyword as the instance's name is already an error of its own
    if (isHbaKeyword(address.value) && addressKey !== 'Name') bag.error(hbaKeywordProblem(address.value, 'its address, the default client address'), { instance: i.givenName, key: addressKey, position: address.where });
    return [address.value];
  }
  const list = Array.isArray(v.value) ? v.value : [v.value];
  const out: string[] = [];
  for (const a of list) {
    if (isStringToken(a)) {
      tokenChecks.push({ value: a, rule: TokenRule.CLIENT_ADDRESS, message: `${showValue(a)} is not an address or CIDR (examples: 10.0.0.5, 10.0.0.0/24, barman-1.example.com)`, instance: i.givenName, key: 'barman_client_addresses' });
      notKeyword(a, 'a client address', 'barman_client_addresses');
      out.push(a);
      continue;
    }
    // a list or number token: refused by checkLiteralValues already
    if (containsToken(a)) continue;
    const ok = typeof a === 'string' && (isFromPattern(a) || isAddress(a));
    if (ok && isHbaKeyword(a as string)) bag.error(hbaKeywordProblem(a as string, 'a client address'), { instance: i.givenName, key: 'barman_client_addresses', position: v.where });
    else if (ok) out.push(a as string);
    else bag.error(`${showValue(a)} is not an address or CIDR (examples: 10.0.0.5, 10.0.0.0/24, barman-1.example.com)`, { instance: i.givenName, key: 'barman_client_addresses', position: v.where });
  }
  if (out.length === 0 && list.length === 0) bag.error('barman_client_addresses is empty: list at least one address, or remove it', { instance: i.givenName, key: 'barman_client_addresses', position: v.where });
  return out;
}

/** pg_hba.conf's address keywords: written unquoted, they match far more than one host */
const HBA_ADDRESS_KEYWORDS = ['all', 'samehost', 'samenet'];

/** Whether pg_hba.conf would read the address as a keyword (or a +group / @file reference). */
function isHbaKeyword(address: string): boolean {
  return HBA_ADDRESS_KEYWORDS.includes(address.toLowerCase()) || /^[+@]/.test(address);
}

function hbaKeywordProblem(address: string, what: string): string {
  return `${showValue(address)} is ${what} and lands in pg_hba.conf, where it is a keyword (all, samehost, samenet) that lets far more clients in than this host: give the host's real address (ip_address or barman_client_addresses) or rename it`;
}

/**
 * sshd matches from= against IP addresses only: an instance whose connections are known only by a
 * host name cannot be pinned to them, so its key's lines lose from= (they keep restrict and the
 * forced command). Said once per instance whose addresses land in a restricted authorized_keys.
 */
function warnHostNameSources(spec: ClusterSpec, graph: BarmanGraph, bag: DiagnosticBag, tokenChecks: TokenCheck[]): void {
  spec.instances.forEach((i, n) => {
    const inst = graph.instances[n];
    if (!inst) return;
    // a token is written into from= as it is: its value must be an IP address or CIDR (checked at apply time)
    const tokens = inst.clientAddresses.filter(isStringToken);
    const names = inst.clientAddresses.filter((a) => !isFromPattern(a) && !isStringToken(a));
    if (names.length === 0 && tokens.length === 0) return;
    const files: string[] = [];
    // its postgres key on the Barman servers it archives to or restores from
    const servers = [...graph.edgesOfInstance(inst).map((e) => e.server), ...(inst.settings.walRestore && inst.upstream !== undefined ? [graph.walRestoreEdge(inst)?.server] : [])];
    for (const s of new Set(servers)) if (s && s.settings.sshRestrict) files.push(`${s.name}:~${s.settings.barmanUser}/.ssh/authorized_keys`);
    // its barman key on every Postgres instance
    if (inst.isBarmanServer) for (const p of graph.postgresInstances) if (p !== inst && p.settings.sshRestrict) files.push(`${p.name}:~${p.settings.postgresUser}/.ssh/authorized_keys`);
    if (files.length === 0) return;
    const shownFiles = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
    for (const a of tokens) {
      tokenChecks.push({ value: a, rule: TokenRule.FROM_PATTERN, message: `${showValue(a)} is a host name, and sshd matches from= against IP addresses only: it is a client address of this instance's key in ${shownFiles}; give clientAddresses the IP addresses or CIDRs its connections come from, or barman_ssh_restrict: false on those hosts`, instance: i.givenName, key: 'barman_client_addresses' });
    }
    if (names.length === 0) return;
    const v = i.vars.get('barman_client_addresses');
    const position = v?.where ?? i.vars.get('address')?.where ?? i.privateIp?.where ?? i.ipAddress?.where ?? i.publicIp?.where ?? i.name.where;
    const shown = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
    bag.warning(`${names.map((a) => showValue(a)).join(', ')} is a host name, and sshd matches from= against IP addresses only: the lines of this instance's key in ${shown} get no from= (restrict and the forced command stay); set barman_client_addresses to the IP addresses or CIDRs its connections come from, or barman_ssh_restrict: false on those hosts to drop the restriction`, { instance: i.givenName, key: 'barman_client_addresses', position });
  });
}

/** barman_wal_restore needs a replica with a backed-up instance in its replication tree. */
function checkWalRestore(spec: ClusterSpec, graph: BarmanGraph, bag: DiagnosticBag): void {
  spec.instances.forEach((i, n) => {
    const inst = graph.instances[n];
    if (!inst || !inst.settings.walRestore) return;
    const where = { instance: i.givenName, key: 'barman_wal_restore', position: i.vars.get('barman_wal_restore')?.where };
    // set cluster-wide, it concerns the replicas only
    if (inst.upstream === undefined) {
      if (i.vars.has('barman_wal_restore')) bag.error('barman_wal_restore is for replicas: set upstream, or remove barman_wal_restore', where);
    }
    else if (!graph.walRestoreEdge(inst)) bag.error('barman_wal_restore needs a backed-up instance in this replica\'s replication tree: give its primary a backup, or remove barman_wal_restore', where);
  });
}

/** `upstream` must name another instance (TPA checks this too). */
/**
 * The instances with barman_retired: Postgres instances only (a Barman server leaves when no
 * instance lists it in backup; its files and backups stay).
 */
function retiredInstances(spec: ClusterSpec, instances: readonly Instance[], bag: DiagnosticBag): Instance[] {
  const out: Instance[] = [];
  spec.instances.forEach((i, k) => {
    const inst = instances[k];
    if (!inst.settings.retired) return;
    const at = { instance: i.givenName, key: 'barman_retired', position: i.vars.get('barman_retired')?.where };
    if (inst.isBarmanServer) bag.error('barman_retired is for Postgres instances leaving Barman: a Barman server leaves when no instance lists it in backup (its files and backups stay); remove barman_retired', at);
    else if (!inst.isPostgres) bag.error(`barman_retired is for Postgres instances leaving Barman, and ${i.givenName} is none (roles: ${inst.roles.join(', ') || 'none'}): remove barman_retired`, at);
    else out.push(inst);
  });
  return out;
}

/** what an instance that names a retired one must do instead */
function retiredReference(name: string, key: 'backup' | 'upstream'): string {
  return `${showValue(name)} is barman_retired (leaving Barman): ${key === 'backup' ? 'back up to another Barman server' : 'name the instance it replicates from now'}, or retire this instance too`;
}

function checkUpstreams(spec: ClusterSpec, byName: Map<string, Instance>, retired: ReadonlySet<string>, bag: DiagnosticBag): void {
  for (const i of spec.instances) {
    const up = i.upstream;
    if (up === undefined) continue;
    if (up.value === i.name.value) bag.error('an instance cannot be its own upstream', { instance: i.givenName, key: 'upstream', position: up.where });
    else if (retired.has(up.value)) bag.error(retiredReference(up.value, 'upstream'), { instance: i.givenName, key: 'upstream', position: up.where });
    else if (!byName.has(up.value)) {
      const hint = didYouMean(up.value, [...byName.keys()]);
      bag.error(`no instance is named ${showValue(up.value)}${hint ? `: did you mean '${hint}'?` : ''}`, { instance: i.givenName, key: 'upstream', position: up.where });
    }
  }
}

function buildEdges(spec: ClusterSpec, instances: readonly Instance[], byName: Map<string, Instance>, retired: ReadonlySet<string>, bag: DiagnosticBag): { edges: BackupEdge[]; origins: Map<BackupEdge, EdgeOrigin> } {
  const edges: BackupEdge[] = [];
  const origins = new Map<BackupEdge, EdgeOrigin>();
  const barmanNames = [...byName.values()].filter((i) => i.isBarmanServer).map((i) => i.name);
  spec.instances.forEach((i, index) => {
    if (i.backup.length === 0) return;
    const b = instances[index];
    const where = (ref: Located<string>): { instance: string; key: string; position?: SourcePosition } => ({ instance: i.givenName, key: 'backup', position: ref.where });
    if (!b.isPostgres) {
      bag.error(`instance has 'backup' but is not a PostgreSQL instance (roles: ${b.roles.join(', ') || 'none'}): add a primary or replica role, or remove 'backup'`, where(i.backup[0]));
    }
    const listed = new Set<string>();
    const slots = new Map<string, string>();
    for (const ref of i.backup) {
      const target = ref.value;
      if (listed.has(target)) {
        bag.error(`${showValue(target)} is listed twice: list each Barman server once`, where(ref));
        continue;
      }
      listed.add(target);
      const s = byName.get(target);
      if (!s && retired.has(target)) {
        bag.error(retiredReference(target, 'backup'), where(ref));
        continue;
      }
      if (!s) {
        const hint = didYouMean(target, barmanNames);
        bag.error(`no instance is named ${showValue(target)}${hint ? `: did you mean '${hint}'?` : barmanNames.length > 0 ? `: Barman servers are ${barmanNames.join(', ')}` : ': add an instance with role barman'}`, where(ref));
        continue;
      }
      if (s === b) {
        bag.error(`an instance cannot back itself up: name a separate Barman server`, where(ref));
        continue;
      }
      if (!s.isBarmanServer) {
        bag.error(`${showValue(target)} does not have the barman role: add 'barman' to its roles, or name one of ${barmanNames.join(', ') || '(no Barman server yet)'}`, where(ref));
        continue;
      }
      const slot = slotName(s.name);
      const clash = slots.get(slot);
      if (clash) {
        bag.error(`Barman servers '${clash}' and '${s.name}' would both use replication slot '${slot}' on this instance (slot names come from the server name up to the first dot, '-' as '_'): rename one server`, where(ref));
        continue;
      }
      if (slot.length > MAX_SLOT_NAME) {
        bag.error(`replication slot name '${slot}' is longer than PostgreSQL's ${MAX_SLOT_NAME} characters: shorten the name of Barman server '${s.name}'`, where(ref));
        continue;
      }
      slots.set(slot, s.name);
      checkSameBarmanAccount(b, s, i, ref, bag);
      const edge: BackupEdge = { instance: b, server: s, backupName: b.settings.backupName, slotName: slot, cronFileName: cronFileName(b.settings.backupName), backupSchedule: b.settings.backupInterval };
      edges.push(edge);
      // a clash of names on S is best fixed at B's backup_name, when B sets one
      origins.set(edge, { instance: i.givenName, position: i.vars.get('backup_name')?.where ?? ref.where });
    }
  });
  return { edges, origins };
}

/** A name that becomes part of a file or directory name must leave room for what is added to it. */
function checkFileNameLength(name: string, what: string, why: string, bag: DiagnosticBag, where: { instance?: string; key: string; position?: SourcePosition }): void {
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes <= MAX_NAME_IN_FILE_NAME) return;
  bag.error(`${what} is ${bytes} bytes long, and ${why}: a file name holds at most ${MAX_FILE_NAME_BYTES} bytes, with room kept for suffixes, so at most ${MAX_NAME_IN_FILE_NAME}: shorten it`, where);
}

/** A backed-up instance's backup name (its own name unless backup_name is set) names files on its Barman servers. */
function checkBackupNameLengths(spec: ClusterSpec, instances: readonly Instance[], bag: DiagnosticBag): void {
  spec.instances.forEach((i, n) => {
    const inst = instances[n];
    if (inst === undefined || i.backup.length === 0) return;
    const given = i.vars.get('backup_name');
    const key = given !== undefined ? 'backup_name' : 'Name';
    checkFileNameLength(inst.settings.backupName, given !== undefined ? 'backup_name' : 'the instance name (its backup name)', "it names the instance's files on its Barman servers (/etc/barman.d/NAME.conf, its cron file, its directory and locks)", bag, { instance: i.givenName, key, position: given?.where ?? i.name.where });
  });
}

/** Names with dots can give two resources one Terraform id ('x' on 'y.on.z', 'x.on.y' on 'z'). */
function checkLogicalIds(edges: readonly BackupEdge[], origins: ReadonlyMap<BackupEdge, EdgeOrigin>, instances: readonly Instance[], bag: DiagnosticBag): void {
  const collisions = logicalIdCollisions(
    edges.map((e) => ({ instance: e.instance.name, server: e.server.name })),
    instances.filter((i) => i.isBarmanServer).map((i) => i.name),
    instances.filter((i) => i.isPostgres).map((i) => i.name),
  );
  // servers and Postgres instances collide only when their names do: reported as duplicate names
  for (const c of collisions.filter((x) => x.edge !== undefined)) {
    const edge = c.edge && edges.find((e) => e.instance.name === c.edge!.instance && e.server.name === c.edge!.server);
    const origin = edge ? origins.get(edge) : undefined;
    bag.error(`${c.second} and ${c.first} would get the same Terraform id '${c.id}' (with the default id prefix; '.' and the '_on_' joining instance and server are ambiguous): rename one of the instances`, { instance: origin?.instance, key: 'backup', position: edge ? origin?.position : undefined });
  }
}

/**
 * A backed-up instance's values that its Barman server's Barman (barman_version) does not accept:
 * Barman 3.4 parses `compression = zstd` but `barman check` fails it.
 */
function checkBarmanVersions(spec: ClusterSpec, instances: readonly Instance[], edges: readonly BackupEdge[], bag: DiagnosticBag): void {
  spec.instances.forEach((i, n) => {
    const inst = instances[n];
    for (const e of edges.filter((x) => x.instance === inst)) {
      const version = e.server.settings.barmanVersion;
      for (const def of SETTING_DEFINITIONS) {
        const value = String(inst.settings[def.prop]);
        const since = def.since?.[value];
        if (since === undefined || compareVersions(version, since) >= 0) continue;
        const at = i.vars.get(def.varName) ?? spec.clusterVars.get(def.varName);
        bag.error(`${def.varName} ${showValue(value)} was added in Barman ${since}, and Barman server '${e.server.name}' declares barman_version ${showValue(version)}: upgrade Barman there and raise its barman_version to at least ${showValue(since)}, or choose another value`, { instance: i.givenName, key: def.varName, position: at?.where });
      }
    }
  });
}

/** Files on S are owned by the barman account: B and S must agree on it (set it in cluster_vars). */
function checkSameBarmanAccount(b: Instance, s: Instance, i: InstanceSpec, ref: Located<string>, bag: DiagnosticBag): void {
  for (const { prop, varName } of SETTING_DEFINITIONS.filter((d) => d.sameOnBarmanServer)) {
    if (b.settings[prop] !== s.settings[prop]) {
      bag.error(`${varName} is ${showValue(b.settings[prop])} here but ${showValue(s.settings[prop])} on Barman server '${s.name}': set ${varName} once in cluster_vars`, { instance: i.givenName, key: varName, position: i.vars.get(varName)?.where ?? ref.where });
    }
  }
}

/** One Barman server cannot hold two servers of the same name, nor two cron files of one name. */
function checkServers(edges: BackupEdge[], origins: ReadonlyMap<BackupEdge, EdgeOrigin>, bag: DiagnosticBag): void {
  const names = new Map<string, BackupEdge>();
  const crons = new Map<string, BackupEdge>();
  for (const e of edges) {
    const key = `${e.server.name}\u0000${e.backupName.toLowerCase()}`;
    const twin = names.get(key);
    if (twin) {
      bag.error(`backup_name '${e.backupName}' is also used by instance '${twin.instance.name}' on Barman server '${e.server.name}': set a distinct backup_name in one instance's vars`, { key: 'backup_name', ...origins.get(e) });
      continue;
    }
    names.set(key, e);
    const cronKey = `${e.server.name}\u0000${e.cronFileName}`;
    const cronTwin = crons.get(cronKey);
    if (DISTRO_CRON_FILES.includes(e.cronFileName)) {
      bag.warning(`backup_name '${e.backupName}' gives cron file /etc/cron.d/${e.cronFileName}, a name Debian or RHEL packages use for their own cron file: set another backup_name unless you are sure`, { instance: e.instance.name, key: 'backup_name' });
    }
    if (cronTwin || e.cronFileName === 'barman') {
      const other = cronTwin ? `the cron file of instance '${cronTwin.instance.name}' (backup_name '${cronTwin.backupName}')` : "Barman's own /etc/cron.d/barman";
      bag.error(`backup_name '${e.backupName}' gives cron file /etc/cron.d/${e.cronFileName} on Barman server '${e.server.name}', the same as ${other}: choose a backup_name that differs in letters, digits, '_' or '-'`, { key: 'backup_name', ...origins.get(e) });
      continue;
    }
    crons.set(cronKey, e);
  }
}

/** Per-server Barman settings on a Barman server that nobody backs up to it have no effect. */
function warnUnusedServerSettings(spec: ClusterSpec, byName: Map<string, Instance>, bag: DiagnosticBag): void {
  for (const i of spec.instances) {
    const inst = byName.get(i.name.value);
    if (!inst || !inst.isBarmanServer || i.backup.length > 0) continue;
    for (const [name, v] of i.vars) {
      const def = SETTING_BY_VAR.get(name);
      if (def && def.varName.startsWith('barman_') && !READ_ON_BARMAN_SERVERS.includes(def.scope)) {
        bag.warning(`${name} on a Barman server has no effect: Barman settings belong to the backed-up instance; set it there or in cluster_vars`, { instance: i.givenName, key: name, position: v.where });
      }
    }
  }
}

/** Debian's logrotate rule recreates /var/log/barman/barman.log as barman:adm; another user loses it. */
function warnPackageLogRotation(instances: Instance[], bag: DiagnosticBag): void {
  for (const s of instances) {
    if (s.isBarmanServer && s.settings.logFile === '/var/log/barman/barman.log' && s.settings.barmanUser !== 'barman') {
      bag.warning(`barman_log_file is the Debian package's /var/log/barman/barman.log, whose logrotate rule recreates it for the user 'barman', not '${s.settings.barmanUser}': after the first rotation Barman cannot log; use another barman_log_file (the library then rotates it)`, { instance: s.name, key: 'barman_log_file' });
    }
  }
}

export { InvalidConfigError };
