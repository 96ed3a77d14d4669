/**
 * A value a step reads from its own resource's triggers (a file it writes, the SQL it runs): the
 * trigger `key` holds `content`. At apply time the step gets it as base64 from `self`, so the
 * content is in the Terraform configuration once, where the plan shows it.
 */
export interface TriggerArg {
    readonly trigger: string;
    readonly content: string;
}
/** An argument of a step: literal text (single-quoted for the shell), or a trigger's value. */
export type ScriptArg = string | TriggerArg;
/** One resource's step: a function of the host program (shell/*.sh) and its arguments. */
export interface HostScript {
    readonly step: string;
    readonly args: readonly ScriptArg[];
}
/** How inline lines reach the prologue and the resource's triggers. */
export interface ExecTarget {
    /** the prologue's text, or a Terraform reference to it */
    readonly prologue: string;
    /** base64 of a trigger's value: a Terraform expression, or computed here for a run outside Terraform */
    triggerBase64(arg: TriggerArg): string;
    /** literal text as the target must carry it (for Terraform: `${` and `%{` escaped) */
    literal(text: string): string;
}
/** base64 of the text; for text holding a cdktf token, a Terraform expression computing it */
export declare const toBase64: (text: string) => string;
/** sha256 (hex) of the text; for text holding a cdktf token, a Terraform expression computing it */
export declare function sha256(text: string): string;
/** Inline lines run outside Terraform (tests, a person trying a step): everything literal. */
export declare const STANDALONE: ExecTarget;
/** the trigger values a step reads */
export declare function triggerArgsOf(s: HostScript): TriggerArg[];
/** the literal arguments of a step */
export declare function literalArgsOf(s: HostScript): string[];
/**
 * The host program with the step as its last line, run outside Terraform (tests, a person trying a
 * step): `sh -c` this text; extra arguments after it reach the step as "$@".
 */
export declare function standaloneCommand(s: HostScript): string[];
/**
 * The `inline` lines of a remote-exec provisioner: the prologue (once per stack, as a local), the
 * step appended to the host program, and the run as root. Identical for null_resource and
 * terraform_data. Literal parts go through target.literal; the references the target makes do not.
 */
export declare function remoteExecLines(s: HostScript, target?: ExecTarget): string[];
/**
 * The `inline` lines of a provisioner that hands secrets to a step. Terraform hides the whole
 * output of a provisioner holding a sensitive value, so secrets get provisioners of their own.
 * Each secret (a Terraform expression yielding base64) lands in its own 0600 temp file whose path
 * the step gets after its own arguments; never a secret on a command line (visible in ps).
 */
export declare function secretExecLines(s: HostScript, secretsBase64: readonly string[], target?: ExecTarget): string[];
/** The step that installs one private key (its path, owner and group follow the key file); the key comes as a secret. */
export declare function privateKeyStep(path: string, owner: string, group: string): HostScript;
