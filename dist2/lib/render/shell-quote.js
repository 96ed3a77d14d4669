"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.shellQuote = shellQuote;
/** POSIX single-quoting: safe for any string. */
function shellQuote(text) {
    return `'${text.replace(/'/g, `'\\''`)}'`;
}
