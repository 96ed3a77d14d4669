/**
 * Proves the e2e harness: three sandboxed hosts (barman, pg1, pg2), each with its
 * own sshd and private mount namespace; isolation; ssh between hosts as the barman
 * and postgres users; a real PostgreSQL on pg1 reached from host barman over TCP;
 * and complete cleanup (PIDs gone, temp dir gone, real machine untouched).
 *
 * Needs root and the packages from scripts/e2e-setup.sh, and terraform for one subtest;
 * otherwise it is skipped with the reason (test/support/requirements.ts), under CI it fails.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import {
  e2eSkipReason,
  fingerprint,
  fingerprintDiff,
  pidAlive,
  processesOfHostKey,
  startHosts,
  Sandbox,
  StopReport,
} from "./hosts";
import { networkNamespacesMissing, sandboxLinks } from "./network";
import { skipUnless, terraformMissing } from "../../support/requirements";

const HOSTS = [
  { name: "barman", address: "127.0.0.11" },
  { name: "pg1", address: "127.0.0.12" },
  { name: "pg2", address: "127.0.0.13" },
];

/** Real-machine paths that must not change. */
const WATCHED = [
  "/etc",
  "/usr/local",
  "/var/lib/barman",
  "/var/lib/postgresql",
  "/var/log/barman",
  "/var/log/postgresql",
  "/var/spool/cron",
  "/root/.ssh",
  "/srv",
  "/run/sshd",
  "/run/postgresql",
];

const skip = e2eSkipReason();
const terraformSkip = skipUnless(terraformMissing());

