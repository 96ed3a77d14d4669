/**
 * The one `--out` policy of every command that writes files (render, synth): DIR must be missing
 * or empty, unless --force; --force replaces only what an earlier run of the same command wrote
 * there (listed in its manifest, DIR/.cdktf-barman-<command>.json) and leaves everything else in
 * DIR as it is; a new file whose name something else already holds is refused. The write is staged:
 * on any failure DIR is left as it was.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { showValue } from '../model/diagnostics';
import { OptionSpec, ParsedArgs, UsageError, valueOf } from './command-line';
import { STAGING_PREFIX, writeStaged } from './staged-output';

/** The manifest a command writes at the top of DIR: what a later --force may replace. */
export const manifestName = (command: string): string => `.cdktf-barman-${command}.json`;

interface OutManifest {
  readonly formatVersion: 1;
  readonly command: string;
  /** the entries of DIR the command wrote (not the manifest itself) */
  readonly entries: string[];
}

/** --out and --force: the one policy of every command that writes (out-dir.ts) */
export const OUT_OPTIONS: readonly OptionSpec[] = [
  { name: 'out', value: 'DIR', help: 'where to write (required); must be missing or empty unless --force' },
  { name: 'force', help: 'write into a non-empty DIR: replaces only what an earlier run of the\nsame command wrote there (its manifest lists it), leaves the rest' },
];

/** The --out DIR of a writing command, checked against the one policy. */
export function outDirOf(args: ParsedArgs, command: string): { out: string; force: boolean } {
  const out = valueOf(args, 'out');
  if (out === undefined) throw new UsageError('--out DIR is required');
  const force = args.options.has('force');
  checkOutDir(out, force, command);
  return { out, force };
}

/** Refuses (UsageError) a DIR that is a file, or a non-empty DIR without --force. */
export function checkOutDir(out: string, force: boolean, command: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UsageError(`${showValue(out)} exists and is not a directory: choose a directory`);
  const present = readdirSync(out).filter((n) => !n.startsWith(STAGING_PREFIX));
  if (!force && present.length > 0) {
    throw new UsageError(`${showValue(out)} is not empty: choose a new directory, or give --force (it replaces only what an earlier ${command} wrote there and leaves the rest)`);
  }
}

/** What the last run of `command` into DIR wrote (none when DIR holds no readable manifest). */
export function ownEntries(out: string, command: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(out, manifestName(command)), 'utf8');
  } catch {
    return [];
  }
  try {
    const m = JSON.parse(text) as Partial<OutManifest> & { instances?: unknown };
    // render's first manifests called the list `instances`
    const listed = Array.isArray(m.entries) ? m.entries : Array.isArray(m.instances) ? m.instances : [];
    const names = listed.filter((n): n is string => typeof n === 'string' && n !== '' && !n.includes('/') && n !== '.' && n !== '..' && !n.startsWith(STAGING_PREFIX));
    return [...names, manifestName(command)];
  } catch {
    return [];
  }
}

/**
 * Writes a command's output into DIR through `fill(staging)`, which returns the top-level entries
 * it wrote; adds the manifest. With `force`, the previous output of the same command is replaced.
 */
export function writeOut(out: string, command: string, force: boolean, fill: (staging: string) => string[]): void {
  writeStaged(
    out,
    (dir) => {
      const manifest: OutManifest = { formatVersion: 1, command, entries: fill(dir) };
      writeFileSync(join(dir, manifestName(command)), JSON.stringify(manifest, null, 2) + '\n');
    },
    force ? ownEntries(out, command) : [],
  );
}
