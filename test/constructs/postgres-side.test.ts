/**
 * The Postgres side of BarmanCluster (manageDatabaseAccess, activate, databasePasswords): which
 * resources exist, what each activation waits for, where the passwords go. Every expectation is
 * derived from the graph (graph.upstreamRoot, roles, edges), over every topology and both
 * provisioner resource types.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { BarmanCluster } from '../../lib/constructs/barman-cluster';
import { ProvisionerResourceType } from '../../lib/constructs/host-provisioner';
import { Role } from '../../lib/model/enums';
import { BarmanGraph } from '../../lib/model/graph';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { TerraformVariable } from '../../lib/platform/cdktf';
import {
  PASSWORD_STEP_MARK,
  stepLine,
  SEED_CONFIG,
  TfJson,
  expectedProvisionerIds,
  fixtureConfigs,
  hostProgramOf,
  idOf,
  inlinesOf,
  multiGraph,
  passwordIds,
  parseStepLine,
  passwordResources,
  prologueOf,
  provisionerResources,
  resource,
  resourcesOf,
  seedGraph,
  stepsOf,
  stringsIn,
  synthCluster,
  synthStack,
  triggersOf,
  preflightIds,
  preflightOf,
  waitsFor,
} from './synth-helpers';

const TYPES = Object.values(ProvisionerResourceType);
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

const TOPOLOGIES: { name: string; graph: () => BarmanGraph }[] = [
  { name: 'examples/config.yml', graph: () => loadGraphFromFile(SEED_CONFIG()) },
  ...fixtureConfigs().map((f) => ({ name: f.name, graph: () => loadGraphFromFile(f.file) })),
  { name: 'typed multi-topology graph', graph: () => multiGraph() },
];

/** what one edge's activation must wait for, from the graph alone */
function activationNeeds(graph: BarmanGraph, type: string, b: string, s: string): string[] {
  const instance = graph.instance(b);
  const primary = graph.upstreamRoot(instance);
  // its server and the preflights' barrier come through the backup edge, which depends on them
  const needs = [`barman_backup_${idOf(b)}_on_${idOf(s)}`, `barman_postgres_access_${idOf(b)}`, `barman_postgres_config_${idOf(b)}`];
  // the roles live on the primary of the instance's replication tree (replicas receive them);
  // a replica whose upstream is not given waits for every primary's roles
  if (!primary.roles.includes(Role.REPLICA)) needs.push(`barman_postgres_roles_${idOf(primary.name)}`);
  else for (const p of graph.postgresInstances.filter((x) => !x.roles.includes(Role.REPLICA))) needs.push(`barman_postgres_roles_${idOf(p.name)}`);
  return needs.map((id) => `${type}.${id}`).sort();
}

