"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.statusFixtureDir = statusFixtureDir;
exports.statusConfigPath = statusConfigPath;
exports.statusGraph = statusGraph;
exports.probeFixture = probeFixture;
exports.shiftClock = shiftClock;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const tpa_config_1 = require("../../lib/config/tpa-config");
const paths_1 = require("../support/paths");
/** test/fixtures/status: real probe output of the e2e sandbox (see its config.yml for how it was captured). */
function statusFixtureDir() {
    return (0, node_path_1.join)((0, paths_1.repoRoot)(), 'test', 'fixtures', 'status');
}
function statusConfigPath() {
    return (0, node_path_1.join)(statusFixtureDir(), 'config.yml');
}
function statusGraph() {
    return (0, tpa_config_1.loadGraphFromFile)(statusConfigPath());
}
/** `healthy`, `receive-wal-stopped`, `no-cron-daemon` */
function probeFixture(name) {
    return (0, node_fs_1.readFileSync)((0, node_path_1.join)(statusFixtureDir(), `${name}.probe.txt`), 'utf8');
}
/** the same probe output with the server's clock moved by `seconds` */
function shiftClock(probe, seconds) {
    return probe.replace(/(@@cdktf-barman-status now\n)(\d+)/, (_, mark, now) => `${mark}${Number(now) + seconds}`);
}
