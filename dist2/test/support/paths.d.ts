/** The repository root (the first directory above this file with a package.json): works from dist/ too. */
export declare function repoRoot(): string;
/** test/fixtures/topologies in the source tree (fixtures are not compiled). */
export declare function topologiesDir(): string;
/** test/golden in the source tree. */
export declare function goldenRoot(): string;
/** The topology fixtures: every directory of test/fixtures/topologies holding a config.yml, sorted. */
export declare function listTopologies(): string[];
export declare function topologyConfig(name: string): string;
