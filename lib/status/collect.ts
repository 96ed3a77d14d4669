import { createHash } from 'node:crypto';
import { BarmanGraph } from '../model/graph';
import { FileKind, renderHosts } from '../render/host-files';
import { PlaceholderKeys } from '../render/key-material';
import { evaluateServer, ProbeOutcome, ServerExpectation } from './evaluate';
import { parseProbeOutput } from './probe-output';
import { probeScript } from './probe-script';
import { ServerStatus, StatusReport } from './report';
import { runOverSsh, SshResult, SshTarget } from './ssh-runner';

/** The connection settings of the stack (HostConnectionProps) that ssh can use. */
export interface StatusConnection {
  /** @default root */
  readonly user?: string;
  /** @default - each server's cluster_ssh_port */
  readonly port?: number;
  readonly identityFile?: string;
  readonly knownHostsFile?: string;
  readonly bastionHost?: string;
  /** seconds @default 30 */
  readonly timeout?: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 30;

/**
 * What each Barman server should be: its edges and the sha256 of every whole file the stack writes
 * there. Key files (content known only at apply time) and shared files (managed lines, blocks,
 * .pgpass) are not compared.
 */
export function expectations(graph: BarmanGraph, connection: StatusConnection = {}): ServerExpectation[] {
  const plans = new Map(renderHosts(graph, new PlaceholderKeys()).map((p) => [p.instance, p]));
  return graph.barmanServers.map((server) => {
    const files = new Map<string, string>();
    for (const f of plans.get(server)?.files ?? []) {
      if ((f.kind === FileKind.FILE || f.kind === FileKind.MANAGED_LIST) && f.publicKey === undefined && f.content !== undefined) {
        files.set(f.path, createHash('sha256').update(f.content).digest('hex'));
      }
    }
    return { server, edges: graph.edgesOnServer(server), host: server.connectionHost, port: connection.port ?? server.settings.sshPort, files };
  });
}

/** ssh's reason for failing: its last lines, without blank ones. */
function sshError(r: SshResult, timeout: number): string {
  if (r.timedOut) return `no answer within ${timeout * 10} s (ssh stopped)`;
  const lines = r.stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.slice(-2).join(' ') || `ssh exited ${r.code}`;
}

/** Probes one server: one ssh session running the probe script. */
export async function probeServer(x: ServerExpectation, connection: StatusConnection, run = runOverSsh): Promise<ServerStatus> {
  const timeout = connection.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  const target: SshTarget = { host: x.host, port: x.port, user: connection.user ?? 'root', identityFile: connection.identityFile, knownHostsFile: connection.knownHostsFile, bastionHost: connection.bastionHost, timeout };
  const script = probeScript({ backupNames: x.edges.map((e) => e.backupName), files: [...x.files.keys()], barmanHome: x.server.settings.barmanHome, connectTimeout: Math.min(timeout, 10) });
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
  return { formatVersion: 1, cluster, ok: failureCount === 0, failureCount, servers };
}

export async function collectStatus(graph: BarmanGraph, connection: StatusConnection = {}, run = runOverSsh): Promise<StatusReport> {
  const servers = await Promise.all(expectations(graph, connection).map((x) => probeServer(x, connection, run)));
  return assembleReport(graph.clusterName, servers);
}
