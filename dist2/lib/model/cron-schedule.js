"use strict";
/**
 * Checks a 5-field cron schedule the way Debian's cron daemon (3.0pl1) reads it. One bad field makes
 * cron ignore the WHOLE /etc/cron.d file silently, so anything it would reject is an error here.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.cronScheduleProblems = cronScheduleProblems;
const FIELDS = [
    { name: 'minute', min: 0, max: 59 },
    { name: 'hour', min: 0, max: 23 },
    { name: 'day of month', min: 1, max: 31 },
    { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
    // 7 is Sunday too
    { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
/** Returns the problems of a schedule (empty when cron would run it as meant). */
function cronScheduleProblems(schedule) {
    const fields = schedule.split(' ');
    if (schedule.trim() !== schedule || fields.some((f) => f === '')) {
        return ['fields must be separated by single spaces, with no leading or trailing space'];
    }
    if (fields.length !== 5) {
        return [`expected 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`];
    }
    const problems = [];
    fields.forEach((field, i) => {
        const p = fieldProblem(field, FIELDS[i]);
        if (p)
            problems.push(`${FIELDS[i].name} '${field}': ${p}`);
    });
    return problems;
}
function fieldProblem(field, spec) {
    for (const item of field.split(',')) {
        if (item === '')
            return 'empty list item';
        const [range, step, extra] = item.split('/');
        if (extra !== undefined)
            return 'more than one step';
        if (step !== undefined) {
            if (!/^\d+$/.test(step) || Number(step) === 0)
                return `step '${step}' must be a positive number`;
            // Debian cron accepts a step only after '*' or a range, not after a single value
            if (range !== '*' && !range.includes('-'))
                return `a step needs '*' or a range before it, not '${range}'`;
        }
        if (range === '*')
            continue;
        const bounds = range.split('-');
        if (bounds.length > 2)
            return `bad range '${range}'`;
        const values = [];
        for (const b of bounds) {
            const v = parseValue(b, spec);
            if (v === undefined) {
                const allowed = spec.names ? `${spec.min}-${spec.max} or ${spec.names[0]}..${spec.names[spec.names.length - 1]}` : `${spec.min}-${spec.max}`;
                return `'${b}' is not a value cron accepts here (${allowed})`;
            }
            values.push(v);
        }
        if (values.length === 2 && values[0] > values[1]) {
            return `reverse range '${range}' (cron reads it in a surprising way): write it from low to high`;
        }
    }
    return undefined;
}
function parseValue(text, spec) {
    if (/^\d+$/.test(text)) {
        const n = Number(text);
        return n >= spec.min && n <= spec.max ? n : undefined;
    }
    if (spec.names) {
        const i = spec.names.indexOf(text.toLowerCase());
        if (i >= 0)
            return i + (spec.min === 1 ? 1 : 0);
    }
    return undefined;
}
