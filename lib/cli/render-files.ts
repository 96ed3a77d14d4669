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

export function manifestOf(plan: HostPlan): { instance: string; files: ManifestEntry[] } {
  return {
    instance: plan.instance.name,
    files: plan.files.map((f) => ({ path: f.path, kind: f.kind, owner: f.owner, group: f.group, mode: f.mode })),
  };
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
    for (const f of plan.files) {
      const target = join(root, f.path);
      if (f.kind === FileKind.DIRECTORY) {
        mkdirSync(target, { recursive: true });
      } else if (f.content !== undefined) {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, f.content);
      }
    }
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifestOf(plan), null, 2) + '\n');
  }
}