test("e2e harness: sandboxed hosts", { skip, timeout: 180_000 }, async (t) => {
  const tmp = os.tmpdir();
  const tmpBefore = new Set(fs.readdirSync(tmp));
  const before = fingerprint(WATCHED);
  const t0 = Date.now();

  let sb: Sandbox | undefined;
  let report: StopReport | undefined;
  const nsIds: string[] = [];
  let lingering = 0;
  const hostKeys: string[] = [];
  try {
    // random free ssh port: another run of this test (npm test elsewhere) may be going on
    sb = await startHosts(HOSTS, { sshPort: "auto" });
    const s = sb;
    const [barman, pg1, pg2] = HOSTS.map((h) => s.host(h.name));
    nsIds.push(...s.hosts.map((h) => h.mountNs));
    hostKeys.push(...s.hosts.map((h) => h.hostPublicKey));

    await t.test("each host: own sshd, own namespace, root login by the harness key", async () => {
      await s.time("ssh root login x3", async () => {
        const own = fs.readlinkSync("/proc/self/ns/mnt");
        assert.equal(new Set(nsIds).size, 3, "three distinct mount namespaces");
        for (const h of s.hosts) {
          assert.notEqual(h.mountNs, own);
          const out = await h.check("hostname; id -un; readlink /proc/self/ns/mnt; echo $HOME");
          assert.deepEqual(out.trim().split("\n"), [h.name, "root", h.mountNs, "/root"]);
          assert.match(h.hostPublicKey, /^ssh-ed25519 AAAA\S+$/);
          const c = h.connection;
          assert.equal(c.host, h.address);
          assert.equal(c.user, "root");
          assert.equal(c.hostKey, h.hostPublicKey);
          assert.match(c.privateKey, /BEGIN OPENSSH PRIVATE KEY/);
          assert.ok(fs.existsSync(c.privateKeyPath));
        }
        // the listening sockets on the ssh port are exactly our three addresses (no wildcard)
        const hex = (a: string, port: number) =>
          a.split(".").reverse().map((o) => Number(o).toString(16).padStart(2, "0")).join("").toUpperCase() + ":" + port.toString(16).toUpperCase().padStart(4, "0");
        const listening = fs.readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)
          .map((l) => l.trim().split(/\s+/)).filter((f) => f[3] === "0A").map((f) => f[1]);
        const port = barman.sshPort;
        const onPort = listening.filter((l) => l.endsWith(":" + port.toString(16).toUpperCase().padStart(4, "0")));
        assert.deepEqual(onPort.sort(), s.hosts.map((h) => hex(h.address, h.sshPort)).sort());
        // sshd of pg1 does not answer on barman's address:port and vice versa: each
        // listens on exactly ListenAddress <own address>:<port>.
        const cfg = await pg1.readFile("/etc/ssh/cdktf-e2e/sshd_config");
        assert.match(cfg, new RegExp(`^ListenAddress ${pg1.address.replace(/\./g, "\\.")}:${pg1.sshPort}$`, "m"));
      });
    });

    await t.test("isolation: files written over ssh on barman are invisible on pg1 and on the machine", async () => {
      await s.time("isolation checks", async () => {
        const written = [
          "/etc/barman.d/e2e-isolation.conf",
          "/etc/cron.d/e2e-isolation",
          "/etc/logrotate.d/e2e-isolation",
          "/var/lib/barman/e2e-isolation",
          "/var/lib/postgresql/e2e-isolation",
          "/var/log/barman/e2e-isolation.log",
          "/usr/local/lib/cdktf-barman/e2e-isolation",
          "/tmp/e2e-isolation",
          "/root/e2e-isolation",
        ];
        await barman.check(
          ["set -e", "mkdir -p /usr/local/lib/cdktf-barman", ...written.map((p) => `echo barman-only > ${p}`),
            // replace /etc/barman.conf the way config tools do (write + rename)
            "printf '[barman]\\nbarman_user = barman\\n; e2e-isolation\\n' > /etc/barman.conf.new",
            "mv /etc/barman.conf.new /etc/barman.conf",
            "chown barman:barman /var/lib/barman/e2e-isolation"].join("\n"),
        );
        for (const p of written) {
          assert.equal((await barman.readFile(p)).trim(), "barman-only", p);
          assert.equal(await pg1.exists(p), false, `${p} visible on pg1`);
          assert.equal((await pg2.run(`test -e ${p}`)).code, 1, `${p} visible on pg2 (over ssh)`);
          assert.equal(fs.existsSync(p), false, `${p} visible on the real machine`);
        }
        assert.match(await barman.readFile("/etc/barman.conf"), /e2e-isolation/);
        assert.doesNotMatch(await pg1.readFile("/etc/barman.conf"), /e2e-isolation/);
        assert.doesNotMatch(fs.readFileSync("/etc/barman.conf", "utf8"), /e2e-isolation/);
        // the Debian package's files are visible through the /etc overlay
        assert.ok(await pg1.exists("/etc/barman.d/ssh-server.conf-template"));
        const st = await barman.stat("/var/lib/barman/e2e-isolation");
        assert.deepEqual([st.owner, st.group, st.type], ["barman", "barman", "regular file"]);
        const home = await barman.stat("/var/lib/barman");
        assert.deepEqual([home.owner, home.group, home.modeString], ["barman", "barman", "0750"]);
        const pgHome = await pg1.stat("/var/lib/postgresql");
        assert.deepEqual([pgHome.owner, pgHome.modeString], ["postgres", "0755"]);
        assert.equal((await pg1.stat("/tmp")).modeString, "1777");
        // outsidePath maps to the per-host directories
        assert.equal(fs.readFileSync(barman.outsidePath("/var/lib/barman/e2e-isolation")!, "utf8").trim(), "barman-only");
        assert.equal(fs.readFileSync(barman.outsidePath("/etc/barman.d/e2e-isolation.conf")!, "utf8").trim(), "barman-only");
      });
    });

    await t.test("Terraform's ssh communicator: file + remote-exec with a pinned host key", { skip: terraformSkip }, async () => {
      await s.time("terraform init + apply (terraform_data)", async () => {
        const dir = path.join(s.root, "terraform-smoke");
        fs.mkdirSync(dir);
        const c = barman.connection;
        const connection = { type: c.type, host: c.host, port: c.port, user: c.user, private_key: c.privateKey, host_key: c.hostKey, agent: false, timeout: "30s" };
        fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({
          resource: { terraform_data: { smoke: {
            connection,
            provisioner: [
              { file: { content: "from-terraform\n", destination: "/etc/barman.d/terraform.conf" } },
              { "remote-exec": { inline: ["set -e", "hostname > /var/lib/barman/tf-proof", "readlink /proc/self/ns/mnt >> /var/lib/barman/tf-proof"] } },
            ],
          } } },
        }, null, 2));
        const env = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_DATA_DIR: path.join(dir, ".terraform") };
        for (const args of [["init", "-input=false", "-no-color"], ["apply", "-auto-approve", "-input=false", "-no-color"]]) {
          const r = spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
          assert.equal(r.status, 0, `terraform ${args[0]}: ${r.stdout}\n${r.stderr}`);
        }
        assert.equal((await barman.readFile("/etc/barman.d/terraform.conf")).trim(), "from-terraform");
        assert.deepEqual((await barman.readFile("/var/lib/barman/tf-proof")).trim().split("\n"), ["barman", barman.mountNs]);
        // remote-exec's uploaded script landed in the host's private /tmp, not the machine's
        assert.match(await barman.check("ls /tmp", { via: "nsenter" }), /terraform_\d+\.sh/);
      });
    });

    await t.test("ssh between hosts as barman and postgres (StrictHostKeyChecking=yes)", async () => {
      await s.time("cross-host ssh setup + checks", async () => {
        // key pairs, made inside the hosts by the users themselves
        const mkKey = (h: typeof barman, user: string, home: string) =>
          h.check(`mkdir -p -m 700 ${home}/.ssh && ssh-keygen -q -t ed25519 -N '' -C ${user}@${h.name} -f ${home}/.ssh/id_ed25519 && cat ${home}/.ssh/id_ed25519.pub`, { user });
        const barmanPub = (await mkKey(barman, "barman", "/var/lib/barman")).trim();
        const pg1Pub = (await mkKey(pg1, "postgres", "/var/lib/postgresql")).trim();
        // authorized_keys and known_hosts, written the way a provisioner would
        await pg1.writeFile("/var/lib/postgresql/.ssh/authorized_keys", barmanPub + "\n", { owner: "postgres", mode: 0o600 });
        await barman.writeFile("/var/lib/barman/.ssh/authorized_keys", pg1Pub + "\n", { owner: "barman", mode: 0o600 });
        await barman.writeFile("/var/lib/barman/.ssh/known_hosts", pg1.knownHostsLine() + "\n", { owner: "barman", mode: 0o644 });
        await pg1.writeFile("/var/lib/postgresql/.ssh/known_hosts", barman.knownHostsLine() + "\n", { owner: "postgres", mode: 0o644 });

        const sshOpts = "-o BatchMode=yes -o StrictHostKeyChecking=yes";
        // barman@barman -> postgres@pg1, by address and by name; the remote side sees pg1's private view
        for (const target of [pg1.address, pg1.name]) {
          const out = await barman.check(
            `ssh ${sshOpts} postgres@${target} 'hostname; id -un; echo $HOME; readlink /proc/self/ns/mnt; cat ~/.ssh/id_ed25519.pub; test -e /etc/barman.d/e2e-isolation.conf && echo LEAK || echo isolated; echo \${SSH_CLIENT%% *}'`,
            { user: "barman" },
          );
          assert.deepEqual(out.trim().split("\n"), ["pg1", "postgres", "/var/lib/postgresql", pg1.mountNs, pg1Pub, "isolated", barman.address]);
        }
        // postgres@pg1 -> barman@barman (the barman-wal-archive / rsync direction)
        const back = await pg1.check(`ssh ${sshOpts} barman@barman 'hostname; id -un; readlink /proc/self/ns/mnt; cat /etc/barman.d/e2e-isolation.conf'`, { user: "postgres" });
        assert.deepEqual(back.trim().split("\n"), ["barman", "barman", barman.mountNs, "barman-only"]);
        // rsync over ssh (what Barman's rsync backup method uses)
        await pg1.check("echo via-rsync > /tmp/rsync-src && chmod 644 /tmp/rsync-src", { user: "postgres" });
        await barman.check(`rsync -e 'ssh ${sshOpts}' postgres@pg1:/tmp/rsync-src /var/lib/barman/rsync-dst`, { user: "barman" });
        assert.equal((await barman.readFile("/var/lib/barman/rsync-dst")).trim(), "via-rsync");
        // strict checking really is on: pg2 is not in barman's known_hosts
        const r = await barman.run(`ssh ${sshOpts} postgres@pg2 true`, { user: "barman" });
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, /Host key verification failed|No .* host key is known/);
        // and pg2's postgres home is its own (no authorized_keys there)
        assert.equal(await pg2.exists("/var/lib/postgresql/.ssh/authorized_keys"), false);
      });
    });

    await t.test("PostgreSQL on pg1, reached from host barman over TCP and over ssh", async () => {
      const pg = await s.startPostgres(pg1, { port: "auto" }); // 5432 by default; auto for concurrent runs
      const pgPort = pg.port;
      assert.equal(fs.readlinkSync(`/proc/${pg.pid}/ns/mnt`), pg1.mountNs, "postmaster runs in pg1's namespace");
      await s.time("psql checks", async () => {
        await pg.psql("CREATE ROLE barman SUPERUSER LOGIN PASSWORD 'e2e-secret'; CREATE ROLE streaming_barman REPLICATION LOGIN PASSWORD 'e2e-secret';");
        await barman.writeFile(
          "/var/lib/barman/.pgpass",
          `${pg1.address}:${pgPort}:*:barman:e2e-secret\n${pg1.address}:${pgPort}:*:streaming_barman:e2e-secret\n`,
          { owner: "barman", mode: 0o600 },
        );
        const q = await barman.check(
          `psql -X -At -h ${pg1.address} -p ${pgPort} -U barman -d postgres -c "select inet_server_addr(), current_setting('data_directory'), current_setting('cluster_name')"`,
          { user: "barman" },
        );
        assert.equal(q.trim(), `${pg1.address}|/srv/postgresql/data|cdktf-e2e-pg1`);
        // a physical replication connection, as pg_receivewal / barman streaming use
        const ident = await barman.check(
          `psql -X -At "host=${pg1.address} port=${pgPort} user=streaming_barman dbname=replication replication=true" -c IDENTIFY_SYSTEM`,
          { user: "barman" },
        );
        assert.match(ident.trim(), /^\d+\|1\|[0-9A-F]+\/[0-9A-F]+\|$/);
        // barman's ssh_command path: ssh postgres@pg1 and use the local socket there
        const viaSsh = await barman.check(`ssh -o BatchMode=yes postgres@pg1 "psql -X -At -p ${pgPort} -c 'show data_directory'"`, { user: "barman" });
        assert.equal(viaSsh.trim(), "/srv/postgresql/data");
        // pg1's PostgreSQL is not visible on pg2's socket dir
        assert.equal(await pg2.exists(`/run/postgresql/.s.PGSQL.${pgPort}`), false);
        assert.equal(await pg1.exists(`/run/postgresql/.s.PGSQL.${pgPort}`), true);
        // a long-running process left behind by a login (like pg_receivewal started by a
        // provisioner): stop() must find it in the namespace and end it
        await barman.check("setsid sleep 600 </dev/null >/dev/null 2>&1 & echo $! > /tmp/lingering.pid", { user: "barman" });
        lingering = Number((await barman.readFile("/tmp/lingering.pid")).trim());
        assert.ok(pidAlive(lingering));
        // legacy scp protocol (what Terraform's file provisioner speaks) into the host
        const src = path.join(s.root, "scp-src.conf");
        fs.writeFileSync(src, "via-scp\n");
        const scp = spawnSync("scp", ["-O", "-q", ...s.sshOptions(barman), src, `root@${barman.address}:/etc/barman.d/scp.conf`], { encoding: "utf8" });
        assert.equal(scp.status, 0, scp.stderr);
        assert.equal((await barman.readFile("/etc/barman.d/scp.conf")).trim(), "via-scp");
        assert.equal(fs.existsSync("/etc/barman.d/scp.conf"), false);
        // barman itself runs and sees the host's config
        const ver = await barman.check("barman --version 2>&1", { user: "barman" });
        assert.match(ver, /^\d+\.\d+/);
      });
    });
  } finally {
    if (sb) report = await sb.stop();
  }

  // ---- cleanup proofs (outside the sandbox) -------------------------------------
  assert.ok(report && sb);
  assert.ok(report.pids.length >= 6, `tracked PIDs: ${report.pids.join(",")}`);
  if (lingering) {
    assert.ok(report.pids.includes(lingering), "the lingering process was found by the namespace sweep");
    assert.equal(pidAlive(lingering), false);
  }
  const alive = report.pids.filter(pidAlive);
  assert.deepEqual(alive, [], "no tracked PID still alive");
  // (namespace ids are reused once freed, so look for this run's host keys instead)
  for (const key of hostKeys) assert.deepEqual(processesOfHostKey(key), [], "no process of a sandboxed host left");
  assert.equal(fs.existsSync(sb.root), false, "temp dir removed");
  // new entries in the machine's temp dir that are ours (or orphans): none.  Live
  // sandboxes of concurrent runs (another npm test) are not ours.
  const concurrentRun = (e: string): boolean => {
    try {
      const owner = JSON.parse(fs.readFileSync(path.join(tmp, e, "owner.json"), "utf8")) as { pid: number };
      return owner.pid !== process.pid && pidAlive(owner.pid);
    } catch {
      return false;
    }
  };
  const tmpAfter = fs.readdirSync(tmp)
    .filter((e) => !tmpBefore.has(e) && (e.startsWith("cdktf-barman-e2e-") || e.startsWith("terraform_")))
    .filter((e) => !concurrentRun(e));
  assert.deepEqual(tmpAfter, [], "nothing of ours left in the temp dir");
  const diff = fingerprintDiff(before, fingerprint(WATCHED));
  assert.deepEqual(diff, [], "real machine unchanged");

  console.error(`e2e harness timings (total ${Date.now() - t0} ms, stop ${report.ms} ms, ${report.pids.length} PIDs, SIGKILLed: ${report.killed.length}):\n${sb.timingReport()}`);
});

