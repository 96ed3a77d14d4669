/**
 * `status --outputs`: the servers read back from a stack's `<prefix>_status_targets` output. The
 * output goes through a real (offline) `terraform apply` and `terraform output -json`; the probe
 * answers come from the e2e sandbox's captured output. Under CI a missing terraform fails the run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../lib/cli/main';
import { STATUS, statusCommand } from '../../lib/cli/status';
import { synthesizeTerraformJson } from '../../lib/constructs/barman-stack';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { statusTargetsOf } from '../../lib/status/collect';
import { StatusReport } from '../../lib/status/report';
import { SshResult, SshTarget } from '../../lib/status/ssh-runner';
import { readStatusTargets } from '../../lib/status/targets-from-outputs';
import { probeFixture, statusConfigPath, statusGraph } from './status-fixtures';
import { skipUnless, terraformMissing } from '../support/requirements';


let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cdktf-barman-status-outputs-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

async function status(args: string[], answer: Partial<SshResult>) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: SshTarget[] = [];
  const run = async (target: SshTarget): Promise<SshResult> => {
    calls.push(target);
    return { code: 0, stdout: '', stderr: '', timedOut: false, ...answer };
  };
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  const code = await main(['status', ...args], io, [{ spec: STATUS, run: (a, o) => statusCommand(a, o, run) }]);
  return { code, stdout: out.join(''), stderr: err.join(''), calls };
}

const stackJson = (prefix?: string) => synthesizeTerraformJson({ graph: statusGraph(), resourceType: ProvisionerResourceType.TERRAFORM_DATA, keysFromVariables: true, idPrefix: prefix }) as { output: Record<string, { value: string; precondition?: unknown }> };

describe('the status targets output', () => {
  test('carries what status derives from the config (generated and supplied keys alike)', () => {
    const expected = statusTargetsOf(statusGraph());
    for (const props of [{ keysFromVariables: true }, {}]) {
      const json = synthesizeTerraformJson({ graph: statusGraph(), ...props }) as { output: Record<string, { value: string }> };
      assert.deepEqual(JSON.parse(json.output.barman_status_targets.value), JSON.parse(JSON.stringify(expected)));
    }
  });

  test('holds no secret: no key material, no password, only sha256 sums of whole files', () => {
    const value = stackJson().output.barman_status_targets.value;
    assert.doesNotMatch(value, /PRIVATE KEY|ssh-ed25519|password|var\.|\$\{/i);
  });
});

describe('status --outputs after a real terraform apply', { skip: skipUnless(terraformMissing()) }, () => {
  let outputsFile: string;
  before(() => {
    // only the stack's outputs: they need no provider and no host
    const dir = join(tmp, 'tf');
    mkdirSync(dir);
    // without the checks of the supplied keys (output preconditions reading the key variables: see
    // test/constructs/supplied-key-checks.test.ts), which would need the variables and their values
    const output = Object.fromEntries(Object.entries(stackJson().output).map(([name, { precondition: _checks, ...o }]) => [name, o]));
    writeFileSync(join(dir, 'outputs.tf.json'), JSON.stringify({ output }));
    writeFileSync(join(dir, 'empty.tfrc'), '');
    const env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'empty.tfrc') };
    for (const args of [['init', '-input=false'], ['apply', '-auto-approve', '-input=false']]) {
      const r = spawnSync('terraform', args, { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, `terraform ${args.join(' ')}\n${r.stdout}${r.stderr}`);
    }
    const out = spawnSync('terraform', ['output', '-json'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    outputsFile = join(tmp, 'outputs.json');
    writeFileSync(outputsFile, out.stdout);
  });

  test('the same report as from the config, exit 0 when healthy', async () => {
    const fromOutputs = await status(['--outputs', outputsFile, '--json'], { stdout: probeFixture('healthy') });
    const fromConfig = await status([statusConfigPath(), '--json'], { stdout: probeFixture('healthy') });
    assert.equal(fromOutputs.code, 0, fromOutputs.stdout + fromOutputs.stderr);
    assert.deepEqual(JSON.parse(fromOutputs.stdout) as StatusReport, JSON.parse(fromConfig.stdout) as StatusReport);
    assert.deepEqual(fromOutputs.calls, fromConfig.calls);
  });

  test('a FAILED check from the outputs: exit 1', async () => {
    const r = await status(['--outputs', outputsFile], { stdout: probeFixture('receive-wal-stopped') });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /check receive wal running: FAILED/);
  });

  test('an unreachable server: reported unreachable, its instances too, no backup count', async () => {
    const r = await status(['--outputs', outputsFile, '--json'], { code: 255, stderr: 'ssh: connect to host 127.0.0.41 port 22: Connection refused\n' });
    assert.equal(r.code, 1);
    const rep = JSON.parse(r.stdout) as StatusReport;
    assert.equal(rep.formatVersion, 2);
    assert.equal(rep.servers[0].reachable, false);
    for (const i of rep.servers[0].instances) assert.deepEqual([i.state, i.backups.count, i.lastBackup], ['unreachable', null, null]);
  });
});

describe('reading the outputs', () => {
  const value = () => stackJson().output.barman_status_targets.value;
  test("terraform's `output -json`, cdktf's --outputs-file and the document itself", () => {
    const expected = JSON.parse(value());
    for (const shape of [
      { barman_status_targets: { sensitive: false, type: 'string', value: value() } },
      { 'barman-stack': { barman_status_targets: value() } },
      expected,
    ]) {
      assert.deepEqual(readStatusTargets(JSON.stringify(shape), 'o.json'), expected);
    }
  });

  test('two clusters: --cluster chooses; without it, an error naming both', async () => {
    const other = value().replace('"cluster":"e2e"', '"cluster":"other"');
    const both = JSON.stringify({ a_status_targets: { value: value() }, b_status_targets: { value: other } });
    assert.throws(() => readStatusTargets(both, 'o.json'), /^Error: o\.json: 2 clusters in the outputs \('e2e', 'other'\): choose one with --cluster NAME$/);
    assert.equal(readStatusTargets(both, 'o.json', 'other').cluster, 'other');
    const file = join(tmp, 'both.json');
    writeFileSync(file, both);
    const r = await status(['--outputs', file], {});
    assert.equal(r.code, 1);
    assert.equal(r.calls.length, 0);
  });

  for (const [name, text, message] of [
    ['not JSON', 'nope', /o\.json: not JSON/],
    ['no targets output', '{"x": {"value": "y"}}', /no <prefix>_status_targets output/],
    ['a host starting with -', () => value().replace('"host":"127.0.0.41"', '"host":"-oProxyCommand=x"'), /host is '-oProxyCommand=x'/],
    ['a newer format', () => value().replace('"formatVersion":1', '"formatVersion":9'), /formatVersion 9, this cdktf-barman reads 1/],
    ['a backup name with a quote', () => value().replace('"backupName":"pg1"', `"backupName":"pg1'x"`), /backupName is 'pg1'x'/],
  ] as const) {
    test(`${name}: an error, no ssh`, () => {
      const t = typeof text === 'function' ? text() : text;
      assert.throws(() => readStatusTargets(t.startsWith('{"kind"') ? JSON.stringify({ o: { value: t } }) : t, 'o.json'), message);
    });
  }

  test('CONFIG and --outputs together, or --cluster without --outputs: usage errors', async () => {
    assert.equal((await status([statusConfigPath(), '--outputs', 'o.json'], {})).code, 2);
    assert.equal((await status([statusConfigPath(), '--cluster', 'x'], {})).code, 2);
  });
});
