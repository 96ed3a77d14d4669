"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONFIG_SCHEMA = void 0;
/**
 * The YAML schema config files are read with: js-yaml's default schema, except
 * that only plain decimal integers (`5432`, `-1`, `0`) become numbers.
 *
 * The default schema also reads `010`, `+5`, `0x10`, `0o10`, `1_000`, `1e3`,
 * `1.5`, `.inf` and `.nan` as numbers, so `postgres_version: 0x10` silently
 * meant 16 and `.inf` turned into a number no message could show.  No key of a
 * config takes a fraction, so every such scalar is kept as the text it was
 * written as: a key that wants a number then rejects it, showing that text, and
 * a key that wants text (a host name, say) gets exactly what was written.
 */
const js_yaml_1 = require("js-yaml");
const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';
const PLAIN_DECIMAL = /^-?(0|[1-9][0-9]*)$/;
const decimalInteger = new js_yaml_1.Type(INT_TAG, {
    kind: 'scalar',
    resolve: (data) => typeof data === 'string' && PLAIN_DECIMAL.test(data),
    construct: (data) => Number(data),
    predicate: (data) => Number.isInteger(data),
    represent: (data) => String(data),
});
const defaults = js_yaml_1.DEFAULT_SCHEMA;
exports.CONFIG_SCHEMA = new js_yaml_1.Schema({
    implicit: defaults.implicit.filter((t) => t.tag !== FLOAT_TAG).map((t) => (t.tag === INT_TAG ? decimalInteger : t)),
    explicit: defaults.explicit,
});
