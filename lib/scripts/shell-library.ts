import { shellFile } from './shell-assets';

/**
 * Functions every host step uses, and the setup every step starts with (shell/common.sh): POSIX
 * sh; every write goes to a temp file beside its target and is renamed into place.
 */
export const SHELL_LIBRARY = shellFile('common.sh');
