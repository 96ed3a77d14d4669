"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.YamlSyntaxError = void 0;
exports.parseYaml = parseYaml;
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
const js_yaml_1 = require("js-yaml");
const yaml_limits_1 = require("./yaml-limits");
const yaml_schema_1 = require("./yaml-schema");
/** A YAML document that js-yaml could not parse. */
class YamlSyntaxError extends Error {
    position;
    constructor(message, position) {
        super(message);
        this.name = 'YamlSyntaxError';
        this.position = position;
    }
}
exports.YamlSyntaxError = YamlSyntaxError;
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
function isWsOrEol(ch) {
    return ch === CH_SPACE || ch === CH_TAB || ch === CH_LF || ch === CH_CR || ch === 0 || Number.isNaN(ch);
}
/** Offsets of the first character of each line. */
function computeLineStarts(input) {
    const starts = [0];
    const n = input.length;
    for (let i = 0; i < n; i++) {
        const ch = input.charCodeAt(i);
        if (ch === CH_LF) {
            starts.push(i + 1);
        }
        else if (ch === CH_CR) {
            if (input.charCodeAt(i + 1) === CH_LF)
                i++;
            starts.push(i + 1);
        }
    }
    return starts;
}
/** Index of the line containing `offset` (binary search). */
function lineIndexOf(lineStarts, offset) {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (lineStarts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}
/** Same conversion js-yaml applies to mapping keys (storeMappingPair). */
function keyString(key) {
    const isPlainObject = (v) => Object.prototype.toString.call(v) === '[object Object]';
    if (Array.isArray(key)) {
        return String(key.map((k) => (isPlainObject(k) ? '[object Object]' : k)));
    }
    if (typeof key === 'object' && key !== null && isPlainObject(key))
        return '[object Object]';
    return String(key);
}
function sequenceIndex(seg, length) {
    let index;
    if (typeof seg === 'number') {
        index = seg;
    }
    else if (/^(0|[1-9][0-9]*)$/.test(seg)) {
        index = Number(seg);
    }
    else {
        return undefined;
    }
    return Number.isInteger(index) && index >= 0 && index < length ? index : undefined;
}
function isObjectLike(v) {
    return typeof v === 'object' && v !== null;
}
// ---------------------------------------------------------------------------
// Tree builder driven by js-yaml's listener events.
class TreeBuilder {
    input = '';
    roots = [];
    /** Anchored collections, for resolving aliases. */
    anchored = new Map();
    stack = [];
    lineStarts = [];
    setLineStarts(lineStarts) {
        this.lineStarts = lineStarts;
    }
    open(position) {
        this.stack.push({ open: position, children: [] });
    }
    close(state) {
        const frame = this.stack.pop();
        if (frame === undefined)
            throw new Error('unbalanced listener events');
        const closePos = state.position;
        const rawKind = state.kind ?? null;
        const result = state.result;
        const tag = state.tag ?? null;
        const anchor = state.anchor ?? null;
        const { children } = frame;
        const start = this.skipTrivia(frame.open, closePos);
        let node;
        let empty = false;
        const only = children.length === 1 ? children[0] : undefined;
        if (only !== undefined && only.rawKind === rawKind && Object.is(only.result, result)) {
            // Wrapper around the one node that was actually read (see header comment).
            node = only.node;
            empty = only.empty && tag === null && anchor === null;
            node.start = empty ? frame.open : start;
        }
        else if (rawKind === 'mapping') {
            node = this.buildMapping(children, start);
        }
        else if (rawKind === 'sequence') {
            const flow = this.input.charCodeAt(closePos - 1) === CH_RBRACKET;
            node = this.buildSequence(children, start, closePos, result, flow);
        }
        else if (rawKind === null && tag === null && anchor === null) {
            if (start < closePos && this.input.charCodeAt(start) === CH_STAR) {
                node = { start, kind: 3 /* NodeKind.Alias */, target: result };
            }
            else {
                empty = true;
                node = { start: frame.open, kind: 4 /* NodeKind.Empty */ };
            }
        }
        else {
            node = { start, kind: 2 /* NodeKind.Scalar */ };
        }
        if (anchor !== null && isObjectLike(result) && !this.anchored.has(result)) {
            this.anchored.set(result, node);
        }
        const closed = { open: frame.open, close: closePos, start: empty ? frame.open : start, rawKind, result, tag, empty, node };
        const parent = this.stack[this.stack.length - 1];
        if (parent === undefined)
            this.roots.push(closed);
        else
            parent.children.push(closed);
    }
    /** First offset in [from, limit) that is not whitespace, a line break or a comment. */
    skipTrivia(from, limit) {
        const input = this.input;
        let pos = from;
        while (pos < limit) {
            const ch = input.charCodeAt(pos);
            if (ch === CH_SPACE || ch === CH_TAB || ch === CH_LF || ch === CH_CR) {
                pos++;
            }
            else if (ch === CH_HASH) {
                while (pos < limit) {
                    const c = input.charCodeAt(pos);
                    if (c === CH_LF || c === CH_CR)
                        break;
                    pos++;
                }
            }
            else {
                break;
            }
        }
        return pos < limit ? pos : limit;
    }
    /** Is the node followed (after trivia) by a `:`, i.e. is it a key with a value? */
    followedByColon(c) {
        const input = this.input;
        const pos = this.skipTrivia(c.close, input.length);
        return input.charCodeAt(pos) === CH_COLON;
    }
    /** Is the node preceded by an explicit key indicator `?`? */
    precededByQuestion(c) {
        const input = this.input;
        let pos = c.open - 1;
        while (pos >= 0) {
            const ch = input.charCodeAt(pos);
            if (ch === CH_SPACE || ch === CH_TAB || ch === CH_LF || ch === CH_CR)
                pos--;
            else
                break;
        }
        return pos >= 0 && input.charCodeAt(pos) === CH_QUESTION && isWsOrEol(input.charCodeAt(pos + 1));
    }
    /**
     * An empty node where a key is expected is normally a failed attempt to read
     * one more key; it is a real (null) key only when it is explicit (`?` alone)
     * or directly followed by `:` (`{: 1}`).
     */
    couldBeKey(c) {
        return !c.empty || this.precededByQuestion(c) || this.followedByColon(c);
    }
    buildMapping(children, start) {
        const entries = new Map();
        const merges = [];
        const add = (key, value) => {
            const valueNode = value !== undefined ? value.node : { start: key.start, kind: 4 /* NodeKind.Empty */ };
            if (key.tag === MERGE_TAG) {
                if (value !== undefined)
                    merges.push(valueNode);
                return;
            }
            // Later explicit keys override earlier ones, as in js-yaml.
            entries.set(keyString(key.result), { keyStart: key.start, value: valueNode });
        };
        let pending;
        for (const c of children) {
            if (pending === undefined) {
                if (!this.couldBeKey(c))
                    continue;
                pending = c;
            }
            else if (this.followedByColon(pending)) {
                add(pending, c);
                pending = undefined;
            }
            else {
                add(pending, undefined);
                pending = this.couldBeKey(c) ? c : undefined;
            }
        }
        if (pending !== undefined)
            add(pending, undefined);
        return { start, kind: 0 /* NodeKind.Mapping */, entries, merges: merges.length > 0 ? merges : undefined };
    }
    buildSequence(children, start, closePos, result, flow) {
        const length = Array.isArray(result) ? result.length : -1;
        let items;
        if (flow) {
            items = [];
            for (let i = 0; i < children.length; i++) {
                const c = children[i];
                const hasValue = this.followedByColon(c);
                if (hasValue || this.precededByQuestion(c)) {
                    // Single-pair mapping (`[a: 1]`), which has no event of its own.
                    const value = hasValue ? children[i + 1] : undefined;
                    if (value !== undefined)
                        i++;
                    const pair = this.buildMapping(value !== undefined ? [c, value] : [c], c.start);
                    items.push(pair);
                }
                else {
                    items.push(c.node);
                }
            }
            if (items.length !== length)
                items = undefined;
        }
        else if (children.length === length) {
            items = children.map((c) => c.node);
        }
        else {
            items = this.alignBlockSequence(children, start, closePos, length);
        }
        return { start, kind: 1 /* NodeKind.Sequence */, items };
    }
    /**
     * A block sequence with empty items (`-` and a line break) has fewer events
     * than items: find the `-` indicators to put the events in their place.
     */
    alignBlockSequence(children, start, closePos, length) {
        const input = this.input;
        const lineStarts = this.lineStarts;
        // Skip properties (anchor, tag) and trivia before the first indicator.
        let first = start;
        for (;;) {
            const ch = input.charCodeAt(first);
            if (ch === 0x26 /* & */ || ch === 0x21 /* ! */) {
                while (first < closePos && !isWsOrEol(input.charCodeAt(first)))
                    first++;
                first = this.skipTrivia(first, closePos);
            }
            else {
                break;
            }
        }
        if (input.charCodeAt(first) !== CH_DASH)
            return undefined;
        const firstLine = lineIndexOf(lineStarts, first);
        const indent = first - lineStarts[firstLine];
        const dashes = [first];
        for (let line = firstLine + 1; line < lineStarts.length && lineStarts[line] < closePos; line++) {
            const dash = lineStarts[line] + indent;
            if (dash >= closePos || input.charCodeAt(dash) !== CH_DASH || !isWsOrEol(input.charCodeAt(dash + 1)))
                continue;
            let blank = true;
            for (let p = lineStarts[line]; p < dash; p++) {
                if (input.charCodeAt(p) !== CH_SPACE) {
                    blank = false;
                    break;
                }
            }
            if (blank)
                dashes.push(dash);
        }
        if (dashes.length !== length)
            return undefined;
        const items = [];
        let ci = 0;
        for (let i = 0; i < dashes.length; i++) {
            const next = i + 1 < dashes.length ? dashes[i + 1] : Infinity;
            const c = children[ci];
            if (c !== undefined && c.open > dashes[i] && c.open < next) {
                items.push(c.node);
                ci++;
            }
            else {
                items.push({ start: dashes[i] + 1, kind: 4 /* NodeKind.Empty */ });
            }
        }
        return ci === children.length ? items : undefined;
    }
}
// ---------------------------------------------------------------------------
// Lookups.
class ParsedYamlDocument {
    file;
    value;
    root;
    anchored;
    lineStarts;
    constructor(file, value, root, anchored, lineStarts) {
        this.file = file;
        this.value = value;
        this.root = root;
        this.anchored = anchored;
        this.lineStarts = lineStarts;
    }
    positionOf(path) {
        const r = this.resolve(path);
        return r.complete && r.node !== undefined ? this.toPosition(r.node.start) : undefined;
    }
    keyPositionOf(path) {
        const r = this.resolve(path);
        return r.complete && r.keyStart !== undefined ? this.toPosition(r.keyStart) : undefined;
    }
    nearestPositionOf(path) {
        const r = this.resolve(path);
        return r.node !== undefined ? this.toPosition(r.node.start) : { file: this.file, line: 1, column: 1 };
    }
    toPosition(offset) {
        const line = lineIndexOf(this.lineStarts, offset);
        return { file: this.file, line: line + 1, column: offset - this.lineStarts[line] + 1 };
    }
    deref(node) {
        return node.kind === 3 /* NodeKind.Alias */ ? this.anchored.get(node.target) : node;
    }
    /** Entry for `key` in a mapping node, looking through `<<` merges like js-yaml. */
    findEntry(node, key, depth) {
        const own = node.entries?.get(key);
        if (own !== undefined || node.merges === undefined || depth > MAX_MERGE_DEPTH)
            return own;
        for (const merge of node.merges) {
            const source = this.deref(merge);
            if (source === undefined)
                continue;
            const sources = source.kind === 1 /* NodeKind.Sequence */ ? source.items ?? [] : [source];
            for (const s of sources) {
                const m = this.deref(s);
                if (m === undefined || m.kind !== 0 /* NodeKind.Mapping */)
                    continue;
                const found = this.findEntry(m, key, depth + 1);
                if (found !== undefined)
                    return found;
            }
        }
        return undefined;
    }
    /**
     * Walk `path` through the value and the node tree together.  `node` is the
     * deepest node reached; `complete` tells whether the whole path was.
     */
    resolve(path) {
        let node = this.root;
        let value = this.value;
        let keyStart;
        if (node === undefined)
            return { node, keyStart, complete: false };
        for (const seg of path) {
            const container = this.deref(node);
            let child;
            let childKeyStart;
            if (container === undefined) {
                child = undefined;
            }
            else if (Array.isArray(value)) {
                const index = sequenceIndex(seg, value.length);
                if (index !== undefined && container.kind === 1 /* NodeKind.Sequence */ && container.items !== undefined) {
                    child = container.items[index];
                    value = value[index];
                }
            }
            else if (isObjectLike(value) && container.kind === 0 /* NodeKind.Mapping */) {
                const key = String(seg);
                if (Object.prototype.hasOwnProperty.call(value, key)) {
                    const entry = this.findEntry(container, key, 0);
                    if (entry !== undefined) {
                        child = entry.value;
                        childKeyStart = entry.keyStart;
                        value = value[key];
                    }
                }
            }
            if (child === undefined)
                return { node, keyStart: undefined, complete: false };
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
function parseYaml(text, file) {
    if (text.length > yaml_limits_1.MAX_CONFIG_BYTES) {
        throw new YamlSyntaxError(`the file is larger than ${yaml_limits_1.MAX_CONFIG_BYTES / 1024 / 1024} MiB, far more than a config needs: check that it is the right file`, { file, line: 1, column: 1 });
    }
    // Same normalisation as js-yaml: drop a byte order mark, end with a line break.
    let input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (input.length > 0) {
        const last = input.charCodeAt(input.length - 1);
        if (last !== CH_LF && last !== CH_CR)
            input += '\n';
    }
    const lineStarts = computeLineStarts(input);
    const builder = new TreeBuilder();
    builder.input = input;
    builder.setLineStarts(lineStarts);
    let broken = false;
    const toPosition = (offset) => {
        const o = Math.max(0, Math.min(offset, input.length));
        const line = lineIndexOf(lineStarts, o);
        return { file, line: line + 1, column: o - lineStarts[line] + 1 };
    };
    const guard = new yaml_limits_1.YamlLimitGuard(input, (message, offset) => {
        throw new YamlSyntaxError(message, toPosition(offset));
    });
    let value;
    try {
        value = (0, js_yaml_1.load)(text, {
            filename: file,
            schema: yaml_schema_1.CONFIG_SCHEMA,
            listener(eventType, state) {
                // Outside the try below: going past a limit must stop the parse.
                if (eventType === 'open')
                    guard.open(state.position);
                else
                    guard.close(state);
                if (broken)
                    return;
                try {
                    if (eventType === 'open')
                        builder.open(state.position);
                    else
                        builder.close(state);
                }
                catch {
                    // Position bookkeeping must never break parsing; give up on positions.
                    broken = true;
                }
            },
        });
    }
    catch (e) {
        if (!(e instanceof js_yaml_1.YAMLException))
            throw e;
        const mark = e.mark;
        let position;
        if (mark !== undefined && typeof mark.position === 'number') {
            position = toPosition(mark.position);
        }
        else if (mark !== undefined && typeof mark.line === 'number' && typeof mark.column === 'number') {
            position = { file, line: mark.line + 1, column: mark.column + 1 };
        }
        else if (builder.roots.length > 1) {
            // "expected a single document in the stream, but found more" has no mark.
            position = toPosition(builder.roots[1].start);
        }
        else {
            position = { file, line: 1, column: 1 };
        }
        throw new YamlSyntaxError(`yaml syntax error: ${e.reason || e.message}`, position);
    }
    const root = broken ? undefined : builder.roots[0]?.node;
    return new ParsedYamlDocument(file, value, root, broken ? new Map() : builder.anchored, lineStarts);
}
