/**
 * Several clusters in one stack (issue 13 item 3): every logical id derives from the construct id
 * unless idPrefix is given, so two clusters keep four key pairs and their own passwords; two
 * clusters that would share ids are an error naming both, never a silent merge.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BarmanCluster } from '../../lib/constructs/barman-cluster';
import { clusterIdPrefix } from '../../lib/model/logical-ids';
import { Role } from '../../lib/model/enums';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { NullResource } from '../../lib/platform/cdktf';
import { expectedProvisionerIds, multiGraph, passwordIds, passwordResources, provisionerResources, resource, resourcesOf, seedGraph, synthStack, triggersOf } from './synth-helpers';

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('the prefix of a cluster without idPrefix is its construct id, made a terraform name', () => {
  test("'barman' stays 'barman' (the ids of earlier releases); other ids lower case, '_' for the rest", () => {
    assert.equal(clusterIdPrefix('barman'), 'barman');
    assert.equal(clusterIdPrefix('Prod-East.1'), 'prod_east_1');
    assert.equal(clusterIdPrefix('2nd'), '_2nd', 'a terraform name does not start with a digit');
    assert.equal(clusterIdPrefix('anything', 'given-Prefix'), 'given-Prefix', 'idPrefix is taken as it is');
  });

  test('an idPrefix that is no terraform name is refused, showing it', () => {
    assert.throws(() => clusterIdPrefix('c', 'bad.prefix'), /^Error: idPrefix "bad\.prefix" is not a terraform name: use letters, digits/);
    assert.throws(() => synthStack((stack) => void new BarmanCluster(stack, 'c', { graph: seedGraph(), idPrefix: '1x' })), /idPrefix "1x"/);
  });
});

describe('two clusters in one stack, no idPrefix', () => {
  for (const [what, second] of [
    ['the same graph', seedGraph],
    ['different graphs', () => multiGraph()],
  ] as const) {
    test(`${what}: four key pairs, four passwords, every provisioner of each, each wired to its own keys and passwords`, () => {
      const json = synthStack((stack) => {
        new BarmanCluster(stack, 'Prod', { graph: seedGraph() });
        new BarmanCluster(stack, 'dr-site', { graph: second() });
      });
      assert.deepEqual(sorted(Object.keys(json.resource?.tls_private_key ?? {})), ['dr_site_ssh_key_barman', 'dr_site_ssh_key_postgres', 'prod_ssh_key_barman', 'prod_ssh_key_postgres']);
      assert.deepEqual(sorted(passwordResources(json).keys()), sorted([...passwordIds('prod'), ...passwordIds('dr_site')]));
      assert.deepEqual(sorted(provisionerResources(json).keys()), sorted([...expectedProvisionerIds(seedGraph(), { prefix: 'prod' }), ...expectedProvisionerIds(second(), { prefix: 'dr_site' })]));
      for (const prefix of ['prod', 'dr_site']) {
        const other = prefix === 'prod' ? 'dr_site' : 'prod';
        const access = JSON.stringify(resource(json, 'null_resource', `${prefix}_postgres_access_one`));
        assert.ok(access.includes(`tls_private_key.${prefix}_ssh_key_postgres.`), `${prefix}'s hosts get ${prefix}'s postgres key`);
        assert.ok(!access.includes(`tls_private_key.${other}_`), `${prefix}'s hosts never get ${other}'s keys`);
        const roles = triggersOf(resource(json, 'null_resource', `${prefix}_postgres_roles_one`)).passwords_sha256;
        assert.match(roles, new RegExp(`terraform_data\\.${prefix}_db_secret_barman\\.triggers_replace`));
        assert.ok(!roles.includes(`${other}_db_secret`), `${prefix}'s roles never get ${other}'s passwords`);
      }
    });
  }
});

describe('two clusters that would share ids: an error naming both and the fix', () => {
  const both = (message: string, first: string, second: string) => message.includes(`'test/${first}'`) && message.includes(`'test/${second}'`);

  test('construct ids that give one prefix', () => {
    assert.throws(
      () => synthStack((stack) => {
        new BarmanCluster(stack, 'prod', { graph: seedGraph() });
        new BarmanCluster(stack, 'Prod', { graph: multiGraph() });
      }),
      (e: Error) => both(e.message, 'prod', 'Prod') && /prefix 'prod'/.test(e.message) && /distinct construct ids, or a distinct idPrefix/.test(e.message),
    );
  });

  test("an idPrefix equal to another cluster's prefix", () => {
    assert.throws(
      () => synthStack((stack) => {
        new BarmanCluster(stack, 'east', { graph: seedGraph() });
        new BarmanCluster(stack, 'west', { graph: multiGraph(), idPrefix: 'east' });
      }),
      (e: Error) => both(e.message, 'east', 'west') && /prefix 'east'/.test(e.message),
    );
  });

  test('distinct prefixes whose ids still meet, and a resource of the estate on a cluster id: refused at synthesis', () => {
    // a with the server 'server.x' and a_server with the server 'x' both write a_server_server_x
    const pair = (primary: string, server: string) =>
      graphFromProps({ clusterName: primary, instances: [{ name: primary, roles: [Role.PRIMARY], backup: [server] }, { name: server, roles: [Role.BARMAN] }] });
    assert.throws(
      () => synthStack((stack) => {
        new BarmanCluster(stack, 'a', { graph: pair('p1', 'server.x') });
        new BarmanCluster(stack, 'b', { graph: pair('p2', 'x'), idPrefix: 'a_server' });
      }),
      (e: Error) => /'test\/a\/server-server\.x\/provisioner\/resource' and 'test\/b\/server-x\/provisioner\/resource' are both null_resource\.a_server_server_x/.test(e.message) && /idPrefix values that do not begin with one another/.test(e.message),
    );
    assert.throws(
      () => synthStack((stack) => {
        new BarmanCluster(stack, 'barman', { graph: seedGraph() });
        new NullResource(stack, 'mine', {}).overrideLogicalId('barman_server_two');
      }),
      /'test\/barman\/server-two\/provisioner\/resource' and 'test\/mine' are both null_resource\.barman_server_two/,
    );
  });

  test('prefixes are claimed per stack: a cluster \'barman\' in each of two stacks is fine', () => {
    const one = synthStack((stack) => void new BarmanCluster(stack, 'barman', { graph: seedGraph() }));
    const two = synthStack((stack) => void new BarmanCluster(stack, 'barman', { graph: seedGraph() }));
    assert.deepEqual(sorted(resourcesOf(one).keys()), sorted(resourcesOf(two).keys()));
  });
});
