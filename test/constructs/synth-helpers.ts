/**
 * Helpers for the synthesis tests of test/constructs, test/golden-synth and test/scripts.
 * cdktf is reached ONLY through lib/platform/cdktf.ts (the one module allowed to import it).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Testing, TerraformStack } from '../../lib/platform/cdktf';
import { BarmanCluster, BarmanClusterProps } from '../../lib/constructs/barman-cluster';
import { BarmanStack, BarmanStackProps } from '../../lib/constructs/barman-stack';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { BarmanGraph } from '../../lib/model/graph';
import { graphFromProps } from '../../lib/model/typed-cluster';
import { Role } from '../../lib/model/enums';
import { BarmanSettings } from '../../lib/model/settings';
import { repoRoot } from '../support/paths';

/** The parts of Terraform JSON the tests read. */
export interface TfJson {
  readonly '//'?: unknown;
  readonly locals?: Record<string, string>;
  readonly terraform?: {
    readonly backend?: unknown;
    readonly required_providers?: Record<string, { readonly source?: string; readonly version?: string }>;
  };
  readonly provider?: Record<string, unknown[]>;
  readonly resource?: Record<string, Record<string, TfResource>>;
  readonly variable?: Record<string, { readonly sensitive?: boolean; readonly type?: string; readonly description?: string }>;
  readonly output?: Record<string, { readonly value: unknown; readonly sensitive?: boolean }>;
}

export interface RemoteExec {
  readonly 'remote-exec': { readonly inline: string[] };
}

export interface TfResource {
  readonly triggers?: Record<string, string>;
  readonly triggers_replace?: Record<string, string>;
  readonly connection?: Record<string, unknown>;
  readonly depends_on?: string[];
  readonly provisioner?: RemoteExec[];
  readonly [key: string]: unknown;
}

export const PROVISIONER_TYPES = ['null_resource', 'terraform_data'] as const;

export { repoRoot };

export const SEED_CONFIG = (): string => join(repoRoot(), 'examples', 'config.yml');

/** test/fixtures/topologies/<name>/config.yml (written by another stream; may grow) and test/fixtures/synth/<name>/config.yml (ours). */
export function fixtureConfigs(): { name: string; file: string }[] {
  const out: { name: string; file: string }[] = [];
  for (const [group, dir] of [
    ['topologies', join(repoRoot(), 'test', 'fixtures', 'topologies')],
    ['synth', join(repoRoot(), 'test', 'fixtures', 'synth')],
  ] as const) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name, 'config.yml');
      if (statSync(join(dir, name)).isDirectory() && existsSync(file)) out.push({ name: `${group}/${name}`, file });
    }
  }
  return out;
}

export function synthConfig(name: string): string {
  return join(repoRoot(), 'test', 'fixtures', 'synth', name, 'config.yml');
}

/** A fresh stack of a fresh test app; `build` adds constructs; returns the parsed Testing.synth JSON. */
export function synthStack(build: (stack: TerraformStack) => void, runValidations = false): TfJson {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack, runValidations)) as TfJson;
}

/** One BarmanCluster (construct id `barman`) alone in a stack. */
export function synthCluster(props: BarmanClusterProps, runValidations = false): TfJson {
  return synthStack((stack) => {
    new BarmanCluster(stack, 'barman', props);
  }, runValidations);
}

/** A BarmanStack (the CLI's stack) through Testing.synth. */
export function synthBarmanStack(props: BarmanStackProps, runValidations = false): TfJson {
  const app = Testing.app();
  const stack = new BarmanStack(app, 'test', props);
  return JSON.parse(Testing.synth(stack, runValidations)) as TfJson;
}

/** Every resource as `type.id` -> body. */
export function resourcesOf(json: TfJson): Map<string, TfResource> {
  const out = new Map<string, TfResource>();
  for (const [type, byId] of Object.entries(json.resource ?? {})) {
    for (const [id, body] of Object.entries(byId)) out.set(`${type}.${id}`, body);
  }
  return out;
}

/** the two database password resources' names (`<prefix>_db_secret_<name>`) */
export const PASSWORD_NAMES = ['barman', 'streaming_barman'] as const;

export const passwordIds = (prefix = 'barman'): string[] => PASSWORD_NAMES.map((n) => `${prefix}_db_secret_${n}`);

/** a database password resource's logical id (any prefix) */
export const isPasswordId = (id: string): boolean => /_db_secret_(barman|streaming_barman)$/.test(id);

/** What a generated password resource must be, exactly: no triggers, no provisioners, no connection. */
export const PASSWORD_RESOURCE_BODY = { triggers_replace: '${sensitive(uuid())}', lifecycle: { ignore_changes: ['triggers_replace'] } };

