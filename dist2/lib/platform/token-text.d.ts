/** The text cut into literal parts and token markers, in order (empty literals left out). */
export declare function tokenParts(text: string): {
    literal: boolean;
    text: string;
}[];
/** base64 of the text, computed by Terraform. */
export declare function base64Of(text: string): string;
/** sha256 (hex) of the text, computed by Terraform. */
export declare function sha256Of(text: string): string;
/**
 * What pg_hba.conf needs after an address known only to Terraform: '/32' after an IPv4 address,
 * '/128' after an IPv6 one, nothing after a CIDR or a host name (the rule of hbaAddress).
 */
export declare function hbaPrefixLength(address: string): string;
