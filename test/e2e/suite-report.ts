/**
 * The timed steps of an end-to-end suite and its end: stop its sandbox and print its timing table.
 * Shared by the suites that keep one flat list of timed steps.
 */
import assert from 'node:assert/strict';
import { Sandbox } from './harness/hosts';

export interface TimedStep {
  readonly step: string;
  readonly ms: number;
}

/** Stops the sandbox (when it started), prints the table and the stop report, fails if the stop did. */
export async function stopAndReport(title: string, sb: Sandbox | undefined, timings: readonly TimedStep[], startedAt: number): Promise<void> {
  let stopNote = '';
  if (sb) {
    try {
      const r = await sb.stop();
      stopNote = `sandbox stopped in ${r.ms} ms (${r.pids.length} PIDs, ${r.killed.length} SIGKILLed), temp dir removed: ${r.removedRoot}`;
    } catch (e) {
      stopNote = `sandbox stop FAILED: ${String(e)}`;
    }
  }
  const width = Math.max(...timings.map((t) => t.step.length), 10);
  const rows = timings.map((t) => `${t.step.padEnd(width)} ${String(t.ms).padStart(8)} ms`);
  console.error(['', `=== ${title}: timings ===`, ...rows, `${'total'.padEnd(width)} ${String(Math.round(performance.now() - startedAt)).padStart(8)} ms`, stopNote, ''].join('\n'));
  assert.ok(!stopNote.includes('FAILED'), stopNote);
}

/** A flat list of timed steps: `step(name, fn)` runs fn, records and prints its duration. */
export function timedSteps(label: string): { timings: TimedStep[]; step: <T>(name: string, fn: () => Promise<T>) => Promise<T> } {
  const timings: TimedStep[] = [];
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      const ms = Math.round(performance.now() - t0);
      timings.push({ step: name, ms });
      console.error(`[${label}] ${name}: ${ms} ms`);
    }
  };
  return { timings, step };
}
