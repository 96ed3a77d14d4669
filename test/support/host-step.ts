/**
 * Running steps of the host program (lib/scripts/shell/*.sh, assembled in HOST_PROGRAM) for real
 * with sh, as the test suites of test/scripts do: a step with its arguments (standaloneCommand),
 * the remote-exec inline lines written to a file and run with `sh FILE` as Terraform runs them, or
 * a body of shell evaluated after the host program's functions are defined (to call one function
 * with test doubles in place).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { HOST_PROGRAM } from '../../lib/scripts/host-program';
import { HostScript, standaloneCommand } from '../../lib/scripts/remote-command';

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** arguments after the step's own (a secret step's files) */
  readonly extraArgs?: readonly string[];
}

function result(r: ReturnType<typeof spawnSync>): Run {
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** runs one step as standaloneCommand makes it: `sh -c 'HOST_PROGRAM\nSTEP ARG... "$@"' cdktf-barman EXTRA...` */
export function runStep(s: HostScript, o: RunOptions = {}): Run {
  const [cmd, ...args] = standaloneCommand(s);
  return result(spawnSync(cmd, [...args, ...(o.extraArgs ?? [])], { cwd: o.cwd, env: o.env ?? process.env, encoding: 'utf8', timeout: 120_000 }));
}

/** the host program's functions defined (its setup done), then `body` evaluated as one step: `eval BODY` */
export function runInProgram(body: string, o: Omit<RunOptions, 'extraArgs'> = {}): Run {
  return runStep({ step: 'eval', args: [body] }, o);
}

/** inline lines as Terraform uploads them: one file, run with `sh FILE` (the file removes itself) */
export function runInline(file: string, lines: readonly string[], o: RunOptions = {}): Run {
  writeFileSync(file, lines.join('\n') + '\n');
  return result(spawnSync('sh', [file], { cwd: o.cwd, env: o.env ?? process.env, encoding: 'utf8', timeout: 120_000 }));
}

export { HOST_PROGRAM };
