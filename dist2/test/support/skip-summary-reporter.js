"use strict";
/**
 * A node:test reporter that adds, at the very end of a run, every skipped test and every todo with
 * its reason, so that a green run cannot hide a check that never ran. It reports nothing else:
 * the npm scripts use it next to the `spec` reporter, both writing to stdout:
 *
 *   node --test --test-reporter=spec --test-reporter-destination=stdout \
 *     --test-reporter=./dist/test/support/skip-summary-reporter.js --test-reporter-destination=stdout dist/test/
 *
 * It does not change the exit status: node sets it from the failures.
 */
const node_path_1 = require("node:path");
/** the reason a skip or todo was given, or none */
function reasonOf(value) {
    return typeof value === 'string' && value !== '' ? value : '(no reason given)';
}
/** the report, one line per skipped or todo test; empty when there was none */
function summaryLines(entries) {
    if (entries.length === 0)
        return [];
    const skips = entries.filter((e) => e.kind === 'skip').length;
    const todos = entries.length - skips;
    // a skipped suite is one entry (node's own count leaves suites out)
    const lines = ['', `=== not run: ${skips} skipped (tests and suites), ${todos} todo ===`];
    for (const e of entries)
        lines.push(`${e.kind.padEnd(4)} ${e.where}: ${e.name}`, `       reason: ${e.reason}`);
    lines.push('');
    return lines;
}
async function* skipSummaryReporter(source) {
    const entries = [];
    /** per file, the names of the tests being run at each nesting level (to name a test by its suites) */
    const open = new Map();
    for await (const event of source) {
        const { type, data } = event;
        if (type !== 'test:start' && type !== 'test:pass' && type !== 'test:fail')
            continue;
        const file = data.file ?? '';
        const stack = open.get(file) ?? [];
        open.set(file, stack);
        if (type === 'test:start') {
            stack.length = data.nesting;
            stack.push(data.name);
            continue;
        }
        const name = [...stack.slice(0, data.nesting), data.name].join(' > ');
        const where = file === '' ? '(no file)' : (0, node_path_1.relative)(process.cwd(), file);
        if (data.skip !== undefined && data.skip !== false)
            entries.push({ kind: 'skip', where, name, reason: reasonOf(data.skip) });
        else if (data.todo !== undefined && data.todo !== false)
            entries.push({ kind: 'todo', where, name, reason: reasonOf(data.todo) });
    }
    const lines = summaryLines(entries);
    if (lines.length > 0)
        yield `${lines.join('\n')}\n`;
}
module.exports = skipSummaryReporter;
