/** where the host shell files live: lib/scripts/shell in the sources, copied beside this module by the build */
export declare const SHELL_DIR: string;
/**
 * One host shell file (lib/scripts/shell/NAME, shellchecked as a file by the tests), with its
 * `@NAME@` placeholders replaced by the library's own constants, so a path or a role name lives in
 * one place. A placeholder without a value is a programming error.
 */
export declare function shellFile(name: string, values?: {
    readonly [placeholder: string]: string;
}): string;
