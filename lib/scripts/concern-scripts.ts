import { SshUser } from '../model/enums';
import { BackupEdge, BarmanGraph, Instance } from '../model/graph';
import { Compression } from '../model/enums';
import { AuthorizedKey, FileKind, HostFile } from '../render/host-files';
import { knownHostsPattern, managedMarker } from '../render/ssh-lines';
import { shellQuote } from '../render/shell-quote';
import { HostScriptBuilder, mergeLinesStep } from './host-script-builder';
import { HostScript, toBase64 } from './remote-command';
import { POSTGRES_SIDE_LIBRARY } from './postgres-side-library';
import { pgpassBlockMarkers, pgpassPath } from '../render/pgpass';
import { BARMAN_CONF_DIR } from '../render/barman-conf';
import { EDGE_REMOVAL_LIBRARY, edgeRemovalEnv, removedBackupsArg } from './edge-removal';

/** Public keys as the scripts receive them: base64 text, or a Terraform expression yielding it. */
export interface ScriptKeys {
  publicKeyBase64(user: SshUser, host: Instance): string;
}

/** Positional arguments of a script, deduplicated; `ref(i)` is how the script reads one. */
class Args {
  readonly values: string[] = [];

  add(value: string): string {
    let i = this.values.indexOf(value);
    if (i < 0) i = this.values.push(value) - 1;
    return `"\${${i + 1}}"`;
  }
}

const decode = (ref: string): string => `"$(printf '%s' ${ref} | base64 -d)"`;

/** compressors Barman runs as programs (the py* ones are built into Barman) */
const EXTERNAL_COMPRESSORS: ReadonlyMap<string, string> = new Map([
  [Compression.PIGZ, 'pigz'],
  [Compression.GZIP, 'gzip'],
  [Compression.BZIP2, 'bzip2'],
]);

/** Writes the files of one concern; key-bearing ones from arguments, known_hosts scanned or pinned. */
function writeFiles(b: HostScriptBuilder, files: readonly HostFile[], clusterName: string, keys: ScriptKeys, args: Args): void {
  const marker = managedMarker(clusterName);
  for (const f of files) {
    // their own provisioners: private keys and passwords are secrets, pg_hba.conf needs PostgreSQL
    if (f.kind === FileKind.PRIVATE_KEY || f.kind === FileKind.PASSWORD_BLOCK || f.kind === FileKind.MANAGED_BLOCK || f.kind === FileKind.MANAGED_LIST) continue;
    if (f.publicKey) {
      const ref = args.add(keys.publicKeyBase64(f.publicKey.user, f.publicKey.host));
      b.raw(`src=$(mktemp); printf '%s %s\\n' ${decode(ref)} ${shellQuote(f.publicKey.comment)} > "$src"; install_from "$src" ${shellQuote(f.path)} ${shellQuote(f.owner)} ${shellQuote(f.group)} ${f.mode}; rm -f "$src"`);
    } else if (f.authorizedKeys) {
      b.raw('lines=$(mktemp)');
      for (const k of f.authorizedKeys) b.raw(authorizedLine(k, marker, keys, args));
      b.raw(mergeLinesStep(f, marker)).raw('rm -f "$lines"');
    } else if (f.knownHosts) {
      b.raw('lines=$(mktemp)');
      for (const h of f.knownHosts) b.raw(knownHostsStep(h, marker));
      b.raw(mergeLinesStep(f, marker)).raw('rm -f "$lines"');
    } else {
      b.file(f);
    }
  }
}

function authorizedLine(k: AuthorizedKey, marker: string, keys: ScriptKeys, args: Args): string {
  const ref = args.add(keys.publicKeyBase64(k.user, k.host));
  const options = k.options === undefined ? '' : `${shellQuote(k.options)} `;
  return `printf '${k.options === undefined ? '' : '%s '}%s %s %s\\n' ${options}${decode(ref)} ${shellQuote(k.comment)} ${shellQuote(marker)} >> "$lines"`;
}

function knownHostsStep(h: Instance, marker: string): string {
  const port = h.settings.sshPort;
  const pinned = h.sshHostKeys.length > 0 ? ` '${toBase64(h.sshHostKeys.map((k) => `${k}\n`).join(''))}'` : '';
  return `known_host_lines ${shellQuote(knownHostsPattern(h.address, port))} ${shellQuote(h.address)} ${port} ${shellQuote(marker)}${pinned} >> "$lines"`;
}


/**
 * A Barman server's own configuration. Also reconciles: the instances an earlier apply configured
 * and the graph no longer has here are retired (their resources are gone, and Terraform runs no
 * destroy provisioner for a resource removed from the configuration): per name, under its cron
 * lock, receive-wal stopped, slot dropped (while the .pgpass lines still let Barman connect),
 * backups deleted only with barman_removed_backups = delete, conf removed; then the cron files and
 * .pgpass blocks. A failure stops the script before the list is rewritten: the next apply retries.
 */
