# shellcheck shell=sh
# Installs one private key. The key arrives as base64 in a 0600 temp file (never on a command line,
# where ps would show it); it is decoded straight into a temp file beside the target and renamed.

install_private_key() { # path owner group key-base64-file
  [ -d "$(dirname "$1")" ] || die "directory $(dirname "$1") is missing: the configuration step must run first"
  put_file "$1" "$2" "$3" 0600 "$(cat "$4")"
  rm -f "$4"
}
