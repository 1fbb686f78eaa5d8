import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDemoInventory } from "../demo/build-demo-inventory";
import { loadDemoSources } from "../demo/load-demo-sources";
import { workloadReachability } from "../graph/blast-radius";
import { buildAttackGraph } from "../graph/build-graph";
import { EDGE_KINDS } from "../graph/types";
import { parseInventory } from "../inventory/parse-inventory";
import { cheapestFixSet, type TCutInstance, type TEdgeRef } from "./cheapest-set";
import { applyFix } from "./fixes";
import { FixEngine, workloadFixes } from "./workload-fixes";

interface TToy {
  vertices: number;
  edges: TEdgeRef[];
  targets: number[];
  fixes: { cost: number; removes: Set<number> }[];
}

/** Shortest (fewest edges) path from vertex 0 to each reachable target, avoiding removed edges. */
function toyPaths(toy: TToy, removed: ReadonlySet<number>): TEdgeRef[][] {
  const via = new Map<number, TEdgeRef>();
  const seen = new Set([0]);
  const queue = [0];
  while (queue.length > 0) {
    const u = queue.shift()!;
    for (const e of toy.edges) {
      if (e.from !== u || removed.has(e.id) || seen.has(e.to)) continue;
      seen.add(e.to);
      via.set(e.to, e);
      queue.push(e.to);
    }
  }
  return toy.targets
    .filter((t) => seen.has(t) && t !== 0)
    .map((t) => {
      const path: TEdgeRef[] = [];
      for (let v = t; v !== 0; v = via.get(v)!.from) path.unshift(via.get(v)!);
      return path;
    });
}

function instance(toy: TToy): TCutInstance {
  const removedBy = (chosen: readonly string[]) => new Set(chosen.flatMap((f) => [...toy.fixes[Number(f)].removes]));
  return {
    paths: (chosen) => toyPaths(toy, removedBy(chosen)),
    fixesFor: (edge) => toy.fixes.flatMap((f, i) => (f.removes.has(edge.id) ? [String(i)] : [])),
    cost: (f) => toy.fixes[Number(f)].cost,
    removes: (f) => toy.fixes[Number(f)].removes,
  };
}

/** Every subset of the fixes: the cheapest that leaves no path (Infinity when none does). */
function bruteForce(toy: TToy): number {
  let best = Infinity;
  for (let mask = 0; mask < 1 << toy.fixes.length; mask++) {
    const chosen = toy.fixes.flatMap((_, i) => (mask & (1 << i) ? [String(i)] : []));
    const cost = chosen.reduce((s, f) => s + toy.fixes[Number(f)].cost, 0);
    if (cost < best && toyPaths(toy, new Set(chosen.flatMap((f) => [...toy.fixes[Number(f)].removes]))).length === 0) best = cost;
  }
  return best;
}

const toyArb = fc
  .record({
    vertices: fc.integer({ min: 3, max: 8 }),
    edgeSeeds: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 3, maxLength: 18 }),
    targetSeeds: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
    fixSeeds: fc.array(fc.record({ cost: fc.integer({ min: 1, max: 4 }), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 9 }),
  })
  .map(({ vertices, edgeSeeds, targetSeeds, fixSeeds }): TToy => {
    const edges = edgeSeeds.map(([a, b], id) => ({ id, from: a % vertices, to: b % vertices })).filter((e) => e.from !== e.to);
    const targets = [...new Set(targetSeeds.map((t) => 1 + (t % (vertices - 1))))];
    const fixes = fixSeeds.map(({ cost, picks }) => ({ cost, removes: new Set(edges.length ? picks.map((p) => edges[p % edges.length].id) : []) }));
    return { vertices, edges, targets, fixes };
  });

