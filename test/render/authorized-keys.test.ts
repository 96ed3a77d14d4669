/**
 * Least-privilege authorized_keys lines: the options (restrict, from=, command=), how lines of a
 * shared key are split per instance or merged, the host-name and opt-out cases, as renderHosts
 * writes them for a graph.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { graphFromProps, InstanceProps } from '../../lib/model/typed-cluster';
import { Role } from '../../lib/model/enums';
import { addressListsOverlap, isFromPattern } from '../../lib/model/ip-patterns';
import { authorizedKeyOptions } from '../../lib/render/authorized-key-options';
import { keyLines } from '../../lib/render/authorized-keys';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { isManagedLine } from '../../lib/render/ssh-lines';
import { WAL_GATE_PATH } from '../../lib/render/wal-gate';
import { BarmanSettings } from '../../lib/model/settings';

const GATE = WAL_GATE_PATH;

function authorizedKeys(instances: InstanceProps[], settings: BarmanSettings = {}, perHostKeys = false): Map<string, string[]> {
  const g = graphFromProps({ clusterName: 'shop', settings: { postgresVersion: 15, ...settings }, instances });
  const out = new Map<string, string[]>();
  for (const p of renderHosts(g, new PlaceholderKeys(undefined, perHostKeys))) {
    const f = p.files.find((x) => x.path.endsWith('/.ssh/authorized_keys'));
    if (f) out.set(p.instance.name, (f.content ?? '').split('\n').slice(0, -1));
  }
  return out;
}

const options = (line: string): string => line.slice(0, line.indexOf(' ssh-'));

describe('authorized_keys options', () => {
  test('restrict always; from= and command= when given, command double quotes escaped', () => {
    assert.equal(authorizedKeyOptions({}), 'restrict');
    assert.equal(authorizedKeyOptions({ from: ['10.0.0.1', '10.1.0.0/16', 'fd00::1'] }), 'restrict,from="10.0.0.1,10.1.0.0/16,fd00::1"');
    assert.equal(authorizedKeyOptions({ command: `/x 'a' "b"` }), `restrict,command="/x 'a' \\"b\\""`);
  });

  test('never a from= sshd cannot match, never a command sshd would read differently', () => {
    assert.throws(() => authorizedKeyOptions({ from: ['db-1.example.com'] }), /IP addresses or CIDRs, got 'db-1\.example\.com'/);
    assert.throws(() => authorizedKeyOptions({ from: [] }), /IP addresses or CIDRs/);
    assert.throws(() => authorizedKeyOptions({ command: '/x \\n' }), /backslash or a newline/);
    assert.throws(() => authorizedKeyOptions({ command: '/x\nid' }), /backslash or a newline/);
  });

  test('from= patterns: IPv4, IPv6 and CIDRs; not names, zoned IPv6 or bad prefixes', () => {
    for (const ok of ['10.0.0.1', '10.0.0.0/8', '0.0.0.0/0', 'fd00::22', '::1', 'fd00::/64']) assert.ok(isFromPattern(ok), ok);
    for (const bad of ['db-1', 'db-1.example.com', '10.0.0.300', '10.0.0.0/33', 'fe80::1%eth0', 'fd00::/129', '10.0.0.1/x', '*']) assert.equal(isFromPattern(bad), false, bad);
  });

  test('overlap: same address, an address inside a CIDR, IPv6 CIDRs; IPv4 and IPv6 never', () => {
    assert.ok(addressListsOverlap(['10.0.0.1'], ['10.0.0.1']));
    assert.ok(addressListsOverlap(['10.0.0.0/24'], ['10.0.0.77']));
    assert.ok(addressListsOverlap(['10.0.0.77'], ['10.0.0.0/24']));
    assert.ok(addressListsOverlap(['0.0.0.0/0'], ['192.0.2.1']));
    assert.ok(addressListsOverlap(['fd00::/64'], ['fd00::9']));
    assert.ok(addressListsOverlap(['a-host'], ['10.0.0.1']), 'a name could be any address');
    assert.equal(addressListsOverlap(['10.0.0.1'], ['10.0.0.2']), false);
    assert.equal(addressListsOverlap(['10.0.0.0/25'], ['10.0.0.128/25']), false);
    assert.equal(addressListsOverlap(['10.0.0.1'], ['fd00::1']), false);
  });

  test('keyLines: a shared key gets one line per group of clients whose addresses can overlap, in input order', () => {
    const c = (ref: string, addresses: string[], grants?: string[]) => ({ ref, key: 'K', addresses, grants });
    const lines = keyLines([c('a', ['10.0.0.1'], ['put-wal:a']), c('b', ['10.0.1.0/24'], ['put-wal:b']), c('c', ['10.0.0.1'], ['put-wal:c']), c('d', ['10.0.1.9'], ['get-wal:a'])], true);
    assert.deepEqual(lines, [
      { ref: 'a', options: `restrict,from="10.0.0.1",command="${GATE} 'put-wal:a' 'put-wal:c'"` },
      { ref: 'b', options: `restrict,from="10.0.1.0/24,10.0.1.9",command="${GATE} 'put-wal:b' 'get-wal:a'"` },
    ]);
    // unrestricted: one plain line per key
    assert.deepEqual(keyLines([c('a', ['10.0.0.1'], ['put-wal:a']), c('b', ['10.0.0.2'], ['put-wal:b'])], false), [{ ref: 'a' }]);
  });
});

describe('authorized_keys on the hosts (renderHosts)', () => {
  const fleet: InstanceProps[] = [
    { name: 'db-1', roles: [Role.PRIMARY], address: '10.0.0.11', backup: ['bm-1'] },
    { name: 'db-2', roles: [Role.REPLICA], upstream: 'db-1', address: '10.0.0.12', settings: { walRestore: true } },
    { name: 'db-3', roles: [Role.PRIMARY], address: '10.0.0.13', clientAddresses: ['10.9.0.0/16'], backup: ['bm-1'], settings: { backupName: 'db-3.main' } },
    { name: 'bm-1', roles: [Role.BARMAN], address: '10.0.0.21', clientAddresses: ['10.0.0.21', '10.0.5.21'] },
  ];

  test('shared cluster key: one line per Postgres instance on the Barman server, each from its addresses, for its own WAL', () => {
    const ak = authorizedKeys(fleet).get('bm-1')!;
    assert.deepEqual(ak.map(options), [
      `restrict,from="10.0.0.11",command="${GATE} 'put-wal:db-1' 'get-wal:db-1'"`,
      `restrict,from="10.9.0.0/16",command="${GATE} 'put-wal:db-3.main' 'get-wal:db-3.main'"`,
      // the replica only fetches its primary's WAL (restore_command): no put-wal
      `restrict,from="10.0.0.12",command="${GATE} 'get-wal:db-1'"`,
    ]);
    for (const l of ak) assert.ok(isManagedLine(l, 'shop'), `the marker stays last: ${l}`);
    assert.equal(new Set(ak.map((l) => l.slice(options(l).length + 1))).size, 1, 'the same (cluster) key on every line');
  });

  test('Postgres side: the barman key with restrict and from= the Barman servers, no forced command', () => {
    const ak = authorizedKeys(fleet);
    for (const p of ['db-1', 'db-2', 'db-3']) assert.deepEqual(ak.get(p)!.map(options), ['restrict,from="10.0.0.21,10.0.5.21"'], p);
  });

  test('instances behind one address share a line (else the first would lock the others out)', () => {
    const nat = fleet.map((i) => (i.name === 'db-3' ? { ...i, clientAddresses: ['10.0.0.11'] } : i));
    assert.deepEqual(authorizedKeys(nat).get('bm-1')!.map(options), [
      `restrict,from="10.0.0.11",command="${GATE} 'put-wal:db-1' 'get-wal:db-1' 'put-wal:db-3.main' 'get-wal:db-3.main'"`,
      `restrict,from="10.0.0.12",command="${GATE} 'get-wal:db-1'"`,
    ]);
  });

  test('per-host keys: one line per key, each its own grants', () => {
    const ak = authorizedKeys(fleet, {}, true).get('bm-1')!;
    assert.equal(ak.length, 3);
    assert.equal(new Set(ak.map((l) => l.split(' ').slice(-4, -2).join(' '))).size, 3, 'three distinct keys');
  });

  test('a host name among the addresses: that key loses from= (keeps restrict and the gate), all in one line', () => {
    const named = fleet.map((i) => (i.name === 'db-1' ? { ...i, address: 'db-1.example.com' } : i));
    assert.deepEqual(authorizedKeys(named).get('bm-1')!.map(options), [`restrict,command="${GATE} 'put-wal:db-1' 'get-wal:db-1' 'put-wal:db-3.main' 'get-wal:db-3.main'"`]);
    const namedServer = fleet.map((i) => (i.name === 'bm-1' ? { ...i, clientAddresses: undefined, address: 'bm-1.example.com' } : i));
    assert.deepEqual(authorizedKeys(namedServer).get('db-1')!.map(options), ['restrict']);
  });

  test('barman_ssh_restrict: false is read from the host whose file it is', () => {
    const serverOff = fleet.map((i) => (i.name === 'bm-1' ? { ...i, settings: { sshRestrict: false } } : i));
    const a = authorizedKeys(serverOff);
    assert.deepEqual(a.get('bm-1'), ['ssh-ed25519 <public-key-of-postgres-cluster-key-made-at-apply> postgres@shop cdktf-barman:shop']);
    assert.deepEqual(a.get('db-1')!.map(options), ['restrict,from="10.0.0.21,10.0.5.21"'], "db-1's own file stays restricted");
    const all = authorizedKeys(fleet, { sshRestrict: false });
    for (const [host, lines] of all) for (const l of lines) assert.ok(l.startsWith('ssh-ed25519 '), `${host}: ${l}`);
  });

  test('the gate is written on every Barman server, root-owned 0755', () => {
    const g = graphFromProps({ clusterName: 'shop', settings: { postgresVersion: 15 }, instances: fleet });
    const f = renderHosts(g, new PlaceholderKeys()).find((p) => p.instance.name === 'bm-1')!.files.find((x) => x.path === GATE)!;
    assert.deepEqual([f.owner, f.group, f.mode], ['root', 'root', '0755']);
    assert.match(f.content!, /^#!\/bin\/sh\n/);
  });
});
