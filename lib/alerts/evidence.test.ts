import { describe, expect, it } from "vitest";
import { FALCO_RULE_EDGES, evidenceOf, type TEvidenceContext, type TEvidenceEdge } from "./evidence";
import { normalizeFalcoEvent } from "./normalize-falco";
import { normalizeTetragonEvent } from "./normalize-tetragon";
import { falcoExamples, falcoRule, falcoRules, tetragonEvent, tetragonType } from "./test-fixtures";
import type { TNormalizedAlert } from "./types";

type TFields = Record<string, string | number | null>;

const CONTAINER: TFields = { "container.id": "0a1b2c3d4e5f", "container.name": "api", "k8s.ns.name": "payments", "k8s.pod.name": "api-7d9f", "proc.name": "cat", "proc.cmdline": "cat", "user.name": "root" };
const HOST: TFields = { "container.id": "host", "container.name": "host", "proc.name": "cat", "proc.cmdline": "cat" };

/** A Falco event for a real rule: its priority, tags and output template filled with the fields. */
function falco(ruleName: string, fields: TFields, base: TFields = CONTAINER): TNormalizedAlert {
  const rule = falcoRule(ruleName);
  const all: TFields = { ...base, ...fields };
  const output = rule.output.replace(/%([\w.]+(?:\[[^\]]*\])?)/g, (_m, key: string) => String(all[key] ?? "<NA>"));
  return normalizeFalcoEvent({
    rule: rule.rule, priority: rule.priority, source: rule.source, tags: rule.tags, hostname: "node-1",
    time: "2025-03-01T10:00:00.123456789Z", output: `10:00:00.123456789: ${rule.priority} ${output}`, output_fields: all,
  });
}

/** A Tetragon fixture with its process changed. */
function tetragon(name: string, change: (process: Record<string, unknown>, body: Record<string, unknown>) => void): TNormalizedAlert {
  const event = tetragonEvent(name);
  const body = event[tetragonType(event)] as Record<string, unknown>;
  change(body.process as Record<string, unknown>, body);
  return normalizeTetragonEvent(event);
}

const POD = { namespace: "payments", name: "api-7d9f", container: { id: "containerd://0a1b2c3d4e5f", name: "api" } };
const edges = (alert: TNormalizedAlert, ctx?: TEvidenceContext) => evidenceOf(alert, ctx).map((e) => e.edge);

