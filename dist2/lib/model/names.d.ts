import { isIpv4 } from './ip-patterns';
export { isIpv4 };
/** Linux's NAME_MAX: the bytes of one path component (a file or directory name) */
export declare const MAX_FILE_NAME_BYTES = 255;
/**
 * A login name as useradd takes it (with Samba's trailing '$'), at most 32 characters: nothing a
 * shell, a path or Terraform reads specially. The rule for every connection user (CLI and props).
 */
export declare function isLoginName(text: string): boolean;
/** TPA's normalisation of instance names: lower-case, '_' to '-'. */
export declare function normalizeName(name: string): string;
/** A host name as DNS and TPA accept it (dotted FQDNs allowed), at most 253 characters. */
export declare function isHostName(name: string): boolean;
/** One sshd public key line, `TYPE BASE64`, of a type the library accepts (no comment). */
export declare function isHostKeyLine(text: string): boolean;
/** What may stand after `host=` in a conninfo and after `user@` in ssh. */
export declare function isAddress(text: string): boolean;
/** The name up to the first dot. */
export declare function shortName(name: string): string;
/** Replication slot of a Barman server: `backup_` + its short name with '-' turned to '_'. */
export declare function slotName(barmanServerName: string): string;
/** cron ignores /etc/cron.d names with anything outside [A-Za-z0-9_-]. */
export declare function cronFileName(backupName: string): string;
