/**
 * The test-only stand-in providers (test/support/offline-providers) declare the attributes that
 * the generated bindings this library uses (@cdktf/provider-null, @cdktf/provider-tls) know: the
 * same names, types, required and optional arguments and computed-only results, for the release
 * of the real provider the bindings were made from (which is also the version the mirror offers).
 * Sensitivity is not in the bindings: it is checked against the real provider's documentation.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Attribute, CtyType } from '../support/offline-providers/schema';
import { PROVIDERS } from '../support/offline-providers/providers';
import { CtyObject } from '../support/offline-providers/cty-msgpack';

interface Binding {
  /** every attribute the resource class reads (getXAttribute('name')), with its type */
  readonly attributes: Map<string, string>;
  /** the configurable attributes (the *Config interface): snake name -> required */
  readonly arguments: Map<string, { required: boolean; type: string }>;
  /** the provider release in the class's registry link */
  readonly version: string;
}

const GETTER_TYPES: Record<string, string> = { String: '"string"', Number: '"number"', Boolean: '"bool"', StringMap: '["map","string"]', NumberMap: '["map","number"]', List: '["list","string"]' };

function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** a jsii type reference as a Terraform type in JSON */
function jsiiType(t: { primitive?: string; collection?: { kind: string; elementtype: { primitive: string } } }): string {
  const prim = (p: string) => (p === 'boolean' ? 'bool' : p);
  if (t.primitive !== undefined) return JSON.stringify(prim(t.primitive));
  if (t.collection !== undefined) return JSON.stringify([t.collection.kind, prim(t.collection.elementtype.primitive)]);
  return JSON.stringify(t);
}

function binding(pkg: string, dir: string, fqn: string): Binding {
  const root = dirname(require.resolve(`@cdktf/provider-${pkg}/package.json`));
  const js = readFileSync(join(root, 'lib', dir, 'index.js'), 'utf8');
  const attributes = new Map<string, string>();
  for (const m of js.matchAll(/this\.get(\w+)Attribute\('([a-z0-9_]+)'\)/g)) {
    assert.ok(GETTER_TYPES[m[1]] !== undefined, `getter get${m[1]}Attribute has a known type`);
    attributes.set(m[2], GETTER_TYPES[m[1]]);
  }
  const jsii = JSON.parse(readFileSync(join(root, '.jsii'), 'utf8'));
  const arguments_ = new Map<string, { required: boolean; type: string }>();
  for (const p of jsii.types[`@cdktf/provider-${pkg}.${fqn}Config`].properties) arguments_.set(snake(p.name), { required: p.optional !== true, type: jsiiType(p.type) });
  const summary: string = jsii.types[`@cdktf/provider-${pkg}.${fqn}`].docs.summary;
  const version = /\/hashicorp\/[a-z]+\/([0-9.]+)\//.exec(summary)?.[1] ?? '';
  return { attributes, arguments: arguments_, version };
}

function typeOf(t: CtyType): string {
  return JSON.stringify(t);
}

/** the differences between a stand-in's attributes and a binding's; empty when they agree */
function differences(attrs: readonly Attribute[], b: Binding): string[] {
  const out: string[] = [];
  const mine = new Map(attrs.map((a) => [a.name, a]));
  for (const name of b.attributes.keys()) if (!mine.has(name)) out.push(`${name}: in the binding, not in the stand-in`);
  for (const a of attrs) {
    const type = b.attributes.get(a.name);
    if (type === undefined) {
      out.push(`${a.name}: in the stand-in, not in the binding`);
      continue;
    }
    if (typeOf(a.type) !== type) out.push(`${a.name}: type ${typeOf(a.type)}, binding ${type}`);
    const arg = b.arguments.get(a.name);
    if (arg === undefined) {
      if (!(a.computed === true && a.optional !== true && a.required !== true)) out.push(`${a.name}: the binding has it as a result only (computed), the stand-in not`);
    } else {
      if (arg.type !== typeOf(a.type)) out.push(`${a.name}: argument type ${arg.type}, stand-in ${typeOf(a.type)}`);
      if (arg.required !== (a.required === true)) out.push(`${a.name}: required ${arg.required} in the binding, ${a.required === true} in the stand-in`);
      if (!arg.required && a.optional !== true) out.push(`${a.name}: optional in the binding, not in the stand-in`);
    }
  }
  for (const name of b.arguments.keys()) if (!b.attributes.has(name)) out.push(`${name}: an argument without a getter in the binding`);
  return out;
}

