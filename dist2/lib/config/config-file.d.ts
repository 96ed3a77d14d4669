import { SourcePosition } from '../model/diagnostics';
/** A config file that cannot be read as text: why, and where when that is known. */
export declare class ConfigFileError extends Error {
    readonly position?: SourcePosition | undefined;
    constructor(message: string, position?: SourcePosition | undefined);
}
/**
 * The text of a config file, which must be UTF-8 and at most MAX_CONFIG_BYTES.
 * Reads no more than one byte past the limit, so a huge file (or a device that
 * never ends) costs nothing. A UTF-8 byte order mark is kept: the YAML parser
 * drops it.
 *
 * @throws ConfigFileError when the file is unreadable, too large or not UTF-8.
 */
export declare function readConfigText(path: string): string;
/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence
 * (Unicode table 3-7: no overlong forms, surrogates or code points past
 * U+10FFFF), or -1 when all of them do.
 */
export declare function firstInvalidUtf8(bytes: Uint8Array): number;
