/**
 * What a removed backup edge leaves in the ssh files: re-rendering drops the known_hosts and
 * authorized_keys lines that only it needed, and merge_lines (which replaces every marked line)
 * takes them off the host. Two removals: an instance leaves the graph, and an instance drops one
 * Barman server from its `backup`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { InstanceProps, graphFromProps } from '../../lib/model/typed-cluster';
import { FileKind, HostFile } from '../../lib/render/host-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { OWNS_SERVER } from '../../lib/concerns/barman-server/barman-server-files';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { shellQuote } from '../../lib/render/shell-quote';
import { SHELL_LIBRARY } from '../../lib/scripts/shell-library';

const hostKey = (n: number) => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${String(n).repeat(43).slice(0, 43)}`;

/** pg1 to bk1; pg2 to bk1 and bk2; per-host keys, pinned host keys (concrete lines) */
function graph(pg2Backup: string[] | undefined): BarmanGraph {
  const instances: InstanceProps[] = [
    { name: 'pg1', roles: [Role.PRIMARY], address: '10.0.0.1', backup: ['bk1'], sshHostKeys: [hostKey(1)] },
    { name: 'bk1', roles: [Role.BARMAN], address: '10.0.0.11', sshHostKeys: [hostKey(3)] },
    { name: 'bk2', roles: [Role.BARMAN], address: '10.0.0.12', sshHostKeys: [hostKey(4)] },
  ];
  if (pg2Backup) instances.push({ name: 'pg2', roles: [Role.PRIMARY], address: '10.0.0.2', backup: pg2Backup, sshHostKeys: [hostKey(2)] });
  return graphFromProps({ clusterName: 'rm', instances });
}

const KEYS = new PlaceholderKeys(undefined, true);

function fileOf(g: BarmanGraph, host: string, path: string): HostFile | undefined {
  return renderHosts(g, KEYS).find((p) => p.instance.name === host)?.files.find((f) => f.path === path);
}
const linesOf = (g: BarmanGraph, host: string, path: string): string[] => (fileOf(g, host, path)?.content ?? '').split('\n').filter((l) => l !== '');
const LIST = '/usr/local/lib/cdktf-barman/rm.managed';
const BARMAN_KH = '/var/lib/barman/.ssh/known_hosts';
const BARMAN_AK = '/var/lib/barman/.ssh/authorized_keys';
const PG_KH = '/var/lib/postgresql/.ssh/known_hosts';
const PG_AK = '/var/lib/postgresql/.ssh/authorized_keys';

