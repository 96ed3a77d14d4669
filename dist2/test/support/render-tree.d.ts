import { BarmanGraph } from '../../lib/model/graph';
/** Files of a directory tree: relative path ('/'-separated) to content. Directories are not listed. */
export type Tree = Map<string, Buffer>;
export interface RenderedTopology {
    readonly name: string;
    readonly configPath: string;
    readonly graph: BarmanGraph;
    /** what `cdktf-barman render CONFIG --out DIR` wrote: DIR/<instance>/<absolute path> + manifest.json */
    readonly outDir: string;
    readonly stderr: string;
    /** removes outDir */
    cleanup(): void;
}
/**
 * Renders a topology fixture exactly as the command line does (`render CONFIG --out DIR`, run
 * in-process through the CLI's own entry point) into a fresh temp dir.
 */
export declare function renderTopology(name: string): Promise<RenderedTopology>;
/** Every regular file under dir (git cannot hold empty directories, so directories are not compared). */
export declare function readTree(dir: string): Tree;
export declare function writeTree(dir: string, tree: Tree): void;
export interface TreeDiff {
    /** in the expected tree, not rendered */
    readonly missing: string[];
    /** rendered, not in the expected tree */
    readonly extra: string[];
    /** in both, with different content */
    readonly changed: string[];
}
export declare function compareTrees(expected: Tree, actual: Tree): TreeDiff;
export declare function isSameTree(d: TreeDiff): boolean;
/** A readable report of a TreeDiff, with a line diff of each changed file. */
export declare function formatTreeDiff(what: string, d: TreeDiff, expected: Tree, actual: Tree): string;
/**
 * A line diff (longest common subsequence) showing changed lines with 2 lines of context. Lines
 * are shown JSON-quoted, so a missing trailing newline, a tab or trailing space is visible.
 */
export declare function lineDiff(a: string, b: string, context?: number): string[];
