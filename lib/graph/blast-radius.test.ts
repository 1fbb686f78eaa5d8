import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/parse-inventory";
import { computeBlastRadius, pathsSubgraph, podReachability, workloadReachability } from "./blast-radius";
import { buildAttackGraph } from "./build-graph";
import { EDGE_CATALOG } from "./edge-catalog";
import { RadiusEngine } from "./radius-engine";
import { remediationFor } from "./remediation";
import { likelihood, scoreReachable } from "./scoring";
import { EDGE_KINDS } from "./types";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const folder = (relative: string) =>
  readdirSync(FIXTURES + relative)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(`${FIXTURES}${relative}/${f}`, "utf8") }));

describe("scoring", () => {
  it("likelihood 0.7^max(0, cost − 1)", () => {
    expect([0, 1, 2, 3, 4].map(likelihood)).toEqual([1, 1, 0.7, 0.7 ** 2, 0.7 ** 3]);
  });

  it("per tier 1 − Π(1 − p), weighted 100/30/10/3, with its breakdown", () => {
    const { score, breakdown } = scoreReachable([
      { sensitivity: "high", cost: 2 },
      { sensitivity: "high", cost: 3 },
      { sensitivity: "low", cost: 1 },
    ]);
    const high = 1 - (1 - 0.7) * (1 - 0.49);
    expect(breakdown.map((t) => [t.tier, t.count, t.nearestCost])).toEqual([
      ["critical", 0, null],
      ["high", 2, 2],
      ["medium", 0, null],
      ["low", 1, 1],
    ]);
    expect(breakdown[1].chance).toBeCloseTo(high);
    expect(score).toBe(Math.round((30 * high + 3) * 100) / 100);
  });

  it("one critical asset within reach outweighs any number of medium ones", () => {
    const mediums = scoreReachable(Array.from({ length: 500 }, () => ({ sensitivity: "medium" as const, cost: 1 }))).score;
    expect(scoreReachable([{ sensitivity: "critical", cost: 1 }]).score).toBeGreaterThan(mediums);
    expect(scoreReachable([]).score).toBe(0);
  });
});

describe("edge catalog", () => {
  it("covers every edge kind with a MITRE id, DESIGN.md's cost, an explanation and a remediation", () => {
    for (const kind of EDGE_KINDS) {
      const info = EDGE_CATALOG[kind];
      expect(info.kind).toBe(kind);
      expect(info.mitre).toMatch(/^T\d{4}(\.\d{3})?$/);
      expect(info.explanation.length).toBeGreaterThan(20);
      expect(info.remediation.length).toBeGreaterThan(20);
    }
    const cost = (kinds: string) => kinds.split(" ").map((k) => EDGE_CATALOG[k as keyof typeof EDGE_CATALOG].cost);
    expect(cost("PERMISSION_DISCOVER VOLUME_DISCOVER VOLUME_ACCESS POD_ATTACH CONTAINER_ATTACH NODE_ROLE")).toEqual([0, 0, 0, 0, 0, 0]);
    expect(new Set(cost("CE_MODULE_LOAD CE_SYS_PTRACE CE_UMH_CORE_PATTERN CE_VAR_LOG_SYMLINK EXPLOIT_HOST_TRAVERSE POD_CREATE POD_PATCH ROLE_BIND IDENTITY_IMPERSONATE ENDPOINT_EXPLOIT"))).toEqual(new Set([2]));
    expect(EDGE_CATALOG.TOKEN_BRUTEFORCE.cost).toBe(3);
    expect(EDGE_CATALOG.IMDS_ACCESS.mitre).toBe("T1552.005");
  });

  it("addresses a concrete edge's remediation to its container or role", () => {
    expect(remediationFor({ from: "Container/shop/api-1/app", edge: "CE_PRIV_MOUNT", to: "Node/n" })).toBe(
      'container "app" of pod shop/api-1: Drop `privileged: true` from the container\'s securityContext (and the SYS_ADMIN capability with it).',
    );
    expect(remediationFor({ from: "PermissionSet/*/edit::ci", edge: "POD_CREATE", to: "Node/n" })).toMatch(/^ClusterRole "edit" as granted by ClusterRoleBinding "ci": Remove `create` on pods/);
  });
});

