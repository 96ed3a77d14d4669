"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STAGING_PREFIX = exports.OutputError = void 0;
exports.isSystemError = isSystemError;
exports.describeSystemError = describeSystemError;
exports.writeStaged = writeStaged;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** Output that cannot be written: one line for the user, exit 1, nothing of the new output left. */
class OutputError extends Error {
}
exports.OutputError = OutputError;
/** Prefix of the staging and old-output directories; a leftover one (a killed run) is ours. */
exports.STAGING_PREFIX = '.cdktf-barman-tmp-';
const REASONS = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted (immutable or protected)',
    ENOTDIR: 'a part of the path is a file, not a directory',
    EISDIR: 'a directory is in the way',
    ENAMETOOLONG: 'a file name is too long (shorten cluster_name or the instance names)',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EROFS: 'read-only file system',
    EEXIST: 'a file is in the way of a directory',
    ENOTEMPTY: 'a directory in the way is not empty',
    EBUSY: 'the path is busy (a mount point?)',
    ELOOP: 'too many symbolic links',
};
/** True for the errors the operating system raises (they carry an errno code). */
function isSystemError(e) {
    return e instanceof Error && typeof e.code === 'string';
}
/** `PATH: REASON` of a system error, without Node's own wording. */
function describeSystemError(e) {
    const reason = REASONS[e.code ?? ''] ?? (e.code ?? 'error').toLowerCase();
    return e.path === undefined ? reason : `${e.path}: ${reason}`;
}
function asOutputError(target, e) {
    if (!isSystemError(e))
        return e;
    return new OutputError(`cannot write ${target}: ${describeSystemError(e)}: fix that or choose another --out; nothing written`);
}
/** Every directory below (and including) `path` must be writable for it to be moved and deleted. */
function checkRemovable(path) {
    const st = (0, node_fs_1.lstatSync)(path);
    if (!st.isDirectory())
        return;
    (0, node_fs_1.accessSync)(path, node_fs_1.constants.W_OK | node_fs_1.constants.X_OK);
    for (const name of (0, node_fs_1.readdirSync)(path))
        checkRemovable((0, node_path_1.join)(path, name));
}
/**
 * Writes a new output through `fill(staging)` into a staging directory on the target's file
 * system, then moves it into `target`: when `target` is missing the staging directory becomes it;
 * else each new entry replaces its namesake, and the entries named in `replaced` (the old output)
 * are removed. Any failure undoes every move: nothing of the new output is left, the old is intact.
 */
function writeStaged(target, fill, replaced = []) {
    const abs = (0, node_path_1.resolve)(target);
    let createdParent;
    let staging;
    let old;
    const done = [];
    try {
        const exists = (0, node_fs_1.existsSync)(abs);
        if (exists) {
            staging = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)(abs, exports.STAGING_PREFIX));
        }
        else {
            createdParent = (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(abs), { recursive: true });
            staging = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_path_1.dirname)(abs), `.${(0, node_path_1.basename)(abs)}${exports.STAGING_PREFIX}`));
        }
        fill(staging);
        if (!exists) {
            (0, node_fs_1.renameSync)(staging, abs);
            return;
        }
        const present = (0, node_fs_1.readdirSync)(abs);
        const leftovers = present.filter((n) => n.startsWith(exports.STAGING_PREFIX) && (0, node_path_1.join)(abs, n) !== staging);
        const toRemove = [...new Set([...replaced.filter((n) => present.includes(n)), ...leftovers])];
        for (const name of toRemove)
            checkRemovable((0, node_path_1.join)(abs, name));
        const added = (0, node_fs_1.readdirSync)(staging);
        const clashes = added.filter((n) => present.includes(n) && !toRemove.includes(n));
        if (clashes.length > 0)
            throw new OutputError(`${target} already holds ${clashes.join(', ')}, which this run did not write: move them away or choose another --out; nothing written`);
        old = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)(abs, exports.STAGING_PREFIX));
        for (const name of toRemove) {
            const from = (0, node_path_1.join)(abs, name);
            const to = (0, node_path_1.join)(old, name);
            // a file stays in place (a second link keeps it) until the new one replaces it atomically
            if ((0, node_fs_1.lstatSync)(from).isDirectory())
                (0, node_fs_1.renameSync)(from, to);
            else
                (0, node_fs_1.linkSync)(from, to);
            done.push({ from, to });
        }
        for (const name of added) {
            const from = (0, node_path_1.join)(staging, name);
            const to = (0, node_path_1.join)(abs, name);
            (0, node_fs_1.renameSync)(from, to);
            done.push({ from, to });
        }
        // old files no new one replaced are still linked in place
        for (const name of toRemove)
            if (!added.includes(name) && (0, node_fs_1.existsSync)((0, node_path_1.join)(abs, name)))
                (0, node_fs_1.unlinkSync)((0, node_path_1.join)(abs, name));
    }
    catch (e) {
        for (const m of done.reverse()) {
            try {
                (0, node_fs_1.renameSync)(m.to, m.from);
            }
            catch {
                // best effort: the error below names the target
            }
        }
        for (const dir of [staging, old, createdParent])
            if (dir !== undefined)
                (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
        throw asOutputError(target, e);
    }
    (0, node_fs_1.rmSync)(staging, { recursive: true, force: true });
    try {
        (0, node_fs_1.rmSync)(old, { recursive: true, force: true });
    }
    catch (e) {
        throw new OutputError(`the new output is in ${target}, but its old output moved to ${old} could not be removed (immutable or protected files?): ${isSystemError(e) ? describeSystemError(e) : String(e)}: remove it by hand (a later --force also retries)`);
    }
}
