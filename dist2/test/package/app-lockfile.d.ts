interface LockEntry {
    readonly version?: string;
    readonly dependencies?: Record<string, string>;
    readonly optionalDependencies?: Record<string, string>;
    readonly peerDependencies?: Record<string, string>;
    readonly peerDependenciesMeta?: Record<string, {
        optional?: boolean;
    }>;
    readonly [key: string]: unknown;
}
export interface PackageJson {
    readonly name: string;
    readonly version: string;
    readonly license?: string;
    readonly bin?: Record<string, string>;
    readonly engines?: Record<string, string>;
    readonly dependencies?: Record<string, string>;
    readonly peerDependencies?: Record<string, string>;
}
export interface AppPackage {
    /** the app's package.json */
    readonly manifest: Record<string, unknown>;
    /** its package-lock.json */
    readonly lock: Record<string, unknown>;
}
/**
 * The app's package.json and lock: `prod` and `dev` are the package names of the README's
 * install commands; `tarballSpec` is how the app names the tarball (`file:...`).
 */
export declare function appPackage(repoLock: {
    packages: Record<string, LockEntry>;
}, library: PackageJson, tarball: string, tarballSpec: string, prod: readonly string[], dev: readonly string[]): AppPackage;
export {};
