/**
 * Many instances on one Barman server with the same schedule would all start their full backups in
 * the same minute. With `barman_backup_stagger` on the server, each gets its own start minute,
 * derived from its backup name alone (a hash, then the next free minute in name order), so that
 * adding or removing an instance leaves the others' cron files unchanged unless two names collide.
 */
import { BackupEdge } from './graph';

/** FNV-1a: small, stable across Node versions and platforms */
function nameHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A schedule whose minute field is one number, e.g. `0 4 * * wed,sat`. */
export function hasFixedMinute(schedule: string): boolean {
  return /^\d+$/.test(schedule.split(' ')[0]);
}

/**
 * The schedule of every edge: its instance's barman_backup_interval, with the minute replaced on
 * servers that stagger. Edges whose minute field is not a single number keep their schedule.
 */
export function backupSchedules(edges: readonly BackupEdge[]): Map<BackupEdge, string> {
  const out = new Map<BackupEdge, string>();
  const groups = new Map<string, BackupEdge[]>();
  for (const e of edges) {
    const schedule = e.instance.settings.backupInterval;
    out.set(e, schedule);
    if (!e.server.settings.backupStagger || !hasFixedMinute(schedule)) continue;
    // only runs that would start together compete for minutes
    const key = `${e.server.name}\u0000${schedule.split(' ').slice(1).join(' ')}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const group of groups.values()) {
    const taken = new Set<number>();
    for (const e of [...group].sort((a, b) => (a.backupName < b.backupName ? -1 : a.backupName > b.backupName ? 1 : 0))) {
      let minute = nameHash(e.backupName) % 60;
      // more instances than minutes: share, evenly
      if (taken.size === 60) taken.clear();
      while (taken.has(minute)) minute = (minute + 1) % 60;
      taken.add(minute);
      const [, ...rest] = out.get(e)!.split(' ');
      out.set(e, [String(minute), ...rest].join(' '));
    }
  }
  return out;
}
