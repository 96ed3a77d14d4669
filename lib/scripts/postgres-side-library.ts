/**
 * Shell functions for the Postgres side, added after SHELL_LIBRARY: SQL as the postgres user over
 * the local socket, and a marked block at the top of a shared file (pg_hba.conf, where the first
 * matching line wins) or at its end (.pgpass).
 */
export const POSTGRES_SIDE_LIBRARY = `
# SQL as the postgres OS user through the local socket; extra arguments go to psql
pg_sql() {
  runuser -u "$PG_OS_USER" -- "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@"
}

need_postgres_running() {
  [ -x "$PG_BIN/psql" ] || die "psql not found in postgres_bin_dir '$PG_BIN': install PostgreSQL $PG_VERSION, or set postgres_bin_dir"
  pg_sql -c 'SELECT 1' >/dev/null 2>&1 || die "PostgreSQL does not answer on port $PG_PORT as user $PG_OS_USER: start it, or set postgres_port"
}

# replaces the block from the begin line (the marker, alone or followed by a space) to the end line;
# where: top or bottom
merge_block() { # path owner group mode begin end new-block-file where
  merged=$(mktemp)
  rest=$(mktemp)
  if [ -f "$1" ]; then
    awk -v b="$5" -v e="$6" '$0 == b || index($0, b " ") == 1 { skip = 1 } !skip { print } skip && $0 == e { skip = 0 }' "$1" > "$rest"
  fi
  if [ "$8" = top ]; then cat "$7" "$rest" > "$merged"; else cat "$rest" "$7" > "$merged"; fi
  install_from "$merged" "$1" "$2" "$3" "$4"
  rm -f "$merged" "$rest"
}

remove_block() { # path begin end: keeps the file's owner and mode
  [ -f "$1" ] || return 0
  grep -q -F -x -e "$3" "$1" || return 0
  kept=$(mktemp)
  awk -v b="$2" -v e="$3" '$0 == b || index($0, b " ") == 1 { skip = 1 } !skip { print } skip && $0 == e { skip = 0 }' "$1" > "$kept"
  install_from "$kept" "$1" "$(stat -c %U "$1")" "$(stat -c %G "$1")" "$(stat -c %a "$1")"
  rm -f "$kept"
}
`;
