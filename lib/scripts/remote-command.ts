import { createHash } from 'node:crypto';

/** A host script and the arguments it takes (literal strings or Terraform expressions). */
export interface HostScript {
  /** the whole script, starting with the shell library */
  readonly script: string;
  /** positional arguments; each must already be safe inside single quotes (base64 or tokens of base64) */
  readonly args: readonly string[];
}

export const toBase64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The `inline` lines of a remote-exec provisioner: the script travels as base64 (no quoting bugs,
 * nothing for Terraform to interpolate), is written to a private temp file and run as root, with
 * sudo when the connection user is not root. Identical for null_resource and terraform_data.
 */
export function remoteExecLines(s: HostScript, purpose: string): string[] {
  const args = s.args.map((a) => `'${a}'`).join(' ');
  return [
    'set -eu',
    `# cdktf-barman: ${purpose}`,
    'f=$(mktemp)',
    "trap 'rm -f \"$f\"' EXIT",
    `printf '%s' '${toBase64(s.script)}' | base64 -d > "$f"`,
    `if [ "$(id -u)" -eq 0 ]; then sh "$f" ${args}; else sudo -n sh "$f" ${args}; fi`,
  ];
}

/**
 * The `inline` lines that install one private key. Kept in a provisioner of its own: Terraform hides
 * the whole output of a provisioner that holds a sensitive value. The key never becomes a command
 * line argument (visible in ps): it goes through a 0600 temp file.
 */
export function privateKeyExecLines(installScript: string, privateKeyBase64: string, path: string, owner: string, group: string): string[] {
  return [
    'set -eu',
    '# cdktf-barman: install a private key (output hidden by Terraform)',
    // the uploaded copy of this script holds the key: remove it at once
    'rm -f "$0" 2>/dev/null || true',
    'umask 077',
    'k=$(mktemp)',
    'f=$(mktemp)',
    "trap 'rm -f \"$k\" \"$f\"' EXIT",
    `printf '%s' '${privateKeyBase64}' > "$k"`,
    `printf '%s' '${toBase64(installScript)}' | base64 -d > "$f"`,
    `if [ "$(id -u)" -eq 0 ]; then sh "$f" "$k" '${toBase64(path)}' '${toBase64(owner)}' '${toBase64(group)}'; else sudo -n sh "$f" "$k" '${toBase64(path)}' '${toBase64(owner)}' '${toBase64(group)}'; fi`,
  ];
}
