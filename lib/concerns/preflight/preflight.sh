# shellcheck shell=sh
# Preflight: before anything is written on any host of the cluster (every writing resource depends
# on every host's preflight), each host is checked for what its roles need. The needs come as lines
# "check target debian-package rhel-package install|manual" (preflight-needs.ts); everything
# missing is reported in one message with the packages that provide it. With installPackages, the
# missing packages of the install lines are installed first (apt-get on Debian/Ubuntu, dnf or yum
# on the RHEL family, as /etc/os-release says), then everything is checked again.

preflight() { # instance role check|install needs-base64
  pf_needs=$(mktemp)
  printf '%s' "$4" | base64 -d > "$pf_needs" || die "cannot decode the preflight needs of $1"
  # sshd and cron live in sbin, which a sudo or non-login PATH may lack
  PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin
  pf_missing=$(preflight_missing "$pf_needs")
  if [ -n "$pf_missing" ] && [ "$3" = install ]; then
    preflight_install "$1" "$pf_missing"
    pf_missing=$(preflight_missing "$pf_needs")
  fi
  rm -f "$pf_needs"
  [ -z "$pf_missing" ] || die "$(preflight_report "$1" "$2" "$pf_missing" "$3")"
  echo "cdktf-barman: preflight of $1 ($2): everything it needs is there"
}

# is one need there?
preflight_has() { # check target
  case "$1" in
    executable) [ -f "$2" ] && [ -x "$2" ] ;;
    command)
      pf_rest=$2
      while [ -n "$pf_rest" ]; do
        pf_cmd=${pf_rest%%|*}
        command -v "$pf_cmd" >/dev/null 2>&1 && return 0
        case "$pf_rest" in *'|'*) pf_rest=${pf_rest#*|} ;; *) pf_rest='' ;; esac
      done
      return 1 ;;
    directory) [ -d "$2" ] ;;
    user) id -u "$2" >/dev/null 2>&1 ;;
    home)
      pf_home=$(getent passwd "${2%%:*}" | cut -d: -f6)
      [ "$pf_home" = "${2#*:}" ] && [ -d "$pf_home" ] ;;
    *) die "preflight: unknown check '$1'" ;;
  esac
}

# the need lines that are missing, as given
preflight_missing() { # needs-file
  while read -r pf_check pf_target pf_deb pf_rpm pf_how; do
    case "$pf_check" in '' | '#'*) continue ;; esac
    preflight_has "$pf_check" "$pf_target" || printf '%s %s %s %s %s\n' "$pf_check" "$pf_target" "$pf_deb" "$pf_rpm" "$pf_how"
  done < "$1"
}

# one need in words
preflight_what() { # check target
  case "$1" in
    executable) printf '%s' "$2" ;;
    command) printf '%s on the PATH' "$(printf '%s' "$2" | sed 's/|/ or /g')" ;;
    directory) printf 'directory %s' "$2" ;;
    user) printf 'user %s' "$2" ;;
    home) printf 'home %s of user %s' "${2#*:}" "${2%%:*}" ;;
  esac
}

# the packages of some missing lines: column 3 (Debian) or 4 (RHEL), only the installable ones or all
preflight_packages() { # missing-lines column install|all
  printf '%s\n' "$1" | awk -v c="$2" -v w="$3" 'NF >= 5 && (w == "all" || $5 == "install") { print $c }' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# the one message of a failed preflight: everything missing, and how to get it
preflight_report() { # instance role missing-lines check|install
  printf 'preflight of %s (%s) failed: nothing was written on %s, and no backup to or from it was set up. Missing:\n' "$1" "$2" "$1"
  printf '%s\n' "$3" | while read -r pf_check pf_target pf_deb pf_rpm pf_how; do
    [ -n "$pf_check" ] || continue
    printf '  - %s (Debian/Ubuntu package %s, RHEL family %s)\n' "$(preflight_what "$pf_check" "$pf_target")" "$pf_deb" "$pf_rpm"
  done
  printf 'Install on Debian/Ubuntu: apt-get install %s\n' "$(preflight_packages "$3" 3 all)"
  printf 'Install on the RHEL family (PGDG repository): dnf install %s\n' "$(preflight_packages "$3" 4 all)"
  if printf '%s\n' "$3" | awk '$5 == "manual" { found = 1 } END { exit !found }'; then
    printf 'PostgreSQL itself is never installed by cdktf-barman: install and start it, or set postgres_user, postgres_home and postgres_bin_dir to where it is\n'
  fi
  if [ "$4" = check ] && [ -n "$(preflight_packages "$3" 3 install)" ]; then
    printf 'Or let the apply install the packages: installPackages: true (cdktf-barman synth --install-packages)\n'
  fi
}

# deb or rpm, from /etc/os-release (ID, then ID_LIKE); an unknown family fails
preflight_os_family() { # instance
  [ -r /etc/os-release ] || die "installPackages on $1: /etc/os-release is missing, so the OS family is unknown: install the packages yourself"
  # shellcheck disable=SC1091 # the host's own file
  pf_ids=$(. /etc/os-release && printf '%s %s' "${ID:-}" "${ID_LIKE:-}")
  for pf_id in $pf_ids; do
    case "$pf_id" in
      debian | ubuntu) echo deb; return 0 ;;
      rhel | fedora | centos | rocky | almalinux | ol) echo rpm; return 0 ;;
    esac
  done
  die "installPackages on $1: unknown OS family '$pf_ids' in /etc/os-release (known: Debian/Ubuntu with apt-get, the RHEL family with dnf or yum): install the packages yourself"
}

# installs the packages of the missing install lines, without questions; safe to run again
preflight_install() { # instance missing-lines
  pf_family=$(preflight_os_family "$1") || exit 1
  if [ "$pf_family" = deb ]; then pf_pkgs=$(preflight_packages "$2" 3 install); else pf_pkgs=$(preflight_packages "$2" 4 install); fi
  [ -n "$pf_pkgs" ] || return 0
  echo "cdktf-barman: preflight of $1: installing $pf_pkgs"
  if [ "$pf_family" = deb ]; then
    DEBIAN_FRONTEND=noninteractive
    export DEBIAN_FRONTEND
    apt-get -q update || die "installPackages on $1: apt-get update failed (see above)"
    # shellcheck disable=SC2086 # one word per package
    # waits for another dpkg run (another cluster's preflight on this host, unattended-upgrades)
    apt-get -q -y -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install $pf_pkgs || die "installPackages on $1: apt-get install $pf_pkgs failed (see above)"
  else
    if command -v dnf >/dev/null 2>&1; then pf_pm=dnf; elif command -v yum >/dev/null 2>&1; then pf_pm=yum; else die "installPackages on $1: neither dnf nor yum found"; fi
    # shellcheck disable=SC2086
    "$pf_pm" -y -q install $pf_pkgs || die "installPackages on $1: $pf_pm install $pf_pkgs failed (see above)"
    # the RHEL family does not start cronie's daemon on install
    case " $pf_pkgs " in
      *' cronie '*) if command -v systemctl >/dev/null 2>&1; then systemctl enable --now crond || echo "cdktf-barman: warning: could not start crond on $1: start it for Barman's cron jobs"; fi ;;
    esac
  fi
}
