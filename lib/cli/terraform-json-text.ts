/**
 * The text `synth` writes: Terraform JSON laid out as `JSON.stringify(x, null, 2)` lays it out,
 * one element per line, without the indentation.
 *
 * One element per line matters: Terraform's error messages quote the line of the element at fault
 * (a failed precondition, a provisioner that failed), and a `git diff` of two synths shows the
 * lines that changed. The indentation does not: in a provisioner resource most lines sit six to
 * eight levels deep, so it was a sixth of the file. `jq . cdktf-barman.tf.json` indents it again.
 *
 * The text comes in pieces, a resource (or output, variable, local) at a time, so that writing a
 * large estate never holds the whole text, nor its escaped copies, in memory at once.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** one element's text: JSON.stringify's layout; no raw newline is ever inside a JSON string */
const flat = (v: unknown): string => JSON.stringify(v, null, 1).replace(/\n +/g, '\n');

/** `levels` levels of names stay pieces of their own; below, each value is one piece */
function* pieces(v: unknown, levels: number): Generator<string> {
  const entries = isObject(v) ? Object.entries(v).filter(([, x]) => x !== undefined) : [];
  if (levels === 0 || entries.length === 0) {
    yield flat(v);
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [k, x] = entries[i];
    yield `${JSON.stringify(k)}: `;
    // resource and data blocks name a type, then a name
    yield* pieces(x, levels === 3 && k !== 'resource' && k !== 'data' ? 1 : levels - 1);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield '}';
}

/** the file's text in pieces, ending with a newline */
export function* terraformJsonPieces(json: Record<string, unknown>): Generator<string> {
  yield* pieces(json, 3);
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
