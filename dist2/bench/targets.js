"use strict";
/**
 * The targets of issue 15, checked against what one bench run measured. Each target is one line:
 * the figures at the sizes that ran, the bound, and `met` or `not met`; a target none of whose
 * sizes ran says so. The bench measures, it does not gate: nothing here changes the exit code.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.growth = exports.GROWTH_BOUND = void 0;
exports.targetLines = targetLines;
/** per-instance figures at the larger size over those at the smaller; 1 is linear */
exports.GROWTH_BOUND = 1.25;
const fixed = (x, d = 2) => x.toFixed(d);
const sizeName = (n) => n.toLocaleString('en-US');
function line(name, check) {
    if (typeof check === 'string')
        return `  ${name}: not measured (${check})`;
    return `  ${name}: ${check.figures}: ${check.met ? 'met' : 'not met'}`;
}
/** every size's value against a bound, met when all are within it */
function atEach(rs, value, within, show = (v) => fixed(v)) {
    const vs = rs.map((r) => ({ n: r.n, v: value(r) }));
    return { figures: vs.map(({ n, v }) => `${show(v)} at ${sizeName(n)}`).join(', '), met: vs.every(({ v }) => within(v)) };
}
const growth = (small, large, value) => value(large) / large.n / (value(small) / small.n);
exports.growth = growth;
function targetLines(results) {
    const at = (n) => results.find((r) => r.n === n);
    const out = ['targets (issue 15; measured, not enforced):'];
    out.push(line('json <= 1.5x its review payload', results.length ? atEach(results, (r) => r.jsonBytes / r.payloadBytes, (v) => v <= 1.5) : 'no estate ran'));
    const planned = [100, 1000].map(at).filter((r) => r?.planMs !== undefined && r.floorMs !== undefined);
    out.push(line('terraform plan <= 1.5x the floor at 100 and 1,000', planned.length ? atEach(planned, (r) => r.planMs / r.floorMs, (v) => v <= 1.5) : 'no plan at 100 or 1,000'));
    const big = at(3000);
    out.push(line('synth peak memory < 1 GiB at 3,000', big ? atEach([big], (r) => r.libPeakMiB, (v) => v < 1024, (v) => `${Math.round(v)} MiB`) : '3,000 not in --sizes'));
    out.push(line('synth <= 1.3x bare cdktf at 3,000', big ? atEach([big], (r) => r.libMs / r.baseMs, (v) => v <= 1.3) : '3,000 not in --sizes'));
    const small = at(100);
    const large = results.filter((r) => r.n > 100).sort((a, b) => b.n - a.n)[0];
    const growthName = `growth linear from 100 to ${large ? sizeName(large.n) : '3,000'} (per instance, <= ${exports.GROWTH_BOUND}x)`;
    if (small && large) {
        // CPU time: a busy machine stretches the wall time of the long runs more than the short ones
        const cpu = (0, exports.growth)(small, large, (r) => r.libCpuMs);
        const bytes = (0, exports.growth)(small, large, (r) => r.jsonBytes);
        const figures = `synth CPU time ${fixed(cpu)}x (wall ${fixed((0, exports.growth)(small, large, (r) => r.libMs))}x), json bytes ${fixed(bytes)}x`;
        out.push(line(growthName, { figures, met: cpu <= exports.GROWTH_BOUND && bytes <= exports.GROWTH_BOUND }));
    }
    else
        out.push(line(growthName, 'needs 100 and a larger size'));
    return out;
}
