"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The README's TypeScript estate example ("Hosts created in the same apply") run as written: its
 * code block is compiled with TypeScript and run against this build of the library, and its
 * synthesized stack must connect to the host resources, name them in the files and wait for them.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const typescript_1 = __importDefault(require("typescript"));
const paths_1 = require("../support/paths");
let tmp;
(0, node_test_1.before)(() => {
    tmp = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'cdktf-barman-readme-estate-'));
});
(0, node_test_1.after)(() => (0, node_fs_1.rmSync)(tmp, { recursive: true, force: true }));
/** the first ts code block after the heading */
function exampleAfter(heading) {
    const readme = (0, node_fs_1.readFileSync)((0, node_path_1.join)((0, paths_1.repoRoot)(), 'README.md'), 'utf8');
    const at = readme.indexOf(`\n### ${heading}\n`);
    strict_1.default.ok(at >= 0, heading);
    const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
    strict_1.default.ok(m, `a ts block after ${heading}`);
    return m[1];
}
(0, node_test_1.test)('the README estate example synthesizes: connections, files and dependencies follow the host resources', () => {
    const source = exampleAfter('Hosts created in the same apply');
    const js = typescript_1.default.transpileModule(source, { compilerOptions: { module: typescript_1.default.ModuleKind.CommonJS, target: typescript_1.default.ScriptTarget.ES2022 } }).outputText
        .replace(/require\("cdktf-barman"\)/g, JSON.stringify((0, node_path_1.join)((0, paths_1.repoRoot)(), 'dist', 'lib', 'index.js')).replace(/^/, 'require(') + ')')
        .replace(/require\("cdktf"\)/g, `require(${JSON.stringify((0, node_path_1.join)((0, paths_1.repoRoot)(), 'node_modules', 'cdktf'))})`);
    strict_1.default.match(js, /dist\/lib\/index\.js/, 'the example imports cdktf-barman');
    const file = (0, node_path_1.join)(tmp, 'main.js');
    (0, node_fs_1.writeFileSync)(file, js);
    const r = (0, node_child_process_1.spawnSync)(process.execPath, [file], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
    strict_1.default.equal(r.status, 0, r.stderr);
    const json = JSON.parse((0, node_fs_1.readFileSync)((0, node_path_1.join)(tmp, 'cdktf.out', 'stacks', 'estate', 'cdk.tf.json'), 'utf8'));
    const hosts = ['${terraform_data.db.output.ip}', '${terraform_data.backup.output.ip}'];
    const library = Object.entries(json.resource).flatMap(([type, byName]) => Object.entries(byName).filter(([name]) => name.startsWith('barman_')).map(([name, r]) => ({ id: `${type}.${name}`, r })));
    strict_1.default.ok(library.length >= 6, library.map((x) => x.id).join(' '));
    for (const { id, r } of library) {
        strict_1.default.ok(['terraform_data.db', 'terraform_data.backup'].every((d) => r.depends_on?.includes(d)), `${id} waits for both hosts: ${JSON.stringify(r.depends_on)}`);
        if (r.connection)
            strict_1.default.ok(hosts.includes(String(r.connection.host)), `${id} connects to ${r.connection.host}`);
    }
    const text = JSON.stringify(json);
    strict_1.default.ok(text.includes('host=${terraform_data.db.output.ip}'), 'the conninfo of db1 names the host resource');
    // the literal addresses live in the host resources only: the library's resources name the references
    for (const { id, r } of library)
        strict_1.default.doesNotMatch(JSON.stringify(r), /10\.0\.0\.1[12]/, id);
});
