# shellcheck shell=sh
# A Barman server's own configuration (needs preflight.sh): checks that Barman and its tools are
# there, every file of the server's layout (files.sh), then the reconciliation: the instances an earlier apply
# configured here and the graph no longer has are retired (Terraform runs no destroy provisioner
# for a resource removed from the configuration): per name, under its cron lock, receive-wal
# stopped, slot dropped while the .pgpass lines still let Barman connect, backups deleted only with
# barman_removed_backups = delete, conf removed; then the cron files and .pgpass blocks. A failure
# stops the step before the list is rewritten, so the next apply retries.

barman_server() { # server barman-user barman-group barman-home pg-bin-dir pg-version log-file keep|delete list-file wanted-base64 pgpass-file begin-prefix end-prefix write_files-arguments...
  # the preflight checked these before any host was written; checked again with its function, in
  # case a package left since (the preflight re-runs only when what it checks changes)
  preflight_has executable /usr/bin/barman || die "barman is not installed on $1: install the barman and barman-cli packages first"
  need_user "$2" 'install the barman package, or set barman_user'
  need_group "$3" 'install the barman package, or set barman_group'
  need_home "$2" "$4" barman_home
  need_command flock "flock is missing on $1; the backup cron entries need it: install util-linux"
  preflight_has executable "$5/pg_receivewal" || die "pg_receivewal not found in postgres_bin_dir '$5' on $1: install the PostgreSQL client of version $6, or set postgres_bin_dir"
  # what edge-removal.sh reads
  # shellcheck disable=SC2034
  BM_USER=$2 BM_HOME=$4 BM_CONF_DIR=@BARMAN_CONF_DIR@ BM_LOG=$7
  sv_removed=$8 sv_list=$9 sv_wanted=${10} sv_pgpass=${11} sv_begin=${12} sv_end=${13}
  shift 13
  write_files "$@"
  retire_removed "$sv_list" "$sv_wanted" "$sv_pgpass" "$sv_begin" "$sv_end" "$sv_removed"
}

# barman as its user; a host that does not answer must not hold the apply for long
bm() {
  (cd / && runuser -u "$BM_USER" -- env PGCONNECT_TIMEOUT=10 /usr/bin/barman "$@")
}

retire_removed() { # list-file wanted-base64 pgpass-file begin-prefix end-prefix keep|delete
  wanted=$(mktemp)
  printf '%s' "$2" | base64 -d > "$wanted"
  gone=$(mktemp)
  # the names that left: from their conf or their .pgpass entry (lists of earlier versions have both)
  if [ -f "$1" ]; then
    while IFS= read -r old; do
      grep -qxF -- "$old" "$wanted" && continue
      case "$old" in
        @BARMAN_CONF_DIR@/*.conf) n=${old#@BARMAN_CONF_DIR@/}; n=${n%.conf} ;;
        pgpass:*) n=${old#pgpass:} ;;
        *) continue ;;
      esac
      grep -qxF -- "$n" "$gone" || printf '%s\n' "$n" >> "$gone"
    done < "$1"
  fi
  while IFS= read -r n; do retire_server "$n" "$6" </dev/null; done < "$gone"
  lock_dir_of "$3"
  if [ -f "$1" ]; then
    while IFS= read -r old; do
      grep -qxF -- "$old" "$wanted" && continue
      case "$old" in
        @BARMAN_CONF_DIR@/*.conf|/etc/cron.d/*)
          forget_written "$old"
          if [ -e "$old" ]; then rm -f -- "$old"; echo "cdktf-barman: removed $old (no longer in the graph)"; fi ;;
        pgpass:*)
          n=${old#pgpass:}
          remove_block "$3" "$4$n" "$5$n"
          echo "cdktf-barman: removed the .pgpass lines of $n" ;;
      esac
    done < "$1"
  fi
  install_from "$wanted" "$1" root root 0644
  rm -f "$wanted" "$gone"
}
