"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The package as a user gets it (issue 14 item 3). `npm pack` of this repository; a fresh cdktf
 * TypeScript app built from the README's "Use it from your project" section (its install
 * commands, `main.ts`, `tsconfig.json`, `cdktf.json`), installed offline from the tarball and npm's
 * cache; the real cdktf CLI synthesizes it; the section's config.yml variant runs as cdktf.json
 * says; and the package's bin runs. Both stacks must hold exactly the resources this repository's
 * library synthesizes for examples/config.yml.
 *
 * Needs npm and npm's cache as `npm ci` of this repository left it, and the cdktf CLI of
 * node_modules: without them it prints `SKIP packed-tarball: ...`, and under CI it fails instead.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const tpa_config_1 = require("../../lib/config/tpa-config");
const barman_stack_1 = require("../../lib/constructs/barman-stack");
const paths_1 = require("../support/paths");
const requirements_1 = require("../support/requirements");
const app_lockfile_1 = require("./app-lockfile");
const root = (0, paths_1.repoRoot)();
const cdktfCli = (0, node_path_1.join)(root, 'node_modules', '.bin', 'cdktf');
const seedConfig = (0, node_path_1.join)(root, 'examples', 'config.yml');
/** Child processes get no npm_* variables of an enclosing `npm test` (they would configure the inner npm), except its cache. */
function cleanEnv(extra = {}) {
    const env = {};
    for (const [k, v] of Object.entries(process.env))
        if (!/^npm_/i.test(k) || /^npm_config_cache$/i.test(k))
            env[k] = v;
    return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', NO_COLOR: '1', ...extra };
}
function run(cmd, args, cwd, env = cleanEnv()) {
    const r = (0, node_child_process_1.spawnSync)(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
    return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}
/** The README section's text, up to the next `## ` heading. */
function readmeSection(title) {
    const readme = (0, node_fs_1.readFileSync)((0, node_path_1.join)(root, 'README.md'), 'utf8');
    const start = readme.indexOf(`\n## ${title}\n`);
    strict_1.default.ok(start >= 0, `README.md has no section '## ${title}'`);
    const end = readme.indexOf('\n## ', start + 1);
    return readme.slice(start, end < 0 ? undefined : end);
}
/** Code blocks introduced by a line that starts with their file name in backticks and ends with ':'. */
function fileBlocks(section) {
    return [...section.matchAll(/^`([\w.-]+)`[^\n]*:\n\n```\w*\n([\s\S]*?)^```$/gm)].map((m) => ({ file: m[1], body: m[2] }));
}
/** Package names of the section's `npm install` lines: plain ones and `--save-dev` ones. */
function installCommands(section) {
    const sh = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]).join('');
    const prod = [];
    const dev = [];
    for (const line of sh.split('\n').filter((l) => l.startsWith('npm install '))) {
        const words = line.split(/\s+/).slice(2);
        const names = words.filter((w) => !w.startsWith('-'));
        (words.includes('--save-dev') ? dev : prod).push(...names);
    }
    return { prod, dev };
}
/** Terraform JSON without cdktf's "//" metadata (construct paths differ between apps). */
function withoutComments(value) {
    if (Array.isArray(value))
        return value.map(withoutComments);
    if (typeof value !== 'object' || value === null)
        return value;
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '//').map(([k, v]) => [k, withoutComments(v)]));
}
const npmVersion = run('npm', ['--version'], (0, node_os_1.tmpdir)());
const missingTool = npmVersion.status !== 0 ? `npm does not run (${npmVersion.error?.message ?? npmVersion.out.trim()})` : !(0, node_fs_1.existsSync)(cdktfCli) ? `no cdktf CLI at ${cdktfCli}: run npm ci` : undefined;
if (missingTool && !requirements_1.IN_CI)
    console.log(`SKIP packed-tarball: ${missingTool}; the packed package was NOT installed and synthesized`);
