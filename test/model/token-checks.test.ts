/**
 * The typed API takes string tokens (as cdktf writes them into strings) for host addresses,
 * connection hosts, client addresses and host keys: the graph keeps them as given and records the
 * rule each must follow once Terraform knows its value. config.yml values never take them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { Role } from '../../lib/model/enums';
import { TokenRule } from '../../lib/model/token-checks';
import { diagnose } from './diagnostic-helpers';

const ADDR = '${TfToken[TOKEN.11]}';
const HOST = '${TfToken[TOKEN.12]}';
const CLIENT = '${TfToken[TOKEN.13]}';
const KEY = '${TfToken[TOKEN.14]}';

describe('string tokens in the typed API', () => {
  const graph = graphFromProps({
    clusterName: 'estate',
    instances: [
      { name: 'db1', roles: [Role.PRIMARY], address: ADDR, connectionHost: HOST, sshHostKeys: [KEY], backup: ['bk1'] },
      { name: 'bk1', roles: [Role.BARMAN], address: '10.0.0.9', clientAddresses: [CLIENT, '10.0.0.0/24'] },
    ],
  });

  test('are kept as given', () => {
    const db = graph.instance('db1');
    assert.equal(db.address, ADDR);
    assert.equal(db.connectionHost, HOST);
    assert.deepEqual(db.sshHostKeys, [KEY]);
    assert.deepEqual(db.clientAddresses, [ADDR]);
    assert.deepEqual(graph.instance('bk1').clientAddresses, [CLIENT, '10.0.0.0/24']);
  });

  test('each gets the rule synth applies to a literal, with its message', () => {
    const rules = (value: string) => graph.tokenChecks.filter((c) => c.value === value).map((c) => c.rule).sort();
    assert.deepEqual(rules(ADDR), [TokenRule.ADDRESS, TokenRule.FROM_PATTERN, TokenRule.NOT_HBA_KEYWORD].sort());
    assert.deepEqual(rules(HOST), [TokenRule.ADDRESS]);
    assert.deepEqual(rules(KEY), [TokenRule.HOST_KEY]);
    assert.deepEqual(rules(CLIENT), [TokenRule.CLIENT_ADDRESS, TokenRule.FROM_PATTERN, TokenRule.NOT_HBA_KEYWORD].sort());
    const host = graph.tokenChecks.find((c) => c.value === HOST)!;
    assert.equal(host.message, `'${HOST}' is not a host name or IP address`);
    assert.equal(host.instance, 'db1');
  });

  test('no warning about host names in from= for a token', () => {
    assert.ok(!graph.warnings.some((w) => /sshd matches from=/.test(w.message)), JSON.stringify(graph.warnings));
  });

  test('a literal graph has no token checks', () => {
    const plain = graphFromProps({ clusterName: 'x', instances: [{ name: 'db1', roles: [Role.PRIMARY], address: '10.0.0.5', backup: ['bk1'] }, { name: 'bk1', roles: [Role.BARMAN] }] });
    assert.deepEqual(plain.tokenChecks, []);
  });
});

describe('config.yml never takes them', () => {
  for (const [key, value] of [['address', ADDR], ['connection_host', HOST]] as const) {
    test(`vars.${key} from config.yml holding a marker is refused`, () => {
      const text = `cluster_name: seed\ninstances:\n- Name: db1\n  role: [primary]\n  backup: [bk1]\n  vars:\n    ${key}: '${value}'\n- Name: bk1\n  role: [barman]\n`;
      const o = diagnose(text);
      assert.equal(o.graph, undefined);
      assert.ok(o.errors.some((d) => d.key === key && /token marker/.test(d.message)), JSON.stringify(o.errors));
    });
  }
});
