import { SHELL_LIBRARY } from './shell-library';

/**
 * Installs one private key: $1 a 0600 temp file holding the key as base64, $2..$4 path, owner and
 * group as base64. The key is decoded straight into a temp file beside the target and renamed.
 */
export const PRIVATE_KEY_INSTALL_SCRIPT = `${SHELL_LIBRARY}
path=$(printf '%s' "$2" | base64 -d)
owner=$(printf '%s' "$3" | base64 -d)
group=$(printf '%s' "$4" | base64 -d)
[ -d "$(dirname "$path")" ] || die "directory $(dirname "$path") is missing: the configuration step must run first"
put_file "$path" "$owner" "$group" 0600 "$(cat "$1")"
rm -f "$1"
`;
