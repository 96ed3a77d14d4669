/**
 * Helpers for tests that feed config.yml text to the loader and validation and check the
 * diagnostics. Expected lines and columns are always computed from the fixture text itself
 * (where a token is written), never copied from what the code printed.
 */
import assert from 'node:assert/strict';
import { loadTpaConfig } from '../../lib/config/tpa-config';
import { buildGraph } from '../../lib/model/build-graph';
import { Diagnostic, InvalidConfigError, Severity, formatDiagnostic } from '../../lib/model/diagnostics';
import { BarmanGraph } from '../../lib/model/graph';
import { ClusterProps, graphFromProps } from '../../lib/model/typed-cluster';

export const FILE = 'clusters/demo/config.yml';

export interface Where {
  readonly line: number;
  readonly column: number;
}

/**
 * 1-based line and column of `token` in `text`, where `before + token` must occur exactly once
 * (`before` only disambiguates: the position is that of `token`'s first character).
 */
export function positionIn(text: string, token: string, before = ''): Where {
  const needle = before + token;
  const first = text.indexOf(needle);
  assert.ok(first >= 0, `test fixture does not contain ${JSON.stringify(needle)}`);
  assert.equal(text.indexOf(needle, first + 1), -1, `test fixture contains ${JSON.stringify(needle)} more than once: give more context`);
  const upTo = text.slice(0, first + before.length).split('\n');
  return { line: upTo.length, column: upTo[upTo.length - 1].length + 1 };
}

export interface Outcome {
  readonly graph?: BarmanGraph;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/** Loads and validates `text` as FILE; never throws for invalid input. */
export function diagnose(text: string, file = FILE): Outcome {
  try {
    const graph = buildGraph(loadTpaConfig(text, file));
    return { graph, errors: [], warnings: graph.warnings };
  } catch (e) {
    if (!(e instanceof InvalidConfigError)) throw e;
    return {
      errors: e.diagnostics.filter((d) => d.severity === Severity.ERROR),
      warnings: e.diagnostics.filter((d) => d.severity === Severity.WARNING),
    };
  }
}

/** Loads and validates `text`; fails the test with every error when it is invalid. */
export function validGraph(text: string, file = FILE): BarmanGraph {
  const o = diagnose(text, file);
  assert.deepEqual(o.errors.map(formatDiagnostic), [], 'expected a valid config');
  return o.graph!;
}

export const show = (ds: readonly Diagnostic[]): string => ds.map(formatDiagnostic).join('\n');

export interface ExpectedDiagnostic {
  /** where the bad input is written: `token` (after `before`, when given) */
  readonly token: string;
  readonly before?: string;
  /** explicit position, when the diagnostic points at something that is not written (1:1 for a missing key) */
  readonly at?: Where;
  readonly instance?: string;
  readonly key: string;
  /** texts the message must contain (the bad value as shown, names...) */
  readonly mentions: readonly string[];
  /** the suggested fix */
  readonly fix: RegExp;
}

/** Asserts everything a user needs: file, line, column, instance, key, the bad value and a fix. */
export function assertDiagnostic(text: string, d: Diagnostic, e: ExpectedDiagnostic, severity: Severity = Severity.ERROR, file = FILE): void {
  const pos = e.at ?? positionIn(text, e.token, e.before);
  const line = formatDiagnostic(d);
  assert.equal(d.severity, severity, line);
  assert.deepEqual(d.position, { file, line: pos.line, column: pos.column }, line);
  assert.equal(d.instance, e.instance, line);
  assert.equal(d.key, e.key, line);
  for (const m of e.mentions) assert.ok(d.message.includes(m), `message should mention ${JSON.stringify(m)}: ${line}`);
  assert.match(d.message, e.fix, line);
  const subject = [e.instance !== undefined ? `instance '${e.instance}'` : undefined, `key '${e.key}'`].filter((s) => s !== undefined).join(', ');
  assert.ok(line.startsWith(`${file}:${pos.line}:${pos.column}: ${severity}: ${subject}: `), `formatted as FILE:LINE:COL: ${severity}: ${subject}: …, got: ${line}`);
  assert.ok(!/[\x00-\x1f\x7f]/.test(line), `one diagnostic must print as one line without control characters: ${JSON.stringify(line)}`);
}

/** Asserts that `text` yields exactly one error, as described. */
export function expectOneError(text: string, e: ExpectedDiagnostic): Diagnostic {
  const o = diagnose(text);
  assert.equal(o.errors.length, 1, `expected exactly one error, got ${o.errors.length}:\n${show(o.errors)}`);
  assertDiagnostic(text, o.errors[0], e);
  return o.errors[0];
}

/** Asserts that `text` is valid and yields exactly one warning, as described. */
export function expectOneWarning(text: string, e: ExpectedDiagnostic): Diagnostic {
  const o = diagnose(text);
  assert.deepEqual(o.errors.map(formatDiagnostic), [], 'expected no error');
  assert.equal(o.warnings.length, 1, `expected exactly one warning, got ${o.warnings.length}:\n${show(o.warnings)}`);
  assertDiagnostic(text, o.warnings[0], e, Severity.WARNING);
  return o.warnings[0];
}

/** The errors graphFromProps reports for typed props (none when they are valid). */
export function errorsOfProps(props: ClusterProps): Diagnostic[] {
  try {
    graphFromProps(props);
  } catch (e) {
    assert.ok(e instanceof InvalidConfigError, String(e));
    return e.diagnostics.filter((d) => d.severity === Severity.ERROR);
  }
  return [];
}
