// What-if equals a full recompute: for fixes found on real inventories (the demo cluster, KubeHound's
// attack manifests, badPods, Kubernetes Goat) and on random synthetic clusters, the engine's answer
// — the fix's edges removed from the graph, costs recomputed below them — must equal building the
// graph again from the inventory with the fix applied, asset for asset and cost for cost.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateCluster } from "../../scripts/bench/cluster-gen";
import { buildDemoInventory } from "../demo/build-demo-inventory";
import { loadDemoSources } from "../demo/load-demo-sources";
import { workloadReachability } from "../graph/blast-radius";
import { buildAttackGraph } from "../graph/build-graph";
import { scoreReachable } from "../graph/scoring";
import type { TAttackGraph } from "../graph/types";
import { parseInventory } from "../inventory/parse-inventory";
import type { TInventory } from "../inventory/types";
import { applyFix, fixId, type TFix } from "./fixes";
import { FixEngine, workloadFixes } from "./workload-fixes";

const FIXTURES = fileURLToPath(new URL("../../../shared/fixtures/", import.meta.url));
const NODES = "apiVersion: v1\nkind: Node\nmetadata: {name: node-a}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: node-b}\n";

function fromYaml(dir: string): TInventory {
  const files = readdirSync(FIXTURES + dir).filter((f) => f.endsWith(".yaml"));
  const inv = parseInventory([...files.map((f) => ({ name: f, text: readFileSync(`${FIXTURES}${dir}/${f}`, "utf8") })), { name: "nodes.yaml", text: NODES }]);
  // two nodes, pods alternating: escapes reach neighbours, and not every pod shares a node
  inv.pods.forEach((pod, i) => (pod.spec.nodeName = i % 2 ? "node-b" : "node-a"));
  return inv;
}

const INVENTORIES: [string, () => TInventory][] = [
  ["demo cluster", () => parseInventory([{ name: "demo.json", text: buildDemoInventory(loadDemoSources()), format: "json" }])],
  ["KubeHound attack manifests", () => fromYaml("kubehound/attacks")],
  ["badPods", () => fromYaml("badpods")],
];

type TCosts = Map<string, number>;
const costsOf = (list: readonly { asset: string; cost: number }[]): TCosts => new Map(list.map((r) => [r.asset, r.cost]));

/** The full recompute: the fix applied to the inventory, the graph built again. */
function recompute(inv: TInventory, graph: TAttackGraph, fix: TFix, workload: string) {
  const fixed = applyFix(inv, fix, (w) => graph.workload(w)?.pods ?? []);
  const rebuilt = buildAttackGraph(fixed, { cluster: graph.cluster });
  const r = workloadReachability(rebuilt, workload);
  return { score: r?.score ?? 0, costs: costsOf(r?.reachable ?? []) };
}

function check(inv: TInventory, graph: TAttackGraph, engine: FixEngine, workload: string, fix: TFix) {
  const after = engine.whatIf(workload, engine.effect(fix).removed);
  const full = recompute(inv, graph, fix, workload);
  expect({ fix: fixId(fix), costs: costsOf(after) }).toEqual({ fix: fixId(fix), costs: full.costs });
  expect(scoreReachable(after).score).toBe(full.score);
}

describe("what-if equals a full recompute of the fixed inventory", () => {
  for (const [name, load] of INVENTORIES) {
    it(`${name}: every fix of every workload`, () => {
      const inv = load();
      const graph = buildAttackGraph(inv, { cluster: "c" });
      const engine = FixEngine.of(graph);
      const kinds = new Set<string>();
      let checked = 0;
      for (const w of graph.workloads) {
        for (const item of workloadFixes(engine, inv, w.id)!.whatIf) {
          check(inv, graph, engine, w.id, item.fix);
          kinds.add(item.fix.kind);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(5);
      if (name === "demo cluster") {
        // the demo exercises every family: pod spec, token, RBAC, cloud identity, network policy
        expect([...kinds].sort()).toEqual(
          expect.arrayContaining(["block-imds", "delete-binding", "deny-egress", "drop-privileged", "narrow-role", "no-token", "remove-host-path", "remove-host-pid", "remove-secret-mount", "remove-workload-identity"]),
        );
      }
      if (name === "KubeHound attack manifests") expect(kinds).toContain("drop-capability");
    }, 60_000);
  }

  it("random synthetic clusters: random fixes of random workloads", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(), fc.nat(), (seed, wPick, fPick) => {
        const inv = parseInventory([{ name: "gen.json", text: generateCluster({ pods: 150, seed }).text, format: "json" }]);
        const graph = buildAttackGraph(inv, { cluster: "g" });
        const engine = FixEngine.of(graph);
        const withFixes = graph.workloads.map((w) => ({ w: w.id, fixes: workloadFixes(engine, inv, w.id)!.whatIf })).filter((x) => x.fixes.length > 0);
        if (withFixes.length === 0) return;
        const { w, fixes } = withFixes[wPick % withFixes.length];
        check(inv, graph, engine, w, fixes[fPick % fixes.length].fix);
      }),
      { numRuns: Number(process.env.WHATIF_RUNS ?? 25), seed: Number(process.env.WHATIF_SEED ?? 1302) },
    );
  }, 120_000);

  it("two fixes together equal the inventory with both applied", () => {
    const inv = INVENTORIES[0][1]();
    const graph = buildAttackGraph(inv, { cluster: "c" });
    const engine = FixEngine.of(graph);
    const w = "DaemonSet/default/docker-bench-security";
    const [a, b] = workloadFixes(engine, inv, w)!.whatIf.filter((f) => f.fix.kind === "remove-host-path" || f.fix.kind === "drop-privileged");
    const after = engine.whatIf(w, [...engine.effect(a.fix).removed, ...engine.effect(b.fix).removed]);
    const podsOf = (id: string) => graph.workload(id)?.pods ?? [];
    const rebuilt = buildAttackGraph(applyFix(applyFix(inv, a.fix, podsOf), b.fix, podsOf), { cluster: "c" });
    expect(costsOf(after)).toEqual(costsOf(workloadReachability(rebuilt, w)!.reachable));
  });
});
