/**
 * Invariants over every synthesized stack: several topologies (examples/config.yml, the topology
 * fixtures, our synth fixtures, the typed multi-topology graph) x both provisioner resource types x
 * generated / supplied (sensitive variables) / per-host keys. Stacks are BarmanStack (what the CLI
 * synthesizes) through Testing.synth with cdktf's validations on.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { BarmanGraph } from '../../lib/model/graph';
import { FileKind, HostFile } from '../../lib/render/host-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { PlaceholderKeys } from '../../lib/render/key-material';
import {
  PASSWORD_RESOURCE_BODY,
  SECRET_STEP_MARK,
  SEED_CONFIG,
  TfJson,
  embeddedScript,
  expectedProvisionerIds,
  fixtureConfigs,
  inlinesOf,
  isLibraryExpression,
  multiGraph,
  passwordIds,
  passwordResources,
  provisionerResources,
  readTemplate,
  resource,
  stringsIn,
  synthBarmanStack,
  synthConfig,
  triggersOf,
} from './synth-helpers';

interface Topology {
  readonly name: string;
  readonly graph: () => BarmanGraph;
  /** the input holds `${`: it exercises the escaping of literal content */
  readonly dollarBraces: boolean;
}

const TOPOLOGIES: Topology[] = [
  { name: 'examples/config.yml', graph: () => loadGraphFromFile(SEED_CONFIG()), dollarBraces: false },
  ...fixtureConfigs().map((f) => ({ name: f.name, graph: () => loadGraphFromFile(f.file), dollarBraces: readFileSync(f.file, 'utf8').includes('${') })),
  { name: 'typed multi-topology graph', graph: () => multiGraph(), dollarBraces: false },
];

type KeyMode = 'generated' | 'supplied' | 'per-host';
const KEY_MODES: KeyMode[] = ['generated', 'supplied', 'per-host'];
const TYPES = Object.values(ProvisionerResourceType);


function synth(t: Topology, resourceType: ProvisionerResourceType, keys: KeyMode): TfJson {
  return synthBarmanStack(
    {
      graph: t.graph(),
      resourceType,
      keysFromVariables: keys === 'supplied',
      connectionKeyFromVariable: keys === 'supplied',
      perHostKeys: keys === 'per-host',
    },
    true, // cdktf's validations (e.g. every resource has its provider) must pass
  );
}

/** every string of the JSON that Terraform reads (cdktf's "//" comments excluded) */
function terraformStrings(json: TfJson): { path: string; value: string }[] {
  const { ['//']: _comment, ...rest } = json;
  return stringsIn(rest).filter((s) => !/(^|\.)\/\/(\.|$)/.test(s.path));
}

/** private key attributes of tls_private_key, *_private_key variables, PEM/OpenSSH armour */
const PRIVATE = /private_key_openssh|private_key_pem|var\.[A-Za-z0-9_-]*_private_key\b|PRIVATE KEY/;
const KEY_PROVISIONER_MARK = '# cdktf-barman: install a private key';

/** Terraform's checks of supplied keys: variable validations, output preconditions, the hidden public keys they read */
const KEY_CHECK_PATH = /^(variable\.[^.]+\.validation|output\.[^.]+\.precondition)\[\d+\]\.(condition|error_message)$|^locals\.[A-Za-z0-9_-]+_ssh_public_key_hidden$/;
const isKeyCheck = (s: { path: string }): boolean => KEY_CHECK_PATH.test(s.path);

/**
 * What a key check may hold: a condition is one `can(regex("PATTERN", var.X or local.X))` with a
 * literal pattern; a message is plain text naming no reference; a hidden key is `sensitive(var.X)`.
 */
