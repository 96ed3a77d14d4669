/**
 * Barman reads its files with Python's ConfigParser (basic interpolation): a lone '%' aborts Barman
 * for every server, so it is doubled. Barman strips one pair of outer quotes, so a double-quoted
 * value keeps spaces, '$', '${...}' and single quotes literally. Newlines and double quotes inside
 * quoted values are rejected by validation before anything is rendered.
 */
export function iniValue(text: string): string {
  return text.replace(/%/g, '%%');
}

export function quotedIniValue(text: string): string {
  return `"${iniValue(text)}"`;
}

/** Barman accepts true/false in any case; lower-case reads best. */
export function iniBoolean(value: boolean): string {
  return value ? 'true' : 'false';
}

export function iniLine(key: string, value: string): string {
  return `${key} = ${value}`;
}
