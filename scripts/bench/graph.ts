// `npm run bench -- graph --pods N [--runs R] [--seed S]`: parse, build and blast radius of a
// synthetic N-pod cluster, timed with performance.now(), memory from process counters; one JSON object.
import { computeBlastRadius } from "../../lib/graph/blast-radius";
import { buildAttackGraph } from "../../lib/graph/build-graph";
import { RadiusEngine } from "../../lib/graph/radius-engine";
import { parseInventory } from "../../lib/inventory/parse-inventory";
import { generateCluster } from "./cluster-gen";

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (ms: number) => Math.round(ms * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1048576);

export function benchGraph(args: string[]): object {
  const pods = option(args, "pods", 10_000);
  const runs = option(args, "runs", 1);
  const seed = option(args, "seed", 42);
  let peakRss = process.memoryUsage().rss;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

  const generated = generateCluster({ pods, seed });
  sample();
  const times = { parse: [] as number[], build: [] as number[], radius: [] as number[], total: [] as number[], cpu: [] as number[] };
  let figures = { vertices: 0, edges: 0, classes: 0, workloads: 0, reachable: 0, topScore: 0 };
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const inventory = parseInventory([{ name: "bench.json", text: generated.text, format: "json" }]);
    const t1 = performance.now();
    sample();
    // CPU time too: on a shared machine wall time also counts other processes' turns.
    const cpu = process.cpuUsage();
    const graph = buildAttackGraph(inventory, { cluster: "bench" });
    const t2 = performance.now();
    sample();
    const engine = new RadiusEngine(graph);
    const radii = computeBlastRadius(graph, inventory, { engine });
    const t3 = performance.now();
    const used = process.cpuUsage(cpu);
    sample();
    times.cpu.push((used.user + used.system) / 1000);
    times.parse.push(t1 - t0);
    times.build.push(t2 - t1);
    times.radius.push(t3 - t2);
    times.total.push(t3 - t1);
    figures = {
      vertices: graph.vertexCount,
      edges: graph.edgeCount,
      classes: engine.classes.count,
      workloads: radii.length,
      reachable: radii.reduce((sum, r) => sum + r.reachable.length, 0),
      topScore: radii[0]?.score ?? 0,
    };
  }
  return {
    bench: "graph",
    pods: generated.pods,
    objects: generated.objects,
    inputMB: Math.round((generated.text.length / 1048576) * 10) / 10,
    runs,
    ...figures,
    ms: {
      parse: round(median(times.parse)),
      build: round(median(times.build)),
      blastRadius: round(median(times.radius)),
      buildPlusBlastRadius: round(median(times.total)),
      buildPlusBlastRadiusCpu: round(median(times.cpu)),
    },
    perRun: times.total.map(round),
    peakRssMB: mb(peakRss),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMB: mb(process.memoryUsage().heapUsed),
  };
}