for (const t of TOPOLOGIES) {
  describe(`Postgres side: ${t.name}`, () => {
    for (const type of TYPES) {
      const graph = t.graph();
      const json = synthCluster({ graph, resourceType: type });

      test(`${type}: each activation depends on its backup, the instance's access and config, and the roles of its primary; through its backup on its server and both hosts' preflights; nothing else`, () => {
        assert.ok(graph.edges.length > 0);
        for (const e of graph.edges) {
          const id = `barman_activate_${idOf(e.instance.name)}_on_${idOf(e.server.name)}`;
          assert.deepEqual(sorted(resource(json, type, id).depends_on ?? []), activationNeeds(graph, type, e.instance.name, e.server.name), id);
          const all = waitsFor(json, `${type}.${id}`);
          for (const d of [`${type}.barman_server_${idOf(e.server.name)}`, preflightOf(type, e.server.name), preflightOf(type, e.instance.name)]) assert.ok(all.has(d), `${id} waits for ${d}`);
        }
      });

      test(`${type}: a roles resource on each Postgres instance that is not a replica, none on replicas`, () => {
        const ids = new Set(provisionerResources(json).keys());
        for (const p of graph.postgresInstances) {
          const id = `barman_postgres_roles_${idOf(p.name)}`;
          if (p.roles.includes(Role.REPLICA)) assert.ok(!ids.has(id), `${p.name} is a replica: it receives the roles from its primary`);
          else assert.ok(ids.has(id), `${p.name} needs ${id}`);
          assert.ok(ids.has(`barman_postgres_config_${idOf(p.name)}`), `every Postgres instance gets its pg_hba.conf block: ${p.name}`);
        }
      });

      test(`${type}: manageDatabaseAccess false gives the resources of before the Postgres side, and the same server and access resources`, () => {
        const off = synthCluster({ graph, resourceType: type, manageDatabaseAccess: false });
        const keys = sorted(Object.keys(off.resource?.tls_private_key ?? {}));
        assert.deepEqual(keys, ['barman_ssh_key_barman', 'barman_ssh_key_postgres']);
        assert.deepEqual(
          sorted(resourcesOf(off).keys()),
          sorted([
            ...graph.barmanServers.map((s) => `${type}.barman_server_${idOf(s.name)}`),
            ...graph.edges.map((e) => `${type}.barman_backup_${idOf(e.instance.name)}_on_${idOf(e.server.name)}`),
            ...graph.postgresInstances.map((p) => `${type}.barman_postgres_access_${idOf(p.name)}`),
            ...preflightIds(graph).map((id) => `${type}.${id}`),
            ...keys.map((k) => `tls_private_key.${k}`),
          ]),
        );
        // no password anywhere, no .pgpass step, no .pgpass in a layout
        assert.deepEqual(passwordResources(off).size, 0);
        assert.doesNotMatch(JSON.stringify(off), /db_secret|passwords_sha256/);
        for (const [id, r] of provisionerResources(off)) {
          assert.ok(!stepsOf(r).some((x) => x.step === 'pgpass_lines'), `${id}: a .pgpass step`);
          assert.doesNotMatch(JSON.stringify(triggersOf(r)), /\.pgpass/, `${id}: .pgpass in a trigger`);
          // .pgpass is named only where a server cleans up the blocks of instances that left the graph
          // (the same with manageDatabaseAccess true: the server resources are compared below)
          if (!id.startsWith('barman_server_')) assert.doesNotMatch(JSON.stringify(r), /\.pgpass/, id);
        }
        for (const e of graph.edges) {
          const id = `barman_backup_${idOf(e.instance.name)}_on_${idOf(e.server.name)}`;
          assert.equal(inlinesOf(resource(off, type, id)).length, 1, `${id}: only the main step`);
          // with the Postgres side on, the backup resource gains exactly the .pgpass step, its hash and its layout line
          const on = resource(json, type, id);
          assert.deepEqual(inlinesOf(on)[0], inlinesOf(resource(off, type, id))[0], `${id}: the main step is the same`);
          assert.equal(inlinesOf(on).length, 2);
          const a = triggersOf(resource(off, type, id));
          const b = triggersOf(on);
          assert.deepEqual(sorted(Object.keys(b).filter((k) => a[k] !== b[k])), ['layout', 'passwords_sha256', 'script_sha256'], id);
          assert.equal(b.layout, `${a.layout}password-block ${e.server.settings.barmanUser}:${e.server.settings.barmanGroup} 0600 ${e.server.settings.barmanHome}/.pgpass\n`);
        }
        // the other resources are byte for byte those of manageDatabaseAccess true
        for (const [id, body] of provisionerResources(off)) {
          if (id.startsWith('barman_backup_')) continue;
          assert.deepEqual(body, provisionerResources(json).get(id), id);
        }
      });

      test(`${type}: activate false drops the activations only; activate defaults to manageDatabaseAccess`, () => {
        const noActivation = synthCluster({ graph, resourceType: type, activate: false });
        assert.deepEqual(sorted(provisionerResources(noActivation).keys()), expectedProvisionerIds(graph, { activate: false }));
        assert.ok(![...provisionerResources(noActivation).keys()].some((id) => id.includes('_activate_')));
        for (const [id, body] of provisionerResources(noActivation)) assert.deepEqual(body, provisionerResources(json).get(id), id);
        assert.deepEqual(sorted(provisionerResources(json).keys()), expectedProvisionerIds(graph), 'activate is on by default');
        // activation without the library's database access: the user brings roles, pg_hba.conf and .pgpass
        const own = synthCluster({ graph, resourceType: type, manageDatabaseAccess: false, activate: true });
        assert.deepEqual(sorted(provisionerResources(own).keys()), expectedProvisionerIds(graph, { manage: false, activate: true }));
        for (const e of graph.edges) {
          const id = `barman_activate_${idOf(e.instance.name)}_on_${idOf(e.server.name)}`;
          const needs = activationNeeds(graph, type, e.instance.name, e.server.name).filter((d) => !/_postgres_(config|roles)_/.test(d));
          assert.deepEqual(sorted(resource(own, type, id).depends_on ?? []), needs, id);
        }
      });
    }
  });
}

