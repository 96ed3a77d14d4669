import { DiagnosticBag } from './diagnostics';
import { Located } from './cluster-spec';
/** How Terraform reaches one instance, as its config says (each undefined when not given). */
export interface ConnectionVars {
    readonly host?: Located<string>;
    readonly user?: string;
    readonly port?: number;
}
/** Errors for refused vars and warnings for ignored ones, in one vars mapping (an instance's or cluster_vars). */
export declare function checkConnectionVarNames(vars: ReadonlyMap<string, Located<unknown>>, instance: string | undefined, bag: DiagnosticBag): void;
/**
 * The connection host, user and port one vars mapping gives (an instance's, or cluster_vars with
 * `instance` undefined). Bad values are reported and left out.
 */
export declare function connectionVars(vars: ReadonlyMap<string, Located<unknown>>, instance: string | undefined, bag: DiagnosticBag): ConnectionVars;
