"use strict";
/**
 * Bounds on what a YAML document may cost to load, so that a hostile or broken
 * config.yml fails fast with a clear error instead of exhausting time, memory or
 * the stack.
 *
 *  - Size: the text may be at most MAX_CONFIG_BYTES long.
 *  - Nesting: js-yaml composes nodes recursively and overflows the stack at
 *    about 2,000 levels; we stop at MAX_NESTING.
 *  - Aliases: js-yaml shares an aliased value instead of copying it, so a few
 *    hundred bytes of nested aliases ("billion laughs") load instantly but
 *    describe billions of values, which every later walk over the value (or a
 *    `<<` merge, which does copy) pays for.  We count the nodes of the document
 *    as if every alias were written out and stop at MAX_EXPANDED_NODES.  An
 *    alias inside the node it refers to expands forever and is rejected too.
 *
 * The limits are far above any real TPA config: a 1,000-instance config of
 * twenty lines per instance has about 40,000 nodes and a dozen levels.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.YamlLimitGuard = exports.MAX_EXPANDED_NODES = exports.MAX_NESTING = exports.MAX_CONFIG_BYTES = void 0;
/** Largest config accepted, in bytes (UTF-8) or UTF-16 code units. */
exports.MAX_CONFIG_BYTES = 4 * 1024 * 1024;
/** Deepest nesting of YAML nodes accepted. */
exports.MAX_NESTING = 100;
/** Most nodes a document may have once its aliases are expanded. */
exports.MAX_EXPANDED_NODES = 200_000;
const isCollection = (v) => typeof v === 'object' && v !== null;
/**
 * Follows js-yaml's listener events ('open'/'close', nested like the nodes) and
 * calls `fail` as soon as the document goes past a limit.
 */
class YamlLimitGuard {
    input;
    fail;
    /** Offset of each open node, outermost first. */
    opens = [];
    /** Expanded size of the children closed so far, per open node. */
    childSizes = [];
    /** Expanded size of every collection closed so far: what an alias to it costs. */
    sizes = new WeakMap();
    expanded = 0;
    constructor(input, fail) {
        this.input = input;
        this.fail = fail;
    }
    open(offset) {
        if (this.opens.length >= exports.MAX_NESTING) {
            this.fail(`the document is nested more than ${exports.MAX_NESTING} levels deep: a config needs only a few levels, flatten this value`, this.contentStart(offset));
        }
        this.opens.push(offset);
        this.childSizes.push(0);
    }
    close(state) {
        const open = this.opens.pop() ?? 0;
        const children = this.childSizes.pop() ?? 0;
        let size;
        // An alias has no kind of its own and yields the anchored value; a node that
        // merely wraps an alias event (see yaml-source.ts) has that event as child.
        if (state.kind === null && isCollection(state.result) && children === 0) {
            const at = this.contentStart(open);
            const target = this.sizes.get(state.result);
            if (target === undefined) {
                this.fail(`alias ${this.aliasAt(at)} is used inside the value it refers to, which would repeat forever: remove it`, at);
            }
            size = target;
            this.count(size, at);
        }
        else {
            size = children > 0 ? children + 1 : 1;
            if (children === 0)
                this.count(1, this.contentStart(open));
            // the innermost event of a value is the value itself; wrappers around it add nothing
            if (isCollection(state.result) && !this.sizes.has(state.result))
                this.sizes.set(state.result, size);
        }
        const parent = this.childSizes.length - 1;
        if (parent >= 0)
            this.childSizes[parent] += size;
    }
    count(nodes, at) {
        this.expanded += nodes;
        if (this.expanded > exports.MAX_EXPANDED_NODES) {
            const what = this.input.charCodeAt(at) === 0x2a /* * */ ? `alias ${this.aliasAt(at)}` : 'this value';
            this.fail(`the document has more than ${exports.MAX_EXPANDED_NODES.toLocaleString('en-US')} values once its aliases are expanded (${what} goes past it): ` +
                'a real config is far smaller; write the values out or use fewer aliases', at);
        }
    }
    /** First offset at or after `offset` that is not a space, tab, line break or comment. */
    contentStart(offset) {
        const input = this.input;
        let pos = offset;
        while (pos < input.length) {
            const ch = input.charCodeAt(pos);
            if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
                pos++;
            }
            else if (ch === 0x23 /* # */) {
                while (pos < input.length && input.charCodeAt(pos) !== 0x0a && input.charCodeAt(pos) !== 0x0d)
                    pos++;
            }
            else {
                break;
            }
        }
        return pos;
    }
    /** `*name` of the alias starting at `at`, as written (shortened if long). */
    aliasAt(at) {
        const m = /^\*[^\s,[\]{}]{1,40}/.exec(this.input.slice(at, at + 41));
        return m ? m[0] : 'here';
    }
}
exports.YamlLimitGuard = YamlLimitGuard;