describe('supplied database passwords', () => {
  const synth = (type: ProvisionerResourceType, names = ['db_barman', 'db_streaming']): TfJson =>
    synthStack((stack) => {
      const barman = new TerraformVariable(stack, names[0], { type: 'string', sensitive: true }).stringValue;
      const streamingBarman = new TerraformVariable(stack, names[1], { type: 'string', sensitive: true }).stringValue;
      new BarmanCluster(stack, 'barman', { graph: multiGraph(), resourceType: type, databasePasswords: { barman, streamingBarman } });
    });

  for (const type of TYPES) {
    test(`${type}: no password resource; the secret steps and hashes use the supplied values`, () => {
      const json = synth(type);
      assert.equal(passwordResources(json).size, 0);
      assert.doesNotMatch(JSON.stringify(json), /db_secret/);
      assert.deepEqual(sorted(provisionerResources(json).keys()), expectedProvisionerIds(multiGraph()), 'the same provisioner resources as with generated passwords');
      const steps = [...provisionerResources(json)].flatMap(([id, r]) => inlinesOf(r).filter((i) => PASSWORD_STEP_MARK.test(stepLine(i))).map((i) => ({ id, inline: i })));
      // one per roles resource (one, three, five, db-1) and per backup edge (5)
      assert.equal(steps.length, 4 + 5);
      for (const { id, inline } of steps) {
        // the barman password the first secret (first file), the streaming_barman one the second; neither anywhere else in the line
        const call = parseStepLine(stepLine(inline));
        assert.deepEqual(call.secrets, ['${base64encode(var.db_barman)}', '${base64encode(var.db_streaming)}'], id);
        assert.ok(![call.step, ...call.args].some((w) => /var\.db_/.test(w)), `${id}: a password as a step argument`);
        assert.equal(triggersOf(resource(json, type, id)).passwords_sha256, '${sha256("${var.db_barman}\\n${var.db_streaming}")}', id);
      }
      // referenced nowhere else: each secret step's line (both), each hash
      const refs = stringsIn(json.resource).filter((s) => /var\.db_(barman|streaming)\b/.test(s.value));
      assert.equal(refs.length, steps.length * 2, refs.map((r) => r.path).join('\n'));
    });
  }

  test('other passwords: exactly the roles resources and the backup resources (.pgpass) change', () => {
    const before = provisionerResources(synth(ProvisionerResourceType.NULL_RESOURCE));
    const after = provisionerResources(synth(ProvisionerResourceType.NULL_RESOURCE, ['db_barman', 'db_streaming_2']));
    const changed = [...before].filter(([id, body]) => JSON.stringify(body) !== JSON.stringify(after.get(id))).map(([id]) => id);
    assert.deepEqual(sorted(changed), expectedProvisionerIds(multiGraph()).filter((id) => /_postgres_roles_|_backup_/.test(id)));
  });
});

