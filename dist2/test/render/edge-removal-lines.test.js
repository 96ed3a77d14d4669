"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * What a removed backup edge leaves in the ssh files: re-rendering drops the known_hosts and
 * authorized_keys lines that only it needed, and merge_lines (which replaces every marked line)
 * takes them off the host. Two removals: an instance leaves the graph, and an instance drops one
 * Barman server from its `backup`.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const enums_1 = require("../../lib/model/enums");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const host_files_1 = require("../../lib/render/host-files");
const key_material_1 = require("../../lib/render/key-material");
const shell_quote_1 = require("../../lib/render/shell-quote");
const shell_library_1 = require("../../lib/scripts/shell-library");
const hostKey = (n) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${String(n).repeat(43).slice(0, 43)}`;
/** pg1 to bk1; pg2 to bk1 and bk2; per-host keys, pinned host keys (concrete lines) */
function graph(pg2Backup) {
    const instances = [
        { name: 'pg1', roles: [enums_1.Role.PRIMARY], address: '10.0.0.1', backup: ['bk1'], sshHostKeys: [hostKey(1)] },
        { name: 'bk1', roles: [enums_1.Role.BARMAN], address: '10.0.0.11', sshHostKeys: [hostKey(3)] },
        { name: 'bk2', roles: [enums_1.Role.BARMAN], address: '10.0.0.12', sshHostKeys: [hostKey(4)] },
    ];
    if (pg2Backup)
        instances.push({ name: 'pg2', roles: [enums_1.Role.PRIMARY], address: '10.0.0.2', backup: pg2Backup, sshHostKeys: [hostKey(2)] });
    return (0, typed_cluster_1.graphFromProps)({ clusterName: 'rm', instances });
}
const KEYS = new key_material_1.PlaceholderKeys(undefined, true);
function fileOf(g, host, path) {
    return (0, host_files_1.renderHosts)(g, KEYS).find((p) => p.instance.name === host)?.files.find((f) => f.path === path);
}
const linesOf = (g, host, path) => (fileOf(g, host, path)?.content ?? '').split('\n').filter((l) => l !== '');
const LIST = '/usr/local/lib/cdktf-barman/rm.managed';
const BARMAN_KH = '/var/lib/barman/.ssh/known_hosts';
const BARMAN_AK = '/var/lib/barman/.ssh/authorized_keys';
const PG_KH = '/var/lib/postgresql/.ssh/known_hosts';
const PG_AK = '/var/lib/postgresql/.ssh/authorized_keys';
/** runs the shell library's merge_lines as the host scripts do: old managed lines out, new ones in */
function mergeOnto(existing, managed) {
    const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-lines-'));
    try {
        const file = (0, node_path_1.join)(dir, 'known_hosts');
        (0, node_fs_1.writeFileSync)(file, existing);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'new'), managed.content ?? '');
        const me = (0, node_child_process_1.spawnSync)('sh', ['-c', 'id -un; id -gn'], { encoding: 'utf8' }).stdout.split('\n');
        const r = (0, node_child_process_1.spawnSync)('sh', ['-c', `${shell_library_1.SHELL_LIBRARY}\nmerge_lines ${(0, shell_quote_1.shellQuote)(file)} ${me[0]} ${me[1]} 0644 'cdktf-barman:rm' ${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(dir, 'new'))}`], { encoding: 'utf8' });
        strict_1.default.equal(r.status, 0, r.stderr);
        return (0, node_fs_1.readFileSync)(file, 'utf8');
    }
    finally {
        (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    }
}
(0, node_test_1.describe)('an instance removed from the graph', () => {
    const before = graph(['bk1', 'bk2']);
    const after = graph(undefined);
    (0, node_test_1.test)("its Barman servers forget its host key and (per-host keys) its postgres key; other instances' lines stay", () => {
        strict_1.default.ok(linesOf(before, 'bk1', BARMAN_KH).some((l) => l.startsWith('10.0.0.2 ')));
        strict_1.default.deepEqual(linesOf(after, 'bk1', BARMAN_KH), [`10.0.0.1 ${hostKey(1)} cdktf-barman:rm`]);
        strict_1.default.ok(linesOf(before, 'bk1', BARMAN_AK).some((l) => l.includes('postgres@pg2')));
        strict_1.default.deepEqual(linesOf(after, 'bk1', BARMAN_AK).filter((l) => l.includes('pg2')), [], 'no key of pg2 authorized on bk1');
        strict_1.default.equal(linesOf(after, 'bk1', BARMAN_AK).length, 1, "pg1's key stays");
        strict_1.default.deepEqual(linesOf(after, 'bk2', BARMAN_KH), [], 'bk2 backs up nothing now: no managed known_hosts line');
        strict_1.default.deepEqual(linesOf(after, 'bk2', LIST), [], 'and its managed list is empty: the reconcile retires pg2 there');
        strict_1.default.deepEqual(linesOf(after, 'bk1', LIST), ['/etc/barman.d/pg1.conf', '/etc/cron.d/pg1', 'pgpass:pg1']);
    });
    (0, node_test_1.test)("with the cluster key (one postgres key for all), pg2's own line (its from=, its grants) goes and pg1's stays", () => {
        const shared = new key_material_1.PlaceholderKeys();
        const ak = (g) => (0, host_files_1.renderHosts)(g, shared).find((p) => p.instance.name === 'bk1').files.find((f) => f.path === BARMAN_AK).content;
        const lines = (g) => ak(g).split('\n').filter((l) => l !== '');
        strict_1.default.equal(lines(before).length, 2);
        strict_1.default.deepEqual(lines(after), lines(before).filter((l) => l.includes('from="10.0.0.1"')));
        strict_1.default.doesNotMatch(ak(after), /pg2/);
    });
    (0, node_test_1.test)("on the host, merge_lines takes pg2's known_hosts line off and keeps foreign lines", () => {
        const foreign = `elsewhere ${hostKey(9)}\n`;
        const onHost = foreign + fileOf(before, 'bk1', BARMAN_KH).content;
        const merged = mergeOnto(onHost, fileOf(after, 'bk1', BARMAN_KH));
        strict_1.default.equal(merged, `${foreign}10.0.0.1 ${hostKey(1)} cdktf-barman:rm\n`);
    });
});
(0, node_test_1.describe)('a Barman server dropped from an instance\'s backup', () => {
    const before = graph(['bk1', 'bk2']);
    const after = graph(['bk1']);
    (0, node_test_1.test)('the dropped server forgets the instance: managed list (so its reconcile retires it), known_hosts, authorized_keys', () => {
        strict_1.default.deepEqual(linesOf(before, 'bk2', LIST), ['/etc/barman.d/pg2.conf', '/etc/cron.d/pg2', 'pgpass:pg2']);
        strict_1.default.deepEqual(linesOf(after, 'bk2', LIST), []);
        strict_1.default.deepEqual(linesOf(after, 'bk2', BARMAN_KH), []);
        strict_1.default.deepEqual(linesOf(after, 'bk2', BARMAN_AK), []);
    });
    (0, node_test_1.test)("the instance forgets the dropped server's host key; the server it keeps is unchanged", () => {
        strict_1.default.deepEqual(linesOf(before, 'pg2', PG_KH), [`10.0.0.11 ${hostKey(3)} cdktf-barman:rm`, `10.0.0.12 ${hostKey(4)} cdktf-barman:rm`]);
        strict_1.default.deepEqual(linesOf(after, 'pg2', PG_KH), [`10.0.0.11 ${hostKey(3)} cdktf-barman:rm`]);
        const merged = mergeOnto(fileOf(before, 'pg2', PG_KH).content, fileOf(after, 'pg2', PG_KH));
        strict_1.default.equal(merged, `10.0.0.11 ${hostKey(3)} cdktf-barman:rm\n`);
        for (const path of [BARMAN_KH, BARMAN_AK, LIST, '/etc/barman.d/pg2.conf'])
            strict_1.default.equal(fileOf(after, 'bk1', path)?.content, fileOf(before, 'bk1', path)?.content, `bk1 ${path}`);
    });
    (0, node_test_1.test)("the instance still authorizes the dropped server's barman key: every Barman server may restore to every Postgres instance (SPEC 3)", () => {
        strict_1.default.ok(linesOf(after, 'pg2', PG_AK).some((l) => l.includes('barman@bk2') || l.includes('barman@rm')), linesOf(after, 'pg2', PG_AK).join('\n'));
    });
    (0, node_test_1.test)('the kinds of these files are the merged kind (marked lines only), so foreign lines are never touched', () => {
        for (const [host, path] of [['bk2', BARMAN_KH], ['pg2', PG_KH], ['bk1', BARMAN_AK]])
            strict_1.default.equal(fileOf(after, host, path).kind, host_files_1.FileKind.MANAGED_LINES);
    });
});
