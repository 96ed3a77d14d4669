/** First line of every whole file the library owns: tells a person editing it by hand. */
export declare function managedHeader(comment: string, what: string): string;
