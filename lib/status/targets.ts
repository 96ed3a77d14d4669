/**
 * What `status` needs to know of a cluster before it looks: its Barman servers, where ssh reaches
 * them, the backups each holds with their thresholds, and the hash of every whole file the stack
 * writes there. Plain data: built from the instance graph, or read back from the stack's
 * `<prefix>_status_targets` output after an apply (where host addresses are known even when the
 * estate made them tokens).
 */
import { createHash } from 'node:crypto';
import { BarmanGraph, Instance } from '../model/graph';
import { FileKind, HostFile } from '../render/host-files';
import { longestGapMinutes } from '../model/schedule-gaps';

/** One backed-up instance on one Barman server. */
export interface BackupTarget {
  readonly instance: string;
  /** Barman's server name for it (`backup_name`) */
  readonly backupName: string;
  readonly slotName: string;
  /** e.g. `1 WEEK` */
  readonly lastBackupMaximumAge: string;
  readonly minimumRedundancy: number;
  /**
   * when restore drills are scheduled (barman_drill_schedule): the age past which the last drill
   * is overdue, the schedule's longest gap plus a day @default - none scheduled: a drill run by hand is shown, its age not judged
   */
  readonly drillMaxAgeSeconds?: number;
}

/** One Barman server. */
export interface ServerTarget {
  readonly name: string;
  /** where ssh connects */
  readonly host: string;
  readonly port: number;
  readonly barmanUser: string;
  readonly barmanHome: string;
  readonly backups: readonly BackupTarget[];
  /** whole files the stack writes there: path -> sha256 of the rendered content */
  readonly files: Readonly<Record<string, string>>;
}

export const STATUS_TARGETS_KIND = 'cdktf-barman-status-targets';

export interface StatusTargets {
  readonly kind: 'cdktf-barman-status-targets';
  readonly formatVersion: 1;
  readonly cluster: string;
  readonly servers: readonly ServerTarget[];
}

/**
 * Whole files whose content status compares: key files (content known only at apply time) and
 * shared files (managed lines, blocks, .pgpass) are left out.
 */
export function comparedFiles(files: readonly HostFile[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of files) {
    if (f.kind === FileKind.FILE || f.kind === FileKind.MANAGED_LIST) {
      out[f.path] = createHash('sha256').update(f.content).digest('hex');
    }
  }
  return out;
}

/** Where the operator's ssh reaches a Barman server, like Terraform: its connection host, its ansible_port, else cluster_ssh_port. */
export function sshAddressOf(s: Instance): { host: string; port: number } {
  return { host: s.connectionHost, port: s.connectionPort ?? s.settings.sshPort };
}

/** The targets of a graph, from each Barman server's rendered files. */
export function statusTargets(graph: BarmanGraph, filesOf: (server: Instance) => readonly HostFile[]): StatusTargets {
  return {
    kind: STATUS_TARGETS_KIND,
    formatVersion: 1,
    cluster: graph.clusterName,
    servers: graph.barmanServers.map((s) => ({
      name: s.name,
      ...sshAddressOf(s),
      barmanUser: s.settings.barmanUser,
      barmanHome: s.settings.barmanHome,
      backups: graph.edgesOnServer(s).map((e) => ({
        instance: e.instance.name,
        backupName: e.backupName,
        slotName: e.slotName,
        lastBackupMaximumAge: e.instance.settings.lastBackupMaximumAge,
        minimumRedundancy: e.instance.settings.minimumRedundancy,
        ...drillBound(e.instance.settings.drillSchedule),
      })),
      files: comparedFiles(filesOf(s)),
    })),
  };
}

/** A scheduled drill is overdue once its schedule's longest gap and one more day have passed. */
function drillBound(schedule: string | undefined): { drillMaxAgeSeconds?: number } {
  if (schedule === undefined) return {};
  const gap = longestGapMinutes(schedule);
  return gap === undefined ? {} : { drillMaxAgeSeconds: gap * 60 + 86_400 };
}
