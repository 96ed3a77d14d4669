/**
 * One measured run, in a fresh process (started by bench/run.ts), so that neither memory nor JIT
 * state carries over from one run to the next. Prints one JSON line on stdout:
 * `{"ms": <in-process wall time>, "cpuMs": <its CPU time>, "hwmMiB": <peak RSS>, "loadMs": <module
 * loading>, ...}`.
 *
 *   node dist/bench/worker.js lib CONFIG OUTDIR       the library's CLI path: load config.yml,
 *                                                      validate, render, cdktf synth, write JSON
 *   node dist/bench/worker.js baseline SPEC OUTDIR    bare cdktf: the resources and variables of
 *                                                      SPEC (a .tf.json the library synthesized),
 *                                                      rebuilt with TerraformResource and
 *                                                      TerraformVariable, and synthesized
 *   node dist/bench/worker.js phases CONFIG OUTDIR    the library's path with the time of each phase
 *
 * The time excludes module loading (reported apart as loadMs): both sides load cdktf, the
 * library side also its own modules. The baseline's time also excludes reading SPEC: its strings
 * stand for content the library computes, and the floor is what cdktf costs once it has them.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { RemoteExecProvisioner, SSHProvisionerConnection, TerraformResourceConfig, TerraformResourceLifecycle, TerraformStack } from 'cdktf';

/** Peak resident set size of this process (MiB), from the kernel. */
export function peakRssMiB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** The CLI arguments of a terraform_data-mode synth (plan works offline on its output). */
export function synthArgs(config: string, out: string): string[] {
  return ['synth', config, '--out', out, '--force', '--resource-type', 'terraform_data', '--supplied-keys', '--connection-key-variable'];
}

/** CLOCK_MONOTONIC in microseconds: the clock of the timestamps in a .cpuprofile */
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** CPU time (user + system, every thread: GC helpers too) since `from`, in ms */
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

const quiet = { out: () => undefined, err: (t: string) => process.stderr.write(t) };

async function runLibrary(config: string, out: string): Promise<Record<string, number>> {
  const t0 = performance.now();
  // the CLI module loads the whole library, cdktf and the two prebuilt providers
  const { main } = await import('../lib/cli/main');
  const t1 = performance.now();
  const startUs = monotonicUs();
  const cpu = process.cpuUsage();
  const code = await main(synthArgs(config, out), quiet);
  const cpuMs = cpuSince(cpu);
  const endUs = monotonicUs();
  const t2 = performance.now();
  if (code !== 0) throw new Error(`cdktf-barman synth exited ${code}`);
  // startUs/endUs: the measured window on the clock of V8's CPU profiles (bench/profile.ts)
  return { ms: t2 - t1, cpuMs, loadMs: t1 - t0, startUs, endUs };
}

interface Spec {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, Record<string, unknown>>;
}

const camel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelKeys = (o: Record<string, unknown> | undefined): Record<string, unknown> | undefined =>
  o === undefined ? undefined : Object.fromEntries(Object.entries(o).map(([k, v]) => [camel(k), v]));

async function runBaseline(specFile: string, out: string): Promise<Record<string, number>> {
  const t0 = performance.now();
  const cdktf = await import('cdktf');
  const t1 = performance.now();
  const spec = JSON.parse(readFileSync(specFile, 'utf8')) as Spec;
  const t2 = performance.now();
  const startUs = monotonicUs();
  const cpu = process.cpuUsage();

  /** any resource type: its plain attributes as given, meta-arguments through cdktf's own handling */
  class BareResource extends cdktf.TerraformResource {
    constructor(scope: TerraformStack, id: string, type: string, private readonly attributes: Record<string, unknown>, meta: Partial<TerraformResourceConfig>) {
      super(scope, id, { terraformResourceType: type, ...meta });
    }
    protected synthesizeAttributes(): { [name: string]: unknown } {
      return this.attributes;
    }
  }

  const app = new cdktf.App({ outdir: out, skipBackendValidation: true });
  const stack = new cdktf.TerraformStack(app, 'baseline');
  // as a cdktf user writes it: a value that is exactly `${var.NAME}` is the variable's token, a
  // depends_on entry is the resource object (resolved to its fqn at synth, as cdktf does for any
  // resource); expressions inside longer strings stay literal text
  const variables = new Map<string, string>();
  for (const [name, v] of Object.entries(spec.variable ?? {})) {
    const variable = new cdktf.TerraformVariable(stack, name, { type: v.type as string, sensitive: v.sensitive as boolean | undefined, description: v.description as string | undefined });
    // the same validation blocks, verbatim (the library's supplied public keys carry one)
    if (v.validation !== undefined) variable.addOverride('validation', v.validation);
    variables.set(`\${var.${name}}`, variable.stringValue);
  }
  const tokens = <T>(value: T): T => {
    if (typeof value === 'string') return (variables.get(value) ?? value) as T;
    if (Array.isArray(value)) return value.map(tokens) as T;
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, tokens(x)])) as T;
    return value;
  };
  const resources = new Map<string, InstanceType<typeof cdktf.TerraformResource>>();
  const dependable = (fqn: string) => ({
    get fqn(): string {
      const r = resources.get(fqn);
      if (!r) throw new Error(`depends_on ${fqn}: no such resource`);
      return r.fqn;
    },
  });
  for (const [type, byId] of Object.entries(spec.resource ?? {})) {
    for (const [id, body] of Object.entries(byId)) {
      const { provisioner, connection, depends_on, lifecycle, ...attributes } = tokens(body as Record<string, unknown>);
      const provisioners = (provisioner as Record<string, Record<string, unknown>>[] | undefined)?.map((p) => {
        const [kind, props] = Object.entries(p)[0];
        const { connection: pc, ...rest } = props;
        return { type: kind, ...camelKeys(rest), ...(pc ? { connection: camelKeys(pc as Record<string, unknown>) } : {}) } as unknown as RemoteExecProvisioner;
      });
      const r = new BareResource(stack, id, type, attributes, {
        provisioners,
        connection: camelKeys(connection as Record<string, unknown> | undefined) as unknown as SSHProvisionerConnection | undefined,
        dependsOn: (depends_on as string[] | undefined)?.map(dependable),
        lifecycle: camelKeys(lifecycle as Record<string, unknown> | undefined) as TerraformResourceLifecycle | undefined,
      });
      r.overrideLogicalId(id);
      resources.set(`${type}.${id}`, r);
    }
  }
  app.synth();
  const cpuMs = cpuSince(cpu);
  const endUs = monotonicUs();
  const t3 = performance.now();
  return { ms: t3 - t2, cpuMs, loadMs: t1 - t0, specMs: t2 - t1, startUs, endUs };
}

