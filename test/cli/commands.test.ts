/**
 * The command line as users of other tools expect it (issue 14 item 5): --version, per-command
 * --help generated from each command's option table, one-line usage errors pointing at --help,
 * every construct option reachable from synth, and the documented exit codes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDER } from '../../lib/cli/render-command';
import { STATUS } from '../../lib/cli/status';
import { SYNTH } from '../../lib/cli/synth-command';
import { VALIDATE } from '../../lib/cli/validate-command';
import { ROOT, VALID, outputOf, run } from './cli-harness';

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdktf-barman-commands-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const config = (): string => {
  const path = join(tmp, 'config.yml');
  if (!existsSync(path)) writeFileSync(path, VALID);
  return path;
};

type Json = { resource: Record<string, Record<string, any>>; variable?: Record<string, any>; output?: Record<string, any> };
let synthCount = 0;
function synth(args: readonly string[]): { code: number | null; stderr: string; json?: Json } {
  const out = join(tmp, `synth-${synthCount++}`);
  const r = run(['synth', config(), '--out', out, ...args]);
  return { code: r.code, stderr: r.stderr, json: r.code === 0 ? (JSON.parse(readFileSync(join(out, 'cdktf-barman.tf.json'), 'utf8')) as Json) : undefined };
}
const connections = (j: Json): any[] => Object.values(j.resource).flatMap((byName) => Object.values(byName)).map((r) => r.connection).filter((c) => c !== undefined);

describe('--version', () => {
  for (const args of [['--version'], ['version']]) {
    test(`${args[0]}: the package version, exit 0`, () => {
      const r = run(args);
      assert.equal(r.code, 0, outputOf(r));
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(r.stdout, `cdktf-barman ${pkg.version}\n`);
    });
  }
});

describe('<command> --help', () => {
  for (const spec of [VALIDATE, RENDER, SYNTH, STATUS]) {
    for (const form of [[spec.name, '--help'], [spec.name, '-h'], ['help', spec.name]]) {
      test(`${form.join(' ')}: its own synopsis and every option of its table, exit 0`, () => {
        const r = run(form);
        assert.equal(r.code, 0, outputOf(r));
        assert.equal(r.stderr, '');
        assert.ok(r.stdout.startsWith(`usage: cdktf-barman ${spec.name} `), r.stdout);
        for (const o of spec.options) assert.match(r.stdout, new RegExp(`^  --${o.name}${o.value ? ` ${o.value}` : ''}( |$)`, 'm'), o.name);
        const others = [VALIDATE, RENDER, SYNTH, STATUS].filter((s) => s !== spec).flatMap((s) => s.options).filter((o) => !spec.options.some((x) => x.name === o.name));
        for (const o of others) assert.doesNotMatch(r.stdout, new RegExp(`^  --${o.name} `, 'm'), `--${o.name} belongs to another command`);
      });
    }
  }
  test('help of an unknown command: a usage error', () => {
    const r = run(['help', 'deploy']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "cdktf-barman help: unknown command 'deploy': see 'cdktf-barman --help'\n");
  });
});

describe('usage errors are one line pointing at the command\'s --help', () => {
  for (const [args, line] of [
    [['synth', 'c.yml'], "cdktf-barman synth: --out DIR is required (see 'cdktf-barman synth --help')"],
    [['render', 'c.yml', '--out'], "cdktf-barman render: option --out needs a value (DIR) (see 'cdktf-barman render --help')"],
    [['validate', 'a.yml', 'b.yml'], "cdktf-barman validate: expected exactly one CONFIG file, got 2 (see 'cdktf-barman validate --help')"],
    [['status', 'c.yml', '--out', 'x'], "cdktf-barman status: unknown option --out (see 'cdktf-barman status --help')"],
    [['deploy'], "cdktf-barman: unknown command 'deploy': see 'cdktf-barman --help' (commands: validate, render, synth, status, drill)"],
  ] as const) {
    test(args.join(' '), () => {
      const r = run(args);
      assert.equal(r.code, 2, outputOf(r));
      assert.equal(r.stderr, `${line}\n`);
      assert.equal(r.stdout, '');
    });
  }
});

describe('synth: a flag for every construct option', () => {
  test('defaults: null_resource, generated ED25519 keys, generated passwords, activation, root over the agent', () => {
    const { code, json } = synth([]);
    assert.equal(code, 0);
    assert.ok(json!.resource.null_resource);
    assert.deepEqual(Object.values(json!.resource.tls_private_key).map((k) => k.algorithm), ['ED25519', 'ED25519']);
    assert.ok(Object.keys(json!.resource.terraform_data).some((id) => id.includes('db_secret')));
    assert.ok(Object.keys(json!.resource.null_resource).some((id) => id.includes('activate')));
    for (const c of connections(json!)) assert.deepEqual([c.user, c.agent, c.bastion_host], ['root', true, undefined]);
  });

  test('--key-algorithm RSA --rsa-bits 3072 --per-host-keys: one RSA pair per host (of the user living there)', () => {
    const { code, stderr, json } = synth(['--key-algorithm', 'RSA', '--rsa-bits', '3072', '--per-host-keys']);
    assert.equal(code, 0, stderr);
    const keys = Object.values(json!.resource.tls_private_key);
    assert.equal(keys.length, 3, 'postgres on shop-db1 and shop-db2, barman on shop-backup');
    for (const k of keys) assert.deepEqual([k.algorithm, k.rsa_bits], ['RSA', 3072]);
  });

  test('--key-algorithm ECDSA --ecdsa-curve P384', () => {
    const { code, json } = synth(['--key-algorithm', 'ECDSA', '--ecdsa-curve', 'P384']);
    assert.equal(code, 0);
    for (const k of Object.values(json!.resource.tls_private_key)) assert.deepEqual([k.algorithm, k.ecdsa_curve], ['ECDSA', 'P384']);
  });

  test('--password-variables: two sensitive variables, no generated password', () => {
    const { code, json } = synth(['--password-variables', '--resource-type', 'terraform_data']);
    assert.equal(code, 0);
    for (const v of ['barman_barman_db_password', 'barman_streaming_barman_db_password']) assert.equal(json!.variable?.[v]?.sensitive, true, v);
    assert.ok(!Object.keys(json!.resource.terraform_data).some((id) => id.includes('db_secret')));
    assert.match(JSON.stringify(json), /var\.barman_streaming_barman_db_password/);
  });

  test('--no-activate: no activation; --no-database-access: no roles, no pg_hba step, no activation', () => {
    const noActivate = synth(['--no-activate', '--resource-type', 'terraform_data']).json!;
    const ids = Object.keys(noActivate.resource.terraform_data);
    assert.ok(!ids.some((id) => id.includes('activate')), ids.join(' '));
    assert.ok(ids.some((id) => id.includes('roles')), ids.join(' '));
    const none = Object.keys(synth(['--no-database-access', '--resource-type', 'terraform_data']).json!.resource.terraform_data);
    assert.ok(!none.some((id) => /activate|roles|db_secret|postgres_config/.test(id)), none.join(' '));
  });

  test('--install-packages: every preflight installs what it lacks; without it, each only checks', () => {
    const steps = (args: string[]) => {
      const r = synth(args).json!.resource.null_resource as Record<string, { provisioner: { 'remote-exec': { inline: string[] } }[]; triggers: Record<string, string> }>;
      const pre = Object.entries(r).filter(([id]) => id.includes('_preflight_'));
      assert.ok(pre.length >= 3, Object.keys(r).join(' '));
      return pre.map(([, x]) => [x.provisioner[0]['remote-exec'].inline.join('\n').match(/^preflight '[^']*' '[^']*' '(check|install)'/m)?.[1], x.triggers.preflight.split('\n')[0].replace(/.*; /, '')] as const);
    };
    for (const [mode, header] of steps(['--install-packages'])) assert.deepEqual([mode, header.startsWith('installPackages on')], ['install', true]);
    for (const [mode, header] of steps([])) assert.deepEqual([mode, header.startsWith('installPackages off')], ['check', true]);
  });

  test('connection flags reach every connection block; the bastion key is a sensitive variable', () => {
    const { code, stderr, json } = synth([
      '--connection-user', 'deploy', '--connection-port', '2222', '--connection-timeout', '90s',
      '--bastion-host', 'jump.example.com', '--bastion-user', 'hop', '--bastion-port', '2200',
      '--bastion-host-key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', '--bastion-key-variable',
    ]);
    assert.equal(code, 0, stderr);
    assert.equal(json!.variable?.barman_bastion_private_key?.sensitive, true);
    const cs = connections(json!);
    assert.ok(cs.length > 0);
    for (const c of cs) {
      assert.deepEqual(
        [c.user, c.port, c.timeout, c.bastion_host, c.bastion_user, c.bastion_port, c.bastion_private_key, c.bastion_host_key],
        ['deploy', 2222, '90s', 'jump.example.com', 'hop', 2200, '${var.barman_bastion_private_key}', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl'],
      );
    }
  });

  for (const [args, message] of [
    [['--key-algorithm', 'DSA'], "--key-algorithm must be one of ED25519, RSA, ECDSA, not 'DSA'"],
    [['--rsa-bits', '3072'], '--rsa-bits needs --key-algorithm RSA'],
    [['--key-algorithm', 'RSA', '--rsa-bits', '1024'], "--rsa-bits must be a whole number from 2048 to 16384, not '1024'"],
    [['--supplied-keys', '--per-host-keys'], '--supplied-keys brings one key pair per user'],
    [['--bastion-user', 'hop'], '--bastion-user needs --bastion-host'],
    [['--bastion-host', '-oProxyCommand=x'], "--bastion-host '-oProxyCommand=x' must be a host name or IP address"],
    [['--bastion-host', 'j', '--bastion-host-key', 'ssh-ed25519 AAAA ${file("x")}'], '--bastion-host-key'],
    [['--connection-timeout', '5 minutes'], "--connection-timeout '5 minutes' must be a duration such as 30s or 5m"],
    [['--connection-port', '0'], "--connection-port must be a whole number from 1 to 65535, not '0'"],
    [['--no-database-access', '--password-variables'], '--password-variables has nothing to do with --no-database-access'],
  ] as const) {
    test(`${args.join(' ')}: usage error, nothing written`, () => {
      const r = synth(args);
      assert.equal(r.code, 2, r.stderr);
      assert.ok(r.stderr.startsWith(`cdktf-barman synth: ${message}`), r.stderr);
      assert.equal(r.stderr.split('\n').length, 2);
    });
  }
});

describe('exit codes, as --help documents them', () => {
  test('0 ok, 1 invalid input, 2 usage error, 70 internal error', () => {
    const bad = join(tmp, 'bad.yml');
    writeFileSync(bad, 'cluster_name: x\ninstances:\n  - Name: a\n    role: [primary]\n    backup: nowhere\n');
    assert.equal(run(['validate', config()]).code, 0);
    assert.equal(run(['validate', bad]).code, 1);
    assert.equal(run(['validate']).code, 2);
    const preload = join(tmp, 'throw.js');
    // a plain TypeError while render writes: a bug, not bad input
    writeFileSync(preload, "const fs = require('node:fs'); const write = fs.writeFileSync; fs.writeFileSync = function (p, ...r) { if (String(p).endsWith('manifest.json')) throw new TypeError('simulated bug'); return write.call(this, p, ...r); };\n");
    const r = run(['render', config(), '--out', join(tmp, 'bug')], { env: { ...process.env, NODE_OPTIONS: `--require ${preload}` } });
    assert.equal(r.code, 70, outputOf(r));
    const help = run(['--help']).stdout;
    for (const code of ['0', '1', '2', '70']) assert.match(help, new RegExp(`^  ${code} +\\S`, 'm'), code);
  });
});

describe('the README documents every option of every command', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = (heading: string): string => {
    const start = readme.indexOf(`\n## ${heading}`);
    assert.ok(start >= 0, heading);
    const end = readme.indexOf('\n## ', start + 1);
    return readme.slice(start, end < 0 ? undefined : end);
  };
  for (const [spec, heading] of [[SYNTH, 'Command line'], [RENDER, 'Command line'], [STATUS, 'Health checks: `status`']] as const) {
    test(`${spec.name}: each option in "${heading}"`, () => {
      const text = section(heading);
      const missing = spec.options.filter((o) => !text.includes(`\`--${o.name}${o.value ? ` ${o.value}` : ''}`));
      assert.deepEqual(missing.map((o) => o.name), []);
    });
  }
});
