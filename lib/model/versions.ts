/**
 * The PostgreSQL majors and Barman versions the library knows. Barman 3.0 dropped PostgreSQL 9.6 and
 * earlier (pgbarman.org, "Barman 3.0.0 released": "PostgreSQL versions 9.6 and earlier are no
 * longer supported"); PostgreSQL 18 is the newest major this release knows. The default Barman is
 * Debian bookworm's package, 3.4.0: the oldest 3.x a supported distribution ships, so what the
 * library writes by default works there and on anything newer.
 */
import type { Instance } from './graph';

/** the oldest PostgreSQL major Barman 3.x supports */
export const OLDEST_POSTGRES_MAJOR = 10;
/** the newest PostgreSQL major this release knows */
export const NEWEST_POSTGRES_MAJOR = 18;
/** barman_version's default: Debian bookworm's barman package (3.4.0) */
export const DEFAULT_BARMAN_VERSION = '3.4';
/** the oldest Barman the library writes for (3.0 dropped PostgreSQL 9.x) */
export const OLDEST_BARMAN_VERSION = '3.0';

/** `3`, `3.4` or `3.4.0`: decimal parts without leading zeros */
export const VERSION_TEXT = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){0,2}$/;

/** <0, 0, >0 as version a is older than, the same as, newer than b (missing parts are 0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) {
    const d = (pa[k] ?? 0) - (pb[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Where a Barman server finds the PostgreSQL client binaries (pg_receivewal, pg_basebackup, psql)
 * of one major: Barman's `path_prefix` in that instance's section. The client binaries live on the
 * Barman server, so it is the server's layout, not the backed-up host's `postgres_bin_dir`: the
 * server's own `postgres_bin_dir` for its own `postgres_version`; for another major, that path
 * with its major replaced (/usr/lib/postgresql/16/bin -> /usr/lib/postgresql/17/bin,
 * /usr/pgsql-16/bin -> /usr/pgsql-17/bin, /usr/edb/as16/bin -> /usr/edb/as17/bin); when the
 * server's path does not hold its major once, Debian's /usr/lib/postgresql/<major>/bin.
 */
export function clientBinDir(server: Instance, major: number): string {
  const s = server.settings;
  if (major === s.postgresVersion) return s.postgresBinDir;
  const own = new RegExp(`(?<![0-9])${s.postgresVersion}(?![0-9])`, 'g');
  const hits = s.postgresBinDir.match(own) ?? [];
  return hits.length === 1 ? s.postgresBinDir.replace(own, String(major)) : `/usr/lib/postgresql/${major}/bin`;
}
