# shellcheck shell=sh
# The steps that run on a Postgres host with PostgreSQL up: pg_hba.conf and the WAL settings,
# Barman's roles, and (on the Barman server) an instance's .pgpass lines. Needs postgres-side.sh.

# a step that talks to PostgreSQL: the variables of postgres-side.sh set, PostgreSQL answering
on_postgres() { # os-user bin-dir port version step step-arguments...
  postgres_side "$1" "$2" "$3" "$4"
  shift 4
  "$@"
}

# the Postgres-side functions read these
postgres_side() { # os-user bin-dir port version
  # shellcheck disable=SC2034 # read by the functions of postgres-side.sh
  PG_OS_USER=$1 PG_BIN=$2 PG_PORT=$3 PG_VERSION=$4
  # psql runs as the postgres user and reads the files a step hands it (SQL, passwords): it must
  # be able to cross the private work directory (0700 root). 0711 lists nothing; every mktemp name
  # is random and 0600 unless a step hands the file over on purpose
  # shellcheck disable=SC2154 # cdktf_work: the private work directory common.sh makes
  chmod 0711 "$cdktf_work"
  need_user "$PG_OS_USER" 'install PostgreSQL first, or set postgres_user'
  need_postgres_running
}

# the pg_hba.conf block first in the file (checked with pg_hba_file_rules after a reload; the old
# file comes back on error), then the WAL settings (ALTER SYSTEM)
postgres_config() { # instance hba-path owner group mode begin end block-base64 sql-base64
  hba=$(pg_sql -c 'SHOW hba_file')
  [ "$hba" = "$2" ] || die "PostgreSQL on $1 reads $hba, not $2: set postgres_conf_dir to $(dirname "$hba")"
  block=$(mktemp)
  printf '%s' "$8" | base64 -d > "$block"
  old=$(mktemp)
  cp -p "$hba" "$old"
  merge_block "$hba" "$3" "$4" "$5" "$6" "$7" "$block" top
  pg_sql -c "SELECT pg_reload_conf()" >/dev/null
  bad=$(pg_sql -c "SELECT line_number || ': ' || error FROM pg_hba_file_rules WHERE error IS NOT NULL")
  if [ -n "$bad" ]; then
    cat "$old" > "$hba"
    pg_sql -c "SELECT pg_reload_conf()" >/dev/null
    die "pg_hba.conf would not load ($bad): the previous file is back"
  fi
  rm -f "$block" "$old"
  sql=$(mktemp)
  printf '%s' "$9" | base64 -d > "$sql"
  chmod 0644 "$sql"
  pg_sql -f "$sql" >/dev/null
  rm -f "$sql"
  [ "$(pg_sql -c "SELECT count(*) FROM pg_settings WHERE pending_restart AND name = 'archive_mode'")" = 0 ] || echo "cdktf-barman: warning: archive_mode on $1 takes effect only after PostgreSQL restarts: restart it for WAL archiving to Barman to start"
}

# Barman's roles are made on a primary and replicate: a standby is a configuration error
roles_check() { # instance
  [ "$(pg_sql -c 'SELECT pg_is_in_recovery()')" = f ] || die "$1 is a standby: Barman's roles are created on its primary, and replicate"
}

# Barman's roles on a primary; the passwords arrive as base64 in 0600 files and psql reads them
# from files, never from a command line
roles_create() { # instance roles-sql-base64 barman-password-file streaming-password-file
  roles_check "$1"
  password_ok "$3" @BARMAN_DB_USER@
  password_ok "$4" @STREAMING_DB_USER@
  dir=$(mktemp -d)
  base64 -d < "$3" > "$dir/barman"
  base64 -d < "$4" > "$dir/streaming"
  chown -R "$PG_OS_USER" "$dir"
  chmod 0700 "$dir"
  chmod 0600 "$dir"/*
  {
    # shellcheck disable=SC2016 # psql's backquotes: psql runs cat, not this shell
    printf '\\set barman_password `cat %s/barman`\n' "$dir"
    # shellcheck disable=SC2016
    printf '\\set streaming_password `cat %s/streaming`\n' "$dir"
    printf '%s' "$2" | base64 -d
  } > "$dir/roles.sql"
  chown "$PG_OS_USER" "$dir/roles.sql"
  pg_sql -f "$dir/roles.sql" >/dev/null || { rm -rf "$dir"; die "creating Barman's roles failed (see above)"; }
  rm -rf "$dir"
  echo "cdktf-barman: roles @BARMAN_DB_USER@ and @STREAMING_DB_USER@ ready on $1"
}

# a .pgpass field: backslash and colon escaped
pgpass_field() {
  printf '%s' "$1" | sed 's/[\\:]/\\&/g'
}

# one instance's lines in ~barman/.pgpass on its Barman server, as a marked block
pgpass_lines() { # address port begin end path owner group mode barman-password-file streaming-password-file
  password_ok "$9" @BARMAN_DB_USER@
  password_ok "${10}" @STREAMING_DB_USER@
  bpw=$(base64 -d < "$9")
  spw=$(base64 -d < "${10}")
  block=$(mktemp)
  {
    printf '%s\n' "$3"
    printf '%s:%s:*:%s:%s\n' "$(pgpass_field "$1")" "$2" @BARMAN_DB_USER@ "$(pgpass_field "$bpw")"
    printf '%s:%s:*:%s:%s\n' "$(pgpass_field "$1")" "$2" @STREAMING_DB_USER@ "$(pgpass_field "$spw")"
    printf '%s\n' "$4"
  } > "$block"
  lock_dir_of "$5"
  merge_block "$5" "$6" "$7" "$8" "$3" "$4" "$block" bottom
  rm -f "$block"
}
