import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/parse-inventory";
import { computeBlastRadius } from "./blast-radius";
import { buildAttackGraph } from "./build-graph";

// Each KubeHound test-cluster manifest (test/setup/test-cluster/attacks), with two nodes added and
// its pods scheduled on node-a, must yield the edges its attack page (docs/reference/attacks) names.
const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const NODES = "apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: node-b}\n";
const read = (file: string) => readFileSync(`${FIXTURES}kubehound/attacks/${file}`, "utf8");

function attack(files: string[], extra = "") {
  const inv = parseInventory([...files.map((f) => ({ name: f, text: read(f) })), { name: "nodes.yaml", text: NODES + extra }]);
  for (const pod of inv.pods) pod.spec.nodeName = "node-a";
  const graph = buildAttackGraph(inv, { cluster: "test" });
  const edges = [...graph.edges()].map((e) => `${e.from} ${e.edge} ${e.to}`);
  return { inv, graph, edges, of: (kind: string) => edges.filter((e) => e.split(" ")[1] === kind) };
}

const ESCAPES = ["CE_MODULE_LOAD", "CE_NSENTER", "CE_PRIV_MOUNT", "CE_SYS_PTRACE", "CE_UMH_CORE_PATTERN", "CE_VAR_LOG_SYMLINK", "EXPLOIT_HOST_READ", "EXPLOIT_HOST_WRITE"];
const escapesOf = (edges: string[]) => edges.filter((e) => ESCAPES.includes(e.split(" ")[1]));

describe("container escapes (Container → Node)", () => {
  it("CE_MODULE_LOAD: SYS_MODULE alone loads a module, nothing more", () => {
    const { edges } = attack(["CE_MODULE_LOAD.yaml"]);
    expect(escapesOf(edges)).toEqual(["Container/default/modload-pod/modload-pod CE_MODULE_LOAD Node/node-a"]);
  });

  it("CE_NSENTER: privileged with hostPID (privileged also opens the mount, module and ptrace escapes)", () => {
    const { edges } = attack(["CE_NSENTER.yaml"]);
    const c = "Container/default/nsenter-pod/nsenter-pod";
    expect(escapesOf(edges)).toEqual([`${c} CE_MODULE_LOAD Node/node-a`, `${c} CE_NSENTER Node/node-a`, `${c} CE_PRIV_MOUNT Node/node-a`, `${c} CE_SYS_PTRACE Node/node-a`]);
  });

  it("CE_PRIV_MOUNT: privileged without hostPID has no nsenter nor ptrace escape", () => {
    const { edges } = attack(["CE_PRIV_MOUNT.yaml"]);
    const c = "Container/default/priv-pod/priv-pod";
    expect(escapesOf(edges)).toEqual([`${c} CE_MODULE_LOAD Node/node-a`, `${c} CE_PRIV_MOUNT Node/node-a`]);
  });

  it("CE_SYS_PTRACE: hostPID + SYS_PTRACE + SYS_ADMIN + Unconfined AppArmor; confined, it is gone", () => {
    expect(escapesOf(attack(["CE_SYS_PTRACE.yaml"]).edges)).toEqual(["Container/default/sys-ptrace-pod/sys-ptrace-pod CE_SYS_PTRACE Node/node-a"]);
    const inv = parseInventory([{ name: "p.yaml", text: read("CE_SYS_PTRACE.yaml").replace("type: Unconfined", "type: RuntimeDefault") }]);
    expect(escapesOf([...buildAttackGraph(inv, { cluster: "t" }).edges()].map((e) => `${e.from} ${e.edge} ${e.to}`))).toEqual([]);
  });

  it("CE_UMH_CORE_PATTERN: root with the host's /proc/sys/kernel mounted writable", () => {
    const { edges } = attack(["CE_UMH_CORE_PATTERN.yaml"]);
    expect(escapesOf(edges)).toContain("Container/default/umh-core-pod/umh-core-container CE_UMH_CORE_PATTERN Node/node-a");
  });

  it("CE_VAR_LOG_SYMLINK: root, host /var/log writable and `get pods/log`; without the RoleBinding, no edge", () => {
    const { of } = attack(["CE_VAR_LOG_SYMLINK.yaml"]);
    expect(of("CE_VAR_LOG_SYMLINK")).toEqual(["Container/default/varlog-pod/varlog-container CE_VAR_LOG_SYMLINK Node/node-a"]);
    const text = read("CE_VAR_LOG_SYMLINK.yaml").split("---").filter((doc) => !doc.includes("kind: RoleBinding")).join("---");
    const inv = parseInventory([{ name: "v.yaml", text }]);
    expect([...buildAttackGraph(inv, { cluster: "t" }).edges()].filter((e) => e.edge === "CE_VAR_LOG_SYMLINK")).toEqual([]);
  });

  it("CE_NET_MITM: NET_ADMIN with hostNetwork has no KubeHound edge", () => {
    const { edges } = attack(["CE_NET_MITM.yaml"]);
    expect(escapesOf(edges)).toEqual([]);
    expect(edges.filter((e) => e.startsWith("Container/")).map((e) => e.split(" ")[1]).sort()).toEqual(["IDENTITY_ASSUME", "IMDS_ACCESS", "VOLUME_DISCOVER"]);
  });

  it("CONTROL_POD: no attack edge at all, and an empty blast radius", () => {
    const { edges, graph, inv } = attack(["CONTROL_POD.yaml"]);
    expect(edges.filter((e) => /CE_|EXPLOIT_|POD_EXEC|POD_PATCH|POD_CREATE|TOKEN_LIST|TOKEN_BRUTEFORCE|ROLE_BIND|SECRET_/.test(e))).toEqual([]);
    const [radius] = computeBlastRadius(graph, inv);
    expect(radius).toMatchObject({ workload: "Pod/default/control-pod", score: 0, reachable: [] });
  });
});

