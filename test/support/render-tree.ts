import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadGraphFromFile } from '../../lib/config/tpa-config';
import { main } from '../../lib/cli/main';
import { BarmanGraph } from '../../lib/model/graph';
import { topologyConfig } from './paths';

/** Files of a directory tree: relative path ('/'-separated) to content. Directories are not listed. */
export type Tree = Map<string, Buffer>;

export interface RenderedTopology {
  readonly name: string;
  readonly configPath: string;
  readonly graph: BarmanGraph;
  /** what `cdktf-barman render CONFIG --out DIR` wrote: DIR/<instance>/<absolute path> + manifest.json */
  readonly outDir: string;
  readonly stderr: string;
  /** removes outDir */
  cleanup(): void;
}

/**
 * Renders a topology fixture exactly as the command line does (`render CONFIG --out DIR`, run
 * in-process through the CLI's own entry point) into a fresh temp dir.
 */
export async function renderTopology(name: string): Promise<RenderedTopology> {
  const configPath = topologyConfig(name);
  const base = mkdtempSync(join(tmpdir(), `cdktf-barman-${name}-`));
  const outDir = join(base, 'out');
  let stdout = '';
  let stderr = '';
  const code = await main(['render', configPath, '--out', outDir], { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  if (code !== 0) {
    rmSync(base, { recursive: true, force: true });
    throw new Error(`render ${configPath} exited ${code}:\n${stderr}${stdout}`);
  }
  return { name, configPath, graph: loadGraphFromFile(configPath), outDir, stderr, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** Every regular file under dir (git cannot hold empty directories, so directories are not compared). */
export function readTree(dir: string): Tree {
  const tree: Tree = new Map();
  const walk = (abs: string, rel: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const a = join(abs, entry.name);
      const r = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(a, r);
      else if (entry.isFile()) tree.set(r, readFileSync(a));
      else throw new Error(`${a}: neither a file nor a directory`);
    }
  };
  walk(dir, '');
  return tree;
}

export function writeTree(dir: string, tree: Tree): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [rel, content] of tree) {
    const target = join(dir, ...rel.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

export interface TreeDiff {
  /** in the expected tree, not rendered */
  readonly missing: string[];
  /** rendered, not in the expected tree */
  readonly extra: string[];
  /** in both, with different content */
  readonly changed: string[];
}

export function compareTrees(expected: Tree, actual: Tree): TreeDiff {
  const missing = [...expected.keys()].filter((p) => !actual.has(p)).sort();
  const extra = [...actual.keys()].filter((p) => !expected.has(p)).sort();
  const changed = [...expected.keys()].filter((p) => actual.has(p) && !expected.get(p)!.equals(actual.get(p)!)).sort();
  return { missing, extra, changed };
}

export function isSameTree(d: TreeDiff): boolean {
  return d.missing.length === 0 && d.extra.length === 0 && d.changed.length === 0;
}

/** A readable report of a TreeDiff, with a line diff of each changed file. */
export function formatTreeDiff(what: string, d: TreeDiff, expected: Tree, actual: Tree): string {
  const out: string[] = [`${what}: the rendered files differ from the golden files`];
  for (const p of d.missing) out.push(`  missing (in golden, not rendered): ${p}`);
  for (const p of d.extra) out.push(`  extra (rendered, not in golden):   ${p}`);
  for (const p of d.changed) {
    out.push(`  changed: ${p}  (--- golden, +++ rendered)`);
    out.push(...lineDiff(expected.get(p)!.toString('utf8'), actual.get(p)!.toString('utf8')).map((l) => `    ${l}`));
  }
  out.push('If the change is intended, review it, then regenerate with UPDATE_GOLDEN=1 npm test.');
  return out.join('\n');
}

/**
 * A line diff (longest common subsequence) showing changed lines with 2 lines of context. Lines
 * are shown JSON-quoted, so a missing trailing newline, a tab or trailing space is visible.
 */
export function lineDiff(a: string, b: string, context = 2): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const ops: { op: ' ' | '-' | '+'; text: string; line: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      ops.push({ op: ' ', text: x[i], line: i + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ op: '-', text: x[i], line: i + 1 });
      i++;
    } else {
      ops.push({ op: '+', text: y[j], line: j + 1 });
      j++;
    }
  }
  const show = ops.map((o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((p) => p.op !== ' '));
  const lines: string[] = [];
  ops.forEach((o, k) => {
    if (show[k]) lines.push(`${o.op} ${String(o.line).padStart(3)}: ${JSON.stringify(o.text)}`);
    else if (k === 0 || show[k - 1]) lines.push('  ...');
  });
  return lines;
}
