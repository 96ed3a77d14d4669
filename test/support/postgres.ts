/**
 * The PostgreSQL the tests run: the highest major with a server under /usr/lib/postgresql (Debian's
 * layout, one directory per major), or the one CDKTF_BARMAN_TEST_PG_MAJOR names. Tests that start a
 * real PostgreSQL use its bin directory, and configure the library with its major, so they follow
 * whatever the machine has (Debian 12: 15, Debian 13: 17).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Missing, SETUP_COMMAND } from './requirements';

const ROOT = '/usr/lib/postgresql';
export const PG_MAJOR_VARIABLE = 'CDKTF_BARMAN_TEST_PG_MAJOR';

export interface TestPostgres {
  /** the major version (only meaningful when `missing` is false) */
  readonly major: number;
  /** its binaries: initdb, pg_ctl, postgres, psql, pg_basebackup, ... */
  readonly bin: string;
  readonly missing: Missing;
}

const binOf = (major: number): string => join(ROOT, String(major), 'bin');
const hasServer = (major: number): boolean => existsSync(join(binOf(major), 'postgres')) && existsSync(join(binOf(major), 'initdb'));

/** the majors installed under /usr/lib/postgresql, highest first */
export function installedMajors(): number[] {
  const names = existsSync(ROOT) ? readdirSync(ROOT) : [];
  return names.filter((n) => /^[1-9][0-9]*$/.test(n)).map(Number).filter(hasServer).sort((a, b) => b - a);
}

export function testPostgres(): TestPostgres {
  const forced = process.env[PG_MAJOR_VARIABLE];
  if (forced !== undefined && forced !== '') {
    const major = /^[1-9][0-9]*$/.test(forced) ? Number(forced) : NaN;
    if (Number.isNaN(major)) return { major: 0, bin: '', missing: `${PG_MAJOR_VARIABLE}=${forced} is not a PostgreSQL major version: set it to one of ${installedMajors().join(', ') || '(none installed)'}, or unset it` };
    if (!hasServer(major)) return { major, bin: binOf(major), missing: `${PG_MAJOR_VARIABLE}=${major} but ${binOf(major)} has no postgres and initdb: install postgresql-${major}, or unset it` };
    return { major, bin: binOf(major), missing: false };
  }
  const [major] = installedMajors();
  if (major === undefined) return { major: 0, bin: '', missing: `no PostgreSQL server under ${ROOT}/<major>/bin: Debian package postgresql (${SETUP_COMMAND})` };
  return { major, bin: binOf(major), missing: false };
}

/** the machine's PostgreSQL, found once per test process */
export const TEST_POSTGRES: TestPostgres = testPostgres();
