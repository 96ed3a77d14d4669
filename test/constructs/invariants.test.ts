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
import { FileKind, HostFile, renderHosts } from '../../lib/render/host-files';
import { PlaceholderKeys } from '../../lib/render/key-material';
import {
  SEED_CONFIG,
  TfJson,
  embeddedScript,
  fixtureConfigs,
  inlinesOf,
  isLibraryExpression,
  multiGraph,
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

/** `resource.T.ID.provisioner[i].remote-exec.inline[j]` -> [T, ID, i] */
function provisionerOf(path: string): [string, string, number] | undefined {
  const m = /^resource\.([^.]+)\.([^.]+)\.provisioner\[(\d+)\]\.remote-exec\.inline\[\d+\]$/.exec(path);
  return m ? [m[1], m[2], Number(m[3])] : undefined;
}

for (const topology of TOPOLOGIES) {
  describe(`invariants: ${topology.name}`, () => {
    for (const keys of KEY_MODES) {
      for (const type of TYPES) {
        const label = `${type}, ${keys} keys`;
        const json = synth(topology, type, keys);
        const strings = terraformStrings(json);

        test(`${label}: only the library's own references are interpolated; no template directive`, () => {
          const bad: string[] = [];
          for (const s of strings) {
            const { interpolations, directives } = readTemplate(s.value);
            for (const e of interpolations) if (!isLibraryExpression(e)) bad.push(`${s.path}: \${${e}}`);
            for (const d of directives) bad.push(`${s.path}: %{${d}}`);
          }
          assert.deepEqual(bad, [], 'unescaped ${ or %{ in literal content');
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
              // whole files without key material: compare exactly
              if (f.kind !== FileKind.FILE || f.publicKey) continue;
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
          for (const s of strings.filter((x) => PRIVATE.test(x.value))) {
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
        assert.equal(Object.keys(a.resource?.terraform_data ?? {}).length, 0);
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
  });
});