describe("host mounts", () => {
  it("EXPLOIT_HOST_READ and EXPLOIT_HOST_TRAVERSE: read-only /root/.ssh and /var/lib/kubelet/pods", () => {
    const { of } = attack(["EXPLOIT_HOST_READ_TRAVERSE.yaml", "CONTROL_POD.yaml"]);
    expect(of("EXPLOIT_HOST_READ")).toEqual(["Container/default/host-read-exploit-pod/host-read-exploit-pod EXPLOIT_HOST_READ Node/node-a"]);
    // Every token volume on the node, the control pod's included; then TOKEN_STEAL takes its identity.
    expect(of("EXPLOIT_HOST_TRAVERSE")).toEqual([
      "Volume/default/host-read-exploit-pod/host-pod-dir EXPLOIT_HOST_TRAVERSE Volume/default/control-pod/kube-api-access",
      "Volume/default/host-read-exploit-pod/host-pod-dir EXPLOIT_HOST_TRAVERSE Volume/default/host-read-exploit-pod/kube-api-access",
    ]);
    expect(of("TOKEN_STEAL")).toContain("Volume/default/control-pod/kube-api-access TOKEN_STEAL ServiceAccount/default/default");
  });

  it("EXPLOIT_HOST_WRITE: the host root mounted writable", () => {
    const { of } = attack(["EXPLOIT_HOST_WRITE.yaml"]);
    expect(of("EXPLOIT_HOST_WRITE")).toEqual(["Container/default/host-write-exploit-pod/host-write-exploit-pod EXPLOIT_HOST_WRITE Node/node-a"]);
  });

  it("VOLUME_DISCOVER, VOLUME_ACCESS, TOKEN_STEAL, POD_ATTACH, CONTAINER_ATTACH: the node reaches its pods' tokens", () => {
    const { of } = attack(["CONTROL_POD.yaml"]);
    expect(of("VOLUME_DISCOVER")).toEqual(["Container/default/control-pod/control-pod VOLUME_DISCOVER Volume/default/control-pod/kube-api-access"]);
    expect(of("VOLUME_ACCESS")).toEqual(["Node/node-a VOLUME_ACCESS Volume/default/control-pod/kube-api-access"]);
    expect(of("POD_ATTACH")).toEqual(["Node/node-a POD_ATTACH Pod/default/control-pod"]);
    expect(of("CONTAINER_ATTACH")).toEqual(["Pod/default/control-pod CONTAINER_ATTACH Container/default/control-pod/control-pod"]);
    expect(of("IDENTITY_ASSUME")).toEqual(["Container/default/control-pod/control-pod IDENTITY_ASSUME ServiceAccount/default/default"]);
  });
});

