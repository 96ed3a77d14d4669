# shellcheck shell=sh
# Functions every host step uses, and the setup every step starts with. POSIX sh (dash on
# Debian); every write goes to a temp file in the target directory and is renamed into place with
# its owner and mode, so a failed or interrupted apply leaves the old file or the new one, never
# half of one.

set -eu
umask 022
cdktf_tmp=''
# every mktemp of this script lands in one private directory, removed on any exit (also when a
# step fails, or the ssh session is cut): no decoded key or half-built file stays in /tmp
cdktf_work=$(mktemp -d)
TMPDIR=$cdktf_work
export TMPDIR
trap 'rm -f "$cdktf_tmp"; rm -rf "$cdktf_work"' EXIT
trap 'exit 1' HUP INT TERM

die() {
  printf 'cdktf-barman on %s: error: %s\n' "$(hostname 2>/dev/null || echo host)" "$*" >&2
  exit 1
}

need_user() { # user fix
  id -u "$1" >/dev/null 2>&1 || die "user '$1' does not exist: $2"
}

need_group() { # group fix
  getent group "$1" >/dev/null 2>&1 || die "group '$1' does not exist: $2"
}

need_home() { # user expected-home var-name
  h=$(getent passwd "$1" | cut -d: -f6)
  [ "$h" = "$2" ] || die "the home of user '$1' is '$h', not '$2': set $3 to '$h', or change the user's home"
}

need_command() { # command fix
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed: $2"
}

not_symlink() {
  [ ! -L "$1" ] || die "$1 is a symbolic link: refusing to write through it"
}

ensure_dir() { # path owner group mode
  not_symlink "$1"
  [ -d "$1" ] || mkdir -p "$1"
  chown "$2:$3" "$1"
  chmod "$4" "$1"
}

# new content comes from a file: written next to the target, then renamed over it
install_from() { # source path owner group mode
  not_symlink "$2"
  d=$(dirname "$2")
  [ -d "$d" ] || die "directory $d is missing"
  cdktf_tmp=$(mktemp "$d/.cdktf-barman.XXXXXX")
  cat "$1" > "$cdktf_tmp"
  chown "$3:$4" "$cdktf_tmp"
  chmod "$5" "$cdktf_tmp"
  mv -f "$cdktf_tmp" "$2"
  cdktf_tmp=''
}

put_file() { # path owner group mode base64-content
  src=$(mktemp)
  printf '%s' "$5" | base64 -d > "$src" || { rm -f "$src"; die "cannot decode the content of $1"; }
  install_from "$src" "$1" "$2" "$3" "$4"
  rm -f "$src"
}

ensure_file() { # path owner group mode: exists with owner and mode, content kept
  not_symlink "$1"
  # an existing parent keeps its owner and mode (/var/log is root:syslog 0775 on Ubuntu)
  [ -d "$(dirname "$1")" ] || ensure_dir "$(dirname "$1")" root root 0755
  if [ -e "$1" ]; then
    # never take over a file someone else owns (a system log, another service's file)
    cdktf_owner=$(stat -c %U "$1")
    [ "$cdktf_owner" = root ] || [ "$cdktf_owner" = "$2" ] || die "$1 exists and belongs to $cdktf_owner: refusing to give it to $2; choose another barman_log_file"
    [ -f "$1" ] || die "$1 exists and is not a regular file: choose another barman_log_file"
  else
    : > "$1"
  fi
  chown "$2:$3" "$1"
  chmod "$4" "$1"
}

# replaces exactly the lines ending in " marker"; foreign lines are kept as they are
merge_lines() { # path owner group mode marker new-lines-file
  merged=$(mktemp)
  if [ -f "$1" ]; then
    awk -v m=" $5" 'length($0) < length(m) || substr($0, length($0) - length(m) + 1) != m' "$1" > "$merged"
  fi
  cat "$6" >> "$merged"
  install_from "$merged" "$1" "$2" "$3" "$4"
  rm -f "$merged"
}

# the same, with the new lines as base64 (a trigger's value, as the plan showed it)
merge_lines_of() { # path owner group mode marker new-lines-base64
  cdktf_lines=$(mktemp)
  printf '%s' "$6" | base64 -d > "$cdktf_lines" || die "cannot decode the new lines of $1"
  merge_lines "$1" "$2" "$3" "$4" "$5" "$cdktf_lines"
  rm -f "$cdktf_lines"
}

# prints "TYPE KEY" for each host key sshd offers at address:port
scan_host_keys() { # address port
  need_command ssh-keyscan "install openssh-client, or pin the host keys with ssh_host_keys"
  keys=$(ssh-keyscan -T 10 -p "$2" "$1" 2>/dev/null | awk '$1 !~ /^#/ && NF >= 3 { print $2 " " $3 }' | sort -u) || true
  [ -n "$keys" ] || die "cannot read the ssh host keys of $1 port $2 from this host: is sshd running there and reachable? (or pin them with ssh_host_keys)"
  printf '%s\n' "$keys"
}

# known_hosts lines of one host: pinned keys given as "TYPE KEY" lines, else scanned now
# (the keys are read first: a failed scan in a pipeline would only end the pipeline's subshell)
known_host_lines() { # pattern address port marker [pinned-base64]
  if [ -n "${5:-}" ]; then
    hk=$(printf '%s' "$5" | base64 -d) || die "cannot decode the pinned host keys of $2"
  else
    hk=$(scan_host_keys "$2" "$3") || exit 1
  fi
  printf '%s\n' "$hk" | while read -r t k; do
    printf '%s %s %s %s\n' "$1" "$t" "$k" "$4"
  done
}
