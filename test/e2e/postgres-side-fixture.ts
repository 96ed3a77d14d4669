/**
 * TEMPORARY TEST FIXTURE: the PostgreSQL side of Barman, which the library does not create yet.
 *
 * Delete this file (and its call sites in barman-e2e.test.ts, marked "FIXTURE") once the
 * library creates these itself (a later issue). Until then the end-to-end test puts in place, the
 * way TPA does (reference/tpa-barman-behaviour.md, 3.1 and 3.2, and 2.6):
 *
 * - on every backed-up Postgres instance:
 *   - roles `barman_role` (NOLOGIN) holding EXECUTE on pg_backup_start(text, boolean),
 *     pg_backup_stop(boolean), pg_switch_wal(), pg_create_restore_point(text) and membership in
 *     pg_read_all_settings, pg_read_all_stats, pg_checkpoint (PostgreSQL 15); `barman` (LOGIN,
 *     NOSUPERUSER, member of barman_role); `streaming_barman` (LOGIN REPLICATION);
 *   - pg_hba lines `host postgres barman ...` and `host replication streaming_barman ...` (TPA
 *     writes `hostssl` with the Barman server's address; see BARMAN_CLIENT_CIDR for why the sandbox
 *     uses 127.0.0.1);
 *   - wal_level = replica, max_wal_senders, max_replication_slots (streaming with a slot);
 * - on the Barman server: `~barman/.pgpass` (barman:barman 0600) with both users' passwords.
 *
 * Nothing here is a mock: real roles, real pg_hba, real password authentication (scram-sha-256).
 */
import * as crypto from 'node:crypto';
import type { PostgresInstance, PostgresOptions, SandboxHost } from './harness/hosts';

/**
 * All sandboxed hosts share one network namespace, so a TCP connection from the Barman host to
 * 127.0.0.x arrives from 127.0.0.1, not from the Barman host's own loopback address (libpq cannot
 * bind a source address). On a real network this would be `<Barman server address>/32`.
 */
export const BARMAN_CLIENT_CIDR = '127.0.0.1/32';

export interface BarmanDbPasswords {
  readonly barman: string;
  readonly streamingBarman: string;
}

/** Fresh passwords per run (letters and digits only: nothing to escape in .pgpass or SQL). */
export function newPasswords(): BarmanDbPasswords {
  const pw = () => crypto.randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, 'x');
  return { barman: pw(), streamingBarman: pw() };
}

/** How the harness starts a Postgres instance that Barman backs up: pg_hba and settings. */
export function postgresOptionsForBarman(): PostgresOptions {
  return {
    // a random free port: other runs of the e2e tests may use the same loopback addresses
    port: 'auto',
    hba: [
      'local   all          all                                 peer',
      'local   replication  all                                 peer',
      `host    postgres     barman            ${BARMAN_CLIENT_CIDR}   scram-sha-256`,
      `host    replication  streaming_barman  ${BARMAN_CLIENT_CIDR}   scram-sha-256`,
    ],
    settings: {
      wal_level: 'replica',
      // pg_receivewal (streaming_archiver) and pg_basebackup (backup_method postgres) each hold one
      max_wal_senders: 10,
      // Barman's slot backup_<server>
      max_replication_slots: 10,
      password_encryption: 'scram-sha-256',
    },
  };
}

/** The roles and grants of TPA's barman_role.yml for PostgreSQL 15. */
export async function createBarmanRoles(pg: PostgresInstance, passwords: BarmanDbPasswords): Promise<void> {
  await pg.psql(
    [
      'CREATE ROLE barman_role NOSUPERUSER NOCREATEDB NOLOGIN;',
      'GRANT EXECUTE ON FUNCTION pg_catalog.pg_backup_start(text, boolean) TO barman_role;',
      'GRANT EXECUTE ON FUNCTION pg_catalog.pg_backup_stop(boolean) TO barman_role;',
      'GRANT EXECUTE ON FUNCTION pg_catalog.pg_switch_wal() TO barman_role;',
      'GRANT EXECUTE ON FUNCTION pg_catalog.pg_create_restore_point(text) TO barman_role;',
      'GRANT pg_read_all_settings TO barman_role;',
      'GRANT pg_read_all_stats TO barman_role;',
      'GRANT pg_checkpoint TO barman_role;',
      `CREATE ROLE barman LOGIN NOSUPERUSER IN ROLE barman_role PASSWORD '${passwords.barman}';`,
      `CREATE ROLE streaming_barman LOGIN REPLICATION PASSWORD '${passwords.streamingBarman}';`,
    ].join('\n'),
  );
}

/** ~barman/.pgpass on the Barman server: one line per instance and user, as TPA writes it. */
export async function writeBarmanPgpass(barmanHost: SandboxHost, barmanHome: string, instances: readonly PostgresInstance[], passwords: BarmanDbPasswords): Promise<void> {
  const lines = instances.flatMap((pg) => [`${pg.address}:${pg.port}:*:barman:${passwords.barman}`, `${pg.address}:${pg.port}:*:streaming_barman:${passwords.streamingBarman}`]);
  await barmanHost.writeFile(`${barmanHome}/.pgpass`, lines.join('\n') + '\n', { owner: 'barman', group: 'barman', mode: 0o600 });
}
