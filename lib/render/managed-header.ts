/** First line of every whole file the library owns: tells a person editing it by hand. */
export function managedHeader(comment: string, what: string): string {
  return `${comment} Managed by cdktf-barman: ${what}. Hand edits here stop the next apply (see barman_allow_overrides).\n`;
}
