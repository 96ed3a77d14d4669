#!/usr/bin/env bash
# The first step of `npm test` and `npm run test:e2e`: makes sure, in a few seconds, that the
# machine has what every test needs, so that a missing tool stops the run here with the command
# that fixes it instead of turning into a red (or skipped) test ten minutes later.
#
#   - the Debian packages of scripts/e2e-setup.sh (Barman, PostgreSQL, sshd, shellcheck, ...):
#     installed here when this runs as root and apt-get exists (it never starts a service);
#   - `terraform` on PATH (there is no package for it here: it is installed by hand);
#   - root: the host-script and end-to-end tests run throwaway sshd and PostgreSQL processes as
#     other users, in mount namespaces of their own.
#
# Exit 0 when everything is there; otherwise 1, after saying what is missing and what to run.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "test-prerequisites: $*" >&2; }

# the command that got us here, to repeat in the advice (npm sets npm_lifecycle_event)
case "${npm_lifecycle_event:-test}" in
  test) rerun="npm test" ;;
  *) rerun="npm run ${npm_lifecycle_event}" ;;
esac

is_root=0
if [[ $(id -u) -eq 0 ]]; then is_root=1; fi
problems=()
advice=""

# --- Debian packages ------------------------------------------------------------------------
if ! report=$(scripts/e2e-setup.sh --check 2>&1); then
  report=${report//e2e-setup: missing packages:/Debian packages}
  report=${report//e2e-setup: missing directory:/directory}
  if [[ $is_root -eq 1 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing what is missing: ${report//$'\n'/; }"
    scripts/e2e-setup.sh
  else
    problems+=("${report//$'\n'/; }")
    if [[ $is_root -eq 1 ]]; then
      advice="no apt-get here: install the Debian packages listed in scripts/e2e-setup.sh (or their equivalents) with this system's package manager, then run $rerun again"
    fi
  fi
fi

# --- root -------------------------------------------------------------------------------------
if [[ $is_root -eq 0 ]]; then
  problems+=("not root: the host-script and end-to-end tests start throwaway sshd and PostgreSQL processes in mount namespaces")
  # as root, the same command also installs the missing packages
  advice="run the tests as root: sudo $rerun"
elif command -v unshare >/dev/null 2>&1 && ! err=$(unshare --mount --propagation private true 2>&1); then
  problems+=("root cannot make a mount namespace here (${err}): the end-to-end tests need one")
  advice="run the tests on a machine or VM, or in a container started with --privileged"
fi

# --- terraform ------------------------------------------------------------------------------
if ! tf=$(CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null timeout 30 terraform version 2>&1); then
  problems+=("terraform is not on PATH or does not run (${tf:-not found})")
  # no package for it here: it comes first, the rest of the advice applies after it
  advice="install Terraform 1.4 or later (https://developer.hashicorp.com/terraform/install) on PATH, then: ${advice:-$rerun}"
fi

if [[ ${#problems[@]} -eq 0 ]]; then
  say "ok (packages of scripts/e2e-setup.sh, terraform $(sed -n '1s/^Terraform v//p' <<<"$tf"), root)"
  exit 0
fi

for p in "${problems[@]}"; do say "missing: $p"; done
say "to fix: ${advice:-sudo scripts/e2e-setup.sh}"
exit 1
