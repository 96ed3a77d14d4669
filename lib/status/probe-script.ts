import { shellQuote } from '../render/shell-quote';
import { DRILL_RESULTS_DIR } from '../concerns/restore-drill/restore-drill-script';

/** Marks the start of each section of the probe's output: `@@cdktf-barman-status NAME`. */
export const SECTION_MARK = '@@cdktf-barman-status';

export interface ProbeInput {
  /** Barman server names (`backup_name`) the config puts on this host */
  readonly backupNames: readonly string[];
  /** whole files the stack writes there, to hash (sha256) for drift */
  readonly files: readonly string[];
  readonly barmanHome: string;
  /** seconds; PGCONNECT_TIMEOUT of Barman's connections to PostgreSQL */
  readonly connectTimeout: number;
}

/**
 * The POSIX sh script one ssh session runs on a Barman server (sent on stdin to `sh -s`, as root
 * or through `sudo -n`). It only reads: Barman as root (Barman drops to barman_user itself),
 * `barman diagnose` (JSON) and `barman -f json check`, the clock, cron, and the sha256 of the
 * stack's whole files. It never reads keys or ~barman/.pgpass (Barman's libpq does, for its own
 * connections), and the last restore drill's result of each backup name. Output: sections, each introduced by a SECTION_MARK line; each command gives
 * `NAME.rc`, `NAME.out` and `NAME.err`. No `set -e`: `barman check` exits 1 on a failed check,
 * and the probe must report it rather than stop.
 */
export function probeScript(input: ProbeInput): string {
  const names = input.backupNames.map(shellQuote).join(' ');
  const files = input.files.map(shellQuote).join(' ');
  return `set -u
LC_ALL=C
PGCONNECT_TIMEOUT=${Math.max(1, Math.floor(input.connectTimeout))}
export LC_ALL PGCONNECT_TIMEOUT
umask 077
tmp=$(mktemp -d) || exit 70
trap 'rm -rf "$tmp"' EXIT
section() { printf '\\n${SECTION_MARK} %s\\n' "$1"; }
run() {
  name=$1
  shift
  "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
  rc=$?
  section "$name.rc"
  echo "$rc"
  section "$name.out"
  cat "$tmp/out"
  section "$name.err"
  cat "$tmp/err"
}
section now
date +%s
section barman-path
command -v barman || echo ''
if command -v barman >/dev/null 2>&1; then
  run version barman -v
  run diagnose barman diagnose${names === '' ? '' : `
  run check barman -f json check ${names}`}
fi
section files
for f in ${files === '' ? "''" : files}; do
  [ -n "$f" ] || continue
  if [ -f "$f" ]; then
    sum=$(sha256sum <"$f") && echo "\${sum%% *} $f"
  else
    echo "- $f"
  fi
done
section cron-files
grep -lE '^[^#]*barman[[:space:]]+(-q[[:space:]]+)?cron' /etc/cron.d/* 2>/dev/null || true
section cron-daemon
for c in /proc/[0-9]*/comm; do
  n=''
  read -r n 2>/dev/null <"$c" || continue
  case $n in cron | crond) echo running; break ;; esac
done
section overrides
home=${shellQuote(input.barmanHome)}
[ -e "$home/.barman.auto.conf" ] && echo "$home/.barman.auto.conf"
section drills
for n in ${names === '' ? "''" : names}; do
  [ -n "$n" ] || continue
  f="$home/${DRILL_RESULTS_DIR}/$n.json"
  if [ -f "$f" ]; then printf '%s ' "$n"; head -c 4096 "$f" | head -n 1; else echo "$n -"; fi
done
section end
exit 0
`;
}