describe("the cheapest fix set (abstract instances)", () => {
  it("on small random graphs no cheaper valid set exists, and the answer leaves no path", () => {
    fc.assert(
      fc.property(toyArb, (toy) => {
        const result = cheapestFixSet(instance(toy), { deadline: performance.now() + 5_000 });
        const best = bruteForce(toy);
        if (toyPaths(toy, new Set()).length === 0) {
          expect(result.status).toBe("none-needed");
          return;
        }
        if (best === Infinity) {
          expect(result.status).toBe("impossible");
          return;
        }
        expect(result.status).toBe("exact");
        expect(result.cost).toBe(best);
        expect(result.lowerBound).toBe(best);
        const removed = new Set(result.fixes.flatMap((f) => [...toy.fixes[Number(f)].removes]));
        expect(toyPaths(toy, removed)).toEqual([]);
      }),
      { numRuns: Number(process.env.CUT_RUNS ?? 400), seed: Number(process.env.CUT_SEED ?? 4242) },
    );
  });

  it("one fix removing several edges beats the edge cut", () => {
    // three parallel steps 0 → 1: a single change (cost 2) removes all three; each also has its own cost-1 fix
    const toy: TToy = {
      vertices: 2,
      edges: [0, 1, 2].map((id) => ({ id, from: 0, to: 1 })),
      targets: [1],
      fixes: [{ cost: 2, removes: new Set([0, 1, 2]) }, ...[0, 1, 2].map((id) => ({ cost: 1, removes: new Set([id]) }))],
    };
    const result = cheapestFixSet(instance(toy), { deadline: performance.now() + 1_000 });
    expect(result).toMatchObject({ status: "exact", fixes: ["0"], cost: 2, edgeCutCost: 3 });
  });

  it("past its budget the answer is the edge cut, labelled an upper bound, and still cuts every path", () => {
    const toy: TToy = {
      vertices: 2,
      edges: [0, 1, 2].map((id) => ({ id, from: 0, to: 1 })),
      targets: [1],
      fixes: [{ cost: 2, removes: new Set([0, 1, 2]) }, ...[0, 1, 2].map((id) => ({ cost: 1, removes: new Set([id]) }))],
    };
    const result = cheapestFixSet(instance(toy), { deadline: performance.now() - 1, maxNodes: 0 });
    expect(result.status).toBe("upper-bound");
    expect(result.lowerBound).toBeLessThanOrEqual(result.cost);
    expect(toyPaths(toy, new Set(result.fixes.flatMap((f) => [...toy.fixes[Number(f)].removes])))).toEqual([]);
  });

  it("a path no fix cuts is reported, not papered over", () => {
    const toy: TToy = { vertices: 3, edges: [{ id: 0, from: 0, to: 1 }, { id: 1, from: 1, to: 2 }], targets: [2], fixes: [{ cost: 1, removes: new Set([5]) }] };
    const result = cheapestFixSet(instance(toy), { deadline: performance.now() + 1_000 });
    expect(result.status).toBe("impossible");
    expect(result.uncut?.map((e) => e.id)).toEqual([0, 1]);
  });
});

describe("the cheapest fix set on the demo cluster", () => {
  const inv = parseInventory([{ name: "demo.json", text: buildDemoInventory(loadDemoSources()), format: "json" }]);
  const graph = buildAttackGraph(inv, { cluster: "demo" });
  const engine = FixEngine.of(graph);
  const podsOf = (w: string) => graph.workload(w)?.pods ?? [];

  it("every exact answer, applied to the inventory and rebuilt, leaves no path to its tier", () => {
    let verified = 0;
    for (const w of graph.workloads) {
      for (const cut of workloadFixes(engine, inv, w.id)!.minimalCuts) {
        if (cut.status !== "exact") continue;
        const fixed = cut.fixes.reduce((acc, f) => applyFix(acc, f.fix, podsOf), inv);
        const after = workloadReachability(buildAttackGraph(fixed, { cluster: "demo" }), w.id)!;
        const tiers = cut.tier === "critical" ? ["critical"] : ["critical", "high"];
        expect({ w: w.id, left: after.reachable.filter((r) => tiers.includes(r.sensitivity)).map((r) => r.asset) }).toEqual({ w: w.id, left: [] });
        expect(after.score).toBe(cut.scoreAfter);
        verified++;
      }
    }
    expect(verified).toBeGreaterThan(10);
  });

  it("docker-bench-security: dropping privileged removes several escapes at once, cheaper than pricing each edge", () => {
    const fixes = workloadFixes(engine, inv, "DaemonSet/default/docker-bench-security")!;
    const cut = fixes.minimalCut!;
    expect(cut.tier).toBe("critical");
    expect(cut.status).toBe("exact");
    expect(cut.fixes.map((f) => f.fix.kind)).toContain("drop-privileged");
    expect(cut.edgeCutCost).toBeGreaterThan(cut.cost);
    const drop = fixes.whatIf.find((f) => f.fix.kind === "drop-privileged")!;
    const kinds = new Set(engine.effect(drop.fix).removed.map((e) => graph.edgeKinds[e]).map((k) => EDGE_KINDS[k]));
    expect([...kinds].sort()).toEqual(["CE_MODULE_LOAD", "CE_NSENTER", "CE_PRIV_MOUNT", "CE_SYS_PTRACE"]);
    // the paths use the cheapest of them; the fix takes all
    expect(drop.removedEdges.map((e) => e.edge)).toContain("CE_NSENTER");
  });
});
