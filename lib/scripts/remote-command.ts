import { createHash } from 'node:crypto';
import { containsTokenText, tokenText } from '../render/token-aware';

/** A host script and the arguments it takes (literal strings or Terraform expressions). */
export interface HostScript {
  /** the whole script, starting with the shell library */
  readonly script: string;
  /** positional arguments; each must already be safe inside single quotes (base64 or tokens of base64) */
  readonly args: readonly string[];
}

/** base64 of the text; for text holding a cdktf token, a Terraform expression computing it */
export const toBase64 = (text: string): string => (containsTokenText(text) ? tokenText().base64Of(text) : Buffer.from(text, 'utf8').toString('base64'));

/** sha256 (hex) of the text; for text holding a cdktf token, a Terraform expression computing it */
export function sha256(text: string): string {
  return containsTokenText(text) ? tokenText().sha256Of(text) : createHash('sha256').update(text).digest('hex');
}

/** Runs the decoded script as root: directly, or with sudo when the connection user is not root. */
function runAsRoot(args: string): string {
  return `if [ "$(id -u)" -eq 0 ]; then sh "$f" ${args}; else sudo -n sh "$f" ${args}; fi`;
}

/**
 * The `inline` lines of a remote-exec provisioner: the script travels as base64 (no quoting bugs,
 * nothing for Terraform to interpolate), is written to a private temp file and run as root, with
 * sudo when the connection user is not root. Identical for null_resource and terraform_data.
 */
export function remoteExecLines(s: HostScript, purpose: string): string[] {
  return [
    'set -eu',
    `# cdktf-barman: ${purpose}`,
    'f=$(mktemp)',
    "trap 'rm -f \"$f\"' EXIT",
    `printf '%s' '${toBase64(s.script)}' | base64 -d > "$f"`,
    runAsRoot(s.args.map((a) => `'${a}'`).join(' ')),
  ];
}

/**
 * The `inline` lines of a provisioner that hands secrets to a host script. Terraform hides the
 * whole output of a provisioner holding a sensitive value, so secrets get provisioners of their
 * own. Each secret (a Terraform expression yielding base64) lands in its own 0600 temp file,
 * passed to the script by path ($1..$n), never as a command-line argument (visible in ps).
 */
export function secretExecLines(purpose: string, script: string, secretsBase64: readonly string[]): string[] {
  return secretLines(`${purpose} (output hidden by Terraform: it handles secrets)`, script, secretsBase64, []);
}

/** The `inline` lines that install one private key: its path, owner and group follow the key file. */
export function privateKeyExecLines(installScript: string, privateKeyBase64: string, path: string, owner: string, group: string): string[] {
  return secretLines('install a private key (output hidden by Terraform)', installScript, [privateKeyBase64], [toBase64(path), toBase64(owner), toBase64(group)]);
}

function secretLines(comment: string, script: string, secretsBase64: readonly string[], args: readonly string[]): string[] {
  const files = secretsBase64.map((_, i) => `"$s${i}"`).join(' ');
  return [
    'set -eu',
    `# cdktf-barman: ${comment}`,
    // the uploaded copy of this script holds the secrets: remove it at once
    'rm -f "$0" 2>/dev/null || true',
    'umask 077',
    'f=$(mktemp)',
    ...secretsBase64.map((_, i) => `s${i}=$(mktemp)`),
    `trap 'rm -f "$f" ${files}' EXIT`,
    ...secretsBase64.map((v, i) => `printf '%s' '${v}' > "$s${i}"`),
    `printf '%s' '${toBase64(script)}' | base64 -d > "$f"`,
    runAsRoot([files, ...args.map((a) => `'${a}'`)].join(' ')),
  ];
}

