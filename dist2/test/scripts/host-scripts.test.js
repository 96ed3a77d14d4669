"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The host program (lib/scripts/shell/*.sh, assembled in HOST_PROGRAM) and the step lines the
 * library builds: syntax (sh -n, shellcheck -s sh) of every shell file, of the assembled program
 * and prologue, and of every remote-exec inline of every graph (server, backup edge, Postgres access
 * and config, roles, .pgpass, activation, private keys, secret steps included); quoting of hostile
 * values through the step lines, run for real; the shell library's functions and write_files run
 * for real with `sh` in a temp directory. As root, the Postgres-side steps also run against a
 * throwaway cluster of the machine's PostgreSQL (test/support/postgres.ts). What a test needs and
 * lacks: test/support/requirements.ts.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const tpa_config_1 = require("../../lib/config/tpa-config");
const enums_1 = require("../../lib/model/enums");
const typed_cluster_1 = require("../../lib/model/typed-cluster");
const host_files_1 = require("../../lib/render/host-files");
const key_material_1 = require("../../lib/render/key-material");
const shell_quote_1 = require("../../lib/render/shell-quote");
const concern_scripts_1 = require("../../lib/scripts/concern-scripts");
const postgres_side_scripts_1 = require("../../lib/scripts/postgres-side-scripts");
const postgres_side_library_1 = require("../../lib/scripts/postgres-side-library");
const host_program_1 = require("../../lib/scripts/host-program");
const remote_command_1 = require("../../lib/scripts/remote-command");
const host_program_local_1 = require("../../lib/constructs/host-program-local");
const cdktf_1 = require("../../lib/platform/cdktf");
const shell_assets_1 = require("../../lib/scripts/shell-assets");
const shell_library_1 = require("../../lib/scripts/shell-library");
const synth_helpers_1 = require("../constructs/synth-helpers");
const host_step_1 = require("../support/host-step");
const postgres_1 = require("../support/postgres");
const requirements_1 = require("../support/requirements");
// ---------------------------------------------------------------------------------------------
// helpers
function sh(script, opts = {}) {
    const r = (0, node_child_process_1.spawnSync)('sh', ['-c', script, 'sh', ...(opts.args ?? [])], { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
const ME = sh('id -un').stdout.trim();
const MY_GROUP = sh('id -gn').stdout.trim();
function tempDir(prefix) {
    const d = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), `cdktf-barman-${prefix}-`));
    (0, node_test_1.after)(() => (0, node_fs_1.rmSync)(d, { recursive: true, force: true }));
    return d;
}
const mode = (path) => ((0, node_fs_1.statSync)(path).mode & 0o7777).toString(8).padStart(4, '0');
/** every step the library builds for a graph, with the name of the resource it belongs to */
function stepsOf(graph) {
    const out = [];
    const plans = (0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys());
    for (const p of plans) {
        const filesOf = (c) => p.files.filter((f) => f.concern === c);
        if (p.instance.isBarmanServer) {
            out.push({ name: `server ${p.instance.name}`, step: (0, concern_scripts_1.barmanServerScript)(graph, p.instance, filesOf(host_files_1.Concern.BARMAN_SERVER)), secrets: 0 });
            for (const e of graph.edgesOnServer(p.instance)) {
                out.push({ name: `edge ${e.instance.name} on ${e.server.name}`, step: (0, concern_scripts_1.backupEdgeScript)(e, p.files.filter((f) => f.concern === host_files_1.Concern.BACKUP_EDGE && f.edge === e)), secrets: 0 });
                const pgpass = p.files.find((f) => f.kind === host_files_1.FileKind.PASSWORD_BLOCK && f.edge === e);
                strict_1.default.ok(pgpass, `${e.instance.name} on ${e.server.name}: a .pgpass block`);
                out.push({ name: `.pgpass of ${e.instance.name} on ${e.server.name}`, step: (0, postgres_side_scripts_1.pgpassScript)(e, pgpass), secrets: 2 });
                out.push({ name: `activation of ${e.instance.name} on ${e.server.name}`, step: (0, postgres_side_scripts_1.activationScript)(e), secrets: 0 });
            }
        }
        if (p.instance.isPostgres) {
            out.push({ name: `postgres ${p.instance.name}`, step: (0, concern_scripts_1.postgresAccessScript)(graph, p.instance, filesOf(host_files_1.Concern.POSTGRES_ACCESS)), secrets: 0 });
            const hba = p.files.find((f) => f.kind === host_files_1.FileKind.MANAGED_BLOCK);
            strict_1.default.ok(hba, `${p.instance.name}: a pg_hba.conf block`);
            out.push({ name: `postgres config ${p.instance.name}`, step: (0, postgres_side_scripts_1.postgresConfigScript)(graph, p.instance, hba), secrets: 0 });
            if (!p.instance.roles.includes(enums_1.Role.REPLICA)) {
                out.push({ name: `roles check on ${p.instance.name}`, step: (0, postgres_side_scripts_1.postgresRolesCheckScript)(p.instance), secrets: 0 });
                out.push({ name: `roles on ${p.instance.name}`, step: (0, postgres_side_scripts_1.postgresRolesScript)(p.instance), secrets: 2 });
            }
        }
        for (const k of p.files.filter((f) => f.kind === host_files_1.FileKind.PRIVATE_KEY)) {
            out.push({ name: `private key ${k.path} on ${p.instance.name}`, step: (0, remote_command_1.privateKeyStep)(k.path, k.owner, k.group), secrets: 1 });
        }
    }
    return out;
}
/**
 * every remote-exec inline the library builds for a graph (prologue and step line, literal as
 * STANDALONE makes them; secrets as base64, as Terraform substitutes them), and the generated
 * scripts it installs as files (the cron guard, the WAL gate)
 */
