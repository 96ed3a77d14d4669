import { BackupEdge, Instance } from '../../model/graph';
import { clientBinDir } from '../../model/versions';
import { CRON_DIR, backupLockPath, cronFile } from '../../render/cron-entries';
import { GUARD_DIR, GUARD_SCRIPT_PATH } from '../../render/guard-script';
import { managedHeader } from '../../render/managed-header';
import { shellQuote } from '../../render/shell-quote';
import { hostScriptFile } from '../../scripts/shell-assets';

/** Where the drill script lives on a Barman server. */
export const DRILL_SCRIPT_PATH = `${GUARD_DIR}/restore-drill`;

/** The directory under barman_home holding the last drill result of each instance. */
export const DRILL_RESULTS_DIR = 'cdktf-barman-drills';

/** Where a server keeps the last drill result of each instance (one JSON file each). */
export function drillResultPath(server: Instance, backupName: string): string {
  return `${server.settings.barmanHome}/${DRILL_RESULTS_DIR}/${backupName}.json`;
}

/**
 * The restore drill of a Barman server (restore-drill.sh beside this file): recovers a backup into
 * a scratch directory, starts and checks it, records the result, removes what it made.
 */
export function renderDrillScript(server: Instance): string {
  return hostScriptFile(__dirname, 'restore-drill.sh', managedHeader('#', 'proves a backup restores (a restore drill)'), {
    BARMAN_USER: shellQuote(server.settings.barmanUser),
    BARMAN_HOME: shellQuote(server.settings.barmanHome),
  });
}

/** What a drill of one backed-up instance on one server may be given beyond the defaults. */
export interface DrillOptions {
  /** @default the server's barman_drill_scratch */
  readonly scratch?: string;
  /** @default the server's barman_drill_port */
  readonly port?: number;
  /** @default latest */
  readonly backup?: string;
  /** a query and its expected psql -At output @default none */
  readonly check?: { readonly sql: string; readonly expected: string };
}

/** The drill script's command words for one edge (the order restore-drill.sh reads them in). */
export function drillCommandWords(e: BackupEdge, o: DrillOptions = {}): string[] {
  const s = e.server.settings;
  return [
    DRILL_SCRIPT_PATH,
    e.backupName,
    // the server binaries of the instance's major, on the Barman server (as its path_prefix)
    clientBinDir(e.server, e.instance.settings.postgresVersion),
    o.scratch ?? s.drillScratch,
    String(o.port ?? s.drillPort),
    drillResultPath(e.server, e.backupName),
    e.instance.settings.postgresUser,
    backupLockPath(e),
    o.backup ?? 'latest',
    ...(o.check ? [o.check.sql, o.check.expected] : []),
  ];
}

/** /etc/cron.d/cdktf-barman-drill-<its cron file name> */
export function drillCronPath(e: BackupEdge): string {
  return `${CRON_DIR}/cdktf-barman-drill-${e.cronFileName}`;
}

/**
 * The scheduled drills of one instance on one server (barman_drill_schedule), as root (the drill
 * recovers as the barman user itself); undefined when none are scheduled. What a drill prints (its
 * JSON result) is mailed to root, as cron does.
 */
export function renderDrillCron(e: BackupEdge): string | undefined {
  const schedule = e.instance.settings.drillSchedule;
  if (schedule === undefined) return undefined;
  return cronFile(`restore drills of ${e.backupName} on ${e.server.name}`, `${schedule} root ${GUARD_SCRIPT_PATH} && ${drillCommandWords(e).map(shellQuote).join(' ')}`);
}
