"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.repoRoot = repoRoot;
exports.topologiesDir = topologiesDir;
exports.goldenRoot = goldenRoot;
exports.listTopologies = listTopologies;
exports.topologyConfig = topologyConfig;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** The repository root (the first directory above this file with a package.json): works from dist/ too. */
function repoRoot() {
    let dir = __dirname;
    while (!(0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'package.json'))) {
        const up = (0, node_path_1.dirname)(dir);
        if (up === dir)
            throw new Error(`no package.json above ${__dirname}`);
        dir = up;
    }
    return dir;
}
/** test/fixtures/topologies in the source tree (fixtures are not compiled). */
function topologiesDir() {
    return (0, node_path_1.join)(repoRoot(), 'test', 'fixtures', 'topologies');
}
/** test/golden in the source tree. */
function goldenRoot() {
    return (0, node_path_1.join)(repoRoot(), 'test', 'golden');
}
/** The topology fixtures: every directory of test/fixtures/topologies holding a config.yml, sorted. */
function listTopologies() {
    const dir = topologiesDir();
    return (0, node_fs_1.readdirSync)(dir)
        .filter((name) => (0, node_fs_1.statSync)((0, node_path_1.join)(dir, name)).isDirectory() && (0, node_fs_1.existsSync)((0, node_path_1.join)(dir, name, 'config.yml')))
        .sort();
}
function topologyConfig(name) {
    return (0, node_path_1.join)(topologiesDir(), name, 'config.yml');
}
