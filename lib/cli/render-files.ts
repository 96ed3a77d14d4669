import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FileKind, HostPlan } from '../render/host-files';

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

/** True when the directory is missing or empty. */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** DIR/<instance>/<absolute path on the host> for every file with content, plus manifest.json. */
export function writeRender(plans: readonly HostPlan[], outDir: string, replace: boolean): void {
  if (replace) for (const name of existsSync(outDir) ? readdirSync(outDir) : []) rmSync(join(outDir, name), { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const plan of plans) {
    const root = join(outDir, plan.instance.name);
    for (const f of plan.files) if (f.kind === FileKind.DIRECTORY) mkdirSync(join(root, f.path), { recursive: true });
    for (const [path, content] of contentsOf(plan)) {
      const target = join(root, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifestOf(plan), null, 2) + '\n');
  }
}
