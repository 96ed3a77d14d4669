"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.show = exports.FILE = void 0;
exports.positionIn = positionIn;
exports.diagnose = diagnose;
exports.validGraph = validGraph;
exports.assertDiagnostic = assertDiagnostic;
exports.expectOneError = expectOneError;
exports.expectOneWarning = expectOneWarning;
exports.errorsOfProps = errorsOfProps;
/**
 * Helpers for tests that feed config.yml text to the loader and validation and check the
 * diagnostics. Expected lines and columns are always computed from the fixture text itself
 * (where a token is written), never copied from what the code printed.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const tpa_config_1 = require("../../lib/config/tpa-config");
const build_graph_1 = require("../../lib/model/build-graph");
const diagnostics_1 = require("../../lib/model/diagnostics");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
exports.FILE = 'clusters/demo/config.yml';
/**
 * 1-based line and column of `token` in `text`, where `before + token` must occur exactly once
 * (`before` only disambiguates: the position is that of `token`'s first character).
 */
function positionIn(text, token, before = '') {
    const needle = before + token;
    const first = text.indexOf(needle);
    strict_1.default.ok(first >= 0, `test fixture does not contain ${JSON.stringify(needle)}`);
    strict_1.default.equal(text.indexOf(needle, first + 1), -1, `test fixture contains ${JSON.stringify(needle)} more than once: give more context`);
    const upTo = text.slice(0, first + before.length).split('\n');
    return { line: upTo.length, column: upTo[upTo.length - 1].length + 1 };
}
/** Loads and validates `text` as FILE; never throws for invalid input. */
function diagnose(text, file = exports.FILE) {
    try {
        const graph = (0, build_graph_1.buildGraph)((0, tpa_config_1.loadTpaConfig)(text, file));
        return { graph, errors: [], warnings: graph.warnings };
    }
    catch (e) {
        if (!(e instanceof diagnostics_1.InvalidConfigError))
            throw e;
        return {
            errors: e.diagnostics.filter((d) => d.severity === diagnostics_1.Severity.ERROR),
            warnings: e.diagnostics.filter((d) => d.severity === diagnostics_1.Severity.WARNING),
        };
    }
}
/** Loads and validates `text`; fails the test with every error when it is invalid. */
function validGraph(text, file = exports.FILE) {
    const o = diagnose(text, file);
    strict_1.default.deepEqual(o.errors.map(diagnostics_1.formatDiagnostic), [], 'expected a valid config');
    return o.graph;
}
const show = (ds) => ds.map(diagnostics_1.formatDiagnostic).join('\n');
exports.show = show;
/** Asserts everything a user needs: file, line, column, instance, key, the bad value and a fix. */
function assertDiagnostic(text, d, e, severity = diagnostics_1.Severity.ERROR, file = exports.FILE) {
    const pos = e.at ?? positionIn(text, e.token, e.before);
    const line = (0, diagnostics_1.formatDiagnostic)(d);
    strict_1.default.equal(d.severity, severity, line);
    strict_1.default.deepEqual(d.position, { file, line: pos.line, column: pos.column }, line);
    strict_1.default.equal(d.instance, e.instance, line);
    strict_1.default.equal(d.key, e.key, line);
    for (const m of e.mentions)
        strict_1.default.ok(d.message.includes(m), `message should mention ${JSON.stringify(m)}: ${line}`);
    strict_1.default.match(d.message, e.fix, line);
    const subject = [e.instance !== undefined ? `instance '${e.instance}'` : undefined, `key '${e.key}'`].filter((s) => s !== undefined).join(', ');
    strict_1.default.ok(line.startsWith(`${file}:${pos.line}:${pos.column}: ${severity}: ${subject}: `), `formatted as FILE:LINE:COL: ${severity}: ${subject}: …, got: ${line}`);
    strict_1.default.ok(!/[\x00-\x1f\x7f]/.test(line), `one diagnostic must print as one line without control characters: ${JSON.stringify(line)}`);
}
/** Asserts that `text` yields exactly one error, as described. */
function expectOneError(text, e) {
    const o = diagnose(text);
    strict_1.default.equal(o.errors.length, 1, `expected exactly one error, got ${o.errors.length}:\n${(0, exports.show)(o.errors)}`);
    assertDiagnostic(text, o.errors[0], e);
    return o.errors[0];
}
/** Asserts that `text` is valid and yields exactly one warning, as described. */
function expectOneWarning(text, e) {
    const o = diagnose(text);
    strict_1.default.deepEqual(o.errors.map(diagnostics_1.formatDiagnostic), [], 'expected no error');
    strict_1.default.equal(o.warnings.length, 1, `expected exactly one warning, got ${o.warnings.length}:\n${(0, exports.show)(o.warnings)}`);
    assertDiagnostic(text, o.warnings[0], e, diagnostics_1.Severity.WARNING);
    return o.warnings[0];
}
/** The errors graphFromProps reports for typed props (none when they are valid). */
function errorsOfProps(props) {
    try {
        (0, typed_cluster_1.graphFromProps)(props);
    }
    catch (e) {
        strict_1.default.ok(e instanceof diagnostics_1.InvalidConfigError, String(e));
        return e.diagnostics.filter((d) => d.severity === diagnostics_1.Severity.ERROR);
    }
    return [];
}
