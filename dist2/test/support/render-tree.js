"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderTopology = renderTopology;
exports.readTree = readTree;
exports.writeTree = writeTree;
exports.compareTrees = compareTrees;
exports.isSameTree = isSameTree;
exports.formatTreeDiff = formatTreeDiff;
exports.lineDiff = lineDiff;
const node_fs_1 = require("node:fs");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
const tpa_config_1 = require("../../lib/config/tpa-config");
const main_1 = require("../../lib/cli/main");
const paths_1 = require("./paths");
/**
 * Renders a topology fixture exactly as the command line does (`render CONFIG --out DIR`, run
 * in-process through the CLI's own entry point) into a fresh temp dir.
 */
async function renderTopology(name) {
    const configPath = (0, paths_1.topologyConfig)(name);
    const base = (0, node_fs_1.mkdtempSync)((0, node_path_1.join)((0, node_os_1.tmpdir)(), `cdktf-barman-${name}-`));
    const outDir = (0, node_path_1.join)(base, 'out');
    let stdout = '';
    let stderr = '';
    const code = await (0, main_1.main)(['render', configPath, '--out', outDir], { out: (t) => (stdout += t), err: (t) => (stderr += t) });
    if (code !== 0) {
        (0, node_fs_1.rmSync)(base, { recursive: true, force: true });
        throw new Error(`render ${configPath} exited ${code}:\n${stderr}${stdout}`);
    }
    return { name, configPath, graph: (0, tpa_config_1.loadGraphFromFile)(configPath), outDir, stderr, cleanup: () => (0, node_fs_1.rmSync)(base, { recursive: true, force: true }) };
}
/** Every regular file under dir (git cannot hold empty directories, so directories are not compared). */
function readTree(dir) {
    const tree = new Map();
    const walk = (abs, rel) => {
        for (const entry of (0, node_fs_1.readdirSync)(abs, { withFileTypes: true })) {
            const a = (0, node_path_1.join)(abs, entry.name);
            const r = rel === '' ? entry.name : `${rel}/${entry.name}`;
            if (entry.isDirectory())
                walk(a, r);
            else if (entry.isFile())
                tree.set(r, (0, node_fs_1.readFileSync)(a));
            else
                throw new Error(`${a}: neither a file nor a directory`);
        }
    };
    walk(dir, '');
    return tree;
}
function writeTree(dir, tree) {
    (0, node_fs_1.rmSync)(dir, { recursive: true, force: true });
    (0, node_fs_1.mkdirSync)(dir, { recursive: true });
    for (const [rel, content] of tree) {
        const target = (0, node_path_1.join)(dir, ...rel.split('/'));
        (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(target), { recursive: true });
        (0, node_fs_1.writeFileSync)(target, content);
    }
}
function compareTrees(expected, actual) {
    const missing = [...expected.keys()].filter((p) => !actual.has(p)).sort();
    const extra = [...actual.keys()].filter((p) => !expected.has(p)).sort();
    const changed = [...expected.keys()].filter((p) => actual.has(p) && !expected.get(p).equals(actual.get(p))).sort();
    return { missing, extra, changed };
}
function isSameTree(d) {
    return d.missing.length === 0 && d.extra.length === 0 && d.changed.length === 0;
}
/** A readable report of a TreeDiff, with a line diff of each changed file. */
function formatTreeDiff(what, d, expected, actual) {
    const out = [`${what}: the rendered files differ from the golden files`];
    for (const p of d.missing)
        out.push(`  missing (in golden, not rendered): ${p}`);
    for (const p of d.extra)
        out.push(`  extra (rendered, not in golden):   ${p}`);
    for (const p of d.changed) {
        out.push(`  changed: ${p}  (--- golden, +++ rendered)`);
        out.push(...lineDiff(expected.get(p).toString('utf8'), actual.get(p).toString('utf8')).map((l) => `    ${l}`));
    }
    out.push('If the change is intended, review it, then regenerate with UPDATE_GOLDEN=1 npm test.');
    return out.join('\n');
}
/**
 * A line diff (longest common subsequence) showing changed lines with 2 lines of context. Lines
 * are shown JSON-quoted, so a missing trailing newline, a tab or trailing space is visible.
 */
function lineDiff(a, b, context = 2) {
    const x = a.split('\n');
    const y = b.split('\n');
    const n = x.length;
    const m = y.length;
    const lcs = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--)
        for (let j = m - 1; j >= 0; j--)
            lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    const ops = [];
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && x[i] === y[j]) {
            ops.push({ op: ' ', text: x[i], line: i + 1 });
            i++;
            j++;
        }
        else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            ops.push({ op: '-', text: x[i], line: i + 1 });
            i++;
        }
        else {
            ops.push({ op: '+', text: y[j], line: j + 1 });
            j++;
        }
    }
    const show = ops.map((o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((p) => p.op !== ' '));
    const lines = [];
    ops.forEach((o, k) => {
        if (show[k])
            lines.push(`${o.op} ${String(o.line).padStart(3)}: ${JSON.stringify(o.text)}`);
        else if (k === 0 || show[k - 1])
            lines.push('  ...');
    });
    return lines;
}