const networkSkip = skip || skipUnless(networkNamespacesMissing());

test("e2e harness: network namespaces give each host its own source address", { skip: networkSkip, timeout: 120_000 }, async () => {
  // a leftover of a crashed run: a link marked as a sandbox's whose owner is dead
  const dead = spawnSync("/bin/true").pid!;
  const stale = "cdktfstale0";
  const made = spawnSync("/usr/sbin/ip", ["link", "add", "name", stale, "type", "bridge"], { encoding: "utf8" });
  assert.equal(made.status, 0, `ip link add ${stale}: ${made.stderr}`);
  spawnSync("/usr/sbin/ip", ["link", "set", "dev", stale, "alias", `cdktf-barman-e2e owner=${dead} root=/nonexistent`]);

  let sb: Sandbox | undefined;
  let links: string[] = [];
  try {
    sb = await startHosts([{ name: "alpha" }, { name: "beta" }], { network: "namespaces", sshPort: "auto" });
    assert.equal(fs.existsSync(`/sys/class/net/${stale}`), false, "the crashed run's link was removed at start");
    const net = sb.network!;
    const [alpha, beta] = [sb.host("alpha"), sb.host("beta")];
    links = [net.bridge, ...net.veths];
    assert.match(alpha.address, /^10\.213\.\d+\.\d+$/);
    assert.notEqual(alpha.address, beta.address);
    assert.deepEqual(sandboxLinks().filter((l) => l.owner === process.pid).map((l) => l.name).sort(), [...links].sort(), "every link made is marked as ours");

    // each host sees only its own eth0 address and loopback, and has no route off the sandbox's /24
    const addrs = await alpha.check("ip -4 -o addr show | awk '{print $2, $4}'", { via: "nsenter" });
    assert.deepEqual(addrs.trim().split("\n"), ["lo 127.0.0.1/8", `eth0 ${alpha.address}/24`]);
    const offNet = await alpha.run("ip route get 192.0.2.1", { via: "nsenter" });
    assert.notEqual(offNet.code, 0, `no route off the sandbox network: ${offNet.stdout}`);
    assert.match(offNet.stderr, /unreachable/i);

    // a TCP connection from alpha to beta's sshd: beta's sshd logs alpha's address as the source
    const scan = await alpha.run(`ssh-keyscan -T 5 -p ${beta.sshPort} ${beta.address}`, { via: "nsenter" });
    assert.match(scan.stdout, /ssh-ed25519/, `alpha reaches beta: ${scan.stderr}`);
    const log = await beta.readFile("/var/log/sshd.log");
    assert.ok(log.includes(`Connection from ${alpha.address} port`), `beta saw alpha's address:\n${log}`);
    // the test (machine namespace) reaches the hosts through the bridge, from the bridge's address
    const client = await beta.check("echo ${SSH_CLIENT%% *}");
    assert.equal(client.trim(), net.bridgeAddress);
    // a concurrent sandbox (another run) claims another /24 and bridge
    const other = await startHosts([{ name: "gamma" }], { network: "namespaces" });
    try {
      assert.notEqual(other.network!.prefix, net.prefix, `two sandboxes, two subnets: ${other.network!.cidr}`);
      assert.notEqual(other.network!.bridge, net.bridge);
    } finally {
      await other.stop();
    }
  } finally {
    if (sb) await sb.stop();
    spawnSync("/usr/sbin/ip", ["link", "del", "dev", stale]);
  }
  const left = links.filter((l) => fs.existsSync(`/sys/class/net/${l}`));
  assert.deepEqual(left, [], "no interface of the sandbox left after stop()");
  assert.deepEqual(sandboxLinks().filter((l) => l.owner === process.pid), [], "no link marked as ours left");
});
