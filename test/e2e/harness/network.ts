/**
 * The opt-in private network of the e2e sandbox (StartOptions.network = "namespaces"): every host
 * gets its own network namespace (made by its holder, `unshare --net`), joined to a bridge in the
 * machine's namespace by a veth pair. A connection between hosts then comes from the sender's own
 * address, as on a real network, so pg_hba.conf lines and authorized_keys `from=` can be shown
 * to refuse a host that is not listed.
 *
 *   machine namespace: bridge cdktfbr<N>  10.213.<N>.1/24      (Terraform, the test)
 *   host namespace:    eth0               10.213.<N>.<11+i>/24, lo up
 *
 * The /24 is the first of 10.213.77.0 .. 10.213.126.0 that no route of the machine covers and no
 * other sandbox holds: the bridge name carries <N>, so creating the bridge is the claim (a
 * concurrent run gets "File exists" and takes the next one). There is no default route in the
 * hosts and ip_forward is left alone: the only reachable targets are the sandbox's own hosts, the
 * bridge address and each host's loopback.
 *
 * Every link the harness makes carries the alias "cdktf-barman-e2e owner=<pid> root=<dir>", so a
 * later run removes the links of a crashed one (owner dead or its temp dir gone).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";

const IP = "/usr/sbin/ip";
const ALIAS_PREFIX = "cdktf-barman-e2e";
const FIRST_OCTET = 77;
const LAST_OCTET = 126;
/** host i (0-based) gets .<FIRST_HOST + i> */
const FIRST_HOST = 11;

export interface SandboxNetwork {
  /** "10.213.77" */
  readonly prefix: string;
  /** "10.213.77.0/24" */
  readonly cidr: string;
  /** the bridge's address in the machine's namespace, "10.213.77.1" */
  readonly bridgeAddress: string;
  readonly bridge: string;
  /** the machine-side ends of the hosts' veth pairs (one per attached host) */
  readonly veths: string[];
}

/**
 * Whether this machine lets root make what network "namespaces" needs (a network namespace, a
 * bridge, a veth pair; CAP_NET_ADMIN, which some containers lack): false, or the reason. Probed
 * inside a throwaway network namespace, so the machine's own network is not touched.
 */
export function networkNamespacesMissing(): string | false {
  const probe = `${IP} link add name probebr type bridge && ${IP} link add name probev type veth peer name probew`;
  const r = spawnSync("/usr/bin/unshare", ["--net", "--", "/bin/sh", "-c", probe], { encoding: "utf8", timeout: 10_000 });
  if (r.status === 0) return false;
  return `cannot make a network namespace with a bridge and a veth pair here (${(r.stderr || String(r.error)).trim()}): run on a machine or VM, or in a container with CAP_NET_ADMIN`;
}

