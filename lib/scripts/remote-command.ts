import { createHash } from 'node:crypto';
import { shellQuote } from '../render/shell-quote';
import { containsTokenText, tokenText } from '../render/token-aware';
import { HOST_PROGRAM, HOST_PROLOGUE } from './host-program';

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
export const toBase64 = (text: string): string => (containsTokenText(text) ? tokenText().base64Of(text) : Buffer.from(text, 'utf8').toString('base64'));

/** sha256 (hex) of the text; for text holding a cdktf token, a Terraform expression computing it */
export function sha256(text: string): string {
  return containsTokenText(text) ? tokenText().sha256Of(text) : createHash('sha256').update(text).digest('hex');
}

/** Inline lines run outside Terraform (tests, a person trying a step): everything literal. */
export const STANDALONE: ExecTarget = { prologue: HOST_PROLOGUE, triggerBase64: (a) => toBase64(a.content), literal: (text) => text };

const isTrigger = (a: ScriptArg): a is TriggerArg => typeof a !== 'string';

/** the trigger values a step reads */
export function triggerArgsOf(s: HostScript): TriggerArg[] {
  return s.args.filter(isTrigger);
}

/** the literal arguments of a step */
export function literalArgsOf(s: HostScript): string[] {
  return s.args.filter((a): a is string => typeof a === 'string');
}

/** the step's words: its function, then each argument single-quoted (a trigger's value as base64) */
function stepWords(s: HostScript, target: ExecTarget): string {
  return [s.step, ...s.args.map((a) => (isTrigger(a) ? `'${target.triggerBase64(a)}'` : target.literal(shellQuote(a))))].join(' ');
}

/** the line that ends a step in a remote-exec inline (no base64 text or quoted word can be it) */
const STEP_END = 'cdktf_step_end';

/**
 * The step as the last line of the host program: its function and arguments, then "$@" (a secret
 * step's files). It travels in the program's file, never on a command line, so a large argument
 * (a Barman server's authorized_keys) meets no exec size limit.
 */
function stepBlock(s: HostScript, target: ExecTarget): string {
  const line = `${stepWords(s, target)} "$@"`;
  if (line.split('\n').includes(STEP_END)) throw new Error(`a step argument holds the line ${STEP_END}`);
  return `cdktf_step <<'${STEP_END}'\n${line}\n${STEP_END}`;
}

/**
 * The host program with the step as its last line, run outside Terraform (tests, a person trying a
 * step): `sh -c` this text; extra arguments after it reach the step as "$@".
 */
export function standaloneCommand(s: HostScript): string[] {
  return ['sh', '-c', `${HOST_PROGRAM}\n${stepWords(s, STANDALONE)} "$@"\n`, 'cdktf-barman'];
}

/**
 * The `inline` lines of a remote-exec provisioner: the prologue (once per stack, as a local), the
 * step appended to the host program, and the run as root. Identical for null_resource and
 * terraform_data. Literal parts go through target.literal; the references the target makes do not.
 */
export function remoteExecLines(s: HostScript, target: ExecTarget = STANDALONE): string[] {
  return [target.prologue, stepBlock(s, target), 'cdktf_run'];
}

/**
 * The `inline` lines of a provisioner that hands secrets to a step. Terraform hides the whole
 * output of a provisioner holding a sensitive value, so secrets get provisioners of their own.
 * Each secret (a Terraform expression yielding base64) lands in its own 0600 temp file whose path
 * the step gets after its own arguments; never a secret on a command line (visible in ps).
 */
export function secretExecLines(s: HostScript, secretsBase64: readonly string[], target: ExecTarget = STANDALONE): string[] {
  if (secretsBase64.length < 1 || secretsBase64.length > 2) throw new Error(`a secret step takes one or two secrets, not ${secretsBase64.length}`);
  return [target.prologue, stepBlock(s, target), `cdktf_run_secret ${secretsBase64.length} ${secretsBase64.map((v) => `'${target.literal(v)}'`).join(' ')}`];
}

/** The step that installs one private key (its path, owner and group follow the key file); the key comes as a secret. */
export function privateKeyStep(path: string, owner: string, group: string): HostScript {
  return { step: 'install_private_key', args: [path, owner, group] };
}
