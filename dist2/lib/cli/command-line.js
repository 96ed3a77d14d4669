"use strict";
/**
 * The command line's one description of itself: each command's options in a table that drives
 * parsing, the per-command `--help` text and the usage errors.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsageError = exports.EXIT_INTERNAL = exports.EXIT_USAGE = exports.EXIT_INVALID = exports.EXIT_OK = void 0;
exports.parseArgs = parseArgs;
exports.valueOf = valueOf;
exports.wholeNumber = wholeNumber;
exports.choiceOf = choiceOf;
exports.commandHelp = commandHelp;
exports.globalHelp = globalHelp;
exports.EXIT_OK = 0;
/** invalid input, output that cannot be written (nothing written), or for status any failure */
exports.EXIT_INVALID = 1;
exports.EXIT_USAGE = 2;
/** an unexpected exception: a bug to report (sysexits' EX_SOFTWARE) */
exports.EXIT_INTERNAL = 70;
/** A wrong command line: one line on stderr, exit 2. */
class UsageError extends Error {
}
exports.UsageError = UsageError;
/**
 * Parses `args` against the options of one command: `--name VALUE`, `--name=VALUE`, flags, `-h`,
 * and `--` ending the options (POSIX). Throws UsageError.
 */
function parseArgs(args, options) {
    const positional = [];
    const parsed = new Map();
    const spec = new Map(options.map((o) => [o.name, o]));
    for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === '--') {
            positional.push(...args.slice(i + 1));
            break;
        }
        if (a === '-h' || a === '--help') {
            parsed.set('help', true);
        }
        else if (a.startsWith('--')) {
            const eq = a.indexOf('=');
            const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
            const inline = eq < 0 ? undefined : a.slice(eq + 1);
            const o = spec.get(name);
            if (o === undefined)
                throw new UsageError(`unknown option --${name}`);
            if (o.value !== undefined) {
                const v = inline ?? args[++i];
                if (v === undefined || v === '')
                    throw new UsageError(`option --${name} needs a value (${o.value})`);
                parsed.set(name, v);
            }
            else if (inline !== undefined) {
                throw new UsageError(`option --${name} takes no value`);
            }
            else {
                parsed.set(name, true);
            }
        }
        else if (a.startsWith('-') && a !== '-') {
            throw new UsageError(`unknown option ${a}`);
        }
        else {
            positional.push(a);
        }
    }
    return { positional, options: parsed };
}
/** The string value of a valued option, or undefined. */
function valueOf(args, name) {
    const v = args.options.get(name);
    return typeof v === 'string' ? v : undefined;
}
/** A whole number in [min, max] given to `--name`, or undefined when absent. */
function wholeNumber(args, name, min, max) {
    const v = valueOf(args, name);
    if (v === undefined)
        return undefined;
    if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max)
        throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not '${v}'`);
    return Number(v);
}
/** One of `choices` given to `--name` (case as listed), or undefined when absent. */
function choiceOf(args, name, choices) {
    const v = valueOf(args, name);
    if (v === undefined)
        return undefined;
    if (!choices.includes(v))
        throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not '${v}'`);
    return v;
}
const COLUMN = 29;
function optionLines(o) {
    const head = `  --${o.name}${o.value === undefined ? '' : ` ${o.value}`}`;
    const help = o.help.split('\n');
    if (head.length < COLUMN - 1)
        return [head.padEnd(COLUMN) + help[0], ...help.slice(1).map((l) => ' '.repeat(COLUMN) + l)];
    return [head, ...help.map((l) => ' '.repeat(COLUMN) + l)];
}
/** `cdktf-barman <command> --help`. */
function commandHelp(c) {
    const lines = [`usage: cdktf-barman ${c.name} ${c.synopsis}`, '', c.summary, ''];
    if (c.options.length > 0)
        lines.push('options:', ...c.options.flatMap(optionLines), '');
    if (c.details !== undefined)
        lines.push(c.details.trimEnd(), '');
    lines.push("A '--' ends the options. Exit codes: see cdktf-barman --help.");
    return lines.join('\n') + '\n';
}
/** `cdktf-barman --help`: the commands, one line each, and the exit codes. */
function globalHelp(commands) {
    const width = Math.max(...commands.map((c) => c.name.length)) + 2;
    return [
        'usage: cdktf-barman <command> [options]',
        '       cdktf-barman <command> --help     options of one command',
        '       cdktf-barman --version',
        '',
        'commands:',
        ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
        '',
        'exit codes:',
        '  0   ok',
        '  1   invalid input, or output that cannot be written (nothing is written then);',
        '      for status: a failure on some server (unreachable, a failed check, an old backup)',
        '  2   usage error (a wrong command line): one line on stderr',
        '  70  an unexpected exception: a bug, please report it (CDKTF_BARMAN_DEBUG=1 prints the stack)',
        '',
    ].join('\n');
}
