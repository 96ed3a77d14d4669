/**
 * The text `synth` writes: Terraform JSON laid out as `JSON.stringify(x, null, 2)` lays it out,
 * one element per line, without the indentation.
 *
 * One element per line matters: Terraform's error messages quote the line of the element at fault
 * (a failed precondition, a provisioner that failed), and a `git diff` of two synths shows the
 * lines that changed. The indentation does not: in a provisioner resource most lines sit six to
 * eight levels deep, so it was about a seventh of the file. `jq . cdktf-barman.tf.json` indents it again.
 *
 * The text comes in pieces, a resource (or output, variable, local) at a time, so that writing a
 * large estate never holds the whole text, nor its escaped copies, in memory at once.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** one element's text: JSON.stringify's layout; no raw newline is ever inside a JSON string */
const flat = (v: unknown): string => JSON.stringify(v, null, 1).replace(/\n +/g, '\n');

/** an object's entries as JSON.stringify writes them: an undefined property left out */
const entriesOf = (v: unknown): [string, unknown][] => (isObject(v) ? Object.entries(v).filter(([, x]) => x !== undefined) : []);

/** `{`, each entry as `"key": ` and its value's pieces (`valuePieces`), `}`: JSON.stringify's layout */
function* objectPieces(entries: readonly [string, unknown][], valuePieces: (key: string, value: unknown) => Iterable<string>): Generator<string> {
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [k, x] = entries[i];
    yield `${JSON.stringify(k)}: `;
    yield* valuePieces(k, x);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}';
}

/** `levels` levels of names stay pieces of their own; below, each value is one piece */
function* pieces(v: unknown, levels: number): Generator<string> {
  const entries = entriesOf(v);
  if (levels === 0 || entries.length === 0) yield flat(v);
  else yield* objectPieces(entries, (_, x) => pieces(x, levels - 1));
}

/** resource and data blocks name a type, then a name; the others (output, variable, locals...) a name */
const namedLevels = (block: string): number => (block === 'resource' || block === 'data' ? 2 : 1);

/** the file's text in pieces, ending with a newline */
export function* terraformJsonPieces(json: Record<string, unknown>): Generator<string> {
  const blocks = entriesOf(json);
  if (blocks.length === 0) yield '{}';
  else yield* objectPieces(blocks, (block, v) => pieces(v, namedLevels(block)));
  yield '\n';
}

/** the file's text, whole */
export const terraformJsonText = (json: Record<string, unknown>): string => [...terraformJsonPieces(json)].join('');

/** writes the file piece by piece */
export function writeTerraformJson(path: string, json: Record<string, unknown>): void {
  const fd = openSync(path, 'w');
  try {
    for (const piece of terraformJsonPieces(json)) writeSync(fd, piece);
  } finally {
    closeSync(fd);
  }
}
