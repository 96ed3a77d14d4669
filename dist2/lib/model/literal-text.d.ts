/**
 * Values that enter the graph are literal text. cdktf resolves its own token encodings wherever
 * they appear in a string or number it synthesizes, so a value holding one would become a live
 * Terraform reference (a variable, a private key...). This module recognises those encodings
 * without importing cdktf: lib/model stays free of it (the graph is also built by `validate` and
 * `render`, which never load cdktf), so the markers are matched here with our own patterns,
 * copied from cdktf's lib/tokens/private/encoding.js (BEGIN_STRING/LIST/MAP_TOKEN_MARKER and the
 * token doubles' top 16 bits).
 */
import { ClusterSpec } from './cluster-spec';
import { DiagnosticBag } from './diagnostics';
/** Whether `n` is one of cdktf's encoded number tokens (a NaN-free, huge negative double with marker bits). */
export declare function isTokenNumber(n: number): boolean;
/** Whether a string holds a cdktf token in any encoding cdktf resolves inside strings. */
export declare function containsTokenText(text: string): boolean;
/** Whether a value (a string, number, list or mapping, keys included) holds a cdktf token anywhere. */
export declare function containsToken(v: unknown): boolean;
/**
 * Whether a value of a token-accepting key is a string holding a string token (the only kind those
 * keys take: a list token's element or a number token has no place in a host name).
 */
export declare function isStringToken(v: unknown): boolean;
/** Reports every value of the spec that holds a cdktf token. */
export declare function checkLiteralValues(spec: ClusterSpec, bag: DiagnosticBag): void;
