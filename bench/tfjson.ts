/**
 * What the bench reads out of a synthesized .tf.json, whatever its exact shape (terraform_data or
 * null_resource, `triggers_replace` or `triggers`, with or without locals and outputs):
 *
 * - the review payload: what a plan review shows, the JSON text of every resource's triggers;
 * - where the bytes go (triggers, provisioners, connections, locals, the rest);
 * - the plan floor: the same file without provisioners and connections.
 */
import { readFileSync } from 'node:fs';

type Body = Record<string, unknown>;
export interface TfJson {
  resource?: Record<string, Record<string, Body>>;
  variable?: Record<string, Body>;
  [block: string]: unknown;
}

/** the trigger attributes of terraform_data and null_resource */
const TRIGGERS = ['triggers_replace', 'triggers'];
/** what the plan floor leaves out of every resource */
const FLOOR_DROPS = ['provisioner', 'connection'];

export const readTfJson = (file: string): TfJson => JSON.parse(readFileSync(file, 'utf8')) as TfJson;

const bytesOf = (v: unknown): number => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v), 'utf8'));

function* bodies(json: TfJson): Generator<Body> {
  for (const byId of Object.values(json.resource ?? {})) yield* Object.values(byId);
}

export function countResources(json: TfJson): { resources: number; variables: string[] } {
  let resources = 0;
  for (const _ of bodies(json)) resources++;
  return { resources, variables: Object.keys(json.variable ?? {}) };
}

/** bytes of the compact JSON text of every resource's triggers object (keys and values) */
export function reviewPayloadBytes(json: TfJson): number {
  let n = 0;
  for (const body of bodies(json)) for (const t of TRIGGERS) n += bytesOf(body[t]);
  return n;
}

/** compact JSON bytes by part: resources' triggers, provisioners, connections; locals; all */
export function byteBreakdown(json: TfJson): Record<'triggers' | 'provisioners' | 'connections' | 'locals' | 'total', number> {
  const parts = { triggers: 0, provisioners: 0, connections: 0, locals: bytesOf(json.locals), total: bytesOf(json) };
  for (const body of bodies(json)) {
    for (const t of TRIGGERS) parts.triggers += bytesOf(body[t]);
    parts.provisioners += bytesOf(body.provisioner);
    parts.connections += bytesOf(body.connection);
  }
  return parts;
}

/**
 * The plan floor: the same resources with the same triggers, no provisioners, no
 * connections. Everything else stays (locals, variables, outputs, depends_on, lifecycle), so it
 * plans with the same TF_VAR_ environment and the same graph.
 */
export function floorStack(json: TfJson): TfJson {
  const resource: Record<string, Record<string, Body>> = {};
  for (const [type, byId] of Object.entries(json.resource ?? {})) {
    resource[type] = {};
    for (const [id, body] of Object.entries(byId)) {
      resource[type][id] = Object.fromEntries(Object.entries(body).filter(([k]) => !FLOOR_DROPS.includes(k)));
    }
  }
  return { ...json, resource };
}

/** resources and variables without cdktf's "//" metadata, as canonical text */
export function comparable(json: TfJson): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (typeof v !== 'object' || v === null) return v;
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== '//').map(([k, x]) => [k, strip(x)]));
  };
  return JSON.stringify(strip({ resource: json.resource, variable: json.variable }));
}