function ip(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(IP, args, { encoding: "utf8", timeout: 10_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`.trim() };
}

function mustIp(args: string[]): string {
  const r = ip(args);
  if (!r.ok) throw new Error(`ip ${args.join(" ")} failed: ${r.out}`);
  return r.out;
}

function aliasFor(root: string): string {
  return `${ALIAS_PREFIX} owner=${process.pid} root=${root}`;
}

function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

function ipv4ToInt(a: string): number {
  return a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
}

/** Does any route of the machine (other than the default) overlap prefix.0/24? */
function routed(prefix: string): boolean {
  const lo = ipv4ToInt(`${prefix}.0`);
  const hi = lo + 255;
  for (const line of mustIp(["-4", "-o", "route", "show", "table", "all"]).split("\n")) {
    const m = /^(?:\S+\s+)?(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?\s/.exec(line.replace(/^(local|broadcast|unicast)\s+/, ""));
    if (!m) continue;
    const bits = m[2] === undefined ? 32 : Number(m[2]);
    if (bits === 0) continue;
    const start = ipv4ToInt(m[1]) - (ipv4ToInt(m[1]) % 2 ** (32 - bits));
    const end = start + 2 ** (32 - bits) - 1;
    if (start <= hi && end >= lo) return true;
  }
  return false;
}

/** The address host `index` (0-based) gets on `prefix`. */
export function hostAddress(prefix: string, index: number): string {
  if (FIRST_HOST + index > 254) throw new Error(`too many hosts for one /24: ${index + 1}`);
  return `${prefix}.${FIRST_HOST + index}`;
}

/** Creates the bridge of a new sandbox on the first free /24 (see the file comment). */
export function claimNetwork(root: string): SandboxNetwork {
  const tried: string[] = [];
  for (let octet = FIRST_OCTET; octet <= LAST_OCTET; octet++) {
    const prefix = `10.213.${octet}`;
    const bridge = `cdktfbr${octet}`;
    if (routed(prefix)) {
      tried.push(`${prefix}.0/24 routed`);
      continue;
    }
    const add = ip(["link", "add", "name", bridge, "type", "bridge"]);
    if (!add.ok) {
      if (/File exists/.test(add.out)) {
        tried.push(`${bridge} exists`);
        continue;
      }
      throw new Error(`cannot create the sandbox bridge ${bridge}: ${add.out}`);
    }
    const network: SandboxNetwork = { prefix, cidr: `${prefix}.0/24`, bridgeAddress: `${prefix}.1`, bridge, veths: [] };
    try {
      mustIp(["link", "set", "dev", bridge, "alias", aliasFor(root)]);
      mustIp(["addr", "add", `${network.bridgeAddress}/24`, "dev", bridge]);
      mustIp(["link", "set", "dev", bridge, "up"]);
    } catch (e) {
      removeNetwork(network);
      throw e;
    }
    return network;
  }
  throw new Error(`no free /24 for the sandbox network in 10.213.${FIRST_OCTET}-${LAST_OCTET}.0: ${tried.join(", ")}`);
}

/**
 * Joins the network namespace of `holderPid` to the bridge: a veth pair whose inner end becomes
 * that namespace's eth0 with `address`, and loopback up.
 */
export function attachHost(network: SandboxNetwork, root: string, holderPid: number, index: number, address: string): void {
  const veth = `${network.bridge}v${index}`;
  if (veth.length > 15) throw new Error(`interface name ${veth} too long`);
  mustIp(["link", "add", "name", veth, "type", "veth", "peer", "name", "eth0", "netns", String(holderPid)]);
  network.veths.push(veth);
  mustIp(["link", "set", "dev", veth, "alias", aliasFor(root)]);
  mustIp(["link", "set", "dev", veth, "master", network.bridge]);
  mustIp(["link", "set", "dev", veth, "up"]);
  const inside = ["-t", String(holderPid), "-n", IP];
  for (const args of [["link", "set", "dev", "lo", "up"], ["addr", "add", `${address}/24`, "dev", "eth0"], ["link", "set", "dev", "eth0", "up"]]) {
    const r = spawnSync("/usr/bin/nsenter", [...inside, ...args], { encoding: "utf8", timeout: 10_000 });
    if (r.status !== 0) throw new Error(`in the namespace of ${holderPid}: ip ${args.join(" ")} failed: ${r.stderr}`);
  }
}

function linkExists(name: string): boolean {
  return fs.existsSync(`/sys/class/net/${name}`);
}

/**
 * Deletes the veths (normally already gone with their namespaces) and the bridge. Returns the
 * links that could not be deleted.
 */
export function removeNetwork(network: SandboxNetwork): string[] {
  const left: string[] = [];
  for (const link of [...network.veths, network.bridge]) {
    if (!linkExists(link)) continue;
    const r = ip(["link", "del", "dev", link]);
    if (!r.ok && linkExists(link)) left.push(`${link}: ${r.out}`);
  }
  return left;
}

/** Interfaces of this machine whose alias marks them as a sandbox's, with their owner. */
export function sandboxLinks(): Array<{ name: string; owner: number; root: string }> {
  const links: Array<{ name: string; owner: number; root: string }> = [];
  for (const name of fs.readdirSync("/sys/class/net")) {
    let alias = "";
    try {
      alias = fs.readFileSync(`/sys/class/net/${name}/ifalias`, "utf8").trim();
    } catch {
      continue;
    }
    const m = new RegExp(`^${ALIAS_PREFIX} owner=(\\d+) root=(.*)$`).exec(alias);
    if (m) links.push({ name, owner: Number(m[1]), root: m[2] });
  }
  return links;
}

/** Deletes the links of crashed runs (owner dead, or its temp dir gone); returns their names. */
export function cleanupStaleLinks(): string[] {
  const removed: string[] = [];
  for (const l of sandboxLinks()) {
    if (alive(l.owner) && fs.existsSync(l.root)) continue;
    if (ip(["link", "del", "dev", l.name]).ok || !linkExists(l.name)) removed.push(l.name);
  }
  return removed;
}
