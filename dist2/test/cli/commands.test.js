"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The command line as users of other tools expect it (issue 14 item 5): --version, per-command
 * --help generated from each command's option table, one-line usage errors pointing at --help,
 * every construct option reachable from synth, and the documented exit codes.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const render_command_1 = require("../../lib/cli/render-command");
const status_1 = require("../../lib/cli/status");
const synth_command_1 = require("../../lib/cli/synth-command");
const validate_command_1 = require("../../lib/cli/validate-command");
const cli_harness_1 = require("./cli-harness");
let tmp;
(0, node_test_1.before)(() => {
    tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-commands-'));
});
(0, node_test_1.after)(() => (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true }));
const config = () => {
    const path = (0, node_path_1.join)(tmp, 'config.yml');
    if (!(0, node_fs_1.existsSync)(path))
        (0, node_fs_1.writeFileSync)(path, cli_harness_1.VALID);
    return path;
};
let synthCount = 0;
function synth(args) {
    const out = (0, node_path_1.join)(tmp, `synth-${synthCount++}`);
    const r = (0, cli_harness_1.run)(['synth', config(), '--out', out, ...args]);
    return { code: r.code, stderr: r.stderr, json: r.code === 0 ? JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(out, 'cdktf-barman.tf.json'), 'utf8')) : undefined };
}
const connections = (j) => Object.values(j.resource).flatMap((byName) => Object.values(byName)).map((r) => r.connection).filter((c) => c !== undefined);
(0, node_test_1.describe)('--version', () => {
    for (const args of [['--version'], ['version']]) {
        (0, node_test_1.test)(`${args[0]}: the package version, exit 0`, () => {
            const r = (0, cli_harness_1.run)(args);
            strict_1.default.equal(r.code, 0, (0, cli_harness_1.outputOf)(r));
            const pkg = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(cli_harness_1.ROOT, 'package.json'), 'utf8'));
            strict_1.default.equal(r.stdout, `cdktf-barman ${pkg.version}\n`);
        });
    }
});
(0, node_test_1.describe)('<command> --help', () => {
    for (const spec of [validate_command_1.VALIDATE, render_command_1.RENDER, synth_command_1.SYNTH, status_1.STATUS]) {
        for (const form of [[spec.name, '--help'], [spec.name, '-h'], ['help', spec.name]]) {
            (0, node_test_1.test)(`${form.join(' ')}: its own synopsis and every option of its table, exit 0`, () => {
                const r = (0, cli_harness_1.run)(form);
                strict_1.default.equal(r.code, 0, (0, cli_harness_1.outputOf)(r));
                strict_1.default.equal(r.stderr, '');
                strict_1.default.ok(r.stdout.startsWith(`usage: cdktf-barman ${spec.name} `), r.stdout);
                for (const o of spec.options)
                    strict_1.default.match(r.stdout, new RegExp(`^  --${o.name}${o.value ? ` ${o.value}` : ''}( |$)`, 'm'), o.name);
                const others = [validate_command_1.VALIDATE, render_command_1.RENDER, synth_command_1.SYNTH, status_1.STATUS].filter((s) => s !== spec).flatMap((s) => s.options).filter((o) => !spec.options.some((x) => x.name === o.name));
                for (const o of others)
                    strict_1.default.doesNotMatch(r.stdout, new RegExp(`^  --${o.name} `, 'm'), `--${o.name} belongs to another command`);
            });
        }
    }
    (0, node_test_1.test)('help of an unknown command: a usage error', () => {
        const r = (0, cli_harness_1.run)(['help', 'deploy']);
        strict_1.default.equal(r.code, 2);
        strict_1.default.equal(r.stderr, "cdktf-barman help: unknown command 'deploy': see 'cdktf-barman --help'\n");
    });
});
(0, node_test_1.describe)('usage errors are one line pointing at the command\'s --help', () => {
    for (const [args, line] of [
        [['synth', 'c.yml'], "cdktf-barman synth: --out DIR is required (see 'cdktf-barman synth --help')"],
        [['render', 'c.yml', '--out'], "cdktf-barman render: option --out needs a value (DIR) (see 'cdktf-barman render --help')"],
        [['validate', 'a.yml', 'b.yml'], "cdktf-barman validate: expected exactly one CONFIG file, got 2 (see 'cdktf-barman validate --help')"],
        [['status', 'c.yml', '--out', 'x'], "cdktf-barman status: unknown option --out (see 'cdktf-barman status --help')"],
        [['deploy'], "cdktf-barman: unknown command 'deploy': see 'cdktf-barman --help' (commands: validate, render, synth, status)"],
    ]) {
        (0, node_test_1.test)(args.join(' '), () => {
            const r = (0, cli_harness_1.run)(args);
            strict_1.default.equal(r.code, 2, (0, cli_harness_1.outputOf)(r));
            strict_1.default.equal(r.stderr, `${line}\n`);
            strict_1.default.equal(r.stdout, '');
        });
    }
});
(0, node_test_1.describe)('synth: a flag for every construct option', () => {
    (0, node_test_1.test)('defaults: null_resource, generated ED25519 keys, generated passwords, activation, root over the agent', () => {
        const { code, json } = synth([]);
        strict_1.default.equal(code, 0);
        strict_1.default.ok(json.resource.null_resource);
        strict_1.default.deepEqual(Object.values(json.resource.tls_private_key).map((k) => k.algorithm), ['ED25519', 'ED25519']);
        strict_1.default.ok(Object.keys(json.resource.terraform_data).some((id) => id.includes('db_secret')));
        strict_1.default.ok(Object.keys(json.resource.null_resource).some((id) => id.includes('activate')));
        for (const c of connections(json))
            strict_1.default.deepEqual([c.user, c.agent, c.bastion_host], ['root', true, undefined]);
    });
    (0, node_test_1.test)('--key-algorithm RSA --rsa-bits 3072 --per-host-keys: one RSA pair per host (of the user living there)', () => {
        const { code, stderr, json } = synth(['--key-algorithm', 'RSA', '--rsa-bits', '3072', '--per-host-keys']);
        strict_1.default.equal(code, 0, stderr);
        const keys = Object.values(json.resource.tls_private_key);
        strict_1.default.equal(keys.length, 3, 'postgres on shop-db1 and shop-db2, barman on shop-backup');
        for (const k of keys)
            strict_1.default.deepEqual([k.algorithm, k.rsa_bits], ['RSA', 3072]);
    });
    (0, node_test_1.test)('--key-algorithm ECDSA --ecdsa-curve P384', () => {
        const { code, json } = synth(['--key-algorithm', 'ECDSA', '--ecdsa-curve', 'P384']);
        strict_1.default.equal(code, 0);
        for (const k of Object.values(json.resource.tls_private_key))
            strict_1.default.deepEqual([k.algorithm, k.ecdsa_curve], ['ECDSA', 'P384']);
    });
    (0, node_test_1.test)('--password-variables: two sensitive variables, no generated password', () => {
        const { code, json } = synth(['--password-variables', '--resource-type', 'terraform_data']);
        strict_1.default.equal(code, 0);
        for (const v of ['barman_barman_db_password', 'barman_streaming_barman_db_password'])
            strict_1.default.equal(json.variable?.[v]?.sensitive, true, v);
        strict_1.default.ok(!Object.keys(json.resource.terraform_data).some((id) => id.includes('db_secret')));
        strict_1.default.match(JSON.stringify(json), /var\.barman_streaming_barman_db_password/);
    });
    (0, node_test_1.test)('--no-activate: no activation; --no-database-access: no roles, no pg_hba step, no activation', () => {
        const noActivate = synth(['--no-activate', '--resource-type', 'terraform_data']).json;
        const ids = Object.keys(noActivate.resource.terraform_data);
        strict_1.default.ok(!ids.some((id) => id.includes('activate')), ids.join(' '));
        strict_1.default.ok(ids.some((id) => id.includes('roles')), ids.join(' '));
        const none = Object.keys(synth(['--no-database-access', '--resource-type', 'terraform_data']).json.resource.terraform_data);
        strict_1.default.ok(!none.some((id) => /activate|roles|db_secret|postgres_config/.test(id)), none.join(' '));
    });
    (0, node_test_1.test)('connection flags reach every connection block; the bastion key is a sensitive variable', () => {
        const { code, stderr, json } = synth([
            '--connection-user', 'deploy', '--connection-port', '2222', '--connection-timeout', '90s',
            '--bastion-host', 'jump.example.com', '--bastion-user', 'hop', '--bastion-port', '2200',
            '--bastion-host-key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl', '--bastion-key-variable',
        ]);
        strict_1.default.equal(code, 0, stderr);
        strict_1.default.equal(json.variable?.barman_bastion_private_key?.sensitive, true);
        const cs = connections(json);
        strict_1.default.ok(cs.length > 0);
        for (const c of cs) {
            strict_1.default.deepEqual([c.user, c.port, c.timeout, c.bastion_host, c.bastion_user, c.bastion_port, c.bastion_private_key, c.bastion_host_key], ['deploy', 2222, '90s', 'jump.example.com', 'hop', 2200, '${var.barman_bastion_private_key}', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl']);
        }
    });
    for (const [args, message] of [
        [['--key-algorithm', 'DSA'], "--key-algorithm must be one of ED25519, RSA, ECDSA, not 'DSA'"],
        [['--rsa-bits', '3072'], '--rsa-bits needs --key-algorithm RSA'],
        [['--key-algorithm', 'RSA', '--rsa-bits', '1024'], "--rsa-bits must be a whole number from 2048 to 16384, not '1024'"],
        [['--supplied-keys', '--per-host-keys'], '--supplied-keys brings one key pair per user'],
        [['--bastion-user', 'hop'], '--bastion-user needs --bastion-host'],
        [['--bastion-host', '-oProxyCommand=x'], "--bastion-host '-oProxyCommand=x' must be a host name or IP address"],
        [['--bastion-host', 'j', '--bastion-host-key', 'ssh-ed25519 AAAA ${file("x")}'], '--bastion-host-key'],
        [['--connection-timeout', '5 minutes'], "--connection-timeout '5 minutes' must be a duration such as 30s or 5m"],
        [['--connection-port', '0'], "--connection-port must be a whole number from 1 to 65535, not '0'"],
        [['--no-database-access', '--password-variables'], '--password-variables has nothing to do with --no-database-access'],
    ]) {
        (0, node_test_1.test)(`${args.join(' ')}: usage error, nothing written`, () => {
            const r = synth(args);
            strict_1.default.equal(r.code, 2, r.stderr);
            strict_1.default.ok(r.stderr.startsWith(`cdktf-barman synth: ${message}`), r.stderr);
            strict_1.default.equal(r.stderr.split('\n').length, 2);
        });
    }
});
(0, node_test_1.describe)('exit codes, as --help documents them', () => {
    (0, node_test_1.test)('0 ok, 1 invalid input, 2 usage error, 70 internal error', () => {
        const bad = (0, node_path_1.join)(tmp, 'bad.yml');
        (0, node_fs_1.writeFileSync)(bad, 'cluster_name: x\ninstances:\n  - Name: a\n    role: [primary]\n    backup: nowhere\n');
        strict_1.default.equal((0, cli_harness_1.run)(['validate', config()]).code, 0);
        strict_1.default.equal((0, cli_harness_1.run)(['validate', bad]).code, 1);
        strict_1.default.equal((0, cli_harness_1.run)(['validate']).code, 2);
        const preload = (0, node_path_1.join)(tmp, 'throw.js');
        // a plain TypeError while render writes: a bug, not bad input
        (0, node_fs_1.writeFileSync)(preload, "const fs = require('node:fs'); const write = fs.writeFileSync; fs.writeFileSync = function (p, ...r) { if (String(p).endsWith('manifest.json')) throw new TypeError('simulated bug'); return write.call(this, p, ...r); };\n");
        const r = (0, cli_harness_1.run)(['render', config(), '--out', (0, node_path_1.join)(tmp, 'bug')], { env: { ...process.env, NODE_OPTIONS: `--require ${preload}` } });
        strict_1.default.equal(r.code, 70, (0, cli_harness_1.outputOf)(r));
        const help = (0, cli_harness_1.run)(['--help']).stdout;
        for (const code of ['0', '1', '2', '70'])
            strict_1.default.match(help, new RegExp(`^  ${code} +\\S`, 'm'), code);
    });
});
(0, node_test_1.describe)('the README documents every option of every command', () => {
    const readme = (0, node_fs_1.readFileSync)((0, node_path_1.join)(cli_harness_1.ROOT, 'README.md'), 'utf8');
    const section = (heading) => {
        const start = readme.indexOf(`\n## ${heading}`);
        strict_1.default.ok(start >= 0, heading);
        const end = readme.indexOf('\n## ', start + 1);
        return readme.slice(start, end < 0 ? undefined : end);
    };
    for (const [spec, heading] of [[synth_command_1.SYNTH, 'Command line'], [render_command_1.RENDER, 'Command line'], [status_1.STATUS, 'Health checks: `status`']]) {
        (0, node_test_1.test)(`${spec.name}: each option in "${heading}"`, () => {
            const text = section(heading);
            const missing = spec.options.filter((o) => !text.includes(`\`--${o.name}${o.value ? ` ${o.value}` : ''}`));
            strict_1.default.deepEqual(missing.map((o) => o.name), []);
        });
    }
});
