"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The real ./bin/cdktf-barman (SPEC 5), run as a child process on the compiled code.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const diagnostic_helpers_1 = require("../model/diagnostic-helpers");
const ROOT = (0, node_path_1.resolve)(__dirname, '..', '..', '..');
const BIN = (0, node_path_1.join)(ROOT, 'bin', 'cdktf-barman');
const FIXTURES = (0, node_path_1.join)(ROOT, 'test', 'fixtures', 'configs');
function run(args, cwd = ROOT) {
    const r = (0, node_child_process_1.spawnSync)(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
    strict_1.default.equal(r.error, undefined, String(r.error));
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const outputOf = (r) => `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
let tmp;
(0, node_test_1.before)(() => {
    tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-cli-'));
});
(0, node_test_1.after)(() => {
    (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true });
});
/** a config file in the temp dir */
function configFile(name, text) {
    const path = (0, node_path_1.join)(tmp, name);
    (0, node_fs_1.writeFileSync)(path, text);
    return path;
}
const VALID = `cluster_name: shop
cluster_vars:
  barman_backup_interval: 45 1 * * mon
  barman_last_backup_maximum_age: 8 DAYS
instances:
  - Name: shop-db1
    node: 1
    role: primary
    backup: shop-backup
    private_ip: 10.1.0.11
    public_ip: 203.0.113.11
    vars:
      backup_name: shop.main
  - Name: shop-db2
    node: 2
    role: replica
    upstream: shop-db1
    private_ip: 10.1.0.12
  - Name: shop-backup
    node: 3
    role: [barman]
    private_ip: 10.1.0.20
`;
const INVALID = `cluster_name: shop
instances:
  - Name: shop-db1
    role: primary
    backup: shop-bakup
    vars:
      barman_compression: lz4
      barman_backup_interval: "0 4 * * 1/2"
  - Name: shop-db2
    role: replica
    backup: [shop-backup, shop-backup]
  - Name: shop-backup
    role: [barman]
    vars:
      barman_retention_polcy: REDUNDANCY 2
`;
(0, node_test_1.describe)('validate', () => {
    (0, node_test_1.test)('a valid config: exit 0 and a one-line summary on stdout', () => {
        const config = configFile('valid.yml', VALID);
        const r = run(['validate', config]);
        strict_1.default.equal(r.code, 0, outputOf(r));
        strict_1.default.equal(r.stderr, '', outputOf(r));
        const lines = r.stdout.split('\n');
        strict_1.default.equal(lines.length, 2, outputOf(r)); // one line and its newline
        strict_1.default.equal(lines[1], '');
        strict_1.default.ok(lines[0].startsWith(`${config}: `), outputOf(r));
        strict_1.default.match(lines[0], /cluster 'shop'/);
        strict_1.default.match(lines[0], /\b3 instances\b/);
        strict_1.default.match(lines[0], /\b1 Barman server\b/);
        strict_1.default.match(lines[0], /\b1 backup edge\b/);
    });
    for (const [file, instances, servers, edges] of [
        ['m1-aws.yml', 4, 1, 1],
        ['bdr-always-on-gold.yml', 11, 2, 2],
        ['pgd-always-on.yml', 9, 2, 2],
        ['docker-m1.yml', 3, 1, 1],
        ['bare-docs-backup-name.yml', 3, 1, 1],
        ['bare-two-barman.yml', 5, 2, 3],
    ]) {
        (0, node_test_1.test)(`fixture ${file} validates`, () => {
            const config = (0, node_path_1.join)(FIXTURES, file);
            const r = run(['validate', config]);
            strict_1.default.equal(r.code, 0, outputOf(r));
            const lines = r.stdout.split('\n');
            strict_1.default.equal(lines.length, 2, outputOf(r));
            const plural = (n, w) => `${n} ${w}${n === 1 ? '' : 's'}`;
            strict_1.default.ok(lines[0].includes(plural(instances, 'instance')), lines[0]);
            strict_1.default.ok(lines[0].includes(plural(servers, 'Barman server')), lines[0]);
            strict_1.default.ok(lines[0].includes(plural(edges, 'backup edge')), lines[0]);
            // warnings, if any, go to stderr in the same format
            for (const w of r.stderr.split('\n').filter((l) => l !== ''))
                strict_1.default.match(w, new RegExp(`^${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: warning: `));
        });
    }
    (0, node_test_1.test)('an invalid config: exit 1, every error as CONFIG:LINE:COL: error: MESSAGE on stderr', () => {
        const config = configFile('invalid.yml', INVALID);
        const r = run(['validate', config]);
        strict_1.default.equal(r.code, 1, outputOf(r));
        strict_1.default.equal(r.stdout, '', outputOf(r));
        // warnings (here: host names, which sshd's from= cannot use) come in the same format, between the errors
        const warnings = r.stderr.split('\n').filter((l) => l.includes(': warning: '));
        for (const w of warnings)
            strict_1.default.ok(w.startsWith(`${config}:`) && /^[^:]+:\d+:\d+: warning: /.test(w), w);
        const lines = r.stderr.split('\n').filter((l) => l !== '' && !warnings.includes(l));
        const at = (token, before = '') => {
            const p = (0, diagnostic_helpers_1.positionIn)(INVALID, token, before);
            return `${config}:${p.line}:${p.column}: error: `;
        };
        const expected = [
            [at('shop-bakup'), /did you mean 'shop-backup'\?/],
            [at('lz4'), /'lz4' is not one of/],
            [at('"0 4 * * 1/2"'), /'1\/2'/],
            [at('shop-backup', 'backup: [shop-backup, '), /'shop-backup' is listed twice/],
            [at('barman_retention_polcy'), /did you mean 'barman_retention_policy'\?/],
        ];
        // the 5 errors in file order, then one closing line
        strict_1.default.equal(lines.length, expected.length + 1, outputOf(r));
        expected.forEach(([prefix, message], k) => {
            strict_1.default.ok(lines[k].startsWith(prefix), `line ${k + 1} should start with ${prefix}\n${outputOf(r)}`);
            strict_1.default.match(lines[k], message);
        });
        strict_1.default.equal(lines[expected.length], `${config}: 5 errors, nothing written`);
    });
    (0, node_test_1.test)('a YAML syntax error: exit 1 with its line and column', () => {
        const text = 'cluster_name: shop\ninstances:\n  - Name: shop-db1\n    role: [primary\n  - Name: x\n    role: ]\n';
        const config = configFile('broken.yml', text);
        const r = run(['validate', config]);
        strict_1.default.equal(r.code, 1, outputOf(r));
        strict_1.default.match(r.stderr.split('\n')[0], new RegExp(`^${config.replace(/[.]/g, '\\.')}:\\d+:\\d+: error: yaml syntax error: `));
    });
    (0, node_test_1.test)('a missing config file: exit 1 with an error naming it', () => {
        const config = (0, node_path_1.join)(tmp, 'nope.yml');
        const r = run(['validate', config]);
        strict_1.default.equal(r.code, 1, outputOf(r));
        strict_1.default.ok(r.stderr.startsWith(`${config}: error: cannot read the config file`), outputOf(r));
    });
});
(0, node_test_1.describe)('render', () => {
    (0, node_test_1.test)('writes DIR/<instance>/<absolute path> and a manifest per instance', () => {
        const config = configFile('render.yml', VALID);
        const out = (0, node_path_1.join)(tmp, 'render-out');
        const r = run(['render', config, '--out', out]);
        strict_1.default.equal(r.code, 0, outputOf(r));
        strict_1.default.equal(r.stdout.split('\n').length, 2, outputOf(r));
        // render's own list of what it wrote (what a later --force may replace), and the hosts
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(out).sort(), ['.cdktf-barman-render.json', 'shop-backup', 'shop-db1', 'shop-db2']);
        strict_1.default.deepEqual(JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(out, '.cdktf-barman-render.json'), 'utf8')).entries.sort(), ['shop-backup', 'shop-db1', 'shop-db2']);
        const manifests = new Map();
        for (const host of (0, node_fs_1.readdirSync)(out).filter((n) => !n.startsWith('.'))) {
            const m = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(out, host, 'manifest.json'), 'utf8'));
            strict_1.default.ok(Array.isArray(m.files) && m.files.length > 0, host);
            for (const f of m.files) {
                strict_1.default.equal(typeof f.path, 'string');
                strict_1.default.ok(f.path.startsWith('/'), `absolute path: ${f.path}`);
                strict_1.default.match(f.owner, /^[a-z_][a-z0-9_-]*$/, JSON.stringify(f));
                strict_1.default.match(f.group, /^[a-z_][a-z0-9_-]*$/, JSON.stringify(f));
                strict_1.default.match(f.mode, /^0[0-7]{3}$/, JSON.stringify(f));
                const local = (0, node_path_1.join)(out, host, f.path);
                if (f.kind === 'directory')
                    strict_1.default.ok((0, node_fs_1.statSync)(local).isDirectory(), local);
                else if (f.kind !== 'log-file')
                    strict_1.default.ok((0, node_fs_1.statSync)(local).isFile(), `${local} (${f.kind}) should be written`);
            }
            manifests.set(host, m.files);
        }
        const entry = (host, path) => {
            const f = manifests.get(host).find((x) => x.path === path);
            strict_1.default.ok(f, `${host} manifest lists ${path}: ${manifests.get(host).map((x) => x.path).join(', ')}`);
            return f;
        };
        const owned = (host, path, owner, group, mode) => {
            const f = entry(host, path);
            strict_1.default.deepEqual([f.owner, f.group, f.mode], [owner, group, mode], `${host}:${path}`);
        };
        // SPEC 3, on the Barman server
        owned('shop-backup', '/etc/barman.conf', 'root', 'root', '0644');
        owned('shop-backup', '/etc/barman.d', 'root', 'root', '0755');
        owned('shop-backup', '/etc/barman.d/shop.main.conf', 'barman', 'barman', '0600');
        owned('shop-backup', '/etc/cron.d/barman', 'root', 'root', '0644');
        owned('shop-backup', '/etc/cron.d/shop_main', 'root', 'root', '0644'); // '.' is not allowed in cron.d names
        owned('shop-backup', '/var/lib/barman', 'barman', 'barman', '0750');
        owned('shop-backup', '/var/lib/barman/.ssh', 'barman', 'barman', '0700');
        owned('shop-backup', '/var/lib/barman/.ssh/authorized_keys', 'barman', 'barman', '0600');
        // on Postgres instances, backed up or not
        for (const pg of ['shop-db1', 'shop-db2']) {
            owned(pg, '/var/lib/postgresql/.ssh', 'postgres', 'postgres', '0700');
            owned(pg, '/var/lib/postgresql/.ssh/authorized_keys', 'postgres', 'postgres', '0600');
        }
        strict_1.default.equal(manifests.get('shop-db2').some((f) => f.path.startsWith('/etc/barman')), false);
        const server = (0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'shop-backup', 'etc', 'barman.d', 'shop.main.conf'), 'utf8');
        strict_1.default.match(server, /^\[shop\.main\]$/m);
        // B's address is its private_ip (SPEC 2.1)
        strict_1.default.match(server, /^conninfo = "host=10\.1\.0\.11 port=5432 dbname=postgres user=barman"$/m);
        strict_1.default.match(server, /^slot_name = "backup_shop_backup"$/m);
        const cron = (0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'shop-backup', 'etc', 'cron.d', 'shop_main'), 'utf8');
        strict_1.default.match(cron, /^45 1 \* \* mon barman .* && \/usr\/bin\/flock -n \/var\/lib\/barman\/\.cdktf-barman-backup-shop_main\.lock \/usr\/bin\/barman backup shop\.main$/m);
        const global = (0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'shop-backup', 'etc', 'barman.conf'), 'utf8');
        strict_1.default.match(global, /^\[barman\]$/m);
    });
    (0, node_test_1.test)('invalid input: exit 1, errors on stderr, and DIR is not created', () => {
        const config = configFile('render-invalid.yml', INVALID);
        const out = (0, node_path_1.join)(tmp, 'never-written');
        const r = run(['render', config, '--out', out]);
        strict_1.default.equal(r.code, 1, outputOf(r));
        strict_1.default.match(r.stderr, new RegExp(`^${config.replace(/[.]/g, '\\.')}:\\d+:\\d+: error: `, 'm'));
        strict_1.default.equal((0, node_fs_1.existsSync)(out), false, 'nothing written');
    });
    (0, node_test_1.test)('invalid input with --force leaves an existing DIR as it was', () => {
        const config = configFile('render-invalid2.yml', INVALID);
        const out = (0, node_path_1.join)(tmp, 'keep-me');
        (0, node_fs_1.mkdirSync)(out);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(out, 'precious.txt'), 'x');
        const r = run(['render', config, '--out', out, '--force']);
        strict_1.default.equal(r.code, 1, outputOf(r));
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(out), ['precious.txt']);
    });
    (0, node_test_1.test)('a non-empty DIR without --force is a usage error and is left alone; --force writes beside what render did not write', () => {
        const config = configFile('render-force.yml', VALID);
        const out = (0, node_path_1.join)(tmp, 'not-empty');
        (0, node_fs_1.mkdirSync)(out);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(out, 'old.txt'), 'old');
        const r = run(['render', config, '--out', out]);
        strict_1.default.equal(r.code, 2, outputOf(r));
        strict_1.default.match(r.stderr, /is not empty: choose a new directory, or give --force/);
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(out), ['old.txt']);
        // --force only replaces what render wrote (the one --out policy): old.txt stays as it is
        const f = run(['render', config, '--out', out, '--force']);
        strict_1.default.equal(f.code, 0, outputOf(f));
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(out).sort(), ['.cdktf-barman-render.json', 'old.txt', 'shop-backup', 'shop-db1', 'shop-db2']);
        strict_1.default.equal((0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'old.txt'), 'utf8'), 'old');
    });
    (0, node_test_1.test)('an empty existing DIR is fine', () => {
        const config = configFile('render-empty.yml', VALID);
        const out = (0, node_path_1.join)(tmp, 'empty-dir');
        (0, node_fs_1.mkdirSync)(out);
        const r = run(['render', config, `--out=${out}`]);
        strict_1.default.equal(r.code, 0, outputOf(r));
        strict_1.default.ok((0, node_fs_1.existsSync)((0, node_path_1.join)(out, 'shop-backup', 'manifest.json')));
    });
    (0, node_test_1.test)('every fixture renders', () => {
        for (const file of (0, node_fs_1.readdirSync)(FIXTURES).filter((f) => f.endsWith('.yml'))) {
            const out = (0, node_path_1.join)(tmp, `fixture-${file}`);
            const r = run(['render', (0, node_path_1.join)(FIXTURES, file), '--out', out]);
            strict_1.default.equal(r.code, 0, `${file}\n${outputOf(r)}`);
            strict_1.default.ok((0, node_fs_1.readdirSync)(out).length > 0, file);
        }
    });
});
(0, node_test_1.describe)('usage', () => {
    const usageError = (args, message) => {
        const r = run(args);
        strict_1.default.equal(r.code, 2, outputOf(r));
        strict_1.default.equal(r.stdout, '', outputOf(r));
        strict_1.default.match(r.stderr, message);
        // one line pointing at --help, not the whole usage
        strict_1.default.equal(r.stderr.split('\n').length, 2, outputOf(r));
        strict_1.default.match(r.stderr, /see 'cdktf-barman( \w+)? --help'/);
    };
    (0, node_test_1.test)('no arguments', () => usageError([], /^usage: cdktf-barman <command> \[options\]/));
    (0, node_test_1.test)('an unknown command', () => usageError(['lint', 'config.yml'], /unknown command 'lint'/));
    (0, node_test_1.test)('an unknown option', () => usageError(['validate', (0, node_path_1.join)(FIXTURES, 'm1-aws.yml'), '--verbose'], /unknown option --verbose/));
    (0, node_test_1.test)('an option of another command', () => usageError(['validate', (0, node_path_1.join)(FIXTURES, 'm1-aws.yml'), '--out', (0, node_path_1.join)(tmp, 'x')], /unknown option --out/));
    (0, node_test_1.test)('validate without CONFIG', () => usageError(['validate'], /expected exactly one CONFIG file/));
    (0, node_test_1.test)('validate with two CONFIGs', () => usageError(['validate', 'a.yml', 'b.yml'], /expected exactly one CONFIG file/));
    (0, node_test_1.test)('render without --out', () => usageError(['render', (0, node_path_1.join)(FIXTURES, 'm1-aws.yml')], /--out DIR is required/));
    (0, node_test_1.test)('--out without a value', () => usageError(['render', (0, node_path_1.join)(FIXTURES, 'm1-aws.yml'), '--out'], /--out needs a value/));
    (0, node_test_1.test)('a usage error writes nothing', () => {
        const out = (0, node_path_1.join)(tmp, 'usage-nothing');
        const r = run(['render', (0, node_path_1.join)(FIXTURES, 'm1-aws.yml'), '--out', out, '--bogus']);
        strict_1.default.equal(r.code, 2, outputOf(r));
        strict_1.default.equal((0, node_fs_1.existsSync)(out), false);
    });
    (0, node_test_1.test)('--out naming an existing file is a usage error, not an internal error', () => {
        const file = configFile('not-a-dir', 'x');
        const r = run(['render', (0, node_path_1.join)(FIXTURES, 'm1-aws.yml'), '--out', file]);
        strict_1.default.equal(r.code, 2, outputOf(r));
        strict_1.default.doesNotMatch(r.stderr, /internal error/);
    });
    (0, node_test_1.test)('an empty --out= is a usage error', () => {
        const r = run(['render', (0, node_path_1.join)(FIXTURES, 'm1-aws.yml'), '--out='], tmp);
        strict_1.default.equal(r.code, 2, outputOf(r));
    });
    (0, node_test_1.test)('--force=no does not force', () => {
        const out = (0, node_path_1.join)(tmp, 'force-no');
        (0, node_fs_1.mkdirSync)(out);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(out, 'old.txt'), 'old');
        const r = run(['render', (0, node_path_1.join)(FIXTURES, 'm1-aws.yml'), '--out', out, '--force=no']);
        strict_1.default.equal(r.code, 2, outputOf(r));
        strict_1.default.deepEqual((0, node_fs_1.readdirSync)(out), ['old.txt']);
    });
    (0, node_test_1.test)('an unknown single-dash option is a usage error', () => {
        const r = run(['validate', '-x']);
        strict_1.default.equal(r.code, 2, outputOf(r));
    });
    for (const args of [['--help'], ['-h'], ['help']]) {
        (0, node_test_1.test)(`${args.join(' ')}: exit 0, the commands and exit codes on stdout`, () => {
            const r = run(args);
            strict_1.default.equal(r.code, 0, outputOf(r));
            strict_1.default.match(r.stdout, /usage: cdktf-barman <command>/);
            for (const c of ['validate', 'render', 'synth', 'status'])
                strict_1.default.match(r.stdout, new RegExp(`^  ${c} +\\S`, 'm'), c);
            strict_1.default.match(r.stdout, /^ {2}70 +an unexpected exception/m);
            strict_1.default.equal(r.stderr, '');
        });
    }
});
