/**
 * Test-only stand-in providers (see README.md): the tfplugin5 `Provider` service of a stand-in:
 * schema, validation, plan and apply of its resource types, each call answered from the
 * resource type (null-resource.ts, tls-private-key.ts). No data sources, import, functions or
 * provider configuration: those calls answer with an error (or, where Terraform allows it, with
 * an empty answer).
 */
import { ServerUnaryCall, UntypedServiceImplementation, sendUnaryData, status } from '@grpc/grpc-js';
import { CtyObject, decodeObject, encodeObject, normalize } from './cty-msgpack';
import { StandInProvider } from './providers';
import { ResourceType, schemaMessage } from './schema';

type Message = Record<string, any>;

function errorDiagnostic(summary: string): Message {
  return { severity: 'ERROR', summary, detail: '' };
}

/** a unary handler; an exception becomes an error diagnostic (or a gRPC error when the answer has no diagnostics) */
function unary(handler: (req: Message) => Message, diagnosticsField: string | null = 'diagnostics') {
  return (call: ServerUnaryCall<Message, Message>, callback: sendUnaryData<Message>): void => {
    try {
      callback(null, handler(call.request));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (diagnosticsField === null) callback({ code: status.INTERNAL, details: message });
      else callback(null, { [diagnosticsField]: [errorDiagnostic(`stand-in ${message}`)] });
    }
  };
}

/** a DynamicValue as an object of the resource type (every attribute present), or null */
function objectOf(value: Message | null | undefined, r: ResourceType): CtyObject | null {
  const o = decodeObject(value?.msgpack);
  return o === null ? null : normalize(o, r.attributes);
}

function unimplemented(_call: unknown, callback: sendUnaryData<Message>): void {
  callback({ code: status.UNIMPLEMENTED, details: 'not implemented by the test-only stand-in provider' });
}

export function providerService(provider: StandInProvider): UntypedServiceImplementation {
  const types = new Map(provider.resources.map((r) => [r.name, r]));
  const resource = (name: string): ResourceType => {
    const r = types.get(name);
    if (r === undefined) throw new Error(`provider ${provider.name} has no resource type ${name}`);
    return r;
  };
  const capabilities = { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false };

  return {
    GetMetadata: unary(() => ({ server_capabilities: capabilities, data_sources: [], resources: provider.resources.map((r) => ({ type_name: r.name })) })),

    GetSchema: unary(() => ({
      provider: schemaMessage(0, []),
      resource_schemas: Object.fromEntries(provider.resources.map((r) => [r.name, schemaMessage(r.version, r.attributes)])),
      data_source_schemas: {},
      server_capabilities: capabilities,
    })),

    PrepareProviderConfig: unary((req) => ({ prepared_config: req.config })),

    Configure: unary(() => ({})),

    ValidateResourceTypeConfig: unary((req) => {
      const r = resource(req.type_name);
      const config = objectOf(req.config, r) ?? normalize({}, r.attributes);
      return { diagnostics: r.validate(config).map(errorDiagnostic) };
    }),

    ValidateDataSourceConfig: unary((req) => ({ diagnostics: [errorDiagnostic(`provider ${provider.name} (test-only stand-in) has no data source ${req.type_name}`)] })),

    UpgradeResourceState: unary((req) => {
      const r = resource(req.type_name);
      const json = req.raw_state?.json;
      if (json === undefined || json === null || json.length === 0) throw new Error('can only upgrade state stored as json');
      return { upgraded_state: { msgpack: encodeObject(JSON.parse(Buffer.from(json).toString('utf8')), r.attributes) } };
    }),

    ReadResource: unary((req) => {
      resource(req.type_name);
      return { new_state: req.current_state, private: req.private };
    }),

    PlanResourceChange: unary((req) => {
      const r = resource(req.type_name);
      const plan = r.plan(objectOf(req.prior_state, r), objectOf(req.proposed_new_state, r), objectOf(req.config, r));
      return {
        planned_state: { msgpack: encodeObject(plan.planned, r.attributes) },
        requires_replace: plan.requiresReplace.map((name) => ({ steps: [{ attribute_name: name }] })),
        planned_private: req.prior_private,
      };
    }),

    ApplyResourceChange: unary((req) => {
      const r = resource(req.type_name);
      const state = r.apply(objectOf(req.prior_state, r), objectOf(req.planned_state, r));
      return { new_state: { msgpack: encodeObject(state, r.attributes) }, private: req.planned_private };
    }),

    ImportResourceState: unary((req) => ({ diagnostics: [errorDiagnostic(`the test-only stand-in of ${provider.name} cannot import ${req.type_name}`)] })),

    ReadDataSource: unary((req) => ({ diagnostics: [errorDiagnostic(`provider ${provider.name} (test-only stand-in) has no data source ${req.type_name}`)] })),

    GetFunctions: unary(() => ({})),

    MoveResourceState: unimplemented,

    CallFunction: unimplemented,

    Stop: unary(() => ({ Error: '' }), null),
  };
}
