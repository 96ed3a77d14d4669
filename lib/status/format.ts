import { formatAge } from './evaluate';
import { InstanceStatus, ServerStatus, StatusReport, Verdict } from './report';

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

function slotCell(i: InstanceStatus): string {
  const s = i.streaming;
  if (s.slotExists === null) return `${s.slotName} ?`;
  if (!s.slotExists) return `${s.slotName} missing`;
  return `${s.slotName} ${s.slotActive ? 'active' : 'inactive'}`;
}

function drillCell(i: InstanceStatus): string {
  const d = i.drill;
  if (d === null) return '-';
  return `${d.result}${d.ageSeconds === null ? '' : ` ${formatAge(d.ageSeconds)} ago`} ${d.status}`;
}

function instanceRow(i: InstanceStatus): string[] {
  const b = i.lastBackup;
  const checks = i.checks.length === 0 ? '-' : `${i.checks.filter((c) => c.status === Verdict.OK).length}/${i.checks.length} OK`;
  return [
    i.instance === i.backupName ? i.instance : `${i.instance} (${i.backupName})`,
    i.streaming.receiveWal,
    slotCell(i),
    i.walArchive.check,
    b === null ? 'none' : `${b.id} ${formatAge(b.ageSeconds)} ago ${b.status}`,
    `${i.backups.count ?? '?'}/${i.backups.minimumRedundancy} ${i.backups.status}`,
    drillCell(i),
    checks,
    i.failures.length === 0 ? 'OK' : 'FAILED',
  ];
}

function server(s: ServerStatus): string[] {
  const head = `${s.name} (${s.host}:${s.port}): ${s.reachable ? `Barman ${s.barmanVersion ?? '?'}` : 'UNREACHABLE'}${s.cron ? `, cron daemon ${s.cron.daemonRunning ? 'running' : 'NOT running'}` : ''}`;
  const out = [head];
  if (s.reachable && s.instances.length > 0) {
    const rows = [['instance', 'receive-wal', 'slot', 'wal archive', 'last backup', 'backups/min', 'last drill', 'checks', 'status'], ...s.instances.map(instanceRow)];
    out.push(...table(rows).map((l) => `  ${l}`));
  }
  const failures = [...s.failures.map((f) => `${s.name}: ${f}`), ...s.instances.flatMap((i) => i.failures.map((f) => `${s.name}/${i.instance}: ${f}`))];
  for (const f of failures) out.push(`  FAILED  ${f}`);
  for (const w of s.warnings) out.push(`  warning ${s.name}: ${w}`);
  return out;
}

/** The human report: one block per Barman server, failures spelled out, a last summary line. */
export function formatReport(r: StatusReport): string {
  const lines = r.servers.flatMap((s) => [...server(s), '']);
  const instances = r.servers.reduce((n, s) => n + s.instances.length, 0);
  lines.push(`cluster ${r.cluster}: ${r.servers.length} Barman server${r.servers.length === 1 ? '' : 's'}, ${instances} backed-up instance${instances === 1 ? '' : 's'}: ${r.ok ? 'OK' : `FAILED (${r.failureCount} failure${r.failureCount === 1 ? '' : 's'})`}`);
  return lines.join('\n') + '\n';
}
