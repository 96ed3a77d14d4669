"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sshArgs = sshArgs;
exports.runOverSsh = runOverSsh;
const node_child_process_1 = require("node:child_process");
/** The ssh command line: batch mode, strict host key checking, never a password prompt. */
function sshArgs(t) {
    const args = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `ConnectTimeout=${t.timeout}`, '-o', 'LogLevel=ERROR', '-p', String(t.port), '-l', t.user];
    if (t.identityFile !== undefined)
        args.push('-o', 'IdentitiesOnly=yes', '-i', t.identityFile);
    if (t.knownHostsFile !== undefined)
        args.push('-o', `UserKnownHostsFile=${t.knownHostsFile}`);
    if (t.bastionHost !== undefined)
        args.push('-J', t.bastionHost);
    // the remote command: a shell reading the probe from stdin, as root
    args.push('--', t.host, t.user === 'root' ? 'sh -s' : 'sudo -n sh -s');
    return args;
}
/** Runs `script` on the target through the system `ssh`. */
function runOverSsh(t, script, sshBinary = 'ssh') {
    return new Promise((resolve) => {
        const child = (0, node_child_process_1.spawn)(sshBinary, sshArgs(t), { stdio: ['pipe', 'pipe', 'pipe'] });
        const out = [];
        const err = [];
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
        }, t.timeout * 10_000);
        child.stdout.on('data', (b) => out.push(b));
        child.stderr.on('data', (b) => err.push(b));
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