/** runs the shell library's merge_lines as the host scripts do: old managed lines out, new ones in */
function mergeOnto(existing: string, managed: HostFile): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-lines-'));
  try {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, existing);
    writeFileSync(join(dir, 'new'), managed.content ?? '');
    const me = spawnSync('sh', ['-c', 'id -un; id -gn'], { encoding: 'utf8' }).stdout.split('\n');
    const r = spawnSync('sh', ['-c', `${SHELL_LIBRARY}\nmerge_lines ${shellQuote(file)} ${me[0]} ${me[1]} 0644 'cdktf-barman:rm' ${shellQuote(join(dir, 'new'))}`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('an instance removed from the graph', () => {
  const before = graph(['bk1', 'bk2']);
  const after = graph(undefined);

  test("its Barman servers forget its host key and (per-host keys) its postgres key; other instances' lines stay", () => {
    assert.ok(linesOf(before, 'bk1', BARMAN_KH).some((l) => l.startsWith('10.0.0.2 ')));
    assert.deepEqual(linesOf(after, 'bk1', BARMAN_KH), [`10.0.0.1 ${hostKey(1)} cdktf-barman:rm`]);
    assert.ok(linesOf(before, 'bk1', BARMAN_AK).some((l) => l.includes('postgres@pg2')));
    assert.deepEqual(linesOf(after, 'bk1', BARMAN_AK).filter((l) => l.includes('pg2')), [], 'no key of pg2 authorized on bk1');
    assert.equal(linesOf(after, 'bk1', BARMAN_AK).length, 1, "pg1's key stays");
    assert.deepEqual(linesOf(after, 'bk2', BARMAN_KH), [], 'bk2 backs up nothing now: no managed known_hosts line');
    assert.deepEqual(linesOf(after, 'bk2', LIST), [OWNS_SERVER], 'and its managed list holds only its claim on the server: the reconcile retires pg2 there');
    assert.deepEqual(linesOf(after, 'bk1', LIST), ['/etc/barman.d/pg1.conf', '/etc/cron.d/pg1', 'pgpass:pg1', OWNS_SERVER]);
  });

  test("with the cluster key (one postgres key for all), pg2's own line (its from=, its grants) goes and pg1's stays", () => {
    const shared = new PlaceholderKeys();
    const ak = (g: BarmanGraph) => renderHosts(g, shared).find((p) => p.instance.name === 'bk1')!.files.find((f) => f.path === BARMAN_AK)!.content!;
    const lines = (g: BarmanGraph) => ak(g).split('\n').filter((l) => l !== '');
    assert.equal(lines(before).length, 2);
    assert.deepEqual(lines(after), lines(before).filter((l) => l.includes('from="10.0.0.1"')));
    assert.doesNotMatch(ak(after), /pg2/);
  });

  test("on the host, merge_lines takes pg2's known_hosts line off and keeps foreign lines", () => {
    const foreign = `elsewhere ${hostKey(9)}\n`;
    const onHost = foreign + fileOf(before, 'bk1', BARMAN_KH)!.content;
    const merged = mergeOnto(onHost, fileOf(after, 'bk1', BARMAN_KH)!);
    assert.equal(merged, `${foreign}10.0.0.1 ${hostKey(1)} cdktf-barman:rm\n`);
  });
});

describe('a Barman server dropped from an instance\'s backup', () => {
  const before = graph(['bk1', 'bk2']);
  const after = graph(['bk1']);

  test('the dropped server forgets the instance: managed list (so its reconcile retires it), known_hosts, authorized_keys', () => {
    assert.deepEqual(linesOf(before, 'bk2', LIST), ['/etc/barman.d/pg2.conf', '/etc/cron.d/pg2', 'pgpass:pg2', OWNS_SERVER]);
    assert.deepEqual(linesOf(after, 'bk2', LIST), [OWNS_SERVER]);
    assert.deepEqual(linesOf(after, 'bk2', BARMAN_KH), []);
    assert.deepEqual(linesOf(after, 'bk2', BARMAN_AK), []);
  });

  test("the instance forgets the dropped server's host key; the server it keeps is unchanged", () => {
    assert.deepEqual(linesOf(before, 'pg2', PG_KH), [`10.0.0.11 ${hostKey(3)} cdktf-barman:rm`, `10.0.0.12 ${hostKey(4)} cdktf-barman:rm`]);
    assert.deepEqual(linesOf(after, 'pg2', PG_KH), [`10.0.0.11 ${hostKey(3)} cdktf-barman:rm`]);
    const merged = mergeOnto(fileOf(before, 'pg2', PG_KH)!.content!, fileOf(after, 'pg2', PG_KH)!);
    assert.equal(merged, `10.0.0.11 ${hostKey(3)} cdktf-barman:rm\n`);
    for (const path of [BARMAN_KH, BARMAN_AK, LIST, '/etc/barman.d/pg2.conf']) assert.equal(fileOf(after, 'bk1', path)?.content, fileOf(before, 'bk1', path)?.content, `bk1 ${path}`);
  });

  test("the instance still authorizes the dropped server's barman key: every Barman server may restore to every Postgres instance (SPEC 3)", () => {
    assert.ok(linesOf(after, 'pg2', PG_AK).some((l) => l.includes('barman@bk2') || l.includes('barman@rm')), linesOf(after, 'pg2', PG_AK).join('\n'));
  });

  test('the kinds of these files are the merged kind (marked lines only), so foreign lines are never touched', () => {
    for (const [host, path, kind] of [['bk2', BARMAN_KH, FileKind.KNOWN_HOSTS], ['pg2', PG_KH, FileKind.KNOWN_HOSTS], ['bk1', BARMAN_AK, FileKind.AUTHORIZED_KEYS]] as const) {
      assert.equal(fileOf(after, host, path)!.kind, kind);
    }
  });
});
