"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigFileError = void 0;
exports.readConfigText = readConfigText;
exports.firstInvalidUtf8 = firstInvalidUtf8;
const node_buffer_1 = require("node:buffer");
const node_fs_1 = require("node:fs");
const yaml_limits_1 = require("./yaml-limits");
/** A config file that cannot be read as text: why, and where when that is known. */
class ConfigFileError extends Error {
    position;
    constructor(message, position) {
        super(message);
        this.position = position;
        this.name = 'ConfigFileError';
    }
}
exports.ConfigFileError = ConfigFileError;
/**
 * The text of a config file, which must be UTF-8 and at most MAX_CONFIG_BYTES.
 * Reads no more than one byte past the limit, so a huge file (or a device that
 * never ends) costs nothing. A UTF-8 byte order mark is kept: the YAML parser
 * drops it.
 *
 * @throws ConfigFileError when the file is unreadable, too large or not UTF-8.
 */
function readConfigText(path) {
    let bytes;
    try {
        bytes = readAtMost(path, yaml_limits_1.MAX_CONFIG_BYTES + 1);
    }
    catch (e) {
        throw new ConfigFileError(`cannot read the config file: ${e.message}`);
    }
    if (bytes.length > yaml_limits_1.MAX_CONFIG_BYTES) {
        throw new ConfigFileError(`the file is larger than ${yaml_limits_1.MAX_CONFIG_BYTES / 1024 / 1024} MiB, far more than a config needs: check that it is the right file`, { file: path, line: 1, column: 1 });
    }
    // Node's own check first; the walk below only finds where a file that fails it goes wrong
    const bad = (0, node_buffer_1.isUtf8)(bytes) ? -1 : firstInvalidUtf8(bytes);
    if (bad >= 0) {
        const before = bytes.subarray(0, bad).toString('utf8');
        const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
        const line = (before.match(/\r\n|\r|\n/g) ?? []).length + 1;
        const hex = `0x${bytes[bad].toString(16).padStart(2, '0')}`;
        throw new ConfigFileError(`the file is not valid UTF-8 (byte ${hex} here): save it as UTF-8`, { file: path, line, column: before.length - lineStart + 1 });
    }
    return bytes.toString('utf8');
}
function readAtMost(path, limit) {
    const fd = (0, node_fs_1.openSync)(path, 'r');
    try {
        const buffer = Buffer.alloc(limit);
        let length = 0;
        while (length < limit) {
            const n = (0, node_fs_1.readSync)(fd, buffer, length, limit - length, null);
            if (n === 0)
                break;
            length += n;
        }
        return buffer.subarray(0, length);
    }
    finally {
        (0, node_fs_1.closeSync)(fd);
    }
}
/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence
 * (Unicode table 3-7: no overlong forms, surrogates or code points past
 * U+10FFFF), or -1 when all of them do.
 */
function firstInvalidUtf8(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        let trailing;
        let low = 0x80;
        let high = 0xbf;
        if (b >= 0xc2 && b <= 0xdf)
            trailing = 1;
        else if (b === 0xe0)
            [trailing, low] = [2, 0xa0];
        else if (b === 0xed)
            [trailing, high] = [2, 0x9f];
        else if (b >= 0xe1 && b <= 0xef)
            trailing = 2;
        else if (b === 0xf0)
            [trailing, low] = [3, 0x90];
        else if (b === 0xf4)
            [trailing, high] = [3, 0x8f];
        else if (b >= 0xf1 && b <= 0xf3)
            trailing = 3;
        else
            return i;
        if (i + trailing >= bytes.length)
            return i;
        if (bytes[i + 1] < low || bytes[i + 1] > high)
            return i;
        for (let k = 2; k <= trailing; k++)
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf)
                return i;
        i += trailing + 1;
    }
    return -1;
}
