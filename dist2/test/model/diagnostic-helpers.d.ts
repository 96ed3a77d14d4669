import { Diagnostic, Severity } from '../../lib/model/diagnostics';
import { BarmanGraph } from '../../lib/model/graph';
import { ClusterProps } from '../../lib/model/typed-cluster';
export declare const FILE = "clusters/demo/config.yml";
export interface Where {
    readonly line: number;
    readonly column: number;
}
/**
 * 1-based line and column of `token` in `text`, where `before + token` must occur exactly once
 * (`before` only disambiguates: the position is that of `token`'s first character).
 */
export declare function positionIn(text: string, token: string, before?: string): Where;
export interface Outcome {
    readonly graph?: BarmanGraph;
    readonly errors: readonly Diagnostic[];
    readonly warnings: readonly Diagnostic[];
}
/** Loads and validates `text` as FILE; never throws for invalid input. */
export declare function diagnose(text: string, file?: string): Outcome;
/** Loads and validates `text`; fails the test with every error when it is invalid. */
export declare function validGraph(text: string, file?: string): BarmanGraph;
export declare const show: (ds: readonly Diagnostic[]) => string;
export interface ExpectedDiagnostic {
    /** where the bad input is written: `token` (after `before`, when given) */
    readonly token: string;
    readonly before?: string;
    /** explicit position, when the diagnostic points at something that is not written (1:1 for a missing key) */
    readonly at?: Where;
    readonly instance?: string;
    readonly key: string;
    /** texts the message must contain (the bad value as shown, names...) */
    readonly mentions: readonly string[];
    /** the suggested fix */
    readonly fix: RegExp;
}
/** Asserts everything a user needs: file, line, column, instance, key, the bad value and a fix. */
export declare function assertDiagnostic(text: string, d: Diagnostic, e: ExpectedDiagnostic, severity?: Severity, file?: string): void;
/** Asserts that `text` yields exactly one error, as described. */
export declare function expectOneError(text: string, e: ExpectedDiagnostic): Diagnostic;
/** Asserts that `text` is valid and yields exactly one warning, as described. */
export declare function expectOneWarning(text: string, e: ExpectedDiagnostic): Diagnostic;
/** The errors graphFromProps reports for typed props (none when they are valid). */
export declare function errorsOfProps(props: ClusterProps): Diagnostic[];
