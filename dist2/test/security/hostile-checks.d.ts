/** Every string of a JSON value with its path (`resource.terraform_data.x.triggers_replace./etc/...`). */
export declare function jsonStrings(value: unknown, path?: string, out?: Map<string, string>): Map<string, string>;
/**
 * The interpolations and template directives Terraform evaluates in a string: `${...}` and
 * `%{...}` not escaped as `$${` / `%%{` (Terraform's rule: a doubled sigil is a literal).
 */
export declare function terraformExpressions(s: string): string[];
/** What a string does in Terraform once its escapes are read: `$${` is `${`, `%%{` is `%{`. */
export declare function terraformLiteral(s: string): string;
/**
 * The shape of an expression, independent of logical ids: `${var.x}` stays, resource references
 * keep their type and attribute (`tls_private_key.*.private_key_openssh`).
 */
export declare function expressionShape(e: string): string;
/**
 * Expressions of `hostile` that the same config without the payload did not have at the same
 * place (or, where the place is new, anywhere): references the payload built.
 */
export declare function newExpressions(baseline: Map<string, string>, hostile: Map<string, string>): string[];
/**
 * Problems of one pg_hba.conf line as PostgreSQL 15 reads a `host` record: whitespace-separated
 * fields (double quotes group, a quoted keyword is a name), TYPE DATABASE USER ADDRESS METHOD; the
 * address must be an IP/CIDR or a host name, never a keyword or a +group/@file.
 */
export declare function hbaLineProblems(line: string): string[];
/**
 * Problems of one managed authorized_keys line as sshd reads it: options (comma-separated,
 * values in double quotes where only \" is an escape), then a key type, a key, a comment.
 */
export declare function authorizedKeyProblems(line: string): string[];
/**
 * Problems of one managed known_hosts line as ssh reads it: one host pattern (no wildcard or
 * negation a hostile address could smuggle in), a key type, a key, the library's marker.
 */
export declare function knownHostsProblems(line: string): string[];
/** The from="..." patterns of an authorized_keys line, unescaped as sshd does. */
export declare function fromPatterns(line: string): string[] | undefined;