describe("RBAC attacks (PermissionSet → …)", () => {
  it("POD_CREATE: to every node", () => {
    expect(attack(["POD_CREATE.yaml"]).of("POD_CREATE")).toEqual([
      "PermissionSet/default/create-pods::pod-create-pods POD_CREATE Node/node-a",
      "PermissionSet/default/create-pods::pod-create-pods POD_CREATE Node/node-b",
    ]);
  });

  it("POD_EXEC and POD_PATCH: to the pods of the binding's namespace", () => {
    expect(attack(["POD_EXEC.yaml"]).of("POD_EXEC")).toEqual(["PermissionSet/default/exec-pods::pod-exec-pods POD_EXEC Pod/default/pod-exec-pod"]);
    expect(attack(["POD_PATCH.yaml"]).of("POD_PATCH")).toEqual(["PermissionSet/default/patch-pods::pod-patch-pods POD_PATCH Pod/default/pod-patch-pod"]);
    expect(attack(["POD_EXEC.yaml"]).of("POD_PATCH")).toEqual([]);
  });

  it("TOKEN_LIST and TOKEN_BRUTEFORCE: with no Secret in the inventory, every non-default service account in scope", () => {
    expect(attack(["TOKEN_LIST.yaml"]).of("TOKEN_LIST")).toEqual(["PermissionSet/default/list-secrets::pod-list-secrets TOKEN_LIST ServiceAccount/default/tokenlist-sa"]);
    const brute = attack(["TOKEN_BRUTEFORCE.yaml", "POD_EXEC.yaml"]);
    expect(brute.of("TOKEN_BRUTEFORCE")).toEqual([
      "PermissionSet/default/read-secrets::pod-get-secrets TOKEN_BRUTEFORCE ServiceAccount/default/pod-exec-sa",
      "PermissionSet/default/read-secrets::pod-get-secrets TOKEN_BRUTEFORCE ServiceAccount/default/tokenget-sa",
    ]);
    expect(brute.of("TOKEN_LIST")).toEqual([]);
  });

  it("TOKEN_LIST with Secrets in the inventory: only accounts whose token Secret is there", () => {
    const token = "---\napiVersion: v1\nkind: Secret\ntype: kubernetes.io/service-account-token\nmetadata: {name: pod-exec-sa-token, namespace: default, annotations: {kubernetes.io/service-account.name: pod-exec-sa}}\n";
    const { of } = attack(["TOKEN_LIST.yaml", "POD_EXEC.yaml"], token);
    expect(of("TOKEN_LIST")).toEqual(["PermissionSet/default/list-secrets::pod-list-secrets TOKEN_LIST ServiceAccount/default/pod-exec-sa"]);
  });

  it("IDENTITY_IMPERSONATE: a Role cannot impersonate cluster-scoped users and groups; a ClusterRoleBinding can", () => {
    expect(attack(["IDENTITY_IMPERSONATE.yaml"]).of("IDENTITY_IMPERSONATE")).toEqual([]);
    const cluster = read("IDENTITY_IMPERSONATE.yaml")
      .replace("kind: Role\n", "kind: ClusterRole\n")
      .replace(/kind: RoleBinding\nmetadata:\n  name: pod-impersonate\n  namespace: default\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role/, "kind: ClusterRoleBinding\nmetadata:\n  name: pod-impersonate\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole")
      .replace("    name: impersonate-sa\n---", "    name: impersonate-sa\n    namespace: default\n---");
    const admins = "---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: admins}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonate}\nsubjects: [{kind: Group, name: system:masters}, {kind: User, name: alice}]\n";
    const inv = parseInventory([{ name: "i.yaml", text: cluster + admins }]);
    const edges = [...buildAttackGraph(inv, { cluster: "t" }).edges()].map((e) => `${e.from} ${e.edge} ${e.to}`);
    expect(edges.filter((e) => e.includes("IDENTITY_IMPERSONATE") && e.startsWith("PermissionSet/*/impersonate::pod-impersonate"))).toEqual([
      "PermissionSet/*/impersonate::pod-impersonate IDENTITY_IMPERSONATE Group/system:masters",
      "PermissionSet/*/impersonate::pod-impersonate IDENTITY_IMPERSONATE User/alice",
    ]);
    expect(edges).toContain("PermissionSet/*/impersonate::pod-impersonate CLUSTER_ADMIN ControlPlane/t");
  });

  it("IDENTITY_ASSUME (node): a node acts as the bound system:nodes group", () => {
    const { of } = attack(["IDENTITY_ASSUME.yaml"]);
    expect(of("IDENTITY_ASSUME")).toEqual(["Node/node-a IDENTITY_ASSUME Group/system:nodes", "Node/node-b IDENTITY_ASSUME Group/system:nodes"]);
    expect(of("PERMISSION_DISCOVER")).toEqual(["Group/system:nodes PERMISSION_DISCOVER PermissionSet/*/node-api-access::node-api-access"]);
  });
});

