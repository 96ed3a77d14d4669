/**
 * What is on the sandboxed hosts: listings of their private trees (to prove what an apply wrote and
 * that it wrote nothing else), the files the library's renderers say should be there, and the
 * lines of the shared authorized_keys / known_hosts files.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SandboxHost } from './harness/hosts';
import { shq } from './harness/hosts';
import { KeyAlgorithm, SshUser } from '../../lib/model/enums';
import { BarmanGraph, Instance } from '../../lib/model/graph';
import { FileKind, HostFile, HostPlan } from '../../lib/render/host-files';
import { renderHosts } from '../../lib/concerns/render-hosts';
import { KeyMaterial } from '../../lib/render/key-material';
import { WRITTEN_RECORDS_DIR, writtenRecordPath } from '../../lib/scripts/drift-library';

/** Where the harness's PostgreSQL clusters live (inside path): config.yml's postgres_conf_dir. */
export const PG_DATA = '/srv/postgresql/data';

/** The private trees of a host that an apply may touch (inside paths). */
export const WATCHED_ROOTS = ['/etc', '/usr/local', '/var/lib/barman', '/var/lib/postgresql', '/root', '/var/log', '/tmp', '/var/tmp', '/srv'];

/** path -> what it is: "type mode owner:group" plus, for files, size and sha256 (or mtime where not hashed) */
export interface Snapshot {
  readonly entries: Map<string, string>;
  /** path -> mtime of files: a file rewritten with the same content shows here only */
  readonly mtimes: Map<string, string>;
}

/**
 * Lists every entry below the roots, as the host itself sees them (overlay merged). Files are
 * compared by content (sha256) where the host has its own copy: the overlay's upper layer of /etc
 * and /usr/local (a file not there is the machine's, unchanged) and the per-host directories;
 * except Barman's data under barman_home/<server>/ (backups, WAL: large and Barman's own), which
 * is compared by size and mtime.
 */
export async function snapshotHost(h: SandboxHost, roots: readonly string[] = WATCHED_ROOTS): Promise<Snapshot> {
  // /srv/postgresql holds the live PostgreSQL cluster: its own business, except its configuration
  // files (pg_hba.conf, postgresql.auto.conf, ...), which the library edits: those are listed too
  const script =
    `find ${roots.map(shq).join(' ')} -path /srv/postgresql -prune -o \\( -type d -printf 'd %m %u:%g\\t%p\\n' \\) -o -printf '%y %m %u:%g %s\\t%p\\n' -printf 'M %T@\\t%p\\n'; ` +
    `[ ! -d ${PG_DATA} ] || find ${PG_DATA} -maxdepth 1 -name '*.conf' -printf '%y %m %u:%g %s\\t%p\\n' -printf 'M %T@\\t%p\\n'`;
  const r = await h.run(script, { via: 'nsenter', timeoutMs: 60_000 });
  if (r.code !== 0 && r.stdout === '') throw new Error(`[${h.name}] find failed: ${r.stderr}`);
  const entries = new Map<string, string>();
  const mtimes = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const p = line.slice(tab + 1);
    if (line.startsWith('M ')) mtimes.set(p, line.slice(2, tab));
    else entries.set(p, line.slice(0, tab));
  }
  const hashes = new Map<string, string>();
  for (const root of roots) {
    const outside = h.outsidePath(root);
    if (outside) hashTree(outside, root, hashes);
  }
  for (const p of entries.keys()) {
    const outside = p.startsWith(`${PG_DATA}/`) ? h.outsidePath(p) : undefined;
    if (outside && fs.existsSync(outside)) hashes.set(p, crypto.createHash('sha256').update(fs.readFileSync(outside)).digest('hex'));
  }
  for (const [p, d] of entries) {
    if (d.startsWith('d ')) continue;
    entries.set(p, `${d} ${hashes.get(p) ?? (isBarmanData(p) || !d.startsWith('f ') ? mtimes.get(p) : 'as-on-the-machine')}`);
  }
  return { entries, mtimes };
}

