import { BackupEdge, BarmanGraph, Instance } from '../model/graph';
import { HostFile } from '../render/host-files';
import { HostScript, ScriptArg } from './remote-command';
/** How one step treats changes made on its host outside the library (see shell/drift.sh). */
export interface DriftPolicy {
    /** the instance the step runs on, named in the report */
    readonly host: string;
    /** the instance whose barman_allow_overrides decides (the one owning the files) */
    readonly owner: string;
    /** overwrite hand edits and keep Barman's overrides, with a warning, instead of failing */
    readonly allowOverrides: boolean;
}
/** Barman's own overrides to look for: the whole .barman.auto.conf, or one server's part of it. */
export interface BarmanOverrides {
    readonly barmanHome: string;
    /** only this server's section and active model @default - the whole file */
    readonly server?: string;
}
/**
 * The arguments of shell/files.sh's write_files: the drift policy, the layout and the content of
 * each file that has one, all from the resource's triggers (the same text the plan shows).
 */
export declare function writeFilesArgs(policy: DriftPolicy, files: readonly HostFile[], clusterName: string, overrides?: BarmanOverrides): ScriptArg[];
/**
 * A Barman server's own configuration (shell/server.sh). Also reconciles: the instances an earlier
 * apply configured and the graph no longer has are retired (their resources are gone, and
 * Terraform runs no destroy provisioner for a resource removed from the configuration).
 */
export declare function barmanServerScript(graph: BarmanGraph, server: Instance, files: readonly HostFile[]): HostScript;
/** One backed-up instance on one Barman server: its Barman section and its cron file (shell/backup-edge.sh). */
export declare function backupEdgeScript(edge: BackupEdge, files: readonly HostFile[]): HostScript;
/** A Postgres instance's side: the postgres user's keys, barman's key authorized, Barman hosts known (shell/postgres-access.sh). */
export declare function postgresAccessScript(graph: BarmanGraph, p: Instance, files: readonly HostFile[]): HostScript;
