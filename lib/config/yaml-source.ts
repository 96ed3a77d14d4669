/**
 * YAML parsing with source positions.
 *
 * `parseYaml()` parses a document with js-yaml (CONFIG_SCHEMA: the default
 * schema with plain decimal integers only, see yaml-schema.ts) and, in the
 * same pass, records where every node of the document starts, so that later
 * validation code can report errors as `config.yml:12:7: error: ...`.  The
 * same pass enforces the size, nesting and alias limits of yaml-limits.ts.
 *
 * How it works: js-yaml's `listener` option reports an 'open' event when it
 * starts composing a node and a 'close' event when it is done.  The events
 * nest like the nodes do, so a stack rebuilds the node tree.  A few js-yaml
 * peculiarities have to be taken into account (all verified against js-yaml
 * 4.1.1):
 *
 *  - 'open' is reported *before* leading whitespace, line breaks, comments
 *    and properties are skipped (for a mapping value it is the offset just
 *    after the `:`; for a block sequence item the offset just after the `-`),
 *    so the start of a node is computed by skipping that trivia ourselves.
 *  - A block sequence item or a document root that turns out to be a scalar
 *    or a flow collection is reported twice: an outer event whose only child
 *    is an inner event with the same kind and result (js-yaml tries to read a
 *    block mapping key and keeps it when no `:` follows).  Such "wrappers"
 *    are collapsed.
 *  - Empty block sequence items (`-` followed by a line break) produce no
 *    event at all; empty mapping values and failed attempts to read one more
 *    mapping key produce events without content.
 *  - Keys are nodes too, and a key without a value (`{a, b: 1}`, `? a`) has no
 *    value event, so keys are recognised by the `:` that follows them.
 *  - Single-pair mappings inside flow sequences (`[a: 1]`) have no event of
 *    their own.
 *  - Aliases have `kind === null`; their result is the anchored value.
 *
 * Whatever could not be matched up reliably is simply left without position
 * (lookups then return `undefined`, and `nearestPositionOf` falls back to the
 * closest ancestor).  Every lookup is also checked against the loaded value,
 * so a position is never returned for a path that does not exist in it.
 *
 * Offsets are UTF-16 code units of the input (after a leading byte order mark
 * is removed, like js-yaml does); lines and columns are 1-based and a tab
 * counts as one column.  `\n`, `\r\n` and a lone `\r` all end a line.
 */
import { load, YAMLException } from 'js-yaml';
import { ClosedNodeState, MAX_CONFIG_BYTES, YamlLimitGuard } from './yaml-limits';
import { CONFIG_SCHEMA } from './yaml-schema';

export interface SourcePosition {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column number (UTF-16 code units). */
  readonly column: number;
}

/** Path into a loaded document: mapping keys (strings) and sequence indices (numbers). */
export type YamlPath = ReadonlyArray<string | number>;

/** A YAML document that js-yaml could not parse. */
export class YamlSyntaxError extends Error {
  readonly position: SourcePosition;

  constructor(message: string, position: SourcePosition) {
    super(message);
    this.name = 'YamlSyntaxError';
    this.position = position;
  }
}

export interface YamlDocument {
  readonly file: string;
  /** Exactly what js-yaml's `load()` returns for the text (with CONFIG_SCHEMA). */
  readonly value: unknown;
  /**
   * Start of the value node at `path`; `undefined` when the path does not exist
   * (or its position is unknown).  For an empty value (`key:` with nothing after
   * it) this is the offset right after the `:` (or the `-` of a sequence item).
   */
  positionOf(path: YamlPath): SourcePosition | undefined;
  /** Start of the key of the last path element, when that element is a mapping key. */
  keyPositionOf(path: YamlPath): SourcePosition | undefined;
  /** Position of the deepest existing ancestor of `path` (the path itself if it exists); 1:1 as a last resort. */
  nearestPositionOf(path: YamlPath): SourcePosition;
}

// ---------------------------------------------------------------------------
// Internal node tree (offsets only; line/column are computed on lookup).

const enum NodeKind {
  Mapping,
  Sequence,
  Scalar,
  Alias,
  Empty,
}

interface Entry {
  /** Offset of the key's first character. */
  readonly keyStart: number;
  readonly value: PosNode;
}

