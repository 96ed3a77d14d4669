# shellcheck shell=sh
# What every remote-exec provisioner starts with (a Terraform local, once per stack): its own
# uploaded copy removed (a secret step holds secrets in it), the host program copied into a
# private temp file (a quoted here-document: the shell expands nothing in it), and the ways to run
# it as root: directly, or with sudo when the connection user is not root.
set -eu
rm -f "$0" 2>/dev/null || true
f=$(mktemp)
trap 'rm -f "$f"' EXIT
cat > "$f" <<'cdktf_program_end'
@HOST_PROGRAM@
cdktf_program_end

# appends the step (a here-document: its function and arguments) as the program's last line, so
# no argument, however large, goes through a command line
cdktf_step() {
  cat >> "$f"
}

# runs the host program and its step as root; arguments reach the step as "$@"
cdktf_run() { # [file...]
  if [ "$(id -u)" -eq 0 ]; then sh "$f" "$@"; else sudo -n sh "$f" "$@"; fi
}

# the same for a step that handles secrets: each (base64) lands in its own 0600 temp file, and the
# step gets their paths after its own arguments, never the secrets on a command line
cdktf_run_secret() { # count(1|2) secret-base64...
  umask 077
  s1=$(mktemp)
  s2=''
  trap 'rm -f "$f" "$s1" ${s2:+"$s2"}' EXIT
  printf '%s' "$2" > "$s1"
  if [ "$1" = 2 ]; then
    s2=$(mktemp)
    printf '%s' "$3" > "$s2"
    cdktf_run "$s1" "$s2"
  else
    cdktf_run "$s1"
  fi
}
