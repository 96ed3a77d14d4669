/**
 * Reads the status targets back from a deployed stack's outputs: the JSON of
 * `terraform output -json`, of `cdktf output --outputs-file`, or the targets document itself.
 * The text is the user's own, but it is still input: every field is checked before ssh sees it.
 */
import { showValue } from '../model/diagnostics';
import { isAddress } from '../model/names';
import { ageSeconds } from '../model/periods';
import { BackupTarget, STATUS_TARGETS_KIND, ServerTarget, StatusTargets } from './targets';

/** Outputs that hold no usable targets: one line for the user, exit 1. */
export class StatusTargetsError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A targets document, as an object or as the JSON string Terraform keeps it in. */
function asTargets(v: unknown): Json | undefined {
  if (typeof v === 'string' && v.includes(STATUS_TARGETS_KIND)) {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return isObject(v) && v.kind === STATUS_TARGETS_KIND ? v : undefined;
}

/** Every targets document in the outputs, with the output name it came from. */
function findTargets(v: unknown, path: string, depth: number, found: Array<{ path: string; doc: Json }>): void {
  const doc = asTargets(v);
  if (doc !== undefined) {
    found.push({ path, doc });
    return;
  }
  if (!isObject(v) || depth === 0) return;
  for (const [k, child] of Object.entries(v)) findTargets(child, path === '' ? k : `${path}.${k}`, depth - 1, found);
}

const text = (v: unknown, what: string, ok: RegExp | ((s: string) => boolean)): string => {
  if (typeof v !== 'string' || !(typeof ok === 'function' ? ok(v) : ok.test(v))) throw new StatusTargetsError(`${what} is ${showValue(v)}: not what this version of cdktf-barman writes; synthesize and apply the stack again`);
  return v;
};
const whole = (v: unknown, what: string, min: number, max: number): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new StatusTargetsError(`${what} is ${showValue(v)}: expected a whole number from ${min} to ${max}`);
  return v;
};
const list = (v: unknown, what: string): unknown[] => {
  if (!Array.isArray(v)) throw new StatusTargetsError(`${what} is not a list`);
  return v;
};

/** names and paths: printable, no leading '-' (ssh would read an option); hosts: isAddress */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const PATH = /^\/[^\0-\x1f\x7f]*$/;
const SHA256 = /^[0-9a-f]{64}$/;

function backupTarget(v: unknown, where: string): BackupTarget {
  if (!isObject(v)) throw new StatusTargetsError(`${where} is not an object`);
  return {
    instance: text(v.instance, `${where}.instance`, NAME),
    backupName: text(v.backupName, `${where}.backupName`, NAME),
    slotName: text(v.slotName, `${where}.slotName`, NAME),
    lastBackupMaximumAge: text(v.lastBackupMaximumAge, `${where}.lastBackupMaximumAge`, (s) => ageSeconds(s) !== undefined),
    minimumRedundancy: whole(v.minimumRedundancy, `${where}.minimumRedundancy`, 0, 1_000_000),
    ...(v.drillMaxAgeSeconds === undefined ? {} : { drillMaxAgeSeconds: whole(v.drillMaxAgeSeconds, `${where}.drillMaxAgeSeconds`, 1, 1_000_000_000) }),
  };
}

function serverTarget(v: unknown, where: string): ServerTarget {
  if (!isObject(v)) throw new StatusTargetsError(`${where} is not an object`);
  const host = text(v.host, `${where}.host`, isAddress);
  const files: Record<string, string> = {};
  if (!isObject(v.files)) throw new StatusTargetsError(`${where}.files is not an object`);
  for (const [path, sum] of Object.entries(v.files)) files[text(path, `a path of ${where}.files`, PATH)] = text(sum, `${where}.files[${showValue(path)}]`, SHA256);
  return {
    name: text(v.name, `${where}.name`, NAME),
    host,
    port: whole(v.port, `${where}.port`, 1, 65535),
    barmanUser: text(v.barmanUser, `${where}.barmanUser`, NAME),
    barmanHome: text(v.barmanHome, `${where}.barmanHome`, PATH),
    backups: list(v.backups, `${where}.backups`).map((b, i) => backupTarget(b, `${where}.backups[${i}]`)),
    files,
  };
}

/**
 * The one targets document in `json` (`source` names it in errors); with several clusters in the
 * outputs, `cluster` picks one.
 */
export function readStatusTargets(json: string, source: string, cluster?: string): StatusTargets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new StatusTargetsError(`${source}: not JSON (${(e as Error).message}): give the output of \`terraform output -json\` or \`cdktf output --outputs-file\``);
  }
  const found: Array<{ path: string; doc: Json }> = [];
  findTargets(parsed, '', 3, found);
  const chosen = cluster === undefined ? found : found.filter((f) => f.doc.cluster === cluster);
  if (chosen.length === 0) {
    if (cluster !== undefined && found.length > 0) throw new StatusTargetsError(`${source}: no cluster ${showValue(cluster)} in the outputs (they hold ${found.map((f) => showValue(f.doc.cluster)).join(', ')})`);
    throw new StatusTargetsError(`${source}: no <prefix>_status_targets output: synthesize the stack with this version of cdktf-barman, apply it, and give the output of \`terraform output -json\``);
  }
  if (chosen.length > 1) throw new StatusTargetsError(`${source}: ${chosen.length} clusters in the outputs (${chosen.map((f) => showValue(f.doc.cluster)).join(', ')}): choose one with --cluster NAME`);
  const doc = chosen[0].doc;
  const where = chosen[0].path || 'the targets';
  if (doc.formatVersion !== 1) throw new StatusTargetsError(`${source}: ${where} has formatVersion ${showValue(doc.formatVersion)}, this cdktf-barman reads 1: use the cdktf-barman that synthesized the stack`);
  return {
    kind: STATUS_TARGETS_KIND,
    formatVersion: 1,
    cluster: text(doc.cluster, `${where}.cluster`, NAME),
    servers: list(doc.servers, `${where}.servers`).map((s, i) => serverTarget(s, `${where}.servers[${i}]`)),
  };
}
