"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Least-privilege authorized_keys lines: the options (restrict, from=, command=), how lines of a
 * shared key are split per instance or merged, the host-name and opt-out cases, as renderHosts
 * writes them for a graph.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const enums_1 = require("../../lib/model/enums");
const ip_patterns_1 = require("../../lib/model/ip-patterns");
const authorized_key_options_1 = require("../../lib/render/authorized-key-options");
const authorized_keys_1 = require("../../lib/render/authorized-keys");
const host_files_1 = require("../../lib/render/host-files");
const key_material_1 = require("../../lib/render/key-material");
const ssh_lines_1 = require("../../lib/render/ssh-lines");
const wal_gate_1 = require("../../lib/render/wal-gate");
const GATE = wal_gate_1.WAL_GATE_PATH;
function authorizedKeys(instances, settings = {}, perHostKeys = false) {
    const g = (0, typed_cluster_1.graphFromProps)({ clusterName: 'shop', settings: { postgresVersion: 15, ...settings }, instances });
    const out = new Map();
    for (const p of (0, host_files_1.renderHosts)(g, new key_material_1.PlaceholderKeys(undefined, perHostKeys))) {
        const f = p.files.find((x) => x.path.endsWith('/.ssh/authorized_keys'));
        if (f)
            out.set(p.instance.name, (f.content ?? '').split('\n').slice(0, -1));
    }
    return out;
}
const options = (line) => line.slice(0, line.indexOf(' ssh-'));
(0, node_test_1.describe)('authorized_keys options', () => {
    (0, node_test_1.test)('restrict always; from= and command= when given, command double quotes escaped', () => {
        strict_1.default.equal((0, authorized_key_options_1.authorizedKeyOptions)({}), 'restrict');
        strict_1.default.equal((0, authorized_key_options_1.authorizedKeyOptions)({ from: ['10.0.0.1', '10.1.0.0/16', 'fd00::1'] }), 'restrict,from="10.0.0.1,10.1.0.0/16,fd00::1"');
        strict_1.default.equal((0, authorized_key_options_1.authorizedKeyOptions)({ command: `/x 'a' "b"` }), `restrict,command="/x 'a' \\"b\\""`);
    });
    (0, node_test_1.test)('never a from= sshd cannot match, never a command sshd would read differently', () => {
        strict_1.default.throws(() => (0, authorized_key_options_1.authorizedKeyOptions)({ from: ['db-1.example.com'] }), /IP addresses or CIDRs, got 'db-1\.example\.com'/);
        strict_1.default.throws(() => (0, authorized_key_options_1.authorizedKeyOptions)({ from: [] }), /IP addresses or CIDRs/);
        strict_1.default.throws(() => (0, authorized_key_options_1.authorizedKeyOptions)({ command: '/x \\n' }), /backslash or a newline/);
        strict_1.default.throws(() => (0, authorized_key_options_1.authorizedKeyOptions)({ command: '/x\nid' }), /backslash or a newline/);
    });
    (0, node_test_1.test)('from= patterns: IPv4, IPv6 and CIDRs; not names, zoned IPv6 or bad prefixes', () => {
        for (const ok of ['10.0.0.1', '10.0.0.0/8', '0.0.0.0/0', 'fd00::22', '::1', 'fd00::/64'])
            strict_1.default.ok((0, ip_patterns_1.isFromPattern)(ok), ok);
        for (const bad of ['db-1', 'db-1.example.com', '10.0.0.300', '10.0.0.0/33', 'fe80::1%eth0', 'fd00::/129', '10.0.0.1/x', '*'])
            strict_1.default.equal((0, ip_patterns_1.isFromPattern)(bad), false, bad);
    });
    (0, node_test_1.test)('overlap: same address, an address inside a CIDR, IPv6 CIDRs; IPv4 and IPv6 never', () => {
        strict_1.default.ok((0, ip_patterns_1.addressListsOverlap)(['10.0.0.1'], ['10.0.0.1']));
        strict_1.default.ok((0, ip_patterns_1.addressListsOverlap)(['10.0.0.0/24'], ['10.0.0.77']));
        strict_1.default.ok((0, ip_patterns_1.addressListsOverlap)(['10.0.0.77'], ['10.0.0.0/24']));
        strict_1.default.ok((0, ip_patterns_1.addressListsOverlap)(['0.0.0.0/0'], ['192.0.2.1']));
        strict_1.default.ok((0, ip_patterns_1.addressListsOverlap)(['fd00::/64'], ['fd00::9']));
        strict_1.default.ok((0, ip_patterns_1.addressListsOverlap)(['a-host'], ['10.0.0.1']), 'a name could be any address');
        strict_1.default.equal((0, ip_patterns_1.addressListsOverlap)(['10.0.0.1'], ['10.0.0.2']), false);
        strict_1.default.equal((0, ip_patterns_1.addressListsOverlap)(['10.0.0.0/25'], ['10.0.0.128/25']), false);
        strict_1.default.equal((0, ip_patterns_1.addressListsOverlap)(['10.0.0.1'], ['fd00::1']), false);
    });
    (0, node_test_1.test)('keyLines: a shared key gets one line per group of clients whose addresses can overlap, in input order', () => {
        const c = (ref, addresses, grants) => ({ ref, key: 'K', addresses, grants });
        const lines = (0, authorized_keys_1.keyLines)([c('a', ['10.0.0.1'], ['put-wal:a']), c('b', ['10.0.1.0/24'], ['put-wal:b']), c('c', ['10.0.0.1'], ['put-wal:c']), c('d', ['10.0.1.9'], ['get-wal:a'])], true);
        strict_1.default.deepEqual(lines, [
            { ref: 'a', options: `restrict,from="10.0.0.1",command="${GATE} 'put-wal:a' 'put-wal:c'"` },
            { ref: 'b', options: `restrict,from="10.0.1.0/24,10.0.1.9",command="${GATE} 'put-wal:b' 'get-wal:a'"` },
        ]);
        // unrestricted: one plain line per key
        strict_1.default.deepEqual((0, authorized_keys_1.keyLines)([c('a', ['10.0.0.1'], ['put-wal:a']), c('b', ['10.0.0.2'], ['put-wal:b'])], false), [{ ref: 'a' }]);
    });
});
(0, node_test_1.describe)('authorized_keys on the hosts (renderHosts)', () => {
    const fleet = [
        { name: 'db-1', roles: [enums_1.Role.PRIMARY], address: '10.0.0.11', backup: ['bm-1'] },
        { name: 'db-2', roles: [enums_1.Role.REPLICA], upstream: 'db-1', address: '10.0.0.12', settings: { walRestore: true } },
        { name: 'db-3', roles: [enums_1.Role.PRIMARY], address: '10.0.0.13', clientAddresses: ['10.9.0.0/16'], backup: ['bm-1'], settings: { backupName: 'db-3.main' } },
        { name: 'bm-1', roles: [enums_1.Role.BARMAN], address: '10.0.0.21', clientAddresses: ['10.0.0.21', '10.0.5.21'] },
    ];
    (0, node_test_1.test)('shared cluster key: one line per Postgres instance on the Barman server, each from its addresses, for its own WAL', () => {
        const ak = authorizedKeys(fleet).get('bm-1');
        strict_1.default.deepEqual(ak.map(options), [
            `restrict,from="10.0.0.11",command="${GATE} 'put-wal:db-1' 'get-wal:db-1'"`,
            `restrict,from="10.9.0.0/16",command="${GATE} 'put-wal:db-3.main' 'get-wal:db-3.main'"`,
            // the replica only fetches its primary's WAL (restore_command): no put-wal
            `restrict,from="10.0.0.12",command="${GATE} 'get-wal:db-1'"`,
        ]);
        for (const l of ak)
            strict_1.default.ok((0, ssh_lines_1.isManagedLine)(l, 'shop'), `the marker stays last: ${l}`);
        strict_1.default.equal(new Set(ak.map((l) => l.slice(options(l).length + 1))).size, 1, 'the same (cluster) key on every line');
    });
    (0, node_test_1.test)('Postgres side: the barman key with restrict and from= the Barman servers, no forced command', () => {
        const ak = authorizedKeys(fleet);
        for (const p of ['db-1', 'db-2', 'db-3'])
            strict_1.default.deepEqual(ak.get(p).map(options), ['restrict,from="10.0.0.21,10.0.5.21"'], p);
    });
    (0, node_test_1.test)('instances behind one address share a line (else the first would lock the others out)', () => {
        const nat = fleet.map((i) => (i.name === 'db-3' ? { ...i, clientAddresses: ['10.0.0.11'] } : i));
        strict_1.default.deepEqual(authorizedKeys(nat).get('bm-1').map(options), [
            `restrict,from="10.0.0.11",command="${GATE} 'put-wal:db-1' 'get-wal:db-1' 'put-wal:db-3.main' 'get-wal:db-3.main'"`,
            `restrict,from="10.0.0.12",command="${GATE} 'get-wal:db-1'"`,
        ]);
    });
    (0, node_test_1.test)('per-host keys: one line per key, each its own grants', () => {
        const ak = authorizedKeys(fleet, {}, true).get('bm-1');
        strict_1.default.equal(ak.length, 3);
        strict_1.default.equal(new Set(ak.map((l) => l.split(' ').slice(-4, -2).join(' '))).size, 3, 'three distinct keys');
    });
    (0, node_test_1.test)('a host name among the addresses: that key loses from= (keeps restrict and the gate), all in one line', () => {
        const named = fleet.map((i) => (i.name === 'db-1' ? { ...i, address: 'db-1.example.com' } : i));
        strict_1.default.deepEqual(authorizedKeys(named).get('bm-1').map(options), [`restrict,command="${GATE} 'put-wal:db-1' 'get-wal:db-1' 'put-wal:db-3.main' 'get-wal:db-3.main'"`]);
        const namedServer = fleet.map((i) => (i.name === 'bm-1' ? { ...i, clientAddresses: undefined, address: 'bm-1.example.com' } : i));
        strict_1.default.deepEqual(authorizedKeys(namedServer).get('db-1').map(options), ['restrict']);
    });
    (0, node_test_1.test)('barman_ssh_restrict: false is read from the host whose file it is', () => {
        const serverOff = fleet.map((i) => (i.name === 'bm-1' ? { ...i, settings: { sshRestrict: false } } : i));
        const a = authorizedKeys(serverOff);
        strict_1.default.deepEqual(a.get('bm-1'), ['ssh-ed25519 <public-key-of-postgres-cluster-key-made-at-apply> postgres@shop cdktf-barman:shop']);
        strict_1.default.deepEqual(a.get('db-1').map(options), ['restrict,from="10.0.0.21,10.0.5.21"'], "db-1's own file stays restricted");
        const all = authorizedKeys(fleet, { sshRestrict: false });
        for (const [host, lines] of all)
            for (const l of lines)
                strict_1.default.ok(l.startsWith('ssh-ed25519 '), `${host}: ${l}`);
    });
    (0, node_test_1.test)('the gate is written on every Barman server, root-owned 0755', () => {
        const g = (0, typed_cluster_1.graphFromProps)({ clusterName: 'shop', settings: { postgresVersion: 15 }, instances: fleet });
        const f = (0, host_files_1.renderHosts)(g, new key_material_1.PlaceholderKeys()).find((p) => p.instance.name === 'bm-1').files.find((x) => x.path === GATE);
        strict_1.default.deepEqual([f.owner, f.group, f.mode], ['root', 'root', '0755']);
        strict_1.default.match(f.content, /^#!\/bin\/sh\n/);
    });
});
