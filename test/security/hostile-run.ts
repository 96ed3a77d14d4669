/**
 * Runs every case of the hostile-input matrix in-process, the way the command line does
 * (lib/cli/main with a captured stdout/stderr): load and validate, `render --out`, and for
 * payloads Terraform could read as an expression (or values that become names) `synth` in both
 * resource modes. Barman's parser runs once, afterwards, on every rendered Barman configuration.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTpaConfig } from '../../lib/config/tpa-config';
import { buildGraph } from '../../lib/model/build-graph';
import { Diagnostic, InvalidConfigError, Severity } from '../../lib/model/diagnostics';
import { BarmanGraph } from '../../lib/model/graph';
import { main } from '../../lib/cli/main';
import { SYNTH_FILE } from '../../lib/cli/synth-command';
import { BarmanParse, copyBarmanFiles, runBarmanParseMany } from '../support/barman-parse';
import { HostileKey, Payload, configText, hostileValue, isTerraformPayload } from './hostile-cases';
import { jsonStrings, terraformLiteral } from './hostile-checks';

export interface CommandRun {
  readonly code?: number;
  readonly stdout: string;
  readonly stderr: string;
  /** an exception escaped main(): what the real CLI turns into exit 70 and a stack trace */
  readonly crash?: string;
}

export interface SynthRun extends CommandRun {
  /** every string of the written JSON, by path */
  readonly strings?: Map<string, string>;
}

export const SYNTH_MODES: Readonly<Record<string, readonly string[]>> = {
  'null_resource, tls_private_key': [],
  'terraform_data, --supplied-keys': ['--resource-type', 'terraform_data', '--supplied-keys'],
};

export interface CaseResult {
  readonly key: HostileKey;
  readonly payload: Payload;
  readonly value: string;
  readonly file: string;
  readonly text: string;
  readonly graph?: BarmanGraph;
  readonly errors: readonly Diagnostic[];
  /** loading threw something other than InvalidConfigError */
  readonly loadCrash?: string;
  readonly outDir: string;
  readonly render: CommandRun;
  readonly synth: Map<string, SynthRun>;
  /** Barman server name -> what Barman's parser read from its rendered files */
  readonly barman: Map<string, BarmanParse>;
  /** `bash -n` errors of the provisioner scripts the payload changed */
  readonly shellSyntax: string[];
}

/** Runs `cdktf-barman ARGS` in-process; never throws. */
export async function runCli(args: readonly string[]): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  try {
    const code = await main(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
    return { code, stdout, stderr };
  } catch (e) {
    return { stdout, stderr, crash: e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e) };
  }
}

async function runSynth(file: string, outDir: string, extra: readonly string[]): Promise<SynthRun> {
  const r = await runCli(['synth', file, '--out', outDir, ...extra]);
  const path = join(outDir, SYNTH_FILE);
  if (r.code !== 0 || !existsSync(path)) return r;
  return { ...r, strings: jsonStrings(JSON.parse(readFileSync(path, 'utf8'))) };
}

/** the synthesized JSON of the config without any payload, per mode */
export async function baselineSynth(dir: string): Promise<Map<string, Map<string, string>>> {
  const file = join(dir, 'baseline.yml');
  writeFileSync(file, configText(undefined, undefined));
  const out = new Map<string, Map<string, string>>();
  for (const [mode, extra] of Object.entries(SYNTH_MODES)) {
    const r = await runSynth(file, join(dir, `baseline-synth-${out.size}`), extra);
    if (r.strings === undefined) throw new Error(`the baseline config does not synthesize (${mode}): ${r.crash ?? r.stderr}`);
    out.set(mode, r.strings);
  }
  return out;
}

function load(text: string, file: string): { graph?: BarmanGraph; errors: Diagnostic[]; crash?: string } {
  try {
    return { graph: buildGraph(loadTpaConfig(text, file)), errors: [] };
  } catch (e) {
    if (e instanceof InvalidConfigError) return { errors: e.diagnostics.filter((d) => d.severity === Severity.ERROR) };
    return { errors: [], crash: e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e) };
  }
}

