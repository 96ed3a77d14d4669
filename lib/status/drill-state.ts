import { formatAge } from './evaluate';
import { DrillState, Verdict } from './report';
import { BackupTarget } from './targets';

interface DrillDocument {
  readonly result?: unknown;
  readonly reason?: unknown;
  readonly backupId?: unknown;
  readonly startedAt?: unknown;
}

const textOf = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The last restore drill of one instance, from the result file the probe read (its first line):
 * a drill that did not pass fails the status, and so does a scheduled one older than its bound.
 * No result: no drill state, and no failure (a schedule may not have come round yet).
 */
export function drillState(edge: BackupTarget, line: string | null | undefined, now: number | null): { drill: DrillState | null; failures: string[] } {
  if (line === null || line === undefined) return { drill: null, failures: [] };
  let doc: DrillDocument;
  try {
    doc = JSON.parse(line) as DrillDocument;
  } catch {
    return { drill: null, failures: [`the last drill result of ${edge.backupName} is not JSON: run cdktf-barman drill again`] };
  }
  const result = textOf(doc.result) ?? 'unknown';
  const startedAt = textOf(doc.startedAt);
  const started = startedAt === null ? NaN : Date.parse(startedAt) / 1000;
  const ageSeconds = now === null || Number.isNaN(started) ? null : Math.max(0, Math.round(now - started));
  const maximumAgeSeconds = edge.drillMaxAgeSeconds ?? null;
  const overdue = maximumAgeSeconds !== null && ageSeconds !== null && ageSeconds > maximumAgeSeconds;
  const failures: string[] = [];
  if (result !== 'pass') failures.push(`the last restore drill (${startedAt ?? 'unknown time'}, backup ${textOf(doc.backupId) ?? '?'}) did not pass: ${textOf(doc.reason) ?? result}`);
  if (overdue) failures.push(`the last restore drill is ${formatAge(ageSeconds!)} old, more than its schedule allows (${formatAge(maximumAgeSeconds!)}): is its cron entry running?`);
  const drill: DrillState = {
    result,
    reason: textOf(doc.reason) ?? '',
    backupId: textOf(doc.backupId),
    startedAt,
    ageSeconds,
    maximumAgeSeconds,
    status: failures.length > 0 ? Verdict.FAILED : Verdict.OK,
  };
  return { drill, failures };
}
