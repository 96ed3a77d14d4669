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
/** Largest config accepted, in bytes (UTF-8) or UTF-16 code units. */
export declare const MAX_CONFIG_BYTES: number;
/** Deepest nesting of YAML nodes accepted. */
export declare const MAX_NESTING = 100;
/** Most nodes a document may have once its aliases are expanded. */
export declare const MAX_EXPANDED_NODES = 200000;
/** What js-yaml's listener reports about a node when it is done with it. */
export interface ClosedNodeState {
    readonly position: number;
    readonly kind: string | null;
    readonly result: unknown;
}
/** Called with a message and the offset it is about; must throw. */
export type LimitFailure = (message: string, offset: number) => never;
/**
 * Follows js-yaml's listener events ('open'/'close', nested like the nodes) and
 * calls `fail` as soon as the document goes past a limit.
 */
export declare class YamlLimitGuard {
    private readonly input;
    private readonly fail;
    /** Offset of each open node, outermost first. */
    private readonly opens;
    /** Expanded size of the children closed so far, per open node. */
    private readonly childSizes;
    /** Expanded size of every collection closed so far: what an alias to it costs. */
    private readonly sizes;
    private expanded;
    constructor(input: string, fail: LimitFailure);
    open(offset: number): void;
    close(state: ClosedNodeState): void;
    private count;
    /** First offset at or after `offset` that is not a space, tab, line break or comment. */
    private contentStart;
    /** `*name` of the alias starting at `at`, as written (shortened if long). */
    private aliasAt;
}
