import { BarmanGraph } from '../model/graph';
import { ServerStatus, StatusReport } from './report';
import { SshRunner } from './ssh-runner';
import { ServerTarget, StatusTargets } from './targets';
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
export declare const DEFAULT_TIMEOUT_SECONDS = 30;
/** The status targets of a graph: the files rendered as the stack renders them (keys left out). */
export declare function statusTargetsOf(graph: BarmanGraph): StatusTargets;
/** Probes one server: one ssh session running the probe script. */
export declare function probeServer(server: ServerTarget, connection: StatusConnection, run?: SshRunner): Promise<ServerStatus>;
/** The report of every Barman server (probed in parallel). */
export declare function assembleReport(cluster: string, servers: ServerStatus[]): StatusReport;
/** The health of every Barman server of a cluster: one ssh session each, in parallel. */
export declare function collectStatusFromTargets(targets: StatusTargets, connection?: StatusConnection, run?: SshRunner): Promise<StatusReport>;
/** collectStatusFromTargets for a graph (a config.yml, or graphFromProps). */
export declare function collectStatus(graph: BarmanGraph, connection?: StatusConnection, run?: SshRunner): Promise<StatusReport>;
