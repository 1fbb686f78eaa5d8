import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/parse-inventory";
import { computeBlastRadius } from "./blast-radius";
import { buildAttackGraph } from "./build-graph";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const read = (relative: string) => readFileSync(FIXTURES + relative, "utf8");
const NODE = "apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n";

function load(texts: { name: string; text: string }[], schedule = false) {
  const inv = parseInventory(texts);
  if (schedule) for (const pod of inv.pods) pod.spec.nodeName = "node-a";
  const graph = buildAttackGraph(inv, { cluster: "cli" });
  const edges = [...graph.edges()].map((e) => `${e.from} ${e.edge} ${e.to}`);
  return { inv, graph, edges, radius: () => computeBlastRadius(graph, inv) };
}

// `kubectl apply -n NS -f install.yaml`: namespaced objects without a namespace land in NS.
const CLUSTER_SCOPED = new Set(["Namespace", "Node", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "IngressClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]);
function applyIn(namespace: string, text: string): string {
  const items = parseAllDocuments(text)
    .map((doc) => doc.toJS())
    .filter(Boolean);
  for (const item of items) if (!CLUSTER_SCOPED.has(item.kind) && !item.metadata.namespace) item.metadata.namespace = namespace;
  return JSON.stringify({ apiVersion: "v1", kind: "List", items });
}

describe("Kubernetes Goat", () => {
  it("health-check: privileged with the containerd socket mounted escapes to its node", () => {
    const { edges, radius } = load([{ name: "h.yaml", text: read("kubernetes-goat/scenarios/health-check/deployment.yaml") }]);
    const c = "Container/default/health-check-deployment/health-check";
    expect(edges).toEqual(expect.arrayContaining([`${c} CE_PRIV_MOUNT Node/unscheduled`, `${c} CE_MODULE_LOAD Node/unscheduled`, `${c} EXPLOIT_HOST_WRITE Node/unscheduled`]));
    const [r] = radius();
    expect(r).toMatchObject({ workload: "Deployment/default/health-check-deployment", pods: ["Pod/default/health-check-deployment"] });
    expect(r.reachable.map((a) => [a.asset, a.cost])).toEqual([["Node/unscheduled", 1]]);
  });

  it("health-check scheduled beside another pod: the runtime socket reaches that pod's containers", () => {
    const other = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: neighbour}\nspec: {containers: [{name: app, image: nginx}]}\n";
    const text = read("kubernetes-goat/scenarios/health-check/deployment.yaml").replace("kind: Deployment", "kind: Deployment") + other;
    const inv = parseInventory([{ name: "h.yaml", text }, { name: "n.yaml", text: NODE }]);
    // The Deployment has no pod: schedule the real pod and a pod of the same template on node-a.
    inv.pods.push({ apiVersion: "v1", kind: "Pod", metadata: { name: "health-check-1", namespace: "default", ownerReferences: [{ kind: "Deployment", name: "health-check-deployment" }] }, spec: { ...inv.controllers[0].spec.template.spec } });
    for (const pod of inv.pods) pod.spec.nodeName = "node-a";
    const edges = [...buildAttackGraph(inv, { cluster: "cli" }).edges()].map((e) => `${e.from} ${e.edge} ${e.to}`);
    expect(edges).toContain("Container/default/health-check-1/health-check EXPLOIT_CONTAINERD_SOCK Container/default/neighbour/app");
  });

  it("system-monitor: hostPID + privileged + host root; reads the goatvault Secret from env", () => {
    const { edges, radius } = load([{ name: "s.yaml", text: read("kubernetes-goat/scenarios/system-monitor/deployment.yaml") }, { name: "n.yaml", text: NODE }], true);
    const c = "Container/default/system-monitor-deployment/system-monitor";
    expect(edges).toEqual(expect.arrayContaining([`${c} CE_NSENTER Node/unscheduled`, `${c} SECRET_MOUNT Secret/default/goatvault`]));
    const [r] = radius();
    expect(r.reachable.map((a) => `${a.asset}@${a.cost}`)).toEqual(["Node/unscheduled@1", "Secret/default/goatvault@1"]);
    expect(r.score).toBe(40);
  });

  it("insecure-rbac: the superadmin account bound to cluster-admin is CLUSTER_ADMIN", () => {
    const { edges } = load([{ name: "r.yaml", text: read("kubernetes-goat/scenarios/insecure-rbac/setup.yaml") }, { name: "cr.yaml", text: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: cluster-admin}\nrules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]\n" }]);
    expect(edges).toContain("PermissionSet/*/cluster-admin::superadmin CLUSTER_ADMIN ControlPlane/cli");
    expect(edges).toContain("ServiceAccount/kube-system/superadmin PERMISSION_DISCOVER PermissionSet/*/cluster-admin::superadmin");
  });
});

describe("badPods", () => {
  const escapes = (file: string) =>
    load([{ name: file, text: read(`badpods/${file}`) }, { name: "n.yaml", text: NODE }], true)
      .edges.filter((e) => /^Container\/.* (CE_|EXPLOIT_)/.test(e))
      .map((e) => e.split(" ")[1]);

  it("priv: mount and module escapes; priv-and-hostpid adds nsenter and ptrace", () => {
    expect(escapes("priv-exec-pod.yaml")).toEqual(["CE_MODULE_LOAD", "CE_PRIV_MOUNT"]);
    expect(escapes("priv-and-hostpid-exec-pod.yaml")).toEqual(["CE_MODULE_LOAD", "CE_NSENTER", "CE_PRIV_MOUNT", "CE_SYS_PTRACE"]);
  });

  it("hostpid, hostipc and hostnetwork alone open no escape", () => {
    for (const file of ["hostpid-exec-pod.yaml", "hostipc-exec-pod.yaml", "hostnetwork-exec-pod.yaml"]) expect(escapes(file)).toEqual([]);
  });

  it("hostpath /: write to the host, core_pattern, and every token on the node", () => {
    expect(escapes("hostpath-exec-pod.yaml")).toEqual(["CE_UMH_CORE_PATTERN", "EXPLOIT_HOST_WRITE"]);
  });

  it("everything-allowed escapes six ways; nothing-allowed none, and its blast radius is empty", () => {
    expect(escapes("everything-allowed-exec-pod.yaml")).toEqual(["CE_MODULE_LOAD", "CE_NSENTER", "CE_PRIV_MOUNT", "CE_SYS_PTRACE", "CE_UMH_CORE_PATTERN", "EXPLOIT_HOST_WRITE"]);
    expect(escapes("nothing-allowed-exec-pod.yaml")).toEqual([]);
    const both = load([{ name: "e.yaml", text: read("badpods/everything-allowed-exec-pod.yaml") }, { name: "n.yaml", text: read("badpods/nothing-allowed-exec-pod.yaml") }], true);
    const radius = both.radius();
    expect(radius.map((r) => [r.workload, r.score])).toEqual([
      ["Pod/default/everything-allowed-exec-pod", 30],
      ["Pod/default/nothing-allowed-exec-pod", 0],
    ]);
    expect(radius[0].reachable[0].path).toEqual([{ from: "Container/default/everything-allowed-exec-pod/everything-allowed-pod", edge: "CE_NSENTER", to: "Node/node-a" }]);
  });
});

describe("argo-cd install manifest (no CRDs), applied in namespace argocd", () => {
  const { graph, inv, radius } = load([{ name: "argocd.json", text: applyIn("argocd", read("inventory/argocd-install-no-crds.yaml")) }]);

  it("gives the StatefulSet, which has no pod, one unscheduled pod from its template", () => {
    expect(graph.workload("StatefulSet/argocd/argocd-application-controller")?.pods).toEqual(["Pod/argocd/argocd-application-controller"]);
    expect(graph.pod("Pod/argocd/argocd-application-controller")).toMatchObject({ node: "unscheduled", synthesized: true });
  });

  it("the application controller reaches the ControlPlane through its cluster-wide `*` role", () => {
    const controller = radius().find((r) => r.workload === "StatefulSet/argocd/argocd-application-controller")!;
    const cp = controller.reachable.find((a) => a.asset === "ControlPlane/cli")!;
    expect(cp).toMatchObject({ type: "control-plane", sensitivity: "critical", cost: 2 });
    expect(cp.path.map((s) => s.edge)).toEqual(["IDENTITY_ASSUME", "PERMISSION_DISCOVER", "CLUSTER_ADMIN"]);
    expect(cp.path[2].from).toBe("PermissionSet/*/argocd-application-controller::argocd-application-controller");
    // Cost 2: likelihood 0.7, so the critical tier adds 70 to the score.
    expect(controller.breakdown[0]).toMatchObject({ tier: "critical", count: 1, nearestCost: 2 });
    expect(controller.breakdown[0].contribution).toBeCloseTo(70);
    expect(inv.controllers.length).toBe(7);
  });
});

describe("ingress-nginx", () => {
  const secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: payments}\ntype: Opaque\n";
  const { edges, radius } = load([{ name: "ingress.yaml", text: read("inventory/ingress-nginx-deploy.yaml") }, { name: "s.yaml", text: secret }]);

  it("the controller's ClusterRoleBinding reads Secrets in every namespace (SECRET_READ)", () => {
    const reads = edges.filter((e) => e.startsWith("PermissionSet/*/ingress-nginx::ingress-nginx SECRET_READ"));
    expect(reads).toContain("PermissionSet/*/ingress-nginx::ingress-nginx SECRET_READ Secret/payments/db");
    expect(reads).toContain("PermissionSet/*/ingress-nginx::ingress-nginx SECRET_READ Secret/ingress-nginx/ingress-nginx-admission");
  });

  it("so the controller's blast radius holds a Secret of another namespace", () => {
    const controller = radius().find((r) => r.workload === "Deployment/ingress-nginx/ingress-nginx-controller")!;
    expect(controller.reachable.find((a) => a.asset === "Secret/payments/db")).toMatchObject({ cost: 2, sensitivity: "medium" });
  });

  it("the admission Jobs (pods of their own) are their own workloads", () => {
    expect(radius().map((r) => r.workload).sort()).toEqual([
      "Deployment/ingress-nginx/ingress-nginx-controller",
      "Job/ingress-nginx/ingress-nginx-admission-create",
      "Job/ingress-nginx/ingress-nginx-admission-patch",
    ]);
  });
});
