/**
 * The host program: every function a step may call, from the files in shell/. It travels once
 * per stack, in the prologue; each provisioner appends one line, its step: a function and that
 * step's values.
 */
export declare const HOST_PROGRAM: string;
/** sha256 of the host program: part of every resource's script_sha256, so a new one rolls out */
export declare const HOST_PROGRAM_SHA256: string;
/**
 * What every remote-exec inline starts with (shell/prologue.sh): its uploaded copy removed, the
 * host program in a private temp file, cdktf_run and cdktf_run_secret. Plain shell and base64;
 * its one `${` (a shell expansion) is escaped with the rest when it becomes a Terraform local.
 */
export declare const HOST_PROLOGUE: string;
