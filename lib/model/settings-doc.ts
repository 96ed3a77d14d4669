/**
 * The README's options table, written from the settings table (a test checks the README holds
 * exactly this text, so the docs cannot drift from what the code reads).
 */
import { LIST_VAR_DEFINITIONS, SETTING_DEFINITIONS, SettingDefinition, ValueKind } from './settings';

const HEADER = ['| var | read from | typed | default | meaning |', '|---|---|---|---|---|'];

/** Markdown cell text: a '|' would end the cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text}\``;

/** `a`, `b` or `c` */
function choices(values: readonly string[]): string {
  const shown = values.map(code);
  return shown.length < 2 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function shownDefault(def: SettingDefinition): string {
  if (def.shownDefault !== undefined) return def.shownDefault;
  if (def.defaultValue === undefined) return '(unset)';
  if (typeof def.defaultValue === 'function') {
    throw new Error(`setting ${def.varName} has a derived default: give it a shownDefault in the settings table (how the README names it)`);
  }
  return String(def.defaultValue);
}

function meaning(def: SettingDefinition): string {
  const notes = [
    ...(def.kind === ValueKind.INTEGER && def.min !== undefined ? [`>= ${def.min}`] : []),
    ...sinceNotes(def),
    ...(def.sameOnBarmanServer ? ['must match on instance and server: set it in `cluster_vars`'] : []),
    ...(def.topLevelToo ? ['also read at the top level of config.yml'] : []),
  ];
  const text = def.description.replace('{values}', choices(def.values ?? []));
  return notes.length === 0 ? text : `${text} (${notes.join('; ')})`;
}

/** `zstd`, `lz4` or `xz` need barman_version 3.12 or later */
function sinceNotes(def: SettingDefinition): string[] {
  const byVersion = new Map<string, string[]>();
  for (const [value, version] of Object.entries(def.since ?? {})) byVersion.set(version, [...(byVersion.get(version) ?? []), value]);
  return [...byVersion].map(([version, values]) => `${choices(values)} need${values.length === 1 ? 's' : ''} \`barman_version\` ${version} or later`);
}

const row = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;

/** The options table of README.md's "Settings" section, one row per setting, then the documented list vars. */
export function settingsTableMarkdown(): string {
  const settings = SETTING_DEFINITIONS.map((def) => row([code(def.varName), def.scope, code(def.prop), shownDefault(def), meaning(def)]));
  const lists = LIST_VAR_DEFINITIONS.flatMap((v) => (v.doc === undefined ? [] : [row([code(v.varName), v.doc.scope, `${code(v.prop)} (instance prop)`, v.doc.shownDefault, v.doc.description])]));
  return [...HEADER, ...settings, ...lists].join('\n') + '\n';
}
