/**
 * The real ./bin/cdktf-barman (SPEC 5), run as a child process on the compiled code.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { positionIn } from '../model/diagnostic-helpers';

const ROOT = resolve(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'cdktf-barman');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'configs');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], cwd = ROOT): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.error, undefined, String(r.error));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const outputOf = (r: Run): string => `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdktf-barman-cli-'));
});
after(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** a config file in the temp dir */
function configFile(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const VALID = `cluster_name: shop
cluster_vars:
  barman_backup_interval: 45 1 * * mon
  barman_last_backup_maximum_age: 8 DAYS
instances:
  - Name: shop-db1
    node: 1
    role: primary
    backup: shop-backup
    private_ip: 10.1.0.11
    public_ip: 203.0.113.11
    vars:
      backup_name: shop.main
  - Name: shop-db2
    node: 2
    role: replica
    upstream: shop-db1
    private_ip: 10.1.0.12
  - Name: shop-backup
    node: 3
    role: [barman]
    private_ip: 10.1.0.20
`;

const INVALID = `cluster_name: shop
instances:
  - Name: shop-db1
    role: primary
    backup: shop-bakup
    vars:
      barman_compression: lzo
      barman_backup_interval: "0 4 * * 1/2"
  - Name: shop-db2
    role: replica
    backup: [shop-backup, shop-backup]
  - Name: shop-backup
    role: [barman]
    vars:
      barman_retention_polcy: REDUNDANCY 2
`;

describe('validate', () => {
  test('a valid config: exit 0 and a one-line summary on stdout', () => {
    const config = configFile('valid.yml', VALID);
    const r = run(['validate', config]);
    assert.equal(r.code, 0, outputOf(r));
    assert.equal(r.stderr, '', outputOf(r));
    const lines = r.stdout.split('\n');
    assert.equal(lines.length, 2, outputOf(r)); // one line and its newline
    assert.equal(lines[1], '');
    assert.ok(lines[0].startsWith(`${config}: `), outputOf(r));
    assert.match(lines[0], /cluster 'shop'/);
    assert.match(lines[0], /\b3 instances\b/);
    assert.match(lines[0], /\b1 Barman server\b/);
    assert.match(lines[0], /\b1 backup edge\b/);
  });

  for (const [file, instances, servers, edges] of [
    ['m1-aws.yml', 4, 1, 1],
    ['bdr-always-on-gold.yml', 11, 2, 2],
    ['pgd-always-on.yml', 9, 2, 2],
    ['docker-m1.yml', 3, 1, 1],
    ['bare-docs-backup-name.yml', 3, 1, 1],
    ['bare-two-barman.yml', 5, 2, 3],
  ] as const) {
    test(`fixture ${file} validates`, () => {
      const config = join(FIXTURES, file);
      const r = run(['validate', config]);
      assert.equal(r.code, 0, outputOf(r));
      const lines = r.stdout.split('\n');
      assert.equal(lines.length, 2, outputOf(r));
      const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
      assert.ok(lines[0].includes(plural(instances, 'instance')), lines[0]);
      assert.ok(lines[0].includes(plural(servers, 'Barman server')), lines[0]);
      assert.ok(lines[0].includes(plural(edges, 'backup edge')), lines[0]);
      // warnings, if any, go to stderr in the same format
      for (const w of r.stderr.split('\n').filter((l) => l !== '')) assert.match(w, new RegExp(`^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: warning: `));
    });
  }

  test('an invalid config: exit 1, every error as CONFIG:LINE:COL: error: MESSAGE on stderr', () => {
    const config = configFile('invalid.yml', INVALID);
    const r = run(['validate', config]);
    assert.equal(r.code, 1, outputOf(r));
    assert.equal(r.stdout, '', outputOf(r));
    // warnings (here: host names, which sshd's from= cannot use) come in the same format, between the errors
    const warnings = r.stderr.split('\n').filter((l) => l.includes(': warning: '));
    for (const w of warnings) assert.ok(w.startsWith(`${config}:`) && /^[^:]+:\d+:\d+: warning: /.test(w), w);
    const lines = r.stderr.split('\n').filter((l) => l !== '' && !warnings.includes(l));
    const at = (token: string, before = ''): string => {
      const p = positionIn(INVALID, token, before);
      return `${config}:${p.line}:${p.column}: error: `;
    };
    const expected = [
      [at('shop-bakup'), /did you mean 'shop-backup'\?/],
      [at('lzo'), /'lzo' is not one of/],
      [at('"0 4 * * 1/2"'), /'1\/2'/],
      [at('shop-backup', 'backup: [shop-backup, '), /'shop-backup' is listed twice/],
      [at('barman_retention_polcy'), /did you mean 'barman_retention_policy'\?/],
    ] as const;
    // the 5 errors in file order, then one closing line
    assert.equal(lines.length, expected.length + 1, outputOf(r));
    expected.forEach(([prefix, message], k) => {
      assert.ok(lines[k].startsWith(prefix), `line ${k + 1} should start with ${prefix}\n${outputOf(r)}`);
      assert.match(lines[k], message);
    });
    assert.equal(lines[expected.length], `${config}: 5 errors, nothing written`);
  });

  test('a YAML syntax error: exit 1 with its line and column', () => {
    const text = 'cluster_name: shop\ninstances:\n  - Name: shop-db1\n    role: [primary\n  - Name: x\n    role: ]\n';
    const config = configFile('broken.yml', text);
    const r = run(['validate', config]);
    assert.equal(r.code, 1, outputOf(r));
    assert.match(r.stderr.split('\n')[0], new RegExp(`^${config.replace(/[.]/g, '\\.')}:\\d+:\\d+: error: yaml syntax error: `));
  });

  test('a missing config file: exit 1 with an error naming it', () => {
    const config = join(tmp, 'nope.yml');
    const r = run(['validate', config]);
    assert.equal(r.code, 1, outputOf(r));
    assert.ok(r.stderr.startsWith(`${config}: error: cannot read the config file`), outputOf(r));
  });
});

interface ManifestEntry {
  path: string;
  kind: string;
  owner: string;
  group: string;
  mode: string;
}

describe('render', () => {
  test('writes DIR/<instance>/<absolute path> and a manifest per instance', () => {
    const config = configFile('render.yml', VALID);
    const out = join(tmp, 'render-out');
    const r = run(['render', config, '--out', out]);
    assert.equal(r.code, 0, outputOf(r));
    assert.equal(r.stdout.split('\n').length, 2, outputOf(r));
    // render's own list of what it wrote (what a later --force may replace), and the hosts
    assert.deepEqual(readdirSync(out).sort(), ['.cdktf-barman-render.json', 'shop-backup', 'shop-db1', 'shop-db2']);
    assert.deepEqual(JSON.parse(readFileSync(join(out, '.cdktf-barman-render.json'), 'utf8')).entries.sort(), ['shop-backup', 'shop-db1', 'shop-db2']);

    const manifests = new Map<string, ManifestEntry[]>();
    for (const host of readdirSync(out).filter((n) => !n.startsWith('.'))) {
      const m = JSON.parse(readFileSync(join(out, host, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] };
      assert.ok(Array.isArray(m.files) && m.files.length > 0, host);
      for (const f of m.files) {
        assert.equal(typeof f.path, 'string');
        assert.ok(f.path.startsWith('/'), `absolute path: ${f.path}`);
        assert.match(f.owner, /^[a-z_][a-z0-9_-]*$/, JSON.stringify(f));
        assert.match(f.group, /^[a-z_][a-z0-9_-]*$/, JSON.stringify(f));
        assert.match(f.mode, /^0[0-7]{3}$/, JSON.stringify(f));
        const local = join(out, host, f.path);
        if (f.kind === 'directory') assert.ok(statSync(local).isDirectory(), local);
        else if (f.kind !== 'log-file') assert.ok(statSync(local).isFile(), `${local} (${f.kind}) should be written`);
      }
      manifests.set(host, m.files);
    }

    const entry = (host: string, path: string): ManifestEntry => {
      const f = manifests.get(host)!.find((x) => x.path === path);
      assert.ok(f, `${host} manifest lists ${path}: ${manifests.get(host)!.map((x) => x.path).join(', ')}`);
      return f;
    };
    const owned = (host: string, path: string, owner: string, group: string, mode: string): void => {
      const f = entry(host, path);
      assert.deepEqual([f.owner, f.group, f.mode], [owner, group, mode], `${host}:${path}`);
    };
    // SPEC 3, on the Barman server
    owned('shop-backup', '/etc/barman.conf', 'root', 'root', '0644');
    owned('shop-backup', '/etc/barman.d', 'root', 'root', '0755');
    owned('shop-backup', '/etc/barman.d/shop.main.conf', 'barman', 'barman', '0600');
    owned('shop-backup', '/etc/cron.d/barman', 'root', 'root', '0644');
    owned('shop-backup', '/etc/cron.d/shop_main', 'root', 'root', '0644'); // '.' is not allowed in cron.d names
    owned('shop-backup', '/var/lib/barman', 'barman', 'barman', '0750');
    owned('shop-backup', '/var/lib/barman/.ssh', 'barman', 'barman', '0700');
    owned('shop-backup', '/var/lib/barman/.ssh/authorized_keys', 'barman', 'barman', '0600');
    // on Postgres instances, backed up or not
    for (const pg of ['shop-db1', 'shop-db2']) {
      owned(pg, '/var/lib/postgresql/.ssh', 'postgres', 'postgres', '0700');
      owned(pg, '/var/lib/postgresql/.ssh/authorized_keys', 'postgres', 'postgres', '0600');
    }
    assert.equal(manifests.get('shop-db2')!.some((f) => f.path.startsWith('/etc/barman')), false);

    const server = readFileSync(join(out, 'shop-backup', 'etc', 'barman.d', 'shop.main.conf'), 'utf8');
    assert.match(server, /^\[shop\.main\]$/m);
    // B's address is its private_ip (SPEC 2.1)
    assert.match(server, /^conninfo = "host=10\.1\.0\.11 port=5432 dbname=postgres user=barman"$/m);
    assert.match(server, /^slot_name = "backup_shop_backup"$/m);
    const cron = readFileSync(join(out, 'shop-backup', 'etc', 'cron.d', 'shop_main'), 'utf8');
    assert.match(cron, /^45 1 \* \* mon barman .* && \/usr\/bin\/flock -n \/var\/lib\/barman\/\.cdktf-barman-backup-shop_main\.lock \/usr\/bin\/barman backup shop\.main$/m);
    const global = readFileSync(join(out, 'shop-backup', 'etc', 'barman.conf'), 'utf8');
    assert.match(global, /^\[barman\]$/m);
  });

  test('invalid input: exit 1, errors on stderr, and DIR is not created', () => {
    const config = configFile('render-invalid.yml', INVALID);
    const out = join(tmp, 'never-written');
    const r = run(['render', config, '--out', out]);
    assert.equal(r.code, 1, outputOf(r));
    assert.match(r.stderr, new RegExp(`^${config.replace(/[.]/g, '\\.')}:\\d+:\\d+: error: `, 'm'));
    assert.equal(existsSync(out), false, 'nothing written');
  });

  test('invalid input with --force leaves an existing DIR as it was', () => {
    const config = configFile('render-invalid2.yml', INVALID);
    const out = join(tmp, 'keep-me');
    mkdirSync(out);
    writeFileSync(join(out, 'precious.txt'), 'x');
    const r = run(['render', config, '--out', out, '--force']);
    assert.equal(r.code, 1, outputOf(r));
    assert.deepEqual(readdirSync(out), ['precious.txt']);
  });

  test('a non-empty DIR without --force is a usage error and is left alone; --force writes beside what render did not write', () => {
    const config = configFile('render-force.yml', VALID);
    const out = join(tmp, 'not-empty');
    mkdirSync(out);
    writeFileSync(join(out, 'old.txt'), 'old');
    const r = run(['render', config, '--out', out]);
    assert.equal(r.code, 2, outputOf(r));
    assert.match(r.stderr, /is not empty: choose a new directory, or give --force/);
    assert.deepEqual(readdirSync(out), ['old.txt']);
    // --force only replaces what render wrote (the one --out policy): old.txt stays as it is
    const f = run(['render', config, '--out', out, '--force']);
    assert.equal(f.code, 0, outputOf(f));
    assert.deepEqual(readdirSync(out).sort(), ['.cdktf-barman-render.json', 'old.txt', 'shop-backup', 'shop-db1', 'shop-db2']);
    assert.equal(readFileSync(join(out, 'old.txt'), 'utf8'), 'old');
  });

  test('an empty existing DIR is fine', () => {
    const config = configFile('render-empty.yml', VALID);
    const out = join(tmp, 'empty-dir');
    mkdirSync(out);
    const r = run(['render', config, `--out=${out}`]);
    assert.equal(r.code, 0, outputOf(r));
    assert.ok(existsSync(join(out, 'shop-backup', 'manifest.json')));
  });

  test('every fixture renders', () => {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.yml'))) {
      const out = join(tmp, `fixture-${file}`);
      const r = run(['render', join(FIXTURES, file), '--out', out]);
      assert.equal(r.code, 0, `${file}\n${outputOf(r)}`);
      assert.ok(readdirSync(out).length > 0, file);
    }
  });
});

describe('usage', () => {
  const usageError = (args: readonly string[], message: RegExp): void => {
    const r = run(args);
    assert.equal(r.code, 2, outputOf(r));
    assert.equal(r.stdout, '', outputOf(r));
    assert.match(r.stderr, message);
    // one line pointing at --help, not the whole usage
    assert.equal(r.stderr.split('\n').length, 2, outputOf(r));
    assert.match(r.stderr, /see 'cdktf-barman( \w+)? --help'/);
  };

  test('no arguments', () => usageError([], /^usage: cdktf-barman <command> \[options\]/));
  test('an unknown command', () => usageError(['lint', 'config.yml'], /unknown command 'lint'/));
  test('an unknown option', () => usageError(['validate', join(FIXTURES, 'm1-aws.yml'), '--verbose'], /unknown option --verbose/));
  test('an option of another command', () => usageError(['validate', join(FIXTURES, 'm1-aws.yml'), '--out', join(tmp, 'x')], /unknown option --out/));
  test('validate without CONFIG', () => usageError(['validate'], /expected exactly one CONFIG file/));
  test('validate with two CONFIGs', () => usageError(['validate', 'a.yml', 'b.yml'], /expected exactly one CONFIG file/));
  test('render without --out', () => usageError(['render', join(FIXTURES, 'm1-aws.yml')], /--out DIR is required/));
  test('--out without a value', () => usageError(['render', join(FIXTURES, 'm1-aws.yml'), '--out'], /--out needs a value/));

  test('a usage error writes nothing', () => {
    const out = join(tmp, 'usage-nothing');
    const r = run(['render', join(FIXTURES, 'm1-aws.yml'), '--out', out, '--bogus']);
    assert.equal(r.code, 2, outputOf(r));
    assert.equal(existsSync(out), false);
  });

  test('--out naming an existing file is a usage error, not an internal error', () => {
    const file = configFile('not-a-dir', 'x');
    const r = run(['render', join(FIXTURES, 'm1-aws.yml'), '--out', file]);
    assert.equal(r.code, 2, outputOf(r));
    assert.doesNotMatch(r.stderr, /internal error/);
  });
  test('an empty --out= is a usage error', () => {
    const r = run(['render', join(FIXTURES, 'm1-aws.yml'), '--out='], tmp);
    assert.equal(r.code, 2, outputOf(r));
  });
  test('--force=no does not force', () => {
    const out = join(tmp, 'force-no');
    mkdirSync(out);
    writeFileSync(join(out, 'old.txt'), 'old');
    const r = run(['render', join(FIXTURES, 'm1-aws.yml'), '--out', out, '--force=no']);
    assert.equal(r.code, 2, outputOf(r));
    assert.deepEqual(readdirSync(out), ['old.txt']);
  });
  test('an unknown single-dash option is a usage error', () => {
    const r = run(['validate', '-x']);
    assert.equal(r.code, 2, outputOf(r));
  });

  for (const args of [['--help'], ['-h'], ['help']]) {
    test(`${args.join(' ')}: exit 0, the commands and exit codes on stdout`, () => {
      const r = run(args);
      assert.equal(r.code, 0, outputOf(r));
      assert.match(r.stdout, /usage: cdktf-barman <command>/);
      for (const c of ['validate', 'render', 'synth', 'status']) assert.match(r.stdout, new RegExp(`^  ${c} +\\S`, 'm'), c);
      assert.match(r.stdout, /^ {2}70 +an unexpected exception/m);
      assert.equal(r.stderr, '');
    });
  }
});