(0, node_test_1.describe)('the packed tarball in a fresh cdktf app', { skip: missingTool && !requirements_1.IN_CI ? missingTool : false }, () => {
    const section = readmeSection('Use it from your project');
    const blocks = fileBlocks(section);
    const mains = blocks.filter((b) => b.file === 'main.ts');
    const library = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(root, 'package.json'), 'utf8'));
    let tmp = '';
    let app = '';
    let packedFiles = [];
    /** set when npm's cache lacks a package, outside CI */
    let cacheMiss;
    const timings = [];
    const timed = (what, f) => {
        const t0 = Date.now();
        try {
            return f();
        }
        finally {
            timings.push([what, (Date.now() - t0) / 1000]);
        }
    };
    (0, node_test_1.before)(() => {
        if (missingTool)
            strict_1.default.fail(`packed-tarball: ${missingTool} (required under CI)`);
        tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-pack-'));
        // --ignore-scripts: `prepare` would delete dist/, which the running tests are loaded from
        const pack = timed('npm pack', () => run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root));
        strict_1.default.equal(pack.status, 0, `npm pack failed:\n${pack.out}`);
        const packed = JSON.parse(pack.out.slice(pack.out.indexOf('[')))[0];
        packedFiles = packed.files.map((f) => f.path).sort();
        app = (0, node_path_1.join)(tmp, 'app');
        (0, node_fs_1.mkdirSync)(app);
        const tarball = (0, node_path_1.join)(tmp, packed.filename);
        const { prod, dev } = installCommands(section);
        const lock = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(root, 'package-lock.json'), 'utf8'));
        const pkg = (0, app_lockfile_1.appPackage)(lock, library, tarball, `file:${(0, node_path_1.relative)(app, tarball)}`, prod, dev);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(app, 'package.json'), JSON.stringify(pkg.manifest, null, 2));
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(app, 'package-lock.json'), JSON.stringify(pkg.lock, null, 2));
        for (const b of blocks.filter((x) => x.file !== 'main.ts'))
            (0, node_fs_1.writeFileSync)((0, node_path_1.join)(app, b.file), b.body);
        (0, node_fs_1.copyFileSync)(seedConfig, (0, node_path_1.join)(app, 'config.yml'));
        const install = timed('npm install --offline', () => run('npm', ['install', '--offline', '--no-audit', '--no-fund'], app));
        if (install.status !== 0 && /ENOTCACHED/.test(install.out)) {
            const why = `npm's cache lacks a package the app needs (run npm ci in ${root} first): ${install.out.split('\n').find((l) => /ENOTCACHED|request to/.test(l)) ?? ''}`;
            if (requirements_1.IN_CI)
                strict_1.default.fail(`packed-tarball: ${why} (required under CI)`);
            cacheMiss = why;
            console.log(`SKIP packed-tarball: ${why}; the packed package was NOT installed and synthesized`);
            return;
        }
        strict_1.default.equal(install.status, 0, `npm install --offline failed:\n${install.out}`);
    });
    (0, node_test_1.after)(() => {
        if (tmp)
            (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true });
        if (timings.length > 0)
            console.log(`packed-tarball timings: ${timings.map(([w, s]) => `${w} ${s.toFixed(1)} s`).join(', ')}`);
    });
    (0, node_test_1.test)('the README section gives the install commands, main.ts twice, tsconfig.json and cdktf.json', () => {
        const { prod, dev } = installCommands(section);
        strict_1.default.deepEqual(prod, ['cdktf-barman', 'cdktf', 'constructs']);
        strict_1.default.deepEqual(dev, ['typescript', '@types/node']);
        strict_1.default.deepEqual(blocks.map((b) => b.file).sort(), ['cdktf.json', 'main.ts', 'main.ts', 'tsconfig.json']);
        // the cluster given directly (issue 13 item 7): typed instances, then a config.yml
        strict_1.default.match(mains[0].body, /new BarmanCluster\(stack, 'barman', \{\n  clusterName: 'seed',\n  instances: \[/);
        strict_1.default.match(mains[1].body, /new BarmanCluster\(stack, 'barman', \{ configFile: 'config\.yml' \}\)/);
    });
    (0, node_test_1.test)('the tarball holds the compiled library with its declarations, bin, README and LICENSE; no tests, benchmarks or examples', () => {
        for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/cdktf-barman', 'dist/lib/index.js', 'dist/lib/index.d.ts', 'dist/lib/cli/main.js', 'dist/lib/constructs/barman-cluster.d.ts']) {
            strict_1.default.ok(packedFiles.includes(f), `${f} is not in the tarball`);
        }
        const outside = packedFiles.filter((f) => !f.startsWith('dist/lib/') && !['LICENSE', 'README.md', 'package.json', 'bin/cdktf-barman'].includes(f));
        strict_1.default.deepEqual(outside, []);
        strict_1.default.deepEqual(packedFiles.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), [], 'TypeScript sources in the tarball');
    });
    (0, node_test_1.test)('the installed package has no dist/test, dist/bench or dist/examples', (t) => {
        if (cacheMiss)
            return t.skip(cacheMiss);
        const installed = (0, node_path_1.join)(app, 'node_modules', library.name);
        strict_1.default.ok((0, node_fs_1.existsSync)((0, node_path_1.join)(installed, 'dist', 'lib', 'index.js')), `${installed} holds no dist/lib/index.js`);
        for (const d of ['test', 'bench', 'examples'])
            strict_1.default.equal((0, node_fs_1.existsSync)((0, node_path_1.join)(installed, 'dist', d)), false, `dist/${d} was installed`);
    });
    const expected = () => withoutComments((0, barman_stack_1.synthesizeTerraformJson)({ graph: (0, tpa_config_1.loadGraphFromFile)(seedConfig) }));
    (0, node_test_1.test)("`cdktf synth` (the real CLI) of the README's main.ts: the seed example's resources", (t) => {
        if (cacheMiss)
            return t.skip(cacheMiss);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(app, 'main.ts'), mains[0].body);
        // no checkpoint or version calls, no plugin cache or config written under $HOME
        const env = cleanEnv({ CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1', CDKTF_HOME: (0, node_path_1.join)(tmp, 'cdktf-home'), CDKTF_LOG_FILE_DIRECTORY: tmp, FORCE_COLOR: '0' });
        const synth = timed('cdktf synth', () => run(cdktfCli, ['synth'], app, env));
        strict_1.default.equal(synth.status, 0, `cdktf synth failed:\n${synth.out}`);
        const stack = withoutComments(JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(app, 'cdktf.out', 'stacks', 'backups', 'cdk.tf.json'), 'utf8')));
        strict_1.default.deepEqual(Object.keys(stack.provider).sort(), ['null', 'tls']);
        strict_1.default.deepEqual(Object.keys(stack.resource.tls_private_key).sort(), ['barman_ssh_key_barman', 'barman_ssh_key_postgres']);
        strict_1.default.match(stack.resource.null_resource.barman_server_two.triggers?.['/etc/barman.conf'] ?? '', /^\[barman\]$/m);
        strict_1.default.deepEqual(stack.resource, expected().resource, 'the packed package synthesizes other resources than this repository');
    });
    (0, node_test_1.test)("the README's config.yml main.ts, run as cdktf.json says: the same resources", (t) => {
        if (cacheMiss)
            return t.skip(cacheMiss);
        (0, node_fs_1.writeFileSync)((0, node_path_1.join)(app, 'main.ts'), mains[1].body);
        (0, node_fs_1.rmSync)((0, node_path_1.join)(app, 'cdktf.out'), { recursive: true, force: true });
        const command = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(app, 'cdktf.json'), 'utf8')).app;
        const r = timed('cdktf.json app (config.yml)', () => run('sh', ['-c', command], app));
        strict_1.default.equal(r.status, 0, `'${command}' failed:\n${r.out}`);
        const stack = withoutComments(JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(app, 'cdktf.out', 'stacks', 'backups', 'cdk.tf.json'), 'utf8')));
        strict_1.default.deepEqual(stack.resource, expected().resource);
    });
    (0, node_test_1.test)("the package's bin runs from the app: npx cdktf-barman --help, validate", (t) => {
        if (cacheMiss)
            return t.skip(cacheMiss);
        const env = cleanEnv({ npm_config_offline: 'true' });
        const help = run('npx', ['--no', '--', 'cdktf-barman', '--help'], app, env);
        strict_1.default.equal(help.status, 0, help.out);
        strict_1.default.match(help.out, /validate/);
        const validate = run('npx', ['--no', '--', 'cdktf-barman', 'validate', 'config.yml'], app, env);
        strict_1.default.equal(validate.status, 0, validate.out);
        strict_1.default.match(validate.out, /cluster 'seed'/);
        const bad = run('npx', ['--no', '--', 'cdktf-barman', 'validate', 'missing.yml'], app, env);
        strict_1.default.equal(bad.status, 1, `validate of a missing file: ${bad.out}`);
    });
});
