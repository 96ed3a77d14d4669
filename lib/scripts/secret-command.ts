import { toBase64 } from './remote-command';

/**
 * The `inline` lines of a provisioner that hands secrets to a host script. Terraform hides the
 * whole output of a provisioner holding a sensitive value, so secrets get provisioners of their
 * own. Each secret (a Terraform expression yielding base64) lands in its own 0600 temp file,
 * passed to the script by path ($1..$n): never a command-line argument, visible in ps.
 */
export function secretExecLines(purpose: string, script: string, secretsBase64: readonly string[]): string[] {
  const files = secretsBase64.map((_, i) => `"$s${i}"`).join(' ');
  return [
    'set -eu',
    `# cdktf-barman: ${purpose} (output hidden by Terraform: it handles secrets)`,
    // the uploaded copy of this script holds the secrets: remove it at once
    'rm -f "$0" 2>/dev/null || true',
    'umask 077',
    'f=$(mktemp)',
    ...secretsBase64.map((_, i) => `s${i}=$(mktemp)`),
    `trap 'rm -f "$f" ${files}' EXIT`,
    ...secretsBase64.map((v, i) => `printf '%s' '${v}' > "$s${i}"`),
    `printf '%s' '${toBase64(script)}' | base64 -d > "$f"`,
    `if [ "$(id -u)" -eq 0 ]; then sh "$f" ${files}; else sudo -n sh "$f" ${files}; fi`,
  ];
}
