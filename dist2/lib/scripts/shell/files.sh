# shellcheck shell=sh
# Writing a step's files as its `layout` trigger lists them, one line per file:
# "KIND OWNER:GROUP MODE PATH". The contents of the kinds that have one (file, public-key,
# authorized-keys, known-hosts) follow as base64 arguments, in layout order: the trigger values the
# plan showed. Before anything is written, every whole file is checked for hand edits and Barman's
# overrides are looked for (drift.sh); directories, log files and the shared files follow in
# layout order. Private keys, password blocks, pg_hba.conf blocks and the managed list have steps
# of their own.

# the kinds whose content comes as an argument
has_content() { # kind
  case "$1" in file|public-key|authorized-keys|known-hosts) return 0 ;; *) return 1 ;; esac
}

write_files() { # host owner-instance allow(0|1) overrides-home overrides-server marker layout-base64 content-base64...
  wf_layout=$(mktemp)
  printf '%s' "$7" | base64 -d > "$wf_layout" || die "cannot decode the file layout of this step"
  drift_policy "$1" "$2" "$3"
  wf_home=$4
  wf_server=$5
  wf_marker=$6
  shift 7
  content=''
  # first every whole file, staged and compared with what the last apply wrote
  i=0
  n=0
  while read -r kind _who _mode path <&3; do
    has_content "$kind" || continue
    i=$((i + 1))
    [ "$kind" = file ] || continue
    n=$((n + 1))
    eval "content=\${$i}"
    stage_file "$n" "$path" "$content"
  done 3< "$wf_layout"
  if [ -n "$wf_home" ]; then
    if [ -n "$wf_server" ]; then check_barman_overrides_of "$wf_home" "$wf_server"; else check_barman_auto_conf "$wf_home"; fi
  fi
  drift_verdict
  # then everything, in layout order
  i=0
  n=0
  while read -r kind who mode path <&3; do
    owner=${who%%:*}
    group=${who#*:}
    if has_content "$kind"; then
      i=$((i + 1))
      eval "content=\${$i}"
    fi
    case "$kind" in
      directory) ensure_dir "$path" "$owner" "$group" "$mode" ;;
      log-file) ensure_file "$path" "$owner" "$group" "$mode" ;;
      file) n=$((n + 1)); install_staged "$n" "$path" "$owner" "$group" "$mode" ;;
      public-key) put_file "$path" "$owner" "$group" "$mode" "$content" ;;
      authorized-keys) merge_lines_of "$path" "$owner" "$group" "$mode" "$wf_marker" "$content" ;;
      known-hosts)
        wf_lines=$(mktemp)
        known_hosts_of "$content" > "$wf_lines"
        merge_lines "$path" "$owner" "$group" "$mode" "$wf_marker" "$wf_lines"
        rm -f "$wf_lines" ;;
      *) ;;
    esac
  done 3< "$wf_layout"
  rm -f "$wf_layout"
}

# known_hosts lines as the plan showed them: "PATTERN TYPE KEY MARKER" (pinned keys, kept) or
# "PATTERN <scanned-at-apply-from-HOST> MARKER", where HOST is an address or [address]:port whose
# sshd keys are read now
known_hosts_of() { # lines-base64
  kh_all=$(mktemp)
  printf '%s' "$1" | base64 -d > "$kh_all" || die "cannot decode the known_hosts lines"
  while read -r kh_pattern kh_what kh_rest <&4; do
    case "$kh_what" in
      '<scanned-at-apply-from-'*'>')
        kh_host=${kh_what#<scanned-at-apply-from-}
        kh_host=${kh_host%>}
        case "$kh_host" in
          '['*']:'*) kh_port=${kh_host##*]:}; kh_host=${kh_host#[}; kh_host=${kh_host%%]*} ;;
          *) kh_port=22 ;;
        esac
        hk=$(scan_host_keys "$kh_host" "$kh_port") || exit 1
        printf '%s\n' "$hk" | while read -r t k; do
          printf '%s %s %s %s\n' "$kh_pattern" "$t" "$k" "$kh_rest"
        done ;;
      *) printf '%s %s %s\n' "$kh_pattern" "$kh_what" "$kh_rest" ;;
    esac
  done 4< "$kh_all"
  rm -f "$kh_all"
}
