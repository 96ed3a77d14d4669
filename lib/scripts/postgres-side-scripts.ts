import { BackupEdge, BarmanGraph, Instance } from '../model/graph';
import { HostFile } from '../render/host-files';
import { BARMAN_DB_USER, STREAMING_DB_USER, renderBarmanRolesSql } from '../render/barman-roles-sql';
import { renderPostgresSettingsSql } from '../render/postgres-settings-sql';
import { shellQuote } from '../render/shell-quote';
import { HostScriptBuilder } from './host-script-builder';
import { POSTGRES_SIDE_LIBRARY } from './postgres-side-library';
import { HostScript, toBase64 } from './remote-command';

/** Shell variables the Postgres-side functions read, for one instance. */
function postgresEnv(p: Instance): string {
  const s = p.settings;
  return [
    `PG_OS_USER=${shellQuote(s.postgresUser)}`,
    `PG_BIN=${shellQuote(s.postgresBinDir)}`,
    `PG_PORT=${s.postgresPort}`,
    `PG_VERSION=${s.postgresVersion}`,
  ].join('\n');
}

function postgresBuilder(p: Instance, what: string): HostScriptBuilder {
  return new HostScriptBuilder()
    .raw(POSTGRES_SIDE_LIBRARY)
    .raw(postgresEnv(p))
    .comment(what)
    // psql runs as the postgres user and reads the files this script hands it (SQL, passwords):
    // it must be able to cross the private work directory (0700 root). 0711 lists nothing; every
    // mktemp name is random and 0600 unless a step hands the file over on purpose
    .raw('chmod 0711 "$cdktf_work"')
    .needUser(p.settings.postgresUser, 'install PostgreSQL first, or set postgres_user')
    .raw('need_postgres_running');
}

/**
 * A Postgres instance's side: the pg_hba.conf block first in the file (checked with
 * pg_hba_file_rules after a reload; the old file comes back on error), then the WAL commands.
 */
export function postgresConfigScript(graph: BarmanGraph, p: Instance, hba: HostFile): HostScript {
  const b = postgresBuilder(p, `pg_hba.conf and WAL commands of ${p.name} for Barman`)
    .raw(`hba=$(pg_sql -c 'SHOW hba_file')`)
    .raw(`[ "$hba" = ${shellQuote(hba.path)} ] || die "PostgreSQL on ${p.name} reads $hba, not ${hba.path}: set postgres_conf_dir to $(dirname "$hba")"`)
    .raw(`block=$(mktemp); printf '%s' '${toBase64(hba.content ?? '')}' | base64 -d > "$block"`)
    .raw('old=$(mktemp); cp -p "$hba" "$old"')
    .raw(`merge_block "$hba" ${shellQuote(hba.owner)} ${shellQuote(hba.group)} ${hba.mode} ${shellQuote(hba.blockMarkers!.begin)} ${shellQuote(hba.blockMarkers!.end)} "$block" top`)
    .raw('pg_sql -c "SELECT pg_reload_conf()" >/dev/null')
    .raw(`bad=$(pg_sql -c "SELECT line_number || ': ' || error FROM pg_hba_file_rules WHERE error IS NOT NULL")`)
    .raw('if [ -n "$bad" ]; then cat "$old" > "$hba"; pg_sql -c "SELECT pg_reload_conf()" >/dev/null; die "pg_hba.conf would not load ($bad): the previous file is back"; fi')
    .raw('rm -f "$block" "$old"')
    .raw(`sql=$(mktemp); printf '%s' '${toBase64(renderPostgresSettingsSql(graph, p))}' | base64 -d > "$sql"; chmod 0644 "$sql"`)
    .raw('pg_sql -f "$sql" >/dev/null; rm -f "$sql"')
    .raw(`[ "$(pg_sql -c "SELECT count(*) FROM pg_settings WHERE pending_restart AND name = 'archive_mode'")" = 0 ] || echo "cdktf-barman: warning: archive_mode on ${p.name} takes effect only after PostgreSQL restarts: restart it for WAL archiving to Barman to start"`);
  return { script: b.build(), args: [] };
}

/**
 * The visible half of the roles step. Terraform hides all output of a provisioner that carries a
 * sensitive value (the secret step below), so what is likely to go wrong (PostgreSQL down, a
 * standby) is checked first here, where the operator reads the message.
 */