describe("ROLE_BIND: the four KubeHound use cases, loaded as one cluster", () => {
  const { of } = attack(["ROLE_BIND_ALL.yaml", "ROLE_BIND_CRB_CR.yaml", "ROLE_BIND_RB_CR-SA.yaml", "ROLE_BIND_RB_R-SA.yaml", "ROLE_BIND_RB_R-UG.yaml"]);
  // Targets of every set granting the role (a role may have several bindings: -g, -u).
  const targets = (role: string) => [...new Set(of("ROLE_BIND").filter((e) => e.split(" ")[0].split("/")[2].startsWith(`${role}::`)).map((e) => e.split(" ")[2]))];

  it("the *-fail roles bind nothing (KubeHound's expected failures)", () => {
    for (const role of ["rolebind-crb-cr-crb-r-fail", "rolebind-rb-cr-crb-cr-fail", "rolebind-rb-r-crb-cr-fail"]) expect(targets(role)).toEqual([]);
  });

  it("CRB/CR with create clusterrolebindings + bind clusterroles reaches every cluster-wide set", () => {
    const reached = targets("rolebind-crb-cr-crb-cr");
    expect(reached.length).toBeGreaterThan(0);
    expect(reached.every((id) => id.startsWith("PermissionSet/*/"))).toBe(true);
  });

  it("RoleBinding/Role with create rolebindings + bind roles reaches the Role-based sets of its namespace only", () => {
    const reached = targets("rolebind-rb-r-rb-r");
    expect(reached).toContain("PermissionSet/default/rolebind-rb-r-rb-crb::pod-bind-role-rb-r-rb-crb");
    expect(reached.every((id) => id.startsWith("PermissionSet/default/rolebind-rb-r-"))).toBe(true);
  });

  it("RoleBinding/Role with bind clusterroles reaches the ClusterRole-based sets of its namespace", () => {
    expect(targets("rolebind-rb-r-rb-crb")).toEqual([
      "PermissionSet/default/rolebind-rb-cr-crb-cr-fail::pod-bind-role-rb-cr-crb-cr-fail",
      "PermissionSet/default/rolebind-rb-cr-rb-cr::pod-bind-role-rb-cr-rb-cr",
      "PermissionSet/default/rolebind-rb-cr-rb-r::pod-bind-role-rb-cr-rb-r",
    ]);
  });

  it("cluster-wide bind of cluster-admin is CLUSTER_ADMIN; namespaced binding rights are not", () => {
    expect(of("CLUSTER_ADMIN").map((e) => e.split(" ")[0])).toEqual([
      "PermissionSet/*/rolebind-crb-cr-crb-cr::pod-bind-role-crb-cr-crb-cr",
      "PermissionSet/*/rolebind-crb-cr-rb-cr::pod-bind-role-crb-cr-rb-cr",
    ]);
  });
});

describe("other KubeHound edges", () => {
  it("SHARE_PS_NAMESPACE: every ordered pair inside each pod, never across pods", () => {
    const edges = attack(["SHARE_PS_NAMESPACE.yaml"]).of("SHARE_PS_NAMESPACE");
    expect(edges).toHaveLength(3 * 2 + 2 * 1);
    expect(edges.every((e) => e.split(" ")[0].split("/")[2] === e.split(" ")[2].split("/")[2])).toBe(true);
  });

  it("ENDPOINT_EXPLOIT: each container port and the Service port in front of it", () => {
    expect(attack(["ENDPOINT_EXPLOIT.yaml"]).of("ENDPOINT_EXPLOIT").map((e) => e.split(" ")[0])).toEqual([
      "Endpoint/default/endpoints-pod/host-port-svc",
      "Endpoint/default/endpoints-pod/http-web-svc",
      "Endpoint/default/endpoints-pod/jmx",
      "Endpoint/default/webproxy-service/webproxy-service-port",
    ]);
  });

  it("PERMISSION_DISCOVER: the service account holds its binding's set", () => {
    expect(attack(["POD_EXEC.yaml"]).of("PERMISSION_DISCOVER")).toEqual(["ServiceAccount/default/pod-exec-sa PERMISSION_DISCOVER PermissionSet/default/exec-pods::pod-exec-pods"]);
  });
});