export function barmanServerScript(graph: BarmanGraph, server: Instance, files: readonly HostFile[], keys: ScriptKeys): HostScript {
  const s = server.settings;
  const args = new Args();
  const b = new HostScriptBuilder()
    .raw(POSTGRES_SIDE_LIBRARY)
    .raw(EDGE_REMOVAL_LIBRARY)
    .comment(`Barman server ${server.name} of cluster ${graph.clusterName}`)
    .require('[ -x /usr/bin/barman ]', `barman is not installed on ${server.name}: install the barman and barman-cli packages first`)
    .needUser(s.barmanUser, 'install the barman package, or set barman_user')
    .needGroup(s.barmanGroup, 'install the barman package, or set barman_group')
    .needHome(s.barmanUser, s.barmanHome, 'barman_home')
    .needCommand('flock', `flock is missing on ${server.name}; the backup cron entries need it: install util-linux`)
    .require(`[ -x ${shellQuote(`${s.postgresBinDir}/pg_receivewal`)} ]`, `pg_receivewal not found in postgres_bin_dir '${s.postgresBinDir}' on ${server.name}: install the PostgreSQL client of version ${s.postgresVersion}, or set postgres_bin_dir`)
    .checkDrift({ host: server.name, owner: server.name, allowOverrides: s.allowOverrides }, files, { barmanHome: s.barmanHome });
  writeFiles(b, files, graph.clusterName, keys, args);

  const listFile = files.find((f) => f.kind === FileKind.MANAGED_LIST)!;
  const list = listFile.path;
  const pgpass = pgpassPath(server);
  const begin = pgpassBlockMarkers(graph.clusterName, '').begin;
  const end = pgpassBlockMarkers(graph.clusterName, '').end;
  const confs = `${BARMAN_CONF_DIR}/`;
  b.comment('retire the instances no longer backed up here: receive-wal, slot, conf, cron file, .pgpass lines (backups only on request)')
    .raw(edgeRemovalEnv(server))
    .raw(`wanted=$(mktemp); printf '%s' '${toBase64(listFile.content ?? '')}' | base64 -d > "$wanted"`)
    .raw('gone=$(mktemp)')
    // the names that left: from their conf or their .pgpass entry (lists of earlier versions have both)
    .raw(`if [ -f ${shellQuote(list)} ]; then`)
    .raw(`  while IFS= read -r old; do`)
    .raw(`    grep -qxF -- "$old" "$wanted" && continue`)
    .raw(`    case "$old" in`)
    .raw(`      ${confs}*.conf) n=\${old#${confs}}; n=\${n%.conf} ;;`)
    .raw(`      pgpass:*) n=\${old#pgpass:} ;;`)
    .raw(`      *) continue ;;`)
    .raw(`    esac`)
    .raw(`    grep -qxF -- "$n" "$gone" || printf '%s\\n' "$n" >> "$gone"`)
    .raw(`  done < ${shellQuote(list)}`)
    .raw('fi')
    .raw(`while IFS= read -r n; do retire_server "$n" ${removedBackupsArg(server)} </dev/null; done < "$gone"`)
    .raw(`lock_dir_of ${shellQuote(pgpass)}`)
    .raw(`if [ -f ${shellQuote(list)} ]; then`)
    .raw(`  while IFS= read -r old; do`)
    .raw(`    grep -qxF -- "$old" "$wanted" && continue`)
    .raw(`    case "$old" in`)
    .raw(`      ${confs}*.conf|/etc/cron.d/*) forget_written "$old"; if [ -e "$old" ]; then rm -f -- "$old"; echo "cdktf-barman: removed $old (no longer in the graph)"; fi ;;`)
    .raw(`      pgpass:*) n=\${old#pgpass:}; remove_block ${shellQuote(pgpass)} ${shellQuote(begin)}"$n" ${shellQuote(end)}"$n"; echo "cdktf-barman: removed the .pgpass lines of $n" ;;`)
    .raw(`    esac`)
    .raw(`  done < ${shellQuote(list)}`)
    .raw('fi')
    .raw(`install_from "$wanted" ${shellQuote(list)} root root 0644`)
    .raw('rm -f "$wanted" "$gone"');
  return { script: b.build(), args: args.values };
}

/** One backed-up instance on one Barman server: its Barman section and its cron file. */
export function backupEdgeScript(edge: BackupEdge, files: readonly HostFile[]): HostScript {
  const s = edge.instance.settings;
  const b = new HostScriptBuilder()
    .comment(`backups of ${edge.instance.name} on ${edge.server.name}`)
    .require('[ -d /etc/barman.d ]', `/etc/barman.d is missing on ${edge.server.name}: the Barman server's own configuration must be applied first`);
  const compressor = EXTERNAL_COMPRESSORS.get(s.compression);
  if (compressor) b.needCommand(compressor, `barman_compression of ${edge.instance.name} is ${s.compression}: install ${compressor} on ${edge.server.name}, or choose another compression`);
  // the instance's own setting decides for its section and cron file on the Barman server
  b.checkDrift({ host: edge.server.name, owner: edge.instance.name, allowOverrides: s.allowOverrides }, files, { barmanHome: edge.server.settings.barmanHome, server: edge.backupName });
  const args = new Args();
  writeFiles(b, files, '', { publicKeyBase64: () => '' }, args);
  return { script: b.build(), args: args.values };
}

/** A Postgres instance's side: the postgres user's keys, barman's key authorized, Barman hosts known. */
export function postgresAccessScript(graph: BarmanGraph, p: Instance, files: readonly HostFile[], keys: ScriptKeys): HostScript {
  const s = p.settings;
  const args = new Args();
  const b = new HostScriptBuilder()
    .comment(`Postgres instance ${p.name} of cluster ${graph.clusterName}`)
    .needUser(s.postgresUser, 'install PostgreSQL first, or set postgres_user')
    .needGroup(s.postgresGroup, 'install PostgreSQL first, or set postgres_group')
    .needHome(s.postgresUser, s.postgresHome, 'postgres_home')
    .checkDrift({ host: p.name, owner: p.name, allowOverrides: s.allowOverrides }, files);
  writeFiles(b, files, graph.clusterName, keys, args);
  return { script: b.build(), args: args.values };
}
