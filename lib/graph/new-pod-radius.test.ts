// A pod the inventory does not show is scored from its namespace's default service account and
// NetworkPolicies (DESIGN.md "Pods newer than the snapshot"), without touching anyone else's graph.
import { describe, expect, it } from "vitest";
import { parseInventory } from "../inventory/parse-inventory";
import { computeBlastRadius, newPodKey, newPodRadii } from "./blast-radius";
import { buildAttackGraph } from "./build-graph";
import { DEFAULT_READS_SECRET_YAML as NS } from "../../test/cluster-fixture";

const DENY_EGRESS = `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-egress, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`;

function analyse(yaml: string) {
  const inv = parseInventory([{ name: "c.yaml", text: yaml }]);
  const graph = buildAttackGraph(inv, { cluster: "t" });
  return { inv, graph, newPods: newPodRadii(graph, inv) };
}

describe("a pod the inventory does not show", () => {
  it("reaches what the namespace's default service account and policies give a new pod", () => {
    const { newPods } = analyse(NS);
    const shop = newPods.find((r) => r.workload === newPodKey("shop"))!;
    expect(shop).toBeTruthy();
    expect(shop.kind).toBe("UnknownPod");
    const byAsset = new Map(shop.reachable.map((r) => [r.asset, r]));
    const secret = byAsset.get("Secret/shop/db-password")!;
    expect(secret.path.map((s) => s.edge)).toEqual(["IDENTITY_ASSUME", "PERMISSION_DISCOVER", "SECRET_READ"]);
    expect(secret.path[0]).toMatchObject({ from: "Container/shop/(new pod)/(any container)", to: "ServiceAccount/shop/default" });
    // IDENTITY_ASSUME 1 + PERMISSION_DISCOVER 0 + SECRET_READ 1, as for any pod with that token
    expect(secret.cost).toBe(2);
    const db = byAsset.get("Service/shop/postgres")!;
    expect(db.path.map((s) => s.edge)).toEqual(["NETWORK_REACH"]);
    expect(db.cost).toBe(1);
    expect(shop.score).toBeGreaterThan(0);
  });

  it("scores the same as a real bare pod of that namespace would", () => {
    const bare = `${NS}
---
apiVersion: v1
kind: Pod
metadata: {name: kubectl-run, namespace: shop}
spec: {nodeName: node-a, containers: [{name: c, image: busybox}]}
`;
    const { inv, graph, newPods } = analyse(bare);
    const real = computeBlastRadius(graph, inv).find((r) => r.workload === "Pod/shop/kubectl-run")!;
    const standIn = newPods.find((r) => r.workload === newPodKey("shop"))!;
    // the real pod also has its node (escapes, the metadata service): compare what both reach by identity and network
    const viaIdentityOrNetwork = (rs: typeof real.reachable) =>
      rs.filter((r) => ["IDENTITY_ASSUME", "NETWORK_REACH"].includes(r.path[0]?.edge ?? "")).map((r) => `${r.asset}@${r.cost}`).sort();
    expect(viaIdentityOrNetwork(standIn.reachable)).toEqual(viaIdentityOrNetwork(real.reachable));
  });

  it("follows the namespace's policies and the account's automount setting", () => {
    const denied = analyse(NS + DENY_EGRESS).newPods.find((r) => r.workload === newPodKey("shop"))!;
    expect(denied.reachable.some((r) => r.asset === "Service/shop/postgres")).toBe(false);
    expect(denied.reachable.some((r) => r.asset === "Secret/shop/db-password")).toBe(true);
    const noToken = NS.replace("metadata: {name: default, namespace: shop}", "metadata: {name: default, namespace: shop}\nautomountServiceAccountToken: false");
    const tokenless = analyse(noToken).newPods.find((r) => r.workload === newPodKey("shop"))!;
    expect(tokenless.reachable.some((r) => r.asset === "Secret/shop/db-password")).toBe(false);
    expect(tokenless.reachable.some((r) => r.asset === "Service/shop/postgres")).toBe(true);
    // both gone: no stand-in at all (nothing reachable)
    expect(analyse(noToken + DENY_EGRESS).newPods.find((r) => r.workload === newPodKey("shop"))).toBeUndefined();
  });

  it("adds nothing to the graph: no edge or vertex of the stand-in, every workload's radius unchanged", () => {
    const { inv, graph } = analyse(NS);
    expect([...graph.edges()].some((e) => e.from.includes("(new pod)") || e.to.includes("(new pod)"))).toBe(false);
    expect(graph.index("Container/shop/(new pod)/(any container)")).toBe(-1);
    expect(computeBlastRadius(graph, inv).some((r) => r.kind === "UnknownPod")).toBe(false);
  });
});
