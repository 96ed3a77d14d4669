/**
 * The package's entry point (issue 14 item 3): the exported names are pinned, so adding or
 * removing one is a deliberate change of this list; every type a public signature mentions is
 * exported too (a user can name what they are given); and every name the README imports from
 * 'cdktf-barman' exists. Reads the compiled declaration files, which are what the package ships.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../support/paths';

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
  'DrillState',
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
  'PostgresRetirement',
  'PostgresRetirementProps',
  'PostgresRolesProps',
  'Preflight',
  'PreflightProps',
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

const root = repoRoot();
const libDir = join(root, 'dist', 'lib') + sep;
const indexFile = join(libDir, 'index.d.ts');
const program = ts.createProgram([indexFile], { noEmit: true, skipLibCheck: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 });
const checker = program.getTypeChecker();
const indexSource = program.getSourceFile(indexFile);
assert.ok(indexSource, `${indexFile} is missing: compile first (npx tsc -p tsconfig.json)`);
const publicSymbols = checker.getExportsOfModule(checker.getSymbolAtLocation(indexSource)!);

const resolved = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const exportedTargets = new Set(publicSymbols.map(resolved));
const sortedNames = (names: Iterable<string>): string[] => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The symbol a type reference names: for `Role.PRIMARY` the enum, for `import("./x").Y` Y. */
function referencedSymbol(node: ts.Node): ts.Symbol | undefined {
  let name: ts.Node | undefined;
  if (ts.isTypeReferenceNode(node)) name = node.typeName;
  else if (ts.isExpressionWithTypeArguments(node)) name = node.expression;
  else if (ts.isImportTypeNode(node)) name = node.qualifier;
  else if (ts.isTypeQueryNode(node)) name = node.exprName;
  if (!name) return undefined;
  let s = checker.getSymbolAtLocation(name);
  if (!s && ts.isImportTypeNode(node)) {
    const t = checker.getTypeFromTypeNode(node);
    s = t.aliasSymbol ?? t.getSymbol();
  }
  if (!s) return undefined;
  s = resolved(s);
  if (s.flags & ts.SymbolFlags.EnumMember && ts.isQualifiedName(name)) {
    const owner = checker.getSymbolAtLocation(name.left);
    if (owner) s = resolved(owner);
  }
  return s;
}

const isPrivate = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);

/** Names declared in this package that a public declaration mentions but the entry point lacks, with who mentions them. */
function unexportedReferences(): Map<string, Set<string>> {
  const missing = new Map<string, Set<string>>();
  const visit = (node: ts.Node, owner: string): void => {
    // an implemented interface adds no member the class does not declare itself
    if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) return;
    if (isPrivate(node)) return;
    const s = referencedSymbol(node);
    if (s && !(s.flags & ts.SymbolFlags.TypeParameter) && !exportedTargets.has(s)) {
      const ours = (s.declarations ?? []).some((d) => d.getSourceFile().fileName.startsWith(libDir));
      if (ours) {
        const users = missing.get(s.name) ?? new Set<string>();
        users.add(owner);
        missing.set(s.name, users);
      }
    }
    ts.forEachChild(node, (child) => visit(child, owner));
  };
  for (const e of publicSymbols) for (const d of resolved(e).declarations ?? []) visit(d, e.name);
  return missing;
}

/** Every name the README's TypeScript blocks import from 'cdktf-barman'. */
function readmeImports(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  const names: string[] = [];
  for (const block of blocks) {
    for (const m of block.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'cdktf-barman'/g)) {
      for (const part of m[1].split(',')) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0];
        if (name) names.push(name);
      }
    }
  }
  return names;
}

describe('the entry point exports exactly the public API', () => {
  test('the exported names are the pinned list (change both on purpose)', () => {
    assert.deepEqual(sortedNames(publicSymbols.map((e) => e.name)), sortedNames(PUBLIC_NAMES));
  });

  test('every type a public declaration mentions is exported', () => {
    const missing = unexportedReferences();
    const report = [...missing].map(([name, users]) => `${name} (used by ${sortedNames(users).join(', ')})`);
    assert.deepEqual(report, [], `export these from lib/index.ts, or keep them out of public signatures:\n  ${report.join('\n  ')}`);
  });

  test('at run time the module has exactly the exported values', () => {
    const runtime = require(join(libDir, 'index.js')) as Record<string, unknown>;
    const values = publicSymbols.filter((e) => resolved(e).flags & ts.SymbolFlags.Value).map((e) => e.name);
    assert.deepEqual(sortedNames(Object.keys(runtime)), sortedNames(values));
    for (const name of values) assert.notEqual(runtime[name], undefined, `${name} is undefined at run time`);
  });

  test("every name the README imports from 'cdktf-barman' is exported", () => {
    const names = readmeImports();
    assert.ok(names.length > 0, "no `import { ... } from 'cdktf-barman'` found in the README's ts blocks");
    const exported = new Set(publicSymbols.map((e) => e.name));
    assert.deepEqual(names.filter((n) => !exported.has(n)), []);
  });
});
