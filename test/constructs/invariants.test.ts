/**
 * Invariants over every synthesized stack: several topologies (examples/config.yml, the topology
 * fixtures, our synth fixtures, the typed multi-topology graph) x both provisioner resource types x
 * generated / supplied (sensitive variables) / per-host keys. Stacks are BarmanStack (what the CLI
 * synthesizes) through Testing.synth with cdktf's validations on.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { BarmanGraph } from '../../lib/model/graph';
import { FileKind, HostFile, layoutLine } from '../../lib/render/host-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { PlaceholderKeys } from '../../lib/render/key-material';
import {
  PASSWORD_RESOURCE_BODY,
  PROLOGUE_LOCAL,
  PROLOGUE_REF,
  combinedStepLine,
  PASSWORD_STEP_MARK,
  SEED_CONFIG,
  TfJson,
  afterComments,
  expectedProvisionerIds,
  fixtureConfigs,
  hostProgramOf,
  inlinesOf,
  isLibraryExpression,
  multiGraph,
  passwordIds,
  parseStepLine,
  passwordResources,
  prologueOf,
  provisionerResources,
  readTemplate,
  resource,
  stepLine,
  stringsIn,
  synthBarmanStack,
  synthConfig,
  triggerKeyOf,
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
const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');


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
/**
 * The one line a private key may be in: the key-install secret step, the key its one secret
 * (base64 of a tls_private_key attribute or a *_private_key variable), then the key file's path,
 * owner and group as plain literals.
 */
const KEY_STEP_LINE = /^cdktf_run_secret 1 '\$\{base64encode\((tls_private_key\.[A-Za-z0-9_-]+\.private_key_openssh|var\.[A-Za-z0-9_-]+_private_key)\)\}' install_private_key '(\/[^'$%]+)' '([a-z_][a-z0-9_-]*)' '([a-z_][a-z0-9_-]*)'$/;

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

/**
 * Where private keys are referenced. Allowed: the connection Terraform uses, and the step line of a
 * key-install secret step (see KEY_STEP_LINE) whose file is a private key of its resource's layout.
 */
function privateKeyPlacement(json: TfJson): { misplaced: string[]; perProvisioner: Map<string, number> } {
  const misplaced: string[] = [];
  const perProvisioner = new Map<string, number>();
  for (const s of terraformStrings(json).filter((x) => PRIVATE.test(x.value) && !isKeyCheck(x))) {
    // the connection Terraform itself uses (resource level: provisioners have none of their own)
    if (/^resource\.[^.]+\.[^.]+\.connection\.(bastion_)?private_key$/.test(s.path)) continue;
    const p = provisionerOf(s.path);
    if (p && s.path.endsWith('.inline[2]')) {
      const r = resource(json, p[0], p[1]);
      const line = combinedStepLine(inlinesOf(r)[p[2]]);
      const m = line === undefined ? null : KEY_STEP_LINE.exec(line);
      // the key-install step: the key only as its one secret (the run line), its file a private key of the resource's layout
      if (m && triggersOf(r).layout.split('\n').includes(`private-key ${m[3]}:${m[4]} 0600 ${m[2]}`)) {
        const k = `${p[0]}.${p[1]}[${p[2]}]`;
        perProvisioner.set(k, (perProvisioner.get(k) ?? 0) + 1);
        continue;
      }
    }
    misplaced.push(`${s.path}: ${s.value.slice(0, 120)}`);
  }
  return { misplaced, perProvisioner };
}

const PASSWORD_REF = /_db_secret_(barman|streaming_barman)\b/;
/** a password as a secret of a step line: base64 of the sensitive value of its terraform_data */
const passwordSecret = (name: string): string => `\${base64encode(sensitive(terraform_data.barman_db_secret_${name}.triggers_replace))}`;
const PASSWORD_HASH = '${sha256("${sensitive(terraform_data.barman_db_secret_barman.triggers_replace)}\\n${sensitive(terraform_data.barman_db_secret_streaming_barman.triggers_replace)}")}';
/** the steps that get the passwords: the .pgpass block of an edge, the roles of a Postgres instance */
const PASSWORD_STEPS = /^(pgpass_lines|on_postgres)$/;

