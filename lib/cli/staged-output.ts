import { accessSync, constants, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Output that cannot be written: one line for the user, exit 1, nothing of the new output left. */
export class OutputError extends Error {}

/** Prefix of the staging and old-output directories; a leftover one (a killed run) is ours. */
export const STAGING_PREFIX = '.cdktf-barman-tmp-';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted (immutable or protected)',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'a directory is in the way',
  ENAMETOOLONG: 'a file name is too long (shorten cluster_name or the instance names)',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EEXIST: 'a file is in the way of a directory',
  ENOTEMPTY: 'a directory in the way is not empty',
  EBUSY: 'the path is busy (a mount point?)',
  ELOOP: 'too many symbolic links',
};

/** True for the errors the operating system raises (they carry an errno code). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}

/** `PATH: REASON` of a system error, without Node's own wording. */
export function describeSystemError(e: NodeJS.ErrnoException): string {
  const reason = REASONS[e.code ?? ''] ?? (e.code ?? 'error').toLowerCase();
  return e.path === undefined ? reason : `${e.path}: ${reason}`;
}

function asOutputError(target: string, e: unknown): unknown {
  if (!isSystemError(e)) return e;
  return new OutputError(`cannot write ${target}: ${describeSystemError(e)}: fix that or choose another --out; nothing written`);
}

/** Every directory below (and including) `path` must be writable for it to be moved and deleted. */
function checkRemovable(path: string): void {
  const st = lstatSync(path);
  if (!st.isDirectory()) return;
  accessSync(path, constants.W_OK | constants.X_OK);
  for (const name of readdirSync(path)) checkRemovable(join(path, name));
}

interface Move {
  readonly from: string;
  readonly to: string;
}

/**
 * Writes a new output through `fill(staging)` into a staging directory on the target's file
 * system, then moves it into `target`: when `target` is missing the staging directory becomes it;
 * else each new entry replaces its namesake, and the entries named in `replaced` (the old output)
 * are removed. Any failure undoes every move: nothing of the new output is left, the old is intact.
 */
export function writeStaged(target: string, fill: (staging: string) => void, replaced: readonly string[] = []): void {
  const abs = resolve(target);
  let createdParent: string | undefined;
  let staging: string | undefined;
  let old: string | undefined;
  const done: Move[] = [];
  try {
    const exists = existsSync(abs);
    if (exists) {
      staging = mkdtempSync(join(abs, STAGING_PREFIX));
    } else {
      createdParent = mkdirSync(dirname(abs), { recursive: true });
      staging = mkdtempSync(join(dirname(abs), `.${basename(abs)}${STAGING_PREFIX}`));
    }
    fill(staging);
    if (!exists) {
      renameSync(staging, abs);
      return;
    }
    const present = readdirSync(abs);
    const leftovers = present.filter((n) => n.startsWith(STAGING_PREFIX) && join(abs, n) !== staging);
    const toRemove = [...new Set([...replaced.filter((n) => present.includes(n)), ...leftovers])];
    for (const name of toRemove) checkRemovable(join(abs, name));
    const added = readdirSync(staging);
    const clashes = added.filter((n) => present.includes(n) && !toRemove.includes(n));
    if (clashes.length > 0) throw new OutputError(`${target} already holds ${clashes.join(', ')}, which this run did not write: move them away or choose another --out; nothing written`);
    old = mkdtempSync(join(abs, STAGING_PREFIX));
    for (const name of toRemove) {
      const from = join(abs, name);
      const to = join(old, name);
      // a file stays in place (a second link keeps it) until the new one replaces it atomically
      if (lstatSync(from).isDirectory()) renameSync(from, to);
      else linkSync(from, to);
      done.push({ from, to });
    }
    for (const name of added) {
      const from = join(staging, name);
      const to = join(abs, name);
      renameSync(from, to);
      done.push({ from, to });
    }
    // old files no new one replaced are still linked in place
    for (const name of toRemove) if (!added.includes(name) && existsSync(join(abs, name))) unlinkSync(join(abs, name));
  } catch (e) {
    for (const m of done.reverse()) {
      try {
        renameSync(m.to, m.from);
      } catch {
        // best effort: the error below names the target
      }
    }
    for (const dir of [staging, old, createdParent]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    throw asOutputError(target, e);
  }
  rmSync(staging, { recursive: true, force: true });
  try {
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    throw new OutputError(`the new output is in ${target}, but its old output moved to ${old} could not be removed (immutable or protected files?): ${isSystemError(e) ? describeSystemError(e) : String(e)}: remove it by hand (a later --force also retries)`);
  }
}
