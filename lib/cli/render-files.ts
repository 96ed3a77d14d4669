import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FileKind, HostPlan } from '../render/host-files';
import { STAGING_PREFIX, writeStaged } from './staged-output';

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

/** render's list of its own output at the top of DIR: what a later --force may replace */
export const RENDER_MANIFEST = '.cdktf-barman-render.json';

interface RenderManifest {
  readonly formatVersion: 1;
  /** the instance directories render wrote */
  readonly instances: string[];
}

/** True when the directory is missing or empty. */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/** The instance directories the last render into DIR listed (none when DIR holds no readable manifest). */
function ownEntries(outDir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(outDir, RENDER_MANIFEST), 'utf8');
  } catch {
    return [];
  }
  try {
    const m = JSON.parse(text) as Partial<RenderManifest>;
    const names = Array.isArray(m.instances) ? m.instances.filter((n): n is string => typeof n === 'string' && n !== '' && !n.includes('/') && n !== '.' && n !== '..') : [];
    return [...names, RENDER_MANIFEST];
  } catch {
    return [];
  }
}

/** Entries of DIR that render did not write (listed in no manifest): --force must not delete them. */
export function foreignEntries(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  const own = ownEntries(outDir);
  return readdirSync(outDir).filter((n) => !own.includes(n) && !n.startsWith(STAGING_PREFIX)).sort();
}

/**
 * DIR/<instance>/<absolute path on the host> for every file with content, plus manifest.json,
 * and DIR/.cdktf-barman-render.json; staged, so a failure leaves DIR as it was. With `replace`
 * the previous render's instance directories are removed (the caller checked foreignEntries).
 */
export function writeRender(plans: readonly HostPlan[], outDir: string, replace: boolean): void {
  const fill = (dir: string): void => {
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
    const manifest: RenderManifest = { formatVersion: 1, instances: plans.map((p) => p.instance.name) };
    writeFileSync(join(dir, RENDER_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  };
  writeStaged(outDir, fill, replace ? ownEntries(outDir) : []);
}
