"use strict";
/**
 * Checks of values a TypeScript caller passed as Terraform tokens (a host address from another
 * resource). Their literal value is known only at plan or apply time, so the rule that synth would
 * apply to a literal is recorded here and becomes a `lifecycle.precondition` on every resource
 * that uses the value (lib/constructs/token-preconditions.ts), with the same message.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.TokenRule = void 0;
/** The rule a token's resolved value must follow (each is the synth-time rule for literals). */
var TokenRule;
(function (TokenRule) {
    /** a host name or IP address (what `host=` and `user@` take): isAddress */
    TokenRule["ADDRESS"] = "address";
    /** an IP address, a CIDR or a host name: isFromPattern or isAddress */
    TokenRule["CLIENT_ADDRESS"] = "client-address";
    /** not a pg_hba.conf address keyword (all, samehost, samenet) nor a +group / @file */
    TokenRule["NOT_HBA_KEYWORD"] = "not-hba-keyword";
    /** an IP address or CIDR: sshd's from= matches nothing else */
    TokenRule["FROM_PATTERN"] = "from-pattern";
    /** 'TYPE BASE64' of an sshd host key */
    TokenRule["HOST_KEY"] = "host-key";
})(TokenRule || (exports.TokenRule = TokenRule = {}));
