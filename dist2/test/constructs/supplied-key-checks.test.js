"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Supplied keys are checked by Terraform itself (`synth --supplied-keys`): a malformed public key
 * fails the variable's validation, a malformed private key the status output's precondition. One
 * clear error per bad key, before any per-resource error, and never the private key's text. Real
 * `terraform plan` runs offline on what the real CLI writes (terraform_data only).
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const estate_1 = require("../../bench/estate");
const synth_helpers_1 = require("./synth-helpers");
function run(cmd, args, cwd, env = process.env) {
    const r = (0, node_child_process_1.spawnSync)(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
    return { status: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), error: r.error };
}
const version = run('terraform', ['version'], (0, node_os_1.tmpdir)());
const HAVE_TERRAFORM = !version.error && version.status === 0;
const keygen = run('ssh-keygen', ['-?'], (0, node_os_1.tmpdir)());
const HAVE_SSH_KEYGEN = !(keygen.error && keygen.error.code === 'ENOENT');
const missing = !HAVE_TERRAFORM ? 'terraform' : !HAVE_SSH_KEYGEN ? 'ssh-keygen' : undefined;
if (missing !== undefined && process.env.CI)
    throw new Error(`supplied-key-checks: ${missing} is required under CI`);
if (missing !== undefined)
    console.log(`SKIP supplied-key-checks: no ${missing} on PATH; Terraform's checks of supplied keys were NOT run`);
