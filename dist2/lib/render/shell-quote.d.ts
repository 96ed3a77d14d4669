/** POSIX single-quoting: safe for any string. */
export declare function shellQuote(text: string): string;
