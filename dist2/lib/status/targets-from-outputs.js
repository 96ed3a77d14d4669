"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StatusTargetsError = void 0;
exports.readStatusTargets = readStatusTargets;
/**
 * Reads the status targets back from a deployed stack's outputs: the JSON of
 * `terraform output -json`, of `cdktf output --outputs-file`, or the targets document itself.
 * The text is the user's own, but it is still input: every field is checked before ssh sees it.
 */
const diagnostics_1 = require("../model/diagnostics");
const names_1 = require("../model/names");
const periods_1 = require("../model/periods");
const targets_1 = require("./targets");
/** Outputs that hold no usable targets: one line for the user, exit 1. */
class StatusTargetsError extends Error {
}
exports.StatusTargetsError = StatusTargetsError;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A targets document, as an object or as the JSON string Terraform keeps it in. */
function asTargets(v) {
    if (typeof v === 'string' && v.includes(targets_1.STATUS_TARGETS_KIND)) {
        try {
            v = JSON.parse(v);
        }
        catch {
            return undefined;
        }
    }
    return isObject(v) && v.kind === targets_1.STATUS_TARGETS_KIND ? v : undefined;
}
/** Every targets document in the outputs, with the output name it came from. */
function findTargets(v, path, depth, found) {
    const doc = asTargets(v);
    if (doc !== undefined) {
        found.push({ path, doc });
        return;
    }
    if (!isObject(v) || depth === 0)
        return;
    for (const [k, child] of Object.entries(v))
        findTargets(child, path === '' ? k : `${path}.${k}`, depth - 1, found);
}
const text = (v, what, ok) => {
    if (typeof v !== 'string' || !(typeof ok === 'function' ? ok(v) : ok.test(v)))
        throw new StatusTargetsError(`${what} is ${(0, diagnostics_1.showValue)(v)}: not what this version of cdktf-barman writes; synthesize and apply the stack again`);
    return v;
};
const whole = (v, what, min, max) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
        throw new StatusTargetsError(`${what} is ${(0, diagnostics_1.showValue)(v)}: expected a whole number from ${min} to ${max}`);
    return v;
};
const list = (v, what) => {
    if (!Array.isArray(v))
        throw new StatusTargetsError(`${what} is not a list`);
    return v;
};
/** names and paths: printable, no leading '-' (ssh would read an option); hosts: isAddress */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const PATH = /^\/[^\0-\x1f\x7f]*$/;
const SHA256 = /^[0-9a-f]{64}$/;
function backupTarget(v, where) {
    if (!isObject(v))
        throw new StatusTargetsError(`${where} is not an object`);
    return {
        instance: text(v.instance, `${where}.instance`, NAME),
        backupName: text(v.backupName, `${where}.backupName`, NAME),
        slotName: text(v.slotName, `${where}.slotName`, NAME),
        lastBackupMaximumAge: text(v.lastBackupMaximumAge, `${where}.lastBackupMaximumAge`, (s) => (0, periods_1.ageSeconds)(s) !== undefined),
        minimumRedundancy: whole(v.minimumRedundancy, `${where}.minimumRedundancy`, 0, 1_000_000),
    };
}
function serverTarget(v, where) {
    if (!isObject(v))
        throw new StatusTargetsError(`${where} is not an object`);
    const host = text(v.host, `${where}.host`, names_1.isAddress);
    const files = {};
    if (!isObject(v.files))
        throw new StatusTargetsError(`${where}.files is not an object`);
    for (const [path, sum] of Object.entries(v.files))
        files[text(path, `a path of ${where}.files`, PATH)] = text(sum, `${where}.files[${(0, diagnostics_1.showValue)(path)}]`, SHA256);
    return {
        name: text(v.name, `${where}.name`, NAME),
        host,
        port: whole(v.port, `${where}.port`, 1, 65535),
        barmanUser: text(v.barmanUser, `${where}.barmanUser`, NAME),
        barmanHome: text(v.barmanHome, `${where}.barmanHome`, PATH),
        backups: list(v.backups, `${where}.backups`).map((b, i) => backupTarget(b, `${where}.backups[${i}]`)),
        files,
    };
}
/**
 * The one targets document in `json` (`source` names it in errors); with several clusters in the
 * outputs, `cluster` picks one.
 */
function readStatusTargets(json, source, cluster) {
    let parsed;
    try {
        parsed = JSON.parse(json);
    }
    catch (e) {
        throw new StatusTargetsError(`${source}: not JSON (${e.message}): give the output of \`terraform output -json\` or \`cdktf output --outputs-file\``);
    }
    const found = [];
    findTargets(parsed, '', 3, found);
    const chosen = cluster === undefined ? found : found.filter((f) => f.doc.cluster === cluster);
    if (chosen.length === 0) {
        if (cluster !== undefined && found.length > 0)
            throw new StatusTargetsError(`${source}: no cluster ${(0, diagnostics_1.showValue)(cluster)} in the outputs (they hold ${found.map((f) => (0, diagnostics_1.showValue)(f.doc.cluster)).join(', ')})`);
        throw new StatusTargetsError(`${source}: no <prefix>_status_targets output: synthesize the stack with this version of cdktf-barman, apply it, and give the output of \`terraform output -json\``);
    }
    if (chosen.length > 1)
        throw new StatusTargetsError(`${source}: ${chosen.length} clusters in the outputs (${chosen.map((f) => (0, diagnostics_1.showValue)(f.doc.cluster)).join(', ')}): choose one with --cluster NAME`);
    const doc = chosen[0].doc;
    const where = chosen[0].path || 'the targets';
    if (doc.formatVersion !== 1)
        throw new StatusTargetsError(`${source}: ${where} has formatVersion ${(0, diagnostics_1.showValue)(doc.formatVersion)}, this cdktf-barman reads 1: use the cdktf-barman that synthesized the stack`);
    return {
        kind: targets_1.STATUS_TARGETS_KIND,
        formatVersion: 1,
        cluster: text(doc.cluster, `${where}.cluster`, NAME),
        servers: list(doc.servers, `${where}.servers`).map((s, i) => serverTarget(s, `${where}.servers[${i}]`)),
    };
}
