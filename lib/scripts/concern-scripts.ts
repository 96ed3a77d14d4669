import { BackupEdge, BarmanGraph, Instance } from '../model/graph';
import { COMPRESSOR_PROGRAMS } from '../model/settings';
import { FileKind, HostFile, fileLayout } from '../render/host-files';
import { managedMarker } from '../render/ssh-lines';
import { pgpassBlockMarkers, pgpassPath } from '../render/pgpass';
import { HostScript, ScriptArg } from './remote-command';
import { removedBackupsArg } from './edge-removal';

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

/** the kinds whose content shell/files.sh takes as an argument, in layout order */
const hasContent = (f: HostFile): boolean => f.kind === FileKind.FILE || (f.kind === FileKind.MANAGED_LINES && (f.authorizedKeys !== undefined || f.knownHosts !== undefined));

/**
 * The arguments of shell/files.sh's write_files: the drift policy, the layout and the content of
 * each file that has one, all from the resource's triggers (the same text the plan shows).
 */
export function writeFilesArgs(policy: DriftPolicy, files: readonly HostFile[], clusterName: string, overrides?: BarmanOverrides): ScriptArg[] {
  return [
    policy.host,
    policy.owner,
    policy.allowOverrides ? '1' : '0',
    overrides?.barmanHome ?? '',
    overrides?.server ?? '',
    clusterName === '' ? '' : managedMarker(clusterName),
    { trigger: 'layout', content: fileLayout(files) },
    ...files.filter(hasContent).map((f) => ({ trigger: f.path, content: f.content ?? '' })),
  ];
}

/**
 * A Barman server's own configuration (shell/server.sh). Also reconciles: the instances an earlier
 * apply configured and the graph no longer has are retired (their resources are gone, and
 * Terraform runs no destroy provisioner for a resource removed from the configuration).
 */
export function barmanServerScript(graph: BarmanGraph, server: Instance, files: readonly HostFile[]): HostScript {
  const s = server.settings;
  const list = files.find((f) => f.kind === FileKind.MANAGED_LIST)!;
  const markers = pgpassBlockMarkers(graph.clusterName, '');
  const policy = { host: server.name, owner: server.name, allowOverrides: s.allowOverrides };
  return {
    step: 'barman_server',
    args: [
      server.name,
      s.barmanUser,
      s.barmanGroup,
      s.barmanHome,
      s.postgresBinDir,
      String(s.postgresVersion),
      s.logFile,
      removedBackupsArg(server),
      list.path,
      { trigger: list.path, content: list.content ?? '' },
      pgpassPath(server),
      markers.begin,
      markers.end,
      ...writeFilesArgs(policy, files, graph.clusterName, { barmanHome: s.barmanHome }),
    ],
  };
}

/** One backed-up instance on one Barman server: its Barman section and its cron file (shell/backup-edge.sh). */
export function backupEdgeScript(edge: BackupEdge, files: readonly HostFile[]): HostScript {
  const s = edge.instance.settings;
  // the instance's own setting decides for its section and cron file on the Barman server
  const policy = { host: edge.server.name, owner: edge.instance.name, allowOverrides: s.allowOverrides };
  const overrides = { barmanHome: edge.server.settings.barmanHome, server: edge.backupName };
  return {
    step: 'backup_edge',
    args: [edge.server.name, edge.instance.name, COMPRESSOR_PROGRAMS.get(s.compression) ?? '', ...writeFilesArgs(policy, files, '', overrides)],
  };
}

/** A Postgres instance's side: the postgres user's keys, barman's key authorized, Barman hosts known (shell/postgres-access.sh). */
export function postgresAccessScript(graph: BarmanGraph, p: Instance, files: readonly HostFile[]): HostScript {
  const s = p.settings;
  const policy = { host: p.name, owner: p.name, allowOverrides: s.allowOverrides };
  return { step: 'postgres_access', args: [s.postgresUser, s.postgresGroup, s.postgresHome, ...writeFilesArgs(policy, files, graph.clusterName)] };
}
