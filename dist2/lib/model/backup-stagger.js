"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.hasFixedMinute = hasFixedMinute;
exports.backupSchedules = backupSchedules;
/** FNV-1a: small, stable across Node versions and platforms */
function nameHash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
}
/** A schedule whose minute field is one number, e.g. `0 4 * * wed,sat`. */
function hasFixedMinute(schedule) {
    return /^\d+$/.test(schedule.split(' ')[0]);
}
/**
 * The schedule of every edge: its instance's barman_backup_interval, with the minute replaced on
 * servers that stagger. Edges whose minute field is not a single number keep their schedule.
 */
function backupSchedules(edges) {
    const out = new Map();
    const groups = new Map();
    for (const e of edges) {
        const schedule = e.instance.settings.backupInterval;
        out.set(e, schedule);
        if (!e.server.settings.backupStagger || !hasFixedMinute(schedule))
            continue;
        // only runs that would start together compete for minutes
        const key = `${e.server.name}\u0000${schedule.split(' ').slice(1).join(' ')}`;
        groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const group of groups.values()) {
        const taken = new Set();
        for (const e of [...group].sort((a, b) => (a.backupName < b.backupName ? -1 : a.backupName > b.backupName ? 1 : 0))) {
            let minute = nameHash(e.backupName) % 60;
            // more instances than minutes: share, evenly
            if (taken.size === 60)
                taken.clear();
            while (taken.has(minute))
                minute = (minute + 1) % 60;
            taken.add(minute);
            const [, ...rest] = out.get(e).split(' ');
            out.set(e, [String(minute), ...rest].join(' '));
        }
    }
    return out;
}
