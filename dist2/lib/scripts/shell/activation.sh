# shellcheck shell=sh
# Turning one backed-up instance on on this Barman server, after its roles, pg_hba.conf and
# .pgpass lines exist: the replication slot, receive-wal through `barman cron`, one archived WAL
# segment, an optional first backup, then `barman check`, whose real failures stop the apply with
# Barman's own words. Checks that fail on any new server until backups exist (minimum redundancy,
# backup maximum age) are not configuration errors and are let through.

activate_edge() { # backup-name barman-server instance barman-user psql archiver(0|1) first-backup(0|1)
  act_name=$1
  act_server=$2
  act_who=$3
  act_user=$4
  act_psql=$5
  need_user "$act_user" 'install the barman package, or set barman_user'
  # PostgreSQL's programs run as another user complain when they cannot return to root's directory
  cd /
  out=$(act_barman receive-wal --create-slot "$act_name" 2>&1) || case "$out" in
    *"already exists"*) ;;
    *) die "creating the replication slot of $act_name failed: $out" ;;
  esac
  act_barman cron >/dev/null 2>&1 || true
  i=0
  until act_barman check "$act_name" 2>/dev/null | grep -q 'receive-wal running: OK'; do
    i=$((i + 1))
    [ "$i" -lt 30 ] || break
    sleep 2
  done
  act_barman switch-wal --archive --archive-timeout 60 "$act_name" >/dev/null 2>&1 || echo "cdktf-barman: warning: no WAL segment archived yet for $act_name"
  backups=$(act_barman list-backups --minimal "$act_name" 2>/dev/null | wc -l)
  if [ "$6" = 1 ]; then
    # archive_mode needs a restart, which the library does not do: with `archiver = on`, Barman
    # refuses every backup and fails its check until then. Say so, rather than "Impossible to
    # start the backup"; the resource stays tainted, so the next apply activates again.
    conninfo=$(act_barman show-server "$act_name" 2>/dev/null | sed -n 's/^[[:space:]]*conninfo: //p')
    archive_mode=$(runuser -u "$act_user" -- env PGCONNECT_TIMEOUT=10 "$act_psql" -X -A -t -d "$conninfo" -c "SELECT setting FROM pg_settings WHERE name = 'archive_mode' AND pending_restart" 2>/dev/null || true)
    if [ "$archive_mode" = off ]; then
      then_what='this activation runs again'
      [ "$7" != 1 ] || then_what="$then_what and takes the first backup"
      die "archive_mode on $act_who waits for a PostgreSQL restart (barman_archiver: archive_mode = on and archive_command are set, the library does not restart PostgreSQL): until then Barman refuses backups of $act_name and barman check fails. Restart PostgreSQL on $act_who, then run terraform apply again: $then_what"
    fi
  fi
  if [ "$7" = 1 ] && [ "$backups" -eq 0 ]; then
    act_barman backup --wait "$act_name" || die "the first backup of $act_name failed (see above)"
    backups=1
  fi
  report=$(act_barman check "$act_name" 2>&1) || true
  # without any backup, the age check fails too; with one, only the redundancy may still lack
  if [ "$backups" -eq 0 ]; then
    failed=$(printf '%s\n' "$report" | grep 'FAILED' | grep -v -e 'minimum redundancy requirements' -e 'backup maximum age' || true)
  else
    failed=$(printf '%s\n' "$report" | grep 'FAILED' | grep -v -e 'minimum redundancy requirements' || true)
  fi
  # Barman says only "PostgreSQL: FAILED" (the reason goes to its log): ask libpq, as Barman connects
  if [ -n "$failed" ]; then
    case "$failed" in *"PostgreSQL: FAILED"*) report="$report$(act_why conninfo '' 'SELECT 1')" ;; esac
    case "$failed" in *"PostgreSQL streaming: FAILED"*) report="$report$(act_why streaming_conninfo ' replication=true' IDENTIFY_SYSTEM)" ;; esac
  fi
  [ -z "$failed" ] || die "barman check $act_name failed on $act_server:
$report"
  printf '%s\n' "$report"
}

act_barman() {
  runuser -u "$act_user" -- /usr/bin/barman "$@"
}

# why libpq refuses the connection Barman makes with one of the server's conninfo settings
act_why() { # setting conninfo-suffix query
  ci=$(act_barman show-server "$act_name" 2>/dev/null | sed -n "s/^[[:space:]]*$1: //p")
  [ -n "$ci" ] || return 0
  err=$(runuser -u "$act_user" -- env PGCONNECT_TIMEOUT=10 "$act_psql" -X -A -t -d "$ci$2" -c "$3" 2>&1 >/dev/null) || printf '\n%s: %s' "$1" "$err"
}
