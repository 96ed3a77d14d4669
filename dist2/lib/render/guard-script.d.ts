import { Instance } from '../model/graph';
export declare const GUARD_DIR = "/usr/local/lib/cdktf-barman";
export declare const GUARD_SCRIPT_PATH = "/usr/local/lib/cdktf-barman/barman-home-ok";
/** Exits non-zero on a half-built host so the cron entries stay quiet instead of mailing errors. */
export declare function renderGuardScript(server: Instance): string;
