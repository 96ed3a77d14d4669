"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseDiagnose = parseDiagnose;
exports.parseCheckJson = parseCheckJson;
const report_1 = require("./report");
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v) => (typeof v === 'string' ? v : null);
/** The first JSON object in `text` (Barman may print warnings before it). */
function jsonObject(text, what) {
    const start = text.indexOf('{');
    if (start < 0)
        throw new Error(`${what}: no JSON object in Barman's output: ${text.trim().slice(0, 200)}`);
    const parsed = JSON.parse(text.slice(start));
    if (!isObject(parsed))
        throw new Error(`${what}: Barman's output is not a JSON object`);
    return parsed;
}
/** `replication_slot`: Barman's ReplicationSlot(slot_name, active, restart_lsn) namedtuple, a JSON array. */
function slotOf(v) {
    if (Array.isArray(v) && typeof v[0] === 'string')
        return { name: v[0], active: typeof v[1] === 'boolean' ? v[1] : null, restartLsn: str(v[2]) };
    if (isObject(v) && typeof v.slot_name === 'string')
        return { name: v.slot_name, active: typeof v.active === 'boolean' ? v.active : null, restartLsn: str(v.restart_lsn) };
    return null;
}
function backupsOf(v) {
    if (!isObject(v))
        return [];
    return Object.entries(v).map(([id, b]) => {
        const info = isObject(b) ? b : {};
        const end = str(info.end_time);
        const t = end === null ? NaN : Date.parse(end);
        return { id: str(info.backup_id) ?? id, status: str(info.status) ?? 'UNKNOWN', endTime: Number.isFinite(t) ? Math.floor(t / 1000) : null };
    });
}
/** The newest `name` of `last_archived_wal_per_timeline` (WAL names sort by timeline, then position). */
function lastWalOf(v) {
    const per = isObject(v) ? v.last_archived_wal_per_timeline : undefined;
    if (!isObject(per))
        return null;
    const names = Object.values(per).map((x) => (isObject(x) ? str(x.name) : str(x))).filter((x) => x !== null);
    return names.sort().pop() ?? null;
}
/** Parses `barman diagnose` (Barman 3.4 prints one JSON document). */
function parseDiagnose(text) {
    const doc = jsonObject(text, 'barman diagnose');
    const global = isObject(doc.global) ? doc.global : {};
    const system = isObject(global.system_info) ? global.system_info : {};
    const config = isObject(global.config) ? global.config : {};
    const errors = Array.isArray(config.errors_list) ? config.errors_list.map(String) : [];
    const servers = new Map();
    for (const [name, s] of Object.entries(isObject(doc.servers) ? doc.servers : {})) {
        const server = isObject(s) ? s : {};
        const status = isObject(server.status) ? server.status : {};
        servers.set(name, {
            backups: backupsOf(server.backups),
            slot: slotOf(status.replication_slot),
            postgresReachable: str(status.server_txt_version) !== null,
            connectionError: str(status.connection_error),
            lastArchivedWal: lastWalOf(server.wals),
        });
    }
    return { barmanVersion: str(system.barman_ver), errors, servers };
}
/** Parses `barman -f json check NAME...`: `{NAME: {check_key: {status, hint}}, _ERROR: [...]}`. */
function parseCheckJson(text) {
    const doc = jsonObject(text, 'barman check');
    const servers = new Map();
    const errors = [];
    for (const [key, v] of Object.entries(doc)) {
        if (key.startsWith('_')) {
            if (key === '_ERROR' || key === '_EXCEPTION')
                errors.push(...(Array.isArray(v) ? v.map(String) : [String(v)]));
            continue;
        }
        if (!isObject(v))
            continue;
        servers.set(key, Object.entries(v).map(([name, c]) => {
            const r = isObject(c) ? c : {};
            const status = r.status === 'OK' ? report_1.Verdict.OK : r.status === 'FAILED' ? report_1.Verdict.FAILED : report_1.Verdict.UNKNOWN;
            return { name, status, hint: str(r.hint) ?? '' };
        }));
    }
    return { servers, errors };
}
