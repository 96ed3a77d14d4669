"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STANDALONE = exports.toBase64 = void 0;
exports.sha256 = sha256;
exports.triggerArgsOf = triggerArgsOf;
exports.literalArgsOf = literalArgsOf;
exports.standaloneCommand = standaloneCommand;
exports.remoteExecLines = remoteExecLines;
exports.secretExecLines = secretExecLines;
exports.privateKeyStep = privateKeyStep;
const node_crypto_1 = require("node:crypto");
const shell_quote_1 = require("../render/shell-quote");
const token_aware_1 = require("../render/token-aware");
const host_program_1 = require("./host-program");
/** base64 of the text; for text holding a cdktf token, a Terraform expression computing it */
const toBase64 = (text) => ((0, token_aware_1.containsTokenText)(text) ? (0, token_aware_1.tokenText)().base64Of(text) : Buffer.from(text, 'utf8').toString('base64'));
exports.toBase64 = toBase64;
/** sha256 (hex) of the text; for text holding a cdktf token, a Terraform expression computing it */
function sha256(text) {
    return (0, token_aware_1.containsTokenText)(text) ? (0, token_aware_1.tokenText)().sha256Of(text) : (0, node_crypto_1.createHash)('sha256').update(text).digest('hex');
}
/** Inline lines run outside Terraform (tests, a person trying a step): everything literal. */
exports.STANDALONE = { prologue: host_program_1.HOST_PROLOGUE, triggerBase64: (a) => (0, exports.toBase64)(a.content), literal: (text) => text };
const isTrigger = (a) => typeof a !== 'string';
/** the trigger values a step reads */
function triggerArgsOf(s) {
    return s.args.filter(isTrigger);
}
/** the literal arguments of a step */
function literalArgsOf(s) {
    return s.args.filter((a) => typeof a === 'string');
}
/** the step's words: its function, then each argument single-quoted (a trigger's value as base64) */
function stepWords(s, target) {
    return [s.step, ...s.args.map((a) => (isTrigger(a) ? `'${target.triggerBase64(a)}'` : target.literal((0, shell_quote_1.shellQuote)(a))))].join(' ');
}
/** the line that ends a step in a remote-exec inline (no base64 text or quoted word can be it) */
const STEP_END = 'cdktf_step_end';
/**
 * The step as the last line of the host program: its function and arguments, then "$@" (a secret
 * step's files). It travels in the program's file, never on a command line, so a large argument
 * (a Barman server's authorized_keys) meets no exec size limit.
 */
function stepBlock(s, target) {
    const line = `${stepWords(s, target)} "$@"`;
    if (line.split('\n').includes(STEP_END))
        throw new Error(`a step argument holds the line ${STEP_END}`);
    return `cdktf_step <<'${STEP_END}'\n${line}\n${STEP_END}`;
}
/**
 * The host program with the step as its last line, run outside Terraform (tests, a person trying a
 * step): `sh -c` this text; extra arguments after it reach the step as "$@".
 */
function standaloneCommand(s) {
    return ['sh', '-c', `${host_program_1.HOST_PROGRAM}\n${stepWords(s, exports.STANDALONE)} "$@"\n`, 'cdktf-barman'];
}
/**
 * The `inline` lines of a remote-exec provisioner: the prologue (once per stack, as a local), the
 * step appended to the host program, and the run as root. Identical for null_resource and
 * terraform_data. Literal parts go through target.literal; the references the target makes do not.
 */
function remoteExecLines(s, target = exports.STANDALONE) {
    return [target.prologue, stepBlock(s, target), 'cdktf_run'];
}
/**
 * The `inline` lines of a provisioner that hands secrets to a step. Terraform hides the whole
 * output of a provisioner holding a sensitive value, so secrets get provisioners of their own.
 * Each secret (a Terraform expression yielding base64) lands in its own 0600 temp file whose path
 * the step gets after its own arguments; never a secret on a command line (visible in ps).
 */
function secretExecLines(s, secretsBase64, target = exports.STANDALONE) {
    if (secretsBase64.length < 1 || secretsBase64.length > 2)
        throw new Error(`a secret step takes one or two secrets, not ${secretsBase64.length}`);
    return [target.prologue, stepBlock(s, target), `cdktf_run_secret ${secretsBase64.length} ${secretsBase64.map((v) => `'${target.literal(v)}'`).join(' ')}`];
}
/** The step that installs one private key (its path, owner and group follow the key file); the key comes as a secret. */
function privateKeyStep(path, owner, group) {
    return { step: 'install_private_key', args: [path, owner, group] };
}
