/**
 * The synth-time rules of values given as Terraform tokens (lib/model/token-checks.ts), as
 * `lifecycle.precondition` blocks: every resource whose files, scripts or connection use such a
 * value checks it before it runs, so a bad address from the estate fails the plan (or the apply,
 * when the value is known only then) with the message synth gives for a literal.
 */
import { TokenCheck } from '../model/token-checks';
import { IConstruct } from '../platform/cdktf';
/** The precondition block of one check. */
export declare function preconditionOf(check: TokenCheck): {
    condition: string;
    errorMessage: string;
};
/** Adds its checks to every provisioner under `scope` whose texts use a checked value. */
export declare function addTokenPreconditions(scope: IConstruct, checks: readonly TokenCheck[]): void;