const CASES = [
  { provider: 'null', type: 'null_resource', pkg: 'null', dir: 'resource', fqn: 'resource.Resource', sensitive: [] as string[] },
  { provider: 'tls', type: 'tls_private_key', pkg: 'tls', dir: 'private-key', fqn: 'privateKey.PrivateKey', sensitive: ['private_key_openssh', 'private_key_pem', 'private_key_pem_pkcs8'] },
];

describe('the stand-in schemas match the generated provider bindings', () => {
  for (const c of CASES) {
    const resource = PROVIDERS[c.provider].resources.find((r) => r.name === c.type);
    const b = binding(c.pkg, c.dir, c.fqn);

    test(`${c.type}: the same attributes, types, arguments and results as @cdktf/provider-${c.pkg}`, () => {
      assert.ok(resource !== undefined, `the ${c.provider} stand-in serves ${c.type}`);
      assert.ok(b.attributes.size >= 2, `the binding lists attributes: ${[...b.attributes.keys()].join(' ')}`);
      assert.deepEqual(differences(resource.attributes, b), []);
    });

    test(`${c.type}: the mirror offers the version the binding was made from (${b.version})`, () => {
      assert.equal(PROVIDERS[c.provider].version, b.version);
    });

    test(`${c.type}: sensitive exactly where the real provider is (${c.sensitive.join(', ') || 'nowhere'})`, () => {
      assert.deepEqual(resource!.attributes.filter((a) => a.sensitive === true).map((a) => a.name).sort(), c.sensitive);
    });
  }

  test('tls_private_key: defaults rsa_bits 2048 and ecdsa_curve P224, both optional and computed; algorithm, rsa_bits, ecdsa_curve replace the key', () => {
    const r = PROVIDERS.tls.resources[0];
    const plan = r.plan(null, { algorithm: 'RSA', rsa_bits: null, ecdsa_curve: null }, { algorithm: 'RSA', rsa_bits: null, ecdsa_curve: null });
    assert.equal(plan.planned?.rsa_bits, 2048);
    assert.equal(plan.planned?.ecdsa_curve, 'P224');
    for (const name of ['rsa_bits', 'ecdsa_curve']) {
      const a = r.attributes.find((x) => x.name === name)!;
      assert.ok(a.optional === true && a.computed === true, name);
    }
    const prior = r.apply(null, plan.planned)!;
    const replan = (change: CtyObject) => {
      const config = { algorithm: 'RSA', rsa_bits: null, ecdsa_curve: null, ...change };
      return r.plan(prior, { ...prior, ...change }, config).requiresReplace;
    };
    assert.deepEqual(replan({}), []);
    assert.deepEqual(replan({ algorithm: 'ED25519' }), ['algorithm']);
    assert.deepEqual(replan({ rsa_bits: 3072 }), ['rsa_bits']);
    assert.deepEqual(replan({ ecdsa_curve: 'P256' }), ['ecdsa_curve']);
  });

  test('control: a missing, a misnamed, a mistyped and a wrongly required attribute are each found', () => {
    const b = binding('tls', 'private-key', 'privateKey.PrivateKey');
    const attrs = PROVIDERS.tls.resources[0].attributes;
    const without = attrs.filter((a) => a.name !== 'public_key_pem');
    assert.deepEqual(differences(without, b), ['public_key_pem: in the binding, not in the stand-in']);
    const renamed = attrs.map((a) => (a.name === 'public_key_pem' ? { ...a, name: 'public_key' } : a));
    assert.equal(differences(renamed, b).length, 2);
    const mistyped = attrs.map((a) => (a.name === 'rsa_bits' ? { ...a, type: 'string' as const } : a));
    assert.ok(differences(mistyped, b).some((d) => d.startsWith('rsa_bits: type')));
    const required = attrs.map((a) => (a.name === 'ecdsa_curve' ? { ...a, required: true, optional: false } : a));
    assert.ok(differences(required, b).some((d) => d.startsWith('ecdsa_curve: required')));
  });
});
