/**
 * Test-only stand-in providers (see README.md): `null_resource` of hashicorp/null. Its `id` is a
 * random decimal number set at creation; any change of `triggers` replaces it. Nothing else.
 */
import { randomBytes } from 'node:crypto';
import { CtyObject, normalize, sameValue, unknown } from './cty-msgpack';
import { Plan, ResourceType } from './schema';
import { NULL_RESOURCE_ATTRIBUTES, NULL_RESOURCE_VERSION } from './schemas';

/** a random non-negative 63-bit integer in decimal, like the real provider's ids */
function randomId(): string {
  return (randomBytes(8).readBigUInt64BE() >> 1n).toString();
}

export const NULL_RESOURCE: ResourceType = {
  name: 'null_resource',
  version: NULL_RESOURCE_VERSION,
  attributes: NULL_RESOURCE_ATTRIBUTES,

  validate(): string[] {
    return [];
  },

  plan(prior: CtyObject | null, proposed: CtyObject | null): Plan {
    if (proposed === null) return { planned: null, requiresReplace: [] };
    if (prior !== null && sameValue(prior.triggers, proposed.triggers)) return { planned: prior, requiresReplace: [] };
    const planned = normalize({ ...proposed, id: unknown() }, NULL_RESOURCE_ATTRIBUTES);
    return { planned, requiresReplace: prior === null ? [] : ['triggers'] };
  },

  apply(_prior: CtyObject | null, planned: CtyObject | null): CtyObject | null {
    if (planned === null) return null;
    if (typeof planned.id === 'string') return planned;
    return normalize({ ...planned, id: randomId() }, NULL_RESOURCE_ATTRIBUTES);
  },
};
