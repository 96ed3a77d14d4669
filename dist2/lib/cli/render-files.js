"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.manifestOf = manifestOf;
exports.writeRender = writeRender;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const host_files_1 = require("../render/host-files");
const out_dir_1 = require("./out-dir");
/** one entry per path: several instances' blocks of one .pgpass are one file */
function manifestOf(plan) {
    const byPath = new Map();
    for (const f of plan.files)
        if (!byPath.has(f.path))
            byPath.set(f.path, { path: f.path, kind: f.kind, owner: f.owner, group: f.group, mode: f.mode });
    return { instance: plan.instance.name, files: [...byPath.values()] };
}
/** the content written for each path: blocks sharing a file are joined in order */
function contentsOf(plan) {
    const out = new Map();
    for (const f of plan.files)
        if (f.content !== undefined && f.kind !== host_files_1.FileKind.DIRECTORY)
            out.set(f.path, (out.get(f.path) ?? '') + f.content);
    return out;
}
/**
 * DIR/<instance>/<absolute path on the host> for every file with content, plus manifest.json, under
 * the one --out policy (out-dir.ts): with `force` an earlier render's instance directories are
 * replaced, those of instances no longer in the config removed.
 */
function writeRender(plans, outDir, force) {
    (0, out_dir_1.writeOut)(outDir, 'render', force, (dir) => {
        for (const plan of plans) {
            const root = (0, node_path_1.join)(dir, plan.instance.name);
            for (const f of plan.files)
                if (f.kind === host_files_1.FileKind.DIRECTORY)
                    (0, node_fs_1.mkdirSync)((0, node_path_1.join)(root, f.path), { recursive: true });
            for (const [path, content] of contentsOf(plan)) {
                const target = (0, node_path_1.join)(root, path);
                (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(target), { recursive: true });
                (0, node_fs_1.writeFileSync)(target, content);
            }
            (0, node_fs_1.mkdirSync)(root, { recursive: true });
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(root, 'manifest.json'), JSON.stringify(manifestOf(plan), null, 2) + '\n');
        }
        return plans.map((p) => p.instance.name);
    });
}
