/**
 * check_ownership (server.sh), as the barman_server step runs it before writing anything: one
 * cluster owns a Barman server's server-wide files, a barman_shared cluster needs that owner and its
 * barman.conf to be the one it would write, and no cluster takes another's backup name. The managed
 * lists and barman.conf live in a temp directory here (the step reads them from
 * /usr/local/lib/cdktf-barman and /etc).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../lib/model/enums';
import { BarmanSettings } from '../../lib/model/settings';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { barmanServerScript } from '../../lib/concerns/barman-server/barman-server-step';
import { PlaceholderKeys } from '../../lib/render/key-material';
import { renderBarmanConf } from '../../lib/render/barman-conf';
import { shellQuote } from '../../lib/render/shell-quote';
import { TriggerArg, toBase64 } from '../../lib/scripts/remote-command';
import { runInProgram } from '../support/host-step';

/** the barman_server step of cluster `name` on its server `bm` (instance `db` backed up there) */
function stepOf(name: string, db: string, o: { shared?: boolean; server?: BarmanSettings } = {}) {
  const graph = graphFromProps({
    clusterName: name,
    instances: [
      { name: 'bm', roles: [Role.BARMAN], settings: { ...(o.shared ? { barmanShared: true } : {}), ...o.server } },
      { name: db, roles: [Role.PRIMARY], backup: ['bm'] },
    ],
  });
  const server = renderHosts(graph, new PlaceholderKeys()).find((h) => h.instance.name === 'bm')!;
  return { script: barmanServerScript(graph, server.instance, server.files), conf: renderBarmanConf(server.instance) };
}

/** runs check_ownership of cluster `me` in a directory holding the other clusters' lists and barman.conf */
function check(me: ReturnType<typeof stepOf>, meName: string, others: Record<string, string>, conf?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-barman-shared-'));
  try {
    for (const [cluster, content] of Object.entries(others)) writeFileSync(join(dir, `${cluster}.managed`), content);
    if (conf !== undefined) writeFileSync(join(dir, 'barman.conf'), conf);
    const a = me.script.args;
    const wanted = toBase64((a[9] as TriggerArg).content);
    const expected = typeof a[14] === 'string' ? a[14] : toBase64(a[14].content);
    const call = ['check_ownership', 'bm', join(dir, `${meName}.managed`), wanted, a[13] as string, expected].map(shellQuote).join(' ');
    return runInProgram(call, { env: { ...process.env, CDKTF_BARMAN_GLOBAL_CONF: join(dir, 'barman.conf') } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const alpha = stepOf('alpha', 'db1');
const alphaList = (alpha.script.args[9] as TriggerArg).content;

describe('the owner', () => {
  test('alone, or beside a barman_shared cluster: nothing to say', () => {
    assert.equal(check(alpha, 'alpha', {}).status, 0);
    const r = check(alpha, 'alpha', { beta: '/etc/barman.d/db2.conf\n/etc/cron.d/db2\npgpass:db2\n' });
    assert.equal(r.status, 0, r.stderr);
  });

  test('a second owner is refused, naming the first and the fix', () => {
    const r = check(stepOf('beta', 'db2'), 'beta', { alpha: alphaList });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cluster alpha already owns the Barman server bm .*set barman_shared: true on bm in cluster beta/);
  });
});

describe('a barman_shared cluster', () => {
  const beta = stepOf('beta', 'db2', { shared: true });

  test('without an owner: apply the owner first', () => {
    const r = check(beta, 'beta', {});
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bm is barman_shared in cluster beta, but no cluster owns it yet: apply first the cluster in which bm is not barman_shared/);
  });

  test("with the owner's barman.conf as it expects it (the header may name the host otherwise): accepted", () => {
    const conf = alpha.conf.replace(/^.*\n/, '; written by someone calling it barman-01\n');
    const r = check(beta, 'beta', { alpha: alphaList }, conf);
    assert.equal(r.status, 0, r.stderr);
  });

  test("with another barman.conf: refused with the diff, naming the owner and the sharer", () => {
    const theirs = stepOf('alpha', 'db1', { server: { logFile: '/var/log/barman/alpha.log' } }).conf;
    const r = check(beta, 'beta', { alpha: alphaList }, theirs);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the Barman-server settings of bm differ between cluster alpha \(the owner\) and cluster beta \(barman_shared\): alpha's count/);
    assert.match(r.stderr, /^-log_file = \/var\/log\/barman\/alpha\.log$/m);
    assert.match(r.stderr, /^\+log_file = \/var\/log\/barman\.log$/m);
  });

  test("a backup name the owner already manages there: refused, naming the owner", () => {
    const clash = stepOf('beta', 'db1', { shared: true });
    const r = check(clash, 'beta', { alpha: alphaList }, alpha.conf);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\/etc\/barman\.d\/db1\.conf on bm belongs to cluster alpha: two clusters backing up to one Barman server need distinct backup_name values/);
  });
});
