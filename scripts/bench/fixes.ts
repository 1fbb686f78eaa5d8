// `npm run bench -- fixes [--pods N] [--workloads W] [--runs R]`: the fixes of one workload (every
// candidate's what-if and the cheapest fix sets for critical and high) on a synthetic N-pod cluster,
// timed per workload once the graph is built (the server keeps the graph of the current snapshot).
// Workloads: the W highest scores (the ones analysts open) plus W spread over the rest. Then the
// choke points of the whole cluster (every workload's candidates, each tried on that workload).
import { computeBlastRadius } from "../../lib/graph/blast-radius";
import { buildAttackGraph } from "../../lib/graph/build-graph";
import { RadiusEngine } from "../../lib/graph/radius-engine";
import { parseInventory } from "../../lib/inventory/parse-inventory";
import { chokePoints } from "../../lib/remediation/choke-points";
import { FixEngine, workloadFixes } from "../../lib/remediation/workload-fixes";
import { generateCluster } from "./cluster-gen";

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

export function benchFixes(args: string[]): object {
  const pods = option(args, "pods", 10_000);
  const count = option(args, "workloads", 20);
  const runs = option(args, "runs", 3);
  const generated = generateCluster({ pods, seed: 42 });
  const inv = parseInventory([{ name: "bench.json", text: generated.text, format: "json" }]);
  const t0 = performance.now();
  const graph = buildAttackGraph(inv, { cluster: "bench" });
  const buildMs = performance.now() - t0;
  const radii = computeBlastRadius(graph, inv, { engine: new RadiusEngine(graph) });
  const step = Math.max(1, Math.floor((radii.length - count) / count));
  const chosen = [...radii.slice(0, count), ...radii.slice(count).filter((_, i) => i % step === 0).slice(0, count)].map((r) => r.workload);

  const perRun: number[][] = [];
  const statuses: Record<string, number> = {};
  let candidates = 0;
  let firstMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    // a fresh engine each run: effects are cached per engine, so run 1 is the cold figure
    const engine = FixEngine.of(graph);
    const times: number[] = [];
    for (const id of chosen) {
      const t = performance.now();
      const result = workloadFixes(engine, inv, id)!;
      times.push(performance.now() - t);
      if (run === 0) {
        candidates += result.whatIf.length;
        for (const cut of result.minimalCuts) statuses[`${cut.tier}:${cut.status}`] = (statuses[`${cut.tier}:${cut.status}`] ?? 0) + 1;
      }
    }
    if (run === 0) firstMs = times;
    perRun.push(times);
  }
  const all = perRun.flat();
  // choke points of the whole cluster, on a fresh engine (every effect computed cold)
  const chokeRuns: number[] = [];
  let choke = { workloads: 0, candidates: 0, top: "" };
  for (let run = 0; run < Math.min(runs, 2); run++) {
    const t = performance.now();
    const result = chokePoints(FixEngine.of(graph));
    chokeRuns.push(performance.now() - t);
    choke = { workloads: result.workloads, candidates: result.candidates, top: result.points[0]?.title ?? "" };
  }
  return {
    bench: "fixes",
    pods: generated.pods,
    vertices: graph.vertexCount,
    edges: graph.edgeCount,
    buildMs: round(buildMs),
    workloads: chosen.length,
    runs,
    whatIfPerWorkload: round(candidates / chosen.length),
    cuts: statuses,
    msPerWorkload: { p50: round(quantile(all, 0.5)), p95: round(quantile(all, 0.95)), max: round(Math.max(...all)) },
    coldMsPerWorkload: { p50: round(quantile(firstMs, 0.5)), p95: round(quantile(firstMs, 0.95)), max: round(Math.max(...firstMs)) },
    perRunP50: perRun.map((times) => round(quantile(times, 0.5))),
    chokePoints: { ...choke, ms: chokeRuns.map(round) },
  };
}
