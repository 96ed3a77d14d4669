import { FileKind, HostFile, fileLayout } from '../render/host-files';
import { managedMarker } from '../render/ssh-lines';
import { ScriptArg } from './remote-command';

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

/** the content shell/files.sh takes as an argument, in layout order: whole files and managed lines */
function writtenContent(f: HostFile): string | undefined {
  switch (f.kind) {
    case FileKind.FILE:
    case FileKind.PUBLIC_KEY:
    case FileKind.AUTHORIZED_KEYS:
    case FileKind.KNOWN_HOSTS:
      return f.content;
    default:
      return undefined;
  }
}

/**
 * The arguments of shell/files.sh's write_files: the drift policy, the layout and the content of
 * each file that has one, all from the resource's triggers (the same text the plan shows).
 */
export function writeFilesArgs(policy: DriftPolicy, files: readonly HostFile[], clusterName: string, overrides?: BarmanOverrides): ScriptArg[] {
  const contents: ScriptArg[] = [];
  for (const f of files) {
    const content = writtenContent(f);
    if (content !== undefined) contents.push({ trigger: f.path, content });
  }
  return [
    policy.host,
    policy.owner,
    policy.allowOverrides ? '1' : '0',
    overrides?.barmanHome ?? '',
    overrides?.server ?? '',
    clusterName === '' ? '' : managedMarker(clusterName),
    { trigger: 'layout', content: fileLayout(files) },
    ...contents,
  ];
}
