/**
 * Text that holds cdktf string tokens (a host address from another resource), turned into
 * Terraform expressions where TypeScript cannot compute the result itself: sha256 hashes of
 * file content and of step lines (and base64, for a step run outside Terraform), and the prefix length pg_hba.conf needs after an address. Loaded
 * only when such text exists (lib/render/token-aware.ts), so `render` and `validate` never load cdktf.
 */
import { Fn } from './cdktf';

/** `${TfToken[...]}`: a string token as cdktf writes it into a string */
const STRING_TOKEN = /\$\{TfToken\[[^\]]*\]\}/g;

/** The text cut into literal parts and token markers, in order (empty literals left out). */
export function tokenParts(text: string): { literal: boolean; text: string }[] {
  const out: { literal: boolean; text: string }[] = [];
  let at = 0;
  for (const m of text.matchAll(STRING_TOKEN)) {
    if (m.index! > at) out.push({ literal: true, text: text.slice(at, m.index) });
    out.push({ literal: false, text: m[0] });
    at = m.index! + m[0].length;
  }
  if (at < text.length) out.push({ literal: true, text: text.slice(at) });
  return out;
}

/**
 * The text as one Terraform string expression. Literal parts travel as base64 literals decoded by
 * Terraform, so no quoting or template rule of HCL ever applies to them (a `${` in them stays text).
 */
function joined(text: string): string {
  const parts = tokenParts(text).map((p) => (p.literal ? Fn.base64decode(Buffer.from(p.text, 'utf8').toString('base64')) : p.text));
  return parts.length === 1 ? parts[0] : Fn.join('', parts);
}

/** base64 of the text, computed by Terraform. */
export function base64Of(text: string): string {
  return Fn.base64encode(joined(text));
}

/** sha256 (hex) of the text, computed by Terraform. */
export function sha256Of(text: string): string {
  return Fn.sha256(joined(text));
}

/**
 * What pg_hba.conf needs after an address known only to Terraform: '/32' after an IPv4 address,
 * '/128' after an IPv6 one, nothing after a CIDR or a host name (the rule of hbaAddress).
 */
export function hbaPrefixLength(address: string): string {
  let v = joined(address);
  v = Fn.replace(v, '/^.*[/].*$/', '');
  v = Fn.replace(v, '/^[0-9.]+$/', '/32');
  v = Fn.replace(v, '/^[^/]*:.*$/', '/128');
  return Fn.replace(v, '/^[^/].*$/', '');
}
