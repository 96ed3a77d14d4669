# shellcheck shell=sh
# A Postgres instance's side of the SSH trust: the postgres user's public key, the Barman servers'
# key authorized (with its restrictions), the Barman servers known.

postgres_access() { # postgres-user postgres-group postgres-home write_files-arguments...
  need_user "$1" 'install PostgreSQL first, or set postgres_user'
  need_group "$2" 'install PostgreSQL first, or set postgres_group'
  need_home "$1" "$3" postgres_home
  shift 3
  write_files "$@"
}
