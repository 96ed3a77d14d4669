import { BarmanGraph } from '../model/graph';
import { renderHosts } from '../concerns/render-hosts';
import { PlaceholderKeys } from '../render/key-material';
import { evaluateServer, ProbeOutcome } from './evaluate';
import { parseProbeOutput } from './probe-output';
import { probeScript } from './probe-script';
import { ServerStatus, StatusReport } from './report';
import { runOverSsh, SshResult, SshRunner, SshTarget } from './ssh-runner';
import { ServerTarget, StatusTargets, statusTargets } from './targets';

/** The connection settings of the stack (HostConnectionProps) that ssh can use. */
export interface StatusConnection {
  /** @default root */
  readonly user?: string;
  /** @default - each server's ansible_port, else cluster_ssh_port */
  readonly port?: number;
  readonly identityFile?: string;
  readonly knownHostsFile?: string;
  readonly bastionHost?: string;
  /** seconds @default 30 */
  readonly timeout?: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;

/** The status targets of a graph: the files rendered as the stack renders them (keys left out). */
export function statusTargetsOf(graph: BarmanGraph): StatusTargets {
  const plans = new Map(renderHosts(graph, new PlaceholderKeys()).map((p) => [p.instance, p.files]));
  return statusTargets(graph, (s) => plans.get(s) ?? []);
}

/** ssh's reason for failing: its last lines, without blank ones. */
function sshError(r: SshResult, timeout: number): string {
  if (r.timedOut) return `no answer within ${timeout * 10} s (ssh stopped)`;
  const lines = r.stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.slice(-2).join(' ') || `ssh exited ${r.code}`;
}

/** Where ssh reaches a server (`host`, `port`) with the operator's connection options (theirs win). */
export function sshTargetOf(server: { readonly host: string; readonly port: number }, connection: StatusConnection): SshTarget {
  return {
    host: server.host,
    port: connection.port ?? server.port,
    user: connection.user ?? 'root',
    identityFile: connection.identityFile,
    knownHostsFile: connection.knownHostsFile,
    bastionHost: connection.bastionHost,
    timeout: connection.timeout ?? DEFAULT_TIMEOUT_SECONDS,
  };
}

/** Probes one server: one ssh session running the probe script. */
export async function probeServer(server: ServerTarget, connection: StatusConnection, run: SshRunner = runOverSsh): Promise<ServerStatus> {
  const x = connection.port === undefined ? server : { ...server, port: connection.port };
  const target = sshTargetOf(x, connection);
  const timeout = target.timeout;
  const script = probeScript({ backupNames: x.backups.map((e) => e.backupName), files: Object.keys(x.files), barmanHome: x.barmanHome, connectTimeout: Math.min(timeout, 10) });
  const r = await run(target, script);
  const output = parseProbeOutput(r.stdout);
  // ssh failed, or sudo refused before the probe printed anything
  const ran = !r.timedOut && r.code !== 255 && output.now !== null;
  const outcome: ProbeOutcome = ran || (r.timedOut && output.now !== null) ? { ran: true, output } : { ran: false, reachable: !r.timedOut && r.code !== 255, error: sshError(r, timeout) };
  return evaluateServer(x, outcome);
}

/** The report of every Barman server (probed in parallel). */
export function assembleReport(cluster: string, servers: ServerStatus[]): StatusReport {
  const failureCount = servers.reduce((n, s) => n + s.failures.length + s.instances.reduce((m, i) => m + i.failures.length, 0), 0);
  return { formatVersion: 2, cluster, ok: failureCount === 0, failureCount, servers };
}

/** The health of every Barman server of a cluster: one ssh session each, in parallel. */
export async function collectStatusFromTargets(targets: StatusTargets, connection: StatusConnection = {}, run: SshRunner = runOverSsh): Promise<StatusReport> {
  const servers = await Promise.all(targets.servers.map((x) => probeServer(x, connection, run)));
  return assembleReport(targets.cluster, servers);
}

/** collectStatusFromTargets for a graph (a config.yml, or graphFromProps). */
export async function collectStatus(graph: BarmanGraph, connection: StatusConnection = {}, run: SshRunner = runOverSsh): Promise<StatusReport> {
  return collectStatusFromTargets(statusTargetsOf(graph), connection, run);
}
