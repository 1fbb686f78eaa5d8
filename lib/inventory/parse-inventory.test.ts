import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseInventory } from "./parse-inventory";
import type { TInventorySource } from "./types";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const fixture = (relative: string): TInventorySource => ({ name: relative, text: readFileSync(FIXTURES + relative, "utf8") });
const folder = (relative: string) =>
  readdirSync(FIXTURES + relative)
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .sort()
    .map((file) => fixture(`${relative}/${file}`));
const names = (objects: { metadata: { name: string; namespace?: string } }[]) =>
  objects.map((object) => (object.metadata.namespace ? `${object.metadata.namespace}/` : "") + object.metadata.name);

describe("parseInventory on kube-prometheus (62 files merged as one cluster)", () => {
  const sources = folder("inventory/kube-prometheus");
  const inv = parseInventory(sources);

  it("files every known kind, including the items of RoleList and RoleBindingList", () => {
    expect(sources).toHaveLength(62);
    expect(inv.clusterRoles).toHaveLength(8);
    expect(inv.clusterRoleBindings).toHaveLength(7);
    expect(names(inv.roles)).toEqual(["monitoring/prometheus-k8s-config", "default/prometheus-k8s", "kube-system/prometheus-k8s", "monitoring/prometheus-k8s"]);
    expect(inv.roleBindings).toHaveLength(5);
    expect(inv.controllers.map((c) => c.kind).sort()).toEqual(["DaemonSet", "Deployment", "Deployment", "Deployment", "Deployment", "Deployment"]);
    expect(inv.networkPolicies).toHaveLength(8);
    expect(inv.services).toHaveLength(8);
    expect(inv.serviceAccounts).toHaveLength(8);
    expect(inv.secrets).toHaveLength(2);
    expect(inv.objects).toBe(8 + 7 + 4 + 5 + 6 + 8 + 8 + 8 + 2);
  });

  it("counts unknown kinds instead of failing on them", () => {
    expect(inv.skipped).toEqual({ ConfigMap: 2, ServiceMonitor: 8 });
  });

  it("keeps no Secret value: stringData is gone, type and labels stay", () => {
    const secret = inv.secrets.find((s) => s.metadata.name === "alertmanager-main")!;
    expect(Object.keys(secret).sort()).toEqual(["apiVersion", "kind", "metadata", "type"]);
    expect(secret.type).toBe("Opaque");
    expect(secret.metadata.labels?.["app.kubernetes.io/name"]).toBe("alertmanager");
    const everything = JSON.stringify(inv);
    expect(everything).not.toContain("resolve_timeout");
    expect(everything).not.toContain("default_timezone");
    expect(everything).not.toContain("stringData");
  });
});

