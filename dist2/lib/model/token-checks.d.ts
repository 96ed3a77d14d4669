/**
 * Checks of values a TypeScript caller passed as Terraform tokens (a host address from another
 * resource). Their literal value is known only at plan or apply time, so the rule that synth would
 * apply to a literal is recorded here and becomes a `lifecycle.precondition` on every resource
 * that uses the value (lib/constructs/token-preconditions.ts), with the same message.
 */
/** The rule a token's resolved value must follow (each is the synth-time rule for literals). */
export declare enum TokenRule {
    /** a host name or IP address (what `host=` and `user@` take): isAddress */
    ADDRESS = "address",
    /** an IP address, a CIDR or a host name: isFromPattern or isAddress */
    CLIENT_ADDRESS = "client-address",
    /** not a pg_hba.conf address keyword (all, samehost, samenet) nor a +group / @file */
    NOT_HBA_KEYWORD = "not-hba-keyword",
    /** an IP address or CIDR: sshd's from= matches nothing else */
    FROM_PATTERN = "from-pattern",
    /** 'TYPE BASE64' of an sshd host key */
    HOST_KEY = "host-key"
}
/** One rule for one token-bearing value, and the message to fail with. */
export interface TokenCheck {
    /** the value as given: text holding cdktf token markers */
    readonly value: string;
    readonly rule: TokenRule;
    /** the synth-time message, showing the value (Terraform fills in the reference) */
    readonly message: string;
    readonly instance: string;
    readonly key: string;
}