describe("evidenceOf", () => {
  it("maps only rule names that exist in Falco's rule files, each to its edge", () => {
    const names = new Set(falcoRules().map((r) => r.rule));
    for (const [rule, edge] of Object.entries(FALCO_RULE_EDGES)) {
      expect(names).toContain(rule);
      const source = falcoRule(rule).source;
      const fields: TFields = source === "k8s_audit" ? { "ka.user.name": "alice", "ka.target.resource": "pods" } : {};
      expect(edges(falco(rule, fields, source === "k8s_audit" ? {} : CONTAINER))).toContain(edge);
    }
  });

  it("finds nothing in an ordinary shell alert or a denied audit request", () => {
    expect(edges(normalizeFalcoEvent(falcoExamples().find((e) => e.event.rule === "Terminal shell in container")!.event))).toEqual([]);
    expect(edges(falco("K8s Secret Get Unsuccessfully Tried", { "ka.verb": "get", "ka.target.resource": "secrets", "ka.target.name": "db", "ka.response.code": "403", "ka.user.name": "bob" }, {}))).toEqual([]);
    expect(edges(falco("PTRACE anti-debug attempt", { "evt.type": "ptrace", "evt.arg.request": "PTRACE_TRACEME" }))).toEqual([]);
  });

  it("IDENTITY_ASSUME: a container reads its own token file; not the host, not a write", () => {
    const tokenRead = (path: string, mask: number, pod: unknown = POD) =>
      tetragon("filename-access.md#L123-L212", (p, body) => {
        p.pod = pod;
        body.args = [{ file_arg: { path } }, { int_arg: mask }];
      });
    expect(edges(tokenRead("/var/run/secrets/kubernetes.io/serviceaccount/token", 4))).toEqual(["IDENTITY_ASSUME"]);
    expect(edges(tokenRead("/run/secrets/kubernetes.io/serviceaccount/..2025_03_01/token", 4))).toEqual(["IDENTITY_ASSUME"]);
    expect(edges(tokenRead("/var/run/secrets/kubernetes.io/serviceaccount/token", 2))).toEqual([]);
    expect(edges(falco("Terminal shell in container", { "proc.cmdline": "sh -c cat /var/run/secrets/kubernetes.io/serviceaccount/token" }))).toEqual(["IDENTITY_ASSUME"]);
  });

  it("SECRET_MOUNT: a read below a mounted secret's path, which only the context knows", () => {
    const alert = falco("Read sensitive file untrusted", { "fd.name": "/etc/db-creds/password", "evt.type": "openat", "evt.arg.flags": "O_RDONLY" });
    expect(edges(alert, { mountedSecretPaths: ["/etc/db-creds"] })).toEqual(["SECRET_MOUNT"]);
    expect(edges(alert)).toEqual([]);
  });

  it("TOKEN_STEAL and EXPLOIT_HOST_TRAVERSE: another pod's token through the kubelet directory", () => {
    const token = "/var/lib/kubelet/pods/5a9fc508-8410-444a-bf63-9f11e5979bee/volumes/kubernetes.io~projected/kube-api-access-225d6/token";
    const viaHost = falco("Container Access to Host Sensitive Paths", { "fd.name": `/host${token}`, "evt.type": "openat", "evt.arg.flags": "O_RDONLY" });
    expect(edges(viaHost).sort()).toEqual(["EXPLOIT_HOST_TRAVERSE", "TOKEN_STEAL"]);
    const hostpods = falco("Read sensitive file untrusted", { "fd.name": "/hostpods/063c7aae/volumes/kubernetes.io~projected/kube-api-access-zhzgh/token" });
    expect(edges(hostpods).sort()).toEqual(["EXPLOIT_HOST_TRAVERSE", "TOKEN_STEAL"]);
    expect(edges(falco("Read sensitive file untrusted", { "fd.name": token }, HOST))).toEqual(["TOKEN_STEAL"]);
    expect(edges(falco("Write below root", { "fd.name": token, "evt.type": "openat", "evt.arg.flags": "O_WRONLY|O_TRUNC", "proc.name": "kubelet" }, HOST))).toEqual([]);
    expect(edges(falco("Terminal shell in container", { "proc.cmdline": "find /host/var/lib/kubelet/pods/ -name token" }))).toEqual(["EXPLOIT_HOST_TRAVERSE"]);
  });

  it("EXPLOIT_HOST_READ / WRITE: host files through a hostPath, by open flags", () => {
    const open = (path: string, flags: string, base = CONTAINER) => falco("Container Access to Host Sensitive Paths", { "fd.name": path, "evt.type": "openat", "evt.arg.flags": flags }, base);
    expect(edges(open("/host/etc/shadow", "O_RDONLY"))).toEqual(["EXPLOIT_HOST_READ"]);
    expect(edges(open("/rootfs/etc/cron.d/job", "O_WRONLY|O_CREAT"))).toEqual(["EXPLOIT_HOST_WRITE"]);
    expect(edges(open("/proc/1/root/root/.ssh/id_rsa", "O_RDONLY"))).toEqual(["EXPLOIT_HOST_READ"]);
    expect(edges(open("/mnt/node-etc/passwd", "O_RDONLY"), { hostMountPaths: ["/mnt/node-etc"] })).toEqual(["EXPLOIT_HOST_READ"]);
    expect(edges(open("/mnt/node-etc/passwd", "O_RDONLY"))).toEqual([]);
    expect(edges(open("/host/etc/shadow", "O_RDONLY", HOST))).toEqual([]);
    expect(edges(falco("Terminal shell in container", { "proc.cmdline": "sh -c echo '* * * * * root sh' > /host-etc/cron.d/breakout" }))).toEqual(["EXPLOIT_HOST_WRITE"]);
  });

  it("PERMISSION_DISCOVER: the API server by rule, by address from the context, or by name on the command line", () => {
    const real = falcoExamples().filter((e) => e.event.rule === "Contact K8S API Server From Container");
    expect(real.length).toBeGreaterThan(0);
    for (const e of real) expect(edges(normalizeFalcoEvent(e.event))).toEqual(["PERMISSION_DISCOVER"]);
    const connect = (tuple: string) => falco("Network Connection outside Local Subnet", { "fd.name": tuple, "fd.type": "ipv4" });
    expect(edges(connect("10.244.1.7:40522->10.96.0.1:443"), { apiServerIps: ["10.96.0.1"] })).toEqual(["PERMISSION_DISCOVER"]);
    expect(edges(connect("10.244.1.7:40522->10.96.0.1:443"))).toEqual([]);
    expect(edges(connect("10.244.1.7:40522->10.96.0.1:5432"), { apiServerIps: ["10.96.0.1"] })).toEqual([]);
    expect(edges(falco("Terminal shell in container", { "proc.cmdline": "curl -k https://kubernetes.default.svc/api/v1/namespaces" }))).toEqual(["PERMISSION_DISCOVER"]);
  });

  it("IMDS_ACCESS: 169.254.169.254 by rule, by peer, or on a command line", () => {
    expect(edges(falco("Contact cloud metadata service from container", { "fd.name": "10.244.1.7:40000->169.254.169.254:80", "fd.sip": "169.254.169.254" }))).toEqual(["IMDS_ACCESS"]);
    expect(edges(falco("Network Connection outside Local Subnet", { "fd.name": "10.244.1.7:40000->169.254.169.254:80" }))).toEqual(["IMDS_ACCESS"]);
    const curl = tetragon("process_exec.json", (p) => (p.arguments = "-s http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
    expect(edges(curl)).toEqual(["IMDS_ACCESS"]);
  });

  it("CE_NSENTER: the report's privileged pod and Tetragon's namespace-access policy", () => {
    expect(edges(normalizeTetragonEvent(tetragonEvent("privileged-pod-nsenter.json")))).toEqual(["CE_NSENTER"]);
    expect(edges(normalizeTetragonEvent(tetragonEvent("namespace-access.md#L118-L205")))).toEqual(["CE_NSENTER"]);
  });

  it("CE_PRIV_MOUNT: a mount of a host disk, not of a loop file; a block device opened in a container", () => {
    const mount = (args: string) => tetragon("privileged-pod-bash.json", (p) => Object.assign(p, { binary: "/bin/mount", arguments: args }));
    expect(edges(mount("/dev/vda1 /mnt/hostfs"))).toEqual(["CE_PRIV_MOUNT"]);
    expect(edges(mount("-o loop -t xfs loop.xfs /mnt/xfs.volume/"))).toEqual([]);
    expect(edges(normalizeTetragonEvent(tetragonEvent("linux-kernel-modules.md#L232-L305")))).toEqual([]);
    expect(edges(falco("Privileged Container Device Access", { "fd.name": "/dev/nvme0n1p1", "evt.type": "openat" }))).toEqual(["CE_PRIV_MOUNT"]);
    expect(edges(falco("Privileged Container Device Access", { "fd.name": "/dev/mem", "evt.type": "openat" }))).toEqual([]);
  });

  it("CE_MODULE_LOAD: insmod in a container; not on the host, not rmmod", () => {
    const insmod = tetragonEvent("linux-kernel-modules.md#L105-L150");
    expect(edges(normalizeTetragonEvent(insmod))).toEqual([]);
    expect(edges(tetragon("linux-kernel-modules.md#L105-L150", (p) => (p.pod = POD)))).toEqual(["CE_MODULE_LOAD"]);
    expect(edges(tetragon("linux-kernel-modules.md#L43-L90", (p) => (p.pod = POD)))).toEqual(["CE_MODULE_LOAD"]);
    expect(edges(tetragon("linux-kernel-modules.md#L501-L546", (p) => (p.pod = POD)))).toEqual([]);
  });

  it("CE_UMH_CORE_PATTERN: writes to core_pattern or release_agent, not reads", () => {
    expect(edges(falco("Terminal shell in container", { "proc.cmdline": `sh -c echo "|/tmp/x" > /proc/sys/kernel/core_pattern` }))).toEqual(["CE_UMH_CORE_PATTERN"]);
    expect(edges(falco("Terminal shell in container", { "proc.cmdline": "cat /proc/sys/kernel/core_pattern" }))).toEqual([]);
    const write = tetragon("process_kprobe.json", (_p, body) => (body.args = [{ file_arg: { path: "/sys/fs/cgroup/rdma/release_agent" } }]));
    expect(edges(write)).toEqual(["CE_UMH_CORE_PATTERN"]);
  });

  it("CE_SYS_PTRACE, CE_VAR_LOG_SYMLINK and EXPLOIT_CONTAINERD_SOCK", () => {
    expect(edges(falco("Terminal shell in container", { "proc.name": "gdb", "proc.cmdline": "gdb -p 1" }))).toEqual(["CE_SYS_PTRACE"]);
    const ptrace = tetragon("record-linux-capabilities.md#L81-L211", (_p, body) => Object.assign(body, { function_name: "__x64_sys_ptrace", args: [{ int_arg: 16 }, { int_arg: 1 }] }));
    expect(edges(ptrace)).toEqual(["CE_SYS_PTRACE"]);
    const ln = tetragon("privileged-pod-bash.json", (p) => Object.assign(p, { binary: "/bin/ln", arguments: "-s / /host/var/log/root_link" }));
    expect(edges(ln)).toEqual(["CE_VAR_LOG_SYMLINK"]);
    expect(edges(falco("Create Symlink Over Sensitive Files", { "evt.type": "symlinkat", "evt.arg.linkpath": "/var/log/pods/x/root", "evt.arg.target": "/" }))).toEqual(["CE_VAR_LOG_SYMLINK"]);
    expect(edges(falco("Terminal shell in container", { "fd.name": "/run/containerd/containerd.sock", "fd.type": "unix" }))).toEqual(["EXPLOIT_CONTAINERD_SOCK"]);
    expect(edges(falco("Terminal shell in container", { "proc.cmdline": "crictl --runtime-endpoint unix:///host/run/containerd/containerd.sock ps" }))).toEqual(["EXPLOIT_CONTAINERD_SOCK"]);
    expect(edges(normalizeTetragonEvent(tetragonEvent("merlin-agent-container-start-containerd-shim.json")))).toEqual([]);
  });

  it("POD_EXEC and SECRET_READ from Kubernetes audit events", () => {
    const execs = falcoExamples().filter((e) => e.event.rule === "Attach/Exec Pod");
    for (const e of execs) expect(edges(normalizeFalcoEvent(e.event))).toEqual(["POD_EXEC"]);
    const audit = (verb: string, code: string) => falco("All K8s Audit Events", { "ka.verb": verb, "ka.target.resource": "secrets", "ka.target.namespace": "payments", "ka.response.code": code, "ka.user.name": "system:serviceaccount:payments:api" }, {});
    expect(edges(audit("list", "200"))).toEqual(["SECRET_READ"]);
    expect(edges(audit("list", "403"))).toEqual([]);
    expect(edges(audit("delete", "200"))).toEqual([]);
    const got = falco("K8s Secret Get Successfully", { "ka.verb": "get", "ka.target.resource": "secrets", "ka.target.name": "db-creds", "ka.target.namespace": "payments", "ka.response.code": "200", "ka.user.name": "mallory" }, {});
    expect(evidenceOf(got)[0]).toEqual({ edge: "SECRET_READ", detail: expect.stringContaining("Falco rule") });
    // The Secret's name is not a secret value: the output keeps it for the analyst.
    expect(got.output).toContain("secret=db-creds");
  });

  it("returns each edge once", () => {
    const alert = falco("Contact cloud metadata service from container", { "fd.name": "10.244.1.7:40000->169.254.169.254:80", "proc.cmdline": "curl http://169.254.169.254/" });
    const list: TEvidenceEdge[] = edges(alert);
    expect(new Set(list).size).toBe(list.length);
  });
});