/**
 * The library's CLI path again, timing its phases from the outside: load and validate are called
 * one after the other as loadGraphFromFile does; each concern's files function (what renderHosts
 * is the union of) and App.prototype.synth are wrapped (the constructs call them through their
 * module objects), so construct building is the time up to app.synth() less rendering the files, and "JSON write" is what follows app.synth() (read back, strip
 * cdktf's metadata, stringify, write, remove the temp dir).
 */
async function runPhases(config: string, out: string): Promise<Record<string, number>> {
  const t0 = performance.now();
  const tpa = await import('../lib/config/tpa-config');
  const build = await import('../lib/model/build-graph');
  const concernFiles = [
    await import('../lib/concerns/barman-server/barman-server-files'),
    await import('../lib/concerns/backup-edge/backup-edge-files'),
    await import('../lib/concerns/postgres-access/postgres-access-files'),
    await import('../lib/concerns/postgres-config/postgres-config-files'),
  ];
  const synthCommand = await import('../lib/cli/synth-command');
  const cdktf = await import('cdktf');
  const hostScripts = await import('../lib/scripts/remote-command');
  const { ProvisionerResourceType } = await import('../lib/constructs/host-provisioner');
  const t1 = performance.now();

  let renderMs = 0;
  for (const m of concernFiles as unknown as Record<string, unknown>[]) {
    for (const [name, fn] of Object.entries(m)) {
      if (typeof fn !== 'function' || !name.endsWith('Files')) continue;
      m[name] = (...args: unknown[]) => {
        const s = performance.now();
        try {
          return (fn as (...a: unknown[]) => unknown)(...args);
        } finally {
          renderMs += performance.now() - s;
        }
      };
    }
  }
  let remoteExecMs = 0;
  const remoteExec = hostScripts.remoteExecLines;
  (hostScripts as { remoteExecLines: typeof remoteExec }).remoteExecLines = (...args: Parameters<typeof remoteExec>) => {
    const s = performance.now();
    try {
      return remoteExec(...args);
    } finally {
      remoteExecMs += performance.now() - s;
    }
  };
  let synthStart = 0;
  let synthEnd = 0;
  let hwmBeforeSynth = 0;
  let hwmAfterSynth = 0;
  const appSynth = cdktf.App.prototype.synth;
  cdktf.App.prototype.synth = function (this: InstanceType<typeof cdktf.App>) {
    hwmBeforeSynth = peakRssMiB();
    synthStart = performance.now();
    try {
      return appSynth.call(this);
    } finally {
      synthEnd = performance.now();
      hwmAfterSynth = peakRssMiB();
    }
  };

  const a = performance.now();
  const spec = tpa.loadTpaConfigFile(config);
  const b = performance.now();
  const graph = build.buildGraph(spec);
  const c = performance.now();
  synthCommand.writeSynth(graph, out, { resourceType: ProvisionerResourceType.TERRAFORM_DATA, keysFromVariables: true, connectionKeyFromVariable: true }, true);
  const d = performance.now();
  return {
    ms: d - a,
    loadMs: t1 - t0,
    load: b - a,
    validate: c - b,
    renderHosts: renderMs,
    constructs: synthStart - c - renderMs,
    remoteExecLines: remoteExecMs,
    cdktfSynth: synthEnd - synthStart,
    jsonWrite: d - synthEnd,
    // peak RSS so far, at the phase boundaries: where the high-water mark is reached
    hwmBeforeSynthMiB: hwmBeforeSynth,
    hwmAfterSynthMiB: hwmAfterSynth,
  };
}

async function run(): Promise<void> {
  const [mode, input, out] = process.argv.slice(2);
  if (!mode || !input || !out) throw new Error('usage: worker.js lib|baseline|phases INPUT OUTDIR');
  const figures = mode === 'lib' ? await runLibrary(input, out) : mode === 'baseline' ? await runBaseline(input, out) : mode === 'phases' ? await runPhases(input, out) : undefined;
  if (!figures) throw new Error(`unknown mode ${mode}`);
  process.stdout.write(JSON.stringify({ ...figures, hwmMiB: peakRssMiB() }) + '\n');
}

if (require.main === module) {
  run().catch((e) => {
    process.stderr.write(`bench worker: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
