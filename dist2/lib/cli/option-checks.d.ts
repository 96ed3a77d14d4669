/** Why `--connection-user` cannot be used, or undefined. */
export declare function connectionUserProblem(user: string): string | undefined;
/** Why `--script-path` cannot be used, or undefined. */
export declare function scriptPathProblem(path: string): string | undefined;
