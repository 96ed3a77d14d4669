# shellcheck shell=sh
# Drift detection: before a step writes whole files, the changes made on the host outside the
# library (hand edits since the last apply, Barman's own overrides) are found and reported at once;
# the step stops unless barman_allow_overrides is set. See lib/scripts/drift-library.ts.

cdktf_state=${CDKTF_BARMAN_STATE_DIR:-@DRIFT_STATE_DIR@}
cdktf_findings=0
cdktf_allow=0
cdktf_host=$(hostname 2>/dev/null || echo host)
cdktf_owner=''

drift_policy() { # host owner-instance allow(0|1)
  cdktf_host=$1
  cdktf_owner=$2
  cdktf_allow=$3
}

record_of() { printf '%s/written%s' "$cdktf_state" "$1"; }

sha_of() { sha256sum < "$1" | cut -c1-64; }

# a conninfo someone wrote by hand may hold a password: never print one
mask_secrets() {
  sed 's/\([Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd][[:space:]]*=[[:space:]]*\)[^[:space:]]*/\1********/g'
}

# one change made outside the library: the headline, the details (stdin) and, unless allowed, the fix
finding() { # headline fix-when-not-allowed
  cdktf_findings=$((cdktf_findings + 1))
  if [ "$cdktf_allow" = 1 ]; then
    printf 'cdktf-barman on %s: warning: %s\n' "$cdktf_host" "$1" >&2
    mask_secrets >&2
  else
    printf 'cdktf-barman on %s: drift: %s\n' "$cdktf_host" "$1" >&2
    mask_secrets >&2
    printf '  fix: %s\n' "$2" >&2
  fi
}

# decodes the new content of a whole file (installed later by install_staged), and compares the
# file on the host with the record of the last write and with the new content
stage_file() { # n path base64-content
  # shellcheck disable=SC2154 # cdktf_work: the private work directory common.sh makes
  printf '%s' "$3" | base64 -d > "$cdktf_work/staged.$1" || die "cannot decode the content of $2"
  check_hand_edit "$2" "$cdktf_work/staged.$1"
}

check_hand_edit() { # path new-content-file
  rec=$(record_of "$1")
  # a symbolic link is refused when writing; no file: nothing to lose; no record: adopted
  [ -f "$1" ] && [ ! -L "$1" ] && [ -f "$rec" ] || return 0
  cur=$(sha_of "$1")
  [ "$cur" != "$(cut -c1-64 "$rec")" ] || return 0
  [ "$cur" != "$(sha_of "$2")" ] || return 0
  if [ "$cdktf_allow" = 1 ]; then
    what="$1 was edited by hand since the last apply: overwritten, as barman_allow_overrides is true on $cdktf_owner (the '-' lines are lost)"
  else
    what="$1 was edited by hand since the last apply (- on the host, + what this apply writes)"
  fi
  # (no pipe into finding: the last command of a pipeline runs in a subshell, losing its count)
  diff -u --label "$1 (on $cdktf_host)" --label "$1 (this apply)" "$1" "$2" > "$cdktf_work/details" || true
  finding "$what" \
    "put the change into config.yml (or the construct props) so that the library writes it, or restore the file ('+' is what the library writes)" < "$cdktf_work/details"
}

# Barman 3.10+: settings that barman config-update wrote, read after /etc/barman.conf and /etc/barman.d
check_barman_auto_conf() { # barman_home
  f="$1/.barman.auto.conf"
  [ -f "$f" ] || return 0
  set_lines=$(grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*[#;]' "$f") || return 0
  if [ "$cdktf_allow" = 1 ]; then
    what="$f (barman config-update) is left alone, as barman_allow_overrides is true on $cdktf_owner: Barman applies it over the files this library writes"
  else
    what="$f (written by barman config-update) overrides the files this library writes:"
  fi
  printf '%s\n' "$set_lines" | sed 's/^/  /' > "$cdktf_work/details"
  finding "$what" "put these settings into config.yml (or the construct props) and remove them from $f" < "$cdktf_work/details"
}

# the same, for one server: its section of .barman.auto.conf and its active model
check_barman_overrides_of() { # barman_home server-name
  f="$1/.barman.auto.conf"
  if [ -f "$f" ]; then
    set_lines=$(awk -v s="$2" '
      /^[[:space:]]*\[/ { cur = $0; sub(/^[[:space:]]*\[/, "", cur); sub(/\].*$/, "", cur); next }
      cur == s && $0 !~ /^[[:space:]]*([#;]|$)/ { print "  " $0 }' "$f")
    if [ -n "$set_lines" ]; then
      if [ "$cdktf_allow" = 1 ]; then
        what="$f overrides the section [$2] (barman config-update); left alone, as barman_allow_overrides is true on $cdktf_owner: Barman applies it over /etc/barman.d"
      else
        what="$f (written by barman config-update) overrides the section [$2]:"
      fi
      printf '%s\n' "$set_lines" > "$cdktf_work/details"
      finding "$what" "put these settings into config.yml (or the construct props) and remove the section [$2] from $f" < "$cdktf_work/details"
    fi
  fi
  m="$1/$2/.active-model.auto"
  if [ -f "$m" ]; then
    model=$(tr -d '[:space:]' < "$m")
    if [ -n "$model" ]; then
      if [ "$cdktf_allow" = 1 ]; then
        what="the Barman model '$model' is active for $2 (barman config-switch); left alone, as barman_allow_overrides is true on $cdktf_owner: Barman applies it over /etc/barman.d"
      else
        what="the Barman model '$model' is active for $2 (barman config-switch, $m): Barman applies it over the section this library writes"
      fi
      finding "$what" "put the model's settings into config.yml (or the construct props), then run: barman config-switch $2 --reset" < /dev/null
    fi
  fi
}

# after every check: stop before anything is written, unless barman_allow_overrides
drift_verdict() {
  [ "$cdktf_findings" -gt 0 ] || return 0
  [ "$cdktf_allow" != 1 ] || return 0
  die "$cdktf_findings change(s) made on $cdktf_host outside cdktf-barman (above): nothing of this step was written. Fix each as said, or set barman_allow_overrides: true on $cdktf_owner to overwrite hand edits and keep Barman's overrides, with a warning"
}

# writes a staged file, then the record of what was written (after it: an interrupted apply leaves
# at worst an old record beside the new file, which matches the next apply's content)
install_staged() { # n path owner group mode
  install_from "$cdktf_work/staged.$1" "$2" "$3" "$4" "$5"
  remember_written "$2" "$cdktf_work/staged.$1"
}

remember_written() { # path content-file
  rec=$(record_of "$1")
  rd=$(dirname "$rec")
  [ -d "$rd" ] || (umask 077 && mkdir -p "$rd")
  chmod 0700 "$cdktf_state/written"
  cdktf_tmp=$(mktemp "$rd/.cdktf-barman.XXXXXX")
  printf '%s  %s\n' "$(sha_of "$2")" "$1" > "$cdktf_tmp"
  mv -f "$cdktf_tmp" "$rec"
  cdktf_tmp=''
}

forget_written() { # path
  rm -f -- "$(record_of "$1")"
}
