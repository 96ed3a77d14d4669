# shellcheck shell=sh
# One backed-up instance on this Barman server: its section in /etc/barman.d and its cron file.
# The instance's own barman_allow_overrides decides about hand edits and Barman's overrides.

backup_edge() { # barman-server instance compressor-program(or '') write_files-arguments...
  [ -d @BARMAN_CONF_DIR@ ] || die "@BARMAN_CONF_DIR@ is missing on $1: the Barman server's own configuration must be applied first"
  [ -z "$3" ] || need_command "$3" "barman_compression of $2 is $3: install $3 on $1, or choose another compression"
  shift 3
  write_files "$@"
}
