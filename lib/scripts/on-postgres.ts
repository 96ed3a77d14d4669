import { Instance } from '../model/graph';
import { HostScript, ScriptArg } from './remote-command';

/** A step that talks to PostgreSQL on its host (shell/postgres-steps.sh: on_postgres, then the step). */
export function onPostgres(p: Instance, step: string, args: readonly ScriptArg[]): HostScript {
  const s = p.settings;
  return { step: 'on_postgres', args: [s.postgresUser, s.postgresBinDir, String(s.postgresPort), String(s.postgresVersion), step, ...args] };
}