/**
 * The provisioner resources (null_resource or terraform_data) as logical id -> body. The generated
 * database passwords and the preflight barrier (terraform_data without provisioners) are not: see
 * passwordResources and preflightBarrier.
 */
export function provisionerResources(json: TfJson): Map<string, TfResource> {
  const out = new Map<string, TfResource>();
  for (const type of PROVISIONER_TYPES) {
    for (const [id, body] of Object.entries(json.resource?.[type] ?? {})) {
      if (type === 'terraform_data' && (isPasswordId(id) || id.endsWith('_preflights_passed'))) continue;
      assert.ok(!out.has(id), `logical id ${id} is used by both null_resource and terraform_data`);
      out.set(id, body);
    }
  }
  return out;
}

/** The generated database password resources (terraform_data) as logical id -> body. */
export function passwordResources(json: TfJson): Map<string, TfResource> {
  return new Map(Object.entries(json.resource?.terraform_data ?? {}).filter(([id]) => isPasswordId(id)));
}

/** A name as the logical ids write it (instance names are [a-z0-9.-]; '.' becomes '_'). */
export const idOf = (name: string): string => name.replace(/\./g, '_');

export interface ExpectedIdOptions {
  readonly prefix?: string;
  /** @default true */
  readonly manage?: boolean;
  /** @default manage */
  readonly activate?: boolean;
}

/**
 * The provisioner resources a graph should give, derived from the graph alone: a server resource
 * per Barman server, a backup resource per edge, an access resource per Postgres instance; with
 * database access managed (and some Barman server), a config resource per Postgres instance and a
 * roles resource per Postgres instance that is not a replica; with activation, one per edge; and
 * a preflight resource per host (Barman server or Postgres instance).
 */
export function expectedProvisionerIds(graph: BarmanGraph, o: ExpectedIdOptions = {}): string[] {
  const prefix = o.prefix ?? 'barman';
  const manage = o.manage ?? true;
  const activate = o.activate ?? manage;
  const ids = [
    ...graph.barmanServers.map((s) => `${prefix}_server_${idOf(s.name)}`),
    ...graph.edges.map((e) => `${prefix}_backup_${idOf(e.instance.name)}_on_${idOf(e.server.name)}`),
    ...graph.postgresInstances.map((p) => `${prefix}_postgres_access_${idOf(p.name)}`),
    ...preflightIds(graph, prefix),
  ];
  if (manage && graph.barmanServers.length > 0) {
    ids.push(...graph.postgresInstances.map((p) => `${prefix}_postgres_config_${idOf(p.name)}`));
    ids.push(...graph.postgresInstances.filter((p) => !p.roles.includes(Role.REPLICA)).map((p) => `${prefix}_postgres_roles_${idOf(p.name)}`));
  }
  if (activate) ids.push(...graph.edges.map((e) => `${prefix}_activate_${idOf(e.instance.name)}_on_${idOf(e.server.name)}`));
  return ids.sort();
}

/** the preflight resources' logical ids: one per host (Barman server or Postgres instance); every writing resource depends on each */
export function preflightIds(graph: BarmanGraph, prefix = 'barman'): string[] {
  return graph.instances.filter((i) => i.isBarmanServer || i.isPostgres).map((i) => `${prefix}_preflight_${idOf(i.name)}`).sort();
}

/** the logical ids of the preflights and the preflights themselves left out (what a test of other dependencies compares) */
export const withoutPreflights = (ids: Iterable<string>): string[] => [...ids].filter((id) => !/_preflights?_/.test(id));

/** the address of one host's preflight, which every resource writing on that host (or backing it up) waits for */
export const preflightOf = (type: string, host: string, prefix = 'barman'): string => `${type}.${prefix}_preflight_${idOf(host)}`;

/**
 * Every resource `address` waits for: its depends_on, theirs, and so on (Terraform orders by every
 * path of the graph, not only by direct entries).
 */
export function waitsFor(json: TfJson, address: string): Set<string> {
  const direct = new Map<string, string[]>();
  for (const [type, byId] of Object.entries(json.resource ?? {})) for (const [id, r] of Object.entries(byId)) direct.set(`${type}.${id}`, r.depends_on ?? []);
  const seen = new Set<string>();
  const todo = [...(direct.get(address) ?? [])];
  while (todo.length > 0) {
    const d = todo.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    todo.push(...(direct.get(d) ?? []));
  }
  return seen;
}

/** the Terraform local carrying the prologue and the host program, once per stack */
export const PROLOGUE_LOCAL = 'cdktf_barman_shell';