describe("parseInventory on other real manifests", () => {
  it("puts argo-cd's namespace-less objects in default, as kubectl apply would", () => {
    const inv = parseInventory([fixture("inventory/argocd-install-no-crds.yaml")]);
    expect(inv.skipped).toEqual({ ConfigMap: 7 });
    expect(inv.objects).toBe(49);
    expect(new Set(inv.controllers.map((c) => c.metadata.namespace))).toEqual(new Set(["default"]));
    expect(inv.networkPolicies).toHaveLength(7);
    // cluster-scoped kinds carry no namespace
    expect(inv.clusterRoles.every((role) => role.metadata.namespace === undefined)).toBe(true);
  });

  it("reads ingress-nginx, skipping IngressClass and the webhook configuration", () => {
    const inv = parseInventory([fixture("inventory/ingress-nginx-deploy.yaml")]);
    expect(inv.skipped).toEqual({ ConfigMap: 1, IngressClass: 1, ValidatingWebhookConfiguration: 1 });
    expect(names(inv.namespaces)).toEqual(["ingress-nginx"]);
    expect(inv.controllers.map((c) => `${c.kind}/${c.metadata.namespace}/${c.metadata.name}`)).toEqual([
      "Deployment/ingress-nginx/ingress-nginx-controller",
      "Job/ingress-nginx/ingress-nginx-admission-create",
      "Job/ingress-nginx/ingress-nginx-admission-patch",
    ]);
  });

  it("reads KubeHound's kubectl List dumps, including one without the List's own kind", () => {
    const inv = parseInventory([
      ...["nodes.json", "clusterroles.rbac.authorization.k8s.io.json", "clusterrolebindings.rbac.authorization.k8s.io.json"].map((f) =>
        fixture(`kubehound/collector_testdata/${f}`),
      ),
      ...folder("kubehound/collector_testdata/namespace-1"),
      ...folder("kubehound/collector_testdata/namespace-2"),
    ]);
    expect(inv.nodes).toHaveLength(1);
    // namespace-2 repeats namespace-1's objects: the same object twice is one object
    expect(names(inv.pods)).toEqual(["test-app/app-monitors-client-78cb6d7899-j2rjp"]);
    expect(inv.pods[0].spec.nodeName).toBe("test-node.ec2.internal");
    expect(names(inv.endpointSlices)).toEqual(["test-app/app-monitors-client-kmwfp"]);
    expect(names(inv.roles)).toEqual(["test-app/test-reader"]);
    expect(names(inv.roleBindings)).toEqual(["test-app/app-monitors-read"]);
    expect(inv.clusterRoles).toHaveLength(1);
    expect(inv.clusterRoleBindings).toHaveLength(1);
    expect(inv.skipped).toEqual({});
  });

  it("reads every badPods pod, booleans intact", () => {
    const inv = parseInventory(folder("badpods"));
    expect(inv.pods).toHaveLength(8);
    const everything = inv.pods.find((p) => p.metadata.name === "everything-allowed-exec-pod")!;
    expect(everything.spec.hostNetwork).toBe(true);
    expect(everything.spec.hostPID).toBe(true);
    expect(everything.spec.containers[0].securityContext.privileged).toBe(true);
    expect(everything.metadata.namespace).toBe("default");
  });

  it("reads the rendered kubernetes-goat scenarios", () => {
    const scenarios = readdirSync(FIXTURES + "kubernetes-goat/scenarios").filter((dir) => dir !== "metadata-db");
    const inv = parseInventory(scenarios.flatMap((dir) => folder(`kubernetes-goat/scenarios/${dir}`)));
    expect(inv.skipped).toEqual({ ClusterPolicy: 1 });
    expect(names(inv.clusterRoleBindings)).toContain("superadmin");
    expect(names(inv.serviceAccounts)).toContain("kube-system/superadmin");
    expect(inv.controllers.length).toBeGreaterThanOrEqual(10);
  });

  it("skips empty documents and comment-only tails without counting them", () => {
    const inv = parseInventory([fixture("cloud_identity/workload_identity_snippets.yaml")]);
    expect(inv.objects).toBe(1);
    const text = "---\n# nothing\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\n# trailing\n";
    expect(parseInventory([{ name: "x.yaml", text }]).namespaces).toHaveLength(1);
  });
});

