import { ageSeconds } from '../model/periods';
import { CheckOutput, Diagnosis, DiagnosedServer, parseCheckJson, parseDiagnose } from './barman-output';
import { ProbeOutput } from './probe-output';
import { CheckResult, DriftEntry, DriftState, InstanceState, InstanceStatus, LastBackup, ServerStatus, Verdict } from './report';
import { BackupTarget, ServerTarget } from './targets';
import { drillState } from './drill-state';

/** Barman's own reading of `n DAYS|WEEKS|MONTHS` (a month is 31 days). */
export function maximumAgeSeconds(age: string): number {
  const seconds = ageSeconds(age);
  if (seconds === undefined) throw new Error(`not an age: '${age}' (expected n DAYS, WEEKS or MONTHS)`);
  return seconds;
}

/** `3d 4h`, `5h 2m`, `40s`: an age for people. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** How the probe went: it ran (its output), or ssh could not run it. */
export type ProbeOutcome =
  | { readonly ran: true; readonly output: ProbeOutput }
  /** reachable: ssh logged in but the probe did not start (sudo refused, no sh) */
  | { readonly ran: false; readonly reachable: boolean; readonly error: string };

/** The checks our own evaluation of backups replaces in the failure list (they stay in `checks`). */
const OWN_EVALUATION: Record<string, keyof Pick<InstanceStatus, 'lastBackup' | 'backups'>> = {
  backup_maximum_age: 'lastBackup',
  minimum_redundancy_requirements: 'backups',
};

/**
 * Barman's checks about WAL reaching its archive. 3.4 prints `wal_archive` only until the first
 * WAL file is archived; the archiver's own checks appear when `archiver = on`.
 */
const WAL_ARCHIVE_CHECKS = ['wal_archive', 'archiver_errors', 'continuous_archiving', 'archive_mode', 'archive_command'];

function walArchiveVerdict(checks: readonly CheckResult[] | undefined, lastArchivedWal: string | null): Verdict {
  const relevant = (checks ?? []).filter((c) => WAL_ARCHIVE_CHECKS.includes(c.name));
  if (relevant.some((c) => c.status === Verdict.FAILED)) return Verdict.FAILED;
  return relevant.length > 0 || lastArchivedWal !== null ? Verdict.OK : Verdict.UNKNOWN;
}

const lastLine = (text: string): string => text.trim().split('\n').filter((l) => l.trim() !== '').pop()?.trim() ?? '';

function instanceStatus(server: ServerTarget, edge: BackupTarget, diag: DiagnosedServer | undefined, checks: readonly CheckResult[] | undefined, now: number | null): InstanceStatus {
  const st = edge;
  const verdictOf = (name: string): Verdict => checks?.find((c) => c.name === name)?.status ?? Verdict.UNKNOWN;
  const known = diag !== undefined || checks !== undefined;
  const done = (diag?.backups ?? []).filter((b) => b.status === 'DONE' && b.endTime !== null).sort((a, b) => a.endTime! - b.endTime! || a.id.localeCompare(b.id));
  const newest = done[done.length - 1];
  const maxAge = maximumAgeSeconds(st.lastBackupMaximumAge);
  let lastBackup: LastBackup | null = null;
  if (newest && now !== null) {
    const age = now - newest.endTime!;
    lastBackup = {
      id: newest.id,
      endTime: new Date(newest.endTime! * 1000).toISOString(),
      ageSeconds: age,
      maximumAge: st.lastBackupMaximumAge,
      maximumAgeSeconds: maxAge,
      status: age <= maxAge ? Verdict.OK : Verdict.FAILED,
    };
  }
  const backups = { count: done.length, minimumRedundancy: st.minimumRedundancy, status: diag === undefined ? Verdict.UNKNOWN : done.length >= st.minimumRedundancy ? Verdict.OK : Verdict.FAILED };
  const slot = diag?.slot ?? null;
  const slotKnown = diag?.postgresReachable === true;
  const failures: string[] = [];
  if (!known) {
    failures.push(`Barman does not know '${edge.backupName}': apply the stack (is ${`/etc/barman.d/${edge.backupName}.conf`} there, readable by ${server.barmanUser}?)`);
  } else {
    if (diag !== undefined && lastBackup === null) failures.push(`no completed backup (last_backup_maximum_age ${st.lastBackupMaximumAge}): take one with barman backup ${edge.backupName}`);
    if (lastBackup?.status === Verdict.FAILED) failures.push(`last backup ${lastBackup.id} is ${formatAge(lastBackup.ageSeconds)} old, older than last_backup_maximum_age ${st.lastBackupMaximumAge}`);
    if (backups.status === Verdict.FAILED) failures.push(`${backups.count} completed backup${backups.count === 1 ? '' : 's'}, fewer than minimum_redundancy ${st.minimumRedundancy}`);
    for (const c of checks ?? []) {
      if (c.status !== Verdict.FAILED) continue;
      const own = OWN_EVALUATION[c.name];
      if (own !== undefined && (own === 'lastBackup' ? lastBackup?.status !== Verdict.OK : backups.status === Verdict.FAILED)) continue;
      failures.push(`check ${c.name.replace(/_/g, ' ')}: FAILED${c.hint !== '' ? ` (${c.hint})` : ''}`);
    }
    if (checks === undefined) failures.push(`barman check printed nothing for '${edge.backupName}'`);
  }
  return {
    instance: edge.instance,
    backupName: edge.backupName,
    state: known ? InstanceState.CHECKED : InstanceState.NOT_CONFIGURED,
    streaming: {
      receiveWal: verdictOf('receive_wal_running'),
      slotName: edge.slotName,
      slotExists: slotKnown ? slot !== null && slot.name === edge.slotName : null,
      slotActive: slotKnown && slot !== null ? slot.active : null,
      slotRestartLsn: slot?.restartLsn ?? null,
    },
    walArchive: { check: walArchiveVerdict(checks, diag?.lastArchivedWal ?? null), lastArchivedWal: diag?.lastArchivedWal ?? null },
    lastBackup,
    backups,
    drill: null,
    checks: checks ?? [],
    failures,
  };
}