/** the first line of every remote-exec inline: the prologue, by reference */
export const PROLOGUE_REF = `\${local.${PROLOGUE_LOCAL}}`;

/** a step line that hands secrets to its step (as files): Terraform hides its output */
export const SECRET_STEP_MARK = /^cdktf_run_secret [12] /;

/** a step line that hands the two database passwords over (the private key steps hand one secret) */
export const PASSWORD_STEP_MARK = /^cdktf_run_secret 2 /;

export function resource(json: TfJson, type: string, id: string): TfResource {
  const r = json.resource?.[type]?.[id];
  assert.ok(r, `no ${type}.${id}; resources are: ${[...resourcesOf(json).keys()].join(', ')}`);
  return r;
}

/** triggers (null_resource) or triggers_replace (terraform_data). */
export function triggersOf(r: TfResource): Record<string, string> {
  const t = r.triggers ?? r.triggers_replace;
  assert.ok(t, 'resource has neither triggers nor triggers_replace');
  return t;
}

export function inlinesOf(r: TfResource): string[][] {
  return (r.provisioner ?? []).map((p) => {
    assert.ok(p['remote-exec'], `only remote-exec provisioners are expected, got ${Object.keys(p).join(', ')}`);
    return p['remote-exec'].inline;
  });
}

const STEP_BLOCK = /^cdktf_step <<'cdktf_step_end'\n(.*) "\$@"\ncdktf_step_end$/;

/**
 * The step of a remote-exec inline, which must be exactly three lines: the prologue's reference,
 * the step appended to the host program (`cdktf_step <<'cdktf_step_end'`, one line `STEP 'arg'...
 * "$@"`, `cdktf_step_end`), then `cdktf_run` or `cdktf_run_secret N 'SECRET'...`. Returned as one
 * line, `cdktf_run STEP 'arg'...` or `cdktf_run_secret N 'SECRET'... STEP 'arg'...`, for
 * parseStepLine and the marks.
 */
export function stepLine(inline: readonly string[]): string {
  const line = combinedStepLine(inline);
  if (line === undefined) {
    assert.equal(inline.length, 3, `an inline is the prologue, the step and the run:\n${inline.join('\n')}`);
    assert.equal(inline[0], PROLOGUE_REF, 'the first inline line is the prologue, by reference');
    assert.match(inline[1], STEP_BLOCK, 'the second inline line appends one step');
    assert.match(inline[2], /^cdktf_run( |$)|^cdktf_run_secret [12] /, 'the third inline line runs it');
  }
  assert.ok(line !== undefined);
  assert.match(parseStepLine(line).step ?? '', /^[a-z][a-z_]*$/, `a step name in: ${line}`);
  return line;
}

/** stepLine's one line, or undefined when the inline does not have the three-line shape */
export function combinedStepLine(inline: readonly string[]): string | undefined {
  if (inline.length !== 3 || inline[0] !== PROLOGUE_REF) return undefined;
  const m = STEP_BLOCK.exec(inline[1]);
  if (!m || !/^cdktf_run$|^cdktf_run_secret [12] /.test(inline[2])) return undefined;
  return `${inline[2]} ${m[1]}`;
}

/** A step line read back: its secrets (Terraform text), its step and arguments (Terraform text, unquoted). */
export interface StepCall {
  readonly secrets: string[];
  readonly step: string;
  readonly args: string[];
}

/**
 * The words of a step line as the shell reads them, each a Terraform string: single quotes removed,
 * `'\''` read as `'`, a `${...}` kept whole (its expression may hold anything but is never split).
 * Anything the shell would read another way (a bare `$`, `"`, `\`, `;`...) fails the parse.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      word ??= '';
      i++;
      while (i < line.length && line[i] !== "'") {
        if (line.startsWith('$${', i)) {
          word += '$${';
          i += 3;
        } else if (line.startsWith('${', i)) {
          const end = closingBrace(line, i + 2);
          word += line.slice(i, end + 1);
          i = end + 1;
        } else word += line[i++];
      }
      assert.ok(i < line.length, `unterminated quote in: ${line}`);
      i++;
    } else if (line.startsWith("\\'", i)) {
      word = (word ?? '') + "'";
      i += 2;
    } else {
      assert.match(c, /[A-Za-z0-9_]/, `unquoted ${JSON.stringify(c)} at ${i} in: ${line}`);
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** A step line (see stepLine) read back into its secrets, step and arguments. */
export function parseStepLine(line: string): StepCall {
  const words = shellWords(line);
  if (words[0] === 'cdktf_run') return { secrets: [], step: words[1], args: words.slice(2) };
  assert.equal(words[0], 'cdktf_run_secret', line);
  const n = Number(words[1]);
  assert.ok(n === 1 || n === 2, `one or two secrets: ${line}`);
  return { secrets: words.slice(2, 2 + n), step: words[2 + n], args: words.slice(3 + n) };
}

