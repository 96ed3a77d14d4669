export declare const ROOT: string;
export declare const BIN: string;
export interface Run {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
}
export interface RunOptions {
    readonly cwd?: string;
    readonly env?: NodeJS.ProcessEnv;
    /** run as nobody through setpriv when we are root */
    readonly unprivileged?: boolean;
}
/** true when runs with `unprivileged` really lack root's powers */
export declare const canDropRoot: boolean;
export declare function run(args: readonly string[], options?: RunOptions): Run;
export declare const outputOf: (r: Run) => string;
/** Every path under dir with its content (files) or '<dir>': to show a tree was left as it was. */
export declare function snapshot(dir: string): Map<string, string>;
/** The error lines of a run that are not the config's warnings. */
export declare function errorLines(r: Run): string[];
/** A failure reported as one line, with no stack trace. */
export declare function assertOneLineError(r: Run, code: number, pattern: RegExp): void;
export declare const VALID = "cluster_name: shop\ninstances:\n  - Name: shop-db1\n    node: 1\n    role: primary\n    backup: shop-backup\n    private_ip: 10.1.0.11\n    vars:\n      backup_name: shop.main\n  - Name: shop-db2\n    node: 2\n    role: replica\n    upstream: shop-db1\n    private_ip: 10.1.0.12\n  - Name: shop-backup\n    node: 3\n    role: [barman]\n    private_ip: 10.1.0.20\n";
