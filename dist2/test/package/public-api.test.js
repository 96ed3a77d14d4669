"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The package's entry point (issue 14 item 3): the exported names are pinned, so adding or
 * removing one is a deliberate change of this list; every type a public signature mentions is
 * exported too (a user can name what they are given); and every name the README imports from
 * 'cdktf-barman' exists. Reads the compiled declaration files, which are what the package ships.
 */
const node_test_1 = require("node:test");
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const typescript_1 = __importDefault(require("typescript"));
const paths_1 = require("../support/paths");
const PUBLIC_NAMES = [
    'AuthorizedKey',
    'BackupCount',
    'BackupEdge',
    'BackupEdgeConfig',
    'BackupEdgeConfigProps',
    'BackupMethod',
    'BackupOption',
    'BackupTarget',
    'BarmanActivation',
    'BarmanActivationProps',
    'BarmanCluster',
    'BarmanClusterOptions',
    'BarmanClusterProps',
    'BarmanGraph',
    'BarmanServerConfig',
    'BarmanServerConfigProps',
    'BarmanSettings',
    'BarmanStack',
    'BarmanStackProps',
    'CheckResult',
    'ClusterProps',
    'ClusterSource',
    'Compression',
    'Concern',
    'CronState',
    'DatabasePasswords',
    'DatabasePasswordsProps',
    'Diagnostic',
    'DriftEntry',
    'DriftState',
    'EffectiveSettings',
    'FileKind',
    'HbaMethod',
    'HostConnectionProps',
    'HostFile',
    'HostPlan',
    'Instance',
    'InstanceProps',
    'InstanceState',
    'InstanceStatus',
    'InvalidConfigError',
    'KeyAlgorithm',
    'KeyMaterial',
    'KeyRef',
    'LastBackup',
    'MaximumAge',
    'Period',
    'PostgresAccess',
    'PostgresAccessProps',
    'PostgresConfig',
    'PostgresConfigProps',
    'PostgresRoles',
    'PostgresRolesProps',
    'ProvisionerPlacement',
    'ProvisionerResourceType',
    'RemovedBackups',
    'RetentionPolicy',
    'ReuseBackup',
    'Role',
    'ServerStatus',
    'ServerTarget',
    'Severity',
    'SourcePosition',
    'SshKeyPair',
    'SshKeyPairs',
    'SshKeyPairsProps',
    'SshResult',
    'SshRunner',
    'SshTarget',
    'SshUser',
    'StatusConnection',
    'StatusReport',
    'StatusTargets',
    'StatusTargetsError',
    'StreamingState',
    'SuppliedDatabasePasswords',
    'SuppliedKeyPairs',
    'TokenCheck',
    'TokenRule',
    'Verdict',
    'WalArchiveState',
    'collectStatus',
    'collectStatusFromTargets',
    'formatDiagnostic',
    'formatReport',
    'graphFromProps',
    'loadGraphFromFile',
    'readStatusTargets',
    'renderHosts',
    'statusTargetsOf',
];
const root = (0, paths_1.repoRoot)();
const libDir = (0, node_path_1.join)(root, 'dist', 'lib') + node_path_1.sep;
const indexFile = (0, node_path_1.join)(libDir, 'index.d.ts');
const program = typescript_1.default.createProgram([indexFile], { noEmit: true, skipLibCheck: true, types: [], target: typescript_1.default.ScriptTarget.ES2022, module: typescript_1.default.ModuleKind.CommonJS, moduleResolution: typescript_1.default.ModuleResolutionKind.Node10 });
const checker = program.getTypeChecker();
const indexSource = program.getSourceFile(indexFile);
strict_1.default.ok(indexSource, `${indexFile} is missing: compile first (npx tsc -p tsconfig.json)`);
const publicSymbols = checker.getExportsOfModule(checker.getSymbolAtLocation(indexSource));
const resolved = (s) => (s.flags & typescript_1.default.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const exportedTargets = new Set(publicSymbols.map(resolved));
const sortedNames = (names) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
/** The symbol a type reference names: for `Role.PRIMARY` the enum, for `import("./x").Y` Y. */
function referencedSymbol(node) {
    let name;
    if (typescript_1.default.isTypeReferenceNode(node))
        name = node.typeName;
    else if (typescript_1.default.isExpressionWithTypeArguments(node))
        name = node.expression;
    else if (typescript_1.default.isImportTypeNode(node))
        name = node.qualifier;
    else if (typescript_1.default.isTypeQueryNode(node))
        name = node.exprName;
    if (!name)
        return undefined;
    let s = checker.getSymbolAtLocation(name);
    if (!s && typescript_1.default.isImportTypeNode(node)) {
        const t = checker.getTypeFromTypeNode(node);
        s = t.aliasSymbol ?? t.getSymbol();
    }
    if (!s)
        return undefined;
    s = resolved(s);
    if (s.flags & typescript_1.default.SymbolFlags.EnumMember && typescript_1.default.isQualifiedName(name)) {
        const owner = checker.getSymbolAtLocation(name.left);
        if (owner)
            s = resolved(owner);
    }
    return s;
}
const isPrivate = (node) => typescript_1.default.canHaveModifiers(node) && (typescript_1.default.getModifiers(node) ?? []).some((m) => m.kind === typescript_1.default.SyntaxKind.PrivateKeyword);
/** Names declared in this package that a public declaration mentions but the entry point lacks, with who mentions them. */
function unexportedReferences() {
    const missing = new Map();
    const visit = (node, owner) => {
        // an implemented interface adds no member the class does not declare itself
        if (typescript_1.default.isHeritageClause(node) && node.token === typescript_1.default.SyntaxKind.ImplementsKeyword)
            return;
        if (isPrivate(node))
            return;
        const s = referencedSymbol(node);
        if (s && !(s.flags & typescript_1.default.SymbolFlags.TypeParameter) && !exportedTargets.has(s)) {
            const ours = (s.declarations ?? []).some((d) => d.getSourceFile().fileName.startsWith(libDir));
            if (ours) {
                const users = missing.get(s.name) ?? new Set();
                users.add(owner);
                missing.set(s.name, users);
            }
        }
        typescript_1.default.forEachChild(node, (child) => visit(child, owner));
    };
    for (const e of publicSymbols)
        for (const d of resolved(e).declarations ?? [])
            visit(d, e.name);
    return missing;
}
/** Every name the README's TypeScript blocks import from 'cdktf-barman'. */
function readmeImports() {
    const readme = (0, node_fs_1.readFileSync)((0, node_path_1.join)(root, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)].map((m) => m[1]);
    const names = [];
    for (const block of blocks) {
        for (const m of block.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'cdktf-barman'/g)) {
            for (const part of m[1].split(',')) {
                const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
                if (name)
                    names.push(name);
            }
        }
    }
    return names;
}
(0, node_test_1.describe)('the entry point exports exactly the public API', () => {
    (0, node_test_1.test)('the exported names are the pinned list (change both on purpose)', () => {
        strict_1.default.deepEqual(sortedNames(publicSymbols.map((e) => e.name)), sortedNames(PUBLIC_NAMES));
    });
    (0, node_test_1.test)('every type a public declaration mentions is exported', () => {
        const missing = unexportedReferences();
        const report = [...missing].map(([name, users]) => `${name} (used by ${sortedNames(users).join(', ')})`);
        strict_1.default.deepEqual(report, [], `export these from lib/index.ts, or keep them out of public signatures:\n  ${report.join('\n  ')}`);
    });
    (0, node_test_1.test)('at run time the module has exactly the exported values', () => {
        const runtime = require((0, node_path_1.join)(libDir, 'index.js'));
        const values = publicSymbols.filter((e) => resolved(e).flags & typescript_1.default.SymbolFlags.Value).map((e) => e.name);
        strict_1.default.deepEqual(sortedNames(Object.keys(runtime)), sortedNames(values));
        for (const name of values)
            strict_1.default.notEqual(runtime[name], undefined, `${name} is undefined at run time`);
    });
    (0, node_test_1.test)("every name the README imports from 'cdktf-barman' is exported", () => {
        const names = readmeImports();
        strict_1.default.ok(names.length > 0, "no `import { ... } from 'cdktf-barman'` found in the README's ts blocks");
        const exported = new Set(publicSymbols.map((e) => e.name));
        strict_1.default.deepEqual(names.filter((n) => !exported.has(n)), []);
    });
});
