/**
 * Functions every host step uses, and the setup every step starts with (shell/common.sh): POSIX
 * sh; every write goes to a temp file beside its target and is renamed into place.
 */
export declare const SHELL_LIBRARY: string;
