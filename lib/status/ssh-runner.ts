import { spawn } from 'node:child_process';

/** How the status command reaches a Barman server: the same settings as the stack's connection. */
export interface SshTarget {
  readonly host: string;
  readonly port: number;
  /** root, or a user with passwordless sudo (the probe then runs through `sudo -n`) */
  readonly user: string;
  /** @default - ssh's own identities (agent, ~/.ssh) */
  readonly identityFile?: string;
  /** UserKnownHostsFile @default - ssh's own (~/.ssh/known_hosts) */
  readonly knownHostsFile?: string;
  /** ProxyJump, `[user@]host[:port]` @default - direct */
  readonly bastionHost?: string;
  /** seconds: ssh's ConnectTimeout; the whole session is stopped after 10 times this */
  readonly timeout: number;
}

export interface SshResult {
  /** ssh's exit status; 255: ssh itself failed (unreachable, host key, authentication) */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** The ssh command line: batch mode, strict host key checking, never a password prompt. */
export function sshArgs(t: SshTarget): string[] {
  const args = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `ConnectTimeout=${t.timeout}`, '-o', 'LogLevel=ERROR', '-p', String(t.port), '-l', t.user];
  if (t.identityFile !== undefined) args.push('-o', 'IdentitiesOnly=yes', '-i', t.identityFile);
  if (t.knownHostsFile !== undefined) args.push('-o', `UserKnownHostsFile=${t.knownHostsFile}`);
  if (t.bastionHost !== undefined) args.push('-J', t.bastionHost);
  // the remote command: a shell reading the probe from stdin, as root
  args.push('--', t.host, t.user === 'root' ? 'sh -s' : 'sudo -n sh -s');
  return args;
}

/** What runs the probe on a server: the system ssh (runOverSsh), or a stand-in in tests. */
export type SshRunner = (target: SshTarget, script: string) => Promise<SshResult>;

/** Runs `script` on the target through the system `ssh`. */
export function runOverSsh(t: SshTarget, script: string, sshBinary = 'ssh'): Promise<SshResult> {
  return new Promise((resolve) => {
    const child = spawn(sshBinary, sshArgs(t), { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, t.timeout * 10_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // ssh may exit before reading the script
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: 255, stdout: '', stderr: `cannot run ${sshBinary}: ${e.message}`, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 255, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut });
    });
    child.stdin.end(script);
  });
}
