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
export declare class YamlSyntaxError extends Error {
    readonly position: SourcePosition;
    constructor(message: string, position: SourcePosition);
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
/**
 * Parse `text` (the contents of `file`) with js-yaml's `load()` and
 * CONFIG_SCHEMA, recording the source position of every node.
 *
 * @throws YamlSyntaxError when js-yaml rejects the text or it goes past a limit
 *   of yaml-limits.ts (size, nesting, expanded aliases).
 */
export declare function parseYaml(text: string, file: string): YamlDocument;
