# shellcheck shell=sh
# Postgres-side functions: SQL as the postgres user over the local socket, and a marked block at
# the top of a shared file (pg_hba.conf, where the first matching line wins) or at its end (.pgpass).

# SQL as the postgres OS user through the local socket; extra arguments go to psql (from /: psql
# as another user complains that it cannot return to root's working directory)
pg_sql() {
  (cd / && runuser -u "$PG_OS_USER" -- "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@")
}

# a database password as the secret steps receive it, base64 in a file: one rule for the roles
# step and the .pgpass step, so both refuse the same passwords before either changes anything.
# The check is on the decoded bytes (a trailing newline counts: .pgpass and psql could not agree on
# it), since a password from a variable or file() may hold what a line-based tool would not see
password_ok() { # base64-file what
  decoded=$(base64 -d < "$1" | wc -c) || die "the $2 password is not valid base64"
  [ "$decoded" -gt 0 ] || die "the $2 password is empty: give a password"
  [ "$(base64 -d < "$1" | tr -d '[:cntrl:]' | wc -c)" -eq "$decoded" ] || die "the $2 password holds a newline or control character, which .pgpass cannot hold: remove it (e.g. trimspace() around a file())"
}

need_postgres_running() {
  [ -x "$PG_BIN/psql" ] || die "psql not found in postgres_bin_dir '$PG_BIN': install PostgreSQL $PG_VERSION, or set postgres_bin_dir"
  pg_sql -c 'SELECT 1' >/dev/null 2>&1 || die "PostgreSQL does not answer on port $PG_PORT as user $PG_OS_USER: start it, or set postgres_port"
}

# replaces the block from the begin line (the marker, alone or followed by a space) to the end line.
# where: top (the block goes first: pg_hba.conf, where the first matching line wins) or bottom (a
# block already in the file is replaced where it stands, so other lines keep their order; a new
# one is appended: .pgpass). A begin line without its end line stops the script: dropping the
# rest of the file (someone else's pg_hba.conf rules) is never the fix
merge_block() { # path owner group mode begin end new-block-file where
  merged=$(mktemp)
  rest=$(mktemp)
  if [ -f "$1" ]; then
    awk -v b="$5" -v e="$6" -v nb="$7" -v w="$8" '
      !skip && ($0 == b || index($0, b " ") == 1) {
        if (w == "bottom" && !placed) { while ((getline l < nb) > 0) print l; placed = 1 }
        skip = 1; next
      }
      !skip { print }
      skip && $0 == e { skip = 0 }
      END { if (skip) exit 3 }' "$1" > "$rest" || die "$1 has a line '$5' without its end line '$6': repair the file by hand (the library replaces what is between them)"
  fi
  if [ "$8" = top ]; then cat "$7" "$rest" > "$merged"
  elif grep -q -F -x -e "$(head -n 1 "$7")" "$rest"; then cat "$rest" > "$merged"
  else cat "$rest" "$7" > "$merged"; fi
  install_from "$merged" "$1" "$2" "$3" "$4"
  rm -f "$merged" "$rest"
}

# one writer at a time for a file several resources share (~barman/.pgpass: one block per instance,
# written by resources Terraform runs in parallel): an exclusive lock on its directory, held on fd 9
# until the script ends (a lock on the file itself would not survive its replacement by rename)
lock_dir_of() { # path
  need_command flock "install util-linux"
  [ -d "$(dirname "$1")" ] || die "directory $(dirname "$1") is missing: $1 cannot be written there (is it the right home, barman_home?)"
  exec 9<"$(dirname "$1")"
  flock -w 120 9 || die "another apply keeps $(dirname "$1") locked: $1 was not changed"
}

remove_block() { # path begin end: keeps the file's owner and mode
  [ -f "$1" ] || return 0
  grep -q -F -x -e "$3" "$1" || return 0
  kept=$(mktemp)
  awk -v b="$2" -v e="$3" '!skip && ($0 == b || index($0, b " ") == 1) { skip = 1; next } !skip { print } skip && $0 == e { skip = 0 } END { if (skip) exit 3 }' "$1" > "$kept" || die "$1 has a line '$2' without its end line '$3': repair the file by hand"
  install_from "$kept" "$1" "$(stat -c %U "$1")" "$(stat -c %G "$1")" "$(stat -c %a "$1")"
  rm -f "$kept"
}
