#!/usr/bin/env bash
# Install what the cdktf-barman end-to-end tests need on a bare Debian 12 machine.
#
#   sudo scripts/e2e-setup.sh          # install (no-op when everything is present)
#   scripts/e2e-setup.sh --check       # only report what is missing (exit 1 if anything is)
#
# `npm test` runs it through scripts/test-prerequisites.sh: with --check first, then, as root
# with apt-get, without it.  CDKTF_BARMAN_EXTRA_PACKAGES="a b" requires more packages (a
# package that does not exist shows what a missing one does).
#
# Idempotent: when every package is already installed it touches nothing (no
# apt-get update either).  It never starts system services: while apt-get runs, a
# policy-rc.d that denies every start is in place (unless one already is), so the
# machine's own sshd / postgresql / cron are not started by the packages.  The
# e2e harness (test/e2e/harness/hosts.ts) starts its own private sshd and
# PostgreSQL processes in mount namespaces and stops them again.
set -euo pipefail

PACKAGES=(
  openssh-server openssh-client   # sshd per sandboxed host; ssh/scp/ssh-keygen
  barman barman-cli               # Barman itself, barman-wal-archive etc.
  postgresql postgresql-client    # Debian postgresql 15 (/usr/lib/postgresql/15/bin)
  rsync pigz cron sudo            # what Barman/the library use on the hosts
  util-linux                      # unshare, nsenter, setpriv, mount
  iproute2                        # ip: the bridge and veth pairs of network "namespaces" (hosts.ts)
  procps                          # ps, pkill-free process inspection helpers
  e2fsprogs                       # chattr, for the test of an immutable output directory
  ca-certificates
  python3-barman                  # Barman's own config parser, used to read back rendered files
  shellcheck                      # lints the generated host scripts
)
# shellcheck disable=SC2206 # word splitting is the point: a space-separated list
PACKAGES+=(${CDKTF_BARMAN_EXTRA_PACKAGES:-})

# Runtime directories under /run (a tmpfs, empty after a boot) that the services would make when
# they start, which they never do here:
# - PostgreSQL's socket directory (the tests' throwaway clusters put sockets there): the package's
#   tmpfiles.d entry makes it at boot, so a container started without systemd lacks it;
# - sshd's privilege separation directory, which its unit makes at start: without it every sshd
#   the tests start exits with "Missing privilege separation directory: /run/sshd".
RUN_DIR=/run/postgresql
SSHD_DIR=/run/sshd
needs_run_dir() { [[ ! -d $RUN_DIR ]] && getent passwd postgres >/dev/null; }
needs_sshd_dir() { [[ ! -d $SSHD_DIR ]] && [[ -x /usr/sbin/sshd ]]; }
make_run_dirs() {
  if needs_run_dir; then install -d -m 2775 -o postgres -g postgres "$RUN_DIR"; fi
  if needs_sshd_dir; then install -d -m 0755 -o root -g root "$SSHD_DIR"; fi
}

CHECK_ONLY=0
if [[ "${1:-}" == "--check" ]]; then CHECK_ONLY=1; fi

missing=()
for p in "${PACKAGES[@]}"; do
  # dpkg-query prints "install ok installed" only for fully installed packages.
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]] && ! needs_run_dir && ! needs_sshd_dir; then
  echo "e2e-setup: all packages present (${PACKAGES[*]}); nothing to do."
  exit 0
fi

if [[ ${#missing[@]} -ne 0 ]]; then echo "e2e-setup: missing packages: ${missing[*]}"; fi
if needs_run_dir; then echo "e2e-setup: missing directory: $RUN_DIR"; fi
if needs_sshd_dir; then echo "e2e-setup: missing directory: $SSHD_DIR"; fi
if [[ $CHECK_ONLY -eq 1 ]]; then exit 1; fi

if [[ $(id -u) -ne 0 ]]; then
  echo "e2e-setup: must run as root to install packages (try: sudo $0)" >&2
  exit 1
fi

make_run_dirs
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "e2e-setup: made the runtime directories; all packages present"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive

# --- keep packages from starting daemons ----------------------------------------
POLICY=/usr/sbin/policy-rc.d
OUR_POLICY=0
if [[ ! -e $POLICY ]]; then
  printf '#!/bin/sh\n# temporary, written by cdktf-barman scripts/e2e-setup.sh\nexit 101\n' > "$POLICY"
  chmod 0755 "$POLICY"
  OUR_POLICY=1
fi
cleanup() {
  if [[ $OUR_POLICY -eq 1 ]]; then rm -f "$POLICY"; fi
}
trap cleanup EXIT

# Which of the daemon units existed before, so we only disable what we installed.
had_unit() { [[ -e "/lib/systemd/system/$1.service" ]]; }
declare -A HAD=()
for u in ssh cron postgresql; do
  if had_unit "$u"; then HAD[$u]=1; else HAD[$u]=0; fi
done

apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"

# With systemd as PID 1 the packages also *enable* their units (start on next
# boot).  Disable the ones this run newly installed; never touch pre-existing ones
# (the machine's own sshd may be how people reach it).
if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
  for u in ssh cron postgresql; do
    if [[ ${HAD[$u]} -eq 0 ]] && had_unit "$u"; then
      systemctl disable "$u" >/dev/null 2>&1 || true
      # policy-rc.d should have prevented a start; make sure anyway.
      systemctl stop "$u" >/dev/null 2>&1 || true
    fi
  done
fi

still=()
for p in "${PACKAGES[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
    still+=("$p")
  fi
done
if [[ ${#still[@]} -ne 0 ]]; then
  echo "e2e-setup: still missing after install: ${still[*]}" >&2
  exit 1
fi
# postgresql-common makes its directory on install; both made here in case they were not (idempotent)
make_run_dirs
echo "e2e-setup: installed ${missing[*]}"
