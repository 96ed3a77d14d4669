/**
 * Text holding cdktf tokens can only come from a cdktf program (a TypeScript caller's host
 * address), so cdktf is loaded for it on demand: `render` and `validate` never hold tokens.
 */
import type * as TokenText from '../platform/token-text';
export { containsTokenText, isStringToken } from '../model/literal-text';
/** The Terraform expressions for token-bearing text (lib/platform/token-text.ts). */
export declare function tokenText(): typeof TokenText;
