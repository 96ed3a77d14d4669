import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FileKind, HostFile, HostPlan } from '../render/host-files';
import { writeOut } from './out-dir';

/** a file's kind in manifest.json: public keys are whole files, authorized_keys and known_hosts managed lines */
export type ManifestKind = Exclude<FileKind, FileKind.PUBLIC_KEY | FileKind.AUTHORIZED_KEYS | FileKind.KNOWN_HOSTS> | 'managed-lines';

export interface ManifestEntry {
  readonly path: string;
  readonly kind: ManifestKind;
  readonly owner: string;
  readonly group: string;
  readonly mode: string;
}

function manifestKind(f: HostFile): ManifestKind {
  switch (f.kind) {
    case FileKind.PUBLIC_KEY:
      return FileKind.FILE;
    case FileKind.AUTHORIZED_KEYS:
    case FileKind.KNOWN_HOSTS:
      return 'managed-lines';
    default:
      return f.kind;
  }
}

/** one entry per path: several instances' blocks of one .pgpass are one file */
export function manifestOf(plan: HostPlan): { instance: string; files: ManifestEntry[] } {
  const byPath = new Map<string, ManifestEntry>();
  for (const f of plan.files) if (!byPath.has(f.path)) byPath.set(f.path, { path: f.path, kind: manifestKind(f), owner: f.owner, group: f.group, mode: f.mode });
  return { instance: plan.instance.name, files: [...byPath.values()] };
}

/** the content written for each path: blocks sharing a file are joined in order */
function contentsOf(plan: HostPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of plan.files) if (f.content !== undefined) out.set(f.path, (out.get(f.path) ?? '') + f.content);
  return out;
}

/**
 * DIR/<instance>/<absolute path on the host> for every file with content, plus manifest.json, under
 * the one --out policy (out-dir.ts): with `force` an earlier render's instance directories are
 * replaced, those of instances no longer in the config removed.
 */
export function writeRender(plans: readonly HostPlan[], outDir: string, force: boolean): void {
  writeOut(outDir, 'render', force, (dir) => {
    for (const plan of plans) {
      const root = join(dir, plan.instance.name);
      for (const f of plan.files) if (f.kind === FileKind.DIRECTORY) mkdirSync(join(root, f.path), { recursive: true });
      for (const [path, content] of contentsOf(plan)) {
        const target = join(root, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
      mkdirSync(root, { recursive: true });
      writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifestOf(plan), null, 2) + '\n');
    }
    return plans.map((p) => p.instance.name);
  });
}
