"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OUT_OPTIONS = exports.manifestName = void 0;
exports.outDirOf = outDirOf;
exports.checkOutDir = checkOutDir;
exports.ownEntries = ownEntries;
exports.writeOut = writeOut;
/**
 * The one `--out` policy of every command that writes files (render, synth): DIR must be missing
 * or empty, unless --force; --force replaces only what an earlier run of the same command wrote
 * there (listed in its manifest, DIR/.cdktf-barman-<command>.json) and leaves everything else in
 * DIR as it is; a new file whose name something else already holds is refused. The write is staged:
 * on any failure DIR is left as it was.
 */
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const diagnostics_1 = require("../model/diagnostics");
const command_line_1 = require("./command-line");
const staged_output_1 = require("./staged-output");
/** The manifest a command writes at the top of DIR: what a later --force may replace. */
const manifestName = (command) => `.cdktf-barman-${command}.json`;
exports.manifestName = manifestName;
/** --out and --force: the one policy of every command that writes (out-dir.ts) */
exports.OUT_OPTIONS = [
    { name: 'out', value: 'DIR', help: 'where to write (required); must be missing or empty unless --force' },
    { name: 'force', help: 'write into a non-empty DIR: replaces only what an earlier run of the\nsame command wrote there (its manifest lists it), leaves the rest' },
];
/** The --out DIR of a writing command, checked against the one policy. */
function outDirOf(args, command) {
    const out = (0, command_line_1.valueOf)(args, 'out');
    if (out === undefined)
        throw new command_line_1.UsageError('--out DIR is required');
    const force = args.options.has('force');
    checkOutDir(out, force, command);
    return { out, force };
}
/** Refuses (UsageError) a DIR that is a file, or a non-empty DIR without --force. */
function checkOutDir(out, force, command) {
    if (!(0, node_fs_1.existsSync)(out))
        return;
    if (!(0, node_fs_1.statSync)(out).isDirectory())
        throw new command_line_1.UsageError(`${(0, diagnostics_1.showValue)(out)} exists and is not a directory: choose a directory`);
    const present = (0, node_fs_1.readdirSync)(out).filter((n) => !n.startsWith(staged_output_1.STAGING_PREFIX));
    if (!force && present.length > 0) {
        throw new command_line_1.UsageError(`${(0, diagnostics_1.showValue)(out)} is not empty: choose a new directory, or give --force (it replaces only what an earlier ${command} wrote there and leaves the rest)`);
    }
}
/** What the last run of `command` into DIR wrote (none when DIR holds no readable manifest). */
function ownEntries(out, command) {
    let text;
    try {
        text = (0, node_fs_1.readFileSync)((0, node_path_1.join)(out, (0, exports.manifestName)(command)), 'utf8');
    }
    catch {
        return [];
    }
    try {
        const m = JSON.parse(text);
        // render's first manifests called the list `instances`
        const listed = Array.isArray(m.entries) ? m.entries : Array.isArray(m.instances) ? m.instances : [];
        const names = listed.filter((n) => typeof n === 'string' && n !== '' && !n.includes('/') && n !== '.' && n !== '..' && !n.startsWith(staged_output_1.STAGING_PREFIX));
        return [...names, (0, exports.manifestName)(command)];
    }
    catch {
        return [];
    }
}
/**
 * Writes a command's output into DIR through `fill(staging)`, which returns the top-level entries
 * it wrote; adds the manifest. With `force`, the previous output of the same command is replaced.
 */
function writeOut(out, command, force, fill) {
    (0, staged_output_1.writeStaged)(out, (dir) => {
        const manifest = { formatVersion: 1, command, entries: fill(dir) };
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, (0, exports.manifestName)(command)), JSON.stringify(manifest, null, 2) + '\n');
    }, force ? ownEntries(out, command) : []);
}
