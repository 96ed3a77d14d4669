/**
 * Test-only stand-in providers (see README.md): Terraform's values on the wire. Terraform sends
 * and expects an object value as msgpack (DynamicValue.msgpack): a map of attribute name to
 * value, null as nil, numbers as msgpack numbers, maps as maps, lists and sets as arrays. A value
 * Terraform does not know yet is a msgpack extension: type 0 (unknown) or type 12 (unknown with
 * refinements); the stand-ins carry such values through unchanged and never look inside.
 */
import { ExtData, decode, encode } from '@msgpack/msgpack';
import { Attribute } from './schema';

/** a value of an attribute as the stand-ins see it */
export type CtyValue = null | string | number | boolean | Unknown | CtyValue[] | { [key: string]: CtyValue };

/** a not-yet-known value, as Terraform sent it (or a fresh one: see unknown()) */
export type Unknown = ExtData;

/** an object value: every attribute of the schema, null when unset */
export type CtyObject = Record<string, CtyValue>;

/** a fresh, unrefined unknown value (msgpack fixext 1, type 0, one zero byte) */
export function unknown(): Unknown {
  return new ExtData(0, new Uint8Array([0]));
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof ExtData;
}

/** true when the value, or anything inside it, is unknown */
export function containsUnknown(v: CtyValue): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

/** the object with every attribute of `attributes`, in name order; null where missing */
export function normalize(value: Record<string, unknown>, attributes: readonly Attribute[]): CtyObject {
  const out: CtyObject = {};
  for (const a of [...attributes].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
    const v = value[a.name];
    out[a.name] = v === undefined ? null : (v as CtyValue);
  }
  return out;
}

/** a DynamicValue's msgpack bytes as an object (null for a null object, or for no bytes) */
export function decodeObject(bytes: Uint8Array | null | undefined): CtyObject | null {
  if (bytes === null || bytes === undefined || bytes.length === 0) return null;
  const v = decode(bytes);
  if (v === null) return null;
  if (typeof v !== 'object' || Array.isArray(v) || isUnknown(v)) throw new Error('expected an object value in msgpack');
  return v as CtyObject;
}

/** an object (or null) as msgpack bytes, with every attribute of the schema */
export function encodeObject(value: CtyObject | null, attributes: readonly Attribute[]): Buffer {
  const bytes = encode(value === null ? null : normalize(value, attributes));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** deep equality of two values; unknown values equal nothing (not even themselves) */
export function sameValue(a: CtyValue, b: CtyValue): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]));
}
