/** IP addresses and CIDRs as sshd's from= and pg_hba.conf match them (never host names). */
import { isIpv4 } from './names';

const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

interface Parsed {
  readonly v6: boolean;
  readonly address: string;
  readonly bits: number;
}

/** An IP address or CIDR as sshd's from= matches it; undefined for a host name (or a zoned IPv6). */
function parse(pattern: string): Parsed | undefined {
  const [address, len, ...rest] = pattern.split('/');
  if (rest.length > 0) return undefined;
  const v6 = IPV6.test(address);
  if (!v6 && !isIpv4(address)) return undefined;
  const max = v6 ? 128 : 32;
  const bits = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  return Number.isInteger(bits) && bits >= 0 && bits <= max ? { v6, address, bits } : undefined;
}

/**
 * sshd compares from= with the client's IP address only (it resolves names only with UseDNS yes,
 * off by default): a host name there would never match and lock the key out.
 */
export function isFromPattern(address: string): boolean {
  return parse(address) !== undefined;
}

const v4Number = (a: string): number => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);

/** Whether one connection could match both patterns (IPv6 CIDRs are assumed to overlap any IPv6). */
function overlaps(a: Parsed, b: Parsed): boolean {
  if (a.v6 !== b.v6) return false;
  if (a.v6) return a.bits < 128 || b.bits < 128 || a.address.toLowerCase() === b.address.toLowerCase();
  const bits = Math.min(a.bits, b.bits);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((v4Number(a.address) & mask) >>> 0) === ((v4Number(b.address) & mask) >>> 0);
}

/** Whether a connection could come from an address both lists allow (host names: assume yes). */
export function addressListsOverlap(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => {
    const px = parse(x);
    const py = parse(y);
    return px === undefined || py === undefined ? true : overlaps(px, py);
  }));
}
