# shellcheck shell=sh
# A restore drill of one backed-up instance on this Barman server, run as root: the latest (or a
# named) backup recovered with Barman into a private scratch directory, started as a PostgreSQL of
# its own (another port, no TCP, owned by the barman user) that replays the archived WAL to its end
# and promotes, then checked: it answers, its catalogue reads, it replayed at least up to the newest
# WAL segment Barman had archived when the drill started, an optional query returns what is
# expected. The result is one JSON object in the result file (atomically replaced) and on stdout;
# the exit code is 0 for a pass, 1 for a failure, 2 when the drill could not run (busy, no
# backup, no room). Whatever the drill made is removed on every exit; the backup is only read.
#
# usage: restore-drill NAME BIN_DIR SCRATCH_DIR PORT RESULT_FILE DB_USER BACKUP_LOCK [BACKUP_ID [CHECK_SQL EXPECTED]]
# (DB_USER: a superuser of the instance, its postgres_user; the checks connect as it. BACKUP_LOCK:
# the lock file its backup cron line takes)
set -eu
umask 077
name=$1 bin=$2 scratch=$3 port=$4 result=$5 db_user=$6 backup_lock=$7 backup=${8:-latest} check_sql=${9:-} expected=${10:-}
barman_user=@BARMAN_USER@
home=@BARMAN_HOME@
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t0=$(date +%s)
work=''
pg_up=0

json_text() { # a JSON string: backslash, quote and control characters escaped, one line
  printf '%s' "$1" | tr '\n\t\r' '   ' | tr -d '\000-\037' | sed 's/\\/\\\\/g; s/"/\\"/g'
}

# writes the result (atomically, beside the result file) and ends the drill with its exit code
finish() { # pass|fail|error reason [backup-id] [lsn]
  case "$1" in pass) code=0 ;; fail) code=1 ;; *) code=2 ;; esac
  doc=$(printf '{"instance":"%s","startedAt":"%s","durationSeconds":%s,"backupId":"%s","recoveredLsn":"%s","result":"%s","reason":"%s"}' \
    "$(json_text "$name")" "$started" "$(($(date +%s) - t0))" "$(json_text "${3:-}")" "$(json_text "${4:-}")" "$1" "$(json_text "$2")")
  mkdir -p "$(dirname "$result")"
  tmp=$(mktemp "$(dirname "$result")/.drill.XXXXXX")
  printf '%s\n' "$doc" > "$tmp"
  chmod 0644 "$tmp"
  mv -f "$tmp" "$result"
  printf '%s\n' "$doc"
  exit "$code"
}

