# shellcheck shell=sh
# A Barman server's own configuration (needs preflight.sh): checks that Barman and its tools are
# there, every file of the server's layout (files.sh), then the reconciliation: the instances an earlier apply
# configured here and the graph no longer has are retired (Terraform runs no destroy provisioner
# for a resource removed from the configuration): per name, under its cron lock, receive-wal
# stopped, slot dropped while the .pgpass lines still let Barman connect, backups deleted only with
# barman_removed_backups = delete, conf removed; then the cron files and .pgpass blocks. A failure
# stops the step before the list is rewritten, so the next apply retries.

barman_server() { # server barman-user barman-group barman-home postgres-clients barman-version log-file keep|delete list-file wanted-base64 pgpass-file begin-prefix end-prefix owner|shared owners-barman-conf-base64 write_files-arguments...
  # the preflight checked these before any host was written; checked again with its function, in
  # case a package left since (the preflight re-runs only when what it checks changes)
  preflight_has executable /usr/bin/barman || die "barman is not installed on $1: install the barman and barman-cli packages first"
  need_user "$2" 'install the barman package, or set barman_user'
  need_group "$3" 'install the barman package, or set barman_group'
  need_home "$2" "$4" barman_home
  need_command flock "flock is missing on $1; the backup cron entries need it: install util-linux"
  need_barman_version "$1" "$6"
  need_postgres_clients "$1" "$5"
  # what edge-removal.sh reads
  # shellcheck disable=SC2034
  BM_USER=$2 BM_HOME=$4 BM_CONF_DIR=@BARMAN_CONF_DIR@ BM_LOG=$7
  sv_removed=$8 sv_list=$9 sv_wanted=${10} sv_pgpass=${11} sv_begin=${12} sv_end=${13}
  check_ownership "$1" "$sv_list" "$sv_wanted" "${14}" "${15}"
  shift 15
  write_files "$@"
  retire_removed "$sv_list" "$sv_wanted" "$sv_pgpass" "$sv_begin" "$sv_end" "$sv_removed"
}

# the installed Barman is at least the declared barman_version (a newer one is fine)
need_barman_version() { # server declared-version
  nb_have=$(barman_version_of "$(/usr/bin/barman -v 2>&1)") || die "could not read the version of /usr/bin/barman on $1 (barman -v)"
  version_older "$nb_have" "$2" || return 0
  die "Barman $nb_have is installed on $1, older than its barman_version $2: upgrade the barman package to $2 or later, or lower barman_version to $nb_have (settings a newer Barman accepts are then refused)"
}

# the first version number in what `barman -v` prints ("3.4.0 Barman by EnterpriseDB ...")
barman_version_of() { # barman-v-output
  bv=$(printf '%s\n' "$1" | sed -n 's/^[^0-9]*\([0-9][0-9]*\(\.[0-9][0-9]*\)*\).*/\1/p' | head -n 1)
  [ -n "$bv" ] || return 1
  printf '%s\n' "$bv"
}

# true when version $1 is older than $2 (dot-separated numbers; missing parts are 0)
version_older() { # have want
  awk -v a="$1" -v b="$2" 'BEGIN { na = split(a, x, "."); nb = split(b, y, "."); n = na > nb ? na : nb
    for (k = 1; k <= n; k++) { p = (k <= na) ? x[k] + 0 : 0; q = (k <= nb) ? y[k] + 0 : 0; if (p < q) exit 0; if (p > q) exit 1 }
    exit 1 }'
}

# pg_receivewal of every PostgreSQL major the server's instances need, each in its own directory
need_postgres_clients() { # server clients ("MAJOR BIN-DIR INSTANCE,..." entries separated by ';')
  while read -r nc_major nc_dir nc_names; do
    [ -n "$nc_major" ] || continue
    [ -x "$nc_dir/pg_receivewal" ] || die "pg_receivewal of PostgreSQL $nc_major not found in '$nc_dir' on $1, needed by $nc_names (postgres_version $nc_major): install postgresql-client-$nc_major there, or set the Barman server's postgres_bin_dir"
  done <<EOF
$(printf '%s\n' "$2" | tr ';' '\n')
EOF
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

# the cluster a managed list belongs to: its file name without .managed
cluster_of_list() { # list-file
  n=${1##*/}
  printf '%s' "${n%.managed}"
}

# One Barman server, several clusters: one owns the server-wide files (its managed list says
# @OWNS_SERVER@), the others are barman_shared and add only their own backups. Checked before
# anything is written: a second owner, a sharer without an owner or with another barman.conf than it
# expects, and a backup name or cron file another cluster already manages all stop the apply.
check_ownership() { # server list-file wanted-base64 owner|shared expected-barman-conf-base64
  me=$(cluster_of_list "$2")
  owner=''
  others=$(mktemp)
  for f in "${2%/*}"/*.managed; do
    if [ ! -f "$f" ] || [ "$f" = "$2" ]; then continue; fi
    printf '%s\n' "$f" >> "$others"
    if grep -qxF -- '@OWNS_SERVER@' "$f"; then owner=$(cluster_of_list "$f"); fi
  done
  if [ "$4" = owner ]; then
    [ -z "$owner" ] || die "cluster $owner already owns the Barman server $1 (its /etc/barman.conf, cron, log and barman keys): a Barman server has one owner; set barman_shared: true on $1 in cluster $me (or in $owner, and apply that one second)"
  else
    [ -n "$owner" ] || die "$1 is barman_shared in cluster $me, but no cluster owns it yet: apply first the cluster in which $1 is not barman_shared"
    # below the first line: the header names the host as each cluster calls it
    expected=$(mktemp)
    printf '%s' "$5" | base64 -d | tail -n +2 > "$expected"
    found=$(mktemp)
    conf=${CDKTF_BARMAN_GLOBAL_CONF:-@BARMAN_CONF_PATH@}
    [ ! -f "$conf" ] || tail -n +2 "$conf" > "$found"
    if ! cmp -s "$expected" "$found"; then
      d=$(diff -u --label "@BARMAN_CONF_PATH@ (cluster $owner, on $1)" --label "what cluster $me expects" "$found" "$expected" 2>&1 || true)
      die "the Barman-server settings of $1 differ between cluster $owner (the owner) and cluster $me (barman_shared): $owner's count; make $me's equal (barman_home, barman_user, barman_log_file and the barman_* defaults of $1)
$d"
    fi
    rm -f "$expected" "$found"
  fi
  # every backup of this cluster must be its own: a conf, cron file or .pgpass block another
  # cluster lists is that cluster's
  wanted=$(mktemp)
  printf '%s' "$3" | base64 -d > "$wanted"
  while IFS= read -r f; do
    while IFS= read -r entry; do
      [ "$entry" != '@OWNS_SERVER@' ] || continue
      grep -qxF -- "$entry" "$f" || continue
      die "$entry on $1 belongs to cluster $(cluster_of_list "$f"): two clusters backing up to one Barman server need distinct backup_name values; rename the instance's backup_name in cluster $me"
    done < "$wanted"
  done < "$others"
  rm -f "$wanted" "$others"
}
