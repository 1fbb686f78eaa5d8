// Who can reach an asset, answered backwards, must agree with every workload's own blast radius
// answered forwards: the same workloads, at the same cost.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateCluster } from "../../scripts/bench/cluster-gen";
import { buildDemoInventory } from "../demo/build-demo-inventory";
import { loadDemoSources } from "../demo/load-demo-sources";
import { analyzeInventory } from "../snapshots/analyze-inventory";
import { compactGraph, VertexDictionary } from "../snapshots/compact-snapshot";
import { EDGE_CATALOG } from "./edge-catalog";
import { reachersOf } from "./reachers";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));

function check(name: string, text: string | { name: string; text: string }[]) {
  const sources = typeof text === "string" ? [{ name, text }] : text;
  const a = analyzeInventory(sources, "c");
  const g = compactGraph(new VertexDictionary(), a.edges, a.assets);
  const index = new Map(g.v.map((id, i) => [id, i]));
  const forward = new Map<string, Map<string, number>>(); // asset -> workload -> cost
  for (const r of a.radii) for (const x of r.reachable) {
    const m = forward.get(x.asset) ?? new Map<string, number>();
    m.set(r.workload, x.cost);
    forward.set(x.asset, m);
  }
  const workloads = a.radii.map((r) => ({ key: r.workload, pods: r.pods }));
  let compared = 0;
  for (const [asset] of g.a.map(([i]) => [g.v[i]] as const)) {
    const backward = reachersOf(g, index.get(asset)!, workloads);
    expect(new Map(backward.map((b) => [b.workload.key, b.cost])), `${name}: ${asset}`).toEqual(forward.get(asset) ?? new Map());
    for (const b of backward) {
      // the path is a real chain of graph edges, from one of the workload's containers to the asset, costing what it says
      expect(b.path[0].from).toMatch(/^Container\//);
      expect(b.path.at(-1)!.to).toBe(asset);
      b.path.forEach((s, i) => i > 0 && expect(s.from).toBe(b.path[i - 1].to));
      expect(b.path.reduce((c, s) => c + EDGE_CATALOG[s.edge].cost, 0)).toBe(b.cost);
      compared++;
    }
    const costs = backward.map((b) => b.cost);
    expect(costs).toEqual([...costs].sort((x, y) => x - y));
  }
  return compared;
}

describe("reachers of a vertex", () => {
  it("equal the workloads whose blast radius holds the asset, at the same cost: demo cluster", () => {
    expect(check("demo", buildDemoInventory(loadDemoSources()))).toBeGreaterThan(100);
  });

  it("the same on KubeHound's attack manifests and on a random synthetic cluster", () => {
    const dir = `${FIXTURES}kubehound/attacks`;
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => ({ name: f, text: readFileSync(`${dir}/${f}`, "utf8") }));
    expect(check("kubehound", files)).toBeGreaterThan(10);
    expect(check("synthetic", generateCluster({ pods: 300, seed: 11 }).text)).toBeGreaterThan(100);
  });

  it("reach an identity: a workload reaches its own service account in one step", () => {
    const a = analyzeInventory([{ name: "demo", text: buildDemoInventory(loadDemoSources()) }], "c");
    const g = compactGraph(new VertexDictionary(), a.edges, a.assets);
    const sa = g.v.indexOf("ServiceAccount/payments/payments-api");
    expect(sa).toBeGreaterThanOrEqual(0);
    const reachers = reachersOf(g, sa, a.radii.map((r) => ({ key: r.workload, pods: r.pods })));
    const own = reachers.find((r) => r.workload.key === "Deployment/payments/payments-api")!;
    expect(own.cost).toBe(1);
    expect(own.path.map((s) => s.edge)).toEqual(["IDENTITY_ASSUME"]);
  });
});

describe("paths from one pod", () => {
  it("equal the engine's blast radius of that pod, asset for asset and cost for cost (demo and synthetic)", async () => {
    const { RadiusEngine } = await import("./radius-engine");
    const { pathsFrom, reverseIndex } = await import("./reachers");
    for (const text of [buildDemoInventory(loadDemoSources()), generateCluster({ pods: 200, seed: 5 }).text]) {
      const a = analyzeInventory([{ name: "x", text }], "c");
      const g = compactGraph(new VertexDictionary(), a.edges, a.assets);
      const engine = new RadiusEngine(a.graph);
      const r = reverseIndex(g);
      const assets = new Set(g.a.map(([i]) => i));
      let pods = 0;
      for (const pod of a.graph.pods.slice(0, 120)) {
        const own = new Map(engine.reachFromPod(pod.id).map((x) => [x.asset, x.cost]));
        const sources = r.containers.get(pod.id) ?? [];
        const found = pathsFrom(g, sources, assets);
        expect(new Map([...found].map(([i, p]) => [g.v[i], p.cost])), pod.id).toEqual(own);
        for (const [, p] of found) expect(sources.map((s) => g.v[s])).toContain(p.path[0].from);
        pods++;
      }
      expect(pods).toBeGreaterThan(20);
    }
  });
});
