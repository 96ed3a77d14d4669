import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** where the host shell files live: lib/scripts/shell in the sources, copied beside this module by the build */
export const SHELL_DIR = join(__dirname, 'shell');

/**
 * One host shell file (lib/scripts/shell/NAME, shellchecked as a file by the tests), with its
 * `@NAME@` placeholders replaced by the library's own constants, so a path or a role name lives in
 * one place. A placeholder without a value is a programming error.
 */
export function shellFile(name: string, values: { readonly [placeholder: string]: string } = {}): string {
  const path = join(SHELL_DIR, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: the build copies lib/scripts/shell/*.sh beside the compiled library (npm run build)`);
  }
  return text.replace(/@([A-Z][A-Z0-9_]*)@/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${name}: no value for the placeholder @${key}@`);
    return value;
  });
}