describe("kube-prometheus (62 files, one cluster)", () => {
  const sources = folder("inventory/kube-prometheus");
  const run = (list: typeof sources) => {
    const inv = parseInventory(list);
    const graph = buildAttackGraph(inv, { cluster: "kp" });
    return { graph, inv, radii: computeBlastRadius(graph, inv), edges: [...graph.edges()] };
  };
  const first = run(sources);

  it("is deterministic: the same input twice, or its files in another order, gives identical output", () => {
    const again = run(sources);
    expect(JSON.stringify(again.radii)).toBe(JSON.stringify(first.radii));
    expect(JSON.stringify(again.edges)).toBe(JSON.stringify(first.edges));
    const reversed = run([...sources].reverse());
    expect(JSON.stringify(reversed.radii)).toBe(JSON.stringify(first.radii));
    expect(JSON.stringify(reversed.edges)).toBe(JSON.stringify(first.edges));
  });

  it("ranks by score, then workload; reachable by cost, sensitivity, identifier", () => {
    const scores = first.radii.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(first.radii[0].workload).toBe("Deployment/monitoring/prometheus-operator");
    for (const r of first.radii) {
      const costs = r.reachable.map((a) => a.cost);
      expect(costs).toEqual([...costs].sort((a, b) => a - b));
      for (const a of r.reachable) {
        // Every path starts in one of the workload's containers, chains, and ends at the asset.
        expect(r.pods.some((p) => a.path[0].from.startsWith(`Container/${p.slice(4)}/`))).toBe(true);
        a.path.forEach((step, i) => i > 0 && expect(step.from).toBe(a.path[i - 1].to));
        expect(a.path.at(-1)!.to).toBe(a.asset);
        expect(a.cost).toBe(a.path.reduce((sum, s) => sum + EDGE_CATALOG[s.edge].cost, 0));
      }
    }
  });

  it("single-workload and single-pod queries agree with the batch, and give the path subgraph", () => {
    const top = first.radii[0];
    const engine = new RadiusEngine(first.graph);
    expect(workloadReachability(first.graph, top.workload, engine)?.reachable).toEqual(top.reachable);
    const pod = podReachability(first.graph, top.pods[0], engine)!;
    expect(pod.score).toBe(top.score);
    const sub = pathsSubgraph(first.graph, pod.reachable);
    expect(sub.nodes.map((n) => n.id)).toContain("ControlPlane/kp");
    expect(sub.nodes.find((n) => n.id === "ControlPlane/kp")?.asset).toEqual({ type: "control-plane", sensitivity: "critical" });
    expect(sub.edges.length).toBeGreaterThan(0);
    expect(podReachability(first.graph, "Pod/nowhere/none")).toBeNull();
  });
});

describe("cheapest path ties", () => {
  // Two ways to the same Secret at cost 1: a mount (1 hop) beats the API read (3 hops: assume, discover, read).
  const text = `
apiVersion: v1
kind: Secret
metadata: {name: s, namespace: a}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: a}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: b, namespace: a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects: [{kind: ServiceAccount, name: default, namespace: a}]
---
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: a}
spec: {containers: [{name: z, image: x, env: [{name: S, valueFrom: {secretKeyRef: {name: s, key: k}}}]}, {name: b, image: x, env: [{name: S, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]}
`;

  it("fewer hops first, then the lexicographically smaller identifier sequence", () => {
    const inv = parseInventory([{ name: "t.yaml", text }]);
    const [r] = computeBlastRadius(buildAttackGraph(inv, { cluster: "c" }), inv);
    const secret = r.reachable.find((a) => a.asset === "Secret/a/s")!;
    expect(secret.path).toEqual([{ from: "Container/a/p/b", edge: "SECRET_MOUNT", to: "Secret/a/s" }]);
  });
});
