"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.splitSections = splitSections;
exports.parseProbeOutput = parseProbeOutput;
const probe_script_1 = require("./probe-script");
/** Splits the probe's stdout into its sections; lines before the first mark are ignored (motd). */
function splitSections(stdout) {
    const sections = new Map();
    let current;
    let lines = [];
    const close = () => {
        // the probe prints an empty line before each mark, so that a command's output without a final newline ends there
        if (current !== undefined)
            sections.set(current, lines.join('\n').replace(/\n$/, ''));
    };
    for (const line of stdout.split('\n')) {
        if (line.startsWith(`${probe_script_1.SECTION_MARK} `)) {
            close();
            current = line.slice(probe_script_1.SECTION_MARK.length + 1).trim();
            lines = [];
        }
        else if (current !== undefined) {
            lines.push(line);
        }
    }
    close();
    return sections;
}
function command(sections, name) {
    const rc = sections.get(`${name}.rc`);
    if (rc === undefined)
        return undefined;
    return { rc: Number(rc.trim()), out: sections.get(`${name}.out`) ?? '', err: sections.get(`${name}.err`) ?? '' };
}
const nonEmptyLines = (text) => (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
function parseProbeOutput(stdout) {
    const s = splitSections(stdout);
    const now = Number((s.get('now') ?? '').trim());
    const files = new Map();
    for (const line of nonEmptyLines(s.get('files'))) {
        const space = line.indexOf(' ');
        if (space < 0)
            continue;
        const sum = line.slice(0, space);
        files.set(line.slice(space + 1), sum === '-' ? null : sum);
    }
    const barmanPath = nonEmptyLines(s.get('barman-path'))[0];
    return {
        now: Number.isFinite(now) && (s.get('now') ?? '').trim() !== '' ? now : null,
        barmanPath: barmanPath ?? null,
        version: command(s, 'version'),
        diagnose: command(s, 'diagnose'),
        check: command(s, 'check'),
        files,
        cronFiles: nonEmptyLines(s.get('cron-files')),
        cronDaemonRunning: nonEmptyLines(s.get('cron-daemon')).includes('running'),
        overridesFile: nonEmptyLines(s.get('overrides'))[0] ?? null,
        complete: s.has('end'),
    };
}
