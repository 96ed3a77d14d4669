# shellcheck shell=sh
# A Postgres instance leaving Barman (barman_retired). Its Barman servers retired its backups first
# (this step runs after theirs: receive-wal stopped, slot dropped, conf removed, backup data kept).
# On the instance's own host, what this cluster put there goes: the WAL commands it set, replication
# slots its Barman servers left behind (unused ones only), its pg_hba.conf block, its lines in the
# postgres user's authorized_keys and known_hosts, and, when asked (a primary no live replica
# follows), Barman's roles. Nothing without this cluster's mark is touched; a second run finds
# nothing left to remove. Needs postgres-side.sh and PostgreSQL running.

postgres_retirement() { # instance hba-begin hba-end cleanup-sql-base64 roles-sql-base64|'' ssh-dir marker
  sql=$(mktemp)
  printf '%s' "$4" | base64 -d > "$sql"
  chmod 0644 "$sql"
  # the SQL prints one line per slot it cannot drop (in use)
  kept=$(pg_sql -f "$sql")
  [ -z "$kept" ] || printf '%s\n' "$kept" | sed 's/^/cdktf-barman: warning: /'
  hba=$(pg_sql -c 'SHOW hba_file')
  remove_block "$hba" "$2" "$3"
  pg_sql -c 'SELECT pg_reload_conf()' >/dev/null
  if [ -z "$5" ]; then
    echo "cdktf-barman: Barman's roles on $1 are kept (a replica, or a primary that live instances still follow)"
  elif [ "$(pg_sql -c 'SELECT pg_is_in_recovery()')" = t ]; then
    echo "cdktf-barman: warning: $1 is a standby now: Barman's roles are kept (they come from its primary)"
  else
    printf '%s' "$5" | base64 -d > "$sql"
    pg_sql -f "$sql" >/dev/null || die "dropping Barman's roles on $1 failed (see above): the rest of the retirement is done; apply again once fixed"
    echo "cdktf-barman: dropped Barman's roles on $1"
  fi
  rm -f "$sql"
  none=$(mktemp)
  for f in "$6/authorized_keys" "$6/known_hosts"; do
    if [ ! -f "$f" ] || [ -L "$f" ]; then continue; fi
    merge_lines "$f" "$(stat -c %U "$f")" "$(stat -c %G "$f")" "$(stat -c %a "$f")" "$7" "$none"
  done
  rm -f "$none"
  echo "cdktf-barman: $1 left Barman: WAL commands reset, pg_hba.conf block and $7 key lines removed (backups stay on the Barman servers)"
}
