"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readTfJson = void 0;
exports.countResources = countResources;
exports.reviewPayloadBytes = reviewPayloadBytes;
exports.byteBreakdown = byteBreakdown;
exports.floorStack = floorStack;
exports.comparable = comparable;
/**
 * What the bench reads out of a synthesized .tf.json, whatever its exact shape (terraform_data or
 * null_resource, `triggers_replace` or `triggers`, with or without locals and outputs):
 *
 * - the review payload: what a plan review shows, the JSON text of every resource's triggers;
 * - where the bytes go (triggers, provisioners, connections, locals, the rest);
 * - the plan floor: the same file without provisioners and connections.
 */
const node_fs_1 = require("node:fs");
/** the trigger attributes of terraform_data and null_resource */
const TRIGGERS = ['triggers_replace', 'triggers'];
/** what the plan floor leaves out of every resource */
const FLOOR_DROPS = ['provisioner', 'connection'];
const readTfJson = (file) => JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8'));
exports.readTfJson = readTfJson;
const bytesOf = (v) => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v), 'utf8'));
function* bodies(json) {
    for (const byId of Object.values(json.resource ?? {}))
        yield* Object.values(byId);
}
function countResources(json) {
    let resources = 0;
    for (const _ of bodies(json))
        resources++;
    return { resources, variables: Object.keys(json.variable ?? {}) };
}
/** bytes of the compact JSON text of every resource's triggers object (keys and values) */
function reviewPayloadBytes(json) {
    let n = 0;
    for (const body of bodies(json))
        for (const t of TRIGGERS)
            n += bytesOf(body[t]);
    return n;
}
/** compact JSON bytes by part: resources' triggers, provisioners, connections; locals; all */
function byteBreakdown(json) {
    const parts = { triggers: 0, provisioners: 0, connections: 0, locals: bytesOf(json.locals), total: bytesOf(json) };
    for (const body of bodies(json)) {
        for (const t of TRIGGERS)
            parts.triggers += bytesOf(body[t]);
        parts.provisioners += bytesOf(body.provisioner);
        parts.connections += bytesOf(body.connection);
    }
    return parts;
}
/**
 * The plan floor: the same resources with the same triggers, no provisioners, no
 * connections. Everything else stays (locals, variables, outputs, depends_on, lifecycle), so it
 * plans with the same TF_VAR_ environment and the same graph.
 */
function floorStack(json) {
    const resource = {};
    for (const [type, byId] of Object.entries(json.resource ?? {})) {
        resource[type] = {};
        for (const [id, body] of Object.entries(byId)) {
            resource[type][id] = Object.fromEntries(Object.entries(body).filter(([k]) => !FLOOR_DROPS.includes(k)));
        }
    }
    return { ...json, resource };
}
/** resources and variables without cdktf's "//" metadata, as canonical text */
function comparable(json) {
    const strip = (v) => {
        if (Array.isArray(v))
            return v.map(strip);
        if (typeof v !== 'object' || v === null)
            return v;
        return Object.fromEntries(Object.entries(v).filter(([k]) => k !== '//').map(([k, x]) => [k, strip(x)]));
    };
    return JSON.stringify(strip({ resource: json.resource, variable: json.variable }));
}