export function postgresRolesCheckScript(primary: Instance): HostScript {
  const b = postgresBuilder(primary, `before Barman's roles on ${primary.name}: PostgreSQL answers and is a primary`)
    .raw(`[ "$(pg_sql -c 'SELECT pg_is_in_recovery()')" = f ] || die "${primary.name} is a standby: Barman's roles are created on its primary, and replicate"`);
  return { script: b.build(), args: [] };
}

/**
 * Barman's roles on a primary. $1 and $2 are 0600 files holding the barman and streaming_barman
 * passwords as base64; psql reads them from files (never from a command line).
 */
export function postgresRolesScript(primary: Instance): string {
  return postgresBuilder(primary, `Barman's roles on ${primary.name}`)
    .raw(`[ "$(pg_sql -c 'SELECT pg_is_in_recovery()')" = f ] || die "${primary.name} is a standby: Barman's roles are created on its primary, and replicate"`)
    .raw(`password_ok "$1" ${BARMAN_DB_USER}; password_ok "$2" ${STREAMING_DB_USER}`)
    .raw('dir=$(mktemp -d)')
    .raw('base64 -d < "$1" > "$dir/barman"; base64 -d < "$2" > "$dir/streaming"')
    .raw('chown -R "$PG_OS_USER" "$dir"; chmod 0700 "$dir"; chmod 0600 "$dir"/*')
    .raw(`{ printf '\\\\set barman_password \`cat %s/barman\`\\n' "$dir"; printf '\\\\set streaming_password \`cat %s/streaming\`\\n' "$dir"; printf '%s' '${toBase64(renderBarmanRolesSql(primary))}' | base64 -d; } > "$dir/roles.sql"`)
    .raw('chown "$PG_OS_USER" "$dir/roles.sql"')
    .raw('pg_sql -f "$dir/roles.sql" >/dev/null || { rm -rf "$dir"; die "creating Barman\'s roles failed (see above)"; }')
    .raw('rm -rf "$dir"')
    .raw(`echo "cdktf-barman: roles ${BARMAN_DB_USER} and ${STREAMING_DB_USER} ready on ${primary.name}"`)
    .build();
}

/** One instance's lines in ~barman/.pgpass on its Barman server; $1 and $2 are the password files. */
export function pgpassScript(edge: BackupEdge, pgpass: HostFile): string {
  const b = edge.instance;
  const m = pgpass.blockMarkers!;
  return new HostScriptBuilder()
    .raw(POSTGRES_SIDE_LIBRARY)
    .comment(`.pgpass lines of ${b.name} on ${edge.server.name}`)
    .raw(`pgpass_field() { printf '%s' "$1" | sed 's/[\\\\:]/\\\\&/g'; }`)
    .raw(`password_ok "$1" ${BARMAN_DB_USER}; password_ok "$2" ${STREAMING_DB_USER}`)
    .raw('bpw=$(base64 -d < "$1"); spw=$(base64 -d < "$2")')
    .raw(`block=$(mktemp)`)
    .raw(`{ printf '%s\\n' ${shellQuote(m.begin)}; printf '%s:%s:*:%s:%s\\n' "$(pgpass_field ${shellQuote(b.address)})" ${b.settings.postgresPort} ${BARMAN_DB_USER} "$(pgpass_field "$bpw")"; printf '%s:%s:*:%s:%s\\n' "$(pgpass_field ${shellQuote(b.address)})" ${b.settings.postgresPort} ${STREAMING_DB_USER} "$(pgpass_field "$spw")"; printf '%s\\n' ${shellQuote(m.end)}; } > "$block"`)
    .raw(`lock_dir_of ${shellQuote(pgpass.path)}`)
    .raw(`merge_block ${shellQuote(pgpass.path)} ${shellQuote(pgpass.owner)} ${shellQuote(pgpass.group)} ${pgpass.mode} ${shellQuote(m.begin)} ${shellQuote(m.end)} "$block" bottom`)
    .raw('rm -f "$block"')
    .build();
}

/** checks that fail on any new server until backups exist: not configuration errors */
const EXPECTED_BEFORE_BACKUPS = ['minimum redundancy requirements', 'backup maximum age'];

/**
 * Activation of one instance on one Barman server, after its roles, pg_hba.conf and .pgpass exist:
 * the replication slot, receive-wal through `barman cron`, one archived WAL segment, an optional
 * first backup, then `barman check`, whose real failures fail the apply with Barman's own words.
 */
