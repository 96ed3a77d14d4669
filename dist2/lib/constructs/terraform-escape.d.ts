/**
 * cdktf writes literal strings as they are, and Terraform reads `${` and `%{` in them as
 * interpolation. Escapes both in the literal parts, leaving cdktf's own string tokens
 * (`${TfToken[...]}`, passed on purpose by TypeScript callers) for cdktf to resolve into references.
 */
export declare function escapeTerraform(text: string): string;
