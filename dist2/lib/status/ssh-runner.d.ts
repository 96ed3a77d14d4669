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
export declare function sshArgs(t: SshTarget): string[];
/** What runs the probe on a server: the system ssh (runOverSsh), or a stand-in in tests. */
export type SshRunner = (target: SshTarget, script: string) => Promise<SshResult>;
/** Runs `script` on the target through the system `ssh`. */
export declare function runOverSsh(t: SshTarget, script: string, sshBinary?: string): Promise<SshResult>;
