import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FileKind, HostPlan } from '../render/host-files';
import { writeOut } from './out-dir';

export interface ManifestEntry {
  readonly path: string;
  readonly kind: FileKind;
  readonly owner: string;
  readonly group: string;
  readonly mode: string;
}

/** one entry per path: several instances' blocks of one .pgpass are one file */
export function manifestOf(plan: HostPlan): { instance: string; files: ManifestEntry[] } {
  const byPath = new Map<string, ManifestEntry>();
  for (const f of plan.files) if (!byPath.has(f.path)) byPath.set(f.path, { path: f.path, kind: f.kind, owner: f.owner, group: f.group, mode: f.mode });
  return { instance: plan.instance.name, files: [...byPath.values()] };
}

/** the content written for each path: blocks sharing a file are joined in order */
function contentsOf(plan: HostPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of plan.files) if (f.content !== undefined && f.kind !== FileKind.DIRECTORY) out.set(f.path, (out.get(f.path) ?? '') + f.content);
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