/** An instance nothing is known of: its server was not reached, or Barman did not answer. */
function unknownInstance(edge: BackupTarget, state: InstanceState): InstanceStatus {
  return {
    instance: edge.instance,
    backupName: edge.backupName,
    state,
    streaming: { receiveWal: Verdict.UNKNOWN, slotName: edge.slotName, slotExists: null, slotActive: null, slotRestartLsn: null },
    walArchive: { check: Verdict.UNKNOWN, lastArchivedWal: null },
    lastBackup: null,
    backups: { count: null, minimumRedundancy: edge.minimumRedundancy, status: Verdict.UNKNOWN },
    drill: null,
    checks: [],
    failures: [],
  };
}

/** The status of one Barman server from what its probe printed (pure: no host needed). */
export function evaluateServer(x: ServerTarget, outcome: ProbeOutcome): ServerStatus {
  const base = { name: x.name, host: x.host, port: x.port };
  if (!outcome.ran) {
    const failures = [outcome.reachable ? `the probe did not run: ${outcome.error}` : `unreachable: ${outcome.error}`];
    return { ...base, reachable: outcome.reachable, barmanVersion: null, probedAt: null, cron: null, overridesFile: null, drift: [], unmanagedServers: [], instances: x.backups.map((b) => unknownInstance(b, outcome.reachable ? InstanceState.UNKNOWN : InstanceState.UNREACHABLE)), failures, warnings: [] };
  }
  const o = outcome.output;
  const failures: string[] = [];
  const warnings: string[] = [];
  if (!o.complete) failures.push('the probe was cut off before its end (timeout, or the connection dropped): the report is partial');
  let diagnosis: Diagnosis | undefined;
  let checks: CheckOutput | undefined;
  if (o.barmanPath === null) {
    failures.push('barman is not installed (not on root\'s PATH)');
  } else {
    if (o.diagnose !== undefined) {
      try {
        diagnosis = parseDiagnose(o.diagnose.out);
      } catch (e) {
        failures.push(`barman diagnose failed (exit ${o.diagnose.rc}): ${lastLine(o.diagnose.err) || (e as Error).message}`);
      }
    }
    if (o.check !== undefined) {
      try {
        checks = parseCheckJson(o.check.out);
      } catch (e) {
        failures.push(`barman check failed (exit ${o.check.rc}): ${lastLine(o.check.err) || (e as Error).message}`);
      }
    }
  }
  for (const e of diagnosis?.errors ?? []) failures.push(`Barman configuration error: ${e}`);
  const names = new Set(x.backups.map((e) => e.backupName));
  for (const e of checks?.errors ?? []) if (!/^Unknown server '/.test(e) || !names.has(/'(.*)'/.exec(e)?.[1] ?? '')) warnings.push(`barman check: ${e}`);
  const instances = x.backups.map((e) => {
    const base = diagnosis === undefined && checks === undefined ? unknownInstance(e, InstanceState.UNKNOWN) : instanceStatus(x, e, diagnosis?.servers.get(e.backupName), checks?.servers.get(e.backupName), o.now);
    const d = drillState(e, o.drills.get(e.backupName), o.now);
    return { ...base, drill: d.drill, failures: [...base.failures, ...d.failures] };
  });

  const cron = { barmanCronFiles: o.cronFiles, daemonRunning: o.cronDaemonRunning };
  if (x.backups.length > 0 || o.cronFiles.length > 0) {
    if (o.cronFiles.length === 0) failures.push('no `barman cron` line under /etc/cron.d: nothing starts receive-wal or archives incoming WAL');
    if (!o.cronDaemonRunning) failures.push('no cron daemon runs: barman cron and the backup schedules never run (start cron)');
  }
  const drift: DriftEntry[] = [];
  for (const [path, sum] of Object.entries(x.files)) {
    if (!o.files.has(path)) continue;
    const actual = o.files.get(path);
    if (actual === null) {
      drift.push({ path, state: DriftState.MISSING });
      failures.push(`${path} is missing: apply the stack`);
    } else if (actual !== sum) {
      drift.push({ path, state: DriftState.DIFFERS });
      warnings.push(`${path} differs from the rendered file (edited on the host, or this config is not applied yet)`);
    }
  }
  if (o.overridesFile !== null) warnings.push(`${o.overridesFile} exists: its overrides (barman config-update) win over /etc/barman.d`);
  const unmanaged = diagnosis === undefined ? [] : [...diagnosis.servers.keys()].filter((n) => !names.has(n)).sort();
  if (unmanaged.length > 0) warnings.push(`Barman also knows ${unmanaged.map((n) => `'${n}'`).join(', ')}, which this config does not put here`);
  const version = diagnosis?.barmanVersion ?? (o.version?.rc === 0 ? /^\s*(\S+)/.exec(o.version.out)?.[1] ?? null : null);
  return {
    ...base,
    reachable: true,
    barmanVersion: version,
    probedAt: o.now === null ? null : new Date(o.now * 1000).toISOString(),
    cron,
    overridesFile: o.overridesFile,
    drift,
    unmanagedServers: unmanaged,
    instances,
    failures,
    warnings,
  };
}