/** Every step of a resource, in order (each inline checked by stepLine). */
export function stepsOf(r: TfResource): StepCall[] {
  return inlinesOf(r).map((inline) => parseStepLine(stepLine(inline)));
}

/** The one step of a resource named `step` (asserts there is exactly one). */
export function stepOf(r: TfResource, step: string): StepCall {
  const found = stepsOf(r).filter((s) => s.step === step);
  assert.equal(found.length, 1, `one ${step} step among ${stepsOf(r).map((s) => s.step).join(', ')}`);
  return found[0];
}

/** Terraform's order of map keys (and so of `values()`): by bytes */
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The step argument reading a trigger of the resource's own, by its position among the triggers' keys. */
export function triggerArg(attribute: 'triggers' | 'triggers_replace', key: string, triggers: Record<string, string>): string {
  const i = Object.keys(triggers).sort(byBytes).indexOf(key);
  assert.ok(i >= 0, `no trigger ${key}`);
  return `\${base64encode(element(values(self.${attribute}), ${i}))}`;
}

const TRIGGER_READ = /^\$\{base64encode\(element\(values\(self\.(triggers|triggers_replace)\), (\d+)\)\)\}$/;

/**
 * The trigger a step argument reads (`${base64encode(element(values(self.ATTR), N))}`), named by
 * the resource's own triggers; undefined if it reads none. Without the triggers, the key is ''.
 */
export function triggerKeyOf(arg: string, triggers?: Record<string, string>): { attribute: string; key: string; index: number } | undefined {
  const m = TRIGGER_READ.exec(arg);
  if (!m) return undefined;
  const index = Number(m[2]);
  const key = triggers ? (Object.keys(triggers).sort(byBytes)[index] ?? '') : '';
  return { attribute: m[1], key, index };
}

/** the prologue's quoted here-document holding the host program, and the program in it */
const PROGRAM_DOCUMENT = /^cat > "\$f" <<'cdktf_program_end'\n([\s\S]*?)\ncdktf_program_end$/m;

/** The prologue, as Terraform evaluates the stack's local (no interpolation in it: asserted). */
export function prologueOf(json: TfJson): string {
  const raw = json.locals?.[PROLOGUE_LOCAL];
  assert.ok(typeof raw === 'string', `no local ${PROLOGUE_LOCAL}`);
  const t = readTemplate(raw);
  assert.deepEqual([t.interpolations, t.directives], [[], []], 'the prologue is plain text for Terraform');
  return t.literal;
}

/** The host program the prologue carries in its here-document. */
export function hostProgramOf(json: TfJson): string {
  const m = PROGRAM_DOCUMENT.exec(prologueOf(json));
  assert.ok(m, `no "cat > "$f" <<'cdktf_program_end'" here-document in the prologue`);
  // a here-document's lines each end with a newline: the file holds the last one's too
  return `${m[1]}\n`;
}

/** a shell text without its leading comment lines and blank lines */
export const afterComments = (text: string): string => text.replace(/^(?:#[^\n]*\n|\s*\n)*/, '');

/** The file paths a resource's triggers carry (every key that is an absolute path). */
export function triggerPaths(r: TfResource): string[] {
  return Object.keys(triggersOf(r))
    .filter((k) => k.startsWith('/'))
    .sort();
}

/**
 * Reads a Terraform template string as Terraform does: `$${` and `%%{` are escapes for `${` and
 * `%{`; `${...}` is an interpolation and `%{...}` a directive. Returns the literal text (each
 * interpolation as `«expr»`) and the interpolations and directives found.
 */
export function readTemplate(s: string): { literal: string; interpolations: string[]; directives: string[] } {
  let literal = '';
  const interpolations: string[] = [];
  const directives: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i)) {
      literal += '${';
      i += 3;
    } else if (s.startsWith('%%{', i)) {
      literal += '%{';
      i += 3;
    } else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
      const end = closingBrace(s, i + 2);
      const expr = s.slice(i + 2, end);
      if (s[i] === '$') {
        interpolations.push(expr);
        literal += `«${expr}»`;
      } else {
        directives.push(expr);
        literal += `«%${expr}»`;
      }
      i = end + 1;
    } else {
      literal += s[i];
      i += 1;
    }
  }
  return { literal, interpolations, directives };
}

