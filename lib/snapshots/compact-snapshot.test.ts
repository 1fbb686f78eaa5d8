import { describe, expect, it } from "vitest";
import { compactAttackGraph, compactGraph, compactReachable, contribution, expandReachable, topContributions, VertexDictionary } from "./compact-snapshot";
import { escapeEdgesOf } from "./posture-figures";
import { analyzeInventory } from "./analyze-inventory";
import { buildDemoInventory } from "../demo/build-demo-inventory";
import { loadDemoSources } from "../demo/load-demo-sources";
import type { TReachableAsset, TWorkloadRadius } from "../graph/types";

const asset = (id: string, sensitivity: TReachableAsset["sensitivity"], cost: number): TReachableAsset => ({
  asset: id,
  type: "secret",
  sensitivity,
  cost,
  path: [
    { from: "Container/ns/p/c", edge: "IDENTITY_ASSUME", to: "ServiceAccount/ns/sa" },
    { from: "ServiceAccount/ns/sa", edge: "PERMISSION_DISCOVER", to: "PermissionSet/ns/r::b" },
    { from: "PermissionSet/ns/r::b", edge: "SECRET_READ", to: id },
  ],
});

describe("compact snapshot", () => {
  it("weights contributions by tier and distance", () => {
    expect(contribution({ sensitivity: "critical", cost: 1 })).toBe(100);
    expect(contribution({ sensitivity: "critical", cost: 3 })).toBeCloseTo(49);
    expect(contribution({ sensitivity: "low", cost: 0 })).toBe(3);
  });

  it("keeps the largest contributions first, at most the limit", () => {
    const list = [asset("Secret/ns/a", "medium", 1), asset("ControlPlane/c", "critical", 4), asset("Secret/ns/b", "medium", 3)];
    expect(topContributions(list, 2).map((r) => r.asset)).toEqual(["ControlPlane/c", "Secret/ns/a"]);
  });

  it("round-trips paths through the vertex dictionary", () => {
    const dict = new VertexDictionary();
    const reachable = [asset("Secret/ns/a", "high", 3)];
    const graph = compactGraph(dict, reachable[0].path, [["Secret/ns/a", { type: "secret", sensitivity: "high" }]]);
    const radius = { reachable } as TWorkloadRadius;
    const compact = compactReachable(dict, radius);
    const info = new Map(graph.a.map(([i, type, sensitivity]) => [i, { type, sensitivity }]));
    expect(expandReachable(compact, dict.ids, info)).toEqual(reachable);
    expect(graph.e).toHaveLength(9);
  });
});

describe("compacting a built graph from its CSR arrays", () => {
  it("gives what compacting its edge objects gives, and the same escape edges, on the demo inventory", () => {
    const a = analyzeInventory([{ name: "demo", text: buildDemoInventory(loadDemoSources()) }], "c");
    const assets = [...a.assets];
    const edges = [...a.graph.edges()];
    expect(edges.length).toBeGreaterThan(1000);
    const fromCsr = compactAttackGraph(new VertexDictionary(), a.graph, assets);
    expect({ ...fromCsr, e: [...fromCsr.e] }).toEqual(compactGraph(new VertexDictionary(), edges, assets));
    const escapes = [...escapeEdgesOf(a.graph)];
    expect(escapes.length).toBeGreaterThan(0);
    expect(escapes).toEqual(edges.filter((e) => /^(CE_|EXPLOIT_HOST_|EXPLOIT_CONTAINERD_SOCK$)/.test(e.edge) && e.from.startsWith("Container/")));
  });
});