describe("parseInventory formats and merging", () => {
  const pod = (name: string, extra = "") => `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"${name}"${extra}},"spec":{"containers":[{"name":"c"}]}}`;

  it("reads a single JSON object, a typed *List, a JSON array and flow-style YAML", () => {
    expect(parseInventory([{ name: "one.json", text: pod("a") }]).pods).toHaveLength(1);
    expect(parseInventory([{ name: "list.json", text: `{"kind":"PodList","items":[${pod("a")},${pod("b")}]}` }]).pods).toHaveLength(2);
    expect(parseInventory([{ name: "array.json", text: `[${pod("a")},${pod("b")}]` }]).pods).toHaveLength(2);
    // the raw API leaves kind out of a typed List's items
    expect(parseInventory([{ name: "raw.json", text: '{"kind":"PodList","items":[{"metadata":{"name":"a"}}]}' }]).pods).toHaveLength(1);
    expect(parseInventory([{ name: "flow.yaml", text: "{apiVersion: v1, kind: Pod, metadata: {name: a}}" }]).pods).toHaveLength(1);
    expect(parseInventory([{ name: "declared", text: "kind: Pod\nmetadata:\n  name: a\n", format: "yaml" }]).pods).toHaveLength(1);
  });

  it("reads YAML the way kubectl does: 1.1 booleans, merge keys, timestamps kept as strings", () => {
    const text = [
      "base: &base {hostNetwork: yes}",
      "apiVersion: v1",
      "kind: Pod",
      "metadata: {name: a, creationTimestamp: 2021-06-16T18:30:43Z, labels: {empty: }}",
      "spec:",
      "  <<: *base",
      "  containers: [{name: c}]",
    ].join("\n");
    const [parsed] = parseInventory([{ name: "p.yaml", text }]).pods;
    expect(parsed.spec.hostNetwork).toBe(true);
    expect((parsed.metadata as { creationTimestamp?: unknown }).creationTimestamp).toBe("2021-06-16T18:30:43Z");
    expect(parsed.metadata.labels).toEqual({ empty: "" });
  });

  it("merges sources as one cluster; a later copy of the same object replaces the earlier one", () => {
    const inv = parseInventory([
      { name: "a.json", text: pod("a", `,"labels":{"v":"1"}`) },
      { name: "b.json", text: `[${pod("b")},${pod("a", `,"labels":{"v":"2"}`)}]` },
    ]);
    expect(names(inv.pods)).toEqual(["default/a", "default/b"]);
    expect(inv.pods[0].metadata.labels).toEqual({ v: "2" });
    expect(inv.objects).toBe(2);
  });

  it("redacts Secrets from a kubectl dump, last-applied-configuration and managedFields included", () => {
    const secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "db",
        namespace: "payments",
        annotations: { "kubectl.kubernetes.io/last-applied-configuration": '{"data":{"password":"aHVudGVyMg=="}}', owner: "payments" },
        managedFields: [{ fieldsV1: { "f:data": { "f:password": {} } } }],
      },
      data: { password: "aHVudGVyMg==" },
      stringData: { token: "hunter2" },
      immutable: true,
      type: "kubernetes.io/basic-auth",
    };
    const inv = parseInventory([{ name: "s.json", text: JSON.stringify({ kind: "List", items: [secret] }) }]);
    expect(inv.secrets).toEqual([
      { apiVersion: "v1", kind: "Secret", metadata: { name: "db", namespace: "payments", annotations: { owner: "payments" } }, type: "kubernetes.io/basic-auth" },
    ]);
    expect(JSON.stringify(inv)).not.toMatch(/hunter2|aHVudGVyMg|password/);
  });

  it("counts unknown kinds, and product kind names outside blastradius.dev, by kind", () => {
    const text = "kind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: b}\n---\napiVersion: example.com/v1\nkind: Team\nmetadata: {name: c}\n";
    const inv = parseInventory([{ name: "u.yaml", text }]);
    expect(inv.skipped).toEqual({ ConfigMap: 2, Team: 1 });
    expect(inv.teams).toEqual([]);
    expect(inv.objects).toBe(0);
  });

  it("parses a 10,000-pod List quickly", () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `pod-${i}`, namespace: `ns-${i % 40}`, labels: { app: `app-${i % 200}` }, ownerReferences: [{ kind: "ReplicaSet", name: `rs-${i % 500}`, controller: true }] },
      spec: {
        nodeName: `node-${i % 100}`,
        serviceAccountName: "default",
        containers: [{ name: "main", image: "nginx", ports: [{ containerPort: 8080, name: "http", protocol: "TCP" }], env: [{ name: "A", value: "b" }] }],
        volumes: [{ name: "token", projected: { sources: [{ serviceAccountToken: { path: "token" } }] } }],
      },
      status: { phase: "Running", podIP: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` },
    }));
    const text = JSON.stringify({ apiVersion: "v1", kind: "List", items }, null, 4);
    const started = performance.now();
    const inv = parseInventory([{ name: "big.json", text }]);
    const elapsed = performance.now() - started;
    expect(inv.pods).toHaveLength(10_000);
    // Generous bound for a shared 2-core machine; it takes about a tenth of this alone.
    expect(elapsed).toBeLessThan(2_000);
  });
});