function inlinesOf(graph) {
    const out = [];
    const secrets = [(0, remote_command_1.toBase64)('pw-one'), (0, remote_command_1.toBase64)('pw-two')];
    for (const s of stepsOf(graph)) {
        const lines = s.secrets === 0 ? (0, remote_command_1.remoteExecLines)(s.step) : (0, remote_command_1.secretExecLines)(s.step, secrets.slice(0, s.secrets));
        out.push({ name: `${s.name} (${s.secrets === 0 ? '' : 'secret '}remote-exec inline)`, text: lines.join('\n') + '\n' });
    }
    for (const p of (0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys()).filter((x) => x.instance.isBarmanServer)) {
        const guard = p.files.find((f) => f.path.endsWith('/barman-home-ok'));
        if (guard?.content)
            out.push({ name: `guard script on ${p.instance.name}`, text: guard.content });
        const gate = p.files.find((f) => f.path.endsWith('/barman-wal-gate'));
        if (gate?.content)
            out.push({ name: `WAL gate on ${p.instance.name}`, text: gate.content });
    }
    return out;
}
/** a graph whose free-text settings hold everything a shell or Terraform could misread */
const HOSTILE_SCRIPT = "/usr/local/bin/hook it's $HOME ${X} %{y} `touch pwned-backtick` $(touch pwned-subst) ; touch pwned-semicolon | tee x && echo 100%";
function hostileGraph() {
    return (0, typed_cluster_1.graphFromProps)({
        clusterName: 'hostile',
        instances: [
            { name: 'pg', roles: [enums_1.Role.PRIMARY], backup: ['bk'], settings: { postBackupScript: HOSTILE_SCRIPT, preArchiveRetryScript: "a 'b c' $d", clientDsnAttributes: "application_name='x$y'" } },
            { name: 'bk', roles: [enums_1.Role.BARMAN] },
        ],
    });
}
const GRAPHS = [
    { name: 'examples/config.yml', graph: () => (0, tpa_config_1.loadGraphFromFile)((0, synth_helpers_1.SEED_CONFIG)()) },
    ...(0, synth_helpers_1.fixtureConfigs)().map((f) => ({ name: f.name, graph: () => (0, tpa_config_1.loadGraphFromFile)(f.file) })),
    { name: 'typed multi-topology graph', graph: () => (0, synth_helpers_1.multiGraph)() },
    { name: 'hostile values', graph: hostileGraph },
];
/** shellcheck -s sh -f gcc of files: its findings (every severity, no waiver), each named */
function shellcheck(files, nameOf) {
    const r = (0, node_child_process_1.spawnSync)('shellcheck', ['-s', 'sh', '-f', 'gcc', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const findings = (r.stdout ?? '')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => {
        const f = files.find((x) => l.startsWith(`${x}:`));
        return f === undefined ? l : `[${nameOf(f)}]${l.slice(f.length)}`;
    })
        .join('\n');
    return { findings, status: r.status, stderr: r.stderr ?? '' };
}
const SHELL_FILES = (0, node_fs_1.readdirSync)(shell_assets_1.SHELL_DIR).filter((n) => n.endsWith('.sh')).sort();
// ---------------------------------------------------------------------------------------------
(0, node_test_1.describe)('the host shell is valid POSIX sh', () => {
    const noShellcheck = (0, requirements_1.shellcheckMissing)();
    (0, node_test_1.test)('every lib/scripts/shell/*.sh, as a file: sh -n and shellcheck -s sh (only its own directives)', (t) => {
        strict_1.default.ok(SHELL_FILES.length >= 13, `${SHELL_FILES.join(' ')}`);
        for (const expected of ['common.sh', 'drift.sh', 'files.sh', 'server.sh', 'backup-edge.sh', 'postgres-access.sh', 'postgres-side.sh', 'postgres-steps.sh', 'edge-removal.sh', 'activation.sh', 'private-key.sh', 'prologue.sh', 'run.sh']) {
            strict_1.default.ok(SHELL_FILES.includes(expected), `${expected} is shipped beside the library`);
        }
        const files = SHELL_FILES.map((n) => (0, node_path_1.join)(shell_assets_1.SHELL_DIR, n));
        for (const f of files) {
            const r = (0, node_child_process_1.spawnSync)('sh', ['-n', f], { encoding: 'utf8' });
            strict_1.default.equal(r.status, 0, `sh -n rejects ${f}:\n${r.stderr}`);
            strict_1.default.match((0, node_fs_1.readFileSync)(f, 'utf8'), /^# shellcheck shell=sh\n/, `${f} says it is sh`);
        }
        if ((0, requirements_1.skipInside)(t, noShellcheck))
            return;
        const r = shellcheck(files, (f) => f.slice(shell_assets_1.SHELL_DIR.length + 1));
        strict_1.default.equal(r.findings, '', `shellcheck:\n${r.findings}${r.stderr}`);
        strict_1.default.equal(r.status, 0, r.stderr);
    });
    (0, node_test_1.test)('the assembled HOST_PROGRAM and HOST_PROLOGUE: sh -n and shellcheck -s sh', (t) => {
        const dir = tempDir('program-syntax');
        const files = [(0, node_path_1.join)(dir, 'host-program.sh'), (0, node_path_1.join)(dir, 'prologue.sh')];
        (0, node_fs_1.writeFileSync)(files[0], host_program_1.HOST_PROGRAM);
        (0, node_fs_1.writeFileSync)(files[1], host_program_1.HOST_PROLOGUE);
        strict_1.default.doesNotMatch(host_program_1.HOST_PROGRAM, /@[A-Z][A-Z0-9_]*@/, 'every placeholder filled');
        strict_1.default.doesNotMatch(host_program_1.HOST_PROLOGUE, /@[A-Z][A-Z0-9_]*@/, 'every placeholder filled');
        strict_1.default.doesNotMatch(host_program_1.HOST_PROGRAM, /^"\$@"$/m, 'the program runs no step of its own: each provisioner appends its step');
        for (const f of files) {
            const r = (0, node_child_process_1.spawnSync)('sh', ['-n', f], { encoding: 'utf8' });
            strict_1.default.equal(r.status, 0, `sh -n rejects ${f}:\n${r.stderr}`);
        }
        if ((0, requirements_1.skipInside)(t, noShellcheck))
            return;
        const r = shellcheck(files, (f) => f.slice(dir.length + 1));
        strict_1.default.equal(r.findings, '', `shellcheck:\n${r.findings}${r.stderr}`);
    });
    for (const g of GRAPHS) {
        (0, node_test_1.test)(`${g.name}: every remote-exec inline, sh -n and shellcheck -s sh`, (t) => {
            const dir = tempDir('syntax');
            const scripts = inlinesOf(g.graph());
            strict_1.default.ok(scripts.length >= 8, `${scripts.length} inlines`);
            const files = [];
            scripts.forEach((s, i) => {
                const f = (0, node_path_1.join)(dir, `${i}.sh`);
                (0, node_fs_1.writeFileSync)(f, s.text);
                files.push(f);
                const r = (0, node_child_process_1.spawnSync)('sh', ['-n', f], { encoding: 'utf8' });
                strict_1.default.equal(r.status, 0, `sh -n rejects ${s.name}:\n${r.stderr}`);
            });
            // sh -n has run; without shellcheck the test is skipped (under CI: fails) from here
            if ((0, requirements_1.skipInside)(t, noShellcheck))
                return;
            const r = shellcheck(files, (f) => scripts[files.indexOf(f)].name);
            strict_1.default.equal(r.findings, '', `shellcheck:\n${r.findings}${r.stderr}`);
            strict_1.default.ok(r.status === 0, r.stderr);
        });
    }
    (0, node_test_1.test)('sh -n catches a syntax error, shellcheck an unquoted expansion, each named (controls)', (t) => {
        const dir = tempDir('syntax-control');
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'bad.sh'), 'if true; then\n');
        strict_1.default.notEqual((0, node_child_process_1.spawnSync)('sh', ['-n', (0, node_path_1.join)(dir, 'bad.sh')]).status, 0);
        if ((0, requirements_1.skipInside)(t, noShellcheck))
            return;
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'unquoted.sh'), 'rm -f $1\n');
        const r = shellcheck([(0, node_path_1.join)(dir, 'unquoted.sh')], () => 'the control');
        strict_1.default.match(r.findings, /^\[the control\]:1:\d+: .*\[SC2086\]$/m);
    });
});
(0, node_test_1.describe)('values reach the shell single-quoted or as base64 only', () => {
    const HOSTILE = [
        "it's",
        'two  spaces',
        '$HOME ${HOME} $(touch pwned-subst) `touch pwned-backtick`',
        '"double" \\back\\slash',
        "';touch pwned-quote;'",
        '%{x} 100% \t tab',
        'ünïcødé',
        '',
    ];
    (0, node_test_1.test)('shellQuote round-trips every hostile value through sh', () => {
        const dir = tempDir('quote');
        for (const v of HOSTILE) {
            const r = sh(`printf '%s' ${(0, shell_quote_1.shellQuote)(v)}`, { cwd: dir });
            strict_1.default.equal(r.status, 0);
            strict_1.default.equal(r.stdout, v);
        }
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(dir), [], 'nothing was executed');
    });
    (0, node_test_1.test)('step arguments arrive verbatim, empty ones included, through standaloneCommand and through the remote-exec inline', { skip: (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('the inline runs the root branch of cdktf_run (not root, it would call sudo -n)')) }, () => {
        const dir = tempDir('step-args');
        const printArgs = { step: 'printf', args: ['[%s]', ...HOSTILE] };
        const expected = HOSTILE.map((v) => `[${v}]`).join('');
        const direct = (0, host_step_1.runStep)(printArgs, { cwd: dir });
        strict_1.default.equal(direct.status, 0, direct.stderr);
        strict_1.default.equal(direct.stdout, expected);
        const inline = (0, host_step_1.runInline)((0, node_path_1.join)(dir, 'terraform_1.sh'), (0, remote_command_1.remoteExecLines)(printArgs), { cwd: dir });
        strict_1.default.equal(inline.status, 0, inline.stderr);
        strict_1.default.equal(inline.stdout, expected);
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(dir), [], 'nothing was executed (and the uploaded inline removed itself)');
    });
    (0, node_test_1.test)("the steps' messages name hostile values verbatim: need_user (as postgres_access calls it), need_command, die", () => {
        const dir = tempDir('step-messages');
        for (const v of HOSTILE.filter((x) => x !== '')) {
            // postgres_access: its first check is the postgres user, named by the step's first argument
            const access = { step: 'postgres_access', args: [`nobody-${v}`, 'nogroup', '/nowhere', 'h', 'o', '0', '', '', '', { trigger: 'layout', content: '' }] };
            const u = (0, host_step_1.runStep)(access, { cwd: dir });
            strict_1.default.equal(u.status, 1);
            strict_1.default.ok(u.stderr.includes(`user 'nobody-${v}' does not exist: install PostgreSQL first, or set postgres_user`), u.stderr);
            const c = (0, host_step_1.runStep)({ step: 'need_command', args: [`no-such-${v}`, `install ${v}`] }, { cwd: dir });
            strict_1.default.equal(c.status, 1);
            strict_1.default.ok(c.stderr.includes(`'no-such-${v}' is not installed: install ${v}`), c.stderr);
            const msg = `message with ${v}`;
            const d = (0, host_step_1.runStep)({ step: 'die', args: [msg] }, { cwd: dir });
            strict_1.default.equal(d.status, 1, `die exits 1 for ${JSON.stringify(v)}`);
            strict_1.default.ok(d.stderr.includes(`error: ${msg}\n`), `stderr: ${d.stderr}`);
        }
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(dir), [], 'nothing was executed');
    });
    (0, node_test_1.test)('a whole file through write_files: path with quote, $ and spaces; content from its trigger as base64, byte for byte', () => {
        const dir = tempDir('write-file');
        const sub = (0, node_path_1.join)(dir, "we'ird $HOME dir");
        (0, node_fs_1.mkdirSync)(sub);
        const path = (0, node_path_1.join)(sub, 'f ile;touch pwned');
        const content = `line 1 with ${HOSTILE.join(' | ')}\n\nlast line without newline $${'{'}x} %{y}`;
        const f = { path, owner: ME, group: MY_GROUP, mode: '0640', kind: host_files_1.FileKind.FILE, content, concern: host_files_1.Concern.BARMAN_SERVER };
        const step = { step: 'write_files', args: (0, concern_scripts_1.writeFilesArgs)({ host: "h'o$st", owner: "o'w$ner", allowOverrides: false }, [f], '') };
        const line = (0, remote_command_1.remoteExecLines)(step)[1];
        strict_1.default.ok(!line.includes('touch pwned-subst') && !line.includes('last line'), 'the content is not in the step line in clear');
        strict_1.default.ok(line.includes(`'${(0, remote_command_1.toBase64)(content)}'`), 'the content as base64, single-quoted');
        const state = tempDir('write-file-state');
        const r = (0, host_step_1.runStep)(step, { cwd: dir, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: state } });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(path, 'utf8'), content);
        strict_1.default.equal(mode(path), '0640');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(dir).sort(), ["we'ird $HOME dir"]);
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(sub), ['f ile;touch pwned']);
    });
    (0, node_test_1.test)('hostile settings never appear in the step line: the conf is a trigger value, read at apply time', () => {
        const graph = hostileGraph();
        const plans = (0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys());
        const bk = plans.find((p) => p.instance.name === 'bk');
        const edge = graph.edges[0];
        const step = (0, concern_scripts_1.backupEdgeScript)(edge, bk.files.filter((f) => f.edge === edge));
        // what the construct emits: the step's values from its own triggers (lib/constructs/host-program-local.ts)
        const keys = (0, remote_command_1.triggerArgsOf)(step).map((a) => a.trigger);
        const terraform = (0, host_program_local_1.hostProgramTarget)(new cdktf_1.TerraformStack(cdktf_1.Testing.app(), 'hostile'), 'triggers', keys);
        const line = (0, remote_command_1.remoteExecLines)(step, terraform)[1];
        const conf = (step.args.find((a) => typeof a !== 'string' && a.trigger.endsWith('/pg.conf')));
        strict_1.default.ok(conf.content.includes('post_backup_script = "') && conf.content.includes("it's $HOME ${X}"), 'the conf, with the script intact, is the trigger value');
        for (const needle of ['touch pwned', "it's", '$HOME', "application_name='x$y'", 'post_backup_script', (0, remote_command_1.toBase64)(conf.content)])
            strict_1.default.ok(!line.includes(needle), `${needle} in the step line`);
        const position = [...keys].sort().indexOf(conf.trigger);
        strict_1.default.ok(line.includes(`'\${base64encode(element(values(self.triggers), ${position}))}'`), `the conf read from its trigger, by position:\n${line}`);
        // run outside Terraform (STANDALONE), the content travels as base64 only
        const block = (0, remote_command_1.remoteExecLines)(step, remote_command_1.STANDALONE)[1].split('\n');
        strict_1.default.equal(block.length, 3, 'the step appended as one here-document line');
        strict_1.default.deepEqual([block[0], block[2]], ["cdktf_step <<'cdktf_step_end'", 'cdktf_step_end']);
        strict_1.default.ok(block[1].endsWith(' "$@"'), 'a secret step\'s files reach the step as "$@"');
        const literal = block[1].slice(0, -' "$@"'.length);
        for (const needle of ['touch pwned', "it's", '$HOME', "application_name='x$y'"])
            strict_1.default.ok(!literal.includes(needle), `${needle} in clear in the step line`);
        const decoded = [...literal.matchAll(/'([A-Za-z0-9+/=]{16,})'/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8'));
        strict_1.default.ok(decoded.includes(conf.content), 'the conf arrives (base64) intact');
        // every argument of the step line is single-quoted
        const outside = literal.replace(/'[^']*'/g, "''");
        strict_1.default.ok(!/[`;|&$]/.test(outside), `unquoted data in: ${outside}`);
    });
});
// ---------------------------------------------------------------------------------------------
(0, node_test_1.describe)('shell library functions, run for real with sh', () => {
    const libFile = (0, node_path_1.join)(tempDir('lib'), 'lib.sh');
    (0, node_fs_1.writeFileSync)(libFile, shell_library_1.SHELL_LIBRARY);
    const LIB = `. ${(0, shell_quote_1.shellQuote)(libFile)}`;
    const call = (dir, body) => sh(`${LIB}\n${body}`, { cwd: dir });
    const MARK = 'cdktf-barman:demo';
    const leftovers = (dir) => (0, node_fs_1.readdirSync)(dir).filter((n) => n.startsWith('.cdktf-barman.'));
    (0, node_test_1.test)('merge_lines: foreign lines survive in order, managed lines are replaced, never duplicated', () => {
        const dir = tempDir('merge');
        const ak = (0, node_path_1.join)(dir, 'authorized_keys');
        const foreign = [
            'ssh-ed25519 AAAAforeign1 alice@laptop',
            '# a comment someone wrote',
            '',
            'ssh-rsa AAAAforeign2 bob@desk cdktf-barman:other-cluster',
            'ssh-ed25519 AAAAlookalike notcdktf-barman:demo',
        ];
        (0, node_fs_1.writeFileSync)(ak, [foreign[0], `ssh-ed25519 AAAAold barman@demo ${MARK}`, ...foreign.slice(1)].join('\n') + '\n');
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'new'), `ssh-ed25519 AAAAnew1 barman@demo ${MARK}\nssh-ed25519 AAAAnew2 barman@demo ${MARK}\n`);
        const expected = [...foreign, `ssh-ed25519 AAAAnew1 barman@demo ${MARK}`, `ssh-ed25519 AAAAnew2 barman@demo ${MARK}`].join('\n') + '\n';
        for (const run of [1, 2, 3]) {
            const r = call(dir, `merge_lines ${(0, shell_quote_1.shellQuote)(ak)} ${ME} ${MY_GROUP} 0600 ${(0, shell_quote_1.shellQuote)(MARK)} new`);
            strict_1.default.equal(r.status, 0, r.stderr);
            strict_1.default.equal((0, node_fs_1.readFileSync)(ak, 'utf8'), expected, `after run ${run}`);
            strict_1.default.equal(mode(ak), '0600');
            strict_1.default.deepEqual(leftovers(dir), []);
        }
    });
    (0, node_test_1.test)('merge_lines: a file without a trailing newline keeps its last line whole', () => {
        const dir = tempDir('merge-nl');
        const kh = (0, node_path_1.join)(dir, 'known_hosts');
        (0, node_fs_1.writeFileSync)(kh, 'host1 ssh-ed25519 AAAA1\nhost2 ssh-ed25519 AAAA2');
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'new'), `10.0.0.1 ssh-ed25519 AAAAnew ${MARK}\n`);
        const r = call(dir, `merge_lines ${(0, shell_quote_1.shellQuote)(kh)} ${ME} ${MY_GROUP} 0644 ${(0, shell_quote_1.shellQuote)(MARK)} new`);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(kh, 'utf8'), `host1 ssh-ed25519 AAAA1\nhost2 ssh-ed25519 AAAA2\n10.0.0.1 ssh-ed25519 AAAAnew ${MARK}\n`);
        strict_1.default.equal(mode(kh), '0644');
    });
    (0, node_test_1.test)('merge_lines: a missing file is created with the managed lines only; an empty list removes ours only', () => {
        const dir = tempDir('merge-new');
        const f = (0, node_path_1.join)(dir, 'authorized_keys');
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'new'), `k1 barman@demo ${MARK}\n`);
        strict_1.default.equal(call(dir, `merge_lines ${(0, shell_quote_1.shellQuote)(f)} ${ME} ${MY_GROUP} 0600 ${(0, shell_quote_1.shellQuote)(MARK)} new`).status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), `k1 barman@demo ${MARK}\n`);
        (0, node_fs_1.writeFileSync)(f, `foreign\nk1 barman@demo ${MARK}\n`);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'none'), '');
        strict_1.default.equal(call(dir, `merge_lines ${(0, shell_quote_1.shellQuote)(f)} ${ME} ${MY_GROUP} 0600 ${(0, shell_quote_1.shellQuote)(MARK)} none`).status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'foreign\n');
    });
    (0, node_test_1.test)('writes are atomic: a new inode renamed into place, no .cdktf-barman.* left, the old file intact when a step fails', () => {
        const dir = tempDir('atomic');
        const f = (0, node_path_1.join)(dir, 'barman.conf');
        (0, node_fs_1.writeFileSync)(f, 'old content\n');
        const before = (0, node_fs_1.statSync)(f).ino;
        const r = call(dir, `put_file ${(0, shell_quote_1.shellQuote)(f)} ${ME} ${MY_GROUP} 0644 '${(0, remote_command_1.toBase64)('new content\n')}'`);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'new content\n');
        strict_1.default.notEqual((0, node_fs_1.statSync)(f).ino, before, 'the file was replaced by rename, not rewritten in place');
        strict_1.default.deepEqual(leftovers(dir), []);
        // chown to a user that does not exist fails after the temp file was written: nothing changes
        const bad = call(dir, `put_file ${(0, shell_quote_1.shellQuote)(f)} no-such-user-cdktf ${MY_GROUP} 0644 '${(0, remote_command_1.toBase64)('half\n')}'`);
        strict_1.default.notEqual(bad.status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'new content\n');
        strict_1.default.deepEqual(leftovers(dir), [], 'the EXIT trap removed the temp file');
    });
    (0, node_test_1.test)('put_file writes exact bytes (no trailing newline, $, quotes, %, UTF-8) with owner and mode', () => {
        const dir = tempDir('put');
        const f = (0, node_path_1.join)(dir, 'x');
        const content = "a $HOME ${X} 'q' \"d\" % \\ ünï\n\nno newline at end";
        const r = call(dir, `put_file ${(0, shell_quote_1.shellQuote)(f)} ${ME} ${MY_GROUP} 0600 '${(0, remote_command_1.toBase64)(content)}'`);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), content);
        strict_1.default.equal(mode(f), '0600');
    });
    (0, node_test_1.test)('put_file refuses to write through a symbolic link', () => {
        const dir = tempDir('symlink');
        const target = (0, node_path_1.join)(dir, 'target');
        const link = (0, node_path_1.join)(dir, 'link');
        (0, node_fs_1.writeFileSync)(target, 'precious\n');
        (0, node_fs_1.symlinkSync)(target, link);
        const r = call(dir, `put_file ${(0, shell_quote_1.shellQuote)(link)} ${ME} ${MY_GROUP} 0644 '${(0, remote_command_1.toBase64)('evil\n')}'`);
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.match(r.stderr, /symbolic link/);
        strict_1.default.equal((0, node_fs_1.readFileSync)(target, 'utf8'), 'precious\n');
        strict_1.default.ok((0, node_fs_1.lstatSync)(link).isSymbolicLink());
        strict_1.default.equal((0, node_fs_1.readlinkSync)(link), target);
        strict_1.default.deepEqual(leftovers(dir), []);
        // and merge_lines (authorized_keys) too
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'new'), `k ${MARK}\n`);
        const m = call(dir, `merge_lines ${(0, shell_quote_1.shellQuote)(link)} ${ME} ${MY_GROUP} 0600 ${(0, shell_quote_1.shellQuote)(MARK)} new`);
        strict_1.default.notEqual(m.status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(target, 'utf8'), 'precious\n');
    });
    (0, node_test_1.test)('ensure_dir creates with owner and mode, and refuses a symlinked directory', () => {
        const dir = tempDir('ensure-dir');
        const d = (0, node_path_1.join)(dir, 'a', 'b');
        strict_1.default.equal(call(dir, `ensure_dir ${(0, shell_quote_1.shellQuote)(d)} ${ME} ${MY_GROUP} 0700`).status, 0);
        strict_1.default.equal(mode(d), '0700');
        (0, node_fs_1.symlinkSync)(d, (0, node_path_1.join)(dir, 'l'));
        strict_1.default.notEqual(call(dir, `ensure_dir ${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(dir, 'l'))} ${ME} ${MY_GROUP} 0755`).status, 0);
        strict_1.default.equal(mode(d), '0700');
    });
    (0, node_test_1.test)('ensure_file keeps the content of an existing log file and sets owner and mode', () => {
        const dir = tempDir('ensure-file');
        const f = (0, node_path_1.join)(dir, 'barman.log');
        (0, node_fs_1.writeFileSync)(f, 'earlier log lines\n');
        strict_1.default.equal(call(dir, `ensure_file ${(0, shell_quote_1.shellQuote)(f)} ${ME} ${MY_GROUP} 0640`).status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'earlier log lines\n');
        strict_1.default.equal(mode(f), '0640');
        const g = (0, node_path_1.join)(dir, 'new.log');
        strict_1.default.equal(call(dir, `ensure_file ${(0, shell_quote_1.shellQuote)(g)} ${ME} ${MY_GROUP} 0640`).status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(g, 'utf8'), '');
    });
    (0, node_test_1.test)('ensure_file refuses to take over an existing file another user owns (a system log, another service\'s file)', { skip: (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('the test gives a file to another user')) }, () => {
        const dir = tempDir('ensure-file-foreign');
        const f = (0, node_path_1.join)(dir, 'syslog');
        (0, node_fs_1.writeFileSync)(f, 'not barman\'s\n');
        sh(`chown daemon ${(0, shell_quote_1.shellQuote)(f)}; chmod 0600 ${(0, shell_quote_1.shellQuote)(f)}`);
        const r = call(dir, `ensure_file ${(0, shell_quote_1.shellQuote)(f)} nobody ${MY_GROUP} 0640`);
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.match(r.stderr, /belongs to daemon: refusing to give it to nobody/);
        strict_1.default.equal(sh(`stat -c %U:%a ${(0, shell_quote_1.shellQuote)(f)}`).stdout.trim(), 'daemon:600');
        // a file the target user (or root) owns is still taken in hand
        sh(`chown nobody ${(0, shell_quote_1.shellQuote)(f)}`);
        strict_1.default.equal(call(dir, `ensure_file ${(0, shell_quote_1.shellQuote)(f)} nobody ${MY_GROUP} 0640`).status, 0);
        strict_1.default.equal(mode(f), '0640');
    });
    (0, node_test_1.test)('ensure_file leaves the owner and mode of an existing parent directory alone (e.g. /var/log, root:syslog 0775 on Ubuntu)', () => {
        const dir = tempDir('ensure-file-parent');
        const logDir = (0, node_path_1.join)(dir, 'log');
        (0, node_fs_1.mkdirSync)(logDir);
        sh(`chmod 0775 ${(0, shell_quote_1.shellQuote)(logDir)}`);
        strict_1.default.equal(mode(logDir), '0775');
        strict_1.default.equal(call(dir, `ensure_file ${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(logDir, 'barman.log'))} ${ME} ${MY_GROUP} 0640`).status, 0);
        strict_1.default.equal(mode(logDir), '0775', 'the parent directory was chmod-ed');
    });
    (0, node_test_1.test)('known_host_lines with pinned keys prints one marked line per key', () => {
        const dir = tempDir('known-pinned');
        const keys = 'ssh-ed25519 AAAAone\necdsa-sha2-nistp256 AAAAtwo\n';
        const r = call(dir, `known_host_lines '[10.0.0.2]:2222' 10.0.0.2 2222 ${(0, shell_quote_1.shellQuote)(MARK)} '${(0, remote_command_1.toBase64)(keys)}'`);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal(r.stdout, `[10.0.0.2]:2222 ssh-ed25519 AAAAone ${MARK}\n[10.0.0.2]:2222 ecdsa-sha2-nistp256 AAAAtwo ${MARK}\n`);
    });
    (0, node_test_1.test)('a host whose keys cannot be scanned stops the script (instead of dropping its known_hosts lines)', () => {
        const dir = tempDir('known-scan');
        // nothing listens on port 1: the scan fails (or ssh-keyscan is missing: need_command fails)
        const r = call(dir, `lines=$(mktemp)\nknown_host_lines 127.0.0.1 127.0.0.1 1 ${(0, shell_quote_1.shellQuote)(MARK)} >> "$lines"\necho REACHED`);
        strict_1.default.match(r.stderr, /cannot read the ssh host keys|is not installed/);
        strict_1.default.ok(!r.stdout.includes('REACHED'), 'the script went on after the failed scan');
        strict_1.default.notEqual(r.status, 0);
    });
});
// ---------------------------------------------------------------------------------------------
// write_files (shell/files.sh): a step's files as its layout trigger lists them
(0, node_test_1.describe)("write_files follows its step's layout, run for real", () => {
    const MARK = 'cdktf-barman:demo';
    const NEEDS_SSHD = (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('the test starts a throwaway sshd'), (0, requirements_1.commandMissing)('sshd', 'openssh-server'), (0, requirements_1.commandMissing)('ssh-keyscan', 'openssh-client'), (0, requirements_1.commandMissing)('ssh-keygen', 'openssh-client'));
    let sshd;
    let port = 0;
    let hostKey = '';
    let sshdDir = '';
    /** a throwaway sshd on a free port of 127.0.0.1 and ::1, with a host key of its own: what a scan reads */
    (0, node_test_1.before)(async () => {
        if (NEEDS_SSHD !== false)
            return;
        // not tempDir(): sshd reads its host key again for every connection, until the suite ends
        const dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-sshd-'));
        sshdDir = dir;
        strict_1.default.equal((0, node_child_process_1.spawnSync)('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', (0, node_path_1.join)(dir, 'host_key')]).status, 0);
        hostKey = (0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'host_key.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
        for (let i = 0; i < 10 && sshd === undefined; i++) {
            port = 42000 + Math.floor(Math.random() * 8000);
            const p = (0, node_child_process_1.spawn)('/usr/sbin/sshd', ['-D', '-e', '-f', '/dev/null', '-p', String(port), '-h', (0, node_path_1.join)(dir, 'host_key'), '-o', 'PidFile=none', '-o', 'ListenAddress=127.0.0.1', '-o', 'ListenAddress=::1'], { stdio: ['ignore', 'ignore', 'pipe'] });
            let err = '';
            const listening = await new Promise((resolve) => {
                p.stderr.on('data', (d) => {
                    err += d.toString();
                    if (/Server listening on 127\.0\.0\.1/.test(err))
                        resolve(true);
                });
                p.on('exit', () => resolve(false));
                setTimeout(() => resolve(false), 10_000);
            });
            if (listening)
                sshd = p;
            else
                p.kill();
        }
        strict_1.default.ok(sshd, 'a throwaway sshd is listening');
    });
    (0, node_test_1.after)(() => {
        sshd?.kill();
        if (sshdDir !== '')
            (0, node_fs_1.rmSync)(sshdDir, { recursive: true, force: true });
    });
    /** a file of the layout (owner: whoever runs the tests), with the shared-file kind it is */
    const file = (path, kind, fileMode, content, shared) => ({
        path,
        owner: ME,
        group: MY_GROUP,
        mode: fileMode,
        kind,
        content,
        concern: host_files_1.Concern.POSTGRES_ACCESS,
        // the layout names a shared file by what it holds; its details only matter to the renderers
        ...(shared === 'public-key' ? { publicKey: {} } : shared === 'authorized-keys' ? { authorizedKeys: [] } : shared === 'known-hosts' ? { knownHosts: [] } : {}),
    });
    const writeFiles = (dir, files, state) => (0, host_step_1.runStep)({ step: 'write_files', args: (0, concern_scripts_1.writeFilesArgs)({ host: 'h', owner: 'h', allowOverrides: false }, files, 'demo') }, { cwd: dir, env: { ...process.env, CDKTF_BARMAN_STATE_DIR: state } });
    (0, node_test_1.test)('directory, log-file, file, public-key, authorized-keys (foreign lines kept), known-hosts (pinned keys copied), in layout order; a re-run replaces only the managed lines', () => {
        const dir = tempDir('layout');
        const state = tempDir('layout-state');
        const home = (0, node_path_1.join)(dir, 'home');
        const ssh = (0, node_path_1.join)(home, '.ssh');
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(dir, 'log'));
        const layout = (akLines) => [
            file(home, host_files_1.FileKind.DIRECTORY, '0750'),
            file(ssh, host_files_1.FileKind.DIRECTORY, '0700'),
            file((0, node_path_1.join)(dir, 'log', 'barman.log'), host_files_1.FileKind.LOG_FILE, '0640'),
            file((0, node_path_1.join)(home, 'barman.conf'), host_files_1.FileKind.FILE, '0644', "[barman]\nbarman_user = barman\n; it's $HOME\n"),
            file((0, node_path_1.join)(ssh, 'id_ed25519.pub'), host_files_1.FileKind.FILE, '0644', 'ssh-ed25519 AAAApublic postgres@demo\n', 'public-key'),
            file((0, node_path_1.join)(ssh, 'authorized_keys'), host_files_1.FileKind.MANAGED_LINES, '0600', akLines, 'authorized-keys'),
            file((0, node_path_1.join)(ssh, 'known_hosts'), host_files_1.FileKind.MANAGED_LINES, '0644', `10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[10.0.0.8]:2222 ecdsa-sha2-nistp256 AAAApinned8 ${MARK}\n`, 'known-hosts'),
        ];
        const files = layout(`restrict ssh-ed25519 AAAAbarman1 barman@demo ${MARK}\n`);
        // the layout trigger names each file by the kind write_files handles
        const layoutText = ((0, concern_scripts_1.writeFilesArgs)({ host: 'h', owner: 'h', allowOverrides: false }, files, 'demo').find((a) => typeof a !== 'string' && a.trigger === 'layout')).content;
        strict_1.default.deepEqual(layoutText.split('\n').filter((l) => l !== '').map((l) => l.split(' ')[0]), ['directory', 'directory', 'log-file', 'file', 'public-key', 'authorized-keys', 'known-hosts']);
        // someone else's lines in the shared files, and an existing log
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'log', 'barman.log'), 'earlier log lines\n');
        const r0 = writeFiles(dir, files.slice(0, 2), state);
        strict_1.default.equal(r0.status, 0, r0.stderr);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(ssh, 'authorized_keys'), `ssh-ed25519 AAAAforeign alice@laptop\nssh-ed25519 AAAAold barman@demo ${MARK}\n`);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(ssh, 'known_hosts'), 'github.com ssh-ed25519 AAAAgithub\n');
        for (const run of [1, 2]) {
            const r = writeFiles(dir, files, state);
            strict_1.default.equal(r.status, 0, `run ${run}: ${r.stderr}`);
            strict_1.default.equal(r.stderr, '');
            strict_1.default.deepEqual([mode(home), mode(ssh)], ['0750', '0700']);
            strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'log', 'barman.log'), 'utf8'), 'earlier log lines\n', 'a log file keeps its content');
            strict_1.default.equal(mode((0, node_path_1.join)(dir, 'log', 'barman.log')), '0640');
            strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(home, 'barman.conf'), 'utf8'), "[barman]\nbarman_user = barman\n; it's $HOME\n");
            strict_1.default.equal(mode((0, node_path_1.join)(home, 'barman.conf')), '0644');
            strict_1.default.ok((0, node_fs_1.existsSync)((0, node_path_1.join)(state, 'written', home, 'barman.conf')), 'a whole file is recorded for the drift check');
            strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(ssh, 'id_ed25519.pub'), 'utf8'), 'ssh-ed25519 AAAApublic postgres@demo\n');
            strict_1.default.ok(!(0, node_fs_1.existsSync)((0, node_path_1.join)(state, 'written', ssh, 'id_ed25519.pub')), 'a public key is not drift-checked');
            strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(ssh, 'authorized_keys'), 'utf8'), `ssh-ed25519 AAAAforeign alice@laptop\nrestrict ssh-ed25519 AAAAbarman1 barman@demo ${MARK}\n`);
            strict_1.default.equal(mode((0, node_path_1.join)(ssh, 'authorized_keys')), '0600');
            strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(ssh, 'known_hosts'), 'utf8'), `github.com ssh-ed25519 AAAAgithub\n10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[10.0.0.8]:2222 ecdsa-sha2-nistp256 AAAApinned8 ${MARK}\n`);
            strict_1.default.equal(mode((0, node_path_1.join)(ssh, 'known_hosts')), '0644');
            strict_1.default.deepEqual((0, node_fs_1.readdirSync)(ssh).filter((n) => n.startsWith('.cdktf-barman.')), []);
        }
        // another key authorized: ours replaced, the foreign line kept
        const r = writeFiles(dir, layout(`ssh-ed25519 AAAAbarman2 barman@demo ${MARK}\n`), state);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(ssh, 'authorized_keys'), 'utf8'), `ssh-ed25519 AAAAforeign alice@laptop\nssh-ed25519 AAAAbarman2 barman@demo ${MARK}\n`);
    });
    (0, node_test_1.test)('known-hosts: a <scanned-at-apply-from-[address]:port> line becomes the keys sshd offers there, pinned lines are copied', { skip: NEEDS_SSHD }, () => {
        const dir = tempDir('layout-scan');
        const kh = (0, node_path_1.join)(dir, 'known_hosts');
        const lines = `10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[127.0.0.1]:${port} <scanned-at-apply-from-[127.0.0.1]:${port}> ${MARK}\n`;
        const r = writeFiles(dir, [file(kh, host_files_1.FileKind.MANAGED_LINES, '0644', lines, 'known-hosts')], tempDir('layout-scan-state'));
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(kh, 'utf8'), `10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[127.0.0.1]:${port} ${hostKey} ${MARK}\n`);
    });
    (0, node_test_1.test)('known-hosts: a scan that fails (nothing listens there) stops the step: the known_hosts and every file after it unwritten', { skip: (0, requirements_1.skipUnless)((0, requirements_1.commandMissing)('ssh-keyscan', 'openssh-client')) }, () => {
        const dir = tempDir('layout-scan-fail');
        const kh = (0, node_path_1.join)(dir, 'known_hosts');
        (0, node_fs_1.writeFileSync)(kh, 'github.com ssh-ed25519 AAAAgithub\n');
        const files = [
            file((0, node_path_1.join)(dir, 'before.conf'), host_files_1.FileKind.FILE, '0644', 'before\n'),
            file(kh, host_files_1.FileKind.MANAGED_LINES, '0644', `[127.0.0.1]:1 <scanned-at-apply-from-[127.0.0.1]:1> ${MARK}\n`, 'known-hosts'),
            file((0, node_path_1.join)(dir, 'after.pub'), host_files_1.FileKind.FILE, '0644', 'ssh-ed25519 AAAAafter x@demo\n', 'public-key'),
        ];
        const r = writeFiles(dir, files, tempDir('layout-scan-fail-state'));
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.match(r.stderr, /error: cannot read the ssh host keys of 127\.0\.0\.1 port 1 from this host/);
        strict_1.default.equal((0, node_fs_1.readFileSync)(kh, 'utf8'), 'github.com ssh-ed25519 AAAAgithub\n', 'the known_hosts is as it was (its lines not dropped)');
        strict_1.default.ok(!(0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'after.pub')), 'the step went on after the failed scan');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(dir).filter((n) => n.startsWith('.cdktf-barman.')), []);
    });
    (0, node_test_1.test)('known_hosts_of: pinned lines as they are; [address]:port and a bare address (port 22) scanned', { skip: NEEDS_SSHD }, () => {
        const lines = [`10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}`, `[127.0.0.1]:${port} <scanned-at-apply-from-[127.0.0.1]:${port}> ${MARK}`, `[::1]:${port} <scanned-at-apply-from-[::1]:${port}> ${MARK}`, ''].join('\n');
        const r = (0, host_step_1.runStep)({ step: 'known_hosts_of', args: [(0, remote_command_1.toBase64)(lines)] });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal(r.stdout, `10.0.0.9 ssh-ed25519 AAAApinned9 ${MARK}\n[127.0.0.1]:${port} ${hostKey} ${MARK}\n[::1]:${port} ${hostKey} ${MARK}\n`);
        // a bare address is scanned on port 22 (nothing listens on 127.0.0.9:22 here)
        const bare = (0, host_step_1.runStep)({ step: 'known_hosts_of', args: [(0, remote_command_1.toBase64)(`127.0.0.9 <scanned-at-apply-from-127.0.0.9> ${MARK}\n`)] });
        strict_1.default.notEqual(bare.status, 0);
        strict_1.default.match(bare.stderr, /cannot read the ssh host keys of 127\.0\.0\.9 port 22 /);
        strict_1.default.equal(bare.stdout, '');
    });
});
(0, node_test_1.describe)('postgres_access, run for real (its files under a temp root)', { skip: (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('the files belong to the postgres user'), (0, requirements_1.commandMissing)('ssh-keyscan', 'openssh-client')) }, () => {
    (0, node_test_1.test)("the postgres user's public key, barman's key authorized (foreign lines kept), the Barman server known; no whole file, so nothing recorded", () => {
        const root = tempDir('access-root');
        const state = tempDir('access-state');
        const home = (0, node_child_process_1.spawnSync)('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).stdout.split(':')[5];
        strict_1.default.ok(home, 'the postgres user has a home');
        const graph = (0, typed_cluster_1.graphFromProps)({
            clusterName: 'acc',
            instances: [
                { name: 'pg', roles: [enums_1.Role.PRIMARY], backup: ['bk'] },
                { name: 'bk', roles: [enums_1.Role.BARMAN], address: '10.0.0.2', sshHostKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIbk'] },
            ],
            settings: { postgresHome: home },
        });
        const plan = (0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys()).find((p) => p.instance.name === 'pg');
        const files = plan.files.filter((f) => f.concern === host_files_1.Concern.POSTGRES_ACCESS).map((f) => ({ ...f, path: (0, node_path_1.join)(root, f.path) }));
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(root, home), { recursive: true });
        const ak = files.find((f) => f.path.endsWith('/authorized_keys'));
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(root, home, '.ssh'));
        (0, node_fs_1.writeFileSync)(ak.path, 'ssh-ed25519 AAAAforeign admin@laptop\n');
        const r = (0, host_step_1.runStep)((0, concern_scripts_1.postgresAccessScript)(graph, plan.instance, files), { env: { ...process.env, CDKTF_BARMAN_STATE_DIR: state } });
        strict_1.default.equal(r.status, 0, r.stderr);
        const owner = (p) => (0, node_child_process_1.spawnSync)('stat', ['-c', '%U %a', p], { encoding: 'utf8' }).stdout.trim();
        strict_1.default.equal(owner((0, node_path_1.join)(root, home, '.ssh')), 'postgres 700');
        const pub = files.find((f) => f.publicKey);
        strict_1.default.equal((0, node_fs_1.readFileSync)(pub.path, 'utf8'), pub.content);
        strict_1.default.equal(owner(pub.path), 'postgres 644');
        strict_1.default.equal((0, node_fs_1.readFileSync)(ak.path, 'utf8'), `ssh-ed25519 AAAAforeign admin@laptop\n${ak.content}`);
        strict_1.default.equal(owner(ak.path), 'postgres 600');
        strict_1.default.equal((0, node_fs_1.readFileSync)(files.find((f) => f.path.endsWith('/known_hosts')).path, 'utf8'), '10.0.0.2 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIbk cdktf-barman:acc\n');
        strict_1.default.ok(!(0, node_fs_1.existsSync)(files.find((f) => f.kind === host_files_1.FileKind.PRIVATE_KEY).path), 'the private key has a step of its own');
        strict_1.default.ok(!(0, node_fs_1.existsSync)((0, node_path_1.join)(state, 'written')), 'nothing recorded');
    });
});
(0, node_test_1.describe)('the remote-exec inlines, run for real', { skip: (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('these run the root branch of cdktf_run (not root, it would call sudo -n)')) }, () => {
    /** a temp directory for the uploaded inline (cwd) and one for TMPDIR, which must stay empty */
    const place = (name) => {
        const dir = tempDir(name);
        const tmp = (0, node_path_1.join)(dir, 'tmp');
        (0, node_fs_1.mkdirSync)(tmp);
        return { dir, tmp, env: { ...process.env, TMPDIR: tmp } };
    };
    (0, node_test_1.test)('remoteExecLines: the step gets its arguments intact, the uploaded inline removes itself ($0), no temp file is left', () => {
        const { dir, tmp, env } = place('remote-exec');
        const out = (0, node_path_1.join)(dir, 'out');
        const step = { step: 'sh', args: ['-c', `printf '%s|%s|%s' "$1" "$2" "$3" > ${(0, shell_quote_1.shellQuote)(out)}`, 'probe', "a b it's", { trigger: 'x', content: 'from a trigger' }, ''] };
        const inline = (0, node_path_1.join)(dir, 'terraform_1.sh');
        const r = (0, host_step_1.runInline)(inline, (0, remote_command_1.remoteExecLines)(step), { cwd: dir, env });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(out, 'utf8'), `a b it's|${(0, remote_command_1.toBase64)('from a trigger')}|`);
        strict_1.default.ok(!(0, node_fs_1.existsSync)(inline), 'the uploaded inline removed itself');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(tmp), [], 'the decoded host program was removed');
    });
    (0, node_test_1.test)('remoteExecLines: a failing step fails the inline, and stops the step where it failed', () => {
        const { dir, tmp, env } = place('remote-exec-stop');
        const after1 = (0, node_path_1.join)(dir, 'after-in-step');
        const after2 = (0, node_path_1.join)(dir, 'after-the-step');
        const step = { step: 'eval', args: [`false\ntouch ${(0, shell_quote_1.shellQuote)(after1)}`] };
        const r = (0, host_step_1.runInline)((0, node_path_1.join)(dir, 'terraform_2.sh'), [...(0, remote_command_1.remoteExecLines)(step), `touch ${(0, shell_quote_1.shellQuote)(after2)}`], { cwd: dir, env });
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.ok(!(0, node_fs_1.existsSync)(after1), 'set -eu stopped the step at the failing command');
        strict_1.default.ok(!(0, node_fs_1.existsSync)(after2), 'the inline stopped after the failing step');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(tmp), []);
    });
    (0, node_test_1.test)('privateKeyStep through secretExecLines: installs the key 0600, removes its own inline and every temp file, prints nothing of it', () => {
        const { dir, tmp, env } = place('private-key');
        const ssh = (0, node_path_1.join)(dir, 'home', '.ssh');
        (0, node_fs_1.mkdirSync)(ssh, { recursive: true });
        const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
        const target = (0, node_path_1.join)(ssh, 'id_ed25519');
        const inline = (0, node_path_1.join)(dir, 'terraform_123.sh');
        const r = (0, host_step_1.runInline)(inline, (0, remote_command_1.secretExecLines)((0, remote_command_1.privateKeyStep)(target, ME, MY_GROUP), [(0, remote_command_1.toBase64)(key)]), { cwd: dir, env });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(target, 'utf8'), key);
        strict_1.default.equal(mode(target), '0600');
        strict_1.default.ok(!(0, node_fs_1.existsSync)(inline), 'the uploaded inline (holding the key) removed itself');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(tmp), [], 'no temp file with the key is left');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(ssh), ['id_ed25519']);
        strict_1.default.ok(!r.stdout.includes('b3BlbnNzaC1rZXktdjEAAAAA') && !r.stderr.includes('b3BlbnNzaC1rZXktdjEAAAAA'), 'the key is not printed');
    });
    (0, node_test_1.test)('a failed private key install leaves no decoded key behind in the temp directory, nor beside the target', () => {
        const { dir, tmp, env } = place('private-key-fail');
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(dir, 'ssh'));
        const r = (0, host_step_1.runInline)((0, node_path_1.join)(dir, 'terraform_456.sh'), (0, remote_command_1.secretExecLines)((0, remote_command_1.privateKeyStep)((0, node_path_1.join)(dir, 'ssh', 'id_ed25519'), 'no-such-user-cdktf', MY_GROUP), [(0, remote_command_1.toBase64)('SECRET-KEY-MATERIAL\n')]), { cwd: dir, env });
        strict_1.default.notEqual(r.status, 0, 'the install fails (no such owner)');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(tmp), [], 'a temp file (key or its base64) is left');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)((0, node_path_1.join)(dir, 'ssh')), [], 'a half-installed key is left');
    });
    (0, node_test_1.test)('the private key step fails clearly when the directory is missing', () => {
        const dir = tempDir('private-key-missing');
        const kf = (0, node_path_1.join)(dir, 'k');
        (0, node_fs_1.writeFileSync)(kf, (0, remote_command_1.toBase64)('KEY'));
        const r = (0, host_step_1.runStep)((0, remote_command_1.privateKeyStep)((0, node_path_1.join)(dir, 'missing', 'id'), ME, MY_GROUP), { cwd: dir, extraArgs: [kf] });
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.match(r.stderr, /missing: the configuration step must run first/);
    });
});
// ---------------------------------------------------------------------------------------------
// the Postgres side's shell functions and scripts, run for real
(0, node_test_1.describe)('merge_block and remove_block, run for real with sh', () => {
    const libFile = (0, node_path_1.join)(tempDir('pg-lib'), 'lib.sh');
    (0, node_fs_1.writeFileSync)(libFile, shell_library_1.SHELL_LIBRARY + postgres_side_library_1.POSTGRES_SIDE_LIBRARY);
    const call = (dir, body) => sh(`. ${(0, shell_quote_1.shellQuote)(libFile)}\n${body}`, { cwd: dir });
    const B1 = '# BEGIN cdktf-barman:demo:one';
    const E1 = '# END cdktf-barman:demo:one';
    const B2 = '# BEGIN cdktf-barman:demo:one2';
    const E2 = '# END cdktf-barman:demo:one2';
    const block = (b, e, ...lines) => [b, ...lines, e].map((l) => `${l}\n`).join('');
    const merge = (dir, file, b, e, content, where, fileMode = '0640') => {
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'new-block'), content);
        const r = call(dir, `merge_block ${(0, shell_quote_1.shellQuote)(file)} ${ME} ${MY_GROUP} ${fileMode} ${(0, shell_quote_1.shellQuote)(b)} ${(0, shell_quote_1.shellQuote)(e)} new-block ${where}`);
        strict_1.default.equal(r.status, 0, r.stderr);
    };
    const FOREIGN_TOP = '# PostgreSQL Client Authentication Configuration File\nlocal all postgres peer\n';
    const FOREIGN_BOTTOM = 'host all all 0.0.0.0/0 reject\n';
    (0, node_test_1.test)('top (pg_hba.conf): the block goes first, foreign lines keep their order, a second and third run replace it, never duplicate', () => {
        const dir = tempDir('merge-block-top');
        const f = (0, node_path_1.join)(dir, 'pg_hba.conf');
        (0, node_fs_1.writeFileSync)(f, FOREIGN_TOP + FOREIGN_BOTTOM);
        merge(dir, f, B1, E1, block(`${B1} (Barman's access)`, E1, 'host postgres barman 10.0.0.2/32 scram-sha-256'), 'top');
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), block(`${B1} (Barman's access)`, E1, 'host postgres barman 10.0.0.2/32 scram-sha-256') + FOREIGN_TOP + FOREIGN_BOTTOM);
        strict_1.default.equal(mode(f), '0640');
        const second = block(`${B1} (Barman's access)`, E1, 'host postgres barman 10.0.0.3/32 md5', 'host replication streaming_barman 10.0.0.3/32 md5');
        for (const run of [2, 3]) {
            merge(dir, f, B1, E1, second, 'top');
            strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), second + FOREIGN_TOP + FOREIGN_BOTTOM, `after run ${run}`);
        }
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(dir).filter((n) => n.startsWith('.cdktf-barman.')), []);
    });
    (0, node_test_1.test)('top: a block someone moved below foreign lines comes back to the top, once', () => {
        const dir = tempDir('merge-block-moved');
        const f = (0, node_path_1.join)(dir, 'pg_hba.conf');
        (0, node_fs_1.writeFileSync)(f, FOREIGN_TOP + block(B1, E1, 'old line') + FOREIGN_BOTTOM);
        merge(dir, f, B1, E1, block(B1, E1, 'new line'), 'top');
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), block(B1, E1, 'new line') + FOREIGN_TOP + FOREIGN_BOTTOM);
    });
    (0, node_test_1.test)('bottom (.pgpass): new blocks append in order, foreign lines stay, a re-run replaces the block where it stands', () => {
        const dir = tempDir('merge-block-bottom');
        const f = (0, node_path_1.join)(dir, '.pgpass');
        (0, node_fs_1.writeFileSync)(f, 'otherhost:5432:*:someone:secret\n');
        merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:a'), 'bottom', '0600');
        merge(dir, f, B2, E2, block(B2, E2, 'h2:5432:*:barman:b'), 'bottom', '0600');
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'otherhost:5432:*:someone:secret\n' + block(B1, E1, 'h1:5432:*:barman:a') + block(B2, E2, 'h2:5432:*:barman:b'));
        strict_1.default.equal(mode(f), '0600');
        // one's block again, with a new password: replaced in place, one2's untouched, nothing doubled
        merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:changed'), 'bottom', '0600');
        merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:changed'), 'bottom', '0600');
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'otherhost:5432:*:someone:secret\n' + block(B1, E1, 'h1:5432:*:barman:changed') + block(B2, E2, 'h2:5432:*:barman:b'));
        // a foreign line after the blocks stays after them
        (0, node_fs_1.writeFileSync)(f, (0, node_fs_1.readFileSync)(f, 'utf8') + 'later:5432:*:someone:else\n');
        merge(dir, f, B2, E2, block(B2, E2, 'h2:5432:*:barman:b2'), 'bottom', '0600');
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'otherhost:5432:*:someone:secret\n' + block(B1, E1, 'h1:5432:*:barman:changed') + block(B2, E2, 'h2:5432:*:barman:b2') + 'later:5432:*:someone:else\n');
    });
    (0, node_test_1.test)('a marker that is a prefix of another (…:one vs …:one2) never takes the other block', () => {
        const dir = tempDir('merge-block-prefix');
        const f = (0, node_path_1.join)(dir, '.pgpass');
        const two = block(B2, E2, 'h2:5432:*:barman:b');
        (0, node_fs_1.writeFileSync)(f, two);
        merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:a'), 'bottom', '0600');
        merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:a2'), 'bottom', '0600');
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), two + block(B1, E1, 'h1:5432:*:barman:a2'));
        // and the other way round: one2's block leaves one's alone
        merge(dir, f, B2, E2, block(B2, E2, 'h2:5432:*:barman:b2'), 'bottom', '0600');
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), block(B2, E2, 'h2:5432:*:barman:b2') + block(B1, E1, 'h1:5432:*:barman:a2'));
        // remove_block of one keeps one2's, and the other way round
        strict_1.default.equal(call(dir, `remove_block ${(0, shell_quote_1.shellQuote)(f)} ${(0, shell_quote_1.shellQuote)(B1)} ${(0, shell_quote_1.shellQuote)(E1)}`).status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), block(B2, E2, 'h2:5432:*:barman:b2'));
        (0, node_fs_1.writeFileSync)(f, block(B1, E1, 'x') + block(B2, E2, 'y'));
        strict_1.default.equal(call(dir, `remove_block ${(0, shell_quote_1.shellQuote)(f)} ${(0, shell_quote_1.shellQuote)(B2)} ${(0, shell_quote_1.shellQuote)(E2)}`).status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), block(B1, E1, 'x'));
    });
    (0, node_test_1.test)('a missing file is created with the block alone', () => {
        const dir = tempDir('merge-block-new');
        const f = (0, node_path_1.join)(dir, '.pgpass');
        merge(dir, f, B1, E1, block(B1, E1, 'h1:5432:*:barman:a'), 'bottom', '0600');
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), block(B1, E1, 'h1:5432:*:barman:a'));
        strict_1.default.equal(mode(f), '0600');
    });
    (0, node_test_1.test)('merge_block refuses to write through a symbolic link', () => {
        const dir = tempDir('merge-block-link');
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'target'), 'precious\n');
        (0, node_fs_1.symlinkSync)((0, node_path_1.join)(dir, 'target'), (0, node_path_1.join)(dir, 'pg_hba.conf'));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'new-block'), block(B1, E1, 'x'));
        const r = call(dir, `merge_block ${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(dir, 'pg_hba.conf'))} ${ME} ${MY_GROUP} 0640 ${(0, shell_quote_1.shellQuote)(B1)} ${(0, shell_quote_1.shellQuote)(E1)} new-block top`);
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, 'target'), 'utf8'), 'precious\n');
    });
    (0, node_test_1.test)('remove_block removes exactly the block and keeps the file\'s owner and mode; no block or no file: nothing changes', { skip: (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('the test gives the file another owner')) }, () => {
        const dir = tempDir('remove-block');
        const f = (0, node_path_1.join)(dir, '.pgpass');
        (0, node_fs_1.writeFileSync)(f, 'a:1:*:u:p\n' + block(B1, E1, 'h1:5432:*:barman:a') + 'z:1:*:u:p\n');
        strict_1.default.equal(sh(`chown nobody:nogroup ${(0, shell_quote_1.shellQuote)(f)} && chmod 0604 ${(0, shell_quote_1.shellQuote)(f)}`).status, 0);
        const r = call(dir, `remove_block ${(0, shell_quote_1.shellQuote)(f)} ${(0, shell_quote_1.shellQuote)(B1)} ${(0, shell_quote_1.shellQuote)(E1)}`);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'a:1:*:u:p\nz:1:*:u:p\n');
        strict_1.default.equal(mode(f), '0604');
        strict_1.default.equal(sh(`stat -c %U:%G ${(0, shell_quote_1.shellQuote)(f)}`).stdout.trim(), 'nobody:nogroup');
        // again: the block is gone, the file is left as it is (same inode)
        const ino = (0, node_fs_1.statSync)(f).ino;
        strict_1.default.equal(call(dir, `remove_block ${(0, shell_quote_1.shellQuote)(f)} ${(0, shell_quote_1.shellQuote)(B1)} ${(0, shell_quote_1.shellQuote)(E1)}`).status, 0);
        strict_1.default.equal((0, node_fs_1.statSync)(f).ino, ino);
        strict_1.default.equal(call(dir, `remove_block ${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(dir, 'missing'))} ${(0, shell_quote_1.shellQuote)(B1)} ${(0, shell_quote_1.shellQuote)(E1)}`).status, 0);
        strict_1.default.ok(!(0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'missing')));
    });
    (0, node_test_1.test)('a begin line whose end line was lost: merge_block and remove_block stop, and leave the file (the administrator\'s rules) alone', () => {
        const dir = tempDir('merge-block-no-end');
        const f = (0, node_path_1.join)(dir, 'pg_hba.conf');
        const broken = `${B1}\nhost postgres barman 10.0.0.2/32 md5\n` + FOREIGN_TOP + FOREIGN_BOTTOM;
        for (const where of ['top', 'bottom']) {
            (0, node_fs_1.writeFileSync)(f, broken);
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'new-block'), block(B1, E1, 'host postgres barman 10.0.0.3/32 md5'));
            const r = call(dir, `merge_block ${(0, shell_quote_1.shellQuote)(f)} ${ME} ${MY_GROUP} 0640 ${(0, shell_quote_1.shellQuote)(B1)} ${(0, shell_quote_1.shellQuote)(E1)} new-block ${where}`);
            strict_1.default.notEqual(r.status, 0, where);
            strict_1.default.ok(r.stderr.includes(`without its end line '${E1}'`), r.stderr);
            strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), broken, `${where}: the file changed`);
        }
        // remove_block: no end line, nothing to remove (nothing removed either)
        strict_1.default.equal(call(dir, `remove_block ${(0, shell_quote_1.shellQuote)(f)} ${(0, shell_quote_1.shellQuote)(B1)} ${(0, shell_quote_1.shellQuote)(E1)}`).status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), broken);
        // an end line of another block further down does not end this one
        const other = `${B1}\nx\n${FOREIGN_TOP}${E2}\n`;
        (0, node_fs_1.writeFileSync)(f, other);
        const r = call(dir, `remove_block ${(0, shell_quote_1.shellQuote)(f)} ${(0, shell_quote_1.shellQuote)(B1)} ${(0, shell_quote_1.shellQuote)(E1)}`);
        strict_1.default.equal(r.status, 0);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), other);
    });
});
/** a Barman server whose home (for .pgpass) is a temp dir, backing up `one` and `one2` */
function pgpassGraph(home) {
    return (0, typed_cluster_1.graphFromProps)({
        clusterName: 'pp',
        settings: { barmanHome: home, barmanUser: ME, barmanGroup: MY_GROUP },
        instances: [
            { name: 'one', roles: [enums_1.Role.PRIMARY], address: '10.0.0.1', backup: ['bk'] },
            { name: 'one2', roles: [enums_1.Role.PRIMARY], address: 'fd00::2', backup: ['bk'], settings: { postgresPort: 5433 } },
            { name: 'bk', roles: [enums_1.Role.BARMAN] },
        ],
    });
}
function pgpassScriptOf(graph, instance) {
    const e = graph.edgesOfInstance(graph.instance(instance))[0];
    const f = (0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys()).find((p) => p.instance === e.server).files.find((x) => x.kind === host_files_1.FileKind.PASSWORD_BLOCK && x.edge === e);
    return (0, postgres_side_scripts_1.pgpassScript)(e, f);
}
(0, node_test_1.describe)('the .pgpass script, run for real', () => {
    /** the step with its two password files after its own arguments, as cdktf_run_secret hands them */
    const run = (dir, step, passwords) => {
        const files = passwords.map((p, i) => {
            const file = (0, node_path_1.join)(dir, `pw${i}`);
            (0, node_fs_1.writeFileSync)(file, (0, remote_command_1.toBase64)(p));
            return file;
        });
        return (0, host_step_1.runStep)(step, { cwd: dir, extraArgs: files });
    };
    (0, node_test_1.test)('each instance its own block, libpq escaping of ":" and "\\\\", foreign lines kept, re-runs replace', () => {
        const dir = tempDir('pgpass');
        const home = (0, node_path_1.join)(dir, 'home');
        (0, node_fs_1.mkdirSync)(home);
        const graph = pgpassGraph(home);
        const f = (0, node_path_1.join)(home, '.pgpass');
        (0, node_fs_1.writeFileSync)(f, 'elsewhere:5432:*:me:mine\n');
        const one = pgpassScriptOf(graph, 'one');
        const one2 = pgpassScriptOf(graph, 'one2');
        let r = run(dir, one, ['p:w\\1', "s'$(touch pwned)"]);
        strict_1.default.equal(r.status, 0, r.stderr);
        r = run(dir, one2, ['second', 'third']);
        strict_1.default.equal(r.status, 0, r.stderr);
        const blockOf = (name, host, port, pw, spw) => `# BEGIN cdktf-barman:pp:${name}\n${host}:${port}:*:barman:${pw}\n${host}:${port}:*:streaming_barman:${spw}\n# END cdktf-barman:pp:${name}\n`;
        const expectedOne = blockOf('one', '10.0.0.1', 5432, 'p\\:w\\\\1', "s'$(touch pwned)");
        // fd00::2 has colons: escaped in the host field as libpq reads it
        const expectedOne2 = blockOf('one2', 'fd00\\:\\:2', 5433, 'second', 'third');
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'elsewhere:5432:*:me:mine\n' + expectedOne + expectedOne2);
        strict_1.default.equal(mode(f), '0600');
        // one's password changes: only its block changes
        r = run(dir, one, ['new', 'newer']);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)(f, 'utf8'), 'elsewhere:5432:*:me:mine\n' + blockOf('one', '10.0.0.1', 5432, 'new', 'newer') + expectedOne2);
        strict_1.default.ok(!(0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'pwned')), 'a password was executed');
        strict_1.default.ok(!r.stdout.includes('new') && !r.stderr.includes('newer'), 'a password was printed');
    });
    (0, node_test_1.test)('the block the script writes is the rendered block with the passwords in place of the placeholders', () => {
        const dir = tempDir('pgpass-render');
        const home = (0, node_path_1.join)(dir, 'home');
        (0, node_fs_1.mkdirSync)(home);
        const graph = pgpassGraph(home);
        const r = run(dir, pgpassScriptOf(graph, 'one2'), ['a:b', 'c\\d']);
        strict_1.default.equal(r.status, 0, r.stderr);
        const rendered = (0, host_files_1.renderHosts)(graph, new key_material_1.PlaceholderKeys()).find((p) => p.instance.name === 'bk').files.find((x) => x.kind === host_files_1.FileKind.PASSWORD_BLOCK && x.edge?.instance.name === 'one2').content;
        const written = (0, node_fs_1.readFileSync)((0, node_path_1.join)(home, '.pgpass'), 'utf8');
        strict_1.default.equal(written, rendered.replace('<password of barman, generated or supplied, written at apply time>', 'a\\:b').replace('<password of streaming_barman, generated or supplied, written at apply time>', 'c\\\\d'));
    });
    (0, node_test_1.test)('a password with a newline or control character fails clearly and leaves .pgpass alone', () => {
        const dir = tempDir('pgpass-bad');
        const home = (0, node_path_1.join)(dir, 'home');
        (0, node_fs_1.mkdirSync)(home);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(home, '.pgpass'), 'keep\n');
        for (const bad of ['two\nlines', 'tab\there', 'bell\u0007']) {
            const r = run(dir, pgpassScriptOf(pgpassGraph(home), 'one'), ['ok', bad]);
            strict_1.default.notEqual(r.status, 0, JSON.stringify(bad));
            strict_1.default.match(r.stderr, /newline or control character/);
            strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(home, '.pgpass'), 'utf8'), 'keep\n');
        }
    });
    (0, node_test_1.test)('a missing barman home stops the script, naming the directory', () => {
        const dir = tempDir('pgpass-nohome');
        const r = run(dir, pgpassScriptOf(pgpassGraph((0, node_path_1.join)(dir, 'no-such-home')), 'one'), ['a', 'b']);
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.ok(r.stderr.includes((0, node_path_1.join)(dir, 'no-such-home')), r.stderr);
        strict_1.default.ok(!(0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'no-such-home')));
    });
    (0, node_test_1.test)('a missing barman home fails with the library\'s own message (SPEC 4: a clear message when a prerequisite is missing)', () => {
        const dir = tempDir('pgpass-nohome-message');
        const r = run(dir, pgpassScriptOf(pgpassGraph((0, node_path_1.join)(dir, 'no-such-home')), 'one'), ['a', 'b']);
        strict_1.default.match(r.stderr, /^cdktf-barman on \S+: error: .*no-such-home/m);
    });
    (0, node_test_1.test)('steps of several instances running at once on one .pgpass (Terraform applies in parallel) keep every block', async () => {
        const dir = tempDir('pgpass-parallel');
        const home = (0, node_path_1.join)(dir, 'home');
        (0, node_fs_1.mkdirSync)(home);
        const names = Array.from({ length: 8 }, (_, i) => `p${i}`);
        const graph = (0, typed_cluster_1.graphFromProps)({
            clusterName: 'pp',
            settings: { barmanHome: home, barmanUser: ME, barmanGroup: MY_GROUP },
            instances: [...names.map((n, i) => ({ name: n, roles: [enums_1.Role.PRIMARY], address: `10.0.0.${i + 1}`, backup: ['bk'] })), { name: 'bk', roles: [enums_1.Role.BARMAN] }],
        });
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'pw'), (0, remote_command_1.toBase64)('pw'));
        const runs = names.map((n) => {
            const [cmd, ...args] = (0, remote_command_1.standaloneCommand)(pgpassScriptOf(graph, n));
            return new Promise((resolve) => (0, node_child_process_1.spawn)(cmd, [...args, (0, node_path_1.join)(dir, 'pw'), (0, node_path_1.join)(dir, 'pw')], { cwd: dir, stdio: 'ignore' }).on('close', resolve));
        });
        strict_1.default.deepEqual(await Promise.all(runs), names.map(() => 0));
        const text = (0, node_fs_1.readFileSync)((0, node_path_1.join)(home, '.pgpass'), 'utf8');
        for (const n of names)
            strict_1.default.equal(text.split('\n').filter((l) => l === `# BEGIN cdktf-barman:pp:${n}`).length, 1, `${n}'s block:\n${text}`);
        strict_1.default.equal(text.split('\n').length, names.length * 4 + 1);
    });
});
(0, node_test_1.describe)('the secret step inline, run for real', { skip: (0, requirements_1.skipUnless)((0, requirements_1.rootMissing)('it runs the root branch of cdktf_run (not root, it would call sudo -n)')) }, () => {
    (0, node_test_1.test)('the passwords reach the step as 0600 files only, after its own arguments; the uploaded inline and every temp file are removed; nothing is printed', () => {
        const dir = tempDir('secret-step');
        const tmp = (0, node_path_1.join)(dir, 'tmp');
        const home = (0, node_path_1.join)(dir, 'home');
        (0, node_fs_1.mkdirSync)(tmp);
        (0, node_fs_1.mkdirSync)(home);
        const env = { ...process.env, TMPDIR: tmp };
        const secrets = ['Sup3r:Secret', 'Str3aming\\pw'];
        // a probe step: what does a secret step get after its own arguments, and what are they
        const seen = (0, node_path_1.join)(dir, 'seen');
        const probe = { step: 'sh', args: ['-c', `shift; for a in "$@"; do printf '%s %s\\n' "$a" "$(stat -c %a "$a")" >> ${(0, shell_quote_1.shellQuote)(seen)}; done`, 'probe', 'own argument'] };
        const p = (0, host_step_1.runInline)((0, node_path_1.join)(dir, 'terraform_998.sh'), (0, remote_command_1.secretExecLines)(probe, secrets.map(remote_command_1.toBase64)), { cwd: dir, env });
        strict_1.default.equal(p.status, 0, p.stderr);
        const args = (0, node_fs_1.readFileSync)(seen, 'utf8').trimEnd().split('\n').map((l) => l.split(' '));
        strict_1.default.equal(args.length, 2, 'two secret files after the own argument');
        for (const [path, perm] of args) {
            strict_1.default.ok(path.startsWith(tmp + '/'), `${path}: a temp file`);
            strict_1.default.equal(perm, '600', `${path}: private`);
            strict_1.default.ok(!(0, node_fs_1.existsSync)(path), `${path}: removed after the step`);
        }
        // the real .pgpass step
        const inline = (0, node_path_1.join)(dir, 'terraform_999.sh');
        const r = (0, host_step_1.runInline)(inline, (0, remote_command_1.secretExecLines)(pgpassScriptOf(pgpassGraph(home), 'one'), secrets.map(remote_command_1.toBase64)), { cwd: dir, env });
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(home, '.pgpass'), 'utf8'), '# BEGIN cdktf-barman:pp:one\n10.0.0.1:5432:*:barman:Sup3r\\:Secret\n10.0.0.1:5432:*:streaming_barman:Str3aming\\\\pw\n# END cdktf-barman:pp:one\n');
        strict_1.default.ok(!(0, node_fs_1.existsSync)(inline), 'the uploaded inline (holding the passwords) removed itself');
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(tmp), [], 'no temp file is left');
        for (const x of [...secrets, (0, remote_command_1.toBase64)(secrets[0])])
            strict_1.default.ok(!r.stdout.includes(x) && !r.stderr.includes(x), 'a password was printed');
    });
    (0, node_test_1.test)('a failing secret step fails the inline and leaves no secret file', () => {
        const dir = tempDir('secret-step-fail');
        const tmp = (0, node_path_1.join)(dir, 'tmp');
        (0, node_fs_1.mkdirSync)(tmp);
        const r = (0, host_step_1.runInline)((0, node_path_1.join)(dir, 'terraform_997.sh'), (0, remote_command_1.secretExecLines)({ step: 'die', args: ['on purpose'] }, [(0, remote_command_1.toBase64)('one'), (0, remote_command_1.toBase64)('two')]), { cwd: dir, env: { ...process.env, TMPDIR: tmp } });
        strict_1.default.equal(r.status, 1);
        strict_1.default.match(r.stderr, /error: on purpose/);
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(tmp), [], 'a secret file is left');
    });
});
// ---------------------------------------------------------------------------------------------
// The Postgres-side scripts against a real, throwaway cluster of the machine's PostgreSQL (root)
const PG_MAJOR = postgres_1.TEST_POSTGRES.major;
const PG_BIN = postgres_1.TEST_POSTGRES.bin;
const NEEDS_PG = [
    (0, requirements_1.rootMissing)('the cluster runs as the postgres user'),
    postgres_1.TEST_POSTGRES.missing,
    (0, node_fs_1.existsSync)('/var/run/postgresql') ? false : `no /var/run/postgresql, PostgreSQL's socket directory (${requirements_1.SETUP_COMMAND} makes it)`,
];
(0, node_test_1.describe)('the Postgres-side scripts on a real PostgreSQL', { skip: (0, requirements_1.skipUnless)(...NEEDS_PG) }, () => {
    const asPostgres = (cmd) => (0, node_child_process_1.spawnSync)('runuser', ['-u', 'postgres', '--', 'sh', '-c', cmd], { encoding: 'utf8', timeout: 60_000 });
    let dir = '';
    let data = '';
    let port = 0;
    let original = '';
    /** pg (primary, archiving to bk) and bk (Barman server reaching it from 127.0.0.1) */
    const graph = () => (0, typed_cluster_1.graphFromProps)({
        clusterName: 'realpg',
        settings: { postgresVersion: PG_MAJOR, postgresPort: port, postgresConfDir: data },
        instances: [
            { name: 'pg', roles: [enums_1.Role.PRIMARY], address: '127.0.0.1', backup: ['bk'], settings: { archiver: true } },
            { name: 'bk', roles: [enums_1.Role.BARMAN], address: '127.0.0.1' },
        ],
    });
    const hbaOf = (g) => (0, host_files_1.renderHosts)(g, new key_material_1.PlaceholderKeys()).find((p) => p.instance.name === 'pg').files.find((f) => f.kind === host_files_1.FileKind.MANAGED_BLOCK);
    const psql = (sql) => asPostgres(`cd / && ${PG_BIN}/psql -X -q -At -p ${port} -d postgres -c ${(0, shell_quote_1.shellQuote)(sql)}`);
    /** name=setting of every line of postgresql.auto.conf (what ALTER SYSTEM wrote) */
    const autoConf = () => psql("SELECT name || '=' || setting FROM pg_file_settings WHERE sourcefile LIKE '%/postgresql.auto.conf' ORDER BY name").stdout;
    /** the step run outside Terraform, its files (secrets) after its own arguments */
    const runScript = (_name, step, args = []) => (0, host_step_1.runStep)(step, { cwd: dir, extraArgs: args });
    if (!NEEDS_PG.some((m) => m !== false)) {
        // not tempDir(): its after() would remove the data directory before the server is stopped
        dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-real-pg-'));
        (0, node_test_1.after)(() => {
            if ((0, node_fs_1.existsSync)((0, node_path_1.join)(dir, 'data', 'postmaster.pid')))
                asPostgres(`${PG_BIN}/pg_ctl -D ${(0, node_path_1.join)(dir, 'data')} stop -m immediate >/dev/null`);
            (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
        });
        sh(`chmod 0755 ${(0, shell_quote_1.shellQuote)(dir)}`);
        data = (0, node_path_1.join)(dir, 'data');
        (0, node_fs_1.mkdirSync)(data);
        (0, node_fs_1.mkdirSync)((0, node_path_1.join)(dir, 'pglog'));
        strict_1.default.equal(sh(`chown postgres:postgres ${(0, shell_quote_1.shellQuote)(data)} ${(0, shell_quote_1.shellQuote)((0, node_path_1.join)(dir, 'pglog'))} && chmod 0700 ${(0, shell_quote_1.shellQuote)(data)}`).status, 0);
        // a free port: no socket of another cluster (the e2e suite may run one)
        for (let i = 0; i < 20 && port === 0; i++) {
            const p = 41000 + Math.floor(Math.random() * 8000);
            if (!(0, node_fs_1.existsSync)(`/var/run/postgresql/.s.PGSQL.${p}`))
                port = p;
        }
        const init = asPostgres(`${PG_BIN}/initdb -D ${data} -A trust >/dev/null && ${PG_BIN}/pg_ctl -D ${data} -o "-p ${port} -c listen_addresses=127.0.0.1" -l ${data}/../pglog/log -w start >/dev/null`);
        strict_1.default.equal(init.status, 0, init.stderr);
        original = (0, node_fs_1.readFileSync)((0, node_path_1.join)(data, 'pg_hba.conf'), 'utf8');
    }
    (0, node_test_1.test)('a pg_hba.conf block PostgreSQL refuses is rolled back: the apply fails with PostgreSQL\'s words, the file is as before', () => {
        const g = graph();
        const good = hbaOf(g);
        const bad = { ...good, content: good.content.replace('host postgres barman 127.0.0.1/32 scram-sha-256', 'host postgres barman 127.0.0.1/32 no-such-method') };
        strict_1.default.notEqual(bad.content, good.content);
        const r = runScript('config-bad.sh', (0, postgres_side_scripts_1.postgresConfigScript)(g, g.instance('pg'), bad));
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.match(r.stderr, /pg_hba\.conf would not load \(\d+: .*no-such-method.*\): the previous file is back/);
        strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(data, 'pg_hba.conf'), 'utf8'), original);
        strict_1.default.equal(psql("SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL").stdout, '0\n');
    });
    (0, node_test_1.test)('a pg_hba.conf that is not where postgres_conf_dir says stops the script, naming the right directory', () => {
        const g = (0, typed_cluster_1.graphFromProps)({
            clusterName: 'realpg',
            settings: { postgresVersion: PG_MAJOR, postgresPort: port, postgresConfDir: `/etc/postgresql/${PG_MAJOR}/elsewhere` },
            instances: [
                { name: 'pg', roles: [enums_1.Role.PRIMARY], address: '127.0.0.1', backup: ['bk'] },
                { name: 'bk', roles: [enums_1.Role.BARMAN], address: '127.0.0.1' },
            ],
        });
        const r = runScript('config-elsewhere.sh', (0, postgres_side_scripts_1.postgresConfigScript)(g, g.instance('pg'), hbaOf(g)));
        strict_1.default.notEqual(r.status, 0);
        strict_1.default.ok(r.stderr.includes(`reads ${data}/pg_hba.conf, not /etc/postgresql/${PG_MAJOR}/elsewhere/pg_hba.conf: set postgres_conf_dir to ${data}`), r.stderr);
        strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(data, 'pg_hba.conf'), 'utf8'), original);
    });
    (0, node_test_1.test)('the config script: the block first, the old rules after it, the WAL commands set; a second run changes nothing', () => {
        const g = graph();
        const hba = hbaOf(g);
        for (const run of [1, 2]) {
            const r = runScript('config.sh', (0, postgres_side_scripts_1.postgresConfigScript)(g, g.instance('pg'), hba));
            strict_1.default.equal(r.status, 0, `run ${run}: ${r.stderr}`);
            strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(data, 'pg_hba.conf'), 'utf8'), hba.content + original, `run ${run}: pg_hba.conf`);
            // archive_mode was off: it waits for a restart, which the library does not do, and says so
            strict_1.default.match(r.stdout, /archive_mode on pg takes effect only after PostgreSQL restarts/);
        }
        // ALTER SYSTEM: in postgresql.auto.conf
        strict_1.default.equal(autoConf(), 'archive_command=barman-wal-archive -U barman --port 22 127.0.0.1 pg %p\narchive_mode=on\n');
        strict_1.default.equal(psql("SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL").stdout, '0\n');
    });
    (0, node_test_1.test)('the config script: the library\'s archive_command goes when barman_archiver goes (also while archive_mode waits for its restart); someone else\'s stays', () => {
        const off = (0, typed_cluster_1.graphFromProps)({
            clusterName: 'realpg',
            settings: { postgresVersion: PG_MAJOR, postgresPort: port, postgresConfDir: data },
            instances: [
                { name: 'pg', roles: [enums_1.Role.PRIMARY], address: '127.0.0.1', backup: ['bk'] },
                { name: 'bk', roles: [enums_1.Role.BARMAN], address: '127.0.0.1' },
            ],
        });
        psql("ALTER SYSTEM SET archive_command = 'barman-wal-archive -U barman --port 22 127.0.0.1 pg %p'");
        let r = runScript('config-off.sh', (0, postgres_side_scripts_1.postgresConfigScript)(off, off.instance('pg'), hbaOf(off)));
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.doesNotMatch(autoConf(), /^archive_command=/m, 'the library\'s archive_command is still set');
        psql("ALTER SYSTEM SET archive_command = 'cp %p /somewhere/%f'");
        r = runScript('config-off.sh', (0, postgres_side_scripts_1.postgresConfigScript)(off, off.instance('pg'), hbaOf(off)));
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.match(autoConf(), /^archive_command=cp %p \/somewhere\/%f$/m, 'someone else\'s archive_command was reset');
    });
    (0, node_test_1.test)('the config script: barman_archiver turned off leaves no archive_mode = on behind without an archive_command (WAL would pile up in pg_wal)', () => {
        const on = graph();
        let r = runScript('config-on.sh', (0, postgres_side_scripts_1.postgresConfigScript)(on, on.instance('pg'), hbaOf(on)));
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.match(autoConf(), /^archive_mode=on$/m);
        const off = (0, typed_cluster_1.graphFromProps)({
            clusterName: 'realpg',
            settings: { postgresVersion: PG_MAJOR, postgresPort: port, postgresConfDir: data },
            instances: [
                { name: 'pg', roles: [enums_1.Role.PRIMARY], address: '127.0.0.1', backup: ['bk'] },
                { name: 'bk', roles: [enums_1.Role.BARMAN], address: '127.0.0.1' },
            ],
        });
        r = runScript('config-off.sh', (0, postgres_side_scripts_1.postgresConfigScript)(off, off.instance('pg'), hbaOf(off)));
        strict_1.default.equal(r.status, 0, r.stderr);
        const conf = autoConf();
        strict_1.default.doesNotMatch(conf, /^archive_command=barman-wal-archive/m, `the library's archive_command is left:\n${conf}`);
        strict_1.default.doesNotMatch(conf, /^archive_mode=on$/m, `archive_mode = on is left without the library's archive_command:\n${conf}`);
    });
    (0, node_test_1.test)('the roles script: barman and streaming_barman log in over TCP with the passwords it got as files', () => {
        const g = graph();
        // pg_hba.conf as the config resource leaves it (first run above, or here)
        if (!(0, node_fs_1.readFileSync)((0, node_path_1.join)(data, 'pg_hba.conf'), 'utf8').startsWith(hbaOf(g).content)) {
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(data, 'pg_hba.conf'), hbaOf(g).content + original);
            psql('SELECT pg_reload_conf()');
        }
        const pw = ["it's:a\\pw", 'streaming pw 2'];
        const files = pw.map((p, i) => {
            const f = (0, node_path_1.join)(dir, `secret${i}`);
            (0, node_fs_1.writeFileSync)(f, (0, remote_command_1.toBase64)(p), { mode: 0o600 });
            return f;
        });
        const r = runScript('roles.sh', (0, postgres_side_scripts_1.postgresRolesScript)(g.instance('pg')), files);
        strict_1.default.equal(r.status, 0, r.stderr);
        strict_1.default.ok(!r.stdout.includes(pw[0]) && !r.stderr.includes(pw[0]), 'a password was printed');
        const login = (user, password, extra = '') => (0, node_child_process_1.spawnSync)(`${PG_BIN}/psql`, ['-X', '-At', `host=127.0.0.1 port=${port} dbname=postgres user=${user}${extra}`, '-c', extra ? 'IDENTIFY_SYSTEM' : 'SELECT current_user'], { encoding: 'utf8', env: { ...process.env, PGPASSWORD: password } });
        const b = login('barman', pw[0]);
        strict_1.default.equal(b.status, 0, b.stderr);
        strict_1.default.equal(b.stdout, 'barman\n');
        strict_1.default.notEqual(login('barman', 'wrong').status, 0, 'a wrong password is refused');
        const s = login('streaming_barman', pw[1], ' replication=true');
        strict_1.default.equal(s.status, 0, s.stderr);
        // a second run (a tainted resource, or new passwords) works too, and the new password wins
        const again = runScript('roles.sh', (0, postgres_side_scripts_1.postgresRolesScript)(g.instance('pg')), [files[1], files[0]]);
        strict_1.default.equal(again.status, 0, again.stderr);
        strict_1.default.equal(login('barman', pw[1]).status, 0);
        strict_1.default.notEqual(login('barman', pw[0]).status, 0);
    });
    // last: if it failed, the cluster could be left without a rule for local connections (restored at the end)
    (0, node_test_1.test)('a stray BEGIN line without its END line: the script stops, naming it, and pg_hba.conf stays as it was (the administrator\'s rules, local access)', () => {
        const g = graph();
        const hbaFile = (0, node_path_1.join)(data, 'pg_hba.conf');
        const before = (0, node_fs_1.readFileSync)(hbaFile, 'utf8');
        const stray = `# BEGIN cdktf-barman:realpg (left from an interrupted edit)\n${before.replace(hbaOf(g).content, '')}`;
        (0, node_fs_1.writeFileSync)(hbaFile, stray);
        try {
            const r = runScript('config-stray.sh', (0, postgres_side_scripts_1.postgresConfigScript)(g, g.instance('pg'), hbaOf(g)));
            strict_1.default.notEqual(r.status, 0);
            strict_1.default.match(r.stderr, /pg_hba\.conf has a line '# BEGIN cdktf-barman:realpg' without its end line '# END cdktf-barman:realpg': repair the file by hand/);
            strict_1.default.equal((0, node_fs_1.readFileSync)(hbaFile, 'utf8'), stray, 'pg_hba.conf changed');
            strict_1.default.equal(psql('SELECT 1').stdout, '1\n', 'PostgreSQL still answers locally');
        }
        finally {
            (0, node_fs_1.writeFileSync)(hbaFile, before);
            asPostgres(`${PG_BIN}/pg_ctl -D ${data} reload >/dev/null`);
        }
    });
});