interface PosNode {
  /** Offset where the node starts (first character of its properties or content). */
  start: number;
  readonly kind: NodeKind;
  /** Mapping entries by (stringified) key. */
  readonly entries?: Map<string, Entry>;
  /** Values of `<<` merge keys, in order. */
  readonly merges?: PosNode[];
  /** Sequence items by index; undefined when they could not be matched up. */
  readonly items?: PosNode[];
  /** For aliases: the anchored value (resolved to a node on lookup). */
  readonly target?: unknown;
}

/** A node whose 'close' event has been seen. */
interface Closed {
  readonly open: number;
  readonly close: number;
  readonly start: number;
  readonly rawKind: string | null;
  readonly result: unknown;
  readonly tag: string | null;
  readonly empty: boolean;
  readonly node: PosNode;
}

interface Frame {
  readonly open: number;
  readonly children: Closed[];
}

const MERGE_TAG = 'tag:yaml.org,2002:merge';
const MAX_MERGE_DEPTH = 64;

const CH_TAB = 0x09;
const CH_LF = 0x0a;
const CH_CR = 0x0d;
const CH_SPACE = 0x20;
const CH_HASH = 0x23;
const CH_STAR = 0x2a;
const CH_DASH = 0x2d;
const CH_COLON = 0x3a;
const CH_QUESTION = 0x3f;
const CH_RBRACKET = 0x5d;

function isWsOrEol(ch: number): boolean {
  return ch === CH_SPACE || ch === CH_TAB || ch === CH_LF || ch === CH_CR || ch === 0 || Number.isNaN(ch);
}

