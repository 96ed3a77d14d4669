/**
 * Test-only stand-in providers (see README.md): how a stand-in describes a resource type, and
 * that description in the form Terraform's GetSchema wants (tfplugin5.Schema).
 */
import { CtyObject } from './cty-msgpack';

/** Terraform's type constraint of an attribute, in its JSON form ("string", ["map", "string"], ...) */
export type CtyType = 'string' | 'number' | 'bool' | readonly [string, CtyType];

export interface Attribute {
  readonly name: string;
  readonly type: CtyType;
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}

/** what PlanResourceChange answers: the planned object and the attributes that force replacement */
export interface Plan {
  readonly planned: CtyObject | null;
  readonly requiresReplace: readonly string[];
}

/** a managed resource type a stand-in serves */
export interface ResourceType {
  readonly name: string;
  /** the schema version (what the real provider declares) */
  readonly version: number;
  readonly attributes: readonly Attribute[];
  /** errors in a configuration (lowercase sentences), for ValidateResourceTypeConfig */
  validate(config: CtyObject): string[];
  /** the plan for a change of `prior` (null: create) to `config` / `proposed` (null: destroy) */
  plan(prior: CtyObject | null, proposed: CtyObject | null, config: CtyObject | null): Plan;
  /** the new state once the planned change is made (null: destroyed) */
  apply(prior: CtyObject | null, planned: CtyObject | null): CtyObject | null;
}

/** the tfplugin5.Schema message of a resource type (or of a provider with no attributes) */
export function schemaMessage(version: number, attributes: readonly Attribute[]): object {
  return {
    version,
    block: {
      version,
      attributes: attributes.map((a) => ({
        name: a.name,
        type: Buffer.from(JSON.stringify(a.type)),
        description: a.description,
        required: a.required === true,
        optional: a.optional === true,
        computed: a.computed === true,
        sensitive: a.sensitive === true,
        description_kind: 'PLAIN',
        deprecated: false,
      })),
      block_types: [],
      description: '',
      description_kind: 'PLAIN',
      deprecated: false,
    },
  };
}