function isBarmanData(p: string): boolean {
  return /^\/var\/lib\/barman\/[^./][^/]*\//.test(p);
}

/** sha256 of every regular file below `outside`, keyed by its inside path */
function hashTree(outside: string, inside: string, out: Map<string, string>): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(outside);
  } catch {
    return;
  }
  if (inside === '/srv/postgresql' || isBarmanData(inside + '/')) return;
  if (st.isDirectory()) {
    for (const e of fs.readdirSync(outside)) hashTree(path.join(outside, e), path.posix.join(inside, e), out);
  } else if (st.isFile()) {
    out.set(inside, crypto.createHash('sha256').update(fs.readFileSync(outside)).digest('hex'));
  }
}

export interface SnapshotDiff {
  readonly added: string[];
  readonly removed: string[];
  /** content, mode or owner changed */
  readonly changed: string[];
  /** same content, mode and owner, but written again (new mtime) */
  readonly rewritten: string[];
}

export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  const rewritten: string[] = [];
  for (const [p, d] of after.entries) {
    const b = before.entries.get(p);
    if (b === undefined) added.push(p);
    else if (b !== d) changed.push(p);
    else if (before.mtimes.get(p) !== after.mtimes.get(p)) rewritten.push(p);
  }
  for (const p of before.entries.keys()) if (!after.entries.has(p)) removed.push(p);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort(), rewritten: rewritten.sort() };
}

export function allPaths(d: SnapshotDiff): string[] {
  return [...d.added, ...d.removed, ...d.changed].sort();
}

/**
 * Changes that are not the library's: login records and daemon logs that every ssh login or the
 * test's PostgreSQL write, and Terraform's own uploads of the remote-exec scripts. Anything else
 * that changes must be an expected path.
 */
export function isHarnessNoise(p: string): boolean {
  return /^\/var\/log\/(lastlog|wtmp|btmp|sshd\.log)$/.test(p) || /^\/var\/log\/postgresql(\/|$)/.test(p) || isTerraformUpload(p);
}

/**
 * Where Terraform's remote-exec uploads the provisioners' scripts: its default /tmp/terraform_N.sh,
 * and the library's script_path for the ones that carry a private key. After running one,
 * Terraform uploads an empty file to the same path ("to prevent residual script contents"), so an
 * empty file stays there even when the script removed itself.
 */
export function isTerraformUpload(p: string): boolean {
  return /^\/tmp\/terraform_\d+\.sh$/.test(p) || /^\/root\/\.cdktf-barman-\d+\.sh$/.test(p);
}

/** Barman's own files under barman_home once it runs: per-server directories and lock files. */
export function isBarmanRuntime(p: string, barmanHome: string, serverNames: readonly string[]): boolean {
  if (p === '/var/log/barman.log') return true;
  if (!p.startsWith(barmanHome + '/')) return false;
  const rest = p.slice(barmanHome.length + 1);
  const first = rest.split('/')[0];
  return serverNames.includes(first) || /^\.[A-Za-z0-9_.-]*\.lock$/.test(rest);
}

/** Key material of the applied stack, so that the renderers produce exactly what should be on the hosts. */
export class AppliedKeys implements KeyMaterial {
  readonly algorithm = KeyAlgorithm.ED25519;

  constructor(
    private readonly pairs: Record<SshUser, { publicKey: string; privateKey: string }>,
    /** sshd host keys as the hosts really have them ("ssh-ed25519 AAAA...") */
    private readonly hostKeysByName: ReadonlyMap<string, string[]>,
  ) {}

  publicKey(user: SshUser): string {
    return this.pairs[user].publicKey;
  }

  privateKey(user: SshUser): string {
    return this.pairs[user].privateKey;
  }

  hostKeys(host: Instance): string[] {
    const keys = this.hostKeysByName.get(host.name);
    if (!keys) throw new Error(`no host key for ${host.name}`);
    return keys;
  }
}

