"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * barman_backup_stagger: deterministic, per-server start minutes that do not move when other
 * instances come and go.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const diagnostic_helpers_1 = require("./diagnostic-helpers");
const cron_entries_1 = require("../../lib/render/cron-entries");
/** `count` primaries pg0.. backed up to bm1 (and the first two also to bm2), bm1 staggering. */
function estate(count, extra = '', serverVars = '      barman_backup_stagger: true') {
    const pgs = Array.from({ length: count }, (_, i) => `  - Name: pg${i}
    role: primary
    backup: [bm1${i < 2 ? ', bm2' : ''}]
${extra}`).join('');
    return `cluster_name: demo
instances:
${pgs}  - Name: bm1
    role: barman
    vars:
${serverVars}
  - Name: bm2
    role: barman
`;
}
function schedules(g, server) {
    return new Map(g.edgesOnServer(g.instance(server)).map((e) => [e.backupName, e.backupSchedule]));
}
(0, node_test_1.describe)('barman_backup_stagger', () => {
    (0, node_test_1.test)('instances on a staggering server start at distinct minutes; the rest of the schedule is kept', () => {
        const s = schedules((0, diagnostic_helpers_1.validGraph)(estate(12)), 'bm1');
        const minutes = [...s.values()].map((x) => x.split(' ')[0]);
        strict_1.default.equal(new Set(minutes).size, 12, [...s.values()].join('\n'));
        for (const x of s.values())
            strict_1.default.match(x, /^\d{1,2} 4 \* \* wed,sat$/);
    });
    (0, node_test_1.test)('a server that does not stagger keeps the given minute', () => {
        const s = schedules((0, diagnostic_helpers_1.validGraph)(estate(12)), 'bm2');
        strict_1.default.deepEqual([...s.values()], ['0 4 * * wed,sat', '0 4 * * wed,sat']);
    });
    (0, node_test_1.test)('the same input gives the same minutes; adding instances moves none of the existing ones', () => {
        const before = schedules((0, diagnostic_helpers_1.validGraph)(estate(5)), 'bm1');
        strict_1.default.deepEqual(schedules((0, diagnostic_helpers_1.validGraph)(estate(5)), 'bm1'), before);
        const after = schedules((0, diagnostic_helpers_1.validGraph)(estate(6)), 'bm1');
        for (const [name, schedule] of before)
            strict_1.default.equal(after.get(name), schedule, name);
    });
    (0, node_test_1.test)('more instances than minutes share minutes evenly, none is left out', () => {
        const s = schedules((0, diagnostic_helpers_1.validGraph)(estate(130)), 'bm1');
        const perMinute = new Map();
        for (const x of s.values())
            perMinute.set(x.split(' ')[0], (perMinute.get(x.split(' ')[0]) ?? 0) + 1);
        strict_1.default.equal(perMinute.size, 60);
        strict_1.default.ok(Math.max(...perMinute.values()) <= 3, JSON.stringify([...perMinute]));
    });
    (0, node_test_1.test)('a schedule whose minute is not one number (*/15, 0,30) is not staggered', () => {
        const s = schedules((0, diagnostic_helpers_1.validGraph)(estate(3, '    vars:\n      barman_backup_interval: "*/15 * * * *"\n')), 'bm1');
        strict_1.default.deepEqual([...new Set(s.values())], ['*/15 * * * *']);
    });
    (0, node_test_1.test)('the cron file uses the staggered schedule', () => {
        const g = (0, diagnostic_helpers_1.validGraph)(estate(3));
        for (const e of g.edgesOnServer(g.instance('bm1'))) {
            strict_1.default.ok((0, cron_entries_1.renderBackupCron)(e).includes(`\n${e.backupSchedule} barman `), (0, cron_entries_1.renderBackupCron)(e));
        }
    });
});