const PG_PUBLIC = 'barman_postgres_ssh_public_key';
const PG_PRIVATE = 'barman_postgres_ssh_private_key';
const BM_PUBLIC = 'barman_barman_ssh_public_key';
const BM_PRIVATE = 'barman_barman_ssh_private_key';
(0, node_test_1.describe)('terraform checks supplied keys: one clear error, never the private key', { skip: missing ? `${missing} is not on PATH` : false }, () => {
    let dir = '';
    let env = {};
    const keys = {};
    /** a fresh estate of `config` synthesized by the real CLI, inited offline */
    function estate(name, config) {
        const out = (0, node_path_1.join)(dir, name);
        const synth = run(process.execPath, [(0, node_path_1.join)((0, synth_helpers_1.repoRoot)(), 'bin', 'cdktf-barman'), 'synth', config, '--out', out, '--resource-type', 'terraform_data', '--supplied-keys'], (0, synth_helpers_1.repoRoot)());
        strict_1.default.equal(synth.status, 0, synth.out);
        const init = run('terraform', ['init', '-input=false', '-no-color'], out, env);
        strict_1.default.equal(init.status, 0, init.out);
        return out;
    }
    /**
     * terraform plan with the four key variables in the environment, as the README hands them over
     * (a var file on one line would be quoted whole in any diagnostic about one of its values)
     */
    function plan(out, values) {
        const vars = Object.fromEntries(Object.entries(values).map(([k, v]) => [`TF_VAR_${k}`, v]));
        const start = process.hrtime.bigint();
        const r = run('terraform', ['plan', '-input=false', '-no-color', '-lock=false'], out, { ...env, ...vars });
        return { ...r, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
    }
    const good = (k = keys.ed25519) => ({ [PG_PRIVATE]: k.privateKey, [BM_PRIVATE]: k.privateKey, [PG_PUBLIC]: k.publicKey, [BM_PUBLIC]: k.publicKey });
    const errors = (text) => text.split('\n').filter((l) => l.startsWith('Error: '));
    /**
     * no line of the private key body, nor its base64; lines that are also in the public key (an
     * OpenSSH private key file embeds it, and RSA lines can align with the .pub's base64) prove nothing
     */
    function assertNoPrivateKey(text, privateKey, publicKey = '') {
        const body = privateKey.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----') && !publicKey.includes(l));
        strict_1.default.ok(body.length > 0);
        for (const l of body)
            strict_1.default.ok(!text.includes(l), `a line of the private key (${l}) is in the output:\n${text}`);
        strict_1.default.ok(!text.includes(Buffer.from(privateKey).toString('base64').slice(0, 40)), 'the base64 of the private key is in the output');
    }
    let seed = '';
    (0, node_test_1.before)(() => {
        dir = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-keycheck-'));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(dir, 'empty.tfrc'), '');
        env = { ...process.env, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: (0, node_path_1.join)(dir, 'empty.tfrc') };
        for (const [name, args] of [['ed25519', ['-t', 'ed25519']], ['rsa', ['-t', 'rsa', '-b', '2048']], ['ecdsa', ['-t', 'ecdsa', '-b', '384']], ['pem', ['-t', 'rsa', '-b', '2048', '-m', 'PEM']]]) {
            const k = run('ssh-keygen', ['-q', ...args, '-N', '', '-C', `throwaway ${name}@cdktf-barman-test`, '-f', (0, node_path_1.join)(dir, `id_${name}`)], dir);
            strict_1.default.equal(k.status, 0, k.out);
            keys[name] = { privateKey: (0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, `id_${name}`), 'utf8'), publicKey: (0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, `id_${name}.pub`), 'utf8') };
        }
        seed = estate('seed', (0, synth_helpers_1.SEED_CONFIG)());
    });
    (0, node_test_1.after)(() => (0, node_fs_1.rmSync)(dir, { recursive: true, force: true }));
    (0, node_test_1.test)('every supported key type passes: ed25519, rsa, ecdsa-sha2-nistp384, a PEM RSA key; public keys with their comment and final newline (as `cat` of the .pub file gives, minus the newline, and with it)', () => {
        for (const name of ['ed25519', 'rsa', 'ecdsa', 'pem']) {
            const r = plan(seed, good(keys[name]));
            strict_1.default.equal(r.status, 0, `${name}:\n${r.out}`);
            const trimmed = plan(seed, { ...good(keys[name]), [PG_PUBLIC]: keys[name].publicKey.trim() });
            strict_1.default.equal(trimmed.status, 0, `${name} without the final newline:\n${trimmed.out}`);
            strict_1.default.match(r.out, /Plan: \d+ to add/);
            assertNoPrivateKey(r.out, keys[name].privateKey, keys[name].publicKey);
        }
    });
    (0, node_test_1.test)('a malformed public key: one variable validation error naming the variable and the fix', () => {
        const samples = {
            'one word': 'oneword',
            'an unsupported type': 'ssh-dss AAAAB3NzaC1kc3MAAACBAKz user@host',
            'two keys in one value': keys.ed25519.publicKey + keys.rsa.publicKey,
            'no space after the type': 'ssh-ed25519AAAAC3NzaC1lZDI1NTE5AAAA',
        };
        for (const [what, value] of Object.entries(samples)) {
            const r = plan(seed, { ...good(), [PG_PUBLIC]: value });
            strict_1.default.equal(r.status, 1, `${what}:\n${r.out}`);
            strict_1.default.deepEqual(errors(r.out), ['Error: Invalid value for variable'], `${what}: exactly one error:\n${r.out}`);
            strict_1.default.ok(r.out.includes(`"${PG_PUBLIC}"`), `${what}: the error points at the variable`);
            strict_1.default.match(r.out.replace(/\s+/g, ' '), /the postgres public key must be one OpenSSH public key line/, what);
            assertNoPrivateKey(r.out, keys.ed25519.privateKey, keys.ed25519.publicKey);
        }
    });
    (0, node_test_1.test)('a private key passed as a public key: refused by the precondition, not shown', () => {
        for (const v of [PG_PUBLIC, BM_PUBLIC]) {
            const r = plan(seed, { ...good(), [v]: keys.rsa.privateKey });
            strict_1.default.equal(r.status, 1, `${v}:\n${r.out}`);
            strict_1.default.deepEqual(errors(r.out), ['Error: Module output value precondition failed'], `${v}: exactly one error:\n${r.out}`);
            strict_1.default.ok(r.out.replace(/\s+/g, ' ').includes(`${v} holds a private key: pass the .pub file (the value is not shown)`), r.out);
            assertNoPrivateKey(r.out, keys.rsa.privateKey, keys.rsa.publicKey);
        }
    });
    (0, node_test_1.test)('a malformed private key: one precondition error naming its variable, and not a line of the value', () => {
        const broken = keys.ed25519.privateKey.replace('OPENSSH PRIVATE KEY', 'OPENSSH PRlVATE KEY');
        const samples = {
            'a damaged BEGIN line': broken,
            'the public key': keys.ed25519.publicKey,
            'a key protected by a passphrase (PEM)': '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n',
            'a file path': '~/.ssh/id_ed25519',
        };
        for (const [what, value] of Object.entries(samples)) {
            const r = plan(seed, { ...good(), [BM_PRIVATE]: value });
            strict_1.default.equal(r.status, 1, `${what}:\n${r.out}`);
            strict_1.default.deepEqual(errors(r.out), ['Error: Module output value precondition failed'], `${what}: exactly one error:\n${r.out}`);
            const text = r.out.replace(/\s+/g, ' ');
            strict_1.default.ok(text.includes(`${BM_PRIVATE} must be an unencrypted OpenSSH or PEM private key`), `${what}: ${r.out}`);
            strict_1.default.ok(!text.includes(`${PG_PRIVATE} must be`), `${what}: the good key is not blamed`);
            assertNoPrivateKey(r.out, broken, keys.ed25519.publicKey);
            if (what === 'a file path')
                strict_1.default.ok(!r.out.includes('~/.ssh/id_ed25519'), 'the value is not shown');
        }
    });
    (0, node_test_1.test)('both private keys bad: one error for each', () => {
        const r = plan(seed, { ...good(), [PG_PRIVATE]: 'x', [BM_PRIVATE]: 'y' });
        strict_1.default.equal(r.status, 1, r.out);
        strict_1.default.deepEqual(errors(r.out), ['Error: Module output value precondition failed', 'Error: Module output value precondition failed'], r.out);
    });
    (0, node_test_1.test)('a larger estate (30 instances): still one error for a one-word public key, none per resource', () => {
        const config = (0, node_path_1.join)(dir, 'estate30.yml');
        (0, node_fs_1.writeFileSync)(config, (0, estate_1.estateYaml)(30));
        const out = estate('estate30', config);
        const r = plan(out, { ...good(), [PG_PUBLIC]: 'oneword' });
        strict_1.default.equal(r.status, 1, r.out);
        strict_1.default.deepEqual(errors(r.out), ['Error: Invalid value for variable'], r.out);
        strict_1.default.ok(!r.out.includes('Invalid function argument'), 'no per-resource error from splitting the key');
        console.log(`supplied-key-checks: 30-instance estate, one-word public key: terraform plan failed in ${r.seconds.toFixed(1)} s with one error`);
    });
});
