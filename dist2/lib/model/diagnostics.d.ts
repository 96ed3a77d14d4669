/** Where a value came from in a config file (1-based line and column). */
export interface SourcePosition {
    readonly file: string;
    readonly line: number;
    readonly column: number;
}
export declare enum Severity {
    ERROR = "error",
    WARNING = "warning"
}
/** One problem found in the input, with everything a user needs to fix it. */
export interface Diagnostic {
    readonly severity: Severity;
    readonly message: string;
    /** the instance the problem belongs to, when there is one */
    readonly instance?: string;
    /** the key (config.yml key or var name) holding the bad value */
    readonly key?: string;
    readonly position?: SourcePosition;
    /** file name to show when no line/column is known */
    readonly file?: string;
}
/** `FILE:LINE:COL: error: MESSAGE`, as compilers print it. */
export declare function formatDiagnostic(d: Diagnostic): string;
/** Thrown when the input has errors: carries all of them, not only the first. */
export declare class InvalidConfigError extends Error {
    readonly diagnostics: readonly Diagnostic[];
    constructor(diagnostics: readonly Diagnostic[]);
}
/** Collects diagnostics; positions and file are filled in by the caller's context. */
export declare class DiagnosticBag {
    readonly file?: string | undefined;
    private readonly items;
    constructor(file?: string | undefined);
    error(message: string, where?: Omit<Diagnostic, 'severity' | 'message'>): void;
    warning(message: string, where?: Omit<Diagnostic, 'severity' | 'message'>): void;
    addAll(ds: readonly Diagnostic[]): void;
    get all(): readonly Diagnostic[];
    get hasErrors(): boolean;
    /** Throws with every error at once when there is any. */
    throwIfErrors(): void;
}
/** File order first (line, column), then the ones without a position, stable otherwise. */
export declare function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[];
/** Closest candidate by edit distance, for "did you mean" hints. */
export declare function didYouMean(word: string, candidates: readonly string[]): string | undefined;
/** Shows a value in a message: strings quoted, control and other unsafe characters made visible. */
export declare function showValue(v: unknown): string;
