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
import { Schema } from 'js-yaml';
export declare const CONFIG_SCHEMA: Schema;
