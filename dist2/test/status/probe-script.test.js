"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The probe script for real: `sh -n`, shellcheck, and runs of `sh -s` on this machine with a
 * `barman` on PATH that replays real Barman 3.4 output (test/fixtures/status), so that the
 * script's own logic (sections, exit codes, hashes, quoting) runs as it does on a Barman server.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const probe_output_1 = require("../../lib/status/probe-output");
const probe_script_1 = require("../../lib/status/probe-script");
const shell_quote_1 = require("../../lib/render/shell-quote");
const status_fixtures_1 = require("./status-fixtures");
let dir;
(0, node_test_1.before)(() => {
    dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-probe-'));
});
(0, node_test_1.after)(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
/** a bin directory whose `barman` prints the captured output of `name` */
function replayBarman(name) {
    const o = (0, probe_output_1.parseProbeOutput)((0, status_fixtures_1.probeFixture)(name));
    const bin = (0, node_path_1.join)(dir, `bin-${name}`);
    (0, node_fs_1.mkdirSync)(bin, { recursive: true });
    const data = (0, node_path_1.join)(dir, `data-${name}`);
    (0, node_fs_1.mkdirSync)(data, { recursive: true });
    for (const [k, c] of Object.entries({ version: o.version, diagnose: o.diagnose, check: o.check })) {
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(data, `${k}.out`), c.out);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(data, `${k}.err`), c.err);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(data, `${k}.rc`), String(c.rc));
    }
    (0, node_fs_1.writeFileSync)((0, node_path_1.join)(bin, 'barman'), `#!/bin/sh
d=${(0, shell_quote_1.shellQuote)(data)}
case "$*" in
  -v) k=version ;;
  diagnose) k=diagnose ;;
  "-f json check "*) k=check; echo "$*" >"$d/check.args" ;;
  *) echo "unexpected: $*" >&2; exit 9 ;;
esac
cat "$d/$k.out"; cat "$d/$k.err" >&2; exit "$(cat "$d/$k.rc")"
`);
    (0, node_fs_1.chmodSync)((0, node_path_1.join)(bin, 'barman'), 0o755);
    return bin;
}
function runProbe(script, path) {
    const r = (0, node_child_process_1.spawnSync)('/bin/sh', ['-s'], { input: script, encoding: 'utf8', env: { PATH: path }, timeout: 30_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const input = (files, names = ['pg1', "it's"]) => ({ backupNames: names, files, barmanHome: (0, node_path_1.join)(dir, 'home'), connectTimeout: 10 });
(0, node_test_1.describe)('probe script', () => {
    (0, node_test_1.test)('sh -n and shellcheck accept it', () => {
        const script = (0, probe_script_1.probeScript)(input(['/etc/barman.conf', '/etc/cron.d/pg1']));
        const file = (0, node_path_1.join)(dir, 'probe.sh');
        (0, node_fs_1.writeFileSync)(file, script);
        strict_1.default.equal((0, node_child_process_1.spawnSync)('/bin/sh', ['-n', file]).status, 0);
        const sc = (0, node_child_process_1.spawnSync)('shellcheck', ['-s', 'sh', file], { encoding: 'utf8' });
        strict_1.default.equal(sc.status, 0, sc.stdout);
    });
    (0, node_test_1.test)('runs: every section, Barman\'s output and exit codes as they were, hashes of present files, missing ones marked', () => {
        const present = (0, node_path_1.join)(dir, 'present file.conf');
        (0, node_fs_1.writeFileSync)(present, 'x = 1\n');
        const missing = (0, node_path_1.join)(dir, 'missing.conf');
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(dir, 'home'), { recursive: true });
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'home', '.barman.auto.conf'), '{}');
        const bin = replayBarman('receive-wal-stopped');
        const r = runProbe((0, probe_script_1.probeScript)(input([present, missing])), `${bin}:/usr/bin:/bin`);
        strict_1.default.equal(r.code, 0, r.stderr);
        const o = (0, probe_output_1.parseProbeOutput)(r.stdout);
        const want = (0, probe_output_1.parseProbeOutput)((0, status_fixtures_1.probeFixture)('receive-wal-stopped'));
        strict_1.default.equal(o.complete, true);
        strict_1.default.ok(o.now !== null && Math.abs(o.now - Date.now() / 1000) < 60);
        strict_1.default.equal(o.barmanPath, (0, node_path_1.join)(bin, 'barman'));
        strict_1.default.deepEqual(o.check, want.check, 'barman check: stdout, stderr and exit 1 kept');
        strict_1.default.deepEqual(o.diagnose, want.diagnose);
        strict_1.default.deepEqual(o.version, want.version);
        strict_1.default.deepEqual([...o.files], [[present, (0, node_crypto_1.createHash)('sha256').update('x = 1\n').digest('hex')], [missing, null]]);
        strict_1.default.equal(o.overridesFile, (0, node_path_1.join)(dir, 'home', '.barman.auto.conf'));
        // the server names reach barman as separate, intact arguments
        strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'data-receive-wal-stopped', 'check.args'), 'utf8'), "-f json check pg1 it's\n");
    });
    (0, node_test_1.test)('without barman on PATH: the probe still ends, and says so', () => {
        // only the tools the probe needs besides barman (on merged-/usr Debian, /bin holds barman too)
        const tools = (0, node_path_1.join)(dir, 'tools');
        (0, node_fs_1.mkdirSync)(tools, { recursive: true });
        for (const t of ['date', 'mktemp', 'rm', 'cat', 'sha256sum', 'grep'])
            (0, node_fs_1.symlinkSync)(`/usr/bin/${t}`, (0, node_path_1.join)(tools, t));
        const r = runProbe((0, probe_script_1.probeScript)(input([])), tools);
        const o = (0, probe_output_1.parseProbeOutput)(r.stdout);
        strict_1.default.equal(o.complete, true, r.stdout + r.stderr);
        strict_1.default.equal(o.barmanPath, null);
        strict_1.default.equal(o.check, undefined);
    });
    (0, node_test_1.test)('it never mentions .pgpass or key files', () => {
        const script = (0, probe_script_1.probeScript)(input(['/etc/barman.conf']));
        strict_1.default.doesNotMatch(script, /pgpass|id_ed25519|id_rsa|PRIVATE/);
    });
});
