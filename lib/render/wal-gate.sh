# shellcheck shell=sh
# Lets barman-wal-archive (barman put-wal) and barman-wal-restore (barman get-wal) in, for the
# server names granted by the arguments (put-wal:NAME, get-wal:NAME), and nothing else.
set -eu

cmd=${SSH_ORIGINAL_COMMAND-}
grants=" $* "

refuse() {
  from=${SSH_CLIENT:-unknown}
  msg="cdktf-barman: refused $1 over this postgres key (from ${from%% *}): this key may only run barman put-wal/get-wal as granted:${grants% }; use another login for anything else, or set barman_ssh_restrict: false on this Barman server"
  printf '%s\n' "$msg" >&2
  # a host without syslog must refuse just the same
  logger -t cdktf-barman -p auth.warning -- "$msg" 2>/dev/null || :
  exit 1
}

shown() {
  printf "'%.200s'" "$cmd" | tr -c '[:print:]' '?'
}

[ -n "$cmd" ] || refuse 'an interactive login'
# only what the two clients send: letters, digits, . _ - ' and spaces; no $, ;, /, =, quotes of other kinds
case $cmd in
  *[!A-Za-z0-9._\'\ -]*) refuse "the command $(shown) (characters outside letters, digits, . _ - ')" ;;
esac

# sets w to its argument without one pair of single quotes (barman-wal-restore quotes its words)
unquote() {
  w=$1
  case $w in \'*\') w=${w#\'}; w=${w%\'} ;; esac
  case $w in *\'*|'') refuse "the command $(shown) (badly quoted word)" ;; esac
}

granted() {
  case $grants in *" $1:$2 "*) return 0 ;; esac
  refuse "$1 for server '$2' (command $(shown))"
}

set -f
IFS=' '
# shellcheck disable=SC2086 # split on spaces on purpose: every word was checked above, globbing is off
set -- $cmd
if [ "$#" -lt 3 ] || [ "$1" != barman ]; then refuse "the command $(shown)"; fi
verb=$2
shift 2
args=$verb
case $verb in
  put-wal)
    unquote "$1"; name=$w
    shift
    if [ "$#" -eq 1 ] && [ "$1" = --test ]; then tail=' --test'; shift; else tail=''; fi
    [ "$#" -eq 0 ] || refuse "the command $(shown)"
    granted put-wal "$name"
    args="$args $name$tail"
    ;;
  get-wal)
    while [ "$#" -gt 2 ]; do
      case $1 in
        --test|--gzip|--bzip2|--partial) args="$args $1"; shift ;;
        --peek)
          unquote "$2"; n=$w
          case $n in *[!0-9]*) refuse "the command $(shown) (--peek takes a number)" ;; esac
          args="$args --peek $n"; shift 2 ;;
        *) refuse "the command $(shown) (option $1)" ;;
      esac
    done
    [ "$#" -eq 2 ] || refuse "the command $(shown)"
    unquote "$1"; name=$w
    unquote "$2"; wal=$w
    case $wal in -*|*[!A-Za-z0-9._]*) refuse "the command $(shown) (WAL name)" ;; esac
    granted get-wal "$name"
    args="$args $name $wal"
    ;;
  *) refuse "barman $verb (command $(shown))" ;;
esac

# shellcheck disable=SC2086 # checked words, split on spaces, globbing off
exec @BARMAN@ $args