/** Offsets of the first character of each line. */
function computeLineStarts(input: string): number[] {
  const starts = [0];
  const n = input.length;
  for (let i = 0; i < n; i++) {
    const ch = input.charCodeAt(i);
    if (ch === CH_LF) {
      starts.push(i + 1);
    } else if (ch === CH_CR) {
      if (input.charCodeAt(i + 1) === CH_LF) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Index of the line containing `offset` (binary search). */
function lineIndexOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Same conversion js-yaml applies to mapping keys (storeMappingPair). */
function keyString(key: unknown): string {
  const isPlainObject = (v: unknown) => Object.prototype.toString.call(v) === '[object Object]';
  if (Array.isArray(key)) {
    return String(key.map((k: unknown) => (isPlainObject(k) ? '[object Object]' : k)));
  }
  if (typeof key === 'object' && key !== null && isPlainObject(key)) return '[object Object]';
  return String(key);
}

function sequenceIndex(seg: string | number, length: number): number | undefined {
  let index: number;
  if (typeof seg === 'number') {
    index = seg;
  } else if (/^(0|[1-9][0-9]*)$/.test(seg)) {
    index = Number(seg);
  } else {
    return undefined;
  }
  return Number.isInteger(index) && index >= 0 && index < length ? index : undefined;
}

function isObjectLike(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

// ---------------------------------------------------------------------------
// Tree builder driven by js-yaml's listener events.

class TreeBuilder {
  input = '';
  readonly roots: Closed[] = [];
  /** Anchored collections, for resolving aliases. */
  readonly anchored = new Map<unknown, PosNode>();
  private readonly stack: Frame[] = [];
  private lineStarts: readonly number[] = [];

  setLineStarts(lineStarts: readonly number[]): void {
    this.lineStarts = lineStarts;
  }

  open(position: number): void {
    this.stack.push({ open: position, children: [] });
  }

  close(state: { position: number; kind: string | null; result: unknown; tag?: string | null; anchor?: string | null }): void {
    const frame = this.stack.pop();
    if (frame === undefined) throw new Error('unbalanced listener events');
    const closePos = state.position;
    const rawKind = state.kind ?? null;
    const result = state.result;
    const tag = state.tag ?? null;
    const anchor = state.anchor ?? null;
    const { children } = frame;

    const start = this.skipTrivia(frame.open, closePos);
    let node: PosNode;
    let empty = false;

    const only = children.length === 1 ? children[0] : undefined;
    if (only !== undefined && only.rawKind === rawKind && Object.is(only.result, result)) {
      // Wrapper around the one node that was actually read (see header comment).
      node = only.node;
      empty = only.empty && tag === null && anchor === null;
      node.start = empty ? frame.open : start;
    } else if (rawKind === 'mapping') {
      node = this.buildMapping(children, start);
    } else if (rawKind === 'sequence') {
      const flow = this.input.charCodeAt(closePos - 1) === CH_RBRACKET;
      node = this.buildSequence(children, start, closePos, result, flow);
    } else if (rawKind === null && tag === null && anchor === null) {
      if (start < closePos && this.input.charCodeAt(start) === CH_STAR) {
        node = { start, kind: NodeKind.Alias, target: result };
      } else {
        empty = true;
        node = { start: frame.open, kind: NodeKind.Empty };
      }
    } else {
      node = { start, kind: NodeKind.Scalar };
    }

    if (anchor !== null && isObjectLike(result) && !this.anchored.has(result)) {
      this.anchored.set(result, node);
    }

    const closed: Closed = { open: frame.open, close: closePos, start: empty ? frame.open : start, rawKind, result, tag, empty, node };
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) this.roots.push(closed);
    else parent.children.push(closed);
  }

  /** First offset in [from, limit) that is not whitespace, a line break or a comment. */
  private skipTrivia(from: number, limit: number): number {
    const input = this.input;
    let pos = from;
    while (pos < limit) {
      const ch = input.charCodeAt(pos);
      if (ch === CH_SPACE || ch === CH_TAB || ch === CH_LF || ch === CH_CR) {
        pos++;
      } else if (ch === CH_HASH) {
        while (pos < limit) {
          const c = input.charCodeAt(pos);
          if (c === CH_LF || c === CH_CR) break;
          pos++;
        }
      } else {
        break;
      }
    }
    return pos < limit ? pos : limit;
  }

  /** Is the node followed (after trivia) by a `:`, i.e. is it a key with a value? */
  private followedByColon(c: Closed): boolean {
    const input = this.input;
    const pos = this.skipTrivia(c.close, input.length);
    return input.charCodeAt(pos) === CH_COLON;
  }

  /** Is the node preceded by an explicit key indicator `?`? */
  private precededByQuestion(c: Closed): boolean {
    const input = this.input;
    let pos = c.open - 1;
    while (pos >= 0) {
      const ch = input.charCodeAt(pos);
      if (ch === CH_SPACE || ch === CH_TAB || ch === CH_LF || ch === CH_CR) pos--;
      else break;
    }
    return pos >= 0 && input.charCodeAt(pos) === CH_QUESTION && isWsOrEol(input.charCodeAt(pos + 1));
  }

  /**
   * An empty node where a key is expected is normally a failed attempt to read
   * one more key; it is a real (null) key only when it is explicit (`?` alone)
   * or directly followed by `:` (`{: 1}`).
   */
  private couldBeKey(c: Closed): boolean {
    return !c.empty || this.precededByQuestion(c) || this.followedByColon(c);
  }

  private buildMapping(children: readonly Closed[], start: number): PosNode {
    const entries = new Map<string, Entry>();
    const merges: PosNode[] = [];
    const add = (key: Closed, value: Closed | undefined) => {
      const valueNode: PosNode = value !== undefined ? value.node : { start: key.start, kind: NodeKind.Empty };
      if (key.tag === MERGE_TAG) {
        if (value !== undefined) merges.push(valueNode);
        return;
      }
      // Later explicit keys override earlier ones, as in js-yaml.
      entries.set(keyString(key.result), { keyStart: key.start, value: valueNode });
    };

    let pending: Closed | undefined;
    for (const c of children) {
      if (pending === undefined) {
        if (!this.couldBeKey(c)) continue;
        pending = c;
      } else if (this.followedByColon(pending)) {
        add(pending, c);
        pending = undefined;
      } else {
        add(pending, undefined);
        pending = this.couldBeKey(c) ? c : undefined;
      }
    }
    if (pending !== undefined) add(pending, undefined);
    return { start, kind: NodeKind.Mapping, entries, merges: merges.length > 0 ? merges : undefined };
  }

  private buildSequence(children: readonly Closed[], start: number, closePos: number, result: unknown, flow: boolean): PosNode {
    const length = Array.isArray(result) ? result.length : -1;
    let items: PosNode[] | undefined;
    if (flow) {
      items = [];
      for (let i = 0; i < children.length; i++) {
        const c = children[i];
        const hasValue = this.followedByColon(c);
        if (hasValue || this.precededByQuestion(c)) {
          // Single-pair mapping (`[a: 1]`), which has no event of its own.
          const value = hasValue ? children[i + 1] : undefined;
          if (value !== undefined) i++;
          const pair = this.buildMapping(value !== undefined ? [c, value] : [c], c.start);
          items.push(pair);
        } else {
          items.push(c.node);
        }
      }
      if (items.length !== length) items = undefined;
    } else if (children.length === length) {
      items = children.map((c) => c.node);
    } else {
      items = this.alignBlockSequence(children, start, closePos, length);
    }
    return { start, kind: NodeKind.Sequence, items };
  }

  /**
   * A block sequence with empty items (`-` and a line break) has fewer events
   * than items: find the `-` indicators to put the events in their place.
   */
  private alignBlockSequence(children: readonly Closed[], start: number, closePos: number, length: number): PosNode[] | undefined {
    const input = this.input;
    const lineStarts = this.lineStarts;
    // Skip properties (anchor, tag) and trivia before the first indicator.
    let first = start;
    for (;;) {
      const ch = input.charCodeAt(first);
      if (ch === 0x26 /* & */ || ch === 0x21 /* ! */) {
        while (first < closePos && !isWsOrEol(input.charCodeAt(first))) first++;
        first = this.skipTrivia(first, closePos);
      } else {
        break;
      }
    }
    if (input.charCodeAt(first) !== CH_DASH) return undefined;
    const firstLine = lineIndexOf(lineStarts, first);
    const indent = first - lineStarts[firstLine];
    const dashes = [first];
    for (let line = firstLine + 1; line < lineStarts.length && lineStarts[line] < closePos; line++) {
      const dash = lineStarts[line] + indent;
      if (dash >= closePos || input.charCodeAt(dash) !== CH_DASH || !isWsOrEol(input.charCodeAt(dash + 1))) continue;
      let blank = true;
      for (let p = lineStarts[line]; p < dash; p++) {
        if (input.charCodeAt(p) !== CH_SPACE) {
          blank = false;
          break;
        }
      }
      if (blank) dashes.push(dash);
    }
    if (dashes.length !== length) return undefined;

    const items: PosNode[] = [];
    let ci = 0;
    for (let i = 0; i < dashes.length; i++) {
      const next = i + 1 < dashes.length ? dashes[i + 1] : Infinity;
      const c = children[ci];
      if (c !== undefined && c.open > dashes[i] && c.open < next) {
        items.push(c.node);
        ci++;
      } else {
        items.push({ start: dashes[i] + 1, kind: NodeKind.Empty });
      }
    }
    return ci === children.length ? items : undefined;
  }
}

// ---------------------------------------------------------------------------
// Lookups.

class ParsedYamlDocument implements YamlDocument {
  constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly root: PosNode | undefined,
    private readonly anchored: ReadonlyMap<unknown, PosNode>,
    private readonly lineStarts: readonly number[],
  ) {}

  positionOf(path: YamlPath): SourcePosition | undefined {
    const r = this.resolve(path);
    return r.complete && r.node !== undefined ? this.toPosition(r.node.start) : undefined;
  }

  keyPositionOf(path: YamlPath): SourcePosition | undefined {
    const r = this.resolve(path);
    return r.complete && r.keyStart !== undefined ? this.toPosition(r.keyStart) : undefined;
  }

  nearestPositionOf(path: YamlPath): SourcePosition {
    const r = this.resolve(path);
    return r.node !== undefined ? this.toPosition(r.node.start) : { file: this.file, line: 1, column: 1 };
  }

  private toPosition(offset: number): SourcePosition {
    const line = lineIndexOf(this.lineStarts, offset);
    return { file: this.file, line: line + 1, column: offset - this.lineStarts[line] + 1 };
  }

  private deref(node: PosNode): PosNode | undefined {
    return node.kind === NodeKind.Alias ? this.anchored.get(node.target) : node;
  }

  /** Entry for `key` in a mapping node, looking through `<<` merges like js-yaml. */
  private findEntry(node: PosNode, key: string, depth: number): Entry | undefined {
    const own = node.entries?.get(key);
    if (own !== undefined || node.merges === undefined || depth > MAX_MERGE_DEPTH) return own;
    for (const merge of node.merges) {
      const source = this.deref(merge);
      if (source === undefined) continue;
      const sources = source.kind === NodeKind.Sequence ? source.items ?? [] : [source];
      for (const s of sources) {
        const m = this.deref(s);
        if (m === undefined || m.kind !== NodeKind.Mapping) continue;
        const found = this.findEntry(m, key, depth + 1);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }

  /**
   * Walk `path` through the value and the node tree together.  `node` is the
   * deepest node reached; `complete` tells whether the whole path was.
   */
  private resolve(path: YamlPath): { node: PosNode | undefined; keyStart: number | undefined; complete: boolean } {
    let node = this.root;
    let value: unknown = this.value;
    let keyStart: number | undefined;
    if (node === undefined) return { node, keyStart, complete: false };
    for (const seg of path) {
      const container = this.deref(node);
      let child: PosNode | undefined;
      let childKeyStart: number | undefined;
      if (container === undefined) {
        child = undefined;
      } else if (Array.isArray(value)) {
        const index = sequenceIndex(seg, value.length);
        if (index !== undefined && container.kind === NodeKind.Sequence && container.items !== undefined) {
          child = container.items[index];
          value = value[index];
        }
      } else if (isObjectLike(value) && container.kind === NodeKind.Mapping) {
        const key = String(seg);
        if (Object.prototype.hasOwnProperty.call(value, key)) {
          const entry = this.findEntry(container, key, 0);
          if (entry !== undefined) {
            child = entry.value;
            childKeyStart = entry.keyStart;
            value = (value as Record<string, unknown>)[key];
          }
        }
      }
      if (child === undefined) return { node, keyStart: undefined, complete: false };
      node = child;
      keyStart = childKeyStart;
    }
    return { node, keyStart, complete: true };
  }
}

// ---------------------------------------------------------------------------

/**
 * Parse `text` (the contents of `file`) with js-yaml's `load()` and
 * CONFIG_SCHEMA, recording the source position of every node.
 *
 * @throws YamlSyntaxError when js-yaml rejects the text or it goes past a limit
 *   of yaml-limits.ts (size, nesting, expanded aliases).
 */
export function parseYaml(text: string, file: string): YamlDocument {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new YamlSyntaxError(`the file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB, far more than a config needs: check that it is the right file`, { file, line: 1, column: 1 });
  }
  // Same normalisation as js-yaml: drop a byte order mark, end with a line break.
  let input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (input.length > 0) {
    const last = input.charCodeAt(input.length - 1);
    if (last !== CH_LF && last !== CH_CR) input += '\n';
  }
  const lineStarts = computeLineStarts(input);
  const builder = new TreeBuilder();
  builder.input = input;
  builder.setLineStarts(lineStarts);
  let broken = false;

  const toPosition = (offset: number): SourcePosition => {
    const o = Math.max(0, Math.min(offset, input.length));
    const line = lineIndexOf(lineStarts, o);
    return { file, line: line + 1, column: o - lineStarts[line] + 1 };
  };

  const guard = new YamlLimitGuard(input, (message, offset) => {
    throw new YamlSyntaxError(message, toPosition(offset));
  });

  let value: unknown;
  try {
    value = load(text, {
      filename: file,
      schema: CONFIG_SCHEMA,
      listener(eventType, state) {
        // Outside the try below: going past a limit must stop the parse.
        if (eventType === 'open') guard.open(state.position);
        else guard.close(state as unknown as ClosedNodeState);
        if (broken) return;
        try {
          if (eventType === 'open') builder.open(state.position);
          else builder.close(state as unknown as Parameters<TreeBuilder['close']>[0]);
        } catch {
          // Position bookkeeping must never break parsing; give up on positions.
          broken = true;
        }
      },
    });
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const mark = e.mark as Partial<YAMLException['mark']> | undefined;
    let position: SourcePosition;
    if (mark !== undefined && typeof mark.position === 'number') {
      position = toPosition(mark.position);
    } else if (mark !== undefined && typeof mark.line === 'number' && typeof mark.column === 'number') {
      position = { file, line: mark.line + 1, column: mark.column + 1 };
    } else if (builder.roots.length > 1) {
      // "expected a single document in the stream, but found more" has no mark.
      position = toPosition(builder.roots[1].start);
    } else {
      position = { file, line: 1, column: 1 };
    }
    throw new YamlSyntaxError(`yaml syntax error: ${e.reason || e.message}`, position);
  }

  const root = broken ? undefined : builder.roots[0]?.node;
  return new ParsedYamlDocument(file, value, root, broken ? new Map() : builder.anchored, lineStarts);
}
