"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WalGrant = exports.WAL_GATE_PATH = void 0;
exports.walGrant = walGrant;
exports.walGateCommand = walGateCommand;
exports.renderWalGate = renderWalGate;
const managed_header_1 = require("./managed-header");
const shell_quote_1 = require("./shell-quote");
const guard_script_1 = require("./guard-script");
/** Forced command of the postgres key in ~barman/.ssh/authorized_keys. */
exports.WAL_GATE_PATH = `${guard_script_1.GUARD_DIR}/barman-wal-gate`;
/** What a postgres key may ask of Barman for one server name. */
var WalGrant;
(function (WalGrant) {
    /** barman-wal-archive (archive_command): `barman put-wal NAME` */
    WalGrant["PUT_WAL"] = "put-wal";
    /** barman-wal-restore (restore_command): `barman get-wal ... NAME WAL` */
    WalGrant["GET_WAL"] = "get-wal";
})(WalGrant || (exports.WalGrant = WalGrant = {}));
/** One argument of the gate: `put-wal:NAME` or `get-wal:NAME` (backup names never hold ':'). */
function walGrant(grant, serverName) {
    return `${grant}:${serverName}`;
}
/** The command= value: the gate and its grants, each quoted for the login shell that runs it. */
function walGateCommand(grants) {
    return [exports.WAL_GATE_PATH, ...grants.map(shell_quote_1.shellQuote)].join(' ');
}
/**
 * The gate, a POSIX sh script. It reads $SSH_ORIGINAL_COMMAND, which barman-wal-archive and
 * barman-wal-restore (barman-cli 3.4) send as:
 *   barman put-wal NAME [--test]
 *   barman get-wal [--test] [--peek 'N'] [--gzip|--bzip2] [--partial] 'NAME' 'WAL'
 * (`--config`, which both can send, is refused: nothing here needs it). Words are checked one by one
 * against that grammar and the grants given as arguments, then passed to Barman as separate
 * arguments: no eval, no sh -c. Anything else is refused with a message on stderr and in syslog.
 * The same for every cluster (the grants come from each line), so clusters may share a Barman server.
 */
function renderWalGate(barmanPath = '/usr/bin/barman') {
    return `#!/bin/sh
${(0, managed_header_1.managedHeader)('#', 'forced command of the postgres keys in ~barman/.ssh/authorized_keys').trimEnd()}
# Lets barman-wal-archive (barman put-wal) and barman-wal-restore (barman get-wal) in, for the
# server names granted by the arguments (put-wal:NAME, get-wal:NAME), and nothing else.
set -eu

cmd=\${SSH_ORIGINAL_COMMAND-}
grants=" $* "

refuse() {
  from=\${SSH_CLIENT:-unknown}
  msg="cdktf-barman: refused $1 over this postgres key (from \${from%% *}): this key may only run barman put-wal/get-wal as granted:\${grants% }; use another login for anything else, or set barman_ssh_restrict: false on this Barman server"
  printf '%s\\n' "$msg" >&2
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
  *[!A-Za-z0-9._\\'\\ -]*) refuse "the command $(shown) (characters outside letters, digits, . _ - ')" ;;
esac

# sets w to its argument without one pair of single quotes (barman-wal-restore quotes its words)
unquote() {
  w=$1
  case $w in \\'*\\') w=\${w#\\'}; w=\${w%\\'} ;; esac
  case $w in *\\'*|'') refuse "the command $(shown) (badly quoted word)" ;; esac
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
exec ${(0, shell_quote_1.shellQuote)(barmanPath)} $args
`;
}