# shellcheck disable=SC2317 # runs from the EXIT trap
cleanup() {
  if [ "$pg_up" = 1 ]; then runuser -u "$barman_user" -- "$bin/pg_ctl" -D "$work/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true; fi
  if [ -n "$work" ]; then rm -rf -- "$work"; fi
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

as_barman() { (cd / && runuser -u "$barman_user" -- env PGCONNECT_TIMEOUT=10 "$@"); }
psql_drill() { as_barman "$bin/psql" -X -At -v ON_ERROR_STOP=1 -h "$work" -p "$port" -U "$db_user" -d postgres "$@"; }

case "$name" in ''|.|..|*/*|*[!A-Za-z0-9._-]*) finish error "'$name' is not a Barman server name" ;; esac
[ -x "$bin/pg_ctl" ] || finish error "no pg_ctl in $bin: install the PostgreSQL server package of this instance's major on the Barman server"
[ -d "$scratch" ] || finish error "the scratch directory $scratch does not exist"

# one drill of a server at a time, and never beside its backup: the backup cron line takes the same
# lock with flock -n, so a drill running at backup time makes that backup wait for the next slot
lock_file() { # path: made as the barman user's cron would make it, so its backups can take it later
  [ ! -L "$1" ] || finish error "$1 is a symbolic link: refusing to use it as a lock"
  if [ ! -e "$1" ]; then : > "$1"; chown "$barman_user:" "$1"; chmod 0600 "$1"; fi
  printf '%s' "$1"
}
exec 8>>"$(lock_file "$home/.cdktf-barman-drill-$name.lock")"
flock -n 8 || finish error "another drill of $name is running"
case "$backup_lock" in "$home"/.*.lock) ;; *) finish error "the backup lock '$backup_lock' is not a lock file in $home" ;; esac
exec 7>>"$(lock_file "$backup_lock")"
flock -n 7 || finish error "a backup of $name is running: the drill did not start"

id=$(as_barman barman show-backup "$name" "$backup" 2>/dev/null | sed -n 's/^Backup \([0-9T]*\)[: ].*$/\1/p' | head -n 1)
[ -n "$id" ] || finish error "no backup '$backup' of $name to drill"
size=$(du -sk "$home/$name/base/$id" | cut -f1)
avail=$(df -Pk "$scratch" | awk 'NR == 2 { print $4 }')
# the copy, the WAL it replays and some room to start: twice the backup
[ "$avail" -gt $((size * 2)) ] || finish error "not enough room in $scratch: ${avail} KiB free, the drill of backup $id needs about $((size * 2)) KiB" "$id"

# the newest WAL segment in Barman's archive now (its index, xlog.db: name, size, time,
# compression; history and backup-label files skipped): the copy must replay at least that far
last_wal=$(awk -F '\t' 'length($1) == 24 && $1 ~ /^[0-9A-F]+$/ && substr($1, 9) > m { m = substr($1, 9); w = $1 } END { print w }' "$home/$name/wals/xlog.db" 2>/dev/null || true)

work=$(mktemp -d "$scratch/cdktf-barman-drill-$name.XXXXXX")
chown "$barman_user:" "$work"
chmod 0700 "$work"
if ! out=$(as_barman barman recover --no-get-wal "$name" "$id" "$work/data" 2>&1); then
  finish fail "barman recover failed: $(printf '%s' "$out" | tail -n 3)" "$id"
fi
# the host's own configuration may live outside the data directory (Debian): the drill brings its
# own; its socket is in the private work directory (0700, the barman user), so trust reaches no one else
[ -f "$work/data/postgresql.conf" ] || as_barman touch "$work/data/postgresql.conf"
printf 'local all all trust\n' > "$work/hba.conf"
: > "$work/ident.conf"
chown "$barman_user:" "$work/hba.conf" "$work/ident.conf"
opts="-c port=$port -c listen_addresses='' -c unix_socket_directories=$work -c hba_file=$work/hba.conf -c ident_file=$work/ident.conf -c archive_mode=off -c cluster_name=cdktf-barman-drill -c logging_collector=off"
pg_up=1
if ! as_barman "$bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -t 600 -o "$opts" start >/dev/null 2>&1; then
  finish fail "the recovered instance did not start: $(tail -n 3 "$work/postgres.log" 2>/dev/null)" "$id"
fi
i=0
while [ "$(psql_drill -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" != f ]; do
  i=$((i + 1))
  [ "$i" -lt 600 ] || finish fail "the recovered instance is still replaying WAL after 10 minutes: $(tail -n 2 "$work/postgres.log")" "$id"
  sleep 1
done
lsn=$(psql_drill -c 'SELECT pg_current_wal_lsn()') || finish fail "the recovered instance does not answer" "$id"
n=$(psql_drill -c 'SELECT count(*) FROM pg_catalog.pg_class' 2>&1) || finish fail "the catalogue of the recovered instance does not read: $n" "$id" "$lsn"
if [ -n "$check_sql" ]; then
  got=$(psql_drill -c "$check_sql" 2>&1) || finish fail "the check query failed: $got" "$id" "$lsn"
  [ "$got" = "$expected" ] || finish fail "the check query returned '$got', not '$expected'" "$id" "$lsn"
fi
replayed='its WAL'
if [ -n "$last_wal" ]; then
  seg=$(psql_drill -c 'SELECT pg_walfile_name(pg_current_wal_lsn())') || finish fail "the recovered instance does not answer" "$id" "$lsn"
  # the log and segment numbers of both names (the promotion started a new timeline), compared as text
  if awk -v a="x${seg#????????}" -v b="x${last_wal#????????}" 'BEGIN { exit !(a < b) }'; then
    finish fail "the copy replayed WAL only into segment ${seg#????????}, while Barman had archived up to $last_wal: WAL is missing from the archive" "$id" "$lsn"
  fi
  replayed="WAL up to $last_wal"
fi
finish pass "recovered, replayed $replayed and answered ($n catalogue entries)" "$id" "$lsn"
