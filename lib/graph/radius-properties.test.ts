import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateCluster } from "../../scripts/bench/cluster-gen";
import { parseInventory } from "../inventory/parse-inventory";
import { computeBlastRadius } from "./blast-radius";
import { buildAttackGraph } from "./build-graph";
import { reachableAssets, StepCache } from "./reach";
import { K_CREATE, K_EXEC, K_PATCH, SearchSpace } from "./search";
import type { TAttackGraph, TWorkloadRadius } from "./types";

// A synthetic cluster small enough for many searches, with every kind of fan-out in it
// (cluster-admin exec/patch on every pod, CI accounts creating pods on every node).
const inv = parseInventory([{ name: "synthetic.json", text: generateCluster({ pods: 400, seed: 3 }).text }]);
const graph = buildAttackGraph(inv, { cluster: "p" });
const baseline = computeBlastRadius(graph, inv);

/** The same graph minus CSR edge e; a fan-out edge removed means the set no longer reaches every member. */
function withoutEdge(g: TAttackGraph, e: number): TAttackGraph {
  let u = 0;
  while (g.offsets[u + 1] <= e) u++;
  const offsets = g.offsets.map((o, i) => (i > u ? o - 1 : o));
  const drop = <T extends Int32Array | Uint8Array>(a: T) => {
    const copy = a.slice(0, a.length - 1) as T;
    copy.set(a.subarray(e + 1), e);
    return copy;
  };
  const flags = g.fanOut.flags.slice();
  const kind = g.edgeKinds[e];
  if (kind === K_CREATE) flags[u] &= ~1;
  if (kind === K_EXEC) flags[u] &= ~2;
  if (kind === K_PATCH) flags[u] &= ~4;
  const copy = Object.create(Object.getPrototypeOf(g));
  return Object.assign(copy, g, { offsets, targets: drop(g.targets), edgeKinds: drop(g.edgeKinds), edgeCount: g.edgeCount - 1, fanOut: { ...g.fanOut, flags } });
}

const byWorkload = (radii: TWorkloadRadius[]) => new Map(radii.map((r) => [r.workload, r]));

/** CSR positions of the edges that cheapest paths use: removing one of them changes something. */
function usedEdges(): number[] {
  const used = new Set<number>();
  for (const r of baseline) {
    for (const a of r.reachable) {
      for (const step of a.path) {
        const u = graph.index(step.from);
        for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) if (graph.id(graph.targets[e]) === step.to) used.add(e);
      }
    }
  }
  return [...used].sort((x, y) => x - y);
}

describe("blast radius properties", () => {
  it("shared fan-out tables and class dedup give exactly the plain search from every pod", () => {
    const plain = new SearchSpace(graph, null);
    const steps = new StepCache(plain);
    for (const r of baseline) {
      const sources = r.pods.flatMap((p) => graph.pod(p)!.containers.map((c) => graph.index(c))).sort((a, b) => a - b);
      plain.run(sources);
      expect(r.reachable).toEqual(reachableAssets(plain, steps));
    }
    expect(baseline[0].reachable.length).toBeGreaterThan(100);
  });

  it("removing any edge never raises a score and never adds a reachable asset", () => {
    const before = byWorkload(baseline);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: graph.edgeCount - 1 }), fc.constantFrom(...usedEdges())), (e) => {
        const cut = withoutEdge(graph, e);
        for (const after of computeBlastRadius(cut, inv)) {
          const was = before.get(after.workload)!;
          expect(after.score).toBeLessThanOrEqual(was.score);
          const costs = new Map(was.reachable.map((a) => [a.asset, a.cost]));
          for (const a of after.reachable) {
            expect(costs.has(a.asset)).toBe(true);
            expect(a.cost).toBeGreaterThanOrEqual(costs.get(a.asset)!);
          }
        }
      }),
      { numRuns: 60, seed: 20240601 },
    );
  });

  it("removing the edge a top path relies on (its first step) is felt, and still never adds anything", () => {
    const top = baseline[0];
    const first = top.reachable[0].path[0];
    const u = graph.index(first.from);
    let e = graph.offsets[u];
    while (graph.id(graph.targets[e]) !== first.to) e++;
    const after = byWorkload(computeBlastRadius(withoutEdge(graph, e), inv)).get(top.workload)!;
    expect(after.reachable.every((a) => top.reachable.some((b) => b.asset === a.asset))).toBe(true);
    expect(after.score).toBeLessThanOrEqual(top.score);
  });
});
