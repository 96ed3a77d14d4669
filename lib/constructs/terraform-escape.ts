/**
 * cdktf writes literal strings as they are, and Terraform reads `${` and `%{` in them as
 * interpolation. Escapes both, leaving cdktf's own tokens (`${TfToken[...]}`) for cdktf to resolve.
 */
export function escapeTerraform(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, '$${').replace(/%\{/g, '%%{');
}
