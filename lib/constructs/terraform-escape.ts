/**
 * cdktf writes literal strings as they are, and Terraform reads `${` and `%{` in them as
 * interpolation. Escapes both, leaving cdktf's own tokens (`${TfToken[...]}`) for cdktf to resolve.
 */
export function escapeTerraform(text: string): string {
  // replacement functions: in a replacement string '$$' would mean one '$'
  return text.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
}
