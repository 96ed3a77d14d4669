import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the first directory above this file with a package.json): works from dist/ too. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

/** test/fixtures/topologies in the source tree (fixtures are not compiled). */
export function topologiesDir(): string {
  return join(repoRoot(), 'test', 'fixtures', 'topologies');
}

/** test/golden in the source tree. */
export function goldenRoot(): string {
  return join(repoRoot(), 'test', 'golden');
}

/** The topology fixtures: every directory of test/fixtures/topologies holding a config.yml, sorted. */
export function listTopologies(): string[] {
  const dir = topologiesDir();
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'config.yml')))
    .sort();
}

export function topologyConfig(name: string): string {
  return join(topologiesDir(), name, 'config.yml');
}
