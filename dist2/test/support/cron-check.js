"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.cronFileProblems = cronFileProblems;
exports.cronLineProblems = cronLineProblems;
/**
 * Rejects what Debian's cron daemon (3.0pl1) would silently ignore in /etc/cron.d. cron gives no
 * line number and skips the WHOLE file for one bad line, so every rendered cron file must pass this.
 */
const node_path_1 = require("node:path");
const cron_schedule_1 = require("../../lib/model/cron-schedule");
/** cron ignores files in /etc/cron.d whose name has anything else (a '.' in particular) */
const CRON_FILE_NAME = /^[A-Za-z0-9_-]+$/;
/** `NAME=value` lines set the environment of the jobs (MAILTO=root) */
const ENV_LINE = /^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*=/;
const USER_NAME = /^[a-z_][a-z0-9_-]*\$?$/;
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;
/** Problems of a whole /etc/cron.d file (empty when cron runs every line of it). */
function cronFileProblems(file, options = {}) {
    const problems = [];
    const name = (0, node_path_1.basename)(file.path);
    if (!CRON_FILE_NAME.test(name))
        problems.push(`file name '${name}' has characters outside [A-Za-z0-9_-]: cron ignores the file`);
    if (file.mode !== '0644')
        problems.push(`mode ${file.mode ?? '(none in the manifest)'} is not 0644: cron ignores a group/other-writable file, and others need to read it`);
    if (file.owner !== 'root')
        problems.push(`owner ${file.owner ?? '(none in the manifest)'} is not root: cron ignores the file`);
    if (file.group !== undefined && file.group !== 'root')
        problems.push(`group ${file.group} is not root`);
    if (file.content === '')
        problems.push('the file is empty');
    else if (!file.content.endsWith('\n'))
        problems.push('no newline at the end: cron ignores the whole file');
    const lines = file.content.split('\n');
    if (lines[lines.length - 1] === '')
        lines.pop();
    let jobs = 0;
    lines.forEach((line, i) => {
        const trimmed = line.trim();
        if (trimmed === '' || trimmed.startsWith('#'))
            return;
        if (!trimmed.startsWith('@') && ENV_LINE.test(line))
            return;
        jobs++;
        for (const p of cronLineProblems(line, options))
            problems.push(`line ${i + 1}: ${p}`);
    });
    if (jobs === 0 && file.content !== '')
        problems.push('no job line');
    return problems;
}
/** Problems of one job line of a system crontab: 5 schedule fields, user, command. */
function cronLineProblems(line, options = {}) {
    if (line.includes('\r'))
        return ['carriage return in the line (CRLF file?)'];
    if (CONTROL.test(line))
        return ['control character in the line'];
    const trimmed = line.replace(/^[ \t]+/, '');
    if (trimmed.startsWith('@')) {
        return [`'${trimmed.split(/[ \t]/)[0]}': @-keywords are not used here; write the 5-field schedule`];
    }
    const fields = trimmed.split(/[ \t]+/);
    if (fields.length < 6)
        return [`expected 5 schedule fields, a user and a command, found ${fields.length} field(s)`];
    const problems = (0, cron_schedule_1.cronScheduleProblems)(fields.slice(0, 5).join(' ')).map((p) => `schedule: ${p}`);
    const user = fields[5];
    if (!USER_NAME.test(user))
        problems.push(`user '${user}' is not a valid user name`);
    else if (options.users !== undefined && !options.users.includes(user))
        problems.push(`user '${user}' is not one of ${options.users.join(', ')}: cron ignores the file`);
    // the command is everything after the sixth field, as cron reads it
    const rest = trimmed.replace(/^(?:[^ \t]+[ \t]+){6}/, '');
    const command = fields.length > 6 ? rest : '';
    if (command.trim() === '')
        problems.push('no command after the user');
    else {
        const percent = unescapedPercent(command);
        if (percent >= 0)
            problems.push(`unescaped '%' at column ${percent + 1} of the command: cron turns it into a newline and feeds the rest to stdin; write '\\%'`);
    }
    return problems;
}
/** Index of the first '%' cron would treat as a newline, or -1. */
function unescapedPercent(command) {
    for (let i = 0; i < command.length; i++) {
        if (command[i] === '\\')
            i++;
        else if (command[i] === '%')
            return i;
    }
    return -1;
}
