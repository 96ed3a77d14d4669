/**
 * Runs a command of the CLI (status, drill) with a stand-in for ssh that records every session's
 * target and script and answers each with `answer`: what the command sends where, and how it
 * reads the answer, without a host.
 */
import { main } from '../../lib/cli/main';
import { CommandSpec, Io, ParsedArgs } from '../../lib/cli/command-line';
import { SshResult, SshRunner, SshTarget } from '../../lib/status/ssh-runner';

export async function withStandInSsh(spec: CommandSpec, command: (args: ParsedArgs, io: Io, run: SshRunner) => Promise<number>, args: string[], answer: Partial<SshResult>) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: Array<{ target: SshTarget; script: string }> = [];
  const run = async (target: SshTarget, script: string): Promise<SshResult> => {
    calls.push({ target, script });
    return { code: 0, stdout: '', stderr: '', timedOut: false, ...answer };
  };
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
  const code = await main([spec.name, ...args], io, [{ spec, run: (a, o) => command(a, o, run) }]);
  return { code, stdout: out.join(''), stderr: err.join(''), calls };
}
