import { BackupMethod } from '../../model/enums';
import { BarmanGraph, Instance } from '../../model/graph';
import { clientBinDir } from '../../model/versions';
import { COMPRESSOR_PROGRAMS } from '../../model/settings';
import { restoreCommand } from '../../render/postgres-settings-sql';

/** How preflight.sh looks for one thing a host needs. */
export enum NeedCheck {
  /** a regular executable file at this path */
  EXECUTABLE = 'executable',
  /** a program on the PATH (sbin included); `a|b` accepts either */
  COMMAND = 'command',
  DIRECTORY = 'directory',
  USER = 'user',
  /** `user:path`: the user's home is this existing directory */
  HOME = 'home',
}

/**
 * One thing a host needs before anything is written on it or a backup to or from it set up, and the packages
 * that provide it (Debian/Ubuntu names, RHEL family names with PGDG's PostgreSQL naming).
 * `install`: installPackages may install it; PostgreSQL itself (the server, its user) never is.
 */
export interface Need {
  readonly check: NeedCheck;
  readonly target: string;
  readonly debian: string;
  readonly rhel: string;
  readonly install: boolean;
}

const need = (check: NeedCheck, target: string, debian: string, rhel = debian, install = true): Need => ({ check, target, debian, rhel, install });

/** the client programs of PostgreSQL that Barman runs for one backed-up instance: streaming and base backups */
function postgresClient(binDir: string, version: number): Need[] {
  const receive = version >= 10 ? 'pg_receivewal' : 'pg_receivexlog';
  return [receive, 'pg_basebackup'].map((p) => need(NeedCheck.EXECUTABLE, `${binDir}/${p}`, `postgresql-client-${version}`, `postgresql${version}`));
}

/** What a Barman server needs: Barman, the PostgreSQL client of each instance it backs up, rsync, ssh, cron, flock, the compressors. */
function barmanServerNeeds(graph: BarmanGraph, s: Instance): Need[] {
  const edges = graph.edgesOnServer(s);
  return [
    need(NeedCheck.EXECUTABLE, '/usr/bin/barman', 'barman'),
    need(NeedCheck.EXECUTABLE, '/usr/bin/barman-wal-restore', 'barman-cli'),
    // the client of each backed-up instance's major, where its section's path_prefix points
    ...edges.flatMap((e) => postgresClient(clientBinDir(s, e.instance.settings.postgresVersion), e.instance.settings.postgresVersion)),
    need(NeedCheck.COMMAND, 'rsync', 'rsync'),
    need(NeedCheck.COMMAND, 'ssh', 'openssh-client', 'openssh-clients'),
    need(NeedCheck.COMMAND, 'flock', 'util-linux'),
    need(NeedCheck.DIRECTORY, '/etc/cron.d', 'cron', 'cronie'),
    need(NeedCheck.COMMAND, 'cron|crond', 'cron', 'cronie'),
    ...edges.flatMap((e) => {
      const program = COMPRESSOR_PROGRAMS.get(e.instance.settings.compression);
      return program === undefined ? [] : [need(NeedCheck.COMMAND, program, program)];
    }),
  ];
}

/** What a Postgres instance needs: PostgreSQL and its user, sshd, and what its WAL commands and rsync backups run. */
function postgresNeeds(graph: BarmanGraph, p: Instance): Need[] {
  const st = p.settings;
  const server = (target: string, check = NeedCheck.EXECUTABLE) => need(check, target, `postgresql-${st.postgresVersion}`, `postgresql${st.postgresVersion}-server`, false);
  const edges = graph.edgesOfInstance(p);
  const archives = st.archiver && edges.length > 0;
  const restores = restoreCommand(graph, p) !== undefined;
  return [
    server(st.postgresUser, NeedCheck.USER),
    server(`${st.postgresUser}:${st.postgresHome}`, NeedCheck.HOME),
    server(`${st.postgresBinDir}/postgres`),
    server(`${st.postgresBinDir}/psql`),
    need(NeedCheck.COMMAND, 'sshd', 'openssh-server'),
    ...(archives ? [need(NeedCheck.COMMAND, 'barman-wal-archive', 'barman-cli')] : []),
    ...(restores ? [need(NeedCheck.COMMAND, 'barman-wal-restore', 'barman-cli')] : []),
    ...(archives || restores ? [need(NeedCheck.COMMAND, 'ssh', 'openssh-client', 'openssh-clients')] : []),
    ...(edges.some((e) => e.instance.settings.backupMethod === BackupMethod.RSYNC) ? [need(NeedCheck.COMMAND, 'rsync', 'rsync')] : []),
  ];
}

/** What preflight checks on a host for its roles (Barman server, Postgres instance or both), each thing once. */
export function preflightNeeds(graph: BarmanGraph, host: Instance): Need[] {
  const all = [...(host.isBarmanServer ? barmanServerNeeds(graph, host) : []), ...(host.isPostgres ? postgresNeeds(graph, host) : [])];
  const seen = new Set<string>();
  return all.filter((n) => {
    const key = `${n.check} ${n.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** the host's roles as preflight's messages name them */
export function preflightRole(host: Instance): string {
  return [host.isBarmanServer ? 'Barman server' : '', host.isPostgres ? 'Postgres instance' : ''].filter((r) => r !== '').join(' and ');
}

const HEADER = '# check target debian-package rhel-package install|manual';

/**
 * The needs as preflight.sh reads them and `terraform plan` shows them (the trigger `preflight`):
 * a comment saying what the columns are and whether missing packages are installed, then one line
 * per need.
 */
export function renderNeeds(host: Instance, needs: readonly Need[], installPackages: boolean): string {
  const mode = installPackages ? 'installPackages on: missing packages of the install lines are installed' : 'installPackages off: nothing is installed, a missing need fails the apply';
  const lines = needs.map((n) => `${n.check} ${n.target} ${n.debian} ${n.rhel} ${n.install ? 'install' : 'manual'}`);
  return [`# preflight of ${host.name} (${preflightRole(host)}); ${mode}`, HEADER, ...lines, ''].join('\n');
}
