"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.median = exports.ROOT = void 0;
exports.worker = worker;
/** What bench/run.ts and bench/profile.ts share: fresh-process runs of bench/worker.ts. */
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** the repository root (this file runs from dist/bench/) */
exports.ROOT = (0, node_path_1.resolve)(__dirname, '..', '..');
const WORKER = (0, node_path_1.join)(__dirname, 'worker.js');
const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
exports.median = median;
/** One measured run in a fresh node process (see bench/worker.ts); OUT is emptied first. */
function worker(mode, input, out, nodeArgs = []) {
    (0, node_fs_1.rmSync)(out, { recursive: true, force: true });
    const r = (0, node_child_process_1.spawnSync)(process.execPath, [...nodeArgs, WORKER, mode, input, out], { cwd: exports.ROOT, encoding: 'utf8', maxBuffer: 16 << 20 });
    if (r.status !== 0)
        throw new Error(`worker ${mode} ${input} failed (${r.status ?? r.signal}):\n${r.stderr}`);
    const last = r.stdout.trim().split('\n').pop() ?? '';
    return JSON.parse(last);
}