describe('the .pgpass secret step gets the passwords through files only', () => {
  for (const type of TYPES) {
    test(`${type}: each password lands in its own temp file, the step gets the file names and reads them with base64 -d`, () => {
      const json = synthCluster({ graph: seedGraph(), resourceType: type });
      const inline = inlinesOf(resource(json, type, 'barman_backup_one_on_two'))[1];
      assert.match(stepLine(inline), PASSWORD_STEP_MARK);
      // the passwords only as the two secrets (base64, each into its own file), in this order; the step's own arguments hold none
      const call = parseStepLine(stepLine(inline));
      assert.deepEqual(call.secrets, [
        '${base64encode(sensitive(terraform_data.barman_db_secret_barman.triggers_replace))}',
        '${base64encode(sensitive(terraform_data.barman_db_secret_streaming_barman.triggers_replace))}',
      ]);
      assert.equal(call.step, 'pgpass_lines');
      assert.ok(!call.args.some((a) => a.includes('db_secret')));
      // eight arguments of its own: the two files are its $9 and ${10}
      assert.equal(call.args.length, 8);
      // the prologue: a private umask and a trap removing the files before a secret is written, the
      // uploaded copy (holding the secrets) removed first; the step gets the file names after its own arguments, nothing else
      const prologue = prologueOf(json).split('\n');
      const at = (l: string) => prologue.indexOf(l);
      assert.ok(at('rm -f "$0" 2>/dev/null || true') >= 0 && at('rm -f "$0" 2>/dev/null || true') < at('cdktf_run_secret() { # count(1|2) secret-base64...'));
      const fn = prologue.slice(at('cdktf_run_secret() { # count(1|2) secret-base64...'));
      const i = (l: string) => fn.indexOf(l);
      assert.ok(i('  umask 077') > 0 && i('  umask 077') < i('  s1=$(mktemp)'), 'umask 077 before the first temp file');
      assert.ok(i(`  trap 'rm -f "$f" "$s1" \${s2:+"$s2"}' EXIT`) > 0 && i(`  trap 'rm -f "$f" "$s1" \${s2:+"$s2"}' EXIT`) < i(`  printf '%s' "$2" > "$s1"`), 'the trap before the first secret');
      assert.ok(i(`    printf '%s' "$3" > "$s2"`) > i('    s2=$(mktemp)'));
      // the step (appended to the program by cdktf_step) gets the file paths as "$@", nothing else
      assert.ok(i('    cdktf_run "$s1" "$s2"') > i(`    printf '%s' "$3" > "$s2"`));
      assert.ok(i('    cdktf_run "$s1"') > i(`  printf '%s' "$2" > "$s1"`));
      assert.deepEqual(fn.filter((l) => /\$[23]\b/.test(l)), [`  printf '%s' "$2" > "$s1"`, `    printf '%s' "$3" > "$s2"`], 'the secrets only into their files');
      // the step (shell/postgres-steps.sh, in the host program): $9 and ${10} only as files to decode
      const program = hostProgramOf(json).split('\n');
      const start = program.indexOf('pgpass_lines() { # address port begin end path owner group mode barman-password-file streaming-password-file');
      assert.ok(start >= 0, 'pgpass_lines in the host program');
      const body = program.slice(start + 1, start + program.slice(start).indexOf('}'));
      assert.deepEqual(
        body.filter((l) => /\$9|\$\{10\}/.test(l)),
        ['  password_ok "$9" barman', '  password_ok "${10}" streaming_barman', '  bpw=$(base64 -d < "$9")', '  spw=$(base64 -d < "${10}")'],
      );
      assert.doesNotMatch(hostProgramOf(json), /<password of/, 'no placeholder in the host program');
    });
  }
});

describe('known gaps', () => {
  test(
    'a backed-up replica without upstream: its activation waits for no roles resource, and none creates the roles its barman check needs',
    () => {
      const graph: BarmanGraph = graphFromProps({
        clusterName: 'orphan',
        instances: [
          { name: 'pg', roles: [Role.REPLICA], backup: ['bk'] },
          { name: 'bk', roles: [Role.BARMAN] },
        ],
      });
      let json: TfJson;
      try {
        json = synthCluster({ graph });
      } catch (e) {
        // acceptable: refused, naming upstream
        assert.match(String(e), /upstream/);
        return;
      }
      const deps = resource(json, 'null_resource', 'barman_activate_pg_on_bk').depends_on ?? [];
      assert.ok(deps.some((d) => d.includes('_postgres_roles_')), `the activation waits for no roles resource: ${deps.join(', ')}`);
    },
  );

  test('the roles resource ids: exactly the expected, derived from the graph (control of activationNeeds)', () => {
    // fleet: bravo (replica of alpha) and alpha backed up: both activations wait for alpha's roles
    const graph = loadGraphFromFile(fixtureConfigs().find((f) => f.name === 'topologies/many-to-one')!.file);
    assert.deepEqual(activationNeeds(graph, 'x', 'bravo', 'vault'), ['x.barman_backup_bravo_on_vault', 'x.barman_postgres_access_bravo', 'x.barman_postgres_config_bravo', 'x.barman_postgres_roles_alpha']);
    assert.deepEqual(passwordIds('p'), ['p_db_secret_barman', 'p_db_secret_streaming_barman']);
  });
});