export function activationScript(edge: BackupEdge): HostScript {
  const s = edge.instance.settings;
  const name = shellQuote(edge.backupName);
  const expected = EXPECTED_BEFORE_BACKUPS.map((e) => ` -e ${shellQuote(e)}`).join('');
  const who = edge.instance.name;
  const b = new HostScriptBuilder()
    .comment(`activate ${edge.backupName} on ${edge.server.name}`)
    .needUser(s.barmanUser, 'install the barman package, or set barman_user')
    // PostgreSQL's programs run as another user complain when they cannot return to root's directory
    .raw('cd /')
    .raw(`bm() { runuser -u ${shellQuote(s.barmanUser)} -- /usr/bin/barman "$@"; }`)
    .raw(`out=$(bm receive-wal --create-slot ${name} 2>&1) || case "$out" in *"already exists"*) ;; *) die "creating the replication slot of ${edge.backupName} failed: $out" ;; esac`)
    .raw('bm cron >/dev/null 2>&1 || true')
    .raw(`i=0; until bm check ${name} 2>/dev/null | grep -q 'receive-wal running: OK'; do i=$((i + 1)); [ "$i" -lt 30 ] || break; sleep 2; done`)
    .raw(`bm switch-wal --archive --archive-timeout 60 ${name} >/dev/null 2>&1 || echo "cdktf-barman: warning: no WAL segment archived yet for ${edge.backupName}"`)
    .raw(`backups=$(bm list-backups --minimal ${name} 2>/dev/null | wc -l)`);
  if (s.archiver) {
    // archive_mode needs a restart, which the library does not do: with `archiver = on`, Barman
    // refuses every backup and fails its check until then. Say so, rather than "Impossible to
    // start the backup"; the resource stays tainted, so the next apply activates again.
    const psql = shellQuote(`${edge.server.settings.postgresBinDir}/psql`);
    b.raw(`conninfo=$(bm show-server ${name} 2>/dev/null | sed -n 's/^[[:space:]]*conninfo: //p')`)
      .raw(`archive_mode=$(runuser -u ${shellQuote(s.barmanUser)} -- env PGCONNECT_TIMEOUT=10 ${psql} -X -A -t -d "$conninfo" -c "SELECT setting FROM pg_settings WHERE name = 'archive_mode' AND pending_restart" 2>/dev/null || true)`)
      .raw(`[ "$archive_mode" != off ] || die ${shellQuote(`archive_mode on ${who} waits for a PostgreSQL restart (barman_archiver: archive_mode = on and archive_command are set, the library does not restart PostgreSQL): until then Barman refuses backups of ${edge.backupName} and barman check fails. Restart PostgreSQL on ${who}, then run terraform apply again: this activation runs again${s.firstBackup ? ' and takes the first backup' : ''}`)}`);
  }
  if (s.firstBackup) {
    b.raw(`if [ "$backups" -eq 0 ]; then bm backup --wait ${name} || die "the first backup of ${edge.backupName} failed (see above)"; backups=1; fi`);
  }
  b.raw(`report=$(bm check ${name} 2>&1) || true`)
    // without any backup, the age check fails too; with one, only the redundancy may still lack
    .raw(`if [ "$backups" -eq 0 ]; then failed=$(printf '%s\\n' "$report" | grep 'FAILED' | grep -v${expected} || true); else failed=$(printf '%s\\n' "$report" | grep 'FAILED' | grep -v -e ${shellQuote(EXPECTED_BEFORE_BACKUPS[0])} || true); fi`)
    // Barman says only "PostgreSQL: FAILED" (the reason goes to its log): ask libpq, as Barman connects
    .raw(`why() { ci=$(bm show-server ${name} 2>/dev/null | sed -n "s/^[[:space:]]*$1: //p"); [ -n "$ci" ] || return 0; err=$(runuser -u ${shellQuote(s.barmanUser)} -- env PGCONNECT_TIMEOUT=10 ${shellQuote(`${edge.server.settings.postgresBinDir}/psql`)} -X -A -t -d "$ci$2" -c "$3" 2>&1 >/dev/null) || printf '\n%s: %s' "$1" "$err"; }`)
    .raw(`if [ -n "$failed" ]; then case "$failed" in *"PostgreSQL: FAILED"*) report="$report$(why conninfo '' 'SELECT 1')" ;; esac; case "$failed" in *"PostgreSQL streaming: FAILED"*) report="$report$(why streaming_conninfo ' replication=true' IDENTIFY_SYSTEM)" ;; esac; fi`)
    .raw(`[ -z "$failed" ] || die "barman check ${edge.backupName} failed on ${edge.server.name}:\n$report"`)
    .raw('printf \'%s\\n\' "$report"');
  return { script: b.build(), args: [] };
}
