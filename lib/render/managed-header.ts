/** First line of every whole file the library owns: tells a person editing it by hand. */
export function managedHeader(comment: string, what: string): string {
  return `${comment} Managed by cdktf-barman: ${what}. Edits here are replaced on the next apply.\n`;
}
