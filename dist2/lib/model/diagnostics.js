"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DiagnosticBag = exports.InvalidConfigError = exports.Severity = void 0;
exports.formatDiagnostic = formatDiagnostic;
exports.sortDiagnostics = sortDiagnostics;
exports.didYouMean = didYouMean;
exports.showValue = showValue;
var Severity;
(function (Severity) {
    Severity["ERROR"] = "error";
    Severity["WARNING"] = "warning";
})(Severity || (exports.Severity = Severity = {}));
/** `FILE:LINE:COL: error: MESSAGE`, as compilers print it. */
function formatDiagnostic(d) {
    const where = d.position
        ? `${d.position.file}:${d.position.line}:${d.position.column}: `
        : d.file
            ? `${d.file}: `
            : '';
    const subject = [
        d.instance !== undefined ? `instance '${d.instance}'` : undefined,
        d.key !== undefined ? `key '${d.key}'` : undefined,
    ].filter((s) => s !== undefined);
    const prefix = subject.length > 0 ? `${subject.join(', ')}: ` : '';
    // one diagnostic, one line: names and keys from the input may hold newlines or terminal escapes
    return escapeUnsafe(`${where}${d.severity}: ${prefix}${d.message}`);
}
/**
 * Characters that must not reach a terminal or log as they are: C0 and C1 controls and DEL
 * (newlines, escape sequences; U+0085 is a line break too), the Unicode line and paragraph
 * separators, and the marks and overrides that reorder text (bidi "Trojan Source" spoofing).
 */
const UNSAFE_CHARS = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const escapeChar = (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};
/** Text with every unsafe character written as `\xNN` or `\uNNNN`, so it shows as one plain line. */
const escapeUnsafe = (text) => text.replace(UNSAFE_CHARS, escapeChar);
/** Thrown when the input has errors: carries all of them, not only the first. */
class InvalidConfigError extends Error {
    diagnostics;
    constructor(diagnostics) {
        const errors = diagnostics.filter((d) => d.severity === Severity.ERROR);
        super(`invalid barman configuration (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
            errors.map(formatDiagnostic).join('\n'));
        this.name = 'InvalidConfigError';
        this.diagnostics = diagnostics;
    }
}
exports.InvalidConfigError = InvalidConfigError;
/** Collects diagnostics; positions and file are filled in by the caller's context. */
class DiagnosticBag {
    file;
    items = [];
    constructor(file) {
        this.file = file;
    }
    error(message, where = {}) {
        this.items.push({ file: this.file, ...where, severity: Severity.ERROR, message });
    }
    warning(message, where = {}) {
        this.items.push({ file: this.file, ...where, severity: Severity.WARNING, message });
    }
    addAll(ds) {
        this.items.push(...ds);
    }
    get all() {
        return this.items;
    }
    get hasErrors() {
        return this.items.some((d) => d.severity === Severity.ERROR);
    }
    /** Throws with every error at once when there is any. */
    throwIfErrors() {
        if (this.hasErrors)
            throw new InvalidConfigError(sortDiagnostics(this.items));
    }
}
exports.DiagnosticBag = DiagnosticBag;
/** File order first (line, column), then the ones without a position, stable otherwise. */
function sortDiagnostics(ds) {
    return ds
        .map((d, i) => ({ d, i }))
        .sort((a, b) => {
        const pa = a.d.position;
        const pb = b.d.position;
        if (pa && pb)
            return pa.line - pb.line || pa.column - pb.column || a.i - b.i;
        if (pa)
            return -1;
        if (pb)
            return 1;
        return a.i - b.i;
    })
        .map((x) => x.d);
}
/** Closest candidate by edit distance, for "did you mean" hints. */
function didYouMean(word, candidates) {
    let best;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = editDistance(word, c);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    const limit = Math.max(2, Math.floor(word.length / 3));
    return bestDistance <= limit ? best : undefined;
}
function editDistance(a, b) {
    const prev = new Array(b.length + 1);
    for (let j = 0; j <= b.length; j++)
        prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const tmp = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = tmp;
        }
    }
    return prev[b.length];
}
/** Shows a value in a message: strings quoted, control and other unsafe characters made visible. */
function showValue(v) {
    if (typeof v === 'string')
        return `'${escapeUnsafe(v)}'`;
    if (v === undefined)
        return 'nothing';
    // JSON would show these as null
    if (typeof v === 'number' && !Number.isFinite(v))
        return String(v);
    const json = JSON.stringify(v) ?? String(v);
    // a list or mapping can be huge (YAML aliases): show its start
    const shown = json.length > MAX_SHOWN_STRUCTURE ? `${json.slice(0, MAX_SHOWN_STRUCTURE)}... (${json.length} characters in all)` : json;
    return escapeUnsafe(shown);
}
const MAX_SHOWN_STRUCTURE = 200;