/** The render manifest for the graph with the real keys: per host name, its files. */
export function expectedFiles(graph: BarmanGraph, keys: KeyMaterial): Map<string, HostPlan> {
  return new Map(renderHosts(graph, keys).map((p) => [p.instance.name, p]));
}

/**
 * The library's records of what it wrote (drift detection), with their directories: one per whole
 * file of the manifest (public key files excepted: their content comes at apply time).
 */
export function writtenRecordPaths(plan: HostPlan | undefined): string[] {
  const out = new Set<string>();
  for (const f of plan?.files ?? []) {
    if (f.kind !== FileKind.FILE) continue;
    for (let p = writtenRecordPath(f.path); p.startsWith(WRITTEN_RECORDS_DIR); p = path.posix.dirname(p)) out.add(p);
  }
  return [...out].sort();
}

/** Paths a file of the manifest implies (the file and nothing more). */
export function manifestPaths(plan: HostPlan | undefined): string[] {
  return (plan?.files ?? []).map((f: HostFile) => f.path);
}

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines of a shared file that end with the cluster's marker, and the others. */
export function managedAndForeign(text: string, marker: string): { managed: string[]; foreign: string[] } {
  const managed: string[] = [];
  const foreign: string[] = [];
  for (const l of splitLines(text)) (l.trimEnd().endsWith(` ${marker}`) ? managed : foreign).push(l);
  return { managed, foreign };
}

/** Outside path of the sshd log of a host (the harness writes it). */
export function sshdLogPath(h: SandboxHost): string {
  return path.join(h.dir, 'var-log', 'sshd.log');
}

/** Number of root logins sshd accepted so far (Terraform's connections and the harness's own ssh runs). */
export function acceptedRootLogins(h: SandboxHost): number {
  try {
    return fs.readFileSync(sshdLogPath(h), 'utf8').split('\n').filter((l) => /Accepted publickey for root /.test(l)).length;
  } catch {
    return 0;
  }
}

/** Every `.cdktf-barman.*` temp file (the scripts' half-written files) below the host's private trees. */
export async function findTempFiles(h: SandboxHost): Promise<string[]> {
  const r = await h.run(`find ${WATCHED_ROOTS.map(shq).join(' ')} -name '.cdktf-barman.*' -print`, { via: 'nsenter', timeoutMs: 60_000 });
  return splitLines(r.stdout);
}

/**
 * The library's marked blocks in a shared file (pg_hba.conf, .pgpass), found as its scripts find
 * them: from a line equal to `begin` (or starting with `begin` and a space) to a line equal to
 * `end`. Returns each block's lines by its begin marker, how often each occurs, and every line
 * outside all of them.
 */
export function splitBlocks(text: string, markers: ReadonlyArray<{ begin: string; end: string }>): { blocks: Map<string, string[]>; counts: Map<string, number>; outside: string[] } {
  const blocks = new Map<string, string[]>();
  const counts = new Map<string, number>();
  const outside: string[] = [];
  let open: { begin: string; end: string } | undefined;
  for (const l of splitLines(text)) {
    if (!open) {
      const m = markers.find((x) => l === x.begin || l.startsWith(`${x.begin} `));
      if (m) {
        open = m;
        counts.set(m.begin, (counts.get(m.begin) ?? 0) + 1);
        blocks.set(m.begin, [l]);
        continue;
      }
      outside.push(l);
    } else {
      blocks.get(open.begin)!.push(l);
      if (l === open.end) open = undefined;
    }
  }
  return { blocks, counts, outside };
}

/** The fields of a .pgpass line, split at unescaped ':' and unescaped (libpq's rules). */
export function pgpassFields(line: string): string[] {
  const fields: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) cur += line[++i];
    else if (c === ':' && fields.length < 4) {
      fields.push(cur);
      cur = '';
    } else cur += c;
  }
  fields.push(cur);
  return fields;
}