function keyCheckProblem(s: { path: string; value: string }): string | undefined {
  if (s.path.endsWith('.error_message')) return /[$%]\{|var\./.test(s.value) ? 'a message with a template or reference' : undefined;
  if (s.path.startsWith('locals.')) return /^\$\{sensitive\(var\.[A-Za-z0-9_-]+_ssh_public_key\)\}$/.test(s.value) ? undefined : 'a hidden key that is not sensitive(var.*_ssh_public_key)';
  const m = /^\$\{can\(regex\("((?:[^"\\]|\\.)*)", (?:var|local)\.[A-Za-z0-9_-]+\)\)\}$/.exec(s.value);
  if (!m) return 'a condition that is not one can(regex("PATTERN", REF))';
  return /[$%]\{/.test(m[1]) ? 'a pattern with a template' : undefined;
}

/** `resource.T.ID.provisioner[i].remote-exec.inline[j]` -> [T, ID, i] */
function provisionerOf(path: string): [string, string, number] | undefined {
  const m = /^resource\.([^.]+)\.([^.]+)\.provisioner\[(\d+)\]\.remote-exec\.inline\[\d+\]$/.exec(path);
  return m ? [m[1], m[2], Number(m[3])] : undefined;
}

const PASSWORD_REF = /_db_secret_(barman|streaming_barman)\b/;
const PASSWORD_LINE = /^printf '%s' '\$\{base64encode\(sensitive\(terraform_data\.barman_db_secret_(barman|streaming_barman)\.triggers_replace\)\)\}' > "\$s(\d)"$/;
const PASSWORD_HASH = '${sha256("${sensitive(terraform_data.barman_db_secret_barman.triggers_replace)}\\n${sensitive(terraform_data.barman_db_secret_streaming_barman.triggers_replace)}")}';

/**
 * Where the generated passwords are referenced. Allowed: a line of a secret step (a provisioner
 * whose output Terraform hides) that writes one password to its own temp file, and the
 * passwords_sha256 trigger, a sensitive hash. Anything else is misplaced.
 */
function passwordPlacement(json: TfJson): { misplaced: string[]; secretSteps: Map<string, string[]>; hashed: string[] } {
  const misplaced: string[] = [];
  const secretSteps = new Map<string, string[]>();
  const hashed: string[] = [];
  for (const s of terraformStrings(json).filter((x) => PASSWORD_REF.test(x.value))) {
    const p = provisionerOf(s.path);
    if (p) {
      const inline = inlinesOf(resource(json, p[0], p[1]))[p[2]];
      const m = PASSWORD_LINE.exec(s.value);
      if (SECRET_STEP_MARK.test(inline[1] ?? '') && m) {
        const k = `${p[1]}[${p[2]}]`;
        secretSteps.set(k, [...(secretSteps.get(k) ?? []), `${m[1]}>s${m[2]}`]);
        continue;
      }
    }
    const h = /^resource\.[^.]+\.([^.]+)\.(triggers|triggers_replace)\.passwords_sha256$/.exec(s.path);
    if (h && s.value === PASSWORD_HASH) {
      hashed.push(h[1]);
      continue;
    }
    misplaced.push(`${s.path}: ${s.value.slice(0, 160)}`);
  }
  return { misplaced, secretSteps, hashed };
}

for (const topology of TOPOLOGIES) {
  describe(`invariants: ${topology.name}`, () => {
    for (const keys of KEY_MODES) {
      for (const type of TYPES) {
        const label = `${type}, ${keys} keys`;
        const json = synth(topology, type, keys);
        const strings = terraformStrings(json);

        test(`${label}: exactly the expected resources, derived from the graph; the two generated passwords are bare terraform_data`, () => {
          const graph = topology.graph();
          assert.deepEqual([...provisionerResources(json).keys()].sort(), expectedProvisionerIds(graph));
          for (const id of provisionerResources(json).keys()) assert.ok(json.resource?.[type]?.[id], `${id} is a ${type}`);
          // generated passwords: built-in terraform_data whatever the provisioner type, created once
          // (a random UUID, sensitive), never replaced (ignore_changes), no triggers, no provisioners
          assert.deepEqual([...passwordResources(json).keys()].sort(), passwordIds().sort());
          for (const [id, body] of passwordResources(json)) assert.deepEqual(body, PASSWORD_RESOURCE_BODY, id);
          if (type === ProvisionerResourceType.NULL_RESOURCE) assert.deepEqual(Object.keys(json.resource?.terraform_data ?? {}).sort(), passwordIds().sort(), 'null_resource mode: the passwords are the only terraform_data');
        });

        test(`${label}: only the library's own references are interpolated; no template directive`, () => {
          const bad: string[] = [];
          const passwordInputs = new Set(passwordIds().map((id) => `resource.terraform_data.${id}.triggers_replace`));
          for (const s of strings) {
            if (isKeyCheck(s)) continue; // checked by shape below
            // the one expression that is not a reference: a generated password's initial value
            if (passwordInputs.has(s.path) && s.value === PASSWORD_RESOURCE_BODY.triggers_replace) continue;
            const { interpolations, directives } = readTemplate(s.value);
            for (const e of interpolations) if (!isLibraryExpression(e)) bad.push(`${s.path}: \${${e}}`);
            for (const d of directives) bad.push(`${s.path}: %{${d}}`);
          }
          assert.deepEqual(bad, [], 'unescaped ${ or %{ in literal content');
        });

        test(`${label}: the checks of supplied keys are plain regex tests with literal patterns and messages (and only with supplied keys)`, () => {
          const checks = strings.filter(isKeyCheck);
          assert.deepEqual(checks.map((c) => [c.path, keyCheckProblem(c)]).filter(([, p]) => p !== undefined), []);
          // per pair: the public key's validation (condition, message), two output preconditions (2 x 2), the hidden public key
          assert.equal(checks.length, keys === 'supplied' ? 2 * (2 + 4 + 1) : 0, checks.map((c) => c.path).join('\n'));
        });

        test(`${label}: what Terraform evaluates from each file trigger is exactly the rendered file`, () => {
          const graph = topology.graph();
          const rendered = new Map(renderHosts(graph, new PlaceholderKeys()).map((p) => [p.instance.name, p.files]));
          let compared = 0;
          for (const [id, r] of provisionerResources(json)) {
            const host = /^(\S+) \(ssh /.exec(triggersOf(r).host)?.[1];
            assert.ok(host && rendered.has(host), `${id}: the host trigger names an instance (${triggersOf(r).host})`);
            for (const [path, value] of Object.entries(triggersOf(r))) {
              if (!path.startsWith('/')) continue;
              const f: HostFile | undefined = rendered.get(host)!.find((x) => x.path === path);
              assert.ok(f, `${id}: trigger ${path} is not a file of ${host}`);
              assert.ok(f.kind !== FileKind.PRIVATE_KEY && f.kind !== FileKind.PASSWORD_BLOCK, `${id}: ${f.kind} ${path} is a trigger`);
              // whole files, pg_hba.conf blocks and the managed lists, without key material: compare exactly
              if (![FileKind.FILE, FileKind.MANAGED_BLOCK, FileKind.MANAGED_LIST].includes(f.kind)) continue;
              const { literal, interpolations } = readTemplate(value);
              assert.deepEqual(interpolations, [], `${id} ${path}: no reference in a plain file`);
              assert.equal(literal, f.content, `${id} ${path}: Terraform's value differs from the rendered file`);
              compared++;
            }
          }
          assert.ok(compared >= 3, `compared ${compared} files`);
        });

        test(`${label}: private keys only in the key-install provisioners and the connection; never in triggers or non-sensitive outputs`, () => {
          const misplaced: string[] = [];
          const perProvisioner = new Map<string, number>();
          for (const s of strings.filter((x) => PRIVATE.test(x.value) && !isKeyCheck(x))) {
            // the connection Terraform itself uses, at resource level or on a secret provisioner
            if (/^resource\.[^.]+\.[^.]+\.(provisioner\[\d+\]\.remote-exec\.)?connection\.(bastion_)?private_key$/.test(s.path)) continue;
            const p = provisionerOf(s.path);
            if (p) {
              const inline = inlinesOf(resource(json, p[0], p[1]))[p[2]];
              if (inline[1]?.startsWith(KEY_PROVISIONER_MARK)) {
                const k = `${p[0]}.${p[1]}[${p[2]}]`;
                perProvisioner.set(k, (perProvisioner.get(k) ?? 0) + 1);
                continue;
              }
            }
            misplaced.push(`${s.path}: ${s.value.slice(0, 120)}`);
          }
          assert.deepEqual(misplaced, []);
          for (const [k, n] of perProvisioner) assert.equal(n, 1, `${k}: the key appears in exactly one line`);
          // each host with a key gets its key provisioner: one per server and one per Postgres access
          const graph = topology.graph();
          assert.equal(perProvisioner.size, graph.barmanServers.length + graph.postgresInstances.length, 'key provisioners');
          for (const [name, o] of Object.entries(json.output ?? {})) {
            if (!o.sensitive) assert.doesNotMatch(JSON.stringify(o.value), PRIVATE, `output ${name}`);
          }
          for (const [name, v] of Object.entries(json.variable ?? {})) {
            if (/private_key/.test(name)) assert.equal(v.sensitive, true, `variable ${name} must be sensitive`);
          }
          if (keys === 'supplied') {
            assert.equal(json.resource?.tls_private_key, undefined, 'supplied keys: no private key in state');
            assert.equal(json.provider?.tls, undefined);
          }
        });

        test(`${label}: database passwords only in the secret steps (as files) and as sha256 hashes; never placeholders, triggers in clear or outputs`, () => {
          const found = passwordPlacement(json);
          assert.deepEqual(found.misplaced, [], 'password references outside the secret steps and the hashes');
          // one secret step per roles resource and per backup edge (its .pgpass block), each with both passwords, each in its own file
          const graph = topology.graph();
          const roles = expectedProvisionerIds(graph).filter((id) => id.includes('_postgres_roles_'));
          const edges = expectedProvisionerIds(graph).filter((id) => id.includes('_backup_'));
          assert.deepEqual([...found.secretSteps.keys()].map((k) => k.replace(/\[\d+\]$/, '')).sort(), [...roles, ...edges].sort(), 'resources with a secret step');
          for (const [k, v] of found.secretSteps) assert.deepEqual(v, ['barman>s0', 'streaming_barman>s1'], k);
          assert.deepEqual(found.hashed.sort(), [...roles, ...edges].sort(), 'a passwords_sha256 trigger on each resource with a secret step');
          for (const s of strings) assert.ok(!s.value.includes('<password of '), `${s.path}: a password placeholder reached Terraform`);
        });

        test(`${label}: every remote-exec inline, and the host script it carries, starts with set -eu`, () => {
          let n = 0;
          for (const [id, r] of provisionerResources(json)) {
            const inlines = inlinesOf(r);
            assert.ok(inlines.length >= 1, `${id} has provisioners`);
            for (const inline of inlines) {
              assert.equal(inline[0], 'set -eu', `${id}: first inline line`);
              assert.ok(embeddedScript(inline).startsWith('set -eu\n'), `${id}: the carried script starts with set -eu`);
              n++;
            }
          }
          assert.ok(n > 0);
        });

        test(`${label}: no hashed logical id`, () => {
          const hashed = /_[0-9A-F]{8}$/;
          const ids = [
            ...Object.values(json.resource ?? {}).flatMap((byId) => Object.keys(byId)),
            ...Object.keys(json.variable ?? {}),
            ...Object.keys(json.output ?? {}),
          ];
          assert.ok(ids.length > 0);
          assert.deepEqual(ids.filter((id) => hashed.test(id)), []);
          for (const id of ids) assert.match(id, /^[A-Za-z_][A-Za-z0-9_-]*$/, `${id} is a Terraform identifier`);
        });
      }

      test(`${keys} keys: provisioners, connections and triggers are identical for null_resource and terraform_data`, () => {
        const a = synth(topology, ProvisionerResourceType.NULL_RESOURCE, keys);
        const b = synth(topology, ProvisionerResourceType.TERRAFORM_DATA, keys);
        const ra = provisionerResources(a);
        const rb = provisionerResources(b);
        assert.deepEqual([...rb.keys()].sort(), [...ra.keys()].sort());
        // the passwords are built-in terraform_data in both modes, and the same
        assert.deepEqual(Object.keys(a.resource?.terraform_data ?? {}).sort(), passwordIds().sort());
        assert.deepEqual(passwordResources(b), passwordResources(a));
        assert.equal(Object.keys(b.resource?.null_resource ?? {}).length, 0);
        for (const [id, x] of ra) {
          const y = rb.get(id)!;
          assert.deepEqual(y.provisioner, x.provisioner, `${id}: provisioners`);
          assert.deepEqual(y.connection, x.connection, `${id}: connection`);
          assert.deepEqual(y.triggers_replace, x.triggers, `${id}: triggers`);
          assert.deepEqual(
            y.depends_on,
            x.depends_on?.map((d) => d.replace(/^null_resource\./, 'terraform_data.')),
            `${id}: depends_on`,
          );
        }
      });
    }
  });
}

describe('escaping of literal ${ and %{ (fixture test/fixtures/synth/dollar-braces)', () => {
  const graph = loadGraphFromFile(synthConfig('dollar-braces'));
  const conf = (type: ProvisionerResourceType) => triggersOf(resource(synthBarmanStack({ graph, resourceType: type }), type, 'barman_backup_db_on_bk'))['/etc/barman.d/db.conf'];

  test('the fixture is what this test assumes', () => {
    assert.match(graph.instance('db').settings.postBackupScript ?? '', /\$\{HOME\}.*%\{x\}/);
  });

  for (const type of TYPES) {
    test(`${type}: post_backup_script's \${HOME} is written $\${HOME}, its %{x} as %%{x} (Barman's %% escaped again)`, () => {
      const raw = conf(type);
      const line = raw.split('\n').find((l) => l.startsWith('post_backup_script = '));
      assert.ok(line, 'post_backup_script line');
      assert.ok(line.includes('--home $${HOME} '), line);
      // Barman's ConfigParser wants % as %%, Terraform wants %{ as %%{: %{x} -> %%{x} -> %%%{x}
      assert.ok(line.includes('--tag %%%{x} '), line);
      assert.ok(!/(^|[^$])\$\{/.test(raw), 'no unescaped ${ anywhere in the file trigger');
      const evaluated = readTemplate(raw).literal;
      assert.ok(evaluated.includes('post_backup_script = "/usr/local/bin/after-backup --home ${HOME} --tag %%{x} --cost $5 --done 100%%"'), evaluated);
      // a $${ the user wrote stays $${ after Terraform reads it
      assert.ok(evaluated.includes('echo $${literal}'), evaluated);
    });
  }
});

describe('the template reader used above (control)', () => {
  test('reads escapes, interpolations and directives as Terraform does', () => {
    assert.deepEqual(readTemplate('a $${HOME} %%{x} b'), { literal: 'a ${HOME} %{x} b', interpolations: [], directives: [] });
    assert.deepEqual(readTemplate('x $$${HOME} y').literal, 'x $${HOME} y');
    assert.deepEqual(readTemplate('${HOME}').interpolations, ['HOME']);
    assert.deepEqual(readTemplate('%{ if x }').directives, [' if x ']);
    assert.deepEqual(readTemplate('100% $5 $ %').literal, '100% $5 $ %');
    assert.deepEqual(readTemplate('k ${join(" ", ["}"])} z').interpolations, ['join(" ", ["}"])']);
  });

  test('tells the library\'s expressions from literal content', () => {
    assert.ok(isLibraryExpression('trimspace(tls_private_key.barman_ssh_key_postgres.public_key_openssh)'));
    assert.ok(isLibraryExpression('base64encode(join(" ", slice(split(" ", trimspace(var.barman_barman_ssh_public_key)), 0, 2)))'));
    assert.ok(isLibraryExpression('var.barman_connection_private_key'));
    assert.ok(!isLibraryExpression('HOME'));
    assert.ok(!isLibraryExpression('BARMAN_WAL_DIR:-/tmp'));
    assert.ok(!isLibraryExpression('file("/etc/passwd")'));
    assert.ok(!isLibraryExpression('null_resource.x.id'));
    // the passwords: their own terraform_data outputs, also inside a string template of sha256
    assert.ok(isLibraryExpression('base64encode(sensitive(terraform_data.barman_db_secret_barman.triggers_replace))'));
    assert.ok(isLibraryExpression('sha256("${sensitive(terraform_data.barman_db_secret_barman.triggers_replace)}\\n${sensitive(terraform_data.barman_db_secret_streaming_barman.triggers_replace)}")'));
    assert.ok(!isLibraryExpression('sha256("${HOME}\\n${sensitive(terraform_data.barman_db_secret_barman.triggers_replace)}")'), 'literal ${HOME} inside a nested template');
    assert.ok(!isLibraryExpression('sha256("%{if x}y%{endif}")'));
    assert.ok(!isLibraryExpression('terraform_data.someone_else.output'));
    assert.ok(!isLibraryExpression('sensitive(uuid())'), 'no reference at all: only the password inputs may hold it');
  });
});

describe('the password placement check (control)', () => {
  const json = (): TfJson => synthBarmanStack({ graph: loadGraphFromFile(SEED_CONFIG()) });

  test('the seed passes: two secret steps (roles on one, .pgpass of one on two), two hashes', () => {
    const found = passwordPlacement(json());
    assert.deepEqual(found.misplaced, []);
    assert.deepEqual([...found.secretSteps.keys()].map((k) => k.replace(/\[\d+\]$/, '')).sort(), ['barman_backup_one_on_two', 'barman_postgres_roles_one']);
    assert.deepEqual(found.hashed.sort(), ['barman_backup_one_on_two', 'barman_postgres_roles_one']);
  });

  test('a password in clear in a trigger, in an output, in a non-secret step, or a hash of one password only, is reported', () => {
    const j = json() as { resource: Record<string, Record<string, Record<string, unknown>>>; output?: Record<string, unknown> };
    const backup = j.resource.null_resource.barman_backup_one_on_two as { triggers: Record<string, string>; provisioner: { 'remote-exec': { inline: string[] } }[] };
    backup.triggers.leak = '${terraform_data.barman_db_secret_barman.triggers_replace}';
    backup.triggers.passwords_sha256 = '${sha256(terraform_data.barman_db_secret_barman.triggers_replace)}';
    backup.provisioner[0]['remote-exec'].inline.push(backup.provisioner[1]['remote-exec'].inline[8]);
    j.output = { pw: { value: '${terraform_data.barman_db_secret_streaming_barman.triggers_replace}' } };
    const found = passwordPlacement(j as TfJson);
    assert.deepEqual(found.misplaced.map((m) => m.replace(/:.*/, '')).sort(), [
      'output.pw.value',
      'resource.null_resource.barman_backup_one_on_two.provisioner[0].remote-exec.inline[6]',
      'resource.null_resource.barman_backup_one_on_two.triggers.leak',
      'resource.null_resource.barman_backup_one_on_two.triggers.passwords_sha256',
    ]);
  });
});
