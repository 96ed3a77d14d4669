import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** where the shared host shell files live: lib/scripts/shell in the sources, copied beside this module by the build */
export const SHELL_DIR = join(__dirname, 'shell');

/** the library's root (lib/ in the sources, dist/lib once built): each concern's shell file lives in its folder below */
const LIB_DIR = join(__dirname, '..');

/** A shared host shell file (lib/scripts/shell/NAME); see shellFileIn. */
export function shellFile(name: string, values: { readonly [placeholder: string]: string } = {}): string {
  return shellFileIn(SHELL_DIR, name, values);
}

/**
 * One host shell file (DIR/NAME, shellchecked as a file by the tests), with its `@NAME@`
 * placeholders replaced by the library's own constants, so a path or a role name lives in one
 * place. A placeholder without a value is a programming error. A concern reads its own file from
 * its folder (`shellFileIn(__dirname, …)`).
 */
export function shellFileIn(dir: string, name: string, values: { readonly [placeholder: string]: string } = {}): string {
  const path = join(dir, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: the build copies lib/**/*.sh beside the compiled library (npm run build)`);
  }
  return text.replace(/@([A-Z][A-Z0-9_]*)@/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${name}: no value for the placeholder @${key}@`);
    return value;
  });
}

/**
 * A whole script file written to hosts (not a part of the host program): `#!/bin/sh`, the given
 * first comment lines (the managed header), then DIR/NAME filled as shellFileIn does, without its
 * `# shellcheck shell=sh` line (there for shellcheck of the asset itself).
 */
export function hostScriptFile(dir: string, name: string, header: string, values: { readonly [placeholder: string]: string } = {}): string {
  return `#!/bin/sh\n${header}${shellFileIn(dir, name, values).replace(/^# shellcheck shell=sh\n/, '')}`;
}

/** Every host shell file shipped beside the library (shared and per concern), as absolute paths, sorted. */
export function shellAssetPaths(dir: string = LIB_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? shellAssetPaths(join(dir, e.name)) : e.name.endsWith('.sh') ? [join(dir, e.name)] : []))
    .sort();
}