/** Runs one key × payload case in `dir` (fresh). Barman is read later, in one batch. */
export async function runCase(dir: string, key: HostileKey, payload: Payload): Promise<CaseResult> {
  mkdirSync(dir, { recursive: true });
  const value = hostileValue(key, payload);
  const text = configText(key, value);
  const file = join(dir, 'config.yml');
  writeFileSync(file, text);
  const loaded = load(text, file);
  const outDir = join(dir, 'out');
  const render = await runCli(['render', file, '--out', outDir]);
  const synth = new Map<string, SynthRun>();
  if (loaded.graph !== undefined) {
    // every accepted case in the default mode; the second mode where Terraform or names are at stake
    let n = 0;
    for (const [mode, extra] of Object.entries(SYNTH_MODES)) {
      if (n === 0 || isTerraformPayload(payload) || key.nameLike) synth.set(mode, await runSynth(file, join(dir, `synth-${n}`), extra));
      n++;
    }
  }
  return { key, payload, value, file, text, graph: loaded.graph, errors: loaded.errors, loadCrash: loaded.crash, outDir, render, synth, barman: new Map(), shellSyntax: [] };
}

/** Reads every accepted case's Barman files with Barman's own parser, in one python process. */
export function readBarmanConfigs(python: string, results: readonly CaseResult[]): void {
  const jobs: { result: CaseResult; server: string; conf: string }[] = [];
  for (const r of results) {
    if (r.graph === undefined || r.render.code !== 0) continue;
    for (const s of r.graph.barmanServers) {
      const hostDir = join(r.outDir, s.name);
      if (!existsSync(join(hostDir, 'etc', 'barman.conf'))) continue;
      try {
        jobs.push({ result: r, server: s.name, conf: copyBarmanFiles(hostDir, join(r.outDir, '..', `barman-${jobs.length}`)).barmanConf });
      } catch {
        // the assertion on the rendered barman.conf reports it
      }
    }
  }
  const parsed = runBarmanParseMany(python, jobs.map((j) => j.conf));
  jobs.forEach((j, i) => j.result.barman.set(j.server, parsed[i]));
}

/** Files under dir (relative paths), or [] when dir is missing. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(join(d, e.name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out;
}

const INLINE_LINE = /^(.*\.provisioner\[\d+\]\.remote-exec)\.inline\[\d+\]$/;

/**
 * The provisioner scripts of a synthesized JSON as the shell receives them: remote-exec writes
 * the `inline` commands one per line into one script; Terraform's escapes are read.
 */
export function inlineScripts(strings: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, s] of strings) {
    const m = INLINE_LINE.exec(path);
    if (m) out.set(m[1], `${out.has(m[1]) ? `${out.get(m[1])}\n` : ''}${terraformLiteral(s)}`);
  }
  return out;
}

/**
 * `bash -n` on the provisioner scripts of each accepted case that differ from the baseline's: one
 * bash per case on all of them (each in a subshell), then one per script only when that fails.
 */
export function checkShellSyntax(dir: string, baseline: Map<string, string>, results: readonly CaseResult[]): void {
  const known = new Set(inlineScripts(baseline).values());
  const bashN = (file: string, text: string): string | undefined => {
    writeFileSync(file, text);
    const r = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    return r.status === 0 ? undefined : r.stderr.trim() || `bash -n exit ${r.status}`;
  };
  results.forEach((r, n) => {
    const strings = r.synth.values().next().value?.strings;
    if (strings === undefined) return;
    const scripts = [...inlineScripts(strings)].filter(([, s]) => !known.has(s));
    if (scripts.length === 0) return;
    const file = join(dir, `scripts-${n}.sh`);
    if (bashN(file, scripts.map(([, s]) => `(\n${s}\n)\n`).join('')) === undefined) return;
    for (const [path, s] of scripts) {
      const problem = bashN(file, s);
      if (problem !== undefined) r.shellSyntax.push(`${path}: ${problem.split('\n')[0]}`);
    }
    if (r.shellSyntax.length === 0) r.shellSyntax.push(`the scripts parse one by one but not together: ${scripts.map(([p]) => p).join(', ')}`);
  });
}