/**
 * Where the generated passwords are referenced. Allowed: the step line of a secret step (a
 * provisioner whose output Terraform hides) handing both passwords over as its two secrets, each
 * exactly base64 of one password (the shell writes each to its own 0600 temp file), and no password
 * anywhere else in the line; and the passwords_sha256 trigger, a sensitive hash. Anything else is
 * misplaced.
 */
function passwordPlacement(json: TfJson): { misplaced: string[]; secretSteps: Map<string, string[]>; hashed: string[] } {
  const misplaced: string[] = [];
  const secretSteps = new Map<string, string[]>();
  const hashed: string[] = [];
  for (const s of terraformStrings(json).filter((x) => PASSWORD_REF.test(x.value))) {
    const p = provisionerOf(s.path);
    if (p) {
      const line = combinedStepLine(inlinesOf(resource(json, p[0], p[1]))[p[2]]);
      // the passwords only in the run line of a secret step (its secrets), never in the step's own words
      if (s.path.endsWith('.inline[2]') && line !== undefined && PASSWORD_STEP_MARK.test(line)) {
        const call = parseStepLine(line);
        const names = call.secrets.map((x) => ['barman', 'streaming_barman'].find((n) => x === passwordSecret(n)) ?? 'other');
        const rest = [call.step, ...call.args];
        if (PASSWORD_STEPS.test(call.step) && !names.includes('other') && !rest.some((w) => PASSWORD_REF.test(w))) {
          const k = `${p[1]}[${p[2]}]`;
          secretSteps.set(k, [...(secretSteps.get(k) ?? []), ...names.map((n, i) => `${n}>s${i + 1}`)]);
          continue;
        }
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
          if (type === ProvisionerResourceType.NULL_RESOURCE) assert.deepEqual(Object.keys(json.resource?.terraform_data ?? {}).sort(), [...passwordIds()].sort(), 'null_resource mode: the passwords are the only terraform_data');
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
          // the layout trigger (what the steps follow, shown in the plan) is exactly the rendered files' layout, each file trigger in it
          for (const [id, r] of provisionerResources(json)) {
            const t = triggersOf(r);
            const host = /^(\S+) \(ssh /.exec(t.host)![1];
            const lines = t.layout.split('\n').filter((l) => l !== '');
            const byPath = new Map(lines.map((l) => [l.split(' ')[3], l]));
            // an activation writes nothing: its copy of the Barman section only re-runs it
            if (id.includes('_activate_')) {
              assert.equal(t.layout, '', `${id} writes no file`);
              continue;
            }
            for (const path of Object.keys(t).filter((k) => k.startsWith('/'))) {
              const f = rendered.get(host)!.find((x) => x.path === path)!;
              assert.equal(byPath.get(path), layoutLine(f).trimEnd(), `${id}: the layout line of ${path}`);
            }
            for (const l of lines) assert.match(l, /^(directory|file|private-key|public-key|authorized-keys|known-hosts|log-file|managed-block|password-block|managed-list) [^: ]+:[^: ]+ 0[0-7]{3} \/\S+$/, `${id}: layout line ${l}`);
          }
        });

        test(`${label}: private keys only in the key-install provisioners and the connection; never in triggers or non-sensitive outputs`, () => {
          const { misplaced, perProvisioner } = privateKeyPlacement(json);
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
          for (const [k, v] of found.secretSteps) assert.deepEqual(v, ['barman>s1', 'streaming_barman>s2'], k);
          assert.deepEqual(found.hashed.sort(), [...roles, ...edges].sort(), 'a passwords_sha256 trigger on each resource with a secret step');
          for (const s of strings) assert.ok(!s.value.includes('<password of '), `${s.path}: a password placeholder reached Terraform`);
        });

        test(`${label}: every remote-exec inline is the prologue's reference and one step line; the prologue and the host program it carries start with set -eu`, () => {
          // the prologue: one local, plain text, `set -eu` its first command; the host program it decodes too
          assert.ok(afterComments(prologueOf(json)).startsWith('set -eu\n'), 'the prologue starts with set -eu');
          const program = hostProgramOf(json);
          assert.ok(afterComments(program).startsWith('set -eu\n'), 'the host program starts with set -eu');
          assert.deepEqual(Object.keys(json.locals ?? {}).filter((k) => !/_ssh_public_key_hidden$/.test(k)), [PROLOGUE_LOCAL], 'the prologue is the one other local');
          const attribute = type === ProvisionerResourceType.TERRAFORM_DATA ? 'triggers_replace' : 'triggers';
          let n = 0;
          for (const [id, r] of provisionerResources(json)) {
            const inlines = inlinesOf(r);
            assert.ok(inlines.length >= 1, `${id} has provisioners`);
            for (const inline of inlines) {
              const call = parseStepLine(stepLine(inline));
              // the step is a function of the host program
              assert.match(program, new RegExp(`^${call.step}\\(\\) \\{`, 'm'), `${id}: ${call.step} is a function of the host program`);
              // a value read from a trigger is base64 of its own resource's trigger, one that exists; anything else is literal
              for (const a of call.args) {
                const k = triggerKeyOf(a, triggersOf(r));
                if (k) {
                  assert.equal(k.attribute, attribute, `${id}: a step reads its own ${attribute}`);
                  assert.ok(k.key !== '', `${id}: ${call.step} reads trigger number ${k.index}, which the resource does not have`);
                } else assert.deepEqual(readTemplate(a).interpolations, [], `${id}: ${call.step}'s argument ${a.slice(0, 80)} is literal`);
              }
              n++;
            }
            // script_sha256: a literal hash over the host program and every step's name and literal arguments,
            // so a change of the program or of any step line re-runs the resource (the values read from triggers are triggers themselves)
            const literal = (a: string): string => readTemplate(a).literal;
            const expectedHash = sha256Hex(
              [sha256Hex(program), ...inlines.map((i) => parseStepLine(stepLine(i))).map((c) => [c.step, ...c.args.filter((a) => !triggerKeyOf(a)).map(literal)].join('\u0000'))].join('\n'),
            );
            assert.equal(triggersOf(r).script_sha256, expectedHash, `${id}: script_sha256`);
            // the connection uploads every step to its user's home (the prologue removes the copy), never /tmp
            assert.match(String(r.connection?.script_path), /^\/.*\/\.cdktf-barman-%RAND%\.sh$/, `${id}: script_path`);
            assert.doesNotMatch(String(r.connection?.script_path), /^\/tmp\//, `${id}: script_path`);
          }
          assert.ok(n > 0);
          // the prologue travels once: only inline[0] lines refer to it, and nothing else in the stack
          for (const s of strings.filter((x) => x.value.includes('local.' + PROLOGUE_LOCAL))) {
            assert.match(s.path, /^resource\.[^.]+\.[^.]+\.provisioner\[\d+\]\.remote-exec\.inline\[0\]$/, s.path);
          }
          // self references only in step lines
          for (const s of strings.filter((x) => /\bself\./.test(x.value))) {
            assert.match(s.path, /^resource\.[^.]+\.[^.]+\.provisioner\[\d+\]\.remote-exec\.inline\[1\]$/, s.path);
          }
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
        assert.deepEqual(Object.keys(a.resource?.terraform_data ?? {}).sort(), [...passwordIds()].sort());
        assert.deepEqual(passwordResources(b), passwordResources(a));
        assert.equal(Object.keys(b.resource?.null_resource ?? {}).length, 0);
        assert.deepEqual(b.locals, a.locals, 'the same prologue and host program');
        for (const [id, x] of ra) {
          const y = rb.get(id)!;
          // the steps read their resource's own triggers: self.triggers (null_resource) is self.triggers_replace (terraform_data)
          const selfReplace = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replace(/\bself\.triggers\b/g, 'self.triggers_replace'));
          assert.deepEqual(y.provisioner, selfReplace(x.provisioner), `${id}: provisioners`);
          assert.equal(JSON.stringify(x.provisioner).includes('self.triggers_replace'), false, `${id}: null_resource reads self.triggers`);
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
    // the prologue's local, alone; a step's read of its own trigger, alone
    assert.ok(isLibraryExpression('local.cdktf_barman_shell'));
    assert.ok(isLibraryExpression('base64encode(element(values(self.triggers), 0))'));
    assert.ok(isLibraryExpression('base64encode(element(values(self.triggers_replace), 12))'));
    // a trigger named by its key would put a path from config.yml inside an expression: refused
    assert.ok(!isLibraryExpression('base64encode(self.triggers["/etc/barman.d/one.conf"])'));
    assert.ok(!isLibraryExpression('base64encode(self.triggers.layout)'));
    assert.ok(!isLibraryExpression('base64encode(element(values(self.triggers), var.i))'));
    assert.ok(!isLibraryExpression('base64encode(element(values(self.other), 0))'));
    assert.ok(!isLibraryExpression('local.other'));
    assert.ok(!isLibraryExpression('upper(local.cdktf_barman_shell)'));
    assert.ok(!isLibraryExpression('self.triggers["/etc/barman.d/one.conf"]'), 'a trigger in clear, not base64');
    assert.ok(!isLibraryExpression('base64encode(self.triggers)'));
    assert.ok(!isLibraryExpression('base64encode(self.id)'));
    assert.ok(!isLibraryExpression('base64encode(self.triggers.host)'));
    assert.ok(!isLibraryExpression('base64encode(self.triggers["${HOME}"])'), 'a template in the key');
    assert.ok(!isLibraryExpression('base64encode(self.triggers["a"], var.x)'));
    assert.ok(!isLibraryExpression('base64encode(self.triggers["a"]) + 1'));
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

  test('a password in clear in a trigger, in an output, in a non-secret step, in a step argument, or a hash of one password only, is reported', () => {
    const j = json() as { resource: Record<string, Record<string, Record<string, unknown>>>; output?: Record<string, unknown> };
    const backup = j.resource.null_resource.barman_backup_one_on_two as { triggers: Record<string, string>; provisioner: { 'remote-exec': { inline: string[] } }[] };
    const roles = j.resource.null_resource.barman_postgres_roles_one as { provisioner: { 'remote-exec': { inline: string[] } }[] };
    const secretLine = backup.provisioner[1]['remote-exec'].inline[2];
    assert.match(secretLine, PASSWORD_STEP_MARK, 'the .pgpass step is the backup resource\'s second provisioner');
    const [barmanSecret] = /'\$\{base64encode\(sensitive\(terraform_data\.barman_db_secret_barman\.triggers_replace\)\)\}'/.exec(secretLine)!;
    backup.triggers.leak = '${terraform_data.barman_db_secret_barman.triggers_replace}';
    backup.triggers.passwords_sha256 = '${sha256(terraform_data.barman_db_secret_barman.triggers_replace)}';
    const block = (words: string) => `cdktf_step <<'cdktf_step_end'\n${words} "$@"\ncdktf_step_end`;
    // the secret step's run line in another provisioner, after its run line
    backup.provisioner[0]['remote-exec'].inline.push(secretLine);
    // a password as an argument of a step without secrets (its output is shown)
    backup.provisioner.push({ 'remote-exec': { inline: [PROLOGUE_REF, block(`pgpass_lines ${barmanSecret}`), 'cdktf_run'] } });
    // a password as an argument of the secret step, beside its secrets
    const rolesSecret = roles.provisioner.findIndex((p) => PASSWORD_STEP_MARK.test(p['remote-exec'].inline[2] ?? ''));
    assert.ok(rolesSecret >= 0);
    roles.provisioner[rolesSecret]['remote-exec'].inline[1] = roles.provisioner[rolesSecret]['remote-exec'].inline[1].replace(' "$@"', ` ${barmanSecret} "$@"`);
    // one password and something else as the two secrets
    roles.provisioner.push({ 'remote-exec': { inline: [PROLOGUE_REF, block(`on_postgres 'x'`), `cdktf_run_secret 2 ${barmanSecret} 'eA=='`] } });
    j.output = { pw: { value: '${terraform_data.barman_db_secret_streaming_barman.triggers_replace}' } };
    const found = passwordPlacement(j as TfJson);
    assert.deepEqual(found.misplaced.map((m) => m.replace(/:[\s\S]*/, '')).sort(), [
      'output.pw.value',
      'resource.null_resource.barman_backup_one_on_two.provisioner[0].remote-exec.inline[3]',
      'resource.null_resource.barman_backup_one_on_two.provisioner[2].remote-exec.inline[1]',
      'resource.null_resource.barman_backup_one_on_two.triggers.leak',
      'resource.null_resource.barman_backup_one_on_two.triggers.passwords_sha256',
      `resource.null_resource.barman_postgres_roles_one.provisioner[${rolesSecret}].remote-exec.inline[1]`,
      // its run line too: its secrets go to a step whose own words hold a password
      `resource.null_resource.barman_postgres_roles_one.provisioner[${rolesSecret}].remote-exec.inline[2]`,
      `resource.null_resource.barman_postgres_roles_one.provisioner[${roles.provisioner.length - 1}].remote-exec.inline[2]`,
    ]);
  });
});

describe('the private key placement check (control)', () => {
  const json = (): TfJson => synthBarmanStack({ graph: loadGraphFromFile(SEED_CONFIG()) });

  test('the seed passes: one key-install step on two, one on one', () => {
    const found = privateKeyPlacement(json());
    assert.deepEqual(found.misplaced, []);
    assert.deepEqual([...found.perProvisioner.keys()].map((k) => k.replace(/\[\d+\]$/, '')).sort(), ['null_resource.barman_postgres_access_one', 'null_resource.barman_server_two']);
  });

  test('a key in a trigger, in a step\'s arguments, in the prologue line, in an output, or installed to a file that is not a private key of the layout, is reported', () => {
    const j = json() as { resource: Record<string, Record<string, Record<string, unknown>>>; output?: Record<string, unknown> };
    type P = { triggers: Record<string, string>; provisioner: { 'remote-exec': { inline: string[] } }[] };
    const server = j.resource.null_resource.barman_server_two as P;
    const access = j.resource.null_resource.barman_postgres_access_one as P;
    const keyAt = server.provisioner.findIndex((p) => p['remote-exec'].inline[1].includes('install_private_key '));
    assert.ok(keyAt >= 0);
    const key = '${base64encode(tls_private_key.barman_ssh_key_barman.private_key_openssh)}';
    server.triggers.leak = key;
    server.provisioner[0]['remote-exec'].inline[1] = server.provisioner[0]['remote-exec'].inline[1].replace(' "$@"', ` '${key}' "$@"`);
    server.provisioner[keyAt]['remote-exec'].inline[0] += `\n: ${key}`;
    const accessKeyAt = access.provisioner.findIndex((p) => p['remote-exec'].inline[1].includes('install_private_key '));
    access.provisioner[accessKeyAt]['remote-exec'].inline[1] = access.provisioner[accessKeyAt]['remote-exec'].inline[1].replace("'/var/lib/postgresql/.ssh/id_ed25519'", "'/var/lib/postgresql/.ssh/authorized_keys'");
    j.output = { k: { value: '${tls_private_key.barman_ssh_key_postgres.private_key_openssh}' } };
    const found = privateKeyPlacement(j as TfJson);
    assert.deepEqual(found.misplaced.map((m) => m.replace(/:[\s\S]*/, '')).sort(), [
      'output.k.value',
      `resource.null_resource.barman_postgres_access_one.provisioner[${accessKeyAt}].remote-exec.inline[2]`,
      'resource.null_resource.barman_server_two.provisioner[0].remote-exec.inline[1]',
      `resource.null_resource.barman_server_two.provisioner[${keyAt}].remote-exec.inline[0]`,
      // its key-install run line no longer follows the prologue reference: reported too
      `resource.null_resource.barman_server_two.provisioner[${keyAt}].remote-exec.inline[2]`,
      'resource.null_resource.barman_server_two.triggers.leak',
    ]);
  });

  test('the key-install line takes one key as its one secret, then a private key file of the layout', () => {
    const line = "cdktf_run_secret 1 '${base64encode(tls_private_key.barman_ssh_key_postgres.private_key_openssh)}' install_private_key '/var/lib/postgresql/.ssh/id_ed25519' 'postgres' 'postgres'";
    assert.match(line, KEY_STEP_LINE);
    assert.match(line.replace(/tls_private_key\.\S+\.private_key_openssh/, 'var.barman_postgres_ssh_private_key'), KEY_STEP_LINE);
    assert.doesNotMatch(`${line} '\${var.barman_postgres_ssh_private_key}'`, KEY_STEP_LINE, 'a key as an argument too');
    assert.doesNotMatch(line.replace('install_private_key', 'put_file'), KEY_STEP_LINE, 'another step');
    assert.doesNotMatch(line.replace('cdktf_run_secret 1 ', 'cdktf_run '), KEY_STEP_LINE, 'not a secret step');
    assert.doesNotMatch(line.replace('base64encode(', 'base64encode(upper(').replace(')}', '))}'), KEY_STEP_LINE, 'some other expression of the key');
  });
});
