import { shellFile } from './shell-assets';

/**
 * Drift detection at apply time (shell/drift.sh, part of the host program), run by write_files.
 * Terraform cannot see a host at plan time; a resource re-runs only when its triggers change. When
 * it does, before writing anything it finds the changes made on the host outside the library:
 * - hand edits of the whole files it writes: per file, a record of what it last wrote (a
 *   `sha256sum` line, root-only, one file per path so that resources writing to one host in
 *   parallel never share one); a file whose content matches neither the record nor the new
 *   content was edited since. No record (first apply, a package's own file): adopted silently;
 * - Barman's own overrides (Barman 3.10+): `<barman_home>/.barman.auto.conf`, which `barman
 *   config-update` writes and Barman reads after /etc/barman.d, and a model made active by
 *   `barman config-switch` (`<barman_home>/<server>/.active-model.auto`).
 * All findings are reported at once; the step then stops unless barman_allow_overrides is true.
 * Only non-secret files go through here: private keys and password blocks have their own steps.
 */

/** where the records live on a host; overridable for tests that run the library in a temp root */
export const DRIFT_STATE_DIR = '/usr/local/lib/cdktf-barman';
export const WRITTEN_RECORDS_DIR = `${DRIFT_STATE_DIR}/written`;

/** The record of what the library last wrote to `path` on a host. */
export function writtenRecordPath(path: string): string {
  return `${WRITTEN_RECORDS_DIR}${path}`;
}

/** The file `barman config-update` writes (Barman 3.10+). */
export function barmanAutoConfPath(barmanHome: string): string {
  return `${barmanHome}/.barman.auto.conf`;
}

/** The drift functions (shell/drift.sh). */
export const DRIFT_LIBRARY = shellFile('drift.sh', { DRIFT_STATE_DIR });
