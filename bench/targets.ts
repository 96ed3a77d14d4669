/**
 * The targets of issue 15, checked against what one bench run measured. Each target is one line:
 * the figures at the sizes that ran, the bound, and `met` or `not met`; a target none of whose
 * sizes ran says so. The bench measures, it does not gate: nothing here changes the exit code.
 */

/** what bench/run.ts measured at one estate size */
export interface SizeFigures {
  n: number;
  libMs: number;
  baseMs: number;
  /** CPU time of the same runs (medians): steadier than wall time when the machine is busy */
  libCpuMs: number;
  baseCpuMs: number;
  libPeakMiB: number;
  jsonBytes: number;
  payloadBytes: number;
  /** medians of the library's and the floor's plans, when planned */
  planMs?: number;
  floorMs?: number;
}

/** per-instance figures at the larger size over those at the smaller; 1 is linear */
export const GROWTH_BOUND = 1.25;

const fixed = (x: number, d = 2): string => x.toFixed(d);
const sizeName = (n: number): string => n.toLocaleString('en-US');

interface Check {
  figures: string;
  met: boolean;
}

function line(name: string, check: Check | string): string {
  if (typeof check === 'string') return `  ${name}: not measured (${check})`;
  return `  ${name}: ${check.figures}: ${check.met ? 'met' : 'not met'}`;
}

/** every size's value against a bound, met when all are within it */
function atEach(rs: SizeFigures[], value: (r: SizeFigures) => number, within: (v: number) => boolean, show = (v: number) => fixed(v)): Check {
  const vs = rs.map((r) => ({ n: r.n, v: value(r) }));
  return { figures: vs.map(({ n, v }) => `${show(v)} at ${sizeName(n)}`).join(', '), met: vs.every(({ v }) => within(v)) };
}

export const growth = (small: SizeFigures, large: SizeFigures, value: (r: SizeFigures) => number): number =>
  value(large) / large.n / (value(small) / small.n);

export function targetLines(results: SizeFigures[]): string[] {
  const at = (n: number) => results.find((r) => r.n === n);
  const out = ['targets (issue 15; measured, not enforced):'];

  out.push(line('json <= 1.5x its review payload', results.length ? atEach(results, (r) => r.jsonBytes / r.payloadBytes, (v) => v <= 1.5) : 'no estate ran'));

  const planned = [100, 1000].map(at).filter((r): r is SizeFigures => r?.planMs !== undefined && r.floorMs !== undefined);
  out.push(line('terraform plan <= 1.5x the floor at 100 and 1,000', planned.length ? atEach(planned, (r) => r.planMs! / r.floorMs!, (v) => v <= 1.5) : 'no plan at 100 or 1,000'));

  const big = at(3000);
  out.push(line('synth peak memory < 1 GiB at 3,000', big ? atEach([big], (r) => r.libPeakMiB, (v) => v < 1024, (v) => `${Math.round(v)} MiB`) : '3,000 not in --sizes'));
  out.push(line('synth <= 1.3x bare cdktf at 3,000', big ? atEach([big], (r) => r.libMs / r.baseMs, (v) => v <= 1.3) : '3,000 not in --sizes'));

  const small = at(100);
  const large = results.filter((r) => r.n > 100).sort((a, b) => b.n - a.n)[0];
  const growthName = `growth linear from 100 to ${large ? sizeName(large.n) : '3,000'} (per instance, <= ${GROWTH_BOUND}x)`;
  if (small && large) {
    // CPU time: a busy machine stretches the wall time of the long runs more than the short ones
    const cpu = growth(small, large, (r) => r.libCpuMs);
    const bytes = growth(small, large, (r) => r.jsonBytes);
    const figures = `synth CPU time ${fixed(cpu)}x (wall ${fixed(growth(small, large, (r) => r.libMs))}x), json bytes ${fixed(bytes)}x`;
    out.push(line(growthName, { figures, met: cpu <= GROWTH_BOUND && bytes <= GROWTH_BOUND }));
  } else out.push(line(growthName, 'needs 100 and a larger size'));
  return out;
}