/** index of the `}` closing an expression that starts at `from` (skips quoted strings and nested braces). */
function closingBrace(s: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return s.length; // unterminated: Terraform rejects it; the whole rest counts as the expression
}

/**
 * The Terraform expressions the library means to write: functions over references to its own
 * tls_private_key resources, variables and generated passwords; the prologue's local, alone; a
 * step's read of its own resource's trigger, `base64encode(element(values(self.triggers), N))` (or
 * `self.triggers_replace`), alone. Anything else inside `${...}` (e.g. `HOME`,
 * `BARMAN_SERVER`) is literal content that escaped unescaped.
 */
export function isLibraryExpression(expr: string): boolean {
  if (expr === `local.${PROLOGUE_LOCAL}`) return true;
  if (/\bself\b/.test(expr)) return triggerKeyOf(`\${${expr}}`) !== undefined;
  // a quoted string may be a template of its own ("${a}\n${b}"): each of its interpolations must be one too
  const inner: string[] = [];
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, (q) => {
    inner.push(q.slice(1, -1));
    return '""';
  });
  let innerRefs = 0;
  for (const text of inner) {
    const t = readTemplate(text);
    if (t.directives.length > 0 || !t.interpolations.every(isLibraryExpression)) return false;
    innerRefs += t.interpolations.length;
  }
  if (!/^[A-Za-z0-9_.(), "-]+$/.test(withoutStrings)) return false;
  const refs = withoutStrings.match(/[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+/g) ?? [];
  const calls = withoutStrings.match(/[A-Za-z_][A-Za-z0-9_]*(?=\()/g) ?? [];
  const bare = withoutStrings
    .replace(/[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)+/g, '')
    .replace(/[A-Za-z_][A-Za-z0-9_]*(?=\()/g, '')
    .replace(/""|\d+|[(), ]/g, '');
  const known = (r: string) => /^(var|tls_private_key)\./.test(r) || /^terraform_data\.[A-Za-z0-9_-]+_db_secret_(barman|streaming_barman)\.triggers_replace$/.test(r);
  return refs.length + innerRefs > 0 && bare === '' && refs.every(known) && calls.every((c) => /^[a-z0-9_]+$/.test(c));
}

/** Every string in a JSON value with its path (`a.b[0].c`). */
export function stringsIn(value: unknown, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(v, path ? `${path}.${k}` : k));
  return [];
}

// ---------------------------------------------------------------------------------------------
// Graphs

export const seedGraph = (): BarmanGraph => loadGraphFromFile(SEED_CONFIG());

export const HOST_KEY_TWO_ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHR3b2VkMjU1MTlob3N0a2V5Zm9ydGVzdHNvbmx5AAAA';
export const HOST_KEY_TWO_RSA = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDdHdvcnNhaG9zdGtleWZvcnRlc3Rz';
export const HOST_KEY_ONE = 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTZvbmU=';

/**
 * The multi-topology graph of the construct tests:
 * - `one` (primary) is backed up to two Barman servers, `two` and `three`;
 * - `four` and `five` are backed up to `two` too (several instances on one server);
 * - `three` is an M1 barman+witness node: a Barman server AND a Postgres instance;
 * - `db-1.example.com` is backed up to `backup-1.example.com` (FQDN names);
 * - `two` listens for ssh on 2222 and has two pinned host keys; `one` has one.
 */
export function multiGraph(extra: { one?: BarmanSettings; four?: BarmanSettings; cluster?: BarmanSettings } = {}): BarmanGraph {
  return graphFromProps({
    clusterName: 'multi',
    settings: extra.cluster,
    instances: [
      { name: 'one', roles: [Role.PRIMARY], address: '10.1.0.1', connectionHost: '198.51.100.1', backup: ['two', 'three'], sshHostKeys: [HOST_KEY_ONE], settings: extra.one },
      { name: 'two', roles: [Role.BARMAN], address: '10.1.0.2', connectionHost: '198.51.100.2', sshHostKeys: [HOST_KEY_TWO_ED25519, HOST_KEY_TWO_RSA], settings: { sshPort: 2222 } },
      { name: 'three', roles: [Role.BARMAN, Role.WITNESS], address: '10.1.0.3' },
      { name: 'four', roles: [Role.REPLICA], address: '10.1.0.4', backup: ['two'], settings: extra.four },
      { name: 'five', roles: [Role.PRIMARY], address: '10.1.0.5', backup: ['two'] },
      { name: 'db-1.example.com', roles: [Role.PRIMARY], backup: ['backup-1.example.com'] },
      { name: 'backup-1.example.com', roles: [Role.BARMAN], address: '10.2.0.20', connectionHost: '203.0.113.20' },
    ],
  });
}
