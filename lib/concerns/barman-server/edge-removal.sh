# shellcheck shell=sh
# Retiring a backed-up instance that left this Barman server: receive-wal stopped, slot dropped,
# backups deleted only on request, conf removed, all under the server's cron lock. The caller sets
# BM_USER, BM_HOME, BM_CONF_DIR, BM_LOG and defines bm. See lib/scripts/edge-removal.ts.

# the slot_name and streaming_conninfo values of a conf the library wrote (one pair of quotes, %% for %)
conf_value() { # conf key
  sed -n "s/^$2 = \"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" "$1" | head -n 1 | sed 's/%%/%/g'
}

# drops the server's slot on its PostgreSQL; a PostgreSQL that does not answer gets a loud warning
# with the SQL to run there later, and the removal goes on (a decommissioned host never answers)
drop_slot_of() { # name conf
  slot=$(conf_value "$2" slot_name)
  ci=$(conf_value "$2" streaming_conninfo)
  [ -n "$slot" ] || { echo "cdktf-barman: $1 has no slot_name in $2: no replication slot to drop"; return 0; }
  tries=0
  while :; do
    if out=$(bm receive-wal --drop-slot "$1" 2>&1 </dev/null); then
      echo "cdktf-barman: dropped the replication slot $slot of $1 ($ci)"
      return 0
    fi
    case "$out" in
      *"does not exist"*)
        echo "cdktf-barman: the replication slot $slot of $1 was already gone"
        return 0 ;;
      *"Cannot connect to server"*)
        why=$(tail -n 20 "$BM_LOG" 2>/dev/null | grep -F "Cannot connect to server '$1'" | tail -n 1 | sed 's/^.*Cannot connect to server/Cannot connect to server/') || true
        echo "cdktf-barman: WARNING: the PostgreSQL of $1 ($ci) does not answer (${why:-$out}): its replication slot $slot was NOT dropped. A forgotten slot keeps WAL forever and fills that disk: when the host is back, run there: SELECT pg_drop_replication_slot('$slot');" >&2
        return 0 ;;
      *"in use"*)
        # the walsender of the receive-wal just stopped may take a moment to let the slot go
        tries=$((tries + 1))
        [ "$tries" -lt "${BM_SLOT_TRIES:-15}" ] || die "the replication slot $slot of $1 is still in use ($ci): another pg_receivewal or standby streams from it. Stop it (barman receive-wal --stop $1 on this host, or on the PostgreSQL host: SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '$slot'), then apply again: $1 stays configured until then"
        sleep 1 ;;
      *) die "dropping the replication slot $slot of $1 failed: $out ($1 stays configured; the next apply retries)" ;;
    esac
  done
}

# deletes <barman_home>/<name> (barman_removed_backups = delete) only when it is what Barman made
delete_backups_of() { # name
  case "$1" in ''|.|..|*/*|*[!A-Za-z0-9._-]*) die "refusing to delete the backups of '$1': not a Barman server name" ;; esac
  case "$BM_HOME" in /*) ;; *) die "refusing to delete backups: barman_home '$BM_HOME' is not absolute" ;; esac
  [ "$BM_HOME" != / ] || die "refusing to delete backups: barman_home is /"
  dir="$BM_HOME/$1"
  if [ -L "$dir" ]; then die "refusing to delete the backups of $1: $dir is a symbolic link (delete it by hand)"; fi
  if [ ! -e "$dir" ]; then echo "cdktf-barman: no backups of $1 to delete ($dir does not exist)"; return 0; fi
  [ -d "$dir" ] || die "refusing to delete the backups of $1: $dir is not a directory"
  [ "$(stat -c %U "$dir")" = "$BM_USER" ] || die "refusing to delete the backups of $1: $dir is not owned by $BM_USER"
  # Barman makes these lazily (a server that only streamed so far has streaming/ alone)
  [ -d "$dir/base" ] || [ -d "$dir/wals" ] || [ -d "$dir/streaming" ] || [ -d "$dir/incoming" ] || die "refusing to delete the backups of $1: $dir has none of base/, wals/, streaming/, incoming/, so it is not a Barman server directory"
  rm -rf -- "$dir"
  echo "cdktf-barman: deleted the backups of $1 ($dir), as barman_removed_backups = delete asks"
}

# Barman's own lock file of a server (<barman_home>/.<name>-<cron|backup>.lock, fcntl.flock: util-linux
# flock excludes it), made as Barman would make it when missing, so Barman can open it later
barman_lock() { # name cron|backup
  f="$BM_HOME/.$1-$2.lock"
  not_symlink "$f"
  if [ ! -e "$f" ]; then : > "$f"; chown "$BM_USER:" "$f"; chmod 0600 "$f"; fi
  printf '%s' "$f"
}

# stops what Barman runs for a server that left this host, drops its slot, optionally deletes its
# backups, and removes its conf: all under its cron lock, so `barman cron` cannot restart
# receive-wal in between. A conf already gone means an earlier run got that far: nothing to do.
retire_server() { # name keep|delete
  conf="$BM_CONF_DIR/$1.conf"
  [ -f "$conf" ] || return 0
  lock=$(barman_lock "$1" cron)
  exec 8>>"$lock"
  flock -w 120 8 || die "barman cron of $1 keeps $lock locked for 2 minutes: nothing of $1 was removed; apply again"
  # a backup still copying would fail half-way once its conf is gone: leave it be, retry later
  backup_lock=$(barman_lock "$1" backup)
  exec 7>>"$backup_lock"
  flock -n 7 || die "a backup of $1 is running (barman backup holds $backup_lock): nothing of $1 was removed; apply again when it has finished"
  if out=$(bm receive-wal --stop "$1" 2>&1 </dev/null); then
    echo "cdktf-barman: stopped receive-wal of $1"
  else
    case "$out" in *"no such process"*) ;; *) die "stopping receive-wal of $1 failed: $out ($1 stays configured; the next apply retries)" ;; esac
  fi
  drop_slot_of "$1" "$conf"
  [ "$2" != delete ] || delete_backups_of "$1"
  rm -f -- "$conf" "$BM_HOME/@BACKUP_LOCK_PREFIX@$(printf '%s' "$1" | tr -c 'A-Za-z0-9_-' '_').lock"
  echo "cdktf-barman: removed $conf (no longer in the graph)"
  exec 7>&- 8>&-
}
